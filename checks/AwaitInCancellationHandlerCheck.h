//===--- AwaitInCancellationHandlerCheck.h ----------------------*- C++ -*-===//
//
// async-await-in-cancellation-handler
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_AWAITINCANCELLATIONHANDLERCHECK_H
#define ASYNC_LINT_CHECKS_AWAITINCANCELLATIONHANDLERCHECK_H

#include "utils/CFGReachability.h"
#include "utils/CancellationNames.h"
#include "utils/FunctionCheck.h"
#include "utils/MacroOrigins.h"
#include "utils/QualifiedNameMatcher.h"
#include "utils/RuleOptions.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <string>

namespace clang::tidy::async {

/// Reports, in a coroutine, a co_await on the path that handles a caught
/// cancellation (after a handler that caught it, up to its rethrow or under
/// a test of what the handler kept; or in the branch of an asio error code
/// compared with operation_aborted) when the awaited work is neither
/// shielded from cancellation nor bounded by a timeout: the task can be
/// cancelled again in the middle of it, and whoever cancelled it waits for
/// it with no bound.
class AwaitInCancellationHandlerCheck : public utils::FunctionCheck {
public:
  AwaitInCancellationHandlerCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void onStartOfTranslationUnit() override {
    ResolvedIn = nullptr;
    Cancellation.startTranslationUnit();
  }

private:
  struct CoroutineBody;
  struct CancellationPath;

  /// How a test in a condition tells cancellation from other failures.
  enum class Test { None, CancelledWhenTrue, CancelledWhenFalse };

  /// The paths that handle a caught cancellation: after a handler that can
  /// catch it, and in the branch of a test of an asio error code.
  void addHandlerPaths(CoroutineBody &Coroutine,
                       llvm::SmallVectorImpl<CancellationPath> &Paths) const;
  void addErrorCodePaths(CoroutineBody &Coroutine,
                         llvm::SmallVectorImpl<CancellationPath> &Paths) const;
  /// Whether Handler can catch a cancellation that the earlier handlers of
  /// its try statement (whose cancellation classes are in Taken) let pass.
  bool catchesCancellation(
      const CXXCatchStmt &Handler,
      llvm::SmallPtrSetImpl<const CXXRecordDecl *> &Taken) const;
  /// The awaits that the cancellation's handling evaluates, in source order.
  llvm::SmallVector<const CoawaitExpr *, 4>
  awaitsHandling(CoroutineBody &Coroutine, const CancellationPath &Path,
                 const llvm::DenseSet<const Stmt *> &Reported);
  /// Whether a path handling the cancellation takes successor Index of
  /// Block: past a test that tells cancellation from other failures, or of
  /// a variable whose value on the path is known, only one branch is.
  bool follows(const CancellationPath &Path, const CFGBlock &Block,
               unsigned Index) const;
  /// Whether the cancellation is rethrown after Await on the path.
  bool rethrownAfter(const utils::BodyCFG &Graph, const CancellationPath &Path,
                     const CoawaitExpr *Await) const;
  void report(const CoawaitExpr *Await, const CancellationPath &Path);

  Test cancellationTest(const Stmt *Condition) const;
  /// `throw;`, a throw of a cancellation, or std::rethrow_exception of what
  /// the handler kept.
  bool
  isRethrow(const Stmt &S,
            const llvm::SmallPtrSetImpl<const ValueDecl *> &Carriers) const;
  /// Whether the awaited expression is shielded, bounded by a timeout, or
  /// is no work of its own: it completes without suspending or only moves
  /// the coroutine to another thread.
  bool isProtected(const Expr *Operand);
  /// Whether S awaits what keeps the coroutine from being cancelled from
  /// then on (asio's reset_cancellation_state(disable_cancellation())).
  bool disablesCancellation(const Stmt &S);
  void resolveTranslationUnit(ASTContext &Context);

  utils::RuleOptions RuleOptions;
  utils::CancellationNames Cancellation{
      RuleOptions,
      rules::option::await_in_cancellation_handler::ExtraCancellationExceptions,
      rules::option::await_in_cancellation_handler::
          ExtraCancellationErrorCodes};
  utils::QualifiedNameMatcher ImmediateAwaitables;
  utils::QualifiedNameMatcher NonThrowingCancellationTasks;
  utils::QualifiedNameMatcher Shields;
  utils::QualifiedNameMatcher TimeoutWrappers;
  utils::QualifiedNameMatcher TimerWaits;
  utils::QualifiedNameMatcher ExecutorHops;
  utils::QualifiedNameMatcher CancellationDisablers;
  utils::TestFrameworkMacros TestMacros{RuleOptions.catalog()};
  /// Qualified names of the shields and timeout wrappers, to suggest the
  /// ones the translation unit declares.
  std::vector<std::string> ShieldNames;
  std::vector<std::string> TimeoutNames;

  /// Per translation unit: the shield and timeout wrapper it declares, if
  /// any.
  const ASTContext *ResolvedIn = nullptr;
  std::string ShieldInScope;
  std::string TimeoutInScope;
};

} // namespace clang::tidy::async

#endif // ASYNC_LINT_CHECKS_AWAITINCANCELLATIONHANDLERCHECK_H
