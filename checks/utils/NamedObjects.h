//===--- NamedObjects.h - Which variable an expression denotes --*- C++ -*-===//
//
// Checks that follow one piece of work through a coroutine ("the handle that
// was cancelled is awaited") compare the variable or member each expression
// denotes, seen through the moves, copies, temporaries and dereferences that
// leave the object the same.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_NAMEDOBJECTS_H
#define ASYNC_LINT_CHECKS_UTILS_NAMEDOBJECTS_H

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::async::utils {

/// E without parentheses, implicit conversions, temporaries, copy or move
/// constructions and std::move / std::forward.
const Expr *skipObjectWrappers(const Expr *E);

/// The local variable, parameter or member of *this that E denotes (also
/// through *p, p-> and smart pointers), or null.
const ValueDecl *namedObject(const Expr *E);

/// The variable or member that an assignment (built-in or operator=) assigns
/// to, or null when S is not such an assignment.
const ValueDecl *assignedObject(const Stmt *S);

/// The right-hand side of an assignment whose target assignedObject finds.
const Expr *assignedValue(const Stmt *S);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_NAMEDOBJECTS_H
