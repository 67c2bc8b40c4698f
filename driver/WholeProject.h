//===--- WholeProject.h - The run's units, with project facts ---*- C++ -*-===//
//
// A run analyses each unit once. With more than one unit, each writes the
// facts of its functions and records the findings that depend on other files
// as conditional findings; once the facts are merged, those are decided
// without analysing any unit again. Units unchanged since an earlier run come
// from the results cache, with their facts and conditional findings.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_WHOLEPROJECT_H
#define ASYNC_LINT_DRIVER_WHOLEPROJECT_H

#include "Configuration.h"
#include "Inputs.h"
#include "Options.h"
#include "Runner.h"

#include "utils/ProjectFacts.h"

#include <optional>
#include <vector>

namespace async_lint::driver {

/// What a run did with its units, for --counts.
struct RunCounts {
  size_t Units = 0;
  size_t Analysed = 0;
  size_t FromCache = 0;
  /// Findings of calls into other files, decided with the merged project
  /// facts.
  size_t AcrossFiles = 0;
};

struct ProjectAnalysis {
  /// Every input analysed, in the order of their paths whatever the number
  /// of jobs.
  std::vector<FileResult> Results;
  /// The merged project facts, when the run had them: what analysing a unit
  /// again needs to decide its conditional findings the same way.
  std::optional<facts::ProjectFacts> Facts;
};

ProjectAnalysis analyseProject(const CommandLine &Flags,
                               const Configuration &Config, const Inputs &In,
                               RunCounts &Counts);

/// Inner's configuration with the global check option Name set to Value.
OptionsProviderFactory withCheckOption(OptionsProviderFactory Inner,
                                       llvm::StringRef Name,
                                       llvm::StringRef Value);

/// "async-lint: counts: ..." on standard error.
void printRunCounts(const RunCounts &Counts);

} // namespace async_lint::driver

#endif // ASYNC_LINT_DRIVER_WHOLEPROJECT_H
