//===--- NamedObjects.cpp - Which variable an expression denotes ----------===//

#include "NamedObjects.h"
#include "StmtHelpers.h"

namespace clang::tidy::async::utils {

bool isStdMoveOrForward(const CallExpr &Call) {
  if (Call.getNumArgs() != 1)
    return false;
  if (Call.isCallToStdMove())
    return true;
  const FunctionDecl *Callee = Call.getDirectCallee();
  return Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
         Callee->getName() == "forward";
}

bool isOwnedLocal(const ValueDecl *Decl, const FunctionDecl &Function) {
  const auto *Var = dyn_cast_or_null<VarDecl>(Decl);
  if (!Var || !Var->hasLocalStorage() || Var->getType()->isReferenceType())
    return false;
  return Var->getDeclContext() == static_cast<const DeclContext *>(&Function);
}

const Expr *skipObjectWrappers(const Expr *E) {
  if (!E)
    return nullptr;
  return skipTemporaries(E, [](const Expr *Inner) -> const Expr * {
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Inner);
        Construct && Construct->getNumArgs() == 1 &&
        Construct->getConstructor()->isCopyOrMoveConstructor())
      return Construct->getArg(0);
    if (const auto *Call = dyn_cast<CallExpr>(Inner);
        Call && isStdMoveOrForward(*Call))
      return Call->getArg(0);
    return Inner;
  });
}

const ValueDecl *namedObject(const Expr *E) {
  E = skipObjectWrappers(E);
  while (E) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return dyn_cast<VarDecl>(Ref->getDecl());
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      if (isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
        return dyn_cast<FieldDecl>(Member->getMemberDecl());
      return nullptr;
    }
    if (const auto *Unary = dyn_cast<UnaryOperator>(E);
        Unary && Unary->getOpcode() == UO_Deref) {
      E = skipObjectWrappers(Unary->getSubExpr());
      continue;
    }
    if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E);
        Operator && Operator->getNumArgs() == 1 &&
        (Operator->getOperator() == OO_Star ||
         Operator->getOperator() == OO_Arrow)) {
      E = skipObjectWrappers(Operator->getArg(0));
      continue;
    }
    return nullptr;
  }
  return nullptr;
}

const ValueDecl *assignedObject(const Stmt *S) {
  if (const auto *Binary = dyn_cast<BinaryOperator>(S))
    return Binary->getOpcode() == BO_Assign ? namedObject(Binary->getLHS())
                                            : nullptr;
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(S))
    return Operator->getOperator() == OO_Equal && Operator->getNumArgs() == 2
               ? namedObject(Operator->getArg(0))
               : nullptr;
  return nullptr;
}

const Expr *assignedValue(const Stmt *S) {
  if (const auto *Binary = dyn_cast<BinaryOperator>(S))
    return Binary->getRHS();
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(S))
    return Operator->getArg(1);
  return nullptr;
}

} // namespace clang::tidy::async::utils
