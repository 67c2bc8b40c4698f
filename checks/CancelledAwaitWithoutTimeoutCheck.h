//===--- CancelledAwaitWithoutTimeoutCheck.h --------------------*- C++ -*-===//
//
// async-cancelled-await-without-timeout
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_CANCELLEDAWAITWITHOUTTIMEOUTCHECK_H
#define ASYNC_LINT_CHECKS_CANCELLEDAWAITWITHOUTTIMEOUTCHECK_H

#include "utils/ApiMatcher.h"
#include "utils/FunctionCheck.h"
#include "utils/MacroOrigins.h"
#include "utils/RuleOptions.h"

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::async {

/// Reports a co_await of work that the coroutine cancelled earlier on some
/// path of its CFG (a task handle, a task group, an asio promise, or work
/// given the token or slot of a stop source or cancellation signal) when the
/// await has no timeout: work that ignores cancellation never completes, and
/// the awaiting coroutine hangs with it.
class CancelledAwaitWithoutTimeoutCheck : public utils::FunctionCheck {
public:
  CancelledAwaitWithoutTimeoutCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  /// How an awaited expression waits for a piece of work.
  enum class AwaitKind { NotAwaited, Bounded, Unbounded };

  AwaitKind classifyAwait(const Expr *Operand, const ValueDecl *Work);
  bool awaitsWork(const Expr *E, const ValueDecl *Work);
  bool isTimerWait(const Expr *E);

  utils::RuleOptions RuleOptions;
  utils::ApiMatcher CancelFunctions;
  utils::ApiMatcher TokenFunctions;
  utils::ApiMatcher JoinFunctions;
  utils::ApiMatcher TimeoutWrappers;
  utils::ApiMatcher TimerWaits;
  utils::TestFrameworkMacros TestMacros;
};

} // namespace clang::tidy::async

#endif // ASYNC_LINT_CHECKS_CANCELLEDAWAITWITHOUTTIMEOUTCHECK_H
