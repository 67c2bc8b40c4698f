//===--- Baseline.h - Known findings of an old codebase ---------*- C++ -*-===//

#ifndef ASYNC_LINT_DRIVER_BASELINE_H
#define ASYNC_LINT_DRIVER_BASELINE_H

#include "Findings.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace async_lint::driver {

/// The findings recorded in a baseline, as a multiset: each entry matches at
/// most as many findings as it recorded.
class Baseline {
public:
  /// The commit the baseline was written at, if it was written in a git
  /// repository; renames are followed from there.
  std::string Commit;

  void add(llvm::StringRef Check, llvm::StringRef File, llvm::StringRef Line);
  /// Renamed files (new name to old name, relative to the baseline's
  /// directory) whose findings still match the entries of the old name.
  void followRenames(llvm::StringMap<std::string> NewToOld);
  /// Whether F is an old finding; if so, uses up one entry.
  bool consume(const Finding &F, llvm::StringRef BaselineDirectory);

private:
  llvm::StringMap<unsigned> Remaining;
  llvm::StringMap<std::string> RenamedFrom;
};

/// Writes the keys of the findings (see findingKeys) to Path, with the
/// current git commit if there is one. File names are stored relative to the
/// baseline's directory.
llvm::Error writeBaseline(llvm::StringRef Path,
                          const std::vector<Finding> &Findings);

/// Reads a baseline written by writeBaseline and, in a git repository, the
/// files renamed since it was written; any other file is an error that says
/// what was expected.
llvm::Expected<Baseline> readBaseline(llvm::StringRef Path);

/// The same, for a baseline's text, without looking at git; Path is only
/// used in messages.
llvm::Expected<Baseline> parseBaseline(llvm::StringRef Text,
                                       llvm::StringRef Path);

/// The directory that a baseline's file names are relative to.
std::string baselineDirectory(llvm::StringRef Path);

} // namespace async_lint::driver

#endif // ASYNC_LINT_DRIVER_BASELINE_H
