//===--- TimeoutBounds.cpp - Awaits that a timer bounds -------------------===//

#include "TimeoutBounds.h"
#include "NamedObjects.h"

#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::async::utils {

void flattenOperators(const Expr *E,
                      llvm::SmallVectorImpl<const Expr *> &Leaves,
                      bool &AllOr) {
  E = skipObjectWrappers(E);
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E);
      Operator && Operator->getNumArgs() == 2 &&
      (Operator->getOperator() == OO_PipePipe ||
       Operator->getOperator() == OO_AmpAmp)) {
    AllOr &= Operator->getOperator() == OO_PipePipe;
    flattenOperators(Operator->getArg(0), Leaves, AllOr);
    flattenOperators(Operator->getArg(1), Leaves, AllOr);
    return;
  }
  Leaves.push_back(E);
}

bool racesTimer(const Expr *E, QualifiedNameMatcher &TimerWaits) {
  llvm::SmallVector<const Expr *, 4> Leaves;
  bool AllOr = true;
  flattenOperators(E, Leaves, AllOr);
  if (Leaves.size() < 2 || !AllOr)
    return false;
  return llvm::any_of(Leaves, [&](const Expr *Leaf) {
    const auto *Call = dyn_cast<CallExpr>(Leaf);
    return Call && TimerWaits.matchCall(Call).has_value();
  });
}

} // namespace clang::tidy::async::utils
