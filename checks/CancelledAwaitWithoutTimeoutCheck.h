//===--- CancelledAwaitWithoutTimeoutCheck.h --------------------*- C++ -*-===//
//
// async-cancelled-await-without-timeout
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_CANCELLEDAWAITWITHOUTTIMEOUTCHECK_H
#define ASYNC_LINT_CHECKS_CANCELLEDAWAITWITHOUTTIMEOUTCHECK_H

#include "utils/FunctionCheck.h"
#include "utils/MacroOrigins.h"
#include "utils/QualifiedNameMatcher.h"
#include "utils/RuleOptions.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::async {

/// Reports a co_await of work that the coroutine cancelled earlier on some
/// path of its CFG (a task handle, a task group, an asio promise, or work
/// given the token or slot of a stop source or cancellation signal), or of
/// an acknowledgement that only that work completes (a channel receive, an
/// event, a never-expiring timer, the join of the group it was spawned
/// into), when the await has no timeout: work that ignores cancellation
/// never completes, and the awaiting coroutine hangs with it.
class CancelledAwaitWithoutTimeoutCheck : public utils::FunctionCheck {
public:
  CancelledAwaitWithoutTimeoutCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  /// How an awaited expression waits for a piece of work.
  enum class AwaitKind { NotAwaited, Bounded, Unbounded };
  /// What an await may wait for after a cancellation: the cancelled work,
  /// or an object that the cancelled work completes (an acknowledgement:
  /// a channel it sends to, an event it sets, the group it runs in).
  struct Target {
    const ValueDecl *Object;
    /// Where an acknowledgement was given to the cancelled work; null for
    /// the work itself.
    const Expr *GivenAt = nullptr;
  };

  /// Fills EventTimers: the timers that Calls set never to expire (and
  /// never to a finite time) or that Values construct so.
  void findEventTimers(
      llvm::ArrayRef<const CallExpr *> Calls,
      llvm::ArrayRef<std::pair<const ValueDecl *, const Expr *>> Values);
  /// What cancelling Source cancels: Source itself, whatever was given a
  /// token of it (SourceTokens, the calls that take one), directly or
  /// through a token variable, and the acknowledgements that work was given.
  llvm::SmallVector<Target, 4>
  targetsOf(const ValueDecl *Source,
            const llvm::DenseSet<const CallExpr *> &SourceTokens,
            const llvm::DenseSet<const CallExpr *> &CancelOrTokenCalls,
            llvm::ArrayRef<const CallExpr *> Calls,
            llvm::ArrayRef<std::pair<const ValueDecl *, const Expr *>> Values);
  /// Reports Await, which waits for T with no bound after Call cancelled
  /// Source.
  void reportAwait(const CoawaitExpr &Await, const Target &T,
                   const CallExpr &Call, const ValueDecl *Source);
  AwaitKind classifyAwait(const Expr *Operand, const Target &T);
  bool awaitsTarget(const Expr *E, const Target &T);
  bool awaitsWork(const Expr *E, const ValueDecl *Work);
  bool awaitsAcknowledgement(const Expr *E, const ValueDecl *Object);
  bool isTimerWait(const Expr *E);
  bool isNeverExpiring(const Expr *E);

  utils::RuleOptions RuleOptions;
  utils::QualifiedNameMatcher CancelFunctions;
  utils::QualifiedNameMatcher TokenFunctions;
  utils::QualifiedNameMatcher JoinFunctions;
  utils::QualifiedNameMatcher TimeoutWrappers;
  utils::QualifiedNameMatcher TimerWaits;
  utils::QualifiedNameMatcher SignalWaits;
  utils::QualifiedNameMatcher TimerExpiry;
  utils::QualifiedNameMatcher NeverExpiring;
  /// Timers of the coroutine being analysed that are set never to expire:
  /// events, completed by whoever cancels their wait.
  llvm::SmallPtrSet<const ValueDecl *, 4> EventTimers;
  utils::TestFrameworkMacros TestMacros{RuleOptions.catalog()};
};

} // namespace clang::tidy::async

#endif // ASYNC_LINT_CHECKS_CANCELLEDAWAITWITHOUTTIMEOUTCHECK_H
