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

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::async::utils {

/// A call of std::move or std::forward: its value is its argument.
bool isStdMoveOrForward(const CallExpr &Call);

/// Whether Decl is a variable that Function itself declares and destroys:
/// of local storage and not a reference. A local of an enclosing function,
/// reached from a lambda, is a capture and not the lambda's.
bool isOwnedLocal(const ValueDecl *Decl, const FunctionDecl &Function);

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
