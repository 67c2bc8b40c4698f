//===--- MergeSummaries.h - async-lint merge-summaries ----------*- C++ -*-===//
//
// The reduce step of the whole-project analysis, on its own, for builds that
// analyse translation units elsewhere (the plugin under remote execution, a
// compile launcher): merges the facts files of the units into the one file
// that the checks read back through async-lint.ProjectFacts.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_MERGESUMMARIES_H
#define ASYNC_LINT_DRIVER_MERGESUMMARIES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace async_lint::driver {

/// `async-lint merge-summaries [-o FILE] INPUT...`, with the arguments after
/// the subcommand's name. Each input is a facts file or a directory of them.
/// Returns the exit code: 0, or 2 when an input could not be read (the
/// others are merged and written all the same) or the usage is wrong.
int mergeSummariesCommand(llvm::ArrayRef<const char *> Arguments,
                          llvm::raw_ostream &Out, llvm::raw_ostream &Err);

/// Merges the facts files in Inputs (files or directories) into Output;
/// problems are appended, one line each. False when Output could not be
/// written.
bool mergeSummaries(const std::vector<std::string> &Inputs,
                    llvm::StringRef Output, std::vector<std::string> &Problems,
                    size_t *Functions = nullptr);

} // namespace async_lint::driver

#endif // ASYNC_LINT_DRIVER_MERGESUMMARIES_H
