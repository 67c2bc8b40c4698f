//===--- IoWithoutTimeoutCheck.cpp ----------------------------------------===//
//
// async-io-without-timeout
//
//===----------------------------------------------------------------------===//

#include "IoWithoutTimeoutCheck.h"
#include "IoWithoutTimeoutMessages.h"
#include "utils/CFGReachability.h"
#include "utils/CoroutineUtils.h"
#include "utils/NamedObjects.h"
#include "utils/SameFunctionVisitor.h"
#include "utils/StmtHelpers.h"
#include "utils/TimeoutBounds.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace option = rules::option::io_without_timeout;
namespace wording = async_lint::io_without_timeout_wording;

namespace {

enum Tag : unsigned { StreamIo, Accept };

/// The co_await expressions the coroutine itself evaluates; lambdas and
/// local classes are coroutines or functions of their own.
class AwaitCollector : public utils::AwaitCollectingVisitor<AwaitCollector> {};

/// A constant whose every scalar is zero or negative: a zero or negative
/// duration, an empty optional.
bool isZeroOrNegative(const APValue &Value) {
  switch (Value.getKind()) {
  case APValue::Int:
    return !Value.getInt().isStrictlyPositive();
  case APValue::Float:
    return Value.getFloat().isZero() || Value.getFloat().isNegative();
  case APValue::Struct:
    for (unsigned I = 0; I < Value.getStructNumBases(); ++I)
      if (!isZeroOrNegative(Value.getStructBase(I)))
        return false;
    for (unsigned I = 0; I < Value.getStructNumFields(); ++I)
      if (!isZeroOrNegative(Value.getStructField(I)))
        return false;
    return true;
  case APValue::Union:
    return !Value.getUnionField() || isZeroOrNegative(Value.getUnionValue());
  default:
    return false;
  }
}

/// A deadline argument that sets no deadline: a zero or negative duration,
/// an empty optional or a default-constructed value, written or left to its
/// default (libcoro's `timeout = std::chrono::milliseconds{0}`,
/// `std::optional<milliseconds> timeout = std::nullopt` and QCoro's
/// `timeout = std::chrono::milliseconds{-1}` wait for ever).
bool setsNoDeadline(const Expr *E, const ASTContext &Context) {
  E = utils::skipTemporaries(E);
  if (const auto *Default = dyn_cast<CXXDefaultArgExpr>(E))
    E = utils::skipTemporaries(Default->getExpr());
  if (E->isValueDependent())
    return false;
  if (const CXXRecordDecl *Record = E->getType()->getAsCXXRecordDecl();
      Record && utils::catalogName(Record) == "std::nullopt_t")
    return true;
  Expr::EvalResult Value;
  if (E->EvaluateAsRValue(Value, Context) && !Value.HasSideEffects)
    return isZeroOrNegative(Value.Val);
  // A value made from a constant, such as an optional holding a duration.
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return Construct->getNumArgs() == 0 ||
           setsNoDeadline(Construct->getArg(0), Context);
  if (const auto *List = dyn_cast<InitListExpr>(E))
    return List->getNumInits() == 0 ||
           (List->getNumInits() == 1 &&
            setsNoDeadline(List->getInit(0), Context));
  return false;
}

/// The operands of a chain of overloaded && (asio's awaitable operators:
/// wait for all, or for the first to fail), each without object wrappers.
void allOfOperands(const Expr *E, llvm::SmallVectorImpl<const Expr *> &Out) {
  E = utils::skipObjectWrappers(E);
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E);
      Operator && Operator->getNumArgs() == 2 &&
      Operator->getOperator() == OO_AmpAmp) {
    allOfOperands(Operator->getArg(0), Out);
    allOfOperands(Operator->getArg(1), Out);
    return;
  }
  Out.push_back(E);
}

const FunctionDecl *referencedFunction(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return dyn_cast<FunctionDecl>(Ref->getDecl());
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return dyn_cast<FunctionDecl>(Member->getMemberDecl());
  return nullptr;
}

/// Every call, and every reference of the wanted functions, in the
/// translation unit outside system headers: who calls the coroutines that
/// have findings (and, for the project facts, the functions that may be
/// coroutines of other units). Run once per translation unit and only when
/// needed, instead of matchers on every expression of every unit.
class CallerScan : public RecursiveASTVisitor<CallerScan> {
public:
  using ReferenceCallback = llvm::function_ref<void(
      const FunctionDecl *, const Expr *, const FunctionDecl *In)>;
  CallerScan(const SourceManager &SM,
             llvm::function_ref<bool(const FunctionDecl *)> Wanted,
             llvm::function_ref<void(const CallExpr &)> OnCall,
             ReferenceCallback OnReference)
      : SM(SM), Wanted(Wanted), OnCall(OnCall), OnReference(OnReference) {}

