//===--- SameFunctionVisitor.h - Visit one function's own code --*- C++ -*-===//
//
// Most checks walk what one function evaluates itself. A lambda and the
// member functions of a local class are functions of their own (checked on
// their own, or run elsewhere), a local function declaration has no body
// here, and implicit code is not what the user wrote.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_SAMEFUNCTIONVISITOR_H
#define ASYNC_LINT_CHECKS_UTILS_SAMEFUNCTIONVISITOR_H

#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::async::utils {

/// A RecursiveASTVisitor that stays inside the function it starts in. A
/// derived visitor that needs part of a lambda (its init-captures) overrides
/// TraverseLambdaExpr.
template <class Derived>
class SameFunctionVisitor : public RecursiveASTVisitor<Derived> {
public:
  bool shouldVisitImplicitCode() const { return false; }
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }
  bool TraverseFunctionDecl(FunctionDecl *) { return true; }
  bool TraverseCXXMethodDecl(CXXMethodDecl *) { return true; }
};

/// A SameFunctionVisitor that also collects, in order, the co_await
/// expressions the function itself writes (not the implicit ones of its
/// initial and final suspend).
template <class Derived>
class AwaitCollectingVisitor : public SameFunctionVisitor<Derived> {
public:
  llvm::SmallVector<const CoawaitExpr *, 8> Awaits;

  bool VisitCoawaitExpr(CoawaitExpr *Await) {
    if (!Await->isImplicit())
      Awaits.push_back(Await);
    return true;
  }
};

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_SAMEFUNCTIONVISITOR_H
