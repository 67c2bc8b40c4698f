//===--- AtomicFile.h - Files that readers never see half-written -*- C++ -*-=//

#ifndef ASYNC_LINT_CHECKS_UTILS_ATOMICFILE_H
#define ASYNC_LINT_CHECKS_UTILS_ATOMICFILE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace async_lint {

/// Writes Contents to Path through a temporary file in the same directory
/// and a rename, creating the directory if needed: a concurrent reader (a
/// parallel run, another worker) sees the old file or the new one, never
/// half of one.
llvm::Error writeFileAtomically(llvm::StringRef Path, llvm::StringRef Contents);

} // namespace async_lint

#endif // ASYNC_LINT_CHECKS_UTILS_ATOMICFILE_H
