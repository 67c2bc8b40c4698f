//===--- ChangedLines.h - Lines changed since a git revision ----*- C++ -*-===//

#ifndef ASYNC_LINT_DRIVER_CHANGEDLINES_H
#define ASYNC_LINT_DRIVER_CHANGEDLINES_H

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"

#include <utility>
#include <vector>

namespace async_lint::driver {

/// Runs git with Args in the current directory and returns its output, or
/// git's error message.
llvm::Expected<std::string> git(llvm::ArrayRef<llvm::StringRef> Args);

/// For each file (absolute path), the ranges of lines [first, last] that
/// differ from Revision in the working tree, from `git diff -U0`. Files that
/// git does not track yet count as changed throughout.
class ChangedLines {
public:
  static llvm::Expected<ChangedLines> since(llvm::StringRef Revision);
  bool contains(llvm::StringRef File, unsigned Line) const;

private:
  llvm::StringMap<std::vector<std::pair<unsigned, unsigned>>> Ranges;
  llvm::StringMap<bool> WholeFiles;
};

} // namespace async_lint::driver

#endif // ASYNC_LINT_DRIVER_CHANGEDLINES_H
