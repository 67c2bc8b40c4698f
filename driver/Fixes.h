//===--- Fixes.h - Apply the findings' suggested edits ----------*- C++ -*-===//

#ifndef ASYNC_LINT_DRIVER_FIXES_H
#define ASYNC_LINT_DRIVER_FIXES_H

#include "Findings.h"

#include "clang/Tooling/Core/Replacement.h"

#include <map>
#include <string>

namespace async_lint::driver {

/// The edits --fix makes, collected first (so that the report still shows
/// the code as it was) and written once every finding is known.
class FixPlan {
public:
  /// Takes F's edits, as clang-tidy does: one that overlaps an edit taken
  /// before is moved past it when it keeps its length, and otherwise left
  /// out. Records the outcome on each edit. FormatStyle is clang-tidy's
  /// option for the file, used to tidy the code around the edits.
  void add(Finding &F, llvm::StringRef FormatStyle);

  /// Writes the edited files; a file that cannot be edited is named in one
  /// line on standard error. False if any could not.
  bool write() const;

  unsigned applied() const { return Applied; }
  unsigned suggested() const { return Suggested; }

private:
  struct FileEdits {
    clang::tooling::Replacements Replacements;
    std::string FormatStyle;
  };
  std::map<std::string, FileEdits> Files;
  unsigned Applied = 0;
  unsigned Suggested = 0;
};

} // namespace async_lint::driver

#endif // ASYNC_LINT_DRIVER_FIXES_H
