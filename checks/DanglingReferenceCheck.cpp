//===--- DanglingReferenceCheck.cpp - async-dangling-reference ------------===//

#include "DanglingReferenceCheck.h"
#include "utils/CoroutineUtils.h"
#include "utils/FunctionBodyScan.h"
#include "utils/NamedObjects.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace option = rules::option::dangling_reference;

namespace {

enum class FateKind {
  /// Nothing is known about how long the task runs; never reported.
  Unknown,
  /// Awaited in the full expression that created it.
  Awaited,
  /// The value of an expression statement.
  Discarded,
  /// Started with no owner in this function.
  Detached,
  /// Spawned into a task group or scope (Holder, when known).
  Group,
  /// Stored in a local variable of this function (Holder).
  StoredLocal,
  /// Stored in a member, a global or through a reference (Holder, when
  /// known).
  StoredElsewhere,
  /// Returned to the caller.
  Returned,
};

/// How the object bound to the parameter is reached through it.
enum class Binding { Reference, Pointer, View };

/// When the object bound to the parameter dies; the order is that of the
/// diagnostic's %select.
enum class Death { EndOfFullExpression, EndOfScope, CallerReturns };

/// The object a parameter is bound to: a temporary, or a variable of the
/// calling function.
struct BoundObject {
  bool Temporary = false;
  const VarDecl *Var = nullptr;
};

utils::QualifiedNameMatcher namedTypes(const catalog::Catalog &Catalog,
                                       rules::ApiKindName Kind,
                                       const std::vector<std::string> &Extra) {
  utils::QualifiedNameMatcher Names;
  Names.addKind(Catalog, Kind);
  Names.addNames(Extra);
  return Names;
}

bool isStdMoveOrForward(const CallExpr &Call) {
  if (Call.getNumArgs() != 1)
    return false;
  if (Call.isCallToStdMove())
    return true;
  const FunctionDecl *Callee = Call.getDirectCallee();
  return Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
         Callee->getName() == "forward";
}

/// E without parentheses and the implicit casts that keep the object the
/// same (no-op, derived-to-base).
const Expr *skipSameObjectCasts(const Expr *E) {
  while (true) {
    E = E->IgnoreParens();
    const auto *Cast = dyn_cast<ImplicitCastExpr>(E);
    if (!Cast || (Cast->getCastKind() != CK_NoOp &&
                  Cast->getCastKind() != CK_DerivedToBase &&
                  Cast->getCastKind() != CK_UncheckedDerivedToBase))
      return E;
    E = Cast->getSubExpr();
  }
}

} // namespace

struct DanglingReferenceCheck::TaskFate {
  FateKind Kind = FateKind::Unknown;
  /// The spawn call, store or return that decides the fate.
  const Stmt *Site = nullptr;
  SourceLocation SiteLoc;
  /// The function that starts or spawns the task.
  std::string Spawner;
  /// The variable or member holding the task, or the group it is spawned
  /// into.
  const ValueDecl *Holder = nullptr;
};

/// Walks one function's body from the top, carrying down what becomes of
/// the value of each expression, and checks each call of a coroutine
/// against the fate of the task it returns.
class DanglingReferenceCheck::BodyWalker {
public:
  BodyWalker(DanglingReferenceCheck &Check, const FunctionDecl &Caller,
             ASTContext &Context)
      : Check(Check), Caller(Caller), Context(Context),
        SM(Context.getSourceManager()) {
    if (const Stmt *Coroutine = utils::userWrittenCoroutineBody(Caller))
      Body = Coroutine;
    else
      Body = Caller.getBody();
  }

  void run() {
    if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(&Caller))
      for (const CXXCtorInitializer *Init : Constructor->inits())
        if (Init->isWritten() && Init->getMember())
          walk(Init->getInit(),
               {FateKind::StoredElsewhere, Init->getInit(),
                Init->getMemberLocation(), "", Init->getMember()});
    walkStatement(Body);
  }

