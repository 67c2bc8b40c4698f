//===--- Runner.cpp - Run the checks over translation units ---------------===//

#include "Runner.h"

#include "catalog/UserProfiles.h"
#include "utils/AtomicFile.h"
#include "utils/ClangCompat.h"
#include "utils/ProjectFacts.h"

#include "clang-tidy/ClangTidyModule.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/xxhash.h"

#include <atomic>
#include <mutex>
#include <thread>

namespace async_lint::driver {

using clang::tidy::ClangTidyError;

namespace {

/// clang-tidy's checks as a frontend action, with the static analyser's
/// macro defined as clang-tidy defines it.
class ChecksActionFactory : public clang::tooling::FrontendActionFactory {
public:
  ChecksActionFactory(
      clang::tidy::ClangTidyContext &Context,
      llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> BaseFS)
      : ConsumerFactory(Context, std::move(BaseFS)) {}

  std::unique_ptr<clang::FrontendAction> create() override {
    return std::make_unique<Action>(ConsumerFactory);
  }

  bool
  runInvocation(std::shared_ptr<clang::CompilerInvocation> Invocation,
                clang::FileManager *Files,
                std::shared_ptr<clang::PCHContainerOperations> PCHContainerOps,
                clang::DiagnosticConsumer *Consumer) override {
    Invocation->getPreprocessorOpts().SetUpStaticAnalyzer = true;
    return FrontendActionFactory::runInvocation(Invocation, Files,
                                                PCHContainerOps, Consumer);
  }

private:
  class Action : public clang::ASTFrontendAction {
  public:
    explicit Action(clang::tidy::ClangTidyASTConsumerFactory &Factory)
        : Factory(Factory) {}
    std::unique_ptr<clang::ASTConsumer>
    CreateASTConsumer(clang::CompilerInstance &Compiler,
                      llvm::StringRef File) override {
      return Factory.createASTConsumer(Compiler, File);
    }

  private:
    clang::tidy::ClangTidyASTConsumerFactory &Factory;
  };

