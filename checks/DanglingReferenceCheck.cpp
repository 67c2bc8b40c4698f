//===--- DanglingReferenceCheck.cpp - async-dangling-reference ------------===//

#include "DanglingReferenceCheck.h"
#include "utils/BodyScopes.h"
#include "utils/CoroutineUtils.h"
#include "utils/FunctionBodyScan.h"
#include "utils/NamedObjects.h"
#include "utils/ReferenceBinding.h"
#include "utils/TaskValueFate.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace option = rules::option::dangling_reference;

namespace {

using utils::BindingKind;
using utils::BoundObject;
using utils::TaskFate;
using utils::TaskFateKind;

/// When the object bound to the parameter dies.
enum class Death { EndOfFullExpression, EndOfScope, CallerReturns };

/// One message for each way a parameter can refer to the object it is
/// bound to.
struct ByBinding {
  const char *Reference;
  const char *Pointer;
  const char *View;

  const char *operator[](BindingKind How) const {
    switch (How) {
    case BindingKind::Reference:
      return Reference;
    case BindingKind::Pointer:
      return Pointer;
    case BindingKind::View:
      return View;
    }
    llvm_unreachable("unknown binding kind");
  }
};

// The warnings, by what dies before the task ends: %0 the parameter and %1
// the callee for a temporary; %0 the variable, %1 the parameter, %2 the
// callee and %3 the caller for a variable of the caller.
constexpr ByBinding TemporaryOutlived = {
    "a temporary is bound to reference parameter %0 of %1, but the task "
    "outlives it: the temporary is destroyed at the end of the full "
    "expression",
    "a pointer to a temporary is bound to pointer parameter %0 of %1, but the "
    "task outlives it: the temporary is destroyed at the end of the full "
    "expression",
    "a view of a temporary is bound to view parameter %0 of %1, but the task "
    "outlives it: the temporary is destroyed at the end of the full "
    "expression"};
constexpr ByBinding LocalOutlivedPastScope = {
    "%0 is bound to reference parameter %1 of %2, but the task outlives it: "
    "%0 is destroyed at the end of its scope",
    "a pointer to %0 is bound to pointer parameter %1 of %2, but the task "
    "outlives it: %0 is destroyed at the end of its scope",
    "a view of %0 is bound to view parameter %1 of %2, but the task outlives "
    "it: %0 is destroyed at the end of its scope"};
constexpr ByBinding LocalOutlivedPastReturn = {
    "%0 is bound to reference parameter %1 of %2, but the task outlives it: "
    "%0 is destroyed when %3 returns",
    "a pointer to %0 is bound to pointer parameter %1 of %2, but the task "
    "outlives it: %0 is destroyed when %3 returns",
    "a view of %0 is bound to view parameter %1 of %2, but the task outlives "
    "it: %0 is destroyed when %3 returns"};
constexpr ByBinding LocalOutlivedPastCoroutineEnd = {
    "%0 is bound to reference parameter %1 of %2, but the task outlives it: "
    "%0 is destroyed when %3 finishes",
    "a pointer to %0 is bound to pointer parameter %1 of %2, but the task "
    "outlives it: %0 is destroyed when %3 finishes",
    "a view of %0 is bound to view parameter %1 of %2, but the task outlives "
    "it: %0 is destroyed when %3 finishes"};
constexpr ByBinding ParameterDeclared = {
    "reference parameter %0 is declared here",
    "pointer parameter %0 is declared here",
    "view parameter %0 is declared here"};

/// The body as written: a coroutine's, without the code that the compiler
/// adds around it.
const Stmt *analysedBody(const FunctionDecl &Function) {
  if (const Stmt *Coroutine = utils::userWrittenCoroutineBody(Function))
    return Coroutine;
  return Function.getBody();
}

} // namespace

/// Checks each call of a coroutine in one function against the fate of the
/// task it returns: whether an object that the function owns and binds to a
/// parameter of the call dies while the task may still run.
class DanglingReferenceCheck::TaskCallChecker {
public:
  TaskCallChecker(DanglingReferenceCheck &Check, const FunctionDecl &Caller,
                  ASTContext &Context)
      : Check(Check), Caller(Caller), SM(Context.getSourceManager()),
        Bindings(Check.ViewTypes, Caller), Body(analysedBody(Caller)),
        Scopes(Body, SM) {}

  void run() {
    utils::TaskHandoffApis Apis{Check.Detaching,    Check.EagerSpawn,
                                Check.HandlerSpawn, Check.TrackedSpawn,
                                Check.Storing,      Check.Awaitables};
    utils::TaskFateWalker(Apis, Caller)
        .walk([&](const CallExpr &Call, const TaskFate &Fate) {
          checkTaskCall(Call, Fate);
        });
  }

private:
  void checkTaskCall(const CallExpr &Call, TaskFate Fate);
  void report(const CallExpr &Call, const Expr &Arg, const ParmVarDecl &Param,
              BindingKind How, const BoundObject &Object, Death Dies);
  void noteFate(const TaskFate &Fate);
  bool keepsParameter(const FunctionDecl &Callee, unsigned Index,
                      unsigned Depth = 0);
  bool returnsCallKeeping(const Expr *Value, const ParmVarDecl &Param,
                          unsigned Depth);
  std::optional<Death> deathOf(const BoundObject &Object, const TaskFate &Fate);

