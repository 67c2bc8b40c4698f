//===--- DecideFindings.h - Conditional findings, decided -------*- C++ -*-===//
//
// The units of a run record the findings that depend on other files as
// conditional findings (checks/utils/ConditionalFindings.h). Once the
// project facts are merged, each is turned into a finding, with notes in the
// other files, or dropped, in the unit's fresh diagnostics and in its
// findings from the results cache alike.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_DECIDEFINDINGS_H
#define ASYNC_LINT_DRIVER_DECIDEFINDINGS_H

#include "Findings.h"
#include "Runner.h"

#include "utils/ProjectFacts.h"

namespace async_lint::driver {

class FindingDecider {
public:
  explicit FindingDecider(const facts::ProjectFacts &Project)
      : Project(Project) {}

  /// Decides Result's conditional findings in place. A check reports a site
  /// once: a record at the place of another finding of its check is dropped.
  void decide(FileResult &Result);
  /// The same for the diagnostics of one analysis.
  void decide(std::vector<clang::tidy::ClangTidyError> &Errors);
  /// The conditional findings that became findings so far.
  size_t kept() const { return Kept; }

private:
  /// Turns one conditional finding into a finding; false to drop it.
  auto decision();

  const facts::ProjectFacts &Project;
  SourceLines Lines;
  size_t Kept = 0;
};

} // namespace async_lint::driver

#endif // ASYNC_LINT_DRIVER_DECIDEFINDINGS_H
