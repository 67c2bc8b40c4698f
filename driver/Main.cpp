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

#include "Baseline.h"
#include "CatalogCommands.h"
#include "ChangedLines.h"
#include "ConfigValidation.h"
#include "Findings.h"
#include "OutputFile.h"
#include "ProjectConfig.h"
#include "Reports.h"
#include "Runner.h"
#include "Suppressions.h"

#include "catalog/RuleCatalog.h"
#include "catalog/UserProfiles.h"
#include "utils/ClangCompat.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/WithColor.h"

#include <chrono>
#ifdef __GLIBC__
#include <malloc.h>
#include <map>
#endif
#include <set>
#include <thread>
#include <tuple>
#include <unistd.h>

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

/// "-*,async-*" less the rules the catalog marks as off by default.
std::string defaultCheckGlobs() {
  std::string Globs = "-*,async-*";
  for (const async_lint::catalog::Rule &Rule :
       async_lint::catalog::builtinCatalog().rules())
    if (!Rule.EnabledByDefault)
      Globs += ",-" + Rule.Id;
  return Globs;
}

const char Overview[] = R"(
async-lint finds bugs in C++20 coroutine code: blocking calls on the event
loop, forgotten co_awaits, unowned tasks, unbounded awaits of cancelled work
and swallowed cancellation. Every async-* check is enabled by default except
the strict ones, which --list-checks shows when "-checks=async-*" names them.

  async-lint file.cpp -- -std=c++20          compile flags after --
  async-lint -p build file.cpp               flags from build/compile_commands.json
  async-lint file.cpp                        flags from the nearest compile_commands.json
                                             (here, above, or in build/ of either)
  async-lint -p build                        every file of the compilation database

Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or
configuration error, 3 some input could not be analysed.
)";