  // What the matchers saw: instantiations and implicit code included.
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }

  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) &&
        SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation())))
      return true;
    // The function a reference is in, as the facts name its caller; a
    // lambda's references are its enclosing function's.
    const auto *Function = dyn_cast_or_null<FunctionDecl>(D);
    if (!Function || utils::isLambdaCallOperator(*Function))
      return RecursiveASTVisitor::TraverseDecl(D);
    const FunctionDecl *Outer = std::exchange(Enclosing, Function);
    const bool Continue = RecursiveASTVisitor::TraverseDecl(D);
    Enclosing = Outer;
    return Continue;
  }
  bool VisitCallExpr(CallExpr *Call) {
    OnCall(*Call);
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *Ref) { return reference(Ref); }
  bool VisitMemberExpr(MemberExpr *Member) { return reference(Member); }

private:
  bool reference(const Expr *E) {
    if (const FunctionDecl *Function = referencedFunction(E))
      if (Wanted(Function->getCanonicalDecl()))
        OnReference(Function->getCanonicalDecl(), E, Enclosing);
    return true;
  }

  const SourceManager &SM;
  llvm::function_ref<bool(const FunctionDecl *)> Wanted;
  llvm::function_ref<void(const CallExpr &)> OnCall;
  ReferenceCallback OnReference;
  const FunctionDecl *Enclosing = nullptr;
};

} // namespace

IoWithoutTimeoutCheck::IoWithoutTimeoutCheck(StringRef Name,
                                             ClangTidyContext *Context)
    : FunctionCheck(Name, Context), RuleOptions(Name, Options, Context),
      CheckAccept(RuleOptions.flag(option::CheckAccept)),
      TrustBoundedCallers(RuleOptions.flag(option::TrustBoundedCallers)) {
  // Callers in other units matter only when callers are trusted.
  if (TrustBoundedCallers) {
    namespace facts = async_lint::facts;
    FactsDirectory = Options.getLocalOrGlobal(facts::FactsDirectoryOption, "");
    ProjectFactsPath = Options.getLocalOrGlobal(facts::ProjectFactsOption, "");
    AcrossFiles =
        !ProjectFactsPath.empty() ||
        Options.getLocalOrGlobal(facts::ConditionalFindingsOption, false);
  }
  auto Fill = [&](utils::QualifiedNameMatcher &Matcher, rules::ApiKindName Kind,
                  rules::OptionName ExtraOption, unsigned Tag) {
    Matcher.addKind(RuleOptions.catalog(), Kind, RuleOptions.list(ExtraOption),
                    Tag);
  };
  Fill(NetworkIo, api_kind::NetworkIoFunctions, option::ExtraNetworkIoFunctions,
       StreamIo);
  if (CheckAccept)
    Fill(NetworkIo, api_kind::NetworkAcceptFunctions,
         option::ExtraAcceptFunctions, Accept);
  Fill(TimeoutWrappers, api_kind::TimeoutWrappers, option::ExtraTimeoutWrappers,
       0);
  Fill(TimerWaits, api_kind::TimerWaits, option::ExtraTimerWaits, 0);
  DeadlineTypes.addKind(RuleOptions.catalog(), api_kind::DeadlineArgumentTypes);
  DeadlineTypes.addNames(RuleOptions.list(option::ExtraDeadlineTypes));
  Fill(DeadlineSetters, api_kind::DeadlineSetters, option::ExtraDeadlineSetters,
       0);
  BoundedFunctions.addNames(RuleOptions.list(option::BoundedFunctions));
}

void IoWithoutTimeoutCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  RuleOptions.store(Options, Opts);
}

void IoWithoutTimeoutCheck::registerMatchers(MatchFinder *Finder) {
  if (NetworkIo.empty())
    return;
  // Writing facts needs the unit's AST even when it has no coroutine.
  matchDefinitions(Finder, FactsDirectory.empty()
                               ? utils::Definitions::Coroutines
                               : utils::Definitions::Functions);
}

bool IoWithoutTimeoutCheck::hasDeadlineArgument(const CallExpr *Call,
                                                ASTContext &Context) {
  for (const Expr *Arg : Call->arguments())
    if (!Arg->isTypeDependent() &&
        DeadlineTypes.matchTypeOrTemplateArguments(Arg->getType()) &&
        !setsNoDeadline(Arg, Context))
      return true;
  return false;
}

