//===--- StmtHelpers.cpp - Small questions about statements ---------------===//

#include "StmtHelpers.h"
#include "SameFunctionVisitor.h"

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::async::utils {

const Expr *
skipTemporaries(const Expr *E,
                llvm::function_ref<const Expr *(const Expr *)> PeelMore) {
  while (true) {
    const Expr *Inner = E->IgnoreParenImpCasts();
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(Inner))
      Inner = Cleanups->getSubExpr();
    else if (const auto *Temporary = dyn_cast<MaterializeTemporaryExpr>(Inner))
      Inner = Temporary->getSubExpr();
    else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(Inner))
      Inner = Bind->getSubExpr();
    else
      Inner = PeelMore(Inner);
    if (Inner == E)
      return E;
    E = Inner;
  }
}

LoopHead loopHead(const Stmt *Loop) {
  if (const auto *For = dyn_cast<ForStmt>(Loop))
    return {For->getCond(), For->getConditionVariable()};
  if (const auto *While = dyn_cast<WhileStmt>(Loop))
    return {While->getCond(), While->getConditionVariable()};
  if (const auto *Do = dyn_cast<DoStmt>(Loop))
    return {Do->getCond(), nullptr};
  if (const auto *RangeFor = dyn_cast<CXXForRangeStmt>(Loop))
    return {RangeFor->getRangeInit(), nullptr};
  return {};
}

const Expr *skipTemporaries(const Expr *E) {
  return skipTemporaries(E, [](const Expr *Inner) -> const Expr * {
    if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(Inner))
      return Cast->getSubExpr();
    return Inner;
  });
}

const CXXRecordDecl *recordOf(QualType Type) {
  if (Type.isNull())
    return nullptr;
  const CXXRecordDecl *Record =
      Type.getNonReferenceType()->getAsCXXRecordDecl();
  return Record ? Record->getDefinition() : nullptr;
}

namespace {

class SuspensionPointFinder
    : public SameFunctionVisitor<SuspensionPointFinder> {
public:
  const Expr *First = nullptr;

  bool VisitStmt(Stmt *S) {
    if (const auto *Await = dyn_cast<CoawaitExpr>(S);
        Await ? !Await->isImplicit()
              : isa<CoyieldExpr, DependentCoawaitExpr>(S))
      First = cast<Expr>(S);
    return First == nullptr;
  }
};

} // namespace

const Expr *firstSuspensionPoint(const Stmt *S) {
  SuspensionPointFinder Finder;
  Finder.TraverseStmt(const_cast<Stmt *>(S));
  return Finder.First;
}

bool walkStatements(const Stmt *Root,
                    llvm::function_ref<Walk(const Stmt &S)> Visit) {
  llvm::SmallVector<const Stmt *, 32> Stack{Root};
  while (!Stack.empty()) {
    const Stmt *S = Stack.pop_back_val();
    if (!S)
      continue;
    switch (Visit(*S)) {
    case Walk::Stop:
      return true;
    case Walk::SkipChildren:
      continue;
    case Walk::Continue:
      break;
    }
    for (const Stmt *Child : S->children())
      Stack.push_back(Child);
  }
  return false;
}

llvm::DenseSet<const Stmt *> statementsOf(const Stmt *Root) {
  llvm::DenseSet<const Stmt *> Statements;
  walkStatements(Root, [&](const Stmt &S) {
    return Statements.insert(&S).second ? Walk::Continue : Walk::SkipChildren;
  });
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

std::optional<Equality> equalityComparison(const Expr *E) {
  if (const auto *Rewritten = dyn_cast<CXXRewrittenBinaryOperator>(E)) {
    CXXRewrittenBinaryOperator::DecomposedForm Form =
        Rewritten->getDecomposedForm();
    if (Form.Opcode == BO_EQ || Form.Opcode == BO_NE)
      return Equality{Form.Opcode == BO_EQ, Form.LHS, Form.RHS};
    return std::nullopt;
  }
  if (const auto *Binary = dyn_cast<BinaryOperator>(E)) {
    if (Binary->isEqualityOp())
      return Equality{Binary->getOpcode() == BO_EQ, Binary->getLHS(),
                      Binary->getRHS()};
    return std::nullopt;
  }
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E);
      Operator && Operator->getNumArgs() == 2 &&
      (Operator->getOperator() == OO_EqualEqual ||
       Operator->getOperator() == OO_ExclaimEqual))
    return Equality{Operator->getOperator() == OO_EqualEqual,
                    Operator->getArg(0), Operator->getArg(1)};
  return std::nullopt;
}

const CXXRecordDecl *dynamicCastTarget(const Expr *E) {
  const auto *Cast = dyn_cast<CXXDynamicCastExpr>(E);
  if (!Cast)
    return nullptr;
  QualType Target = Cast->getTypeAsWritten();
  if (Target->isPointerType())
    Target = Target->getPointeeType();
  return recordOf(Target);
}

namespace {

bool isNullPointer(const Expr *E) {
  if (isa<CXXNullPtrLiteralExpr, GNUNullExpr>(E))
    return true;
  const auto *Zero = dyn_cast<IntegerLiteral>(E);
  return Zero && Zero->getValue() == 0;
}

} // namespace

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
    // `p != nullptr` tests p as `p` does, `p == nullptr` as `!p` does.
    if (std::optional<Equality> Compare = equalityComparison(E)) {
      const Expr *LHS = Compare->LHS->IgnoreParenImpCasts();
      const Expr *RHS = Compare->RHS->IgnoreParenImpCasts();
      const Expr *Tested = isNullPointer(RHS)   ? LHS
                           : isNullPointer(LHS) ? RHS
                                                : nullptr;
      if (Tested && Tested->getType()->isPointerType()) {
        if (Compare->Equal)
          Negated = !Negated;
        E = Tested;
        continue;
      }
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
