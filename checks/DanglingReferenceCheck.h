//===--- DanglingReferenceCheck.h - async-dangling-reference ----*- C++ -*-===//

#ifndef ASYNC_LINT_CHECKS_DANGLINGREFERENCECHECK_H
#define ASYNC_LINT_CHECKS_DANGLINGREFERENCECHECK_H

#include "utils/AwaitableShape.h"
#include "utils/FunctionCheck.h"
#include "utils/QualifiedNameMatcher.h"
#include "utils/RuleOptions.h"

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::async {

/// Reports a call of a coroutine that binds a reference, pointer or view
/// parameter to a temporary or to a local of the caller when the task
/// outlives that object: it is detached, spawned into a task group that
/// is joined after the object dies, stored where it outlives the object, or
/// returned. A task awaited in the same full expression is never reported.
class DanglingReferenceCheck : public utils::FunctionCheck {
public:
  DanglingReferenceCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  class TaskCallChecker;
  friend class TaskCallChecker;

  utils::RuleOptions RuleOptions;
  utils::QualifiedNameMatcher Detaching;
  utils::QualifiedNameMatcher EagerSpawn;
  utils::QualifiedNameMatcher TrackedSpawn;
  utils::QualifiedNameMatcher HandlerSpawn;
  utils::QualifiedNameMatcher Storing;
  utils::QualifiedNameMatcher Joins;
  utils::QualifiedNameMatcher LoopRuns;
  utils::QualifiedNameMatcher ExecutorDrains;
  utils::QualifiedNameMatcher ViewTypes;
  utils::AwaitableClassifier Awaitables;
};

} // namespace clang::tidy::async

#endif // ASYNC_LINT_CHECKS_DANGLINGREFERENCECHECK_H