bool IoWithoutTimeoutCheck::deadlineSetBefore(const CallExpr *Io,
                                              const FunctionDecl &Coroutine,
                                              ASTContext &Context) {
  if (DeadlineSetters.empty())
    return false;
  // The objects whose deadline bounds the I/O: the one it runs on, its
  // arguments (a request given a transfer timeout), and the objects a local
  // one was made from (a stream taken from a connection given a deadline).
  llvm::SmallPtrSet<const ValueDecl *, 4> Objects;
  llvm::SmallVector<const Expr *, 4> Uses(Io->arguments());
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Io))
    Uses.push_back(Member->getImplicitObjectArgument());
  for (const Expr *Use : Uses) {
    const ValueDecl *Object = Use ? utils::namedObject(Use) : nullptr;
    if (!Object || !Objects.insert(Object).second)
      continue;
    const auto *Var = dyn_cast<VarDecl>(Object);
    if (!Var || !Var->hasLocalStorage() || !Var->getInit())
      continue;
    llvm::SmallVector<const Stmt *, 8> Work{Var->getInit()};
    while (!Work.empty()) {
      const Stmt *S = Work.pop_back_val();
      if (!S || isa<LambdaExpr>(S))
        continue;
      if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
        if (const auto *Source = dyn_cast<VarDecl>(Ref->getDecl());
            Source && Source->hasLocalStorage())
          Objects.insert(Source);
      llvm::append_range(Work, S->children());
    }
  }
  const Stmt *Body = utils::userWrittenCoroutineBody(Coroutine);
  std::unique_ptr<utils::BodyCFG> Graph =
      Body ? utils::BodyCFG::build(&Coroutine, Body, Context) : nullptr;
  if (!Graph || !Graph->positionOf(Io))
    return false;
  utils::BodyCFG::Search FromStart;
  auto Visit = [&](const Stmt &S) {
    if (&S == Io)
      return utils::BodyCFG::Step::Found;
    const auto *Setter = dyn_cast<CXXMemberCallExpr>(&S);
    if (Setter && DeadlineSetters.matchCall(Setter))
      if (const ValueDecl *Object =
              utils::namedObject(Setter->getImplicitObjectArgument());
          Object && Objects.contains(Object))
        return utils::BodyCFG::Step::Stop;
    return utils::BodyCFG::Step::Continue;
  };
  FromStart.Visit = Visit;
  return !Graph->search({utils::BodyCFG::startOf(&Graph->cfg().getEntry())},
                        FromStart);
}

bool IoWithoutTimeoutCheck::isWatchdog(const Expr *E, ASTContext &Context) {
  const auto *Call = dyn_cast<CallExpr>(E);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  const FunctionDecl *Definition = nullptr;
  if (!Callee || !Callee->hasBody(Definition))
    return false;
  auto [It, Inserted] = Watchdogs.try_emplace(Definition, false);
  if (!Inserted)
    return It->second;
  const Stmt *Body = utils::userWrittenCoroutineBody(*Definition);
  if (!Body)
    return false;
  AwaitCollector Collector;
  Collector.TraverseStmt(const_cast<Stmt *>(Body));
  const bool WaitsOnTimer =
      llvm::any_of(Collector.Awaits, [&](const CoawaitExpr *Await) {
        const auto *Wait =
            dyn_cast<CallExpr>(utils::skipObjectWrappers(Await->getOperand()));
        return Wait && TimerWaits.matchCall(Wait);
      });
  if (!WaitsOnTimer)
    return false;
  std::unique_ptr<utils::BodyCFG> Graph =
      utils::BodyCFG::build(Definition, Body, Context);
  if (!Graph)
    return false;
  // A throw inside a try statement of the watchdog may be caught there.
  llvm::DenseSet<const Stmt *> InTry;
  llvm::SmallVector<const Stmt *, 16> Work{Body};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S || isa<LambdaExpr>(S))
      continue;
    if (const auto *Try = dyn_cast<CXXTryStmt>(S))
      for (const Stmt *Inside : utils::statementsOf(Try->getTryBlock()))
        InTry.insert(Inside);
    llvm::append_range(Work, S->children());
  }
  // Every path ends in a throw (or loops for ever) and one does throw: a
  // ticker that loops for ever ends nothing.
  bool Throws = false;
  utils::BodyCFG::Search NormalEnd;
  auto Visit = [&](const Stmt &S) {
    if (!utils::endsAbnormally(S) || InTry.contains(&S))
      return utils::BodyCFG::Step::Continue;
    Throws = true;
    return utils::BodyCFG::Step::Stop;
  };
  NormalEnd.Visit = Visit;
  NormalEnd.AtExit = utils::BodyCFG::Step::Found;
  const bool EndsNormally = Graph->search(
      {utils::BodyCFG::startOf(&Graph->cfg().getEntry())}, NormalEnd);
  It = Watchdogs.find(Definition);
  It->second = !EndsNormally && Throws;
  return It->second;
}

