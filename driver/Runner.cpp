//===--- Runner.cpp - Run the checks over translation units ---------------===//

#include "Runner.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <atomic>
#include <mutex>
#include <thread>

namespace async_lint::driver {

using clang::tidy::ClangTidyError;

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
  // A NUL byte in the first block: not source code (an object file, an
  // image) that a glob or a database picked up.
  if (auto Buffer = llvm::MemoryBuffer::getFile(File))
    if ((*Buffer)->getBuffer().take_front(4096).contains('\0'))
      return "is a binary file, not C or C++ source";
  if (Db.getCompileCommands(File).empty())
    return "no compile command for it in the compilation database";
  return {};
}

void analyse(FileResult &Result,
             const clang::tooling::CompilationDatabase &Compilations,
             const OptionsProviderFactory &MakeOptionsProvider,
             bool ApplyAnyFix) {
  // AbsolutePath was made before any worker started (see analyseFiles).
  Result.Problem = problemWithInput(Result.AbsolutePath, Compilations);
  if (!Result.Problem.empty())
    return;
  Result.Context = std::make_unique<clang::tidy::ClangTidyContext>(
      MakeOptionsProvider(Result.AbsolutePath));
  // A physical file system with a working directory of its own: the
  // process-wide real one would follow the tool's changes of directory, which
  // would race between workers and move relative paths.
  Result.BaseFS =
      new llvm::vfs::OverlayFileSystem(llvm::vfs::createPhysicalFileSystem());
  Result.Errors = clang::tidy::runClangTidy(*Result.Context, Compilations,
                                            {Result.AbsolutePath},
                                            Result.BaseFS, ApplyAnyFix);
  for (const ClangTidyError &Error : Result.Errors)
    if (llvm::StringRef(Error.DiagnosticName)
            .starts_with("clang-diagnostic-") &&
        Error.DiagLevel == ClangTidyError::Error && !Error.IsWarningAsError)
      Result.CompilerErrors = true;
}

} // namespace

std::vector<FileResult>
analyseFiles(const std::vector<std::string> &Files,
             const clang::tooling::CompilationDatabase &Compilations,
             const OptionsProviderFactory &MakeOptionsProvider,
             bool ApplyAnyFix, unsigned Jobs,
             const ProgressCallback &Progress) {
  std::vector<FileResult> Results(Files.size());
  for (size_t I = 0; I < Files.size(); ++I) {
    Results[I].File = Files[I];
    llvm::SmallString<256> Absolute(Files[I]);
    llvm::sys::fs::make_absolute(Absolute);
    llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
    Results[I].AbsolutePath = std::string(Absolute);
  }
  // Each translation unit has its own compiler instance and context, so
  // workers share nothing but the read-only catalog and options.
  std::atomic<size_t> Next{0};
  std::mutex ProgressMutex;
  size_t Done = 0;
  auto Work = [&] {
    for (size_t I = Next++; I < Results.size(); I = Next++) {
      analyse(Results[I], Compilations, MakeOptionsProvider, ApplyAnyFix);
      if (Progress) {
        std::lock_guard<std::mutex> Lock(ProgressMutex);
        Progress(++Done, Results.size(), Results[I].File);
      }
    }
  };
  Jobs = std::max(1u, std::min<unsigned>(Jobs, Files.size()));
  std::vector<std::thread> Workers;
  for (unsigned J = 1; J < Jobs; ++J)
    Workers.emplace_back(Work);
  Work();
  for (std::thread &Worker : Workers)
    Worker.join();
  return Results;
}

} // namespace async_lint::driver
