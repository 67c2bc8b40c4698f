//===--- Runner.h - Run the checks over translation units -------*- C++ -*-===//

#ifndef ASYNC_LINT_DRIVER_RUNNER_H
#define ASYNC_LINT_DRIVER_RUNNER_H

#include "Findings.h"
#include "ResultCache.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace async_lint::driver {

/// Makes a fresh options provider for the translation unit of a file.
using OptionsProviderFactory =
    std::function<std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>(
        llvm::StringRef File)>;

/// What analysing one input gave.
struct FileResult {
  /// The input as given.
  std::string File;
  std::string AbsolutePath;
  /// Why the input could not be analysed at all; empty when it was.
  std::string Problem;
  /// The input was analysed, but the compiler reported errors.
  bool CompilerErrors = false;
  std::unique_ptr<clang::tidy::ClangTidyContext> Context;
  std::vector<clang::tidy::ClangTidyError> Errors;
  /// The findings of an unchanged unit, from the results cache: the unit was
  /// not analysed, and Context and Errors are empty.
  std::optional<std::vector<Finding>> Cached;
  llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> BaseFS;
};

/// Runs the checks over one translation unit, as clang-tidy's runClangTidy
/// does but without the compiler printing anything itself: every diagnostic
/// is returned.
std::vector<clang::tidy::ClangTidyError>
runChecks(clang::tidy::ClangTidyContext &Context,
          const clang::tooling::CompilationDatabase &Compilations,
          const std::string &File,
          llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> BaseFS,
          bool ApplyAnyFix);

/// How a run uses the results cache.
struct CacheUse {
  ResultCache *Cache = nullptr;
  /// What the run adds to the configuration of a unit (the phase of the
  /// whole-project analysis, the project facts it reads), as part of the
  /// unit's key.
  std::function<std::string(llvm::StringRef AbsolutePath)> RunKey;
  /// Where units write their project facts: a unit taken from the cache has
  /// its facts file written back there.
  std::string FactsDirectory;
};

/// Analyses each file as its own translation unit, Jobs at a time. The
/// results are in the order of Files whatever Jobs is. A file that is missing
/// or has no compile command is given a Problem, and the others are still
/// analysed.
/// Called as each input is done, from the worker that did it (never two at
/// once).
using ProgressCallback =
    std::function<void(size_t Done, size_t Total, const std::string &File)>;

std::vector<FileResult>
analyseFiles(const std::vector<std::string> &Files,
             const clang::tooling::CompilationDatabase &Compilations,
             const OptionsProviderFactory &MakeOptionsProvider,
             bool ApplyAnyFix, unsigned Jobs,
             const ProgressCallback &Progress = nullptr,
             const CacheUse &Cache = {});

/// "[done/total] seconds file" on the last line of a terminal, redrawn in
/// place as inputs are done.
class ProgressLine {
public:
  explicit ProgressLine(bool Shown);
  /// Null when the line is not shown.
  ProgressCallback callback();
  /// Erases the line, so that whatever is printed next starts clean.
  void clear();

private:
  bool Shown;
  bool Showing = false;
  std::chrono::steady_clock::time_point Started;
};

} // namespace async_lint::driver

#endif // ASYNC_LINT_DRIVER_RUNNER_H
