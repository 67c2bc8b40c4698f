//===--- StmtHelpers.h - Small questions about statements -------*- C++ -*-===//
//
// Helpers that path-following checks share: the class a type names, the
// statements under a root, and the statements after which a path stops.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_STMTHELPERS_H
#define ASYNC_LINT_CHECKS_UTILS_STMTHELPERS_H

#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseSet.h"

#include <optional>

namespace clang::tidy::async::utils {

/// The definition of the class Type names (through a reference), or null.
const CXXRecordDecl *recordOf(QualType Type);

/// E without parentheses, implicit conversions, the full expression's
/// cleanups, temporaries and functional casts (`T{x}` is x).
const Expr *skipTemporaries(const Expr *E);

/// Every statement of Root, Root included, to tell when a path has left it.
llvm::DenseSet<const Stmt *> statementsOf(const Stmt *Root);

/// A throw, or a call that does not return (std::rethrow_exception,
/// std::terminate): what follows on this path is not reached.
bool endsAbnormally(const Stmt &S);

/// An `==` or `!=` comparison, whether the operator is built in, overloaded
/// or rewritten (`a != b` through `operator==`).
struct Equality {
  bool Equal;
  const Expr *LHS;
  const Expr *RHS;
};
std::optional<Equality> equalityComparison(const Expr *E);

/// The class a dynamic_cast converts to, through a pointer; null when E is
/// not a dynamic_cast.
const CXXRecordDecl *dynamicCastTarget(const Expr *E);

/// What an `if` condition tests, through parentheses, cleanups, `!` and
/// `== nullptr` (each flips Negated), `!= nullptr`, and a variable
/// initialised by a dynamic_cast (`if (auto *c = dynamic_cast<...>(&e))`);
/// null when Condition is not an expression.
const Expr *testedValue(const Stmt *Condition, bool &Negated);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_STMTHELPERS_H