cl::opt<std::string> Checks("checks", cl::desc(R"(
Comma-separated globs of checks to run, added to the
default "-*,async-*" less the strict checks (e.g.
-checks=-async-blocking-call, or -checks=async-* for all).
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

cl::opt<bool> ListProfiles("list-profiles", cl::desc(R"(
List the runtime profiles in effect (id, title, source
file): the built-in ones and the user's, and exit. The
user's are named by `profiles:` in .async-lint.yaml
(relative to that file) or by the check option
async-lint.Profiles (';'-separated, e.g. in .clang-tidy
CheckOptions; a relative path is looked up in the
analysed file's directory, then its ancestors, nearest
first, else in the working directory).
)"),
                           cl::init(false), cl::cat(AsyncLintCategory));

cl::opt<std::string> Explain("explain", cl::desc(R"(
Print a check's rationale, options and examples, and exit.
)"),
                             cl::value_desc("check"), cl::init(""),
                             cl::cat(AsyncLintCategory));

cl::opt<bool> VerifyConfig("verify-config", cl::desc(R"(
Check the configuration (flags, .clang-tidy and
.async-lint.yaml files of the inputs), print its problems
and exit: 0 when there are none, 2 otherwise.
)"),
                           cl::init(false), cl::cat(AsyncLintCategory));

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

cl::opt<bool> Quiet("quiet", cl::desc(R"(
Print nothing but the findings: no progress line and
no summary.
)"),
                    cl::init(false), cl::cat(AsyncLintCategory));

cl::opt<bool> ReportUnusedSuppressions("report-unused-suppressions",
                                       cl::desc(R"(
Report NOLINT comments naming async-* checks that
suppress nothing, so stale suppressions do not pile up.
)"),
                                       cl::init(false),
                                       cl::cat(AsyncLintCategory));

cl::opt<int> Jobs("jobs", cl::desc(R"(
Translation units analysed in parallel (default: the
number of cores). Output is in the same order whatever
the number.
)"),
                  cl::init(0), cl::cat(AsyncLintCategory));
cl::alias JobsShort("j", cl::desc("Alias for --jobs"), cl::aliasopt(Jobs));

cl::opt<std::string> Format("format", cl::desc(R"(
Output format: text (the default, as clang-tidy prints),
json (see docs/output-formats.md) or sarif (SARIF 2.1.0).
)"),
                            cl::init("text"), cl::cat(AsyncLintCategory));

cl::opt<std::string> Output("output", cl::desc(R"(
Write the report to this file instead of standard output.
)"),
                            cl::value_desc("file"), cl::init(""),
                            cl::cat(AsyncLintCategory));

cl::opt<std::string> BaselineFile("baseline", cl::desc(R"(
Report only findings that are not in this baseline file
(written by --write-baseline).
)"),
                                  cl::value_desc("file"), cl::init(""),
                                  cl::cat(AsyncLintCategory));

cl::opt<std::string> WriteBaseline("write-baseline", cl::desc(R"(
Record today's findings in this file and exit 0; later
runs with --baseline report only new ones. With
--baseline, keep only its findings that are still there.
)"),
                                   cl::value_desc("file"), cl::init(""),
                                   cl::cat(AsyncLintCategory));

cl::opt<std::string> ChangedSince("changed-since", cl::desc(R"(
Report only findings on lines changed since this git
revision (git diff -U0 REV), and in files git does not
track yet.
)"),
                                  cl::value_desc("rev"), cl::init(""),
                                  cl::cat(AsyncLintCategory));

/// LLVM registers a --color=true|false of its own; ours takes clang's values.
/// It is made only once LLVM's is unregistered, which two options of one name
/// would abort.
cl::opt<std::string> &colorOption() {
  auto &Registered = cl::getRegisteredOptions();
  if (auto It = Registered.find("color"); It != Registered.end())
    It->second->removeArgument();
  static cl::opt<std::string> Color("color", cl::desc(R"(
Colour the findings and messages: auto (the default:
when printed on a terminal and NO_COLOR is not set),
always or never.
)"),
                                    cl::value_desc("when"), cl::init("auto"),
                                    cl::cat(AsyncLintCategory));
  return Color;
}

/// Whether \p Stream is coloured under --color=auto (see no-color.org).
bool autoColour(bool StreamHasColours) {
  return StreamHasColours &&
         llvm::sys::Process::GetEnv("NO_COLOR").value_or("").empty();
}

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

/// Prints the command-line parser's message: each line once, with our
/// prefix (the parser starts some lines with the program name, some with
/// "error: " as well, and prints a few messages itself).
void reportCommandLineError(llvm::StringRef Message, llvm::StringRef Program) {
  llvm::SmallVector<llvm::StringRef, 4> Lines;
  Message.split(Lines, '\n', -1, false);
  for (llvm::StringRef Line : Lines) {
    while (Line.consume_front((Program + ": ").str()) ||
           Line.consume_front("error: "))
      ;
    Line = Line.trim();
    if (Line.starts_with("Did you mean"))
      llvm::WithColor::note(llvm::errs(), "async-lint") << Line << "\n";
    else if (!Line.empty())
      error() << Line << "\n";
  }
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

/// The compilation database for \p File when neither -p nor "--" is given:
/// like clangd, the nearest of the file's directory and its ancestors, each
/// also in its build/ subdirectory. Null if there is none, or if one found is
/// malformed (which has been reported).
std::unique_ptr<clang::tooling::CompilationDatabase>
findCompilationDatabase(llvm::StringRef File, bool &Malformed) {
  llvm::SmallString<256> Directory(File);
  llvm::sys::fs::make_absolute(Directory);
  llvm::sys::path::remove_dots(Directory, true);
  for (llvm::sys::path::remove_filename(Directory); !Directory.empty();
       Directory = llvm::sys::path::parent_path(Directory)) {
    for (llvm::StringRef Subdirectory : {"", "build"}) {
      llvm::SmallString<256> Candidate(Directory);
      llvm::sys::path::append(Candidate, Subdirectory);
      if (!llvm::sys::fs::is_directory(Candidate))
        continue;
      if (!validateCompilationDatabase(Candidate)) {
        Malformed = true;
        return nullptr;
      }
      std::string Ignored;
      // Not autoDetectFromDirectory, which would look further up first.
      if (auto Database =
              clang::tooling::CompilationDatabase::loadFromDirectory(Candidate,
                                                                     Ignored))
        return Database;
    }
  }
  return nullptr;
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

/// The C and C++ sources below a directory, sorted, skipping hidden
/// directories (.git).
std::vector<std::string> sourcesBelow(llvm::StringRef Directory) {
  static constexpr llvm::StringLiteral Extensions[] = {
      ".c", ".cc", ".cpp", ".cxx", ".c++", ".C", ".m", ".mm"};
  std::vector<std::string> Sources;
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(Directory, EC), End;
       It != End && !EC; It.increment(EC)) {
    llvm::StringRef Path = It->path();
    llvm::StringRef Name = llvm::sys::path::filename(Path);
    if (It->type() == llvm::sys::fs::file_type::directory_file) {
      if (Name.starts_with("."))
        It.no_push();
      continue;
    }
    if (llvm::is_contained(Extensions, llvm::sys::path::extension(Path)))
      Sources.push_back(Path.str());
  }
  llvm::sort(Sources);
  return Sources;
}

/// Paths compared with git's, which resolves symbolic links.
std::string realPath(llvm::StringRef Path) {
  llvm::SmallString<256> Real;
  if (llvm::sys::fs::real_path(Path, Real))
    return Path.str();
  return std::string(Real);
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

/// Each translation unit allocates and frees a few hundred MiB. By default
/// glibc gives freed memory back to the kernel and the next translation unit
/// faults it in again page by page, which costs a few percent of the run (more
/// with two workers, each with its own arena). Keeping it halves the page
/// faults; peak memory is set by the largest units either way.
void keepFreedMemoryForTheNextFile() {
#ifdef __GLIBC__
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
#endif
}

} // namespace

int main(int Argc, const char **Argv) {
  llvm::InitLLVM InitLLVM(Argc, Argv);
  keepFreedMemoryForTheNextFile();
  cl::SetVersionPrinter([](llvm::raw_ostream &OS) {
    OS << "async-lint " ASYNC_LINT_VERSION " (LLVM " LLVM_VERSION_STRING ")\n";
  });
  cl::opt<std::string> &Color = colorOption();
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

  // The parser would print its own "requires a value!" without our prefix.
  for (int I = 1; I < Argc; ++I)
    if (llvm::is_contained({"--explain", "-explain"},
                           llvm::StringRef(Argv[I])) &&
        (I + 1 == Argc || llvm::StringRef(Argv[I + 1]) == "--")) {
      error() << "--explain needs a check name (see --list-checks)\n";
      return ExitUsage;
    }

  // Without -p or flags, the parser would look for a database above the first
  // file only and otherwise run without flags; an empty "--" stops it, and
  // the database is searched for below, once the files are known.
  const bool SearchDatabase = BuildPath.empty() && !HasCompileFlags;
  std::vector<const char *> Arguments(Argv, Argv + Argc);
  if (SearchDatabase)
    Arguments.push_back("--");
  int ArgumentCount = Arguments.size();
  auto Parser = clang::tooling::CommonOptionsParser::create(
      ArgumentCount, Arguments.data(), AsyncLintCategory, cl::ZeroOrMore,
      Overview);
  if (!Parser) {
    reportCommandLineError(llvm::toString(Parser.takeError()),
                           llvm::sys::path::filename(Argv[0]));
    return ExitUsage;
  }
  if (Color == "always")
    llvm::WithColor::setAutoDetectFunction(
        [](const llvm::raw_ostream &) { return true; });
  else if (Color == "never")
    llvm::WithColor::setAutoDetectFunction(
        [](const llvm::raw_ostream &) { return false; });
  else if (Color == "auto")
    llvm::WithColor::setAutoDetectFunction([](const llvm::raw_ostream &Stream) {
      return autoColour(Stream.has_colors());
    });
  else {
    error() << "--color must be auto, always or never, not '" << Color << "'\n";
    return ExitUsage;
  }
  if (Jobs < 0) {
    error() << "--jobs must be a number of translation units, or 0 for one per "
               "core, not '"
            << Jobs << "'\n";
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
  // Every configuration problem is collected and printed once, before
  // anything is linted; with --verify-config nothing is.
  using async_lint::driver::ForeignChecks;
  async_lint::driver::ConfigProblems Problems;
  auto ValidateFlag = [&](cl::opt<std::string> &Flag,
                          std::optional<std::string> ClangTidyOptions::*Field) {
    if (!Flag.getNumOccurrences())
      return;
    ClangTidyOptions Given;
    Given.*Field = Flag.getValue();
    async_lint::driver::validateOptions(Given, "--" + Flag.ArgStr.str(),
                                        ForeignChecks::Rejected, Problems);
  };
  ValidateFlag(Checks, &ClangTidyOptions::Checks);
  ValidateFlag(HeaderFilter, &ClangTidyOptions::HeaderFilterRegex);
  auto ReportProblems = [&] {
    for (const std::string &Problem : Problems)
      llvm::errs() << Problem;
    return !Problems.empty();
  };
  if (ReportProblems())
    return ExitUsage;

  ClangTidyGlobalOptions GlobalOptions;
  ClangTidyOptions DefaultOptions;
  DefaultOptions.Checks = defaultCheckGlobs();
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
  // The engine prints the findings on standard output.
  OverrideOptions.UseColor =
      Color == "auto" ? autoColour(llvm::sys::Process::StandardOutHasColors())
                      : Color == "always";
  std::vector<std::string> ResourceDir = resourceDirArguments();
  if (!ResourceDir.empty())
    OverrideOptions.ExtraArgsBefore = ResourceDir;
  // The compiler prints "N warnings generated." only with carets on; the
  // engine prints findings with carets of its own either way.
  const std::string NoCompilerSummary = "-fno-caret-diagnostics";
  if (Quiet)
    OverrideOptions.ExtraArgs = std::vector<std::string>{NoCompilerSummary};

  // --config FILE names an .async-lint.yaml for every input; --config TEXT
  // is clang-tidy configuration, as for clang-tidy.
  // Text with neither ':' nor '{' is no YAML mapping, so it names a file,
  // perhaps a missing one.
  std::shared_ptr<const async_lint::driver::ProjectConfig> FixedProjectConfig;
  if (Config.getNumOccurrences() &&
      (llvm::sys::fs::is_regular_file(Config) ||
       llvm::StringRef(Config).find_first_of(":{") == llvm::StringRef::npos)) {
    auto Loaded = async_lint::driver::ProjectConfig::load(Config);
    if (!Loaded) {
      error() << llvm::toString(Loaded.takeError()) << "\n";
      return ExitUsage;
    }
    FixedProjectConfig =
        std::make_shared<const async_lint::driver::ProjectConfig>(
            std::move(*Loaded));
  }
  async_lint::driver::ProjectConfigFinder ProjectConfigs(FixedProjectConfig);

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
    ExplicitConfig = async_lint::driver::parseClangTidyConfig(
        (*Text)->getBuffer(), ConfigFile, Problems);
    if (ExplicitConfig)
      async_lint::driver::validateOptions(*ExplicitConfig, ConfigFile,
                                          ForeignChecks::Rejected, Problems,
                                          (*Text)->getBuffer());
  } else if (Config.getNumOccurrences() && !FixedProjectConfig) {
    ExplicitConfig =
        async_lint::driver::parseClangTidyConfig(Config, "--config", Problems);
    if (ExplicitConfig)
      async_lint::driver::validateOptions(*ExplicitConfig, "--config",
                                          ForeignChecks::Rejected, Problems);
  }
  if (ReportProblems())
    return ExitUsage;
  // A configuration that starts from "-*" needs no default in front of it;
  // leaving it out keeps --dump-config output stable when fed back in.
  if (ExplicitConfig && ExplicitConfig->Checks &&
      llvm::StringRef(*ExplicitConfig->Checks).ltrim().starts_with("-*"))
    DefaultOptions.Checks = "";

  // Layers, weakest first: defaults, .clang-tidy (or --config text),
  // .async-lint.yaml, the command line.
  auto MakeOptionsProvider =
      [&](llvm::StringRef File) -> std::unique_ptr<ClangTidyOptionsProvider> {
    ClangTidyOptions Overrides = OverrideOptions;
    auto Project = ProjectConfigs.forFile(File);
    if (!Project)
      llvm::consumeError(Project.takeError()); // Reported before the run.
    else if (*Project) {
      const auto &P = **Project;
      std::string Globs = P.checkGlobs();
      if (Checks.getNumOccurrences())
        Globs += (Globs.empty() ? "" : ",") + Checks.getValue();
      if (!Globs.empty())
        Overrides.Checks = Globs;
      for (const auto &[Key, Value] : P.Options)
        if (!Overrides.CheckOptions.count(Key))
          Overrides.CheckOptions[Key] = ClangTidyOptions::ClangTidyValue(Value);
      if (P.HeaderFilter && !HeaderFilter.getNumOccurrences())
        Overrides.HeaderFilterRegex = *P.HeaderFilter;
      // Absolute already; like any option of the file, they replace those
      // of .clang-tidy.
      if (!P.Profiles.empty())
        Overrides.CheckOptions[async_lint::catalog::ProfilesOption] =
            ClangTidyOptions::ClangTidyValue(llvm::join(P.Profiles, ";"));
    }
    if (ExplicitConfig)
      return std::make_unique<ConfigOptionsProvider>(
          GlobalOptions, DefaultOptions, *ExplicitConfig, Overrides);
    return std::make_unique<FileOptionsProvider>(GlobalOptions, DefaultOptions,
                                                 Overrides);
  };

  // Where compile flags come from: after "--", from -p, or from a
  // compile_commands.json found upward from the first file (or, with no file,
  // from the current directory).
  std::vector<std::string> Files;
  for (const std::string &Input : Parser->getSourcePathList()) {
    if (!llvm::sys::fs::is_directory(Input)) {
      Files.push_back(Input);
      continue;
    }
    std::vector<std::string> Sources = sourcesBelow(Input);
    if (Sources.empty()) {
      error() << "'" << Input << "' is a directory with no C or C++ sources\n";
      return ExitUsage;
    }
    Files.insert(Files.end(), Sources.begin(), Sources.end());
  }
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

  // Each input's .async-lint.yaml must be valid, and may exclude it.
  std::vector<std::string> Included;
  for (const std::string &File : Files) {
    llvm::SmallString<256> Absolute(File);
    llvm::sys::fs::make_absolute(Absolute);
    llvm::sys::path::remove_dots(Absolute, true);
    auto Project = ProjectConfigs.forFile(Absolute);
    if (!Project) {
      error() << llvm::toString(Project.takeError()) << "\n";
      return ExitUsage;
    }
    if (!*Project || !(*Project)->excludes(Absolute))
      Included.push_back(File);
  }
  // Inputs that are all excluded (a commit of generated files only) leave
  // nothing to lint, which is no error.
  const bool AllExcluded = !Files.empty() && Included.empty();
  Files = std::move(Included);

  llvm::SmallString<256> FirstFile(Files.empty() ? "dummy.cpp" : Files[0]);
  llvm::sys::fs::make_absolute(FirstFile);
  if (Files.empty()) {
    // Without inputs, configuration is looked up from here.
    llvm::SmallString<256> Here;
    llvm::sys::fs::current_path(Here);
    llvm::sys::path::append(Here, "dummy.cpp");
    FirstFile = Here;
    auto Project = ProjectConfigs.forFile(FirstFile);
    if (!Project) {
      error() << llvm::toString(Project.takeError()) << "\n";
      return ExitUsage;
    }
  }
  // The .clang-tidy files clang-tidy would read for each input (a broken
  // one would be skipped with a warning per translation unit).
  if (!ExplicitConfig) {
    async_lint::driver::ClangTidyFileValidator ClangTidyFiles;
    for (const std::string &File : Files) {
      llvm::SmallString<256> Absolute(File);
      llvm::sys::fs::make_absolute(Absolute);
      llvm::sys::path::remove_dots(Absolute, true);
      for (std::string &Problem : ClangTidyFiles.problemsFor(Absolute))
        Problems.push_back(std::move(Problem));
    }
    for (std::string &Problem : ClangTidyFiles.problemsFor(FirstFile))
      Problems.push_back(std::move(Problem));
  }
  if (ReportProblems())
    return ExitUsage;
  if (VerifyConfig) {
    if (!Quiet)
      llvm::errs() << "async-lint: no configuration problems found\n";
    return ExitClean;
  }

  ClangTidyOptions Effective =
      MakeOptionsProvider(FirstFile)->getOptions(FirstFile.str());
  std::vector<std::string> Enabled =
      async::compat::enabledCheckNames(Effective);

  // Every profile file an input's configuration names must be valid: the
  // checks would otherwise run without the runtime it describes.
  auto CatalogFor = [&](llvm::StringRef File)
      -> std::shared_ptr<const async_lint::catalog::Catalog> {
    ClangTidyOptions Options = MakeOptionsProvider(File)->getOptions(File);
    std::string Named;
    if (auto It =
            Options.CheckOptions.find(async_lint::catalog::ProfilesOption);
        It != Options.CheckOptions.end())
      Named = It->getValue().Value;
    auto Catalog = async_lint::catalog::effectiveCatalog(
        async_lint::catalog::resolveProfilePaths(Named, File.str()));
    if (auto *Failed =
            std::get_if<async_lint::catalog::CatalogError>(&Catalog)) {
      error() << Failed->Where.str() << ": " << Failed->Message << "\n";
      return nullptr;
    }
    return std::get<std::shared_ptr<const async_lint::catalog::Catalog>>(
        Catalog);
  };
  auto FirstCatalog = CatalogFor(FirstFile);
  if (!FirstCatalog)
    return ExitUsage;
  if (ListProfiles) {
    async_lint::driver::listProfiles(*FirstCatalog);
    return ExitClean;
  }
  for (const std::string &File : Files) {
    llvm::SmallString<256> Absolute(File);
    llvm::sys::fs::make_absolute(Absolute);
    llvm::sys::path::remove_dots(Absolute, true);
    if (!CatalogFor(Absolute))
      return ExitUsage;
  }

  if (ListChecks) {
    async_lint::driver::listChecks(Enabled);
    return ExitClean;
  }
  if (DumpConfig) {
    const ClangTidyOptions::OptionMap Given = Effective.CheckOptions;
    Effective.CheckOptions = async::compat::enabledCheckOptions(Effective);
    // Only the options of enabled checks, as clang-tidy prints them, and
    // async-lint's global ones, which every check reads.
    ClangTidyOptions::OptionMap Kept;
    for (const auto &Option : Given)
      if (Option.getKey().starts_with("async-lint."))
        Kept.insert({Option.getKey(), Option.getValue()});
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
    // Decided by --color and the terminal, not configuration.
    Effective.UseColor.reset();
    if (Effective.ExtraArgs && Quiet) {
      llvm::erase(*Effective.ExtraArgs, NoCompilerSummary);
      if (Effective.ExtraArgs->empty())
        Effective.ExtraArgs.reset();
    }
    llvm::outs() << configurationAsText(Effective) << "\n";
    return ExitClean;
  }
  if (Enabled.empty()) {
    error() << "no checks are enabled (see --checks and --list-checks)\n";
    return ExitUsage;
  }
  if (Files.empty() && !AllExcluded) {
    error() << (Compilations && FromDatabase
                    ? "the compilation database lists no files\n"
                    : "no input files\n");
    return ExitUsage;
  }
  if (SearchDatabase && !Files.empty()) {
    bool Malformed = false;
    OwnDatabase = findCompilationDatabase(Files.front(), Malformed);
    if (Malformed)
      return ExitUsage;
    if (!OwnDatabase) {
      error() << "no compile_commands.json in the directory of '"
              << Files.front()
              << "', its parents or a build/ subdirectory of any of them; "
                 "pass -p <build directory> or the compile flags after --, "
                 "e.g. -- -std=c++20\n";
      return ExitUsage;
    }
    OwnDatabase = withExtraArguments(std::move(OwnDatabase));
    Compilations = OwnDatabase.get();
  }

  llvm::InitializeAllTargetInfos();
  llvm::InitializeAllTargetMCs();
  llvm::InitializeAllAsmParsers();

  if (Format != "text" && Format != "json" && Format != "sarif") {
    error() << "--format must be text, json or sarif, not '" << Format << "'\n";
    return ExitUsage;
  }
  if ((Fix || FixErrors) && Format != "text") {
    error() << "--fix works with --format=text only\n";
    return ExitUsage;
  }

  using namespace async_lint::driver;
  std::optional<Baseline> Known;
  if (!BaselineFile.empty()) {
    auto Read = readBaseline(BaselineFile);
    if (!Read) {
      error() << llvm::toString(Read.takeError()) << "\n";
      return ExitUsage;
    }
    Known = std::move(*Read);
  }
  std::optional<ChangedLines> Changed;
  if (!ChangedSince.empty()) {
    auto Lines = ChangedLines::since(ChangedSince);
    if (!Lines) {
      error() << "--changed-since " << ChangedSince << ": "
              << llvm::toString(Lines.takeError()) << "\n";
      return ExitUsage;
    }
    Changed = std::move(*Lines);
  }

  // Text is printed by the engine on standard output, so --output moves
  // standard output itself.
  std::unique_ptr<OutputFile> PendingOutput;
  std::unique_ptr<llvm::raw_fd_ostream> OutputStream;
  if (!Output.empty()) {
    auto Opened = OutputFile::open(Output);
    if (!Opened) {
      error() << llvm::toString(Opened.takeError()) << "\n";
      return ExitUsage;
    }
    PendingOutput = std::move(*Opened);
    if (Format == "text") {
      llvm::outs().flush();
      ::dup2(PendingOutput->descriptor(), STDOUT_FILENO);
    } else {
      OutputStream = std::make_unique<llvm::raw_fd_ostream>(
          PendingOutput->descriptor(), /*shouldClose=*/false);
    }
  }
  llvm::raw_fd_ostream &ReportStream =
      OutputStream ? *OutputStream : llvm::outs();

  const bool ShowProgress =
      !Quiet && llvm::sys::Process::StandardErrIsDisplayed();
  const auto Started = std::chrono::steady_clock::now();
  ProgressCallback Progress;
  if (ShowProgress)
    Progress = [&](size_t Done, size_t Total, const std::string &File) {
      double Seconds = std::chrono::duration<double>(
                           std::chrono::steady_clock::now() - Started)
                           .count();
      llvm::errs() << llvm::formatv("\r\x1b[K[{0}/{1}] {2:f1}s {3}", Done,
                                    Total, Seconds, File);
      if (Done == Total)
        llvm::errs() << "\r\x1b[K";
    };

  const unsigned JobCount =
      Jobs ? static_cast<unsigned>(Jobs.getValue())
           : std::max(1u, std::thread::hardware_concurrency());
  const FixBehaviour Behaviour = (Fix || FixErrors) ? FB_Fix : FB_NoFix;
  std::vector<FileResult> Results =
      analyseFiles(Files, *Compilations, MakeOptionsProvider,
                   Behaviour != FB_NoFix, JobCount, Progress);
  // A stable order whatever the number of jobs: by file, then by position
  // (clang-tidy sorts each file's diagnostics).
  std::stable_sort(Results.begin(), Results.end(),
                   [](const FileResult &A, const FileResult &B) {
                     return A.AbsolutePath < B.AbsolutePath;
                   });

  llvm::SmallString<256> WorkingDirectory;
  llvm::sys::fs::current_path(WorkingDirectory);
  Report R;
  R.BaseDirectory = std::string(WorkingDirectory);
  SourceLines Lines;
  const llvm::StringMap<Severity> NoSeverities;
  const std::string BaselineDirectory =
      BaselineFile.empty() ? std::string() : baselineDirectory(BaselineFile);
  // A header's finding is found once per translation unit including it.
  std::set<std::tuple<std::string, std::string, unsigned, std::string>> Seen;
  // Whether a finding is in the baseline, decided once: a header's finding
  // seen again from another file must not use up a second entry.
  std::map<std::tuple<std::string, std::string, unsigned, std::string>, bool>
      InBaseline;
  std::vector<Finding> Recorded;
  unsigned WarningsAsErrors = 0;
  // Each file with suppressions is analysed again with its NOLINT markers
  // made inert; a marker that covers none of the new findings is stale.
  auto UnusedSuppressions = [&](const FileResult &Result) {
    std::vector<Finding> Unused;
    auto Buffer = llvm::MemoryBuffer::getFile(Result.AbsolutePath);
    if (!Buffer)
      return Unused;
    llvm::StringRef Text = (*Buffer)->getBuffer();
    std::vector<Suppression> Suppressions =
        findSuppressions(Result.AbsolutePath, Text, Lines);
    if (Suppressions.empty())
      return Unused;
    llvm::IntrusiveRefCntPtr<llvm::vfs::InMemoryFileSystem> Unsuppressed(
        new llvm::vfs::InMemoryFileSystem);
    Unsuppressed->addFile(
        Result.AbsolutePath, 0,
        llvm::MemoryBuffer::getMemBufferCopy(withoutSuppressions(Text)));
    llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS(
        new llvm::vfs::OverlayFileSystem(
            llvm::vfs::createPhysicalFileSystem()));
    FS->pushOverlay(Unsuppressed);
    ClangTidyContext Context(MakeOptionsProvider(Result.AbsolutePath));
    std::vector<Finding> Unfiltered = findingsOf(
        runClangTidy(Context, *Compilations, {Result.AbsolutePath}, FS, false),
        Lines);
    for (const Suppression &S : Suppressions) {
      if (suppressesAny(S, Unfiltered))
        continue;
      Finding F;
      F.Check = "async-lint-unused-suppression";
      F.Level = Severity::Warning;
      F.Message = "'" + S.Text + "' suppresses no finding; remove it";
      F.At = S.At;
      F.End = Lines.tokenEnd(S.At);
      F.LineText = Lines.lineText(S.At.File, S.At.Line);
      Unused.push_back(std::move(F));
    }
    return Unused;
  };

  for (FileResult &Result : Results) {
    if (!Result.Problem.empty()) {
      R.NotAnalysed.emplace_back(Result.File, Result.Problem);
      continue;
    }
    // An unmatched NOLINTBEGIN or NOLINTEND: clang-tidy fails the file, and
    // which of its findings are meant to be suppressed is unknown.
    auto Unmatched = llvm::find_if(Result.Errors, [](const ClangTidyError &E) {
      return E.DiagnosticName == "clang-tidy-nolint";
    });
    if (Result.CompilerErrors)
      R.NotAnalysed.emplace_back(Result.File, "it does not compile");
    else if (Unmatched != Result.Errors.end())
      R.NotAnalysed.emplace_back(
          Result.File,
          Unmatched->Message.Message + " (line " +
              std::to_string(Lines
                                 .position(Unmatched->Message.FilePath,
                                           Unmatched->Message.FileOffset)
                                 .Line) +
              ")");
    else
      ++R.FilesAnalysed;

    std::vector<Finding> Found = findingsOf(Result.Errors, Lines);
    auto Project = ProjectConfigs.forFile(Result.AbsolutePath);
    const llvm::StringMap<Severity> &ConfiguredSeverities =
        Project && *Project ? (*Project)->Severities : NoSeverities;
    if (!Project)
      llvm::consumeError(Project.takeError());
    std::vector<bool> Dropped(Result.Errors.size(), false);
    // In the order found: of several findings on equal lines, the first
    // ones take the entries and the rest are new.
    for (const Finding &F : Found) {
      if (!Known ||
          (Changed && !Changed->contains(realPath(F.At.File), F.At.Line)))
        continue;
      auto [It, First] = InBaseline.try_emplace(
          {F.Check, F.At.File, F.At.Offset, F.Message}, false);
      if (First)
        It->second = Known->consume(F, BaselineDirectory);
    }
    for (size_t I = 0; I < Found.size(); ++I) {
      Finding &F = Found[I];
      F.Level = severityOfCheck(F.Check, ConfiguredSeverities);
      bool Keep = !Changed || Changed->contains(realPath(F.At.File), F.At.Line);
      const bool Old = Keep && Known &&
                       InBaseline[{F.Check, F.At.File, F.At.Offset, F.Message}];
      // Rewriting a baseline keeps the old findings still present only, so
      // it never grows new ones.
      if (Keep && !WriteBaseline.empty() && (!Known || Old))
        Recorded.push_back(F);
      if (Old)
        Keep = false;
      if (Keep &&
          !Seen.insert({F.Check, F.At.File, F.At.Offset, F.Message}).second) {
        Keep = false;
        if (Format == "text") // Printed once already.
          Dropped[F.ErrorIndex] = true;
        continue;
      }
      if (!Keep) {
        Dropped[F.ErrorIndex] = true;
        continue;
      }
      // The engine prints the level the rule (or configuration) gives.
      Result.Errors[F.ErrorIndex].DiagLevel =
          F.Level == Severity::Error     ? ClangTidyError::Error
          : F.Level == Severity::Warning ? ClangTidyError::Warning
                                         : ClangTidyError::Remark;
      R.Findings.push_back(std::move(F));
    }
    std::vector<Finding> Unused;
    if (ReportUnusedSuppressions && WriteBaseline.empty() &&
        !Result.CompilerErrors)
      Unused = UnusedSuppressions(Result);
    R.Findings.insert(R.Findings.end(), Unused.begin(), Unused.end());
    if (!WriteBaseline.empty() || Format != "text")
      continue;
    std::vector<ClangTidyError> Printed;
    for (size_t I = 0; I < Result.Errors.size(); ++I)
      if (!Dropped[I])
        Printed.push_back(Result.Errors[I]);
    // Printed by the engine too, in line order with the findings.
    for (const Finding &F : Unused) {
      ClangTidyError Error(F.Check, ClangTidyError::Warning, "", false);
      Error.Message.Message = F.Message;
      Error.Message.FilePath = F.At.File;
      Error.Message.FileOffset = F.At.Offset;
      Printed.push_back(std::move(Error));
    }
    std::stable_sort(
        Printed.begin(), Printed.end(),
        [](const ClangTidyError &A, const ClangTidyError &B) {
          return std::tie(A.Message.FilePath, A.Message.FileOffset) <
                 std::tie(B.Message.FilePath, B.Message.FileOffset);
        });
    // As clang-tidy: a file that does not compile is not fixed unless asked.
    const bool MayFix = !Result.CompilerErrors || FixErrors;
    if (Fix && !MayFix)
      error() << "'" << Result.File
              << "' does not compile, so no fix was applied to it "
                 "(--fix-errors applies them anyway)\n";
    unsigned FileWarningsAsErrors = 0;
    llvm::outs().flush();
    handleErrors(Printed, *Result.Context, MayFix ? Behaviour : FB_NoFix,
                 FileWarningsAsErrors, Result.BaseFS);
    llvm::outs().flush();
    WarningsAsErrors += FileWarningsAsErrors;
  }

  if (!WriteBaseline.empty()) {
    if (llvm::Error Failed = writeBaseline(WriteBaseline, Recorded)) {
      error() << llvm::toString(std::move(Failed)) << "\n";
      return ExitUsage;
    }
    if (!Quiet)
      llvm::errs() << "async-lint: recorded " << Recorded.size()
                   << (Recorded.size() == 1 ? " finding" : " findings")
                   << " in baseline '" << WriteBaseline << "'\n";
    return R.NotAnalysed.empty() ? ExitClean : ExitNotAnalysed;
  }

  std::stable_sort(R.Findings.begin(), R.Findings.end(),
                   [](const Finding &A, const Finding &B) {
                     return std::tie(A.At.File, A.At.Line, A.At.Column,
                                     A.Check) < std::tie(B.At.File, B.At.Line,
                                                         B.At.Column, B.Check);
                   });
  if (Format == "json")
    writeJson(R, ReportStream);
  else if (Format == "sarif")
    writeSarif(R, ReportStream);

  if (!ExportFixes.empty()) {
    std::error_code EC;
    llvm::raw_fd_ostream Out(ExportFixes, EC, llvm::sys::fs::OF_None);
    if (EC) {
      error() << "cannot write '" << ExportFixes << "': " << EC.message()
              << "\n";
      return ExitUsage;
    }
    std::vector<ClangTidyError> All;
    for (FileResult &Result : Results)
      All.insert(All.end(), Result.Errors.begin(), Result.Errors.end());
    exportReplacements(Results.empty() ? "" : Results.front().AbsolutePath, All,
                       Out);
  }

  // A report that could not be written in full is an error, not a crash
  // when the stream is destroyed; a complete one replaces the old file.
  ReportStream.flush();
  llvm::outs().flush();
  if (ReportStream.has_error() || llvm::outs().has_error()) {
    std::error_code EC =
        ReportStream.has_error() ? ReportStream.error() : llvm::outs().error();
    ReportStream.clear_error();
    llvm::outs().clear_error();
    error() << "cannot write the report to "
            << (Output.empty() ? std::string("standard output")
                               : "'" + Output + "'")
            << ": " << EC.message() << "\n";
    return ExitUsage;
  }
  if (PendingOutput)
    if (llvm::Error Failed = PendingOutput->commit()) {
      error() << llvm::toString(std::move(Failed)) << "\n";
      return ExitUsage;
    }

  for (const auto &[File, Reason] : R.NotAnalysed)
    error() << "could not analyse '" << File << "': " << Reason << "\n";
  if (!Quiet && AllExcluded) {
    llvm::errs() << "async-lint: nothing to lint: 'exclude' leaves out every "
                    "input\n";
  } else if (!Quiet) {
    const size_t Total = R.Findings.size();
    llvm::errs() << "async-lint: " << Total
                 << (Total == 1 ? " finding" : " findings") << " in "
                 << R.FilesAnalysed
                 << (R.FilesAnalysed == 1 ? " file" : " files");
    if (!R.NotAnalysed.empty())
      llvm::errs() << "; " << R.NotAnalysed.size() << " could not be analysed";
    llvm::errs() << "\n";
  }
  if (!R.NotAnalysed.empty())
    return ExitNotAnalysed;
  const bool FailingFinding = llvm::any_of(
      R.Findings, [&](const Finding &F) { return F.Level >= *FailThreshold; });
  if (WarningsAsErrors || FailingFinding)
    return ExitFindings;
  return ExitClean;
}
