//===--- DetachedTaskCheck.h - async-detached-task --------------*- C++ -*-===//

#ifndef ASYNC_LINT_CHECKS_DETACHEDTASKCHECK_H
#define ASYNC_LINT_CHECKS_DETACHEDTASKCHECK_H

#include "utils/AwaitableShape.h"
#include "utils/FunctionBodyScan.h"
#include "utils/FunctionCheck.h"
#include "utils/MacroOrigins.h"
#include "utils/QualifiedNameMatcher.h"
#include "utils/RuleOptions.h"

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::async {

/// Reports work started with no owner, whose failure nobody will see: a
/// call of a detaching function (aio::spawn_detached, std::thread::detach,
/// stdexec::start_detached), a discarded result of a function that starts
/// work at once (aio::create_task, std::async, folly's Task::start), a
/// discarded or unused work handle (aio::task_handle, folly::SemiFuture), and
/// asio::co_spawn with the detached token or with a handler that ignores the
/// exception, and a dropped eager task (one whose body runs from the call),
/// unless a continuation is attached to it. Work spawned into a task group or
/// scope is tracked and never reported.
class DetachedTaskCheck : public utils::FunctionCheck {
public:
  DetachedTaskCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  bool macroWrote(SourceLocation Loc, const ASTContext &Context) const;
  void checkCall(const CallExpr &Call, const ASTContext &Context);
  const Expr *innermostHandler(const Expr *Handler);
  void checkCompletionHandler(const CallExpr &Call, llvm::StringRef Spawner,
                              const ASTContext &Context);
  void checkDiscarded(const utils::DiscardedValue &Discarded,
                      const ASTContext &Context);
  void checkVariable(const utils::LocalVariable &Local,
                     const ASTContext &Context);
  /// A task made by Call that runs from the call and that nobody watches:
  /// eager, not a fire-and-forget type, and not a continuation attached to
  /// another task (t.then(callback)), whose callback sees the result.
  bool isUnwatchedEagerTask(const CallExpr &Call);

  utils::RuleOptions RuleOptions;
  utils::AwaitableClassifier Awaitables;
  utils::QualifiedNameMatcher Detaching;
  utils::QualifiedNameMatcher EagerSpawn;
  utils::QualifiedNameMatcher TrackedSpawn;
  utils::QualifiedNameMatcher HandlerSpawn;
  utils::QualifiedNameMatcher HandlerWrappers;
  utils::QualifiedNameMatcher WorkHandles;
  utils::QualifiedNameMatcher DetachingTokens;
  /// Functions that may start detached top-level work (AllowDetachedWorkIn).
  utils::QualifiedNameMatcher AllowedOwners;
  utils::TestFrameworkMacros FrameworkMacros{RuleOptions.catalog()};
};

} // namespace clang::tidy::async

#endif // ASYNC_LINT_CHECKS_DETACHEDTASKCHECK_H