private:
  void walkStatement(const Stmt *S);
  void walk(const Stmt *S, const TaskFate &Fate);
  void walkCall(const CallExpr &Call, const TaskFate &Fate);
  void walkChildren(const Stmt *S, const TaskFate &Fate) {
    for (const Stmt *Child : S->children())
      walk(Child, Fate);
  }

  /// The object that an expression (an assignment's target, the object of
  /// a method call) denotes, and whether it is a local of the caller.
  std::pair<const ValueDecl *, bool> holderOf(const Expr *E) const;
  TaskFate storedInObject(const Expr *Target, const Stmt *Site,
                          SourceLocation Loc) const {
    auto [Holder, Local] = holderOf(Target);
    return {Local ? FateKind::StoredLocal : FateKind::StoredElsewhere, Site,
            Loc, "", Holder};
  }
  TaskFate storedIn(const ValueDecl *Holder, const Stmt *Site,
                    SourceLocation Loc) const;
  std::optional<TaskFate> spawnFate(const CallExpr &Call, const TaskFate &Fate);
  void checkTaskCall(const CallExpr &Call, TaskFate Fate);

  std::optional<BoundObject> boundObject(const Expr *Arg, Binding How) const;
  std::optional<BoundObject> rootObject(const Expr *E) const;
  std::optional<BoundObject> viewedObject(const Expr *Arg,
                                          unsigned Depth) const;
  std::optional<BoundObject> pointedObject(const Expr *Arg) const;
  std::optional<Binding> bindingOf(QualType Type) const;
  bool keepsParameter(const FunctionDecl &Callee, unsigned Index,
                      unsigned Depth = 0);
  bool returnsCallKeeping(const Expr *Value, const ParmVarDecl &Param,
                          unsigned Depth);
  std::optional<Death> deathOf(const BoundObject &Object, const TaskFate &Fate);

  bool isLocalOfCaller(const ValueDecl *Decl) const;
  void mapParents() const;
  const Stmt *parentOf(const Stmt &S) const;
  const DeclStmt *declarationOf(const VarDecl &Var) const;
  const Stmt *scopeOf(const VarDecl &Var) const;
  bool encloses(const Stmt *Scope, const Stmt *S) const;
  bool outlives(const VarDecl &Object, const VarDecl &Holder) const;
  bool laterStatementCalls(
      const Stmt *Scope, const Stmt *Site,
      llvm::function_ref<bool(const CallExpr &)> Predicate) const;
  bool laterStatement(const Stmt *Scope, const Stmt *Site,
                      llvm::function_ref<bool(const Stmt &)> Predicate) const;
  bool joinedWhileAlive(const VarDecl &Object, const Stmt *Site,
                        const VarDecl &Holder);
  bool joins(const Stmt *S, const VarDecl &Holder, bool Joining);

  DanglingReferenceCheck &Check;
  const FunctionDecl &Caller;
  ASTContext &Context;
  const SourceManager &SM;
  const Stmt *Body = nullptr;
  // The parents of the body's statements and the statements that declare
  // its variables, mapped on first use. ASTContext::getParents would map the
  // whole translation unit, headers included: as costly as parsing them.
  mutable std::unique_ptr<ParentMap> Parents;
  mutable llvm::DenseMap<const VarDecl *, const DeclStmt *> Declarations;
  // Whether a callee keeps its parameter of an index, by callee.
  llvm::DenseMap<std::pair<const FunctionDecl *, unsigned>, bool> Kept;
};

void DanglingReferenceCheck::BodyWalker::walkStatement(const Stmt *S) {
  if (!S)
    return;
  if (const auto *E = dyn_cast<Expr>(S)) {
    walk(E, {FateKind::Discarded, E, E->getBeginLoc()});
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
         {FateKind::Returned, Return, Return->getBeginLoc()});
    return;
  }
  if (const auto *Return = dyn_cast<CoreturnStmt>(S)) {
    walk(Return->getOperand(),
         {FateKind::Returned, Return, Return->getBeginLoc()});
    return;
  }
  for (const Stmt *Child : S->children())
    walkStatement(Child);
}

void DanglingReferenceCheck::BodyWalker::walk(const Stmt *S,
                                              const TaskFate &Fate) {
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
    walk(Await->getOperand(), {FateKind::Awaited});
    return;
  }
  if (const auto *Await = dyn_cast<DependentCoawaitExpr>(E)) {
    walk(Await->getOperand(), {FateKind::Awaited});
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

void DanglingReferenceCheck::BodyWalker::walkCall(const CallExpr &Call,
                                                  const TaskFate &Fate) {
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
    checkTaskCall(Call, Fate);
    // A coroutine or an awaitable adaptor that takes a task owns it: the
    // task lives as long as what the call returns. Any other function
    // (aio::run, sync_wait) is assumed to finish with it before returning.
    if (Check.Awaitables.classify(Call.getType()) != utils::AwaitableKind::None)
      ArgFate = Fate;
  }
  walk(Call.getCallee(), {});
  for (const Expr *Arg : Call.arguments())
    walk(Arg, ArgFate);
}

