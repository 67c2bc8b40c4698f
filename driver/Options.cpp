//===--- Options.cpp - The command line, parsed and checked ---------------===//

#include "Options.h"

#include "CatalogCommands.h"
#include "Inputs.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/WithColor.h"

namespace async_lint::driver {

namespace cl = llvm::cl;

namespace {

cl::OptionCategory AsyncLintCategory("async-lint options");

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
Print the findings and the one-line summary only: no
progress line, no other notes.
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

cl::opt<bool> NoProjectFacts("no-project-facts", cl::desc(R"(
Analyse each file on its own: calls of functions
defined in other files are not followed. By default,
with more than one input, each file's function facts
and its calls into other files are written; once the
facts are merged, those calls are reported when the
function blocks elsewhere, without analysing any file
again (async-blocking-call; see docs/scale.md).
)"),
                             cl::init(false), cl::cat(AsyncLintCategory));

cl::opt<std::string> CacheDir("cache-dir", cl::desc(R"(
Where the findings of unchanged files (and their
project facts) are kept between runs. Default:
$ASYNC_LINT_CACHE_DIR, else .cache/async-lint in the
project (the nearest directory above the working
directory with .async-lint.yaml or .git, else the
working directory). Not used with --fix, --fix-errors,
--export-fixes or --report-unused-suppressions.
)"),
                              cl::value_desc("dir"), cl::init(""),
                              cl::cat(AsyncLintCategory));

cl::opt<bool> NoCache("no-cache", cl::desc(R"(
Analyse every file, reading and writing no cache.
)"),
                      cl::init(false), cl::cat(AsyncLintCategory));

cl::opt<unsigned> CacheSize("cache-size", cl::desc(R"(
The cache's size bound in MiB (default 256): the
least recently used entries are removed beyond it.
)"),
                            cl::value_desc("MiB"), cl::init(256),
                            cl::cat(AsyncLintCategory));

cl::opt<bool> Counts("counts", cl::desc(R"(
Print how many files were analysed and taken from the
cache, and how many findings across files the project
facts decided.
)"),
                     cl::init(false), cl::cat(AsyncLintCategory));

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

std::optional<Severity> parseSeverity(llvm::StringRef S) {
  return llvm::StringSwitch<std::optional<Severity>>(S)
      .Case("error", Severity::Error)
      .Case("warning", Severity::Warning)
      .Case("note", Severity::Note)
      .Default(std::nullopt);
}

/// Makes --color the colouring of async-lint's own messages.
bool applyColourChoice(llvm::StringRef Colour, ColourChoice &Choice) {
  if (Colour == "always") {
    Choice = ColourChoice::Always;
    llvm::WithColor::setAutoDetectFunction(
        [](const llvm::raw_ostream &) { return true; });
  } else if (Colour == "never") {
    Choice = ColourChoice::Never;
    llvm::WithColor::setAutoDetectFunction(
        [](const llvm::raw_ostream &) { return false; });
  } else if (Colour == "auto") {
    Choice = ColourChoice::Auto;
    llvm::WithColor::setAutoDetectFunction([](const llvm::raw_ostream &Stream) {
      return autoColour(Stream.has_colors());
    });
  } else {
    error() << "--color must be auto, always or never, not '" << Colour
            << "'\n";
    return false;
  }
  return true;
}

std::optional<OutputFormat> parseFormat(llvm::StringRef Name) {
  return llvm::StringSwitch<std::optional<OutputFormat>>(Name)
      .Case("text", OutputFormat::Text)
      .Case("json", OutputFormat::Json)
      .Case("sarif", OutputFormat::Sarif)
      .Default(std::nullopt);
}

/// The checked values of the flags that take one; false after printing the
/// first mistake.
bool readValues(CommandLine &Flags) {
  Flags.Jobs = static_cast<unsigned>(Jobs.getValue());
  auto FailThreshold = parseSeverity(FailOn);
  if (!FailThreshold) {
    error() << "--fail-on must be error, warning or note, not '" << FailOn
            << "'\n";
    return false;
  }
  Flags.FailOn = *FailThreshold;
  auto OutputFormat = parseFormat(Format);
  if (!OutputFormat) {
    error() << "--format must be text, json or sarif, not '" << Format << "'\n";
    return false;
  }
  Flags.Format = *OutputFormat;
  if ((Fix || FixErrors) && Flags.Format != OutputFormat::Text) {
    error() << "--fix works with --format=text only\n";
    return false;
  }
  return true;
}

template <typename T> std::optional<T> ifGiven(const cl::opt<T> &Flag) {
  if (!Flag.getNumOccurrences())
    return std::nullopt;
  return Flag.getValue();
}

/// --cache-dir, else $ASYNC_LINT_CACHE_DIR, else .cache/async-lint in the
/// project: the nearest directory above the working directory with
/// .async-lint.yaml or .git, else the working directory.
std::string cacheDirectory() {
  if (!CacheDir.empty())
    return CacheDir;
  if (auto FromEnvironment = llvm::sys::Process::GetEnv("ASYNC_LINT_CACHE_DIR");
      FromEnvironment && !FromEnvironment->empty())
    return *FromEnvironment;
  llvm::SmallString<256> Working;
  if (llvm::sys::fs::current_path(Working))
    return {};
  llvm::SmallString<256> Project = Working;
  for (llvm::StringRef Dir = Working; !Dir.empty();
       Dir = llvm::sys::path::parent_path(Dir))
    if (llvm::sys::fs::exists(Dir + "/.async-lint.yaml") ||
        llvm::sys::fs::exists(Dir + "/.git")) {
      Project = Dir;
      break;
    }
  llvm::sys::path::append(Project, ".cache", "async-lint");
  return std::string(Project);
}

void copyFlags(CommandLine &Flags) {
  Flags.Checks = ifGiven(Checks);
  Flags.Config = ifGiven(Config);
  Flags.ConfigFile = ifGiven(ConfigFile);
  Flags.HeaderFilter = ifGiven(HeaderFilter);
  Flags.SystemHeaders = ifGiven(SystemHeaders);
  Flags.WarningsAsErrors = ifGiven(WarningsAsErrors);
  Flags.Fix = Fix;
  Flags.FixErrors = FixErrors;
  Flags.ExportFixes = ExportFixes;
  Flags.ListChecks = ListChecks;
  Flags.ListProfiles = ListProfiles;
  Flags.Explain = Explain;
  Flags.VerifyConfig = VerifyConfig;
  Flags.DumpConfig = DumpConfig;
  Flags.Quiet = Quiet;
  Flags.ReportUnusedSuppressions = ReportUnusedSuppressions;
  Flags.Output = Output;
  Flags.BaselineFile = BaselineFile;
  Flags.WriteBaseline = WriteBaseline;
  Flags.ChangedSince = ChangedSince;
  Flags.ProjectFacts = !NoProjectFacts;
  Flags.CacheDirectory = NoCache ? std::string() : cacheDirectory();
  Flags.CacheMaxBytes = uint64_t(CacheSize) << 20;
  Flags.Counts = Counts;
}

/// Runs LLVM's parser. Without -p or flags, it would look for a database
/// above the first file only and otherwise run without flags; an empty "--"
/// stops it, and the database is searched for once the files are known.
bool parseArguments(int Argc, const char **Argv, CommandLine &Flags) {
  // The parser would print its own "requires a value!" without our prefix.
  for (int I = 1; I < Argc; ++I)
    if (llvm::is_contained({"--explain", "-explain"},
                           llvm::StringRef(Argv[I])) &&
        (I + 1 == Argc || llvm::StringRef(Argv[I + 1]) == "--")) {
      error() << "--explain needs a check name (see --list-checks)\n";
      return false;
    }
  std::vector<const char *> Arguments(Argv, Argv + Argc);
  if (Flags.SearchDatabase)
    Arguments.push_back("--");
  int ArgumentCount = Arguments.size();
  auto Parser = clang::tooling::CommonOptionsParser::create(
      ArgumentCount, Arguments.data(), AsyncLintCategory, cl::ZeroOrMore,
      Overview);
  if (!Parser) {
    reportCommandLineError(llvm::toString(Parser.takeError()),
                           llvm::sys::path::filename(Argv[0]));
    return false;
  }
  Flags.Parser =
      std::make_unique<clang::tooling::CommonOptionsParser>(std::move(*Parser));
  return true;
}

} // namespace

llvm::raw_ostream &error() {
  return llvm::WithColor::error(llvm::errs(), "async-lint");
}

llvm::raw_ostream &warning() {
  return llvm::WithColor::warning(llvm::errs(), "async-lint");
}

bool autoColour(bool StreamHasColours) {
  return StreamHasColours &&
         llvm::sys::Process::GetEnv("NO_COLOR").value_or("").empty();
}

std::variant<CommandLine, ExitCode> parseCommandLine(int Argc,
                                                     const char **Argv) {
  cl::SetVersionPrinter([](llvm::raw_ostream &OS) {
    OS << "async-lint " ASYNC_LINT_VERSION " (LLVM " LLVM_VERSION_STRING ")\n";
  });
  cl::opt<std::string> &Color = colorOption();
  cl::HideUnrelatedOptions(AsyncLintCategory);

  CommandLine Flags;
  if (!loadBuildPathDatabase(Argc, Argv, Flags) ||
      !parseArguments(Argc, Argv, Flags) ||
      !applyColourChoice(Color, Flags.Colour))
    return ExitUsage;
  if (Jobs < 0) {
    error() << "--jobs must be a number of translation units, or 0 for one per "
               "core, not '"
            << Jobs << "'\n";
    return ExitUsage;
  }
  if (!Explain.empty())
    return explainCheck(Explain) ? ExitClean : ExitUsage;
  if (!readValues(Flags))
    return ExitUsage;
  copyFlags(Flags);
  return Flags;
}

} // namespace async_lint::driver
