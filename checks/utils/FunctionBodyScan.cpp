//===--- FunctionBodyScan.cpp - Discarded values and local uses -----------===//

#include "FunctionBodyScan.h"
#include "CoroutineUtils.h"
#include "QualifiedNameMatcher.h"
#include "SameFunctionVisitor.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::async::utils {

const Expr *FunctionBodyScan::valueOf(const Expr *E) {
  while (E) {
    const Expr *Inner = E->IgnoreParens();
    if (const auto *Full = dyn_cast<FullExpr>(Inner))
      Inner = Full->getSubExpr();
    else if (const auto *Materialize =
                 dyn_cast<MaterializeTemporaryExpr>(Inner))
      Inner = Materialize->getSubExpr();
    else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(Inner))
      Inner = Bind->getSubExpr();
    else if (const auto *Cast = dyn_cast<ImplicitCastExpr>(Inner))
      Inner = Cast->getSubExpr();
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(Inner);
             Construct && Construct->isElidable() &&
             Construct->getNumArgs() == 1)
      Inner = Construct->getArg(0);
    if (Inner == E)
      return E;
    E = Inner;
  }
  return E;
}

namespace {

bool producesNewValue(const Expr *Value) {
  if (!Value->isPRValue() || Value->isTypeDependent() ||
      !Value->getType()->isRecordType())
    return false;
  if (isa<CallExpr, CXXFunctionalCastExpr>(Value))
    return true;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Value))
    return !Construct->getConstructor()->isCopyOrMoveConstructor();
  return false;
}

/// A variable is tracked when a call or a construction from arguments made
/// its value; a default-constructed or copied one holds no new work.
bool madeByCallOrConstruction(const Expr *Source) {
  if (!Source->isPRValue() || Source->isTypeDependent())
    return false;
  if (isa<CallExpr, CXXFunctionalCastExpr>(Source))
    return true;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Source)) {
    if (Construct->getConstructor()->isCopyOrMoveConstructor())
      return false;
    for (const Expr *Arg : Construct->arguments())
      if (!isa<CXXDefaultArgExpr>(Arg))
        return true;
    return false;
  }
  if (const auto *List = dyn_cast<InitListExpr>(Source))
    return List->getNumInits() > 0;
  return false;
}

} // namespace