DanglingReferenceCheck::TaskFate DanglingReferenceCheck::BodyWalker::storedIn(
    const ValueDecl *Holder, const Stmt *Site, SourceLocation Loc) const {
  if (const auto *Var = dyn_cast_or_null<VarDecl>(Holder)) {
    if (isLocalOfCaller(Var))
      return {FateKind::StoredLocal, Site, Loc, "", Var};
    // A local reference may refer to anything.
    if (Var->getType()->isReferenceType() && !isa<ParmVarDecl>(Var))
      return {FateKind::StoredElsewhere, Site, Loc, "", nullptr};
  }
  return {FateKind::StoredElsewhere, Site, Loc, "", Holder};
}

std::pair<const ValueDecl *, bool>
DanglingReferenceCheck::BodyWalker::holderOf(const Expr *E) const {
  // The outermost member named on the way: what a note calls the holder
  // when the root object is not the caller's.
  const ValueDecl *Member = nullptr;
  bool ThroughPointer = false;
  while (E) {
    E = utils::skipObjectWrappers(E);
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
  if (isLocalOfCaller(Var))
    return ThroughPointer ? std::pair<const ValueDecl *, bool>{nullptr, false}
                          : std::pair<const ValueDecl *, bool>{Var, true};
  // A local reference may refer to anything; a reference parameter, a
  // global or a static refers to what outlives this call.
  if (Var->getType()->isReferenceType() && !isa<ParmVarDecl>(Var))
    return {nullptr, false};
  if (Var->hasLocalStorage() && !Var->getType()->isReferenceType() &&
      !ThroughPointer)
    return {nullptr, false}; // A capture of an enclosing function's local.
  return {Member ? Member : Var, false};
}

std::optional<DanglingReferenceCheck::TaskFate>
DanglingReferenceCheck::BodyWalker::spawnFate(const CallExpr &Call,
                                              const TaskFate &Fate) {
  SourceLocation Loc =
      isa<CXXMemberCallExpr>(Call) ? Call.getExprLoc() : Call.getBeginLoc();
  if (auto Found = Check.TrackedSpawn.matchCall(&Call)) {
    const ValueDecl *Group = nullptr;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
      Group = holderOf(Member->getImplicitObjectArgument()).first;
    return TaskFate{FateKind::Group, &Call, Loc, Found->MatchedName, Group};
  }
  if (auto Found = Check.Detaching.matchCall(&Call))
    return TaskFate{FateKind::Detached, &Call, Loc, Found->MatchedName};
  std::optional<utils::QualifiedNameMatcher::Match> Found =
      Check.EagerSpawn.matchCall(&Call);
  if (!Found)
    Found = Check.HandlerSpawn.matchCall(&Call);
  if (Found) {
    // The task is as safe as the handle or awaitable the call returns is
    // kept; a dropped one lets the task run on alone.
    switch (Fate.Kind) {
    case FateKind::Awaited:
    case FateKind::StoredLocal:
    case FateKind::StoredElsewhere:
    case FateKind::Returned:
      return Fate;
    default:
      return TaskFate{FateKind::Detached, &Call, Loc, Found->MatchedName};
    }
  }
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    if (Check.Storing.matchCall(&Call))
      return storedInObject(Member->getImplicitObjectArgument(), &Call, Loc);
  return std::nullopt;
}

void DanglingReferenceCheck::BodyWalker::checkTaskCall(const CallExpr &Call,
                                                       TaskFate Fate) {
  if (Fate.Kind == FateKind::Unknown || Fate.Kind == FateKind::Awaited)
    return;
  utils::AwaitableKind Kind = Check.Awaitables.classify(Call.getType());
  if (Kind != utils::AwaitableKind::LazyTask &&
      Kind != utils::AwaitableKind::EagerTask)
    return;
  if (Fate.Kind == FateKind::Discarded) {
    // A lazy task that nobody awaits never runs; an eager one runs on.
    if (Kind != utils::AwaitableKind::EagerTask)
      return;
    Fate = {FateKind::Detached, &Call, Call.getBeginLoc()};
  }
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee)
    return;
  // The object of a member operator() is its first argument.
  unsigned Offset = 0;
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&Call)) {
    if (Operator->getOperator() != OO_Call)
      return;
    if (isa<CXXMethodDecl>(Callee))
      Offset = 1;
  }
  for (unsigned I = 0; I < Callee->getNumParams(); ++I) {
    if (I + Offset >= Call.getNumArgs())
      break;
    const ParmVarDecl *Param = Callee->getParamDecl(I);
    const Expr *Arg = Call.getArg(I + Offset);
    std::optional<Binding> How = bindingOf(Param->getType());
    if (!How || !Param->getIdentifier() || isa<CXXDefaultArgExpr>(Arg) ||
        !keepsParameter(*Callee, I))
      continue;
    std::optional<BoundObject> Object = boundObject(Arg, *How);
    if (!Object)
      continue;
    std::optional<Death> Dies = deathOf(*Object, Fate);
    if (!Dies)
      continue;

    std::string CallerName = utils::isLambdaCallOperator(Caller)
                                 ? std::string("the lambda")
                                 : "'" + Caller.getNameAsString() + "'";
    {
      auto Diag =
          Check.diag(
              utils::writtenLocation(Arg->getBeginLoc(), SM),
              "%select{|a pointer to |a view of }0%select{a "
              "temporary|%2}1 is bound to "
              "%select{reference|pointer|view}0 parameter %3 of "
              "%4, but the task outlives it: %select{the "
              "temporary is destroyed at the end of the full "
              "expression|%2 is destroyed at the end of its "
              "scope|%2 is destroyed when %5 %select{returns|finishes}7}6")
          << static_cast<unsigned>(*How) << (Object->Temporary ? 0 : 1);
      if (Object->Var)
        Diag << Object->Var;
      else
        Diag << "";
      Diag << Param << ("'" + utils::calleeName(Call) + "'") << CallerName
           << static_cast<unsigned>(*Dies)
           << (utils::userWrittenCoroutineBody(Caller) ? 1 : 0)
           << Arg->getSourceRange();
    }
    Check.diag(Param->getLocation(),
               "%select{reference|pointer|view}0 parameter %1 is declared here",
               DiagnosticIDs::Note)
        << static_cast<unsigned>(*How) << Param;

    SourceLocation SiteLoc = utils::writtenLocation(Fate.SiteLoc, SM);
    switch (Fate.Kind) {
    case FateKind::Detached:
      if (Fate.Spawner.empty())
        Check.diag(SiteLoc, "the task starts here and nothing waits for it",
                   DiagnosticIDs::Note);
      else
        Check.diag(SiteLoc,
                   "'%0' starts the task here and nothing waits for it",
                   DiagnosticIDs::Note)
            << Fate.Spawner;
      break;
    case FateKind::Group:
      if (Fate.Holder)
        Check.diag(SiteLoc, "the task is spawned into %0 here",
                   DiagnosticIDs::Note)
            << Fate.Holder;
      else
        Check.diag(SiteLoc, "'%0' spawns the task here", DiagnosticIDs::Note)
            << Fate.Spawner;
      break;
    case FateKind::StoredLocal:
    case FateKind::StoredElsewhere:
      if (Fate.Holder)
        Check.diag(SiteLoc, "the task is stored in %0 here",
                   DiagnosticIDs::Note)
            << Fate.Holder;
      else
        Check.diag(SiteLoc, "the task is stored here", DiagnosticIDs::Note);
      break;
    case FateKind::Returned:
      Check.diag(SiteLoc, "the task is returned here", DiagnosticIDs::Note);
      break;
    default:
      break;
    }
  }
}

