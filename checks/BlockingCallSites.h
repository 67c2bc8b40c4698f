//===--- BlockingCallSites.h - async-blocking-call's call sites -*- C++ -*-===//
//
// What a function evaluates on its own thread, and how async-blocking-call's
// diagnostics name the calls, functions and types they point at. Shared by
// the check's files.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_BLOCKINGCALLSITES_H
#define ASYNC_LINT_CHECKS_BLOCKINGCALLSITES_H

#include "utils/SameFunctionVisitor.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

#include <string>

namespace clang::tidy::async::blocking_call {

/// Visits what a coroutine body evaluates on the coroutine's own thread. A
/// lambda's body is skipped: a plain lambda runs wherever it is sent (a thread
/// pool, asio::post, std::thread), and a coroutine lambda is checked on its
/// own. Local classes are skipped for the same reason.
class EvaluatedCallCollector
    : public utils::SameFunctionVisitor<EvaluatedCallCollector> {
public:
  llvm::SmallVector<const Expr *, 8> Calls;
  /// Expressions that are whole statements, where a call can be replaced
  /// by a co_await expression.
  llvm::DenseSet<const Stmt *> StatementExpressions;
  /// Initializers and the variables they initialize, to name a constructed
  /// type as the user spelled it.
  llvm::DenseMap<const Expr *, const VarDecl *> InitializedVariables;

  bool TraverseLambdaExpr(LambdaExpr *Lambda) {
    // Init-captures are evaluated here, in the coroutine.
    for (const LambdaCapture &Capture : Lambda->captures())
      if (Lambda->isInitCapture(&Capture))
        if (const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar()))
          if (Var->getInit())
            TraverseStmt(const_cast<Expr *>(Var->getInit()));
    return true;
  }

  bool VisitCompoundStmt(CompoundStmt *Compound) {
    for (Stmt *Child : Compound->body())
      if (const auto *E = dyn_cast<Expr>(Child))
        StatementExpressions.insert(E->IgnoreImplicit());
    return true;
  }
  bool VisitVarDecl(VarDecl *Var) {
    if (const Expr *Init = Var->getInit())
      InitializedVariables[Init->IgnoreImplicit()] = Var;
    return true;
  }
  bool VisitCallExpr(CallExpr *Call) {
    Calls.push_back(Call);
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    Calls.push_back(Construct);
    return true;
  }
};

/// Collects what Definition, a plain function, evaluates: its body and, for
/// a constructor, its member initializers.

/// Collects what Definition, a plain function, evaluates: its body and, for
/// a constructor, its member initializers.
void collectEvaluatedCalls(const FunctionDecl &Definition,
                           EvaluatedCallCollector &Collector);

/// The constructed type as written ("std::unique_lock" rather than the
/// deduced "std::unique_lock<std::mutex>"), or as printed when not written.
std::string spelledTypeOf(const CXXConstructExpr &Construct,
                          const EvaluatedCallCollector &Collector,
                          const ASTContext &Context);

/// Where a finding or a note about a call or construction points.
SourceLocation siteLocation(const Expr *E);

/// How a diagnostic names a function that the check follows ("'ns::f'",
/// "'ns::C::C'" for a constructor), or Lambda ("a lambda", "the lambda") for
/// the call operator of a lambda.
std::string functionName(const FunctionDecl &Function,
                         const ASTContext &Context, StringRef Lambda);

/// How a diagnostic names what a followed call or construction runs: the
/// function, or the class that a constructor constructs.
std::string followedName(const FunctionDecl &Callee, const ASTContext &Context,
                         StringRef Lambda);

} // namespace clang::tidy::async::blocking_call

#endif // ASYNC_LINT_CHECKS_BLOCKINGCALLSITES_H
