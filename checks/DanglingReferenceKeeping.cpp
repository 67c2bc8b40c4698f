//===--- DanglingReferenceKeeping.cpp - Which parameters are kept ---------===//

#include "DanglingReferenceKeeping.h"
#include "utils/NamedObjects.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::async {

namespace {

/// The definition of Callee in this translation unit, or that of the
/// template it was instantiated from; null when only declared here.
const FunctionDecl *visibleDefinition(const FunctionDecl &Callee) {
  const FunctionDecl *Definition = nullptr;
  if (Callee.hasBody(Definition) && Definition)
    return Definition;
  if (const FunctionDecl *Pattern = Callee.getTemplateInstantiationPattern())
    if (Pattern->hasBody(Definition) && Definition)
      return Definition;
  return nullptr;
}

/// True when Arg passes Param itself on, or a part, address or view of it.
bool passesOn(const Expr *Arg, const ParmVarDecl &Param) {
  for (unsigned Depth = 0; Arg && Depth < 16; ++Depth) {
    Arg = utils::skipObjectWrappers(Arg);
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Arg))
      return Ref->getDecl() == &Param;
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Arg);
        Construct && Construct->getNumArgs() > 0)
      Arg = Construct->getArg(0);
    else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Arg))
      Arg = Member->getImplicitObjectArgument();
    else if (const auto *Unary = dyn_cast<UnaryOperator>(Arg);
             Unary && Unary->getOpcode() == UO_AddrOf)
      Arg = Unary->getSubExpr();
    else if (const auto *Access = dyn_cast<MemberExpr>(Arg);
             Access && !Access->isArrow())
      Arg = Access->getBase();
    else
      return false;
  }
  return false;
}

/// Calls F on the value of each return statement of Body, not those of
/// the lambdas it defines.
void forEachReturnValue(const Stmt *S,
                        llvm::function_ref<void(const Expr &)> F) {
  if (!S || isa<LambdaExpr>(S))
    return;
  if (const auto *Return = dyn_cast<ReturnStmt>(S)) {
    if (const Expr *Value = Return->getRetValue())
      F(*Value);
    return;
  }
  for (const Stmt *Child : S->children())
    forEachReturnValue(Child, F);
}

/// Either way of keeping: A's, or else B's.
void addKeeping(KeptParameters::Keeping &A, const KeptParameters::Keeping &B) {
  A.Keeps = A.Keeps || B.Keeps;
  if (A.Keeps)
    A.IfKept.clear();
  else
    A.IfKept.append(B.IfKept.begin(), B.IfKept.end());
}

} // namespace

KeptParameters::Keeping KeptParameters::keeps(const FunctionDecl &Callee,
                                              unsigned Index, unsigned Depth) {
  DeclaredParameter Key(Callee.getCanonicalDecl(), Index);
  if (auto Found = Kept.find(Key); Found != Kept.end())
    return Found->second;
  // A recursive wrapper is taken as not keeping what it forwards to itself.
  Kept[Key] = {};
  Keeping Result;
  const FunctionDecl *Definition = visibleDefinition(Callee);
  if (!Definition) {
    // Only declared here: a function that returns a task is presumed a
    // coroutine, which keeps its parameters, except a task (or any other
    // awaitable) passed by reference: the function takes it over.
    QualType Type = Callee.getParamDecl(Index)->getType();
    if (!Type->isReferenceType() ||
        Awaitables.classify(Type.getNonReferenceType()) ==
            utils::AwaitableKind::None)
      Result.IfKept.push_back(Key);
  } else if (isa_and_nonnull<CoroutineBodyStmt>(Definition->getBody())) {
    Result.Keeps = true;
  } else if (Depth < 4 && Definition->getNumParams() == Callee.getNumParams()) {
    // Not a coroutine: it is done with its arguments when it returns,
    // unless it returns the task of a call that keeps one of them.
    const ParmVarDecl &Param = *Definition->getParamDecl(Index);
    forEachReturnValue(Definition->getBody(), [&](const Expr &Value) {
      if (!Result.Keeps)
        addKeeping(Result, returnsCallKeeping(&Value, Param, Depth + 1));
    });
  }
  Kept[Key] = Result;
  return Result;
}

KeptParameters::Keeping
KeptParameters::returnsCallKeeping(const Expr *Value, const ParmVarDecl &Param,
                                   unsigned Depth) {
  Value = utils::skipObjectWrappers(Value);
  Keeping Result;
  if (const auto *Conditional = dyn_cast<AbstractConditionalOperator>(Value)) {
    Result = returnsCallKeeping(Conditional->getTrueExpr(), Param, Depth);
    if (!Result.Keeps)
      addKeeping(Result,
                 returnsCallKeeping(Conditional->getFalseExpr(), Param, Depth));
    return Result;
  }
  const auto *Call = dyn_cast<CallExpr>(Value);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee)
    return Result;
  utils::AwaitableKind Kind = Awaitables.classify(Call->getType());
  if (Kind != utils::AwaitableKind::LazyTask &&
      Kind != utils::AwaitableKind::EagerTask)
    return Result;
  unsigned Offset =
      isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee) ? 1 : 0;
  for (unsigned I = 0; I < Callee->getNumParams() && !Result.Keeps; ++I) {
    if (I + Offset >= Call->getNumArgs())
      break;
    if (Bindings.bindingOf(Callee->getParamDecl(I)->getType()) &&
        passesOn(Call->getArg(I + Offset), Param))
      addKeeping(Result, keeps(*Callee, I, Depth));
  }
  return Result;
}

} // namespace clang::tidy::async