std::optional<Binding>
DanglingReferenceCheck::BodyWalker::bindingOf(QualType Type) const {
  if (Type->isDependentType())
    return std::nullopt;
  if (Type->isReferenceType())
    return Type.getNonReferenceType()->isFunctionType()
               ? std::nullopt
               : std::optional(Binding::Reference);
  if (Type->isPointerType())
    return Type->getPointeeType()->isFunctionType()
               ? std::nullopt
               : std::optional(Binding::Pointer);
  if (Check.ViewTypes.matchType(Type))
    return Binding::View;
  return std::nullopt;
}

std::optional<BoundObject>
DanglingReferenceCheck::BodyWalker::boundObject(const Expr *Arg,
                                                Binding How) const {
  switch (How) {
  case Binding::Reference: {
    const Expr *E = skipSameObjectCasts(Arg);
    if (isa<MaterializeTemporaryExpr>(E))
      return BoundObject{true, nullptr};
    return rootObject(E);
  }
  case Binding::Pointer:
    return pointedObject(Arg);
  case Binding::View:
    return viewedObject(Arg, 0);
  }
  return std::nullopt;
}

std::optional<BoundObject>
DanglingReferenceCheck::BodyWalker::rootObject(const Expr *E) const {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Call = dyn_cast<CallExpr>(E);
        Call && isStdMoveOrForward(*Call)) {
      E = Call->getArg(0);
      continue;
    }
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      // Through a pointer (this->m included) the object is not the
      // caller's to destroy, nor is what a reference member refers to.
      if (Member->isArrow() || !isa<FieldDecl>(Member->getMemberDecl()) ||
          Member->getMemberDecl()->getType()->isReferenceType())
        return std::nullopt;
      E = Member->getBase();
      continue;
    }
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
      const Expr *Base = Subscript->getBase()->IgnoreParens();
      const auto *Decay = dyn_cast<ImplicitCastExpr>(Base);
      if (!Decay || Decay->getCastKind() != CK_ArrayToPointerDecay)
        return std::nullopt;
      E = Decay->getSubExpr();
      continue;
    }
    break;
  }
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E);
  if (!Ref)
    return std::nullopt;
  const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
  if (!Var || !isLocalOfCaller(Var))
    return std::nullopt;
  return BoundObject{false, Var};
}

