//===--- Filtering.h - Which findings a run reports --------------*- C++
//-*-===//
//
// The engine's diagnostics of each input become the report's findings: those
// in the baseline, off the changed lines or already seen from another
// translation unit are left out, each gets the severity its rule or the
// configuration gives it, and stale NOLINT comments are added when asked.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_FILTERING_H
#define ASYNC_LINT_DRIVER_FILTERING_H

#include "Baseline.h"
#include "ChangedLines.h"
#include "Findings.h"
#include "Fixes.h"
#include "ProjectConfig.h"
#include "Reports.h"
#include "Runner.h"

#include "utils/ProjectFacts.h"

#include <map>
#include <optional>
#include <set>
#include <tuple>

namespace async_lint::driver {

struct FilterSettings {
  std::optional<Baseline> Known;
  std::optional<ChangedLines> Changed;
  /// The baseline being written (--write-baseline), if any.
  std::string WriteBaseline;
  std::string BaselineDirectory;
  bool ReportUnusedSuppressions = false;
  /// --fix: the edits of the findings reported are applied.
  bool Fix = false;
  /// --fix-errors: also in files that do not compile.
  bool FixErrors = false;
};

class FindingFilter {
public:
  /// Facts, when the run merged project facts: a file analysed again (for
  /// stale suppressions) decides its findings in other files with them.
  FindingFilter(FilterSettings Settings, ProjectConfigFinder &ProjectConfigs,
                OptionsProviderFactory MakeOptionsProvider,
                const clang::tooling::CompilationDatabase &Compilations,
                const facts::ProjectFacts *Facts)
      : Settings(std::move(Settings)), ProjectConfigs(ProjectConfigs),
        MakeOptionsProvider(std::move(MakeOptionsProvider)),
        Compilations(Compilations), Facts(Facts) {}

  /// Adds what one input gave to the report, and its edits to Fixes.
  void add(FileResult &Result, Report &R, FixPlan &Fixes);

  /// The findings to record in the baseline being written.
  const std::vector<Finding> &recorded() const { return Recorded; }

private:
  using Identity = std::tuple<std::string, std::string, unsigned, std::string>;
  static Identity identity(const Finding &F) {
    return {F.Check, F.At.File, F.At.Offset, F.Message};
  }

  std::string notAnalysedReason(const FileResult &Result);
  bool onChangedLine(const Finding &F) const;
  std::vector<Finding> kept(std::vector<Finding> Found,
                            const llvm::StringMap<Severity> &Severities);
  std::vector<Finding> unusedSuppressions(const FileResult &Result);

  FilterSettings Settings;
  ProjectConfigFinder &ProjectConfigs;
  OptionsProviderFactory MakeOptionsProvider;
  const clang::tooling::CompilationDatabase &Compilations;
  const facts::ProjectFacts *Facts;
  SourceLines Lines;
  /// A header's finding is found once per translation unit including it.
  std::set<Identity> Seen;
  /// Whether a finding is in the baseline, decided once: a header's finding
  /// seen again from another file must not use up a second entry.
  std::map<Identity, bool> InBaseline;
  std::vector<Finding> Recorded;
};

} // namespace async_lint::driver

#endif // ASYNC_LINT_DRIVER_FILTERING_H
