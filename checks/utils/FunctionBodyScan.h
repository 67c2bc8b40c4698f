//===--- FunctionBodyScan.h - Discarded values and local uses ---*- C++ -*-===//
//
// One walk over the body of one function answers what the checks about
// dropped work ask:
//  - which calls and constructions produce a value that is thrown away (an
//    expression statement, the left of a comma, a branch of a discarded
//    conditional, or any of these under a cast to void);
//  - which calls the function makes;
//  - which local variables it declares, and how each one is referred to.
// Lambda bodies and local classes are functions of their own: their calls
// and discarded values are not this function's. References from a lambda to
// this function's variables (captures) are, since they keep the variable's
// value alive.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_FUNCTIONBODYSCAN_H
#define ASYNC_LINT_CHECKS_UTILS_FUNCTIONBODYSCAN_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <string>

namespace clang::tidy::async::utils {

struct DiscardedValue {
  /// A prvalue of class type: a call, a construction or a functional cast.
  const Expr *Value;
  /// The cast to void that discards it, if any.
  const Expr *VoidCast;
  /// The statement or cast that throws the value away; where a
  /// test-framework macro rather than the user discards it, this location
  /// is in the macro's body.
  SourceLocation DiscardedAt;
  /// Inside a catch handler, where co_await may not appear.
  bool InCatchHandler;
};

struct LocalVariable {
  const VarDecl *Var;
  /// The initializer with full-expression and temporary wrappers removed:
  /// the call or construction that made the value.
  const Expr *Source;
  /// References that can await, move, return, store or pass on the value.
  unsigned Uses = 0;
  /// References that only look at it: calls of const member functions
  /// other than the await_* members (t.valid(), h.done()).
  unsigned Inspections = 0;
  /// Casts to void of the variable, which do neither.
  llvm::SmallVector<const Expr *, 1> VoidCasts;
};

class FunctionBodyScan {
public:
  /// Scans the user-written body of Function (a coroutine's body without
  /// the promise's implicit calls).
  explicit FunctionBodyScan(const FunctionDecl &Function);

  llvm::ArrayRef<DiscardedValue> discarded() const { return Discarded; }
  llvm::ArrayRef<const CallExpr *> calls() const { return Calls; }
  /// Local variables initialized by a call or a construction with
  /// arguments, in declaration order.
  llvm::ArrayRef<LocalVariable> variables() const { return Variables; }

  /// The value an expression evaluates to, with parentheses, implicit
  /// conversions, full-expression and temporary wrappers looked through.
  static const Expr *valueOf(const Expr *E);

private:
  friend class FunctionBodyVisitor;

  llvm::SmallVector<DiscardedValue, 4> Discarded;
  llvm::SmallVector<const CallExpr *, 16> Calls;
  llvm::SmallVector<LocalVariable, 4> Variables;
  llvm::DenseMap<const VarDecl *, unsigned> VariableIndex;
};

/// How a diagnostic names what Call calls: the qualified name of the
/// function ("aio::create_task"), the variable of a function object or
/// lambda ("handler"), "lambda" for a lambda called where it is written, or
/// "operator|" for an overloaded operator.
std::string calleeName(const CallExpr &Call);

/// Where the user wrote Loc when it is in an argument of a macro (such as a
/// test framework's CHECK(...)): the argument's own text, so that a finding
/// points there rather than at the macro's expansion. Other locations are
/// returned unchanged.
SourceLocation writtenLocation(SourceLocation Loc, const SourceManager &SM);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_FUNCTIONBODYSCAN_H