std::optional<BoundObject>
DanglingReferenceCheck::BodyWalker::pointedObject(const Expr *Arg) const {
  const Expr *E = skipSameObjectCasts(Arg);
  if (const auto *Decay = dyn_cast<ImplicitCastExpr>(E);
      Decay && Decay->getCastKind() == CK_ArrayToPointerDecay) {
    const Expr *Array = Decay->getSubExpr()->IgnoreParens();
    if (isa<StringLiteral, PredefinedExpr>(Array))
      return std::nullopt;
    if (isa<MaterializeTemporaryExpr>(Array))
      return BoundObject{true, nullptr};
    return rootObject(Array);
  }
  if (const auto *Unary = dyn_cast<UnaryOperator>(E);
      Unary && Unary->getOpcode() == UO_AddrOf)
    return rootObject(Unary->getSubExpr());
  // s.data() and s.c_str() point into s.
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    const Expr *Object = Member->getImplicitObjectArgument();
    if (!Method || !Method->getIdentifier() || !Object ||
        !llvm::is_contained({"data", "c_str"}, Method->getName()) ||
        Object->getType()->isPointerType() ||
        Check.ViewTypes.matchType(Object->getType()))
      return std::nullopt;
    if (isa<MaterializeTemporaryExpr>(skipSameObjectCasts(Object)))
      return BoundObject{true, nullptr};
    return rootObject(Object);
  }
  return std::nullopt;
}

std::optional<BoundObject>
DanglingReferenceCheck::BodyWalker::viewedObject(const Expr *Arg,
                                                 unsigned Depth) const {
  if (Depth > 4)
    return std::nullopt;
  // Find what the view is made from: the first argument of its
  // constructor, or the object of a conversion operator.
  const Expr *E = Arg;
  const Expr *Source = nullptr;
  while (!Source) {
    E = E->IgnoreParens();
    if (const auto *Cast = dyn_cast<CastExpr>(E)) {
      E = Cast->getSubExpr();
    } else if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E)) {
      E = Cleanups->getSubExpr();
    } else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = Bind->getSubExpr();
    } else if (const auto *Temporary = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = Temporary->getSubExpr();
    } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      if (Construct->getNumArgs() == 0 ||
          isa<CXXDefaultArgExpr>(Construct->getArg(0)))
        return std::nullopt;
      if (Construct->getConstructor()->isCopyOrMoveConstructor())
        E = Construct->getArg(0);
      else
        Source = Construct->getArg(0);
    } else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E);
               Member &&
               isa_and_nonnull<CXXConversionDecl>(Member->getMethodDecl())) {
      Source = Member->getImplicitObjectArgument();
    } else {
      // A view variable, or a view returned by a function: what it views
      // is not known here.
      return std::nullopt;
    }
  }
  QualType SourceType = Source->getType();
  if (SourceType->isPointerType())
    return pointedObject(Source);
  if (Check.ViewTypes.matchType(SourceType))
    return viewedObject(Source, Depth + 1);
  const Expr *Object = skipSameObjectCasts(Source);
  if (isa<StringLiteral>(Object))
    return std::nullopt;
  if (isa<MaterializeTemporaryExpr>(Object))
    return BoundObject{true, nullptr};
  return rootObject(Object);
}

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

} // namespace

