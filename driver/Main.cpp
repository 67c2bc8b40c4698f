//===--- Main.cpp - The async-lint command --------------------------------===//
//
// clang-tidy's engine with only the async-* checks registered, clang-tidy's
// familiar flags, and exit codes meant for CI gates:
//   0  no finding at or above --fail-on
//   1  findings at or above --fail-on (or warnings treated as errors)
//   2  usage or configuration error
//   3  some input could not be analysed (named on stderr; the others were)
//
//===----------------------------------------------------------------------===//

#include "CatalogCommands.h"
#include "Runner.h"

#include "catalog/RuleCatalog.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang-tidy/GlobList.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/WithColor.h"

using namespace clang::tidy;
namespace cl = llvm::cl;

namespace {

enum ExitCode : int {
  ExitClean = 0,
  ExitFindings = 1,
  ExitUsage = 2,
  ExitNotAnalysed = 3,
};

cl::OptionCategory AsyncLintCategory("async-lint options");

const char Overview[] = R"(
async-lint finds bugs in C++20 coroutine code: blocking calls on the event
loop, forgotten co_awaits, unowned tasks, unbounded awaits of cancelled work
and swallowed cancellation. Every async-* check is enabled by default.

  async-lint file.cpp -- -std=c++20          compile flags after --
  async-lint -p build file.cpp               flags from build/compile_commands.json
  async-lint -p build                        every file of the compilation database

Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or
configuration error, 3 some input could not be analysed.
)";

cl::opt<std::string> Checks("checks", cl::desc(R"(
Comma-separated globs of checks to run, added to the
default "-*,async-*" (e.g. -checks=-async-blocking-call).
)"),
                            cl::init(""), cl::cat(AsyncLintCategory));

cl::opt<std::string> Config("config", cl::desc(R"(
Configuration in YAML or JSON, as for clang-tidy's
--config, e.g. "{CheckOptions: {async-blocking-call.MutexLocking: true}}".
)"),
                            cl::init(""), cl::cat(AsyncLintCategory));

cl::opt<std::string> ConfigFile("config-file", cl::desc(R"(
Read the configuration from this file (clang-tidy's
.clang-tidy format) instead of searching for .clang-tidy files.
)"),
                                cl::init(""), cl::cat(AsyncLintCategory));

cl::opt<std::string> HeaderFilter("header-filter", cl::desc(R"(
Regular expression of headers whose diagnostics are shown
(those of the main files always are).
)"),
                                  cl::init(""), cl::cat(AsyncLintCategory));

cl::opt<bool> SystemHeaders("system-headers",
                            cl::desc("Show diagnostics from system headers."),
                            cl::init(false), cl::cat(AsyncLintCategory));

cl::opt<std::string> WarningsAsErrors("warnings-as-errors", cl::desc(R"(
Globs of checks whose findings are treated as errors.
)"),
                                      cl::init(""), cl::cat(AsyncLintCategory));

cl::opt<bool> Fix("fix", cl::desc("Apply the suggested fixes."),
                  cl::init(false), cl::cat(AsyncLintCategory));

cl::opt<bool> FixErrors("fix-errors", cl::desc(R"(
Apply the suggested fixes even if the file has compiler errors.
)"),
                        cl::init(false), cl::cat(AsyncLintCategory));

cl::opt<std::string> ExportFixes("export-fixes", cl::desc(R"(
Write the suggested fixes to this YAML file, in
clang-apply-replacements format.
)"),
                                 cl::value_desc("filename"),
                                 cl::cat(AsyncLintCategory));

cl::opt<bool> ListChecks("list-checks", cl::desc(R"(
List the enabled checks with their severity and a
one-line summary, and exit.
)"),
                         cl::init(false), cl::cat(AsyncLintCategory));

cl::opt<std::string> Explain("explain", cl::desc(R"(
Print a check's rationale, options and examples, and exit.
)"),
                             cl::value_desc("check"), cl::init(""),
                             cl::cat(AsyncLintCategory));

cl::opt<bool> DumpConfig("dump-config", cl::desc(R"(
Print the effective configuration, with every option of
the enabled checks, and exit.
)"),
                         cl::init(false), cl::cat(AsyncLintCategory));

