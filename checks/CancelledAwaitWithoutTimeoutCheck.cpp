//===--- CancelledAwaitWithoutTimeoutCheck.cpp ----------------------------===//
//
// async-cancelled-await-without-timeout
//
//===----------------------------------------------------------------------===//

#include "CancelledAwaitWithoutTimeoutCheck.h"
#include "utils/CFGReachability.h"
#include "utils/CoroutineUtils.h"
#include "utils/NamedObjects.h"
#include "utils/SameFunctionVisitor.h"
#include "utils/TimeoutBounds.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SetVector.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace option = rules::option::cancelled_await_without_timeout;

namespace {

/// What the coroutine itself evaluates; lambdas and local classes are
/// coroutines or functions of their own.
class CoroutineBodyCollector
    : public utils::AwaitCollectingVisitor<CoroutineBodyCollector> {
public:
  llvm::SmallVector<const CallExpr *, 8> Calls;
  /// Each variable or member given a value, and the value: initializers
  /// and assignments.
  llvm::SmallVector<std::pair<const ValueDecl *, const Expr *>, 8> Values;
  /// Assignments, by the statement, to the object assigned.
  llvm::DenseMap<const Stmt *, const ValueDecl *> Assignments;

  bool VisitCallExpr(CallExpr *Call) {
    Calls.push_back(Call);
    if (const ValueDecl *Target = utils::assignedObject(Call)) {
      Assignments[Call] = Target;
      Values.push_back({Target, utils::assignedValue(Call)});
    }
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *Binary) {
    if (const ValueDecl *Target = utils::assignedObject(Binary)) {
      Assignments[Binary] = Target;
      Values.push_back({Target, Binary->getRHS()});
    }
    return true;
  }
  bool VisitVarDecl(VarDecl *Var) {
    if (Var->getInit())
      Values.push_back({Var, Var->getInit()});
    return true;
  }
};

/// Finds, in an expression, the calls that take a token from one of the
/// given sources and the references to given variables.
class TokenUseFinder : public RecursiveASTVisitor<TokenUseFinder> {
public:
  TokenUseFinder(const llvm::DenseSet<const CallExpr *> &TokenCalls,
                 const llvm::SmallPtrSetImpl<const ValueDecl *> &TokenVars)
      : TokenCalls(TokenCalls), TokenVars(TokenVars) {}
  bool Found = false;

  bool VisitCallExpr(CallExpr *Call) {
    Found |= TokenCalls.contains(Call);
    return !Found;
  }
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    Found |= TokenVars.contains(Ref->getDecl());
    return !Found;
  }

private:
  const llvm::DenseSet<const CallExpr *> &TokenCalls;
  const llvm::SmallPtrSetImpl<const ValueDecl *> &TokenVars;
};

bool uses(const Expr *E, const llvm::DenseSet<const CallExpr *> &TokenCalls,
          const llvm::SmallPtrSetImpl<const ValueDecl *> &TokenVars) {
  TokenUseFinder Finder(TokenCalls, TokenVars);
  Finder.TraverseStmt(const_cast<Expr *>(E));
  return Finder.Found;
}

/// The variables and members of *this that an expression names anywhere,
/// in the order they are written.
class NamedObjectCollector : public RecursiveASTVisitor<NamedObjectCollector> {
public:
  llvm::SmallSetVector<const ValueDecl *, 8> Objects;

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
      Objects.insert(Var);
    return true;
  }
  bool VisitMemberExpr(MemberExpr *Member) {
    if (isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
      if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl()))
        Objects.insert(Field);
    return true;
  }
};

/// The arguments a call passes, without the object of a member operator
/// and without default arguments.
llvm::SmallVector<const Expr *, 4> passedArguments(const CallExpr *Call) {
  llvm::SmallVector<const Expr *, 4> Args;
  unsigned First = 0;
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Call))
    if (isa_and_nonnull<CXXMethodDecl>(Operator->getDirectCallee()))
      First = 1;
  for (unsigned I = First; I < Call->getNumArgs(); ++I)
    if (!isa<CXXDefaultArgExpr>(Call->getArg(I)))
      Args.push_back(Call->getArg(I));
  return Args;
}

