//===--- Runner.h - Run the checks over translation units -------*- C++ -*-===//

#ifndef ASYNC_LINT_DRIVER_RUNNER_H
#define ASYNC_LINT_DRIVER_RUNNER_H

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace async_lint::driver {

/// Severities, ordered so that a threshold compares with >=.
enum class Severity { Note = 0, Warning = 1, Error = 2 };

struct RunSettings {
  /// Makes a fresh options provider for each translation unit's context.
  std::function<std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>()>
      MakeOptionsProvider;
  clang::tidy::FixBehaviour Fix = clang::tidy::FB_NoFix;
  /// Like clang-tidy's --fix-errors: fix even files with compiler errors.
  bool FixDespiteCompilerErrors = false;
  std::string ExportFixesPath;
};

struct RunOutcome {
  /// Findings of async-* checks, by the severity their rule declares.
  unsigned Findings[3] = {0, 0, 0};
  unsigned WarningsAsErrors = 0;
  unsigned FilesAnalysed = 0;
  /// Set when --export-fixes could not write its file.
  std::string ExportError;
  /// Inputs that could not be analysed, each with the reason.
  std::vector<std::pair<std::string, std::string>> NotAnalysed;

  unsigned findingsAtOrAbove(Severity Threshold) const;
};

/// Analyses each file as its own translation unit, prints its diagnostics as
/// clang-tidy does and applies fixes when asked. A file that is missing, has
/// no compile command or does not compile is recorded in NotAnalysed, and the
/// other files are still analysed.
RunOutcome runChecks(const std::vector<std::string> &Files,
                     const clang::tooling::CompilationDatabase &Compilations,
                     const RunSettings &Settings);

/// The severity a check's rule declares (warning for an unknown check).
Severity severityOfCheck(llvm::StringRef CheckName);

} // namespace async_lint::driver

#endif // ASYNC_LINT_DRIVER_RUNNER_H