bool IoWithoutTimeoutCheck::joinedWithWatchdog(const Expr *E,
                                               ASTContext &Context) {
  llvm::SmallVector<const Expr *, 4> Operands;
  allOfOperands(E, Operands);
  return Operands.size() >= 2 &&
         llvm::any_of(Operands, [&](const Expr *Operand) {
           return isWatchdog(Operand, Context);
         });
}

std::optional<IoWithoutTimeoutCheck::NetworkCall>
IoWithoutTimeoutCheck::networkCall(const CallExpr *Call, ASTContext &Context) {
  std::optional<utils::QualifiedNameMatcher::Match> Found =
      NetworkIo.matchCall(Call);
  if (!Found || hasDeadlineArgument(Call, Context))
    return std::nullopt;
  return NetworkCall{Call, Found->MatchedName, Found->Tag == Accept};
}

bool IoWithoutTimeoutCheck::isBounded(const Expr *E, ASTContext &Context) {
  E = utils::skipObjectWrappers(E);
  if (const auto *Call = dyn_cast<CallExpr>(E);
      Call && TimeoutWrappers.matchCall(Call))
    return true;
  // asio's awaitable operators: op || timer.async_wait(...) completes when
  // the timer fires; op && wait does not, but op && watchdog() ends when the
  // watchdog throws.
  return utils::racesTimer(E, TimerWaits) || joinedWithWatchdog(E, Context);
}

std::optional<IoWithoutTimeoutCheck::NetworkCall>
IoWithoutTimeoutCheck::unboundedIo(const Expr *E, ASTContext &Context) {
  if (!E || isBounded(E, Context))
    return std::nullopt;
  E = utils::skipObjectWrappers(E);
  // Awaits inside the operand and lambdas are analysed on their own.
  if (isa<CoawaitExpr, LambdaExpr>(E))
    return std::nullopt;
  if (const auto *Call = dyn_cast<CallExpr>(E))
    if (std::optional<NetworkCall> Io = networkCall(Call, Context))
      return Io;
  for (const Stmt *Child : E->children())
    if (const auto *ChildExpr = dyn_cast_or_null<Expr>(Child))
      if (std::optional<NetworkCall> Io = unboundedIo(ChildExpr, Context))
        return Io;
  return std::nullopt;
}

void IoWithoutTimeoutCheck::noteCall(const CallExpr &Call,
                                     ASTContext &Context) {
  auto MarkBounded = [&](const Expr *E) {
    if (const auto *Bounded = dyn_cast<CallExpr>(utils::skipObjectWrappers(E)))
      BoundedCalls.insert(Bounded);
  };
  if (TimeoutWrappers.matchCall(&Call)) {
    for (const Expr *Arg : Call.arguments())
      MarkBounded(Arg);
    return;
  }
  const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&Call);
  if (Operator && Operator->getOperator() == OO_PipePipe &&
      utils::racesTimer(&Call, TimerWaits)) {
    llvm::SmallVector<const Expr *, 4> Leaves;
    bool AllOr = true;
    utils::flattenOperators(&Call, Leaves, AllOr);
    for (const Expr *Leaf : Leaves)
      MarkBounded(Leaf);
  }
  if (Operator && Operator->getOperator() == OO_AmpAmp &&
      joinedWithWatchdog(&Call, Context)) {
    llvm::SmallVector<const Expr *, 4> Operands;
    allOfOperands(&Call, Operands);
    for (const Expr *Operand : Operands)
      MarkBounded(Operand);
  }
}

void IoWithoutTimeoutCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Coroutine =
      Result.Nodes.getNodeAs<FunctionDecl>(utils::AnalysedFunction);
  UnitContext = Result.Context;
  // A template is analysed in its instantiations, where calls are resolved.
  if (Coroutine->isDependentContext() ||
      !utils::userWrittenCoroutineBody(*Coroutine))
    return;
  if (!BoundedFunctions.empty() &&
      BoundedFunctions.matchesName(utils::catalogName(Coroutine)))
    return;
  AwaitCollector Collector;
  Collector.TraverseStmt(
      const_cast<Stmt *>(utils::userWrittenCoroutineBody(*Coroutine)));
  const SourceManager &SM = *Result.SourceManager;
  const LangOptions &LangOpts = Result.Context->getLangOpts();
  for (const CoawaitExpr *Await : Collector.Awaits) {
    if (TestMacros.wrote(Await->getKeywordLoc(), SM, LangOpts))
      continue;
    const Expr *Operand = Await->getOperand();
    std::optional<NetworkCall> Io = unboundedIo(Operand, *Result.Context);
    // An operation made earlier and awaited through its variable.
    if (!Io)
      if (const auto *Var =
              dyn_cast_or_null<VarDecl>(utils::namedObject(Operand));
          Var && Var->hasLocalStorage() && !isa<ParmVarDecl>(Var) &&
          Var->getInit())
        if (const auto *Call =
                dyn_cast<CallExpr>(utils::skipObjectWrappers(Var->getInit())))
          Io = networkCall(Call, *Result.Context);
    if (Io && deadlineSetBefore(Io->Call, *Coroutine, *Result.Context))
      Io.reset();
    if (Io) {
      Findings.push_back({Await, *Io, Coroutine});
      FindingsContext = Result.Context;
    }
  }
}

void IoWithoutTimeoutCheck::scanCallers(ASTContext &Context) {
  llvm::DenseSet<const FunctionDecl *> WithFindings;
  for (const Finding &F : Findings)
    WithFindings.insert(F.Coroutine->getCanonicalDecl());
  const SourceManager &SM = Context.getSourceManager();
  auto Wanted = [&](const FunctionDecl *Function) {
    return WithFindings.contains(Function) ||
           (!FactsDirectory.empty() && mayBeCoroutineOfAnyUnit(*Function, SM));
  };
  CallerScan(
      SM, Wanted, [&](const CallExpr &Call) { noteCall(Call, Context); },
      [&](const FunctionDecl *Function, const Expr *Use,
          const FunctionDecl *In) {
        ReferencesOf[Function].push_back({Use, In});
      })
      .TraverseDecl(Context.getTranslationUnitDecl());
}

void IoWithoutTimeoutCheck::report(const Finding &F) {
  diag(F.Await->getKeywordLoc(),
       F.Io.Accept ? wording::IdleListenerStalls : wording::SilentPeerStalls)
      << F.Io.Name << F.Io.Call->getSourceRange();
}

void IoWithoutTimeoutCheck::onEndOfTranslationUnit() {
  ASTContext *Context = FindingsContext ? FindingsContext : UnitContext;
  const bool RecordFacts = !FactsDirectory.empty() && Sources;
  if (Findings.empty() && !RecordFacts)
    return;
  if (TrustBoundedCallers && Context)
    scanCallers(*Context);
  llvm::DenseSet<const Expr *> BoundedReferences;
  for (const CallExpr *Call : BoundedCalls)
    BoundedReferences.insert(Call->getCallee()->IgnoreParenImpCasts());
  if (RecordFacts)
    recordUnitFacts(*Sources, BoundedReferences);
  llvm::DenseMap<const FunctionDecl *, bool> CallersBound;
  auto BoundByCallers = [&](const FunctionDecl *Coroutine) {
    const FunctionDecl *Key = Coroutine->getCanonicalDecl();
    auto [It, Inserted] = CallersBound.try_emplace(Key, false);
    if (!Inserted)
      return It->second;
    auto References = ReferencesOf.find(Key);
    It->second = References != ReferencesOf.end() &&
                 llvm::all_of(References->second, [&](const Reference &R) {
                   return BoundedReferences.contains(R.Use);
                 });
    return It->second;
  };
  // An unbounded reference here decides alone; otherwise references in other
  // files may, when the run knows them.
  auto JudgedAcrossFiles = [&](const FunctionDecl *Coroutine) {
    return AcrossFiles && callableFromOtherFiles(*Coroutine) &&
           (BoundByCallers(Coroutine) ||
            !ReferencesOf.count(Coroutine->getCanonicalDecl()));
  };
  for (const Finding &F : Findings) {
    if (!TrustBoundedCallers)
      report(F);
    else if (JudgedAcrossFiles(F.Coroutine))
      reportAcrossFiles(F, BoundByCallers(F.Coroutine));
    else if (!BoundByCallers(F.Coroutine))
      report(F);
  }
  Findings.clear();
  FindingsContext = nullptr;
  UnitContext = nullptr;
  ReferencesOf.clear();
  BoundedCalls.clear();
  Watchdogs.clear();
}

} // namespace clang::tidy::async
