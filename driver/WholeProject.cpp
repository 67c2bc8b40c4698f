//===--- WholeProject.cpp - The run's units, with project facts -----------===//

#include "WholeProject.h"
#include "DecideFindings.h"

#include "utils/AtomicFile.h"
#include "utils/ConditionalFindings.h"
#include "utils/ProjectFacts.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/TargetSelect.h"

#include <algorithm>
#include <thread>

namespace async_lint::driver {

namespace tidy = clang::tidy;

namespace {

/// The configuration, with global check options added for one phase.
class WithCheckOptions : public tidy::ClangTidyOptionsProvider {
public:
  WithCheckOptions(std::unique_ptr<tidy::ClangTidyOptionsProvider> Inner,
                   tidy::ClangTidyOptions::OptionMap Added)
      : Inner(std::move(Inner)), Added(std::move(Added)) {}

  const tidy::ClangTidyGlobalOptions &getGlobalOptions() override {
    return Inner->getGlobalOptions();
  }
  std::vector<OptionsSource> getRawOptions(llvm::StringRef File) override {
    std::vector<OptionsSource> Sources = Inner->getRawOptions(File);
    tidy::ClangTidyOptions Options;
    Options.CheckOptions = Added;
    Sources.emplace_back(std::move(Options), "async-lint's project facts");
    return Sources;
  }

private:
  std::unique_ptr<tidy::ClangTidyOptionsProvider> Inner;
  tidy::ClangTidyOptions::OptionMap Added;
};

/// Where the facts of this run go: under the cache, where they stay with
/// the results they belong to, or in a directory removed after the run.
class FactsPlace {
public:
  FactsPlace(bool Needed, const std::string &CacheDirectory) {
    if (!Needed)
      return;
    if (!CacheDirectory.empty()) {
      Root = CacheDirectory;
      llvm::sys::path::append(Root, "facts");
    } else if (llvm::sys::fs::createUniqueDirectory("async-lint-facts", Root)) {
      Root.clear();
    } else {
      Temporary = true;
    }
  }
  ~FactsPlace() {
    if (Temporary)
      llvm::sys::fs::remove_directories(Root);
  }
  bool usable() const { return !Root.empty(); }
  std::string units() const { return (Root + "/units").str(); }
  std::string unitFile(llvm::StringRef AbsolutePath) const {
    return units() + "/" + facts::unitFactsFileName(AbsolutePath);
  }
  std::string unitPartFile(llvm::StringRef AbsolutePath,
                           llvm::StringRef Part) const {
    return units() + "/" + facts::unitFactsFileName(AbsolutePath, Part);
  }

private:
  llvm::SmallString<256> Root;
  bool Temporary = false;
};

std::vector<FileResult> run(const std::vector<std::string> &Files,
                            const Inputs &In, const CommandLine &Flags,
                            const OptionsProviderFactory &Providers,
                            const CacheUse &Cache, RunCounts &Counts) {
  ProgressLine Progress(!Flags.Quiet &&
                        llvm::sys::Process::StandardErrIsDisplayed());
  const unsigned Jobs = Flags.Jobs
                            ? Flags.Jobs
                            : std::max(1u, std::thread::hardware_concurrency());
  std::vector<FileResult> Results =
      analyseFiles(Files, *In.Compilations, Providers, Flags.fixing(), Jobs,
                   Progress.callback(), Cache);
  Progress.clear();
  for (const FileResult &Result : Results)
    if (Result.Cached)
      ++Counts.FromCache;
    else if (Result.Problem.empty())
      ++Counts.Analysed;
  return Results;
}

} // namespace

OptionsProviderFactory withCheckOption(OptionsProviderFactory Inner,
                                       llvm::StringRef Name,
                                       llvm::StringRef Value) {
  tidy::ClangTidyOptions::OptionMap Added;
  Added[Name] = tidy::ClangTidyOptions::ClangTidyValue(Value);
  return [Inner = std::move(Inner), Added](llvm::StringRef File) {
    return std::make_unique<WithCheckOptions>(Inner(File), Added);
  };
}

ProjectAnalysis analyseProject(const CommandLine &Flags,
                               const Configuration &Config, const Inputs &In,
                               RunCounts &Counts) {
  llvm::InitializeAllTargetInfos();
  llvm::InitializeAllTargetMCs();
  llvm::InitializeAllAsmParsers();
  Counts.Units = In.Files.size();
  // Fixes and unused-suppression reports need the engine's own results.
  std::optional<ResultCache> Cache;
  if (!Flags.CacheDirectory.empty() && !Flags.fixing() &&
      !Flags.ReportUnusedSuppressions && Flags.ExportFixes.empty())
    Cache.emplace((Flags.CacheDirectory + "/results"), Flags.CacheMaxBytes);
  // One unit has nothing to learn from others.
  const FactsPlace Place(Flags.ProjectFacts && In.Files.size() > 1,
                         Cache ? Flags.CacheDirectory : "");
  const bool TwoPhases = Place.usable();

  OptionsProviderFactory Providers = Config.optionsProviders();
  CacheUse Use{Cache ? &*Cache : nullptr,
               [](llvm::StringRef) { return "one phase"; }, ""};
  if (TwoPhases) {
    Providers = withCheckOption(
        withCheckOption(Providers, facts::FactsDirectoryOption, Place.units()),
        facts::ConditionalFindingsOption, "true");
    Use = {Use.Cache,
           [](llvm::StringRef) {
             return "facts and conditional findings written";
           },
           Place.units()};
  }
  ProjectAnalysis Analysis;
  std::vector<FileResult> &Results = Analysis.Results;
  Results = run(In.Files, In, Flags, Providers, Use, Counts);

  if (TwoPhases) {
    // Only this run's units: a file that left the database leaves no stale
    // facts behind. A unit whose checks write no facts (none of them asks
    // for any) has no file.
    std::vector<std::string> UnitFiles;
    for (const FileResult &Result : Results)
      if (Result.Problem.empty()) {
        if (std::string File = Place.unitFile(Result.AbsolutePath);
            llvm::sys::fs::exists(File))
          UnitFiles.push_back(File);
        // The parts that checks write by themselves, when enabled there.
        for (llvm::StringRef Part : facts::unitFactsParts().drop_front())
          if (std::string File = Place.unitPartFile(Result.AbsolutePath, Part);
              llvm::sys::fs::exists(File))
            UnitFiles.push_back(File);
      }
    std::vector<std::string> Problems;
    const facts::ProjectFacts &Project =
        Analysis.Facts.emplace(facts::mergeFiles(UnitFiles, Problems));
    for (const std::string &Problem : Problems)
      warning() << "project facts: " << Problem << "\n";
    // Each unit recorded what its findings depend on in other files: no unit
    // is analysed again.
    FindingDecider Decider(Project);
    for (FileResult &Result : Results)
      if (Result.Problem.empty())
        Decider.decide(Result);
    Counts.AcrossFiles = Decider.kept();
  }
  if (Cache)
    Cache->trim();
  std::stable_sort(Results.begin(), Results.end(),
                   [](const FileResult &A, const FileResult &B) {
                     return A.AbsolutePath < B.AbsolutePath;
                   });
  return Analysis;
}

void printRunCounts(const RunCounts &Counts) {
  llvm::errs() << "async-lint: counts: " << Counts.Units
               << (Counts.Units == 1 ? " unit: " : " units: ")
               << Counts.Analysed << " analysed, " << Counts.FromCache
               << " from the cache; " << Counts.AcrossFiles
               << (Counts.AcrossFiles == 1 ? " finding" : " findings")
               << " across files from project facts\n";
}

} // namespace async_lint::driver