bool DanglingReferenceCheck::BodyWalker::keepsParameter(
    const FunctionDecl &Callee, unsigned Index, unsigned Depth) {
  auto Key = std::make_pair(Callee.getCanonicalDecl(), Index);
  if (auto Found = Kept.find(Key); Found != Kept.end())
    return Found->second;
  // A recursive wrapper is taken as not keeping what it forwards to itself.
  Kept[Key] = false;
  bool Keeps = false;
  const FunctionDecl *Definition = visibleDefinition(Callee);
  if (!Definition) {
    // Only declared here: a function that returns a task is presumed a
    // coroutine, which keeps its parameters, except a task (or any other
    // awaitable) passed by reference: the function takes it over.
    QualType Type = Callee.getParamDecl(Index)->getType();
    Keeps = !Type->isReferenceType() ||
            Check.Awaitables.classify(Type.getNonReferenceType()) ==
                utils::AwaitableKind::None;
  } else if (isa_and_nonnull<CoroutineBodyStmt>(Definition->getBody())) {
    Keeps = true;
  } else if (Depth < 4 && Definition->getNumParams() == Callee.getNumParams()) {
    // Not a coroutine: it is done with its arguments when it returns,
    // unless it returns the task of a call that keeps one of them.
    const ParmVarDecl &Param = *Definition->getParamDecl(Index);
    forEachReturnValue(Definition->getBody(), [&](const Expr &Value) {
      Keeps = Keeps || returnsCallKeeping(&Value, Param, Depth + 1);
    });
  }
  Kept[Key] = Keeps;
  return Keeps;
}

bool DanglingReferenceCheck::BodyWalker::returnsCallKeeping(
    const Expr *Value, const ParmVarDecl &Param, unsigned Depth) {
  Value = utils::skipObjectWrappers(Value);
  if (const auto *Conditional = dyn_cast<AbstractConditionalOperator>(Value))
    return returnsCallKeeping(Conditional->getTrueExpr(), Param, Depth) ||
           returnsCallKeeping(Conditional->getFalseExpr(), Param, Depth);
  const auto *Call = dyn_cast<CallExpr>(Value);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee)
    return false;
  utils::AwaitableKind Kind = Check.Awaitables.classify(Call->getType());
  if (Kind != utils::AwaitableKind::LazyTask &&
      Kind != utils::AwaitableKind::EagerTask)
    return false;
  unsigned Offset =
      isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee) ? 1 : 0;
  for (unsigned I = 0; I < Callee->getNumParams(); ++I) {
    if (I + Offset >= Call->getNumArgs())
      break;
    if (bindingOf(Callee->getParamDecl(I)->getType()) &&
        passesOn(Call->getArg(I + Offset), Param) &&
        keepsParameter(*Callee, I, Depth))
      return true;
  }
  return false;
}

bool DanglingReferenceCheck::BodyWalker::isLocalOfCaller(
    const ValueDecl *Decl) const {
  const auto *Var = dyn_cast_or_null<VarDecl>(Decl);
  if (!Var || !Var->hasLocalStorage() || Var->getType()->isReferenceType())
    return false;
  // A variable of an enclosing function, reached from a lambda, is a
  // capture: not this function's to destroy.
  return Var->getDeclContext() == static_cast<const DeclContext *>(&Caller);
}

std::optional<Death>
DanglingReferenceCheck::BodyWalker::deathOf(const BoundObject &Object,
                                            const TaskFate &Fate) {
  if (Object.Temporary)
    return Death::EndOfFullExpression;
  const VarDecl &Var = *Object.Var;
  bool IsParameter = isa<ParmVarDecl>(Var);
  Death Dies = IsParameter ? Death::CallerReturns : Death::EndOfScope;
  const auto *LocalHolder = dyn_cast_or_null<VarDecl>(Fate.Holder);
  if (LocalHolder && !isLocalOfCaller(LocalHolder))
    LocalHolder = nullptr;
  switch (Fate.Kind) {
  case FateKind::Detached: {
    // Safe when a later statement runs the event loop to completion while
    // the object lives (main's io_context::run()), or waits until the
    // executor has finished every task (libcoro's thread_pool::shutdown()).
    const Stmt *Scope = IsParameter ? Body : scopeOf(Var);
    if (laterStatementCalls(Scope, Fate.Site, [&](const CallExpr &Call) {
          return Check.LoopRuns.matchCall(&Call).has_value() ||
                 Check.ExecutorDrains.matchCall(&Call).has_value();
        }))
      return std::nullopt;
    return Dies;
  }
  case FateKind::Group:
    if (!Fate.Holder)
      return std::nullopt;
    if (!LocalHolder)
      return Dies;
    // A local group is joined, or destroys its children, before the
    // objects declared ahead of it die.
    if (IsParameter || outlives(Var, *LocalHolder) ||
        joinedWhileAlive(Var, Fate.Site, *LocalHolder))
      return std::nullopt;
    return Dies;
  case FateKind::StoredLocal:
    if (!LocalHolder || IsParameter || outlives(Var, *LocalHolder) ||
        joinedWhileAlive(Var, Fate.Site, *LocalHolder))
      return std::nullopt;
    return Dies;
  case FateKind::StoredElsewhere:
    if (!Fate.Holder)
      return std::nullopt;
    return Dies;
  case FateKind::Returned:
    return Death::CallerReturns;
  default:
    return std::nullopt;
  }
}