/// The object a call acts on: the object of a method call, or the first
/// argument of a free function.
const ValueDecl *actedOn(const CallExpr *Call) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    return utils::namedObject(Member->getImplicitObjectArgument());
  if (isa<CXXOperatorCallExpr>(Call) || Call->getNumArgs() == 0)
    return nullptr;
  return utils::namedObject(Call->getArg(0));
}

SourceLocation callLocation(const CallExpr *Call) {
  return isa<CXXMemberCallExpr>(Call) ? Call->getExprLoc()
                                      : Call->getBeginLoc();
}

} // namespace

CancelledAwaitWithoutTimeoutCheck::CancelledAwaitWithoutTimeoutCheck(
    StringRef Name, ClangTidyContext *Context)
    : FunctionCheck(Name, Context), RuleOptions(Name, Options, Context) {
  RuleOptions.addApis(CancelFunctions, api_kind::CancelFunctions,
                      option::ExtraCancelFunctions);
  RuleOptions.addApis(TokenFunctions, api_kind::CancellationTokenFunctions,
                      option::ExtraCancellationTokenFunctions);
  RuleOptions.addApis(JoinFunctions, api_kind::JoinFunctions,
                      option::ExtraJoinFunctions);
  RuleOptions.addApis(TimeoutWrappers, api_kind::TimeoutWrappers,
                      option::ExtraTimeoutWrappers);
  RuleOptions.addApis(TimerWaits, api_kind::TimerWaits,
                      option::ExtraTimerWaits);
  RuleOptions.addApis(SignalWaits, api_kind::SignalWaits,
                      option::ExtraSignalWaits);
  TimerExpiry.addKind(RuleOptions.catalog(), api_kind::TimerExpiryFunctions);
  NeverExpiring.addKind(RuleOptions.catalog(),
                        api_kind::NeverExpiringDeadlines);
}

void CancelledAwaitWithoutTimeoutCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  RuleOptions.store(Options, Opts);
}

void CancelledAwaitWithoutTimeoutCheck::registerMatchers(MatchFinder *Finder) {
  if (CancelFunctions.empty())
    return;
  matchDefinitions(Finder, utils::Definitions::Coroutines);
}

bool CancelledAwaitWithoutTimeoutCheck::awaitsWork(const Expr *E,
                                                   const ValueDecl *Work) {
  E = utils::skipObjectWrappers(E);
  if (utils::namedObject(E) == Work)
    return true;
  // The work's own completion: group.join(), promise(token).
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E))
    return utils::namedObject(Member->getImplicitObjectArgument()) == Work &&
           JoinFunctions.matchCall(Member).has_value();
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E))
    return Operator->getOperator() == OO_Call &&
           utils::namedObject(Operator->getArg(0)) == Work;
  return false;
}

bool CancelledAwaitWithoutTimeoutCheck::awaitsAcknowledgement(
    const Expr *E, const ValueDecl *Object) {
  E = utils::skipObjectWrappers(E);
  if (utils::namedObject(E) == Object)
    return true;
  const auto *Member = dyn_cast<CXXMemberCallExpr>(E);
  if (!Member ||
      utils::namedObject(Member->getImplicitObjectArgument()) != Object)
    return false;
  if (SignalWaits.matchCall(Member) || JoinFunctions.matchCall(Member))
    return true;
  return EventTimers.contains(Object) && TimerWaits.matchCall(Member);
}

bool CancelledAwaitWithoutTimeoutCheck::awaitsTarget(const Expr *E,
                                                     const Target &T) {
  return T.GivenAt ? awaitsAcknowledgement(E, T.Object)
                   : awaitsWork(E, T.Object);
}

bool CancelledAwaitWithoutTimeoutCheck::isTimerWait(const Expr *E) {
  const auto *Call = dyn_cast<CallExpr>(utils::skipObjectWrappers(E));
  return Call && TimerWaits.matchCall(Call).has_value();
}

