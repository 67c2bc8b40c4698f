//===--- CoroutineUtils.h - Finding coroutines and their bodies -*- C++ -*-===//

#ifndef ASYNC_LINT_CHECKS_UTILS_COROUTINEUTILS_H
#define ASYNC_LINT_CHECKS_UTILS_COROUTINEUTILS_H

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::async::utils {

/// The body the user wrote, when Function is a coroutine (its body contains
/// co_await, co_yield or co_return); null otherwise.
inline const Stmt *userWrittenCoroutineBody(const FunctionDecl &Function) {
  if (const auto *Coroutine =
          dyn_cast_or_null<CoroutineBodyStmt>(Function.getBody()))
    return Coroutine->getBody();
  return nullptr;
}

/// True for the call operator of a lambda.
inline bool isLambdaCallOperator(const FunctionDecl &Function) {
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Function))
    return Method->getParent()->isLambda();
  return false;
}

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_COROUTINEUTILS_H