  bool joinedWhileAlive(const VarDecl &Object, const Stmt *Site,
                        const VarDecl &Holder);
  bool joins(const Stmt *S, const VarDecl &Holder, bool Joining);

  DanglingReferenceCheck &Check;
  const FunctionDecl &Caller;
  const SourceManager &SM;
  utils::ReferenceBinding Bindings;
  const Stmt *Body;
  utils::BodyScopes Scopes;
  // Whether a callee keeps its parameter of an index, by callee.
  llvm::DenseMap<std::pair<const FunctionDecl *, unsigned>, bool> Kept;
};

void DanglingReferenceCheck::TaskCallChecker::checkTaskCall(
    const CallExpr &Call, TaskFate Fate) {
  if (Fate.Kind == TaskFateKind::Unknown || Fate.Kind == TaskFateKind::Awaited)
    return;
  utils::AwaitableKind Kind = Check.Awaitables.classify(Call.getType());
  if (Kind != utils::AwaitableKind::LazyTask &&
      Kind != utils::AwaitableKind::EagerTask)
    return;
  if (Fate.Kind == TaskFateKind::Discarded) {
    // A lazy task that nobody awaits never runs; an eager one runs on.
    if (Kind != utils::AwaitableKind::EagerTask)
      return;
    Fate = {TaskFateKind::Detached, &Call, Call.getBeginLoc()};
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
    std::optional<BindingKind> How = Bindings.bindingOf(Param->getType());
    if (!How || !Param->getIdentifier() || isa<CXXDefaultArgExpr>(Arg) ||
        !keepsParameter(*Callee, I))
      continue;
    std::optional<BoundObject> Object = Bindings.boundObject(Arg, *How);
    if (!Object)
      continue;
    std::optional<Death> Dies = deathOf(*Object, Fate);
    if (!Dies)
      continue;

    report(Call, *Arg, *Param, *How, *Object, *Dies);
    noteFate(Fate);
  }
}

void DanglingReferenceCheck::TaskCallChecker::report(
    const CallExpr &Call, const Expr &Arg, const ParmVarDecl &Param,
    BindingKind How, const BoundObject &Object, Death Dies) {
  SourceLocation Loc = utils::writtenLocation(Arg.getBeginLoc(), SM);
  std::string CalleeName = "'" + utils::calleeName(Call) + "'";
  if (Object.Temporary) {
    Check.diag(Loc, TemporaryOutlived[How])
        << &Param << CalleeName << Arg.getSourceRange();
  } else {
    const ByBinding &Message = Dies == Death::EndOfScope
                                   ? LocalOutlivedPastScope
                               : utils::userWrittenCoroutineBody(Caller)
                                   ? LocalOutlivedPastCoroutineEnd
                                   : LocalOutlivedPastReturn;
    std::string CallerName = utils::isLambdaCallOperator(Caller)
                                 ? std::string("the lambda")
                                 : "'" + Caller.getNameAsString() + "'";
    Check.diag(Loc, Message[How]) << Object.Var << &Param << CalleeName
                                  << CallerName << Arg.getSourceRange();
  }
  Check.diag(Param.getLocation(), ParameterDeclared[How], DiagnosticIDs::Note)
      << &Param;
}