bool CancelledAwaitWithoutTimeoutCheck::isNeverExpiring(const Expr *E) {
  const auto *Call = dyn_cast<CallExpr>(utils::skipObjectWrappers(E));
  return Call && NeverExpiring.matchCall(Call).has_value();
}

CancelledAwaitWithoutTimeoutCheck::AwaitKind
CancelledAwaitWithoutTimeoutCheck::classifyAwait(const Expr *Operand,
                                                 const Target &T) {
  Operand = utils::skipObjectWrappers(Operand);
  if (awaitsTarget(Operand, T))
    return AwaitKind::Unbounded;
  if (const auto *Call = dyn_cast<CallExpr>(Operand)) {
    if (TimeoutWrappers.matchCall(Call)) {
      for (const Expr *Arg : Call->arguments())
        if (awaitsTarget(Arg, T))
          return AwaitKind::Bounded;
      return AwaitKind::NotAwaited;
    }
  }
  // asio's awaitable operators: work || timer.async_wait(...) is bounded by
  // the timer; work && other, or work || other work, is not.
  llvm::SmallVector<const Expr *, 4> Leaves;
  bool AllOr = true;
  utils::flattenOperators(Operand, Leaves, AllOr);
  if (Leaves.size() < 2)
    return AwaitKind::NotAwaited;
  bool AwaitsWork = false, RacesTimer = false;
  for (const Expr *Leaf : Leaves) {
    if (awaitsTarget(Leaf, T))
      AwaitsWork = true;
    else
      RacesTimer |= isTimerWait(Leaf);
  }
  if (!AwaitsWork)
    return AwaitKind::NotAwaited;
  return AllOr && RacesTimer ? AwaitKind::Bounded : AwaitKind::Unbounded;
}

void CancelledAwaitWithoutTimeoutCheck::findEventTimers(
    llvm::ArrayRef<const CallExpr *> Calls,
    llvm::ArrayRef<std::pair<const ValueDecl *, const Expr *>> Values) {
  EventTimers.clear();
  llvm::SmallPtrSet<const ValueDecl *, 4> FiniteTimers;
  for (const CallExpr *Call : Calls)
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
        Member && Member->getNumArgs() > 0 && TimerExpiry.matchCall(Member))
      if (const ValueDecl *Timer =
              utils::namedObject(Member->getImplicitObjectArgument()))
        (isNeverExpiring(Member->getArg(0)) ? EventTimers : FiniteTimers)
            .insert(Timer);
  for (const auto &[Target, Value] : Values)
    if (const auto *Construct =
            dyn_cast<CXXConstructExpr>(utils::skipObjectWrappers(Value)))
      if (llvm::any_of(Construct->arguments(),
                       [&](const Expr *Arg) { return isNeverExpiring(Arg); }))
        EventTimers.insert(Target);
  for (const ValueDecl *Timer : FiniteTimers)
    EventTimers.erase(Timer);
}

