//===--- Runner.cpp - Run the checks over translation units ---------------===//

#include "Runner.h"

#include "catalog/RuleCatalog.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"

namespace async_lint::driver {

using clang::tidy::ClangTidyError;

unsigned RunOutcome::findingsAtOrAbove(Severity Threshold) const {
  unsigned Count = 0;
  for (int Level = static_cast<int>(Threshold); Level <= 2; ++Level)
    Count += Findings[Level];
  return Count;
}

Severity severityOfCheck(llvm::StringRef CheckName) {
  const catalog::Rule *Rule =
      catalog::builtinCatalog().findRule(CheckName.str());
  if (!Rule || Rule->Severity == "warning")
    return Severity::Warning;
  return Rule->Severity == "error" ? Severity::Error : Severity::Note;
}

namespace {

/// Why a file cannot be analysed before the compiler even sees it, if it
/// cannot.
std::string problemWithInput(const std::string &File,
                             const clang::tooling::CompilationDatabase &Db) {
  llvm::sys::fs::file_status Status;
  if (llvm::sys::fs::status(File, Status))
    return "no such file";
  if (llvm::sys::fs::is_directory(Status))
    return "is a directory";
  if (!llvm::sys::fs::is_regular_file(Status))
    return "is not a regular file";
  if (Db.getCompileCommands(File).empty())
    return "no compile command for it in the compilation database";
  return {};
}

} // namespace

RunOutcome runChecks(const std::vector<std::string> &Files,
                     const clang::tooling::CompilationDatabase &Compilations,
                     const RunSettings &Settings) {
  RunOutcome Outcome;
  std::vector<ClangTidyError> AllErrors;
  std::string FirstFile;
  for (const std::string &File : Files) {
    llvm::SmallString<256> Absolute(File);
    llvm::sys::fs::make_absolute(Absolute);
    if (std::string Problem =
            problemWithInput(std::string(Absolute), Compilations);
        !Problem.empty()) {
      Outcome.NotAnalysed.emplace_back(File, Problem);
      continue;
    }
    if (FirstFile.empty())
      FirstFile = std::string(Absolute);

    clang::tidy::ClangTidyContext Context(Settings.MakeOptionsProvider());
    llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> BaseFS(
        new llvm::vfs::OverlayFileSystem(llvm::vfs::getRealFileSystem()));
    std::vector<ClangTidyError> Errors = clang::tidy::runClangTidy(
        Context, Compilations, {std::string(Absolute)}, BaseFS,
        Settings.Fix != clang::tidy::FB_NoFix);

    bool CompilerErrors = false;
    for (const ClangTidyError &Error : Errors) {
      llvm::StringRef Name = Error.DiagnosticName;
      if (Name.starts_with("clang-diagnostic-") &&
          Error.DiagLevel == ClangTidyError::Error && !Error.IsWarningAsError)
        CompilerErrors = true;
      if (Name.starts_with("async-"))
        ++Outcome.Findings[static_cast<int>(severityOfCheck(Name))];
    }
    if (CompilerErrors)
      Outcome.NotAnalysed.emplace_back(File, "it does not compile");
    else
      ++Outcome.FilesAnalysed;

    unsigned WarningsAsErrors = 0;
    // As clang-tidy: a file that does not compile is not fixed unless asked.
    const bool MayFix = !CompilerErrors || Settings.FixDespiteCompilerErrors;
    clang::tidy::handleErrors(Errors, Context,
                              MayFix ? Settings.Fix : clang::tidy::FB_NoFix,
                              WarningsAsErrors, BaseFS);
    Outcome.WarningsAsErrors += WarningsAsErrors;
    AllErrors.insert(AllErrors.end(), Errors.begin(), Errors.end());
  }

  if (!Settings.ExportFixesPath.empty()) {
    std::error_code EC;
    llvm::raw_fd_ostream Out(Settings.ExportFixesPath, EC,
                             llvm::sys::fs::OF_None);
    if (EC)
      Outcome.ExportError =
          "cannot write '" + Settings.ExportFixesPath + "': " + EC.message();
    else
      clang::tidy::exportReplacements(FirstFile, AllErrors, Out);
  }
  return Outcome;
}

} // namespace async_lint::driver
