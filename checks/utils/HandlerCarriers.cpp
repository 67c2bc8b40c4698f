//===--- HandlerCarriers.cpp - What a catch handler keeps -----------------===//

#include "HandlerCarriers.h"
#include "NamedObjects.h"
#include "StmtHelpers.h"

#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"

namespace clang::tidy::async::utils {

namespace {

using Step = BodyCFG::Step;

/// The left-hand side of an assignment, as written.
const Expr *assignmentTarget(const Stmt *Assignment) {
  if (const auto *Binary = dyn_cast<BinaryOperator>(Assignment))
    return Binary->getLHS()->IgnoreParenImpCasts();
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Assignment))
    return Operator->getArg(0)->IgnoreParenImpCasts();
  return nullptr;
}

/// Whether a variable starts with a value that tests false: `bool failed =
/// false;`, `std::exception_ptr error;`, `T *p = nullptr;`.
bool startsUnset(const VarDecl &Var, const ASTContext &Context) {
  const Expr *Init = Var.getInit();
  if (!Init || Init->isValueDependent())
    return false;
  Init = Init->IgnoreImplicit();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Init))
    return Construct->getConstructor()->isDefaultConstructor() ||
           (Construct->getNumArgs() == 1 &&
            isa<CXXNullPtrLiteralExpr>(
                Construct->getArg(0)->IgnoreParenImpCasts()));
  bool Value = true;
  return Init->EvaluateAsBooleanCondition(Value, Context) && !Value;
}

/// Whether Var changes in Body only by the assignments in Allowed: no other
/// assignment, no reference, pointer or lambda capture that changes it.
bool changedOnlyBy(const VarDecl &Var, const Stmt &Body, ASTContext &Context,
                   const llvm::DenseSet<const Stmt *> &Allowed) {
  llvm::DenseSet<const Stmt *> Statements = statementsOf(&Body);
  llvm::DenseSet<const Expr *> Targets;
  for (const Stmt *S : Statements)
    if (assignedObject(S) == &Var) {
      if (!Allowed.contains(S))
        return false;
      Targets.insert(assignmentTarget(S));
    }
  ExprMutationAnalyzer Mutations(Body, Context);
  for (const Stmt *S : Statements)
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S);
        Ref && Ref->getDecl() == &Var && !Targets.contains(Ref) &&
        Mutations.isMutated(Ref))
      return false;
  return true;
}

/// Whether a value that Assignments give Var can reach Try again: a loop
/// around the try statement carries what one attempt set into the next,
/// unless Var is declared anew in between.
bool reachesTryAgain(const BodyCFG &Graph, const VarDecl &Var,
                     const CXXTryStmt &Try,
                     llvm::ArrayRef<const Stmt *> Assignments) {
  llvm::SmallVector<BodyCFG::Position, 2> Starts;
  for (const Stmt *Assignment : Assignments) {
    std::optional<BodyCFG::Position> At = Graph.positionOf(Assignment);
    if (!At)
      return true;
    Starts.push_back(BodyCFG::after(*At));
  }
  auto Visit = [&](const Stmt &S) {
    if (&S == &Try)
      return Step::Found;
    if (const auto *Declaration = dyn_cast<DeclStmt>(&S);
        Declaration && llvm::any_of(Declaration->decls(),
                                    [&](const Decl *D) { return D == &Var; }))
      return Step::Stop;
    return Step::Continue;
  };
  BodyCFG::Search How;
  How.Visit = Visit;
  How.ThroughHandlers = true;
  return Graph.search(Starts, How);
}

} // namespace

llvm::SmallPtrSet<const ValueDecl *, 2>
carriersOf(const CXXCatchStmt &Handler) {
  llvm::SmallPtrSet<const ValueDecl *, 2> Carriers;
  for (const Stmt *S : statementsOf(Handler.getHandlerBlock()))
    if (const ValueDecl *Target = assignedObject(S))
      Carriers.insert(Target);
  return Carriers;
}

