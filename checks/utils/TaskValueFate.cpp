//===--- TaskValueFate.cpp - What becomes of a task value -----------------===//

#include "TaskValueFate.h"
#include "CoroutineUtils.h"
#include "NamedObjects.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::async::utils {

void addSpawnApis(const RuleOptions &Options, const SpawnOptions &Extra,
                  QualifiedNameMatcher &Detaching,
                  QualifiedNameMatcher &EagerSpawn,
                  QualifiedNameMatcher &TrackedSpawn,
                  QualifiedNameMatcher &HandlerSpawn) {
  Options.addApis(Detaching, api_kind::DetachingFunctions,
                  Extra.ExtraDetaching);
  Options.addApis(EagerSpawn, api_kind::EagerSpawnFunctions,
                  Extra.ExtraEagerSpawn);
  Options.addApis(TrackedSpawn, api_kind::TrackedSpawnFunctions,
                  Extra.ExtraTrackedSpawn);
  HandlerSpawn.addKind(Options.catalog(), api_kind::HandlerSpawnFunctions);
}

TaskFateWalker::TaskFateWalker(const TaskHandoffApis &Apis,
                               const FunctionDecl &Function)
    : Apis(Apis), Function(Function) {}

void TaskFateWalker::walk(CallVisitor Visitor) {
  Visit = Visitor;
  if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(&Function))
    for (const CXXCtorInitializer *Init : Constructor->inits())
      if (Init->isWritten() && Init->getMember())
        walk(Init->getInit(),
             {TaskFateKind::StoredElsewhere, Init->getInit(),
              Init->getMemberLocation(), "", Init->getMember()});
  if (const Stmt *Coroutine = userWrittenCoroutineBody(Function))
    walkStatement(Coroutine);
  else
    walkStatement(Function.getBody());
}

void TaskFateWalker::walkStatement(const Stmt *S) {
  if (!S)
    return;
  if (const auto *E = dyn_cast<Expr>(S)) {
    walk(E, {TaskFateKind::Discarded, E, E->getBeginLoc()});
    return;
  }
  if (const auto *Decls = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : Decls->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D); Var && Var->getInit())
        walk(Var->getInit(), storedIn(Var, Decls, Var->getLocation()));
    return;
  }
  if (const auto *Return = dyn_cast<ReturnStmt>(S)) {
    walk(Return->getRetValue(),
         {TaskFateKind::Returned, Return, Return->getBeginLoc()});
    return;
  }
  if (const auto *Return = dyn_cast<CoreturnStmt>(S)) {
    walk(Return->getOperand(),
         {TaskFateKind::Returned, Return, Return->getBeginLoc()});
    return;
  }
  for (const Stmt *Child : S->children())
    walkStatement(Child);
}

void TaskFateWalker::walk(const Stmt *S, const TaskFate &Fate) {
  if (!S || isa<LambdaExpr>(S))
    return; // A lambda's body is a function of its own.
  const auto *E = dyn_cast<Expr>(S);
  if (!E) {
    walkStatement(S);
    return;
  }
  if (isa<ParenExpr, ImplicitCastExpr, ExprWithCleanups,
          MaterializeTemporaryExpr, CXXBindTemporaryExpr, ConstantExpr,
          CXXFunctionalCastExpr>(E)) {
    walkChildren(E, Fate);
    return;
  }
  if (const auto *Await = dyn_cast<CoawaitExpr>(E)) {
    walk(Await->getOperand(), {TaskFateKind::Awaited});
    return;
  }
  if (const auto *Await = dyn_cast<DependentCoawaitExpr>(E)) {
    walk(Await->getOperand(), {TaskFateKind::Awaited});
    return;
  }
  if (const auto *Yield = dyn_cast<CoyieldExpr>(E)) {
    walk(Yield->getOperand(), {});
    return;
  }
  if (const auto *Binary = dyn_cast<BinaryOperator>(E)) {
    if (Binary->getOpcode() == BO_Assign) {
      walk(Binary->getLHS(), {});
      walk(Binary->getRHS(),
           storedInObject(Binary->getLHS(), Binary, Binary->getOperatorLoc()));
      return;
    }
    if (Binary->getOpcode() == BO_Comma) {
      walkStatement(Binary->getLHS());
      walk(Binary->getRHS(), Fate);
      return;
    }
  }
  if (const auto *Conditional = dyn_cast<AbstractConditionalOperator>(E)) {
    walk(Conditional->getCond(), {});
    walk(Conditional->getTrueExpr(), Fate);
    walk(Conditional->getFalseExpr(), Fate);
    return;
  }
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    bool SameObject = Construct->getNumArgs() == 1 &&
                      Construct->getConstructor()->isCopyOrMoveConstructor();
    walkChildren(E, SameObject ? Fate : TaskFate{});
    return;
  }
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    walkCall(*Call, Fate);
    return;
  }
  walkChildren(E, {});
}

