//===--- ExceptionStash.cpp - An exception kept to rethrow later ----------===//

#include "ExceptionStash.h"
#include "NamedObjects.h"
#include "StmtHelpers.h"

#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::async::utils {

namespace {

using Step = BodyCFG::Step;

bool isCallToStd(const Expr *E, StringRef Name) {
  const auto *Call = dyn_cast_or_null<CallExpr>(skipObjectWrappers(E));
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  return Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
         Callee->getName() == Name;
}

bool isNullValue(const Expr *E) {
  while (E) {
    E = E->IgnoreImplicit();
    // exception_ptr(nullptr), the conversion `ex != nullptr` makes.
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
        Construct && Construct->getNumArgs() == 1) {
      E = Construct->getArg(0);
      continue;
    }
    break;
  }
  return E && isa<CXXNullPtrLiteralExpr, GNUNullExpr>(E);
}

} // namespace

const ValueDecl *exceptionStashedBy(const Stmt &S) {
  const Expr *Target = nullptr, *Value = nullptr;
  if (const auto *Assign = dyn_cast<BinaryOperator>(&S);
      Assign && Assign->getOpcode() == BO_Assign) {
    Target = Assign->getLHS();
    Value = Assign->getRHS();
  } else if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&S);
             Operator && Operator->getOperator() == OO_Equal &&
             Operator->getNumArgs() == 2) {
    Target = Operator->getArg(0);
    Value = Operator->getArg(1);
  }
  if (!Target || !isCallToStd(Value, "current_exception"))
    return nullptr;
  const auto *Ref = dyn_cast<DeclRefExpr>(Target->IgnoreParenImpCasts());
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

std::optional<bool> nonNullWhenTrue(const Stmt *Condition,
                                    const ValueDecl *Stash) {
  bool Negated = false;
  const Expr *E = testedValue(Condition, Negated);
  if (!E)
    return std::nullopt;
  if (std::optional<Equality> Compare = equalityComparison(E)) {
    if (isNullValue(Compare->RHS))
      E = Compare->LHS;
    else if (isNullValue(Compare->LHS))
      E = Compare->RHS;
    else
      return std::nullopt;
    if (Compare->Equal)
      Negated = !Negated;
  }
  E = E->IgnoreParenImpCasts();
  // `if (ex)` converts through exception_ptr's operator bool.
  if (const auto *Conversion = dyn_cast<CXXMemberCallExpr>(E);
      Conversion && isa<CXXConversionDecl>(Conversion->getMethodDecl()))
    E = Conversion->getImplicitObjectArgument()->IgnoreParenImpCasts();
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  if (!Ref || Ref->getDecl() != Stash)
    return std::nullopt;
  return !Negated;
}

bool rethrownOnEveryPath(const BodyCFG &Graph, const Stmt &Stashing,
                         const ValueDecl *Stash, const CXXTryStmt &Try,
                         llvm::function_ref<bool(const Stmt &)> EndsPath) {
  std::optional<BodyCFG::Position> At = Graph.positionOf(&Stashing);
  if (!At)
    return false;
  llvm::DenseSet<const Stmt *> InTryBlock = statementsOf(Try.getTryBlock());
  BodyCFG::Search How;
  auto Visit = [&](const Stmt &S) {
    if (EndsPath(S))
      return Step::Stop;
    return InTryBlock.contains(&S) ? Step::Found : Step::Continue;
  };
  // The stash holds the exception: only its non-null branch is taken.
  auto Follow = [&](const CFGBlock &Block, unsigned Index) {
    std::optional<bool> NonNull =
        nonNullWhenTrue(Block.getTerminatorCondition(), Stash);
    return !NonNull || Index == (*NonNull ? 0u : 1u);
  };
  How.Visit = Visit;
  How.Follow = Follow;
  How.AtExit = Step::Found;
  return !Graph.search({BodyCFG::after(*At)}, How);
}

} // namespace clang::tidy::async::utils