llvm::SmallVector<CancelledAwaitWithoutTimeoutCheck::Target, 4>
CancelledAwaitWithoutTimeoutCheck::targetsOf(
    const ValueDecl *Source,
    const llvm::DenseSet<const CallExpr *> &SourceTokens,
    const llvm::DenseSet<const CallExpr *> &CancelOrTokenCalls,
    llvm::ArrayRef<const CallExpr *> Calls,
    llvm::ArrayRef<std::pair<const ValueDecl *, const Expr *>> Values) {
  const llvm::SmallPtrSet<const ValueDecl *, 1> NoVariables;
  llvm::SmallVector<Target, 4> Targets;
  llvm::SmallSetVector<const ValueDecl *, 4> Work;
  Work.insert(Source);
  llvm::SmallPtrSet<const ValueDecl *, 4> TokenVars;
  if (!SourceTokens.empty()) {
    for (const auto &[Target, Value] : Values)
      if (uses(Value, SourceTokens, NoVariables))
        TokenVars.insert(Target);
    for (const auto &[Target, Value] : Values)
      if (TokenVars.contains(Target) || uses(Value, SourceTokens, TokenVars))
        Work.insert(Target);
  }
  for (const ValueDecl *W : Work)
    Targets.push_back({W});

  // The calls that start the cancelled work: given the source or a token
  // of it, or given such a call (co_spawn(ex, worker(done),
  // bind_cancellation_slot(signal.slot(), detached)), group.spawn(
  // worker(stop.get_token()))). What they are also given, and the group
  // they spawn into, is what that work completes.
  llvm::DenseSet<const CallExpr *> Starts;
  for (const CallExpr *Call : Calls) {
    if (CancelOrTokenCalls.contains(Call))
      continue;
    for (const Expr *Arg : passedArguments(Call))
      if (utils::namedObject(Arg) == Source ||
          uses(Arg, SourceTokens, TokenVars)) {
        Starts.insert(Call);
        break;
      }
  }
  llvm::SmallVector<std::pair<const Expr *, const Expr *>, 8> Given;
  for (const CallExpr *Call : Calls) {
    if (CancelOrTokenCalls.contains(Call))
      continue;
    llvm::SmallVector<const Expr *, 4> Args = passedArguments(Call);
    if (!Starts.contains(Call) && llvm::none_of(Args, [&](const Expr *Arg) {
          return uses(Arg, Starts, NoVariables);
        }))
      continue;
    for (const Expr *Arg : Args)
      Given.push_back({Arg, Call});
    // The group a call spawns into; a wait is not a spawn.
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
        Member && !SignalWaits.matchCall(Member) &&
        !JoinFunctions.matchCall(Member) && !TimerWaits.matchCall(Member))
      Given.push_back({Member->getImplicitObjectArgument(), Call});
  }
  for (const auto &[Target, Value] : Values)
    if (Work.contains(Target))
      Given.push_back({Value, Value});
  llvm::SmallPtrSet<const ValueDecl *, 8> Seen(Work.begin(), Work.end());
  Seen.insert(TokenVars.begin(), TokenVars.end());
  for (const auto &[Expression, At] : Given) {
    NamedObjectCollector Objects;
    Objects.TraverseStmt(const_cast<Expr *>(Expression));
    for (const ValueDecl *Object : Objects.Objects)
      if (Seen.insert(Object).second)
        Targets.push_back({Object, At});
  }
  return Targets;
}

void CancelledAwaitWithoutTimeoutCheck::reportAwait(const CoawaitExpr &Await,
                                                    const Target &T,
                                                    const CallExpr &Call,
                                                    const ValueDecl *Source) {
  if (T.GivenAt) {
    diag(Await.getKeywordLoc(),
         "%0 is awaited with no timeout, but only work cancelled "
         "earlier completes it; the await hangs if the work ignores "
         "cancellation")
        << T.Object << Await.getOperand()->getSourceRange();
    diag(callLocation(&Call), "cancelled here", DiagnosticIDs::Note);
    diag(T.GivenAt->getBeginLoc(), "%0 is given to the cancelled work here",
         DiagnosticIDs::Note)
        << T.Object << T.GivenAt->getSourceRange();
    return;
  }
  diag(Await.getKeywordLoc(),
       "%0 is awaited after being cancelled, with no timeout; the "
       "await hangs if the work ignores cancellation")
      << T.Object << Await.getOperand()->getSourceRange();
  if (T.Object == Source)
    diag(callLocation(&Call), "cancelled here", DiagnosticIDs::Note);
  else
    diag(callLocation(&Call), "cancelled here through %0", DiagnosticIDs::Note)
        << Source;
}