void TaskFateWalker::walkCall(const CallExpr &Call, const TaskFate &Fate) {
  if (isStdMoveOrForward(Call)) {
    walk(Call.getArg(0), Fate);
    return;
  }
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&Call);
      Operator && Operator->getOperator() == OO_Equal &&
      Operator->getNumArgs() == 2) {
    walk(Operator->getArg(0), {});
    walk(Operator->getArg(1), storedInObject(Operator->getArg(0), Operator,
                                             Operator->getOperatorLoc()));
    return;
  }

  // The fate of the tasks passed as arguments.
  TaskFate ArgFate;
  if (std::optional<TaskFate> Spawned = spawnFate(Call, Fate)) {
    ArgFate = *Spawned;
  } else {
    (*Visit)(Call, Fate);
    // A coroutine or an awaitable adaptor that takes a task owns it: the
    // task lives as long as what the call returns. Any other function
    // (aio::run, sync_wait) is assumed to finish with it before returning.
    if (Apis.Awaitables.classify(Call.getType()) != AwaitableKind::None)
      ArgFate = Fate;
  }
  walk(Call.getCallee(), {});
  for (const Expr *Arg : Call.arguments())
    walk(Arg, ArgFate);
}

TaskFate TaskFateWalker::storedInObject(const Expr *Target, const Stmt *Site,
                                        SourceLocation Loc) const {
  TaskHolder Holder = holderOf(Target, Function);
  return {Holder.Local ? TaskFateKind::StoredLocal
                       : TaskFateKind::StoredElsewhere,
          Site, Loc, "", Holder.Object};
}

TaskFate TaskFateWalker::storedIn(const ValueDecl *Holder, const Stmt *Site,
                                  SourceLocation Loc) const {
  if (const auto *Var = dyn_cast_or_null<VarDecl>(Holder)) {
    if (isOwnedLocal(Var, Function))
      return {TaskFateKind::StoredLocal, Site, Loc, "", Var};
    // A local reference may refer to anything.
    if (Var->getType()->isReferenceType() && !isa<ParmVarDecl>(Var))
      return {TaskFateKind::StoredElsewhere, Site, Loc, "", nullptr};
  }
  return {TaskFateKind::StoredElsewhere, Site, Loc, "", Holder};
}

TaskHolder holderOf(const Expr *E, const FunctionDecl &Function) {
  // The outermost member named on the way: what a note calls the holder
  // when the root object is not the caller's.
  const ValueDecl *Member = nullptr;
  bool ThroughPointer = false;
  while (E) {
    E = skipObjectWrappers(E);
    if (const auto *Access = dyn_cast<MemberExpr>(E)) {
      if (!Member)
        Member = Access->getMemberDecl();
      ThroughPointer |= Access->isArrow();
      E = Access->getBase();
      continue;
    }
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
      E = Subscript->getBase();
      continue;
    }
    if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E)) {
      if (Operator->getOperator() == OO_Subscript) {
        E = Operator->getArg(0);
        continue;
      }
      if (Operator->getOperator() == OO_Star ||
          Operator->getOperator() == OO_Arrow) {
        ThroughPointer = true;
        E = Operator->getArg(0);
        continue;
      }
      return {nullptr, false};
    }
    if (const auto *Unary = dyn_cast<UnaryOperator>(E);
        Unary && Unary->getOpcode() == UO_Deref) {
      ThroughPointer = true;
      E = Unary->getSubExpr();
      continue;
    }
    break;
  }
  if (isa_and_nonnull<CXXThisExpr>(E))
    return {Member, false};
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E);
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var)
    return {nullptr, false};
  if (isOwnedLocal(Var, Function))
    return ThroughPointer ? TaskHolder{nullptr, false} : TaskHolder{Var, true};
  // A local reference may refer to anything; a reference parameter, a
  // global or a static refers to what outlives this call.
  if (Var->getType()->isReferenceType() && !isa<ParmVarDecl>(Var))
    return {nullptr, false};
  if (Var->hasLocalStorage() && !Var->getType()->isReferenceType() &&
      !ThroughPointer)
    return {nullptr, false}; // A capture of an enclosing function's local.
  return {Member ? Member : Var, false};
}

std::optional<TaskFate> TaskFateWalker::spawnFate(const CallExpr &Call,
                                                  const TaskFate &Fate) {
  SourceLocation Loc =
      isa<CXXMemberCallExpr>(Call) ? Call.getExprLoc() : Call.getBeginLoc();
  if (auto Found = Apis.TrackedSpawn.matchCall(&Call)) {
    const ValueDecl *Group = nullptr;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
      Group = holderOf(Member->getImplicitObjectArgument(), Function).Object;
    return TaskFate{TaskFateKind::Group, &Call, Loc, Found->MatchedName, Group};
  }
  if (auto Found = Apis.Detaching.matchCall(&Call))
    return TaskFate{TaskFateKind::Detached, &Call, Loc, Found->MatchedName};
  std::optional<QualifiedNameMatcher::Match> Found =
      Apis.EagerSpawn.matchCall(&Call);
  if (!Found)
    Found = Apis.HandlerSpawn.matchCall(&Call);
  if (Found) {
    // The task is as safe as the handle or awaitable the call returns is
    // kept; a dropped one lets the task run on alone.
    switch (Fate.Kind) {
    case TaskFateKind::Awaited:
    case TaskFateKind::StoredLocal:
    case TaskFateKind::StoredElsewhere:
    case TaskFateKind::Returned:
      return Fate;
    default:
      return TaskFate{TaskFateKind::Detached, &Call, Loc, Found->MatchedName};
    }
  }
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    if (Apis.Storing.matchCall(&Call))
      return storedInObject(Member->getImplicitObjectArgument(), &Call, Loc);
  return std::nullopt;
}

} // namespace clang::tidy::async::utils