cl::opt<std::string> FailOn("fail-on", cl::desc(R"(
Lowest severity that makes the exit code 1:
error, warning (the default) or note.
)"),
                            cl::init("warning"), cl::cat(AsyncLintCategory));

cl::opt<bool> Quiet("quiet", cl::desc("Print nothing but the findings."),
                    cl::init(false), cl::cat(AsyncLintCategory));

llvm::raw_ostream &error() {
  return llvm::WithColor::error(llvm::errs(), "async-lint");
}

/// Compiled in so that an installed async-lint finds <stddef.h> and friends
/// without a clang beside it.
std::vector<std::string> resourceDirArguments() {
  if (llvm::sys::fs::is_directory(ASYNC_LINT_CLANG_RESOURCE_DIR))
    return {"-resource-dir=" ASYNC_LINT_CLANG_RESOURCE_DIR};
  return {};
}

std::optional<ClangTidyOptions> parseConfigText(llvm::StringRef Text,
                                                llvm::StringRef Source) {
  bool Failed = false;
  auto Parsed = parseConfigurationWithDiags(
      llvm::MemoryBufferRef(Text, Source), [&](const llvm::SMDiagnostic &D) {
        Failed = true;
        D.print("async-lint", llvm::errs());
      });
  if (!Parsed) {
    if (!Failed)
      error() << "invalid configuration in " << Source << ": "
              << Parsed.getError().message() << "\n";
    return std::nullopt;
  }
  return *Parsed;
}

llvm::StringRef closestCheck(llvm::StringRef Name,
                             const llvm::StringSet<> &Known) {
  unsigned Best = 4;
  llvm::StringRef Closest;
  for (const auto &Entry : Known) {
    unsigned Distance = Name.edit_distance(Entry.getKey(), true, Best);
    if (Distance < Best) {
      Best = Distance;
      Closest = Entry.getKey();
    }
  }
  return Closest;
}

/// Every glob that enables checks must enable at least one of ours: a typo
/// must not turn a CI gate into a silent pass.
bool verifyCheckGlobs(llvm::StringRef Globs, llvm::StringRef Source) {
  const NamesAndOptions Known = getAllChecksAndOptions();
  bool Valid = true;
  llvm::SmallVector<llvm::StringRef, 8> Items;
  Globs.split(Items, ',', -1, false);
  for (llvm::StringRef Item : Items) {
    Item = Item.trim();
    bool Negative = Item.consume_front("-");
    if (Item.empty() || Item.starts_with("clang-diagnostic-") ||
        Item.starts_with("clang-analyzer-"))
      continue;
    GlobList Glob(Item);
    bool Matches = llvm::any_of(Known.Names, [&](const auto &Entry) {
      return Entry.getKey().starts_with("async-") &&
             Glob.contains(Entry.getKey());
    });
    if (Matches || Negative)
      continue;
    Valid = false;
    auto &Out = error() << Source << ": unknown check '" << Item << "'";
    llvm::StringRef Closest = closestCheck(Item, Known.Names);
    if (!Closest.empty() && Closest.starts_with("async-"))
      Out << "; did you mean '" << Closest << "'?";
    else
      Out << "; async-lint runs only async-* checks (see --list-checks)";
    Out << "\n";
  }
  return Valid;
}

/// The value of -p, read before CommonOptionsParser so that a broken database
/// is an error rather than its "Running without flags".
std::string buildPathArgument(int Argc, const char **Argv) {
  std::string Path;
  for (int I = 1; I < Argc; ++I) {
    llvm::StringRef Arg = Argv[I];
    if (Arg == "--")
      break;
    if ((Arg == "-p" || Arg == "--p") && I + 1 < Argc)
      Path = Argv[++I];
    else if (Arg.consume_front("-p=") || Arg.consume_front("--p="))
      Path = Arg.str();
  }
  return Path;
}

