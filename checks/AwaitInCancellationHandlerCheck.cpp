//===--- AwaitInCancellationHandlerCheck.cpp ------------------------------===//
//
// async-await-in-cancellation-handler
//
//===----------------------------------------------------------------------===//

#include "AwaitInCancellationHandlerCheck.h"
#include "AwaitInCancellationHandlerPaths.h"
#include "utils/NamedObjects.h"
#include "utils/StmtHelpers.h"
#include "utils/TimeoutBounds.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace option = rules::option::await_in_cancellation_handler;

namespace {

/// Whether the translation unit declares the entity a qualified name
/// without wildcards names.
bool declares(const ASTContext &Context, StringRef QualifiedName) {
  if (QualifiedName.find_first_of("*?{[") != StringRef::npos)
    return false;
  llvm::SmallVector<StringRef, 4> Parts;
  QualifiedName.split(Parts, "::");
  const DeclContext *Scope = Context.getTranslationUnitDecl();
  for (size_t I = 0; I < Parts.size(); ++I) {
    // A name the translation unit never spelled declares nothing.
    auto Ident = Context.Idents.find(Parts[I]);
    if (Ident == Context.Idents.end())
      return false;
    DeclContextLookupResult Found = Scope->lookup(Ident->getValue());
    if (Found.empty())
      return false;
    if (I + 1 == Parts.size())
      return true;
    const NamedDecl *Next = Found.front();
    if (const auto *Namespace = dyn_cast<NamespaceDecl>(Next))
      Scope = Namespace;
    else if (const auto *Record = dyn_cast<CXXRecordDecl>(Next))
      Scope = Record;
    else
      return false;
  }
  return false;
}

/// How the awaited expression is named in the diagnostic.
enum class Awaited { Named, Lambda, Unnamed };

std::pair<Awaited, const NamedDecl *> awaitedEntity(const Expr *Operand) {
  Operand = utils::skipObjectWrappers(Operand);
  if (const auto *Call = dyn_cast<CallExpr>(Operand);
      Call && !isa<CXXOperatorCallExpr>(Call)) {
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      return {Awaited::Named, Callee};
  } else if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Operand);
             Operator && Operator->getOperator() == OO_Call) {
    if (const auto *Method =
            dyn_cast_or_null<CXXMethodDecl>(Operator->getDirectCallee());
        Method && Method->getParent()->isLambda())
      return {Awaited::Lambda, nullptr};
    if (const ValueDecl *Object = utils::namedObject(Operator->getArg(0)))
      return {Awaited::Named, Object};
  } else if (const ValueDecl *Object = utils::namedObject(Operand)) {
    return {Awaited::Named, Object};
  }
  return {Awaited::Unnamed, nullptr};
}

/// The warning for each advice that the translation unit allows, by which of
/// a shield and a timeout wrapper it declares.
struct ByAdvice {
  const char *NeitherDeclared;
  const char *ShieldDeclared;
  const char *TimeoutDeclared;
  const char *BothDeclared;

  const char *given(bool Shield, bool Timeout) const {
    if (Shield)
      return Timeout ? BothDeclared : ShieldDeclared;
    return Timeout ? TimeoutDeclared : NeitherDeclared;
  }
};

// %0 is the awaited function or variable, %1 the shield and %2 the timeout
// wrapper that the translation unit declares.
constexpr ByAdvice NamedAwaitUnprotected = {
    "awaiting %0 while handling cancellation is neither shielded nor "
    "bounded; shield it or bound it with a timeout",
    "awaiting %0 while handling cancellation is neither shielded nor "
    "bounded; wrap it in '%1' or bound it with a timeout",
    "awaiting %0 while handling cancellation is neither shielded nor "
    "bounded; shield it or bound it with '%2'",
    "awaiting %0 while handling cancellation is neither shielded nor "
    "bounded; wrap it in '%1' or '%2'"};
// %0 is the shield and %1 the timeout wrapper.
constexpr ByAdvice LambdaAwaitUnprotected = {
    "awaiting a lambda while handling cancellation is neither shielded nor "
    "bounded; shield it or bound it with a timeout",
    "awaiting a lambda while handling cancellation is neither shielded nor "
    "bounded; wrap it in '%0' or bound it with a timeout",
    "awaiting a lambda while handling cancellation is neither shielded nor "
    "bounded; shield it or bound it with '%1'",
    "awaiting a lambda while handling cancellation is neither shielded nor "
    "bounded; wrap it in '%0' or '%1'"};
