//===--- DanglingReferenceCheck.cpp - async-dangling-reference ------------===//

#include "DanglingReferenceCheck.h"
#include "DanglingReferenceKeeping.h"
#include "DanglingReferenceMessages.h"
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
namespace wording = async_lint::dangling_reference_wording;

namespace {

using utils::BindingKind;
using utils::BoundObject;
using utils::TaskFate;
using utils::TaskFateKind;

/// When the object bound to the parameter dies.
enum class Death { EndOfFullExpression, EndOfScope, CallerReturns };

/// How the messages name a binding kind.
llvm::StringRef bindingName(BindingKind How) {
  switch (How) {
  case BindingKind::Reference:
    return "reference";
  case BindingKind::Pointer:
    return "pointer";
  case BindingKind::View:
    return "view";
  }
  llvm_unreachable("unknown binding kind");
}

/// As a diagnostic argument prints a declaration.
std::string quotedName(const NamedDecl &D, const ASTContext &Context) {
  std::string Name = "'";
  llvm::raw_string_ostream Out(Name);
  D.getNameForDiagnostic(Out, Context.getPrintingPolicy(),
                         /*Qualified=*/false);
  Out << '\'';
  return Name;
}

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
      : Check(Check), Caller(Caller), Context(Context),
        SM(Context.getSourceManager()), Bindings(Check.ViewTypes, Caller),
        Keeper(Check.Awaitables, Bindings), Body(analysedBody(Caller)),
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
  bool report(const CallExpr &Call, const Expr &Arg, const ParmVarDecl &Param,
              BindingKind How, const BoundObject &Object, Death Dies,
              const KeptParameters::Keeping &Keeping);
  void noteFate(const TaskFate &Fate);
  std::optional<Death> deathOf(const BoundObject &Object, const TaskFate &Fate);

  bool joinedWhileAlive(const VarDecl &Object, const Stmt *Site,
                        const VarDecl &Holder);
  bool joins(const Stmt *S, const VarDecl &Holder, bool Joining);

  DanglingReferenceCheck &Check;
  const FunctionDecl &Caller;
  const ASTContext &Context;
  const SourceManager &SM;
  utils::ReferenceBinding Bindings;
  KeptParameters Keeper;
  const Stmt *Body;
  utils::BodyScopes Scopes;
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
    if (!How || !Param->getIdentifier() || isa<CXXDefaultArgExpr>(Arg))
      continue;
    KeptParameters::Keeping Keeping = Keeper.keeps(*Callee, I);
    if (!Keeping.Keeps && Keeping.IfKept.empty())
      continue;
    std::optional<BoundObject> Object = Bindings.boundObject(Arg, *How);
    if (!Object)
      continue;
    std::optional<Death> Dies = deathOf(*Object, Fate);
    if (!Dies)
      continue;

    if (report(Call, *Arg, *Param, *How, *Object, *Dies, Keeping))
      noteFate(Fate);
  }
}

bool DanglingReferenceCheck::TaskCallChecker::report(
    const CallExpr &Call, const Expr &Arg, const ParmVarDecl &Param,
    BindingKind How, const BoundObject &Object, Death Dies,
    const KeptParameters::Keeping &Keeping) {
  SourceLocation Loc = utils::writtenLocation(Arg.getBeginLoc(), SM);
  std::string CalleeName = "'" + utils::calleeName(Call) + "'";
  llvm::StringRef DeathName = "returns";
  if (Object.Temporary)
    DeathName = "full-expression";
  else if (Dies == Death::EndOfScope)
    DeathName = "scope";
  else if (utils::userWrittenCoroutineBody(Caller))
    DeathName = "finishes";
  llvm::StringRef Message =
      wording::outlivedMessages(DeathName).of(bindingName(How));
  std::string CallerName = utils::isLambdaCallOperator(Caller)
                               ? std::string("the lambda")
                               : "'" + Caller.getNameAsString() + "'";
  auto Across =
      Keeping.Keeps ? AcrossFiles::Report : Check.acrossFiles(Keeping.IfKept);
  if (Across == AcrossFiles::Drop)
    return false;
  if (Across == AcrossFiles::Record) {
    wording::KeptArgument Kept{bindingName(How).str(), DeathName.str(), {}, {}};
    if (Object.Temporary)
      Kept.Args = {quotedName(Param, Context), CalleeName};
    else
      Kept.Args = {quotedName(*Object.Var, Context), quotedName(Param, Context),
                   CalleeName, CallerName};
    Kept.KeptIfKept = Check.usrsOf(Keeping.IfKept);
    Check.diag(Loc, "%0") << async_lint::facts::conditionalMessage(
                                 wording::recordOf(Kept))
                          << Arg.getSourceRange();
  } else if (Object.Temporary) {
    Check.diag(Loc, Message) << &Param << CalleeName << Arg.getSourceRange();
  } else {
    Check.diag(Loc, Message) << Object.Var << &Param << CalleeName << CallerName
                             << Arg.getSourceRange();
  }
  Check.diag(Param.getLocation(),
             wording::ParameterDeclared.of(bindingName(How)),
             DiagnosticIDs::Note)
      << &Param;
  return true;
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
  readProjectFactsOptions();
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
  if (!FactsDirectory.empty())
    recordFacts(*Function);
}

} // namespace clang::tidy::async