  clang::tidy::ClangTidyASTConsumerFactory ConsumerFactory;
};

/// The arguments clang-tidy adds from its options (ExtraArgsBefore after the
/// compiler's name, ExtraArgs at the end), and -fno-caret-diagnostics: every
/// diagnostic is captured and printed by us, so the compiler's own "N
/// warnings generated." would only run into our output.
clang::tooling::ArgumentsAdjuster
configuredArguments(clang::tidy::ClangTidyContext &Context) {
  return [&Context](const clang::tooling::CommandLineArguments &Args,
                    llvm::StringRef File) {
    clang::tidy::ClangTidyOptions Options = Context.getOptionsForFile(File);
    clang::tooling::CommandLineArguments Adjusted = Args;
    if (Options.ExtraArgsBefore) {
      auto I = Adjusted.begin();
      if (I != Adjusted.end() && !llvm::StringRef(*I).starts_with("-"))
        ++I;
      Adjusted.insert(I, Options.ExtraArgsBefore->begin(),
                      Options.ExtraArgsBefore->end());
    }
    if (Options.ExtraArgs)
      Adjusted.insert(Adjusted.end(), Options.ExtraArgs->begin(),
                      Options.ExtraArgs->end());
    Adjusted.push_back("-fno-caret-diagnostics");
    return Adjusted;
  };
}

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

/// A digest of this very executable: a rebuilt driver (changed checks, same
/// version number) does not read the findings of the old one.
const std::string &buildIdentity() {
  static const std::string Identity = [] {
    std::string Path = llvm::sys::fs::getMainExecutable(
        nullptr, reinterpret_cast<void *>(&buildIdentity));
    auto Binary = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (!Binary)
      return std::string("unknown build");
    return llvm::utohexstr(
        llvm::xxh3_64bits(llvm::arrayRefFromStringRef((*Binary)->getBuffer())));
  }();
  return Identity;
}

/// The cache key of a unit: everything but file contents that decides its
/// findings.
std::string cacheKeyOf(const FileResult &Result,
                       const clang::tooling::CompilationDatabase &Compilations,
                       llvm::StringRef RunKey) {
  CacheKey Key;
  Key.add("version", ASYNC_LINT_VERSION " LLVM " LLVM_VERSION_STRING);
  Key.add("build", buildIdentity());
  Key.add("file", Result.AbsolutePath);
  for (const clang::tooling::CompileCommand &Command :
       Compilations.getCompileCommands(Result.AbsolutePath)) {
    Key.add("directory", Command.Directory);
    for (const std::string &Argument : Command.CommandLine)
      Key.add("argument", Argument);
  }
  clang::tidy::ClangTidyOptions Options =
      Result.Context->getOptionsForFile(Result.AbsolutePath);
  // Where facts go and come from is the run's business (RunKey says what
  // they contain).
  Options.CheckOptions.erase(async_lint::facts::FactsDirectoryOption);
  Options.CheckOptions.erase(async_lint::facts::ProjectFactsOption);
  Key.add("options", clang::tidy::configurationAsText(Options));
  const std::string ProfilesKey(catalog::ProfilesOption);
  if (auto It = Options.CheckOptions.find(ProfilesKey);
      It != Options.CheckOptions.end())
    for (const std::string &Path :
         catalog::resolveProfilePaths(It->second.Value, Result.AbsolutePath)) {
      auto Text = llvm::MemoryBuffer::getFile(Path);
      Key.add("profile", Path);
      Key.add("profile-text", Text ? (*Text)->getBuffer() : "(unreadable)");
    }
  Key.add("run", RunKey);
  return Key.digest();
}

/// Whether every diagnostic is an async-* finding: a unit with compiler
/// messages or NOLINT errors is not kept, so that its messages are printed
/// again next time.
bool onlyFindings(const std::vector<ClangTidyError> &Errors) {
  return llvm::all_of(Errors, [](const ClangTidyError &Error) {
    return llvm::StringRef(Error.DiagnosticName).starts_with("async-");
  });
}

std::string factsFileOf(const FileResult &Result, const CacheUse &Cache,
                        llvm::StringRef Part = "") {
  llvm::SmallString<256> Path(Cache.FactsDirectory);
  llvm::sys::path::append(
      Path,
      Part.empty()
          ? async_lint::facts::unitFactsFileName(Result.AbsolutePath)
          : async_lint::facts::unitFactsFileName(Result.AbsolutePath, Part));
  return std::string(Path);
}

/// The unit's facts files, as the cache keeps them: their texts by part
/// ("" for the unit's own file); empty when the unit wrote none.
std::string factsAttachment(const FileResult &Result, const CacheUse &Cache) {
  llvm::json::Object Files;
  for (llvm::StringRef Part : async_lint::facts::unitFactsParts())
    if (auto Written =
            llvm::MemoryBuffer::getFile(factsFileOf(Result, Cache, Part)))
      Files[Part] = (*Written)->getBuffer().str();
  if (Files.empty())
    return "";
  return llvm::formatv("{0}", llvm::json::Value(std::move(Files)));
}

/// Writes back the facts files of factsAttachment, and removes the parts it
/// has not: they were written by a later analysis.
llvm::Error restoreFacts(const FileResult &Result, const CacheUse &Cache,
                         llvm::StringRef Attachment) {
  auto Parsed = llvm::json::parse(Attachment);
  if (!Parsed)
    return Parsed.takeError();
  const llvm::json::Object *Files = Parsed->getAsObject();
  if (!Files)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "facts in the cache are not an object");
  for (llvm::StringRef Part : async_lint::facts::unitFactsParts()) {
    std::string Path = factsFileOf(Result, Cache, Part);
    if (std::optional<llvm::StringRef> Text = Files->getString(Part)) {
      if (llvm::Error E = writeFileAtomically(Path, *Text))
        return E;
    } else {
      llvm::sys::fs::remove(Path);
    }
  }
  return llvm::Error::success();
}

void analyse(FileResult &Result,
             const clang::tooling::CompilationDatabase &Compilations,
             const OptionsProviderFactory &MakeOptionsProvider,
             bool ApplyAnyFix, const CacheUse &Cache) {
  // AbsolutePath was made before any worker started (see analyseFiles).
  Result.Problem = problemWithInput(Result.AbsolutePath, Compilations);
  if (!Result.Problem.empty())
    return;
  Result.Context = std::make_unique<clang::tidy::ClangTidyContext>(
      MakeOptionsProvider(Result.AbsolutePath));
  std::string Key;
  if (Cache.Cache) {
    Key = cacheKeyOf(Result, Compilations,
                     Cache.RunKey ? Cache.RunKey(Result.AbsolutePath) : "");
    if (std::optional<CachedUnit> Hit = Cache.Cache->lookup(Key)) {
      // A unit whose checks write no facts has none to restore; one whose
      // facts cannot be restored is analysed again.
      llvm::Error Restored = llvm::Error::success();
      if (!Cache.FactsDirectory.empty() && !Hit->Attachment.empty())
        Restored = restoreFacts(Result, Cache, Hit->Attachment);
      if (!Restored) {
        Result.Cached = std::move(Hit->Findings);
        return;
      }
      llvm::consumeError(std::move(Restored));
    }
  }
  // A physical file system with a working directory of its own: the
  // process-wide real one would follow the tool's changes of directory, which
  // would race between workers and move relative paths. With the cache, it
  // records the files the unit reads.
  llvm::IntrusiveRefCntPtr<RecordingFileSystem> Recording(
      new RecordingFileSystem(llvm::vfs::createPhysicalFileSystem()));
  Result.BaseFS = new llvm::vfs::OverlayFileSystem(Recording);
  Result.Errors = runChecks(*Result.Context, Compilations, Result.AbsolutePath,
                            Result.BaseFS, ApplyAnyFix);
  for (const ClangTidyError &Error : Result.Errors)
    if (llvm::StringRef(Error.DiagnosticName)
            .starts_with("clang-diagnostic-") &&
        Error.DiagLevel == ClangTidyError::Error && !Error.IsWarningAsError)
      Result.CompilerErrors = true;
  if (!Cache.Cache || !onlyFindings(Result.Errors))
    return;
  std::string Facts;
  if (!Cache.FactsDirectory.empty())
    Facts = factsAttachment(Result, Cache);
  SourceLines Lines;
  // A cache that cannot be written only makes the next run slower.
  llvm::consumeError(Cache.Cache->store(
      Key, Recording->filesRead(), findingsOf(Result.Errors, Lines), Facts));
}

} // namespace