std::optional<bool>
carrierTest(const Stmt *Condition,
            const llvm::SmallPtrSetImpl<const ValueDecl *> &Variables) {
  const auto *E = dyn_cast_or_null<Expr>(Condition);
  bool Negated = false;
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E)) {
      E = Cleanups->getSubExpr();
    } else if (const auto *Not = dyn_cast<UnaryOperator>(E);
               Not && Not->getOpcode() == UO_LNot) {
      Negated = !Negated;
      E = Not->getSubExpr();
    } else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E);
               Member &&
               isa_and_nonnull<CXXConversionDecl>(Member->getMethodDecl())) {
      // `if (ep)`: std::exception_ptr's explicit operator bool.
      E = Member->getImplicitObjectArgument();
    } else {
      break;
    }
  }
  if (!E)
    return std::nullopt;
  // `ep != nullptr`, `ep == nullptr`.
  const Expr *LHS = nullptr, *RHS = nullptr;
  bool Equal = false;
  if (const auto *Binary = dyn_cast<BinaryOperator>(E);
      Binary && Binary->isEqualityOp()) {
    LHS = Binary->getLHS();
    RHS = Binary->getRHS();
    Equal = Binary->getOpcode() == BO_EQ;
  } else if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E);
             Operator && Operator->getNumArgs() == 2 &&
             (Operator->getOperator() == OO_EqualEqual ||
              Operator->getOperator() == OO_ExclaimEqual)) {
    LHS = Operator->getArg(0);
    RHS = Operator->getArg(1);
    Equal = Operator->getOperator() == OO_EqualEqual;
  } else if (const auto *Rewritten = dyn_cast<CXXRewrittenBinaryOperator>(E);
             Rewritten && (Rewritten->getOpcode() == BO_EQ ||
                           Rewritten->getOpcode() == BO_NE)) {
    LHS = Rewritten->getLHS();
    RHS = Rewritten->getRHS();
    Equal = Rewritten->getOpcode() == BO_EQ;
  }
  if (LHS) {
    auto IsNull = [](const Expr *Side) {
      Side = skipObjectWrappers(Side);
      // libstdc++ compares two exception_ptrs: nullptr is converted.
      if (const auto *Construct = dyn_cast<CXXConstructExpr>(Side);
          Construct && Construct->getNumArgs() == 1)
        Side = Construct->getArg(0)->IgnoreParenImpCasts();
      return isa<CXXNullPtrLiteralExpr, GNUNullExpr>(Side);
    };
    if (IsNull(RHS))
      E = LHS;
    else if (IsNull(LHS))
      E = RHS;
    else
      return std::nullopt;
    Negated ^= Equal;
  }
  const ValueDecl *Tested = namedObject(E);
  if (!Tested || !Variables.contains(Tested))
    return std::nullopt;
  return !Negated;
}

llvm::SmallPtrSet<const ValueDecl *, 2>
otherFailureFlags(const Stmt &Body, ASTContext &Context, const BodyCFG &Graph,
                  const CXXTryStmt &Try, const CXXCatchStmt &Handler,
                  const llvm::SmallPtrSetImpl<const ValueDecl *> &Carriers) {
  llvm::DenseSet<const Stmt *> InOtherHandlers;
  llvm::MapVector<const VarDecl *, llvm::SmallVector<const Stmt *, 2>>
      Assignments;
  for (unsigned I = 0; I < Try.getNumHandlers(); ++I) {
    if (Try.getHandler(I) == &Handler)
      continue;
    for (const Stmt *S : statementsOf(Try.getHandler(I))) {
      InOtherHandlers.insert(S);
      if (const auto *Var = dyn_cast_or_null<VarDecl>(assignedObject(S)))
        Assignments[Var].push_back(S);
    }
  }
  llvm::SmallPtrSet<const ValueDecl *, 2> Flags;
  for (const auto &[Var, Sites] : Assignments)
    if (!Carriers.contains(Var) && Var->hasLocalStorage() &&
        !isa<ParmVarDecl>(Var) && startsUnset(*Var, Context) &&
        changedOnlyBy(*Var, Body, Context, InOtherHandlers) &&
        !reachesTryAgain(Graph, *Var, Try, Sites))
      Flags.insert(Var);
  return Flags;
}

} // namespace clang::tidy::async::utils