void DanglingReferenceCheck::BodyWalker::mapParents() const {
  Parents = std::make_unique<ParentMap>(const_cast<Stmt *>(Body));
  llvm::SmallVector<const Stmt *, 32> Stack{Body};
  while (!Stack.empty()) {
    const Stmt *S = Stack.pop_back_val();
    if (!S)
      continue;
    if (const auto *Declaration = dyn_cast<DeclStmt>(S))
      for (const Decl *D : Declaration->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D))
          Declarations.try_emplace(Var, Declaration);
    for (const Stmt *Child : S->children())
      Stack.push_back(Child);
  }
}

const Stmt *DanglingReferenceCheck::BodyWalker::parentOf(const Stmt &S) const {
  if (!Parents)
    mapParents();
  return Parents->getParent(&S);
}

const DeclStmt *
DanglingReferenceCheck::BodyWalker::declarationOf(const VarDecl &Var) const {
  if (!Parents)
    mapParents();
  return Declarations.lookup(&Var);
}

const Stmt *
DanglingReferenceCheck::BodyWalker::scopeOf(const VarDecl &Var) const {
  const DeclStmt *Declaration = declarationOf(Var);
  return Declaration ? parentOf(*Declaration) : nullptr;
}

bool DanglingReferenceCheck::BodyWalker::encloses(const Stmt *Scope,
                                                  const Stmt *S) const {
  if (!Scope)
    return false;
  for (unsigned Depth = 0; S && Depth < 256; ++Depth) {
    if (S == Scope)
      return true;
    if (S == Body)
      return false;
    S = parentOf(*S);
  }
  return false;
}

bool DanglingReferenceCheck::BodyWalker::outlives(const VarDecl &Object,
                                                  const VarDecl &Holder) const {
  if (isa<ParmVarDecl>(Object))
    return true;
  if (isa<ParmVarDecl>(Holder))
    return false;
  const Stmt *HolderDeclaration = declarationOf(Holder);
  return HolderDeclaration && encloses(scopeOf(Object), HolderDeclaration) &&
         SM.isBeforeInTranslationUnit(Object.getLocation(),
                                      Holder.getLocation());
}

namespace {

bool containsCall(const Stmt *S,
                  llvm::function_ref<bool(const CallExpr &)> Predicate) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if (const auto *Call = dyn_cast<CallExpr>(S); Call && Predicate(*Call))
    return true;
  for (const Stmt *Child : S->children())
    if (containsCall(Child, Predicate))
      return true;
  return false;
}

} // namespace

bool DanglingReferenceCheck::BodyWalker::laterStatementCalls(
    const Stmt *Scope, const Stmt *Site,
    llvm::function_ref<bool(const CallExpr &)> Predicate) const {
  return laterStatement(Scope, Site, [&](const Stmt &Statement) {
    return containsCall(&Statement, Predicate);
  });
}

bool DanglingReferenceCheck::BodyWalker::joinedWhileAlive(
    const VarDecl &Object, const Stmt *Site, const VarDecl &Holder) {
  return laterStatement(scopeOf(Object), Site, [&](const Stmt &Statement) {
    return joins(&Statement, Holder, false);
  });
}

