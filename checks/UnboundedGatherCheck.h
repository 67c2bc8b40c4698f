//===--- UnboundedGatherCheck.h ---------------------------------*- C++ -*-===//
//
// async-unbounded-gather
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UNBOUNDEDGATHERCHECK_H
#define ASYNC_LINT_CHECKS_UNBOUNDEDGATHERCHECK_H

#include "utils/CallerIndex.h"
#include "utils/FunctionCheck.h"
#include "utils/QualifiedNameMatcher.h"
#include "utils/RuleOptions.h"

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::async {

/// Reports a gather over a range whose size comes from input (a parameter,
/// a member filled elsewhere, a container grown in a loop over input), and
/// work spawned in every iteration of a loop over input, when nothing bounds
/// how much of it runs at once: no limiter (a semaphore, a bounded queue)
/// awaited in the loop or in the spawned work, and no join or gather in the
/// loop that would make it run in batches.
class UnboundedGatherCheck : public utils::FunctionCheck {
public:
  UnboundedGatherCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void onEndOfTranslationUnit() override;

private:
  friend class UnboundedGatherAnalysis;

  utils::RuleOptions RuleOptions;
  utils::QualifiedNameMatcher GatherFunctions;
  utils::QualifiedNameMatcher SpawnFunctions;
  utils::QualifiedNameMatcher JoinFunctions;
  utils::QualifiedNameMatcher AcceptFunctions;
  utils::QualifiedNameMatcher GrowthFunctions;
  utils::QualifiedNameMatcher LimiterTypes;
  utils::QualifiedNameMatcher WorkHandleTypes;
  utils::QualifiedNameMatcher LazyTokens;
  /// Indexed on the first question about callers in a translation unit.
  utils::CallerIndex Callers;
};

} // namespace clang::tidy::async

#endif // ASYNC_LINT_CHECKS_UNBOUNDEDGATHERCHECK_H
