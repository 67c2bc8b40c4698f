//===--- IoWithoutTimeoutCheck.cpp ----------------------------------------===//
//
// async-io-without-timeout
//
//===----------------------------------------------------------------------===//

#include "IoWithoutTimeoutCheck.h"
#include "utils/CoroutineUtils.h"
#include "utils/NamedObjects.h"
#include "utils/TimeoutBounds.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace {

enum Tag : unsigned { StreamIo, Accept };

/// The co_await expressions the coroutine itself evaluates; lambdas and
/// local classes are coroutines or functions of their own.
class AwaitCollector : public RecursiveASTVisitor<AwaitCollector> {
public:
  llvm::SmallVector<const CoawaitExpr *, 8> Awaits;

  bool shouldVisitImplicitCode() const { return false; }
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }
  bool VisitCoawaitExpr(CoawaitExpr *Await) {
    if (!Await->isImplicit())
      Awaits.push_back(Await);
    return true;
  }
};

const FunctionDecl *referencedFunction(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return dyn_cast<FunctionDecl>(Ref->getDecl());
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return dyn_cast<FunctionDecl>(Member->getMemberDecl());
  return nullptr;
}

/// Every call, and every reference of the given functions, in the
/// translation unit outside system headers: who calls the coroutines that
/// have findings. Run once per translation unit and only when there are
/// findings, instead of matchers on every expression of every unit.
class CallerScan : public RecursiveASTVisitor<CallerScan> {
public:
  CallerScan(
      const SourceManager &SM,
      const llvm::DenseSet<const FunctionDecl *> &Wanted,
      llvm::function_ref<void(const CallExpr &)> OnCall,
      llvm::function_ref<void(const FunctionDecl *, const Expr *)> OnReference)
      : SM(SM), Wanted(Wanted), OnCall(OnCall), OnReference(OnReference) {}

  // What the matchers saw: instantiations and implicit code included.
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }

  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) &&
        SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation())))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
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
      if (Wanted.contains(Function->getCanonicalDecl()))
        OnReference(Function->getCanonicalDecl(), E);
    return true;
  }

  const SourceManager &SM;
  const llvm::DenseSet<const FunctionDecl *> &Wanted;
  llvm::function_ref<void(const CallExpr &)> OnCall;
  llvm::function_ref<void(const FunctionDecl *, const Expr *)> OnReference;
};

} // namespace

IoWithoutTimeoutCheck::IoWithoutTimeoutCheck(StringRef Name,
                                             ClangTidyContext *Context)
    : FunctionCheck(Name, Context), RuleOptions(Name, Options),
      CheckAccept(RuleOptions.flag("CheckAccept")),
      TrustBoundedCallers(RuleOptions.flag("TrustBoundedCallers")) {
  auto Fill = [&](utils::ApiMatcher &Matcher, StringRef Kind,
                  StringRef ExtraOption, unsigned Tag) {
    utils::addCatalogKind(Matcher, Kind, RuleOptions.list(ExtraOption), Tag);
  };
  Fill(NetworkIo, "network-io-functions", "ExtraNetworkIoFunctions", StreamIo);
  if (CheckAccept)
    Fill(NetworkIo, "network-accept-functions", "ExtraAcceptFunctions", Accept);
  Fill(TimeoutWrappers, "timeout-wrappers", "ExtraTimeoutWrappers", 0);
  Fill(TimerWaits, "timer-waits", "ExtraTimerWaits", 0);
  DeadlineTypes.addKind("deadline-argument-types");
  DeadlineTypes.addNames(RuleOptions.list("ExtraDeadlineTypes"));
  BoundedFunctions.addNames(RuleOptions.list("BoundedFunctions"));
}

void IoWithoutTimeoutCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  RuleOptions.store(Options, Opts);
}

void IoWithoutTimeoutCheck::registerMatchers(MatchFinder *Finder) {
  if (NetworkIo.empty())
    return;
  matchDefinitions(Finder, utils::Definitions::Coroutines);
}

bool IoWithoutTimeoutCheck::hasDeadlineArgument(const CallExpr *Call) {
  for (const Expr *Arg : Call->arguments())
    if (!Arg->isTypeDependent() &&
        DeadlineTypes.matchTypeOrTemplateArguments(Arg->getType()))
      return true;
  return false;
}

std::optional<IoWithoutTimeoutCheck::NetworkCall>
IoWithoutTimeoutCheck::networkCall(const CallExpr *Call) {
  std::optional<utils::ApiMatcher::Match> Found = NetworkIo.matchCall(Call);
  if (!Found || hasDeadlineArgument(Call))
    return std::nullopt;
  return NetworkCall{Call, Found->MatchedName, Found->Tag == Accept};
}

