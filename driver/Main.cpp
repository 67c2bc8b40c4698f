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
#include "Configuration.h"
#include "Filtering.h"
#include "Fixes.h"
#include "Inputs.h"
#include "MergeSummaries.h"
#include "Options.h"
#include "OutputFile.h"
#include "Reports.h"
#include "Runner.h"
#include "WholeProject.h"
#include "utils/ClangCompat.h"

#include "clang-tidy/ClangTidy.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/TargetSelect.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <thread>
#include <tuple>

using namespace async_lint::driver;

namespace {

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

/// --verify-config, --list-profiles, --list-checks and --dump-config, which
/// print and exit; each input's profiles are checked on the way. Enabled
/// gets the checks that a run would enable.
std::optional<ExitCode>
configurationCommands(const CommandLine &Flags, const Configuration &Config,
                      const Inputs &In, std::vector<std::string> &Enabled) {
  if (Flags.VerifyConfig) {
    if (!Flags.Quiet)
      llvm::errs() << "async-lint: no configuration problems found\n";
    return ExitClean;
  }
  clang::tidy::ClangTidyOptions Effective =
      Config.optionsFor(In.FirstFile)->getOptions(In.FirstFile.str());
  Enabled = clang::tidy::async::compat::enabledCheckNames(Effective);
  // Every profile file an input's configuration names must be valid: the
  // checks would otherwise run without the runtime it describes.
  auto FirstCatalog = Config.catalogFor(In.FirstFile);
  if (!FirstCatalog)
    return ExitUsage;
  if (Flags.ListProfiles) {
    listProfiles(*FirstCatalog);
    return ExitClean;
  }
  for (const std::string &File : In.Files)
    if (!Config.catalogFor(absolutePath(File)))
      return ExitUsage;
  if (Flags.ListChecks) {
    listChecks(Enabled);
    return ExitClean;
  }
  if (Flags.DumpConfig) {
    Config.dump(std::move(Effective), Enabled);
    return ExitClean;
  }
  return std::nullopt;
}

/// Something to lint, with a compilation database for it.
bool readyToLint(const CommandLine &Flags,
                 const std::vector<std::string> &Enabled, Inputs &In) {
  if (Enabled.empty()) {
    error() << "no checks are enabled (see --checks and --list-checks)\n";
    return false;
  }
  if (In.Files.empty() && !In.AllExcluded) {
    error() << (In.Compilations && In.FromDatabase
                    ? "the compilation database lists no files\n"
                    : "no input files\n");
    return false;
  }
  return !Flags.SearchDatabase || In.Files.empty() || findDatabaseForInputs(In);
}

/// The baseline and changed lines that filter the findings; nullopt after
/// printing why one cannot be read.
std::optional<FilterSettings> filterSettings(const CommandLine &Flags) {
  FilterSettings Settings;
  if (!Flags.BaselineFile.empty()) {
    auto Read = readBaseline(Flags.BaselineFile);
    if (!Read) {
      error() << llvm::toString(Read.takeError()) << "\n";
      return std::nullopt;
    }
    Settings.Known = std::move(*Read);
    Settings.BaselineDirectory = baselineDirectory(Flags.BaselineFile);
  }
  if (!Flags.ChangedSince.empty()) {
    auto Lines = ChangedLines::since(Flags.ChangedSince);
    if (!Lines) {
      error() << "--changed-since " << Flags.ChangedSince << ": "
              << llvm::toString(Lines.takeError()) << "\n";
      return std::nullopt;
    }
    Settings.Changed = std::move(*Lines);
  }
  Settings.WriteBaseline = Flags.WriteBaseline;
  Settings.ReportUnusedSuppressions = Flags.ReportUnusedSuppressions;
  Settings.Fix = Flags.Fix;
  Settings.FixErrors = Flags.FixErrors;
  return Settings;
}

bool textColours(const CommandLine &Flags) {
  switch (Flags.Colour) {
  case ColourChoice::Always:
    return true;
  case ColourChoice::Never:
    return false;
  case ColourChoice::Auto:
    return Flags.Output.empty() &&
           autoColour(llvm::sys::Process::StandardOutHasColors());
  }
  return false;
}

/// Where the report goes: standard output, or --output, opened before the
/// run so that a path that cannot be written stops it at once.
struct Destination {
  std::unique_ptr<OutputFile> Pending;
  std::unique_ptr<llvm::raw_fd_ostream> File;
  llvm::raw_fd_ostream &stream() { return File ? *File : llvm::outs(); }
};

std::optional<Destination> openDestination(const CommandLine &Flags) {
  Destination To;
  if (Flags.Output.empty())
    return To;
  auto Opened = OutputFile::open(Flags.Output);
  if (!Opened) {
    error() << llvm::toString(Opened.takeError()) << "\n";
    return std::nullopt;
  }
  To.Pending = std::move(*Opened);
  To.File = std::make_unique<llvm::raw_fd_ostream>(To.Pending->descriptor(),
                                                   /*shouldClose=*/false);
  return To;
}

/// Puts a complete report in place of the old --output file. False after
/// printing why it could not be written in full (an error, not a crash when
/// the stream is destroyed).
bool finishOutput(const CommandLine &Flags, Destination &To) {
  llvm::raw_fd_ostream &Stream = To.stream();
  Stream.flush();
  if (Stream.has_error()) {
    std::error_code EC = Stream.error();
    Stream.clear_error();
    error() << "cannot write the report to "
            << (Flags.Output.empty() ? std::string("standard output")
                                     : "'" + Flags.Output + "'")
            << ": " << EC.message() << "\n";
    return false;
  }
  if (To.Pending)
    if (llvm::Error Failed = To.Pending->commit()) {
      error() << llvm::toString(std::move(Failed)) << "\n";
      return false;
    }
  return true;
}

/// The edits in clang-apply-replacements' YAML. False after printing why the
/// file cannot be written.
bool exportFixes(llvm::StringRef Path, const std::vector<FileResult> &Results) {
  std::error_code EC;
  llvm::raw_fd_ostream Out(Path, EC, llvm::sys::fs::OF_None);
  if (EC) {
    error() << "cannot write '" << Path << "': " << EC.message() << "\n";
    return false;
  }
  std::vector<clang::tidy::ClangTidyError> All;
  for (const FileResult &Result : Results)
    All.insert(All.end(), Result.Errors.begin(), Result.Errors.end());
  clang::tidy::exportReplacements(
      Results.empty() ? "" : Results.front().AbsolutePath, All, Out);
  return true;
}

void printSummary(const CommandLine &Flags, const Inputs &In, const Report &R) {
  for (const auto &[File, Reason] : R.NotAnalysed)
    error() << "could not analyse '" << File << "': " << Reason << "\n";
  if (In.AllExcluded) {
    if (Flags.Quiet)
      return;
    llvm::errs() << "async-lint: nothing to lint: 'exclude' leaves out every "
                    "input\n";
    return;
  }
  const size_t Total = R.Findings.size();
  llvm::errs() << "async-lint: " << Total
               << (Total == 1 ? " finding" : " findings") << " in "
               << R.FilesAnalysed
               << (R.FilesAnalysed == 1 ? " file" : " files");
  if (!R.NotAnalysed.empty())
    llvm::errs() << "; " << R.NotAnalysed.size() << " could not be analysed";
  llvm::errs() << "\n";
}

ExitCode exitCode(const CommandLine &Flags, const Report &R) {
  if (!R.NotAnalysed.empty())
    return ExitNotAnalysed;
  // Warnings made errors fail the text run whatever --fail-on says, as they
  // do in clang-tidy.
  const bool Failing = llvm::any_of(R.Findings, [&](const Finding &F) {
    return F.Level >= Flags.FailOn ||
           (F.WarningAsError && Flags.Format == OutputFormat::Text);
  });
  return Failing ? ExitFindings : ExitClean;
}

ExitCode recordBaseline(const CommandLine &Flags, const FindingFilter &Filter,
                        const Report &R) {
  const std::vector<Finding> &Recorded = Filter.recorded();
  if (llvm::Error Failed = writeBaseline(Flags.WriteBaseline, Recorded)) {
    error() << llvm::toString(std::move(Failed)) << "\n";
    return ExitUsage;
  }
  if (!Flags.Quiet)
    llvm::errs() << "async-lint: recorded " << Recorded.size()
                 << (Recorded.size() == 1 ? " finding" : " findings")
                 << " in baseline '" << Flags.WriteBaseline << "'\n";
  return R.NotAnalysed.empty() ? ExitClean : ExitNotAnalysed;
}

ExitCode lint(const CommandLine &Flags, const Configuration &Config,
              const Inputs &In) {
  std::optional<FilterSettings> Settings = filterSettings(Flags);
  if (!Settings)
    return ExitUsage;
  std::optional<Destination> To = openDestination(Flags);
  if (!To)
    return ExitUsage;
  RunCounts Counts;
  ProjectAnalysis Analysis = analyseProject(Flags, Config, In, Counts);
  std::vector<FileResult> &Results = Analysis.Results;
  Report R;
  R.BaseDirectory = absolutePath(".");
  FixPlan Fixes;
  FindingFilter Filter(std::move(*Settings), Config.projectConfigs(),
                       Config.optionsProviders(), *In.Compilations,
                       Analysis.Facts ? &*Analysis.Facts : nullptr);
  for (FileResult &Result : Results)
    Filter.add(Result, R, Fixes);
  if (!Flags.WriteBaseline.empty())
    return recordBaseline(Flags, Filter, R);

  std::stable_sort(R.Findings.begin(), R.Findings.end(),
                   [](const Finding &A, const Finding &B) {
                     return std::tie(A.At.File, A.At.Line, A.At.Column,
                                     A.Check) < std::tie(B.At.File, B.At.Line,
                                                         B.At.Column, B.Check);
                   });
  writeReport(R, Flags.Format, textColours(Flags), To->stream());
  if (Fixes.suggested() && Fixes.write() && !Flags.Quiet)
    llvm::errs() << "async-lint: applied " << Fixes.applied() << " of "
                 << Fixes.suggested() << " suggested fixes\n";
  // A run that fails after the analysis leaves the old report in place.
  if ((!Flags.ExportFixes.empty() &&
       !exportFixes(Flags.ExportFixes, Results)) ||
      !finishOutput(Flags, *To))
    return ExitUsage;
  printSummary(Flags, In, R);
  if (Flags.Counts)
    printRunCounts(Counts);
  return exitCode(Flags, R);
}

} // namespace

int main(int Argc, const char **Argv) {
  llvm::InitLLVM InitLLVM(Argc, Argv);
  if (Argc > 1 && llvm::StringRef(Argv[1]) == "merge-summaries")
    return mergeSummariesCommand(llvm::ArrayRef(Argv + 2, Argc - 2),
                                 llvm::outs(), llvm::errs());
  keepFreedMemoryForTheNextFile();
  auto Parsed = parseCommandLine(Argc, Argv);
  if (auto *Exit = std::get_if<ExitCode>(&Parsed))
    return *Exit;
  CommandLine &Flags = std::get<CommandLine>(Parsed);
  std::unique_ptr<Configuration> Config = Configuration::load(Flags);
  if (!Config)
    return ExitUsage;
  std::optional<Inputs> In = collectInputs(Flags, *Config);
  if (!In)
    return ExitUsage;
  std::vector<std::string> Enabled;
  if (auto Exit = configurationCommands(Flags, *Config, *In, Enabled))
    return *Exit;
  if (!readyToLint(Flags, Enabled, *In))
    return ExitUsage;
  return lint(Flags, *Config, *In);
}