std::vector<ClangTidyError>
runChecks(clang::tidy::ClangTidyContext &Context,
          const clang::tooling::CompilationDatabase &Compilations,
          const std::string &File,
          llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> BaseFS,
          bool ApplyAnyFix) {
  clang::tooling::ClangTool Tool(
      Compilations, {File}, std::make_shared<clang::PCHContainerOperations>(),
      BaseFS);
  // A file that does not compile is reported once, by the caller.
  Tool.setPrintErrorMessage(false);
  Tool.appendArgumentsAdjuster(configuredArguments(Context));
  Tool.appendArgumentsAdjuster(clang::tooling::getStripPluginsAdjuster());
  clang::tidy::ClangTidyDiagnosticConsumer Consumer(
      Context, nullptr, /*RemoveIncompatibleErrors=*/true, ApplyAnyFix);
  std::unique_ptr<clang::DiagnosticsEngine> Engine =
      clang::tidy::async::compat::attachDiagnostics(Context, Consumer);
  Tool.setDiagnosticConsumer(&Consumer);
  ChecksActionFactory Factory(Context, std::move(BaseFS));
  Tool.run(&Factory);
  return Consumer.take();
}

std::vector<FileResult>
analyseFiles(const std::vector<std::string> &Files,
             const clang::tooling::CompilationDatabase &Compilations,
             const OptionsProviderFactory &MakeOptionsProvider,
             bool ApplyAnyFix, unsigned Jobs, const ProgressCallback &Progress,
             const CacheUse &Cache) {
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
      analyse(Results[I], Compilations, MakeOptionsProvider, ApplyAnyFix,
              Cache);
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

ProgressLine::ProgressLine(bool Shown)
    : Shown(Shown), Started(std::chrono::steady_clock::now()) {}

ProgressCallback ProgressLine::callback() {
  if (!Shown)
    return nullptr;
  return [this](size_t Done, size_t Total, const std::string &File) {
    double Seconds = std::chrono::duration<double>(
                         std::chrono::steady_clock::now() - Started)
                         .count();
    llvm::errs() << llvm::formatv("\r\x1b[K[{0}/{1}] {2:f1}s {3}", Done, Total,
                                  Seconds, File);
    Showing = true;
  };
}

void ProgressLine::clear() {
  if (Showing)
    llvm::errs() << "\r\x1b[K";
  Showing = false;
}

} // namespace async_lint::driver