/// clang's JSON database loader accepts some malformed files silently; a
/// database that is not a JSON array of entries with "directory" and "file"
/// is reported here with its position.
bool validateCompilationDatabase(llvm::StringRef BuildPath) {
  llvm::SmallString<256> Path(BuildPath);
  if (llvm::sys::fs::is_directory(Path))
    llvm::sys::path::append(Path, "compile_commands.json");
  if (!llvm::sys::fs::exists(Path))
    return true;
  auto Text = llvm::MemoryBuffer::getFile(Path);
  if (!Text) {
    error() << "cannot read '" << Path << "': " << Text.getError().message()
            << "\n";
    return false;
  }
  llvm::Expected<llvm::json::Value> Parsed =
      llvm::json::parse((*Text)->getBuffer());
  if (!Parsed) {
    // The message reads "[line:column, byte=N]: what".
    std::string Message = llvm::toString(Parsed.takeError());
    llvm::StringRef Rest(Message);
    std::string Position;
    if (Rest.consume_front("[")) {
      // llvm::json counts columns from 0; editors count from 1.
      auto [Line, Column] =
          Rest.take_until([](char C) { return C == ','; }).split(':');
      unsigned ColumnNumber = 0;
      if (!Column.getAsInteger(10, ColumnNumber))
        Position = (Line + ":" + llvm::Twine(ColumnNumber + 1)).str();
      Rest = Rest.drop_until([](char C) { return C == ']'; })
                 .drop_front()
                 .ltrim(": ");
    }
    error() << Path << (Position.empty() ? "" : ":") << Position
            << ": malformed compilation database: " << Rest << "\n";
    return false;
  }
  const llvm::json::Array *Entries = Parsed->getAsArray();
  if (!Entries) {
    error() << Path << ": malformed compilation database: expected an array "
            << "of compile commands\n";
    return false;
  }
  for (size_t Index = 0; Index < Entries->size(); ++Index) {
    const llvm::json::Object *Entry = (*Entries)[Index].getAsObject();
    if (!Entry || !Entry->getString("directory") || !Entry->getString("file") ||
        (!Entry->get("command") && !Entry->get("arguments"))) {
      error() << Path << ": malformed compilation database: entry " << Index
              << " needs \"directory\", \"file\" and \"command\" or "
              << "\"arguments\"\n";
      return false;
    }
  }
  return true;
}

bool hasCompileFlagsSeparator(int Argc, const char **Argv) {
  for (int I = 1; I < Argc; ++I)
    if (llvm::StringRef(Argv[I]) == "--")
      return true;
  return false;
}

/// --extra-arg and --extra-arg-before, which CommonOptionsParser registers but
/// applies only to the database it loads itself.
std::unique_ptr<clang::tooling::CompilationDatabase>
withExtraArguments(std::unique_ptr<clang::tooling::CompilationDatabase> Db) {
  auto Adjusting =
      std::make_unique<clang::tooling::ArgumentsAdjustingCompilations>(
          std::move(Db));
  auto &Registered = cl::getRegisteredOptions();
  for (auto [Name, Position] :
       {std::pair{"extra-arg-before",
                  clang::tooling::ArgumentInsertPosition::BEGIN},
        std::pair{"extra-arg", clang::tooling::ArgumentInsertPosition::END}}) {
    auto It = Registered.find(Name);
    if (It == Registered.end())
      continue;
    const auto &Values = *static_cast<cl::list<std::string> *>(It->second);
    std::vector<std::string> Args(Values.begin(), Values.end());
    if (!Args.empty())
      Adjusting->appendArgumentsAdjuster(
          clang::tooling::getInsertArgumentAdjuster(Args, Position));
  }
  return Adjusting;
}

std::optional<async_lint::driver::Severity> parseSeverity(llvm::StringRef S) {
  using async_lint::driver::Severity;
  if (S == "error")
    return Severity::Error;
  if (S == "warning")
    return Severity::Warning;
  if (S == "note")
    return Severity::Note;
  return std::nullopt;
}

} // namespace