void CancelledAwaitWithoutTimeoutCheck::check(
    const MatchFinder::MatchResult &Result) {
  const FunctionDecl *Coroutine = analysedInstantiation(Result);
  if (!Coroutine)
    return;
  const Stmt *Body = utils::userWrittenCoroutineBody(*Coroutine);
  CoroutineBodyCollector Collector;
  Collector.TraverseStmt(const_cast<Stmt *>(Body));
  if (Collector.Awaits.empty())
    return;

  const SourceManager &SM = *Result.SourceManager;
  const LangOptions &LangOpts = Result.Context->getLangOpts();
  struct Cancellation {
    const CallExpr *Call;
    const ValueDecl *Source;
  };
  llvm::SmallVector<Cancellation, 4> Cancellations;
  // Calls that take a token or slot from a source, by the source.
  llvm::DenseMap<const ValueDecl *, llvm::DenseSet<const CallExpr *>>
      TokenCalls;
  llvm::DenseSet<const CallExpr *> CancelOrTokenCalls;
  for (const CallExpr *Call : Collector.Calls) {
    if (CancelFunctions.matchCall(Call)) {
      CancelOrTokenCalls.insert(Call);
      if (const ValueDecl *Source = actedOn(Call))
        if (!TestMacros.wrote(Call->getBeginLoc(), SM, LangOpts))
          Cancellations.push_back({Call, Source});
    } else if (TokenFunctions.matchCall(Call)) {
      CancelOrTokenCalls.insert(Call);
      if (const ValueDecl *Source = actedOn(Call))
        TokenCalls[Source].insert(Call);
    }
  }
  if (Cancellations.empty())
    return;

  std::unique_ptr<utils::BodyCFG> Graph =
      utils::BodyCFG::build(Coroutine, Body, *Result.Context);
  if (!Graph)
    return;

  findEventTimers(Collector.Calls, Collector.Values);

  // What each source cancels: itself, whatever was given a token of it,
  // directly or through a token variable, and the acknowledgements that
  // work was given.
  llvm::DenseMap<const ValueDecl *, llvm::SmallVector<Target, 4>> TargetsOf;
  for (const Cancellation &C : Cancellations) {
    auto [It, Inserted] = TargetsOf.try_emplace(C.Source);
    if (!Inserted)
      continue;
    const llvm::DenseSet<const CallExpr *> NoCalls;
    auto Tokens = TokenCalls.find(C.Source);
    It->second = targetsOf(
        C.Source, Tokens == TokenCalls.end() ? NoCalls : Tokens->second,
        CancelOrTokenCalls, Collector.Calls, Collector.Values);
  }

  llvm::DenseSet<const CoawaitExpr *> Reported;
  for (const Cancellation &C : Cancellations) {
    std::optional<utils::BodyCFG::Position> From = Graph->positionOf(C.Call);
    if (!From)
      continue;
    for (const Target &T : TargetsOf[C.Source]) {
      llvm::DenseSet<const Stmt *> Candidates;
      for (const CoawaitExpr *Await : Collector.Awaits)
        if (!Reported.contains(Await) &&
            classifyAwait(Await->getOperand(), T) == AwaitKind::Unbounded &&
            !TestMacros.wrote(Await->getKeywordLoc(), SM, LangOpts))
          Candidates.insert(Await);
      if (Candidates.empty())
        continue;

      llvm::SmallVector<const CoawaitExpr *, 4> Reached;
      utils::BodyCFG::Search How;
      auto Visit = [&](const Stmt &S) {
        if (Candidates.erase(&S))
          Reached.push_back(cast<CoawaitExpr>(&S));
        // A new value or a new variable is other work.
        if (const auto *Decls = dyn_cast<DeclStmt>(&S))
          for (const Decl *D : Decls->decls())
            if (D == T.Object)
              return utils::BodyCFG::Step::Stop;
        auto Assignment = Collector.Assignments.find(&S);
        if (Assignment != Collector.Assignments.end() &&
            Assignment->second == T.Object)
          return utils::BodyCFG::Step::Stop;
        return utils::BodyCFG::Step::Continue;
      };
      How.Visit = Visit;
      How.ThroughHandlers = true;
      Graph->search({utils::BodyCFG::after(*From)}, How);

      llvm::sort(Reached, [&](const CoawaitExpr *A, const CoawaitExpr *B) {
        return SM.isBeforeInTranslationUnit(A->getKeywordLoc(),
                                            B->getKeywordLoc());
      });
      for (const CoawaitExpr *Await : Reached) {
        Reported.insert(Await);
        reportAwait(*Await, T, *C.Call, C.Source);
      }
    }
  }
}

} // namespace clang::tidy::async