bool DanglingReferenceCheck::BodyWalker::joins(const Stmt *S,
                                               const VarDecl &Holder,
                                               bool Joining) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if (const auto *E = dyn_cast<Expr>(S); E && Joining) {
    // Awaited, run to completion, or owned by what is: the holder, or a
    // member of it (std::move(client.tasks)).
    E = utils::skipObjectWrappers(E);
    if (holderOf(E).first == &Holder)
      return true;
    S = E;
  }
  if (const auto *Await = dyn_cast<CoawaitExpr>(S))
    return joins(Await->getOperand(), Holder, true);
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    // group.join(), awaited or run.
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
        Member && Check.Joins.matchCall(Call) &&
        holderOf(Member->getImplicitObjectArgument()).first == &Holder)
      return true;
    // sync_wait(t), loop.run_until_complete(t), and the awaitable that
    // owns the tasks of a joined call (when_all(std::move(tasks))).
    bool ArgumentsJoined =
        Check.LoopRuns.matchCall(Call).has_value() ||
        (Joining && Check.Awaitables.classify(Call->getType()) !=
                        utils::AwaitableKind::None);
    for (const Expr *Arg : Call->arguments())
      if (joins(Arg, Holder, ArgumentsJoined))
        return true;
    return false;
  }
  for (const Stmt *Child : S->children())
    if (joins(Child, Holder, false))
      return true;
  return false;
}

bool DanglingReferenceCheck::BodyWalker::laterStatement(
    const Stmt *Scope, const Stmt *Site,
    llvm::function_ref<bool(const Stmt &)> Predicate) const {
  const auto *Block = dyn_cast_or_null<CompoundStmt>(Scope);
  if (!Block || !Site)
    return false;
  // The statement of Block that contains the site.
  const Stmt *Statement = Site;
  for (unsigned Depth = 0; Statement && Depth < 256; ++Depth) {
    const Stmt *Parent = parentOf(*Statement);
    if (Parent == Block)
      break;
    Statement = Parent;
  }
  if (!Statement)
    return false;
  // Only straight-line statements count: a call in a branch may not run.
  bool After = false;
  for (const Stmt *Child : Block->body()) {
    if (After && isa<Expr, DeclStmt, ReturnStmt, CoreturnStmt>(Child) &&
        Predicate(*Child))
      return true;
    if (Child == Statement)
      After = true;
  }
  return false;
}

DanglingReferenceCheck::DanglingReferenceCheck(StringRef Name,
                                               ClangTidyContext *Context)
    : FunctionCheck(Name, Context), RuleOptions(Name, Options, Context),
      Awaitables(
          utils::TaskTypeNames::from(RuleOptions.apis(api_kind::TaskTypes),
                                     RuleOptions.list(option::ExtraTaskTypes)),
          namedTypes(RuleOptions.catalog(), api_kind::TrivialAwaitables, {})) {
  Detaching.addKind(RuleOptions.catalog(), api_kind::DetachingFunctions,
                    RuleOptions.list(option::ExtraDetachingFunctions));
  EagerSpawn.addKind(RuleOptions.catalog(), api_kind::EagerSpawnFunctions,
                     RuleOptions.list(option::ExtraEagerSpawnFunctions));
  TrackedSpawn.addKind(RuleOptions.catalog(), api_kind::TrackedSpawnFunctions,
                       RuleOptions.list(option::ExtraTrackedSpawnFunctions));
  HandlerSpawn.addKind(RuleOptions.catalog(), api_kind::HandlerSpawnFunctions);
  Storing.addKind(RuleOptions.catalog(), api_kind::ContainerGrowthFunctions,
                  RuleOptions.list(option::ExtraStoringFunctions));
  Joins.addKind(RuleOptions.catalog(), api_kind::JoinFunctions);
  LoopRuns.addKind(RuleOptions.catalog(),
                   api_kind::BlockingCallEventLoopReentry);
  ExecutorDrains.addKind(RuleOptions.catalog(),
                         api_kind::ExecutorDrainFunctions);
  ViewTypes.addKind(RuleOptions.catalog(), api_kind::ViewTypes);
  ViewTypes.addNames(RuleOptions.list(option::ExtraViewTypes));
}

void DanglingReferenceCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  RuleOptions.store(Options, Opts);
}

void DanglingReferenceCheck::registerMatchers(MatchFinder *Finder) {
  matchDefinitions(Finder, utils::Definitions::Functions);
}

void DanglingReferenceCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Function =
      Result.Nodes.getNodeAs<FunctionDecl>(utils::AnalysedFunction);
  if (!Function->getBody())
    return;
  BodyWalker(*this, *Function, *Result.Context).run();
}

} // namespace clang::tidy::async