constexpr ByAdvice OtherAwaitUnprotected = {
    "awaiting an expression while handling cancellation is neither shielded "
    "nor bounded; shield it or bound it with a timeout",
    "awaiting an expression while handling cancellation is neither shielded "
    "nor bounded; wrap it in '%0' or bound it with a timeout",
    "awaiting an expression while handling cancellation is neither shielded "
    "nor bounded; shield it or bound it with '%1'",
    "awaiting an expression while handling cancellation is neither shielded "
    "nor bounded; wrap it in '%0' or '%1'"};

} // namespace

AwaitInCancellationHandlerCheck::AwaitInCancellationHandlerCheck(
    StringRef Name, ClangTidyContext *Context)
    : FunctionCheck(Name, Context), RuleOptions(Name, Options, Context) {
  RuleOptions.addApis(ImmediateAwaitables, api_kind::ImmediateAwaitables,
                      option::ExtraImmediateAwaitables);
  NonThrowingCancellationTasks.addKind(
      RuleOptions.catalog(), api_kind::NonThrowingCancellationTaskTypes);

  // The shields and timeout wrappers are also suggested by name.
  auto FillNamed = [&](utils::QualifiedNameMatcher &Matcher,
                       rules::ApiKindName Kind, rules::OptionName ExtraOption,
                       std::vector<std::string> &Names) {
    RuleOptions.addApis(Matcher, Kind, ExtraOption);
    for (const catalog::ApiEntry *Entry : RuleOptions.apis(Kind))
      Names.push_back(Entry->QualifiedName);
    for (const std::string &Extra : RuleOptions.list(ExtraOption))
      Names.push_back(StringRef(Extra).ltrim(':').str());
  };
  FillNamed(Shields, api_kind::CancellationShields,
            option::ExtraCancellationShields, ShieldNames);
  FillNamed(TimeoutWrappers, api_kind::TimeoutWrappers,
            option::ExtraTimeoutWrappers, TimeoutNames);
  RuleOptions.addApis(TimerWaits, api_kind::TimerWaits,
                      option::ExtraTimerWaits);
  RuleOptions.addApis(ExecutorHops, api_kind::ExecutorHops,
                      option::ExtraExecutorHops);
  RuleOptions.addApis(CancellationDisablers, api_kind::CancellationDisablers,
                      option::ExtraCancellationDisablers);
}

void AwaitInCancellationHandlerCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  RuleOptions.store(Options, Opts);
}

void AwaitInCancellationHandlerCheck::registerMatchers(MatchFinder *Finder) {
  matchDefinitions(Finder, utils::Definitions::Coroutines);
}

void AwaitInCancellationHandlerCheck::resolveTranslationUnit(
    ASTContext &Context) {
  if (ResolvedIn == &Context)
    return;
  ResolvedIn = &Context;
  Cancellation.resolve(Context);
  auto FirstDeclared = [&](const std::vector<std::string> &Names) {
    for (const std::string &Name : Names)
      if (declares(Context, Name))
        return Name;
    return std::string();
  };
  ShieldInScope = FirstDeclared(ShieldNames);
  TimeoutInScope = FirstDeclared(TimeoutNames);
}

AwaitInCancellationHandlerCheck::Test
AwaitInCancellationHandlerCheck::cancellationTest(const Stmt *Condition) const {
  bool Negated = false;
  const Expr *E = utils::testedValue(Condition, Negated);
  if (!E)
    return Test::None;
  auto Result = [](bool CancelledWhenTrue) {
    return CancelledWhenTrue ? Test::CancelledWhenTrue
                             : Test::CancelledWhenFalse;
  };

  if (isa<CXXDynamicCastExpr>(E))
    return Cancellation.isCancellationClass(utils::dynamicCastTarget(E))
               ? Result(!Negated)
               : Test::None;

  std::optional<utils::Equality> Compare = utils::equalityComparison(E);
  if (!Compare)
    return Test::None;
  if (!Cancellation.errorCodeIn(Compare->LHS) &&
      !Cancellation.errorCodeIn(Compare->RHS))
    return Test::None;
  return Result(Compare->Equal != Negated);
}