void DanglingReferenceCheck::TaskCallChecker::noteFate(const TaskFate &Fate) {
  SourceLocation SiteLoc = utils::writtenLocation(Fate.SiteLoc, SM);
  switch (Fate.Kind) {
  case TaskFateKind::Detached:
    if (Fate.Spawner.empty())
      Check.diag(SiteLoc, "the task starts here and nothing waits for it",
                 DiagnosticIDs::Note);
    else
      Check.diag(SiteLoc, "'%0' starts the task here and nothing waits for it",
                 DiagnosticIDs::Note)
          << Fate.Spawner;
    break;
  case TaskFateKind::Group:
    if (Fate.Holder)
      Check.diag(SiteLoc, "the task is spawned into %0 here",
                 DiagnosticIDs::Note)
          << Fate.Holder;
    else
      Check.diag(SiteLoc, "'%0' spawns the task here", DiagnosticIDs::Note)
          << Fate.Spawner;
    break;
  case TaskFateKind::StoredLocal:
  case TaskFateKind::StoredElsewhere:
    if (Fate.Holder)
      Check.diag(SiteLoc, "the task is stored in %0 here", DiagnosticIDs::Note)
          << Fate.Holder;
    else
      Check.diag(SiteLoc, "the task is stored here", DiagnosticIDs::Note);
    break;
  case TaskFateKind::Returned:
    Check.diag(SiteLoc, "the task is returned here", DiagnosticIDs::Note);
    break;
  default:
    break;
  }
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

bool DanglingReferenceCheck::TaskCallChecker::keepsParameter(
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

bool DanglingReferenceCheck::TaskCallChecker::returnsCallKeeping(
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
    if (Bindings.bindingOf(Callee->getParamDecl(I)->getType()) &&
        passesOn(Call->getArg(I + Offset), Param) &&
        keepsParameter(*Callee, I, Depth))
      return true;
  }
  return false;
}

std::optional<Death>
DanglingReferenceCheck::TaskCallChecker::deathOf(const BoundObject &Object,
                                                 const TaskFate &Fate) {
  if (Object.Temporary)
    return Death::EndOfFullExpression;
  const VarDecl &Var = *Object.Var;
  bool IsParameter = isa<ParmVarDecl>(Var);
  Death Dies = IsParameter ? Death::CallerReturns : Death::EndOfScope;
  const auto *LocalHolder = dyn_cast_or_null<VarDecl>(Fate.Holder);
  if (LocalHolder && !utils::isOwnedLocal(LocalHolder, Caller))
    LocalHolder = nullptr;
  switch (Fate.Kind) {
  case TaskFateKind::Detached: {
    // Safe when a later statement runs the event loop to completion while
    // the object lives (main's io_context::run()), or waits until the
    // executor has finished every task (libcoro's thread_pool::shutdown()).
    const Stmt *Scope = IsParameter ? Body : Scopes.scopeOf(Var);
    if (Scopes.laterStatementCalls(Scope, Fate.Site, [&](const CallExpr &Call) {
          return Check.LoopRuns.matchCall(&Call).has_value() ||
                 Check.ExecutorDrains.matchCall(&Call).has_value();
        }))
      return std::nullopt;
    return Dies;
  }
  case TaskFateKind::Group:
    if (!Fate.Holder)
      return std::nullopt;
    if (!LocalHolder)
      return Dies;
    // A local group is joined, or destroys its children, before the
    // objects declared ahead of it die.
    if (IsParameter || Scopes.outlives(Var, *LocalHolder) ||
        joinedWhileAlive(Var, Fate.Site, *LocalHolder))
      return std::nullopt;
    return Dies;
  case TaskFateKind::StoredLocal:
    if (!LocalHolder || IsParameter || Scopes.outlives(Var, *LocalHolder) ||
        joinedWhileAlive(Var, Fate.Site, *LocalHolder))
      return std::nullopt;
    return Dies;
  case TaskFateKind::StoredElsewhere:
    if (!Fate.Holder)
      return std::nullopt;
    return Dies;
  case TaskFateKind::Returned:
    return Death::CallerReturns;
  default:
    return std::nullopt;
  }
}

bool DanglingReferenceCheck::TaskCallChecker::joinedWhileAlive(
    const VarDecl &Object, const Stmt *Site, const VarDecl &Holder) {
  return Scopes.laterStatement(
      Scopes.scopeOf(Object), Site,
      [&](const Stmt &Statement) { return joins(&Statement, Holder, false); });
}

bool DanglingReferenceCheck::TaskCallChecker::joins(const Stmt *S,
                                                    const VarDecl &Holder,
                                                    bool Joining) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if (const auto *E = dyn_cast<Expr>(S); E && Joining) {
    // Awaited, run to completion, or owned by what is: the holder, or a
    // member of it (std::move(client.tasks)).
    E = utils::skipObjectWrappers(E);
    if (utils::holderOf(E, Caller).Object == &Holder)
      return true;
    S = E;
  }
  if (const auto *Await = dyn_cast<CoawaitExpr>(S))
    return joins(Await->getOperand(), Holder, true);
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    // group.join(), awaited or run.
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
        Member && Check.Joins.matchCall(Call) &&
        utils::holderOf(Member->getImplicitObjectArgument(), Caller).Object ==
            &Holder)
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

DanglingReferenceCheck::DanglingReferenceCheck(StringRef Name,
                                               ClangTidyContext *Context)
    : FunctionCheck(Name, Context), RuleOptions(Name, Options, Context),
      Awaitables(
          utils::TaskTypeNames::from(RuleOptions.apis(api_kind::TaskTypes),
                                     RuleOptions.list(option::ExtraTaskTypes)),
          utils::QualifiedNameMatcher::ofKind(RuleOptions.catalog(),
                                              api_kind::TrivialAwaitables)) {
  utils::addSpawnApis(RuleOptions,
                      {option::ExtraDetachingFunctions,
                       option::ExtraEagerSpawnFunctions,
                       option::ExtraTrackedSpawnFunctions},
                      Detaching, EagerSpawn, TrackedSpawn, HandlerSpawn);
  Storing.addKind(RuleOptions.catalog(), api_kind::ContainerGrowthFunctions,
                  RuleOptions.list(option::ExtraStoringFunctions));
  Joins.addKind(RuleOptions.catalog(), api_kind::JoinFunctions, {});
  LoopRuns.addKind(RuleOptions.catalog(),
                   api_kind::BlockingCallEventLoopReentry, {});
  ExecutorDrains.addKind(RuleOptions.catalog(),
                         api_kind::ExecutorDrainFunctions, {});
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
  TaskCallChecker(*this, *Function, *Result.Context).run();
}

} // namespace clang::tidy::async