class FunctionBodyVisitor
    : public utils::SameFunctionVisitor<FunctionBodyVisitor> {
public:
  explicit FunctionBodyVisitor(FunctionBodyScan &Scan) : Scan(Scan) {}

  // Another function's body: only its references to this function's
  // variables matter.
  bool TraverseLambdaExpr(LambdaExpr *Lambda) {
    for (const LambdaCapture &Capture : Lambda->captures()) {
      if (!Capture.capturesVariable())
        continue;
      if (Lambda->isInitCapture(&Capture)) {
        // An init-capture's initializer runs here, in this function.
        if (const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar()))
          if (Var->getInit())
            TraverseStmt(const_cast<Expr *>(Var->getInit()));
      } else if (Capture.isExplicit()) {
        if (const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar()))
          countUse(Var);
      }
    }
    // The body can refer only to variables declared before the lambda; with
    // none, it need not be walked (it is scanned as its own function), which
    // keeps nested lambdas from being walked once per enclosing function.
    if (Scan.VariableIndex.empty())
      return true;
    ++NestedDepth;
    TraverseStmt(Lambda->getBody());
    --NestedDepth;
    return true;
  }

  // Unevaluated operands neither use a value nor discard one.
  bool TraverseUnaryExprOrTypeTraitExpr(UnaryExprOrTypeTraitExpr *) {
    return true;
  }
  // The pack takes the argument LLVM 22 adds (whether to traverse the
  // qualifier), so that this overrides the visitor's method on both versions.
  template <class... QualifierFlag>
  bool TraverseDecltypeTypeLoc(DecltypeTypeLoc, QualifierFlag...) {
    return true;
  }
  bool TraverseCXXNoexceptExpr(CXXNoexceptExpr *) { return true; }
  bool TraverseRequiresExpr(RequiresExpr *) { return true; }
  bool TraverseCXXTypeidExpr(CXXTypeidExpr *Typeid) {
    if (!Typeid->isPotentiallyEvaluated())
      return true;
    return RecursiveASTVisitor::TraverseCXXTypeidExpr(Typeid);
  }

  bool TraverseCXXCatchStmt(CXXCatchStmt *Catch) {
    ++CatchDepth;
    bool Result = RecursiveASTVisitor::TraverseCXXCatchStmt(Catch);
    --CatchDepth;
    return Result;
  }

  // Statement positions, where an expression's value is discarded.
  bool VisitCompoundStmt(CompoundStmt *Compound) {
    for (Stmt *Child : Compound->body())
      discardStatement(Child, Compound->getLBracLoc());
    return true;
  }
  bool VisitIfStmt(IfStmt *If) {
    discardStatement(If->getThen(), If->getIfLoc());
    discardStatement(If->getElse(), If->getIfLoc());
    return true;
  }
  bool VisitWhileStmt(WhileStmt *While) {
    discardStatement(While->getBody(), While->getWhileLoc());
    return true;
  }
  bool VisitDoStmt(DoStmt *Do) {
    discardStatement(Do->getBody(), Do->getDoLoc());
    return true;
  }
  bool VisitForStmt(ForStmt *For) {
    discardStatement(For->getInc(), For->getForLoc());
    discardStatement(For->getBody(), For->getForLoc());
    return true;
  }
  bool VisitCXXForRangeStmt(CXXForRangeStmt *For) {
    discardStatement(For->getBody(), For->getForLoc());
    return true;
  }
  bool VisitSwitchCase(SwitchCase *Case) {
    discardStatement(Case->getSubStmt(), Case->getKeywordLoc());
    return true;
  }
  bool VisitLabelStmt(LabelStmt *Label) {
    discardStatement(Label->getSubStmt(), Label->getIdentLoc());
    return true;
  }
  bool VisitAttributedStmt(AttributedStmt *Attributed) {
    discardStatement(Attributed->getSubStmt(), Attributed->getAttrLoc());
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *Binary) {
    if (NestedDepth == 0 && Binary->getOpcode() == BO_Comma)
      discard(Binary->getLHS(), nullptr, Binary->getOperatorLoc());
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    if (NestedDepth == 0)
      Scan.Calls.push_back(Call);
    // A const member function other than the await_* protocol only looks
    // at the object.
    const Expr *Object = nullptr;
    const CXXMethodDecl *Method = nullptr;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
      Object = Member->getImplicitObjectArgument();
      Method = Member->getMethodDecl();
    } else if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Call)) {
      Method = dyn_cast_or_null<CXXMethodDecl>(Operator->getDirectCallee());
      if (Method && Operator->getNumArgs() > 0)
        Object = Operator->getArg(0);
    }
    if (Object && Method && Method->isConst() &&
        !(Method->getIdentifier() && Method->getName().starts_with("await_")))
      if (const auto *Ref =
              dyn_cast<DeclRefExpr>(Object->IgnoreParenImpCasts()))
        InspectingRefs.insert(Ref);
    return true;
  }

  bool VisitVarDecl(VarDecl *Var) {
    if (NestedDepth != 0 || !Var->isLocalVarDecl() || Var->isStaticLocal() ||
        isa<ParmVarDecl, DecompositionDecl>(Var) || Var->isInitCapture() ||
        Var->isExceptionVariable() || Var->getType()->isReferenceType() ||
        Var->getType()->isDependentType() || !Var->getInit())
      return true;
    const Expr *Source = FunctionBodyScan::valueOf(Var->getInit());
    if (!madeByCallOrConstruction(Source))
      return true;
    Scan.VariableIndex[Var] = Scan.Variables.size();
    Scan.Variables.push_back(LocalVariable{Var, Source});
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    if (!Var)
      return true;
    auto Index = Scan.VariableIndex.find(Var);
    if (Index == Scan.VariableIndex.end())
      return true;
    LocalVariable &Local = Scan.Variables[Index->second];
    if (auto Cast = VoidCastRefs.find(Ref); Cast != VoidCastRefs.end())
      Local.VoidCasts.push_back(Cast->second);
    else if (InspectingRefs.contains(Ref))
      ++Local.Inspections;
    else
      ++Local.Uses;
    return true;
  }