bool AwaitInCancellationHandlerCheck::isProtected(const Expr *Operand) {
  Operand = utils::skipObjectWrappers(Operand);
  // Nothing to cancel or wait for: asio::this_coro::executor.
  if (const CXXRecordDecl *Type = utils::recordOf(Operand->getType());
      Type && ImmediateAwaitables.matchesDecl(Type))
    return true;
  // `auto cleanup = aio::shield(flush()); co_await std::move(cleanup);`
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Operand))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Var->hasLocalStorage() && Var->getInit())
      Operand = utils::skipObjectWrappers(Var->getInit());
  // A hop to another thread (`co_await pool.schedule()`) is no cleanup.
  if (const auto *Call = dyn_cast<CallExpr>(Operand))
    if (Shields.matchCall(Call) || TimeoutWrappers.matchCall(Call) ||
        ExecutorHops.matchCall(Call))
      return true;
  // asio's awaitable operators: cleanup || timer.async_wait(...) ends when
  // the timer does.
  return utils::racesTimer(Operand, TimerWaits);
}

bool AwaitInCancellationHandlerCheck::disablesCancellation(const Stmt &S) {
  const auto *Await = dyn_cast<CoawaitExpr>(&S);
  if (!Await || Await->isImplicit())
    return false;
  const auto *Call =
      dyn_cast<CallExpr>(utils::skipObjectWrappers(Await->getOperand()));
  return Call && CancellationDisablers.matchCall(Call);
}

bool AwaitInCancellationHandlerCheck::isRethrow(
    const Stmt &S,
    const llvm::SmallPtrSetImpl<const ValueDecl *> &Carriers) const {
  if (const auto *Throw = dyn_cast<CXXThrowExpr>(&S)) {
    const Expr *Thrown = Throw->getSubExpr();
    return !Thrown ||
           Cancellation.isCancellationClass(utils::recordOf(Thrown->getType()));
  }
  // std::rethrow_exception(ep) with what the handler kept.
  if (const auto *Call = dyn_cast<CallExpr>(&S))
    for (const Expr *Arg : Call->arguments())
      if (const ValueDecl *Object = utils::namedObject(Arg);
          Object && Carriers.contains(Object))
        return true;
  return false;
}

bool AwaitInCancellationHandlerCheck::catchesCancellation(
    const CXXCatchStmt &Handler,
    llvm::SmallPtrSetImpl<const CXXRecordDecl *> &Taken) const {
  // A catch-all is the last handler: nothing after it needs TakesAll.
  bool TakesAll = false;
  return Cancellation.caughtBy(Handler.getCaughtType(), Taken, TakesAll)
      .has_value();
}

void AwaitInCancellationHandlerCheck::report(const CoawaitExpr *Await,
                                             const CancellationPath &Path) {
  auto [Kind, Entity] = awaitedEntity(Await->getOperand());
  const ByAdvice &Messages = Kind == Awaited::Named    ? NamedAwaitUnprotected
                             : Kind == Awaited::Lambda ? LambdaAwaitUnprotected
                                                       : OtherAwaitUnprotected;
  const char *Message =
      Messages.given(!ShieldInScope.empty(), !TimeoutInScope.empty());
  {
    auto Diag = diag(Await->getKeywordLoc(), Message);
    // The plain name, without the template arguments of a call.
    if (Entity)
      Diag << Entity->getDeclName();
    Diag << ShieldInScope << TimeoutInScope
         << Await->getOperand()->getSourceRange();
  }
  diag(Path.NoteAt,
       Path.Caught ? "cancellation caught here" : "cancellation tested here",
       DiagnosticIDs::Note);
}

void AwaitInCancellationHandlerCheck::check(
    const MatchFinder::MatchResult &Result) {
  const FunctionDecl *Function = analysedInstantiation(Result);
  if (!Function)
    return;
  // A cancelled corral task is never resumed: no handler of it, and no code
  // after one, runs while handling its cancellation.
  if (const CXXRecordDecl *Task = utils::recordOf(Function->getReturnType());
      Task && NonThrowingCancellationTasks.matchesDecl(Task))
    return;
  CoroutineBody Coroutine(*Function, *Result.Context);
  if (Coroutine.Awaits.empty())
    return;
  resolveTranslationUnit(*Result.Context);

  llvm::SmallVector<CancellationPath, 4> Paths;
  addHandlerPaths(Coroutine, Paths);
  addErrorCodePaths(Coroutine, Paths);

  // An await on several paths is judged once, on the first (innermost).
  llvm::DenseSet<const Stmt *> Reported;
  for (const CancellationPath &Path : Paths)
    for (const CoawaitExpr *Await : awaitsHandling(Coroutine, Path, Reported)) {
      Reported.insert(Await);
      if (!isProtected(Await->getOperand()) &&
          !TestMacros.wrote(Await->getKeywordLoc(), Coroutine.SM,
                            Coroutine.LangOpts))
        report(Await, Path);
    }
}

} // namespace clang::tidy::async