bool IoWithoutTimeoutCheck::isBounded(const Expr *E) {
  E = utils::skipObjectWrappers(E);
  if (const auto *Call = dyn_cast<CallExpr>(E);
      Call && TimeoutWrappers.matchCall(Call))
    return true;
  // asio's awaitable operators: op || timer.async_wait(...) completes when
  // the timer fires; op && wait does not.
  return utils::racesTimer(E, TimerWaits);
}

std::optional<IoWithoutTimeoutCheck::NetworkCall>
IoWithoutTimeoutCheck::unboundedIo(const Expr *E) {
  if (!E || isBounded(E))
    return std::nullopt;
  E = utils::skipObjectWrappers(E);
  // Awaits inside the operand and lambdas are analysed on their own.
  if (isa<CoawaitExpr, LambdaExpr>(E))
    return std::nullopt;
  if (const auto *Call = dyn_cast<CallExpr>(E))
    if (std::optional<NetworkCall> Io = networkCall(Call))
      return Io;
  for (const Stmt *Child : E->children())
    if (const auto *ChildExpr = dyn_cast_or_null<Expr>(Child))
      if (std::optional<NetworkCall> Io = unboundedIo(ChildExpr))
        return Io;
  return std::nullopt;
}

void IoWithoutTimeoutCheck::noteCall(const CallExpr &Call) {
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
  if (Operator && Operator->getOperator() == OO_PipePipe && isBounded(&Call)) {
    llvm::SmallVector<const Expr *, 4> Leaves;
    bool AllOr = true;
    utils::flattenOperators(&Call, Leaves, AllOr);
    for (const Expr *Leaf : Leaves)
      MarkBounded(Leaf);
  }
}

void IoWithoutTimeoutCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Coroutine =
      Result.Nodes.getNodeAs<FunctionDecl>(utils::AnalysedFunction);
  // A template is analysed in its instantiations, where calls are resolved.
  if (Coroutine->isDependentContext())
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
    std::optional<NetworkCall> Io = unboundedIo(Operand);
    // An operation made earlier and awaited through its variable.
    if (!Io)
      if (const auto *Var =
              dyn_cast_or_null<VarDecl>(utils::namedObject(Operand));
          Var && Var->hasLocalStorage() && !isa<ParmVarDecl>(Var) &&
          Var->getInit())
        if (const auto *Call =
                dyn_cast<CallExpr>(utils::skipObjectWrappers(Var->getInit())))
          Io = networkCall(Call);
    if (Io) {
      Findings.push_back({Await, *Io, Coroutine});
      FindingsContext = Result.Context;
    }
  }
}

void IoWithoutTimeoutCheck::scanCallers(ASTContext &Context) {
  llvm::DenseSet<const FunctionDecl *> Wanted;
  for (const Finding &F : Findings)
    Wanted.insert(F.Coroutine->getCanonicalDecl());
  CallerScan(
      Context.getSourceManager(), Wanted,
      [&](const CallExpr &Call) { noteCall(Call); },
      [&](const FunctionDecl *Function, const Expr *Reference) {
        ReferencesOf[Function].push_back(Reference);
      })
      .TraverseDecl(Context.getTranslationUnitDecl());
}

void IoWithoutTimeoutCheck::onEndOfTranslationUnit() {
  if (Findings.empty())
    return;
  if (TrustBoundedCallers)
    scanCallers(*FindingsContext);
  llvm::DenseSet<const Expr *> BoundedReferences;
  for (const CallExpr *Call : BoundedCalls)
    BoundedReferences.insert(Call->getCallee()->IgnoreParenImpCasts());
  llvm::DenseMap<const FunctionDecl *, bool> CallersBound;
  auto BoundByCallers = [&](const FunctionDecl *Coroutine) {
    const FunctionDecl *Key = Coroutine->getCanonicalDecl();
    auto [It, Inserted] = CallersBound.try_emplace(Key, false);
    if (!Inserted)
      return It->second;
    auto References = ReferencesOf.find(Key);
    It->second = References != ReferencesOf.end() &&
                 llvm::all_of(References->second, [&](const Expr *Reference) {
                   return BoundedReferences.contains(Reference);
                 });
    return It->second;
  };
  for (const Finding &F : Findings) {
    if (TrustBoundedCallers && BoundByCallers(F.Coroutine))
      continue;
    diag(F.Await->getKeywordLoc(),
         "network I/O '%0' is awaited with no timeout; %select{a silent "
         "peer|a listener that no peer connects to}1 stalls this task forever")
        << F.Io.Name << (F.Io.Accept ? 1 : 0) << F.Io.Call->getSourceRange();
  }
  Findings.clear();
  FindingsContext = nullptr;
  ReferencesOf.clear();
  BoundedCalls.clear();
}

} // namespace clang::tidy::async