private:
  void countUse(const VarDecl *Var) {
    if (auto Index = Scan.VariableIndex.find(Var);
        Index != Scan.VariableIndex.end())
      ++Scan.Variables[Index->second].Uses;
  }

  void discardStatement(const Stmt *S, SourceLocation At) {
    if (NestedDepth != 0)
      return;
    if (const auto *E = dyn_cast_or_null<Expr>(S))
      discard(E, nullptr, At);
  }

  void discard(const Expr *E, const Expr *VoidCast, SourceLocation At) {
    E = E->IgnoreParens();
    if (const auto *Full = dyn_cast<FullExpr>(E))
      E = Full->getSubExpr()->IgnoreParens();
    if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E);
        Cast && Cast->getType()->isVoidType()) {
      discard(Cast->getSubExpr(), Cast, Cast->getBeginLoc());
      return;
    }
    // The left of a comma is discarded wherever the comma is (see
    // VisitBinaryOperator); the right is when the comma is.
    if (const auto *Binary = dyn_cast<BinaryOperator>(E);
        Binary && Binary->getOpcode() == BO_Comma) {
      discard(Binary->getRHS(), VoidCast, At);
      return;
    }
    if (const auto *Conditional = dyn_cast<ConditionalOperator>(E)) {
      discard(Conditional->getTrueExpr(), VoidCast, At);
      discard(Conditional->getFalseExpr(), VoidCast, At);
      return;
    }
    const Expr *Value = FunctionBodyScan::valueOf(E);
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Value)) {
      if (VoidCast)
        VoidCastRefs[Ref] = VoidCast;
      return;
    }
    if (producesNewValue(Value))
      Scan.Discarded.push_back(
          DiscardedValue{Value, VoidCast, At, CatchDepth != 0});
  }

  FunctionBodyScan &Scan;
  unsigned NestedDepth = 0;
  unsigned CatchDepth = 0;
  llvm::DenseSet<const DeclRefExpr *> InspectingRefs;
  llvm::DenseMap<const DeclRefExpr *, const Expr *> VoidCastRefs;
};

std::string calleeName(const CallExpr &Call) {
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&Call);
      Operator && Operator->getOperator() == OO_Call &&
      Operator->getNumArgs() > 0) {
    const Expr *Object = FunctionBodyScan::valueOf(Operator->getArg(0));
    // A lambda called where it is written: ([&]() -> task<> {...})().
    if (isa<LambdaExpr>(Object))
      return "lambda";
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Object))
      return Ref->getDecl()->getNameAsString();
    if (const auto *Member = dyn_cast<MemberExpr>(Object))
      return Member->getMemberDecl()->getNameAsString();
  }
  if (const FunctionDecl *Callee = Call.getDirectCallee()) {
    std::string Name = catalogName(Callee);
    return Name.empty() ? Callee->getNameAsString() : Name;
  }
  const Expr *Callee = Call.getCallee()->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Callee))
    return Ref->getDecl()->getNameAsString();
  if (const auto *Member = dyn_cast<MemberExpr>(Callee))
    return Member->getMemberDecl()->getNameAsString();
  return "call";
}

SourceLocation writtenLocation(SourceLocation Loc, const SourceManager &SM) {
  SourceLocation Written = Loc;
  while (Written.isMacroID() && SM.isMacroArgExpansion(Written))
    Written = SM.getImmediateSpellingLoc(Written);
  return Written.isFileID() ? Written : Loc;
}

FunctionBodyScan::FunctionBodyScan(const FunctionDecl &Function) {
  const Stmt *Body = userWrittenCoroutineBody(Function);
  if (!Body)
    Body = Function.getBody();
  if (!Body)
    return;
  FunctionBodyVisitor Visitor(*this);
  Visitor.TraverseStmt(const_cast<Stmt *>(Body));
}

} // namespace clang::tidy::async::utils
