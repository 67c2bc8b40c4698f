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
#include "llvm/ADT/STLFunctionalExtras.h"

#include <optional>

namespace clang::tidy::async::utils {

/// The definition of the class Type names (through a reference), or null.
const CXXRecordDecl *recordOf(QualType Type);

/// E without parentheses, implicit conversions, the full expression's
/// cleanups, temporaries and functional casts (`T{x}` is x).
const Expr *skipTemporaries(const Expr *E);
/// E without parentheses, implicit conversions, the full expression's
/// cleanups and temporaries, and the further layers that PeelMore takes off
/// one at a time (it returns its argument when it takes none).
const Expr *
skipTemporaries(const Expr *E,
                llvm::function_ref<const Expr *(const Expr *)> PeelMore);

/// What the head of a loop evaluates: the condition of a for, while or do
/// loop and the variable it declares (`while (auto item = next())`), or the
/// range of a range-based for.
struct LoopHead {
  const Expr *Condition = nullptr;
  const VarDecl *Variable = nullptr;
};
LoopHead loopHead(const Stmt *Loop);

/// The first suspension point (an explicit co_await or a co_yield) that the
/// function itself evaluates in S, not one of its lambdas or local classes;
/// null when there is none.
const Expr *firstSuspensionPoint(const Stmt *S);

/// What a walk over statements does after visiting one.
enum class Walk { Continue, SkipChildren, Stop };
/// Visits Root and every statement below it, depth first, until Visit says
/// to stop; whether it did.
bool walkStatements(const Stmt *Root,
                    llvm::function_ref<Walk(const Stmt &S)> Visit);

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