int main(int Argc, const char **Argv) {
  llvm::InitLLVM InitLLVM(Argc, Argv);
  cl::SetVersionPrinter([](llvm::raw_ostream &OS) {
    OS << "async-lint " ASYNC_LINT_VERSION " (LLVM " LLVM_VERSION_STRING ")\n";
  });
  cl::HideUnrelatedOptions(AsyncLintCategory);

  const std::string BuildPath = buildPathArgument(Argc, Argv);
  const bool HasCompileFlags = hasCompileFlagsSeparator(Argc, Argv);
  std::unique_ptr<clang::tooling::CompilationDatabase> OwnDatabase;
  if (!BuildPath.empty() && !HasCompileFlags) {
    if (!validateCompilationDatabase(BuildPath))
      return ExitUsage;
    std::string Message;
    OwnDatabase = clang::tooling::CompilationDatabase::autoDetectFromDirectory(
        BuildPath, Message);
    if (!OwnDatabase) {
      error() << "cannot load the compilation database from '" << BuildPath
              << "': " << llvm::StringRef(Message).trim() << "\n";
      return ExitUsage;
    }
  }

  auto Parser = clang::tooling::CommonOptionsParser::create(
      Argc, Argv, AsyncLintCategory, cl::ZeroOrMore, Overview);
  if (!Parser) {
    error() << llvm::toString(Parser.takeError());
    return ExitUsage;
  }

  if (!Explain.empty())
    return async_lint::driver::explainCheck(Explain) ? ExitClean : ExitUsage;

  auto FailThreshold = parseSeverity(FailOn);
  if (!FailThreshold) {
    error() << "--fail-on must be error, warning or note, not '" << FailOn
            << "'\n";
    return ExitUsage;
  }
  if (Checks.getNumOccurrences() && !verifyCheckGlobs(Checks, "--checks"))
    return ExitUsage;

  ClangTidyGlobalOptions GlobalOptions;
  ClangTidyOptions DefaultOptions;
  DefaultOptions.Checks = "-*,async-*";
  DefaultOptions.WarningsAsErrors = "";
  DefaultOptions.HeaderFilterRegex = HeaderFilter;
  DefaultOptions.SystemHeaders = SystemHeaders;
  DefaultOptions.User = llvm::sys::Process::GetEnv("USER");
  DefaultOptions = ClangTidyOptions::getDefaults().merge(DefaultOptions, 0);

  ClangTidyOptions OverrideOptions;
  if (Checks.getNumOccurrences())
    OverrideOptions.Checks = Checks;
  if (WarningsAsErrors.getNumOccurrences())
    OverrideOptions.WarningsAsErrors = WarningsAsErrors;
  if (HeaderFilter.getNumOccurrences())
    OverrideOptions.HeaderFilterRegex = HeaderFilter;
  if (SystemHeaders.getNumOccurrences())
    OverrideOptions.SystemHeaders = SystemHeaders;
  std::vector<std::string> ResourceDir = resourceDirArguments();
  if (!ResourceDir.empty())
    OverrideOptions.ExtraArgsBefore = ResourceDir;

  std::optional<ClangTidyOptions> ExplicitConfig;
  if (ConfigFile.getNumOccurrences() && Config.getNumOccurrences()) {
    error() << "--config and --config-file cannot be used together\n";
    return ExitUsage;
  }
  if (ConfigFile.getNumOccurrences()) {
    auto Text = llvm::MemoryBuffer::getFile(ConfigFile);
    if (!Text) {
      error() << "cannot read config file '" << ConfigFile
              << "': " << Text.getError().message() << "\n";
      return ExitUsage;
    }
    ExplicitConfig = parseConfigText((*Text)->getBuffer(), ConfigFile);
    if (!ExplicitConfig)
      return ExitUsage;
  } else if (Config.getNumOccurrences()) {
    ExplicitConfig = parseConfigText(Config, "--config");
    if (!ExplicitConfig)
      return ExitUsage;
  }
  // A configuration that starts from "-*" needs no default in front of it;
  // leaving it out keeps --dump-config output stable when fed back in.
  if (ExplicitConfig && ExplicitConfig->Checks &&
      llvm::StringRef(*ExplicitConfig->Checks).ltrim().starts_with("-*"))
    DefaultOptions.Checks = "";
  if (ExplicitConfig && ExplicitConfig->Checks &&
      !verifyCheckGlobs(*ExplicitConfig->Checks,
                        ConfigFile.empty() ? llvm::StringRef("--config")
                                           : llvm::StringRef(ConfigFile)))
    return ExitUsage;

  auto MakeOptionsProvider =
      [&]() -> std::unique_ptr<ClangTidyOptionsProvider> {
    if (ExplicitConfig)
      return std::make_unique<ConfigOptionsProvider>(
          GlobalOptions, DefaultOptions, *ExplicitConfig, OverrideOptions);
    return std::make_unique<FileOptionsProvider>(GlobalOptions, DefaultOptions,
                                                 OverrideOptions);
  };

  // Where compile flags come from: after "--", from -p, or from a
  // compile_commands.json found upward from the first file (or, with no file,
  // from the current directory).
  std::vector<std::string> Files = Parser->getSourcePathList();
  const bool FromDatabase = Files.empty() && !HasCompileFlags;
  const clang::tooling::CompilationDatabase *Compilations = nullptr;
  if (!Files.empty() || HasCompileFlags) {
    Compilations = &Parser->getCompilations();
  } else {
    if (!OwnDatabase) {
      std::string Ignored;
      llvm::SmallString<256> Here;
      llvm::sys::fs::current_path(Here);
      OwnDatabase =
          clang::tooling::CompilationDatabase::autoDetectFromDirectory(Here,
                                                                       Ignored);
    }
    if (OwnDatabase) {
      OwnDatabase = withExtraArguments(std::move(OwnDatabase));
      Compilations = OwnDatabase.get();
      Files = Compilations->getAllFiles();
    }
  }

  llvm::SmallString<256> FirstFile(Files.empty() ? "dummy.cpp" : Files[0]);
  llvm::sys::fs::make_absolute(FirstFile);
  ClangTidyOptions Effective =
      MakeOptionsProvider()->getOptions(FirstFile.str());
  std::vector<std::string> Enabled = getCheckNames(Effective, false);

  if (ListChecks) {
    async_lint::driver::listChecks(Enabled);
    return ExitClean;
  }
  if (DumpConfig) {
    Effective.CheckOptions = getCheckOptions(Effective, false);
    // Only the options of enabled checks, as clang-tidy prints them.
    ClangTidyOptions::OptionMap Kept;
    for (const auto &Option : Effective.CheckOptions)
      for (const std::string &Check : Enabled)
        if (Option.getKey().starts_with(Check + "."))
          Kept.insert({Option.getKey(), Option.getValue()});
    Effective.CheckOptions = std::move(Kept);
    // The compiled-in resource directory is an internal default, not
    // configuration: printed, it would be added again when read back.
    if (Effective.ExtraArgsBefore)
      llvm::erase_if(*Effective.ExtraArgsBefore, [&](const std::string &Arg) {
        return llvm::is_contained(ResourceDir, Arg);
      });
    llvm::outs() << configurationAsText(Effective) << "\n";
    return ExitClean;
  }
  if (Enabled.empty()) {
    error() << "no checks are enabled (see --checks and --list-checks)\n";
    return ExitUsage;
  }
  if (Files.empty()) {
    error() << (Compilations && FromDatabase
                    ? "the compilation database lists no files\n"
                    : "no input files\n");
    return ExitUsage;
  }

  llvm::InitializeAllTargetInfos();
  llvm::InitializeAllTargetMCs();
  llvm::InitializeAllAsmParsers();

  async_lint::driver::RunSettings Settings;
  Settings.MakeOptionsProvider = MakeOptionsProvider;
  Settings.Fix = (Fix || FixErrors) ? FB_Fix : FB_NoFix;
  Settings.FixDespiteCompilerErrors = FixErrors;
  Settings.ExportFixesPath = ExportFixes;
  async_lint::driver::RunOutcome Outcome =
      async_lint::driver::runChecks(Files, *Compilations, Settings);

  for (const auto &[File, Reason] : Outcome.NotAnalysed)
    error() << "could not analyse '" << File << "': " << Reason << "\n";
  if (!Outcome.ExportError.empty()) {
    error() << Outcome.ExportError << "\n";
    return ExitUsage;
  }
  if (!Quiet) {
    const unsigned Total =
        Outcome.findingsAtOrAbove(async_lint::driver::Severity::Note);
    llvm::errs() << "async-lint: " << Total
                 << (Total == 1 ? " finding" : " findings") << " in "
                 << Outcome.FilesAnalysed
                 << (Outcome.FilesAnalysed == 1 ? " file" : " files");
    if (!Outcome.NotAnalysed.empty())
      llvm::errs() << "; " << Outcome.NotAnalysed.size()
                   << " could not be analysed";
    llvm::errs() << "\n";
  }
  if (!Outcome.NotAnalysed.empty())
    return ExitNotAnalysed;
  if (Outcome.WarningsAsErrors || Outcome.findingsAtOrAbove(*FailThreshold) > 0)
    return ExitFindings;
  return ExitClean;
}
