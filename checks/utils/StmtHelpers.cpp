//===--- StmtHelpers.cpp - Small questions about statements ---------------===//

#include "StmtHelpers.h"

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::async::utils {

const CXXRecordDecl *recordOf(QualType Type) {
  if (Type.isNull())
    return nullptr;
  const CXXRecordDecl *Record =
      Type.getNonReferenceType()->getAsCXXRecordDecl();
  return Record ? Record->getDefinition() : nullptr;
}

llvm::DenseSet<const Stmt *> statementsOf(const Stmt *Root) {
  llvm::DenseSet<const Stmt *> Statements;
  llvm::SmallVector<const Stmt *, 32> Stack{Root};
  while (!Stack.empty()) {
    const Stmt *S = Stack.pop_back_val();
    if (!S || !Statements.insert(S).second)
      continue;
    for (const Stmt *Child : S->children())
      Stack.push_back(Child);
  }
  return Statements;
}

bool endsAbnormally(const Stmt &S) {
  if (isa<CXXThrowExpr>(S))
    return true;
  if (const auto *Call = dyn_cast<CallExpr>(&S))
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      return Callee->isNoReturn();
  return false;
}

const Expr *testedValue(const Stmt *Condition, bool &Negated) {
  const auto *E = dyn_cast_or_null<Expr>(Condition);
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E)) {
      E = Cleanups->getSubExpr();
      continue;
    }
    if (const auto *Not = dyn_cast<UnaryOperator>(E);
        Not && Not->getOpcode() == UO_LNot) {
      Negated = !Negated;
      E = Not->getSubExpr();
      continue;
    }
    // `if (auto *c = dynamic_cast<...>(&e))` tests the variable's value.
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
          Var && Var->getInit() &&
          isa<CXXDynamicCastExpr>(Var->getInit()->IgnoreParenImpCasts())) {
        E = Var->getInit();
        continue;
      }
    break;
  }
  return E;
}

} // namespace clang::tidy::async::utils
