//===--- SwallowedCancellationCheck.cpp - async-swallowed-cancellation ----===//

#include "SwallowedCancellationCheck.h"
#include "utils/CFGReachability.h"
#include "utils/ClangCompat.h"
#include "utils/CoroutineUtils.h"
#include "utils/ExceptionStash.h"
#include "utils/NamedObjects.h"
#include "utils/SameFunctionVisitor.h"
#include "utils/StmtHelpers.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace option = rules::option::swallowed_cancellation;

namespace {

using Step = utils::BodyCFG::Step;

// What a handler that swallows cancellation is told, by how it catches it.
constexpr llvm::StringLiteral CatchAllSwallows =
    "catch-all handler swallows cancellation: it can finish without "
    "rethrowing";
constexpr llvm::StringLiteral HandlerSwallows =
    "handler of %0 swallows cancellation: it can finish without rethrowing";
constexpr llvm::StringLiteral BaseHandlerSwallows =
    "handler of %0, a base of %1, swallows cancellation: it can finish "
    "without rethrowing";

/// What the coroutine itself evaluates; lambdas and local classes are
/// coroutines or functions of their own.
class BodyCollector : public utils::AwaitCollectingVisitor<BodyCollector> {
public:
  llvm::SmallVector<const CXXTryStmt *, 4> Tries;
  llvm::SmallVector<const DecompositionDecl *, 4> Decompositions;

  bool VisitCXXTryStmt(CXXTryStmt *Try) {
    Tries.push_back(Try);
    return true;
  }
  bool VisitDecompositionDecl(DecompositionDecl *Decomposition) {
    Decompositions.push_back(Decomposition);
    return true;
  }
};

std::string qualifiedNameOf(const NamedDecl *Decl) {
  llvm::SmallVector<std::string, 2> Names = utils::qualifiedNamesOf(Decl);
  return Names.empty() ? Decl->getNameAsString() : Names.front();
}

const ValueDecl *testedValue(const Expr *E) {
  E = utils::skipObjectWrappers(E);
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E))
    E = utils::skipObjectWrappers(Member->getImplicitObjectArgument());
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Ref->getDecl();
  return nullptr;
}

/// The one return statement of a predicate's body, when the body has one
/// and ends with it; lambdas and local classes are functions of their own.
const ReturnStmt *onlyReturn(const Stmt *Body) {
  const auto *Compound = dyn_cast_or_null<CompoundStmt>(Body);
  if (!Compound || Compound->body_empty())
    return nullptr;
  const auto *Last = dyn_cast<ReturnStmt>(Compound->body_back());
  if (!Last || !Last->getRetValue())
    return nullptr;
  bool OtherReturn = utils::walkStatements(Body, [&](const Stmt &S) {
    if (isa<LambdaExpr>(S))
      return utils::Walk::SkipChildren;
    return isa<ReturnStmt>(S) && &S != Last ? utils::Walk::Stop
                                            : utils::Walk::Continue;
  });
  return OtherReturn ? nullptr : Last;
}

using ErrorCodeOrigins = SwallowedCancellationCheck::ErrorCodeOrigins;

/// Error codes that asio's as_tuple or redirect_error fill in, by the
/// suspension points that fill them.
ErrorCodeOrigins
errorCodeOriginsIn(const BodyCollector &Collector,
                   const utils::QualifiedNameMatcher &ErrorCodeTokens) {
  ErrorCodeOrigins Origins;
  if (ErrorCodeTokens.empty())
    return Origins;
  llvm::DenseSet<const CoawaitExpr *> TupleResults;
  for (const CoawaitExpr *Await : Collector.Awaits) {
    const auto *Call =
        dyn_cast<CallExpr>(utils::skipObjectWrappers(Await->getOperand()));
    if (!Call)
      continue;
    for (const Expr *Arg : Call->arguments()) {
      const CXXRecordDecl *Token = utils::recordOf(Arg->getType());
      if (!Token || !ErrorCodeTokens.matchesDecl(Token))
        continue;
      // redirect_error(token, ec) names the error code as its last
      // argument; as_tuple(token) makes it part of the awaited result.
      const Expr *Made = utils::skipObjectWrappers(Arg);
      const Expr *Last = nullptr;
      if (const auto *MakeCall = dyn_cast<CallExpr>(Made);
          MakeCall && MakeCall->getNumArgs() >= 2)
        Last = MakeCall->getArg(MakeCall->getNumArgs() - 1);
      else if (const auto *Construct = dyn_cast<CXXConstructExpr>(Made);
               Construct && Construct->getNumArgs() >= 2)
        Last = Construct->getArg(Construct->getNumArgs() - 1);
      if (const ValueDecl *Code = Last ? utils::namedObject(Last) : nullptr)
        Origins[Code].push_back(Await);
      else
        TupleResults.insert(Await);
    }
  }
  for (const DecompositionDecl *Decomposition : Collector.Decompositions) {
    const auto *Await = dyn_cast_or_null<CoawaitExpr>(
        utils::skipObjectWrappers(Decomposition->getInit()));
    if (Await && TupleResults.contains(Await))
      for (const BindingDecl *Binding : Decomposition->bindings())
        Origins[Binding].push_back(Await);
  }
  return Origins;
}

} // namespace

SwallowedCancellationCheck::SwallowedCancellationCheck(
    StringRef Name, ClangTidyContext *Context)
    : FunctionCheck(Name, Context), RuleOptions(Name, Options, Context) {
  RuleOptions.addApis(ErrorCodeTokens, api_kind::ErrorCodeCompletionTokens,
                      option::ExtraErrorCodeCompletionTokens);
  RuleOptions.addApis(NonThrowingCancellationTasks,
                      api_kind::NonThrowingCancellationTaskTypes,
                      option::ExtraNonThrowingCancellationTaskTypes);
}

void SwallowedCancellationCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  RuleOptions.store(Options, Opts);
}

void SwallowedCancellationCheck::registerMatchers(MatchFinder *Finder) {
  matchDefinitions(Finder, utils::Definitions::Coroutines);
}

std::optional<SwallowedCancellationCheck::CancellationTest>
SwallowedCancellationCheck::predicateTest(const Expr *E, unsigned Depth) const {
  // Predicates calling predicates are followed a few levels deep.
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call || Depth >= 3)
    return std::nullopt;
  const FunctionDecl *Callee = Call->getDirectCallee();
  const FunctionDecl *Definition = nullptr;
  if (!Callee || !Callee->hasBody(Definition))
    return std::nullopt;
  const ReturnStmt *Return = onlyReturn(Definition->getBody());
  if (!Return)
    return std::nullopt;
  std::optional<CancellationTest> Test =
      cancellationTest(Return->getRetValue(), Depth + 1);
  if (!Test)
    return std::nullopt;
  // The predicate tests its parameter: the caller tests the argument.
  if (const auto *Param = dyn_cast_or_null<ParmVarDecl>(Test->Tested)) {
    Test->Tested = nullptr;
    // A call operator's object is the first argument of its call.
    unsigned Offset = isa<CXXOperatorCallExpr>(Call) &&
                              isa<CXXMethodDecl>(Callee) &&
                              !cast<CXXMethodDecl>(Callee)->isStatic()
                          ? 1
                          : 0;
    unsigned Index = Param->getFunctionScopeIndex() + Offset;
    if (Param->getDeclContext() == Definition && Index < Call->getNumArgs())
      Test->Tested = testedValue(Call->getArg(Index));
  }
  return Test;
}

std::optional<SwallowedCancellationCheck::CancellationTest>
SwallowedCancellationCheck::cancellationTest(const Stmt *Condition,
                                             unsigned Depth) const {
  bool Negated = false;
  const Expr *E = utils::testedValue(Condition, Negated);
  if (!E)
    return std::nullopt;

  if (isa<CXXDynamicCastExpr>(E)) {
    if (!Cancellation.isCancellationClass(utils::dynamicCastTarget(E)))
      return std::nullopt;
    CancellationTest Test;
    Test.CancelledWhenTrue = !Negated;
    return Test;
  }

  if (std::optional<utils::Equality> Compare = utils::equalityComparison(E)) {
    CancellationTest Test;
    Test.CancelledWhenTrue = Compare->Equal != Negated;
    if ((Test.Code = Cancellation.errorCodeIn(Compare->RHS))) {
      Test.Tested = testedValue(Compare->LHS);
      return Test;
    }
    if ((Test.Code = Cancellation.errorCodeIn(Compare->LHS))) {
      Test.Tested = testedValue(Compare->RHS);
      return Test;
    }
  }

  std::optional<CancellationTest> Test = predicateTest(E, Depth);
  if (Test)
    Test->CancelledWhenTrue = Test->CancelledWhenTrue != Negated;
  return Test;
}

void SwallowedCancellationCheck::check(const MatchFinder::MatchResult &Result) {
  const FunctionDecl *Coroutine = analysedInstantiation(Result);
  if (!Coroutine)
    return;
  const Stmt *Body = utils::userWrittenCoroutineBody(*Coroutine);
  BodyCollector Collector;
  Collector.TraverseStmt(const_cast<Stmt *>(Body));
  const SourceManager &SM = *Result.SourceManager;
  const LangOptions &LangOpts = Result.Context->getLangOpts();

  Cancellation.resolve(*Result.Context);

  // Try statements whose handlers can see a cancellation.
  struct GuardedTry {
    const CXXTryStmt *Try;
    const Expr *SuspensionPoint;
  };
  llvm::SmallVector<GuardedTry, 4> Tries;
  // A task type whose cancellation is not an exception: no handler sees it.
  const CXXRecordDecl *Task = utils::recordOf(Coroutine->getReturnType());
  if (Task && NonThrowingCancellationTasks.matchesDecl(Task))
    Collector.Tries.clear();
  for (const CXXTryStmt *Try : Collector.Tries) {
    if (const Expr *First = utils::firstSuspensionPoint(Try->getTryBlock()))
      Tries.push_back({Try, First});
  }

  const ErrorCodeOrigins CodeOrigins =
      errorCodeOriginsIn(Collector, ErrorCodeTokens);
  if (Tries.empty() && CodeOrigins.empty())
    return;

  std::unique_ptr<utils::BodyCFG> Graph =
      utils::BodyCFG::build(Coroutine, Body, *Result.Context);
  if (!Graph)
    return;

  // Only the branch a cancellation takes is followed past a test that tells
  // cancellation from other failures.
  auto FollowCancellation = [&](const CFGBlock &Block, unsigned Index) {
    std::optional<CancellationTest> Test =
        cancellationTest(Block.getTerminatorCondition());
    return !Test || Index == (Test->CancelledWhenTrue ? 0u : 1u);
  };

  // A throw, a call that does not return, or a test-failure macro, which
  // throws to end the test.
  auto EndsPath = [&](const Stmt &S) {
    return utils::endsAbnormally(S) ||
           FailureMacros.named(S.getBeginLoc(), SM, LangOpts);
  };

  for (const GuardedTry &Guarded : Tries) {
    // Cancellation classes that an earlier handler of the same try already
    // takes never reach a later one.
    llvm::SmallPtrSet<const CXXRecordDecl *, 4> Taken;
    bool TakesAll = false;
    for (unsigned I = 0; I < Guarded.Try->getNumHandlers() && !TakesAll; ++I) {
      const CXXCatchStmt *Handler = Guarded.Try->getHandler(I);
      QualType Caught = Handler->getCaughtType();
      std::optional<utils::CaughtCancellation> Taking =
          Cancellation.caughtBy(Caught, Taken, TakesAll);
      if (!Taking)
        continue;
      const HandlerKind Kind = Taking->Kind;
      const CXXRecordDecl *Cancellation = Taking->Cancellation;
      if (TestMacros.wrote(Handler->getCatchLoc(), SM, LangOpts))
        continue;
      const CFGBlock *Entry = Graph->handlerEntry(Handler);
      if (!Entry)
        continue;

      llvm::DenseSet<const Stmt *> InHandler = utils::statementsOf(Handler);
      utils::BodyCFG::Search How;
      auto Visit = [&](const Stmt &S) {
        if (EndsPath(S))
          return Step::Stop;
        if (!InHandler.contains(&S))
          return Step::Found;
        if (const ValueDecl *Stash = utils::exceptionStashedBy(S))
          return utils::rethrownOnEveryPath(*Graph, S, Stash, *Guarded.Try,
                                            EndsPath)
                     ? Step::Stop
                     : Step::Found;
        return Step::Continue;
      };
      How.Visit = Visit;
      How.Follow = FollowCancellation;
      How.AtExit = Step::Found;
      if (!Graph->search({utils::BodyCFG::startOf(Entry)}, How))
        continue;

      reportHandler(*Handler, Kind, Caught, Cancellation,
                    *Guarded.SuspensionPoint, *Result.Context);
    }
  }

  if (!CodeOrigins.empty())
    reportIgnoredCancellationCodes(*Graph, CodeOrigins, SM, LangOpts);
}

void SwallowedCancellationCheck::reportHandler(
    const CXXCatchStmt &Handler, HandlerKind Kind, QualType Caught,
    const CXXRecordDecl *Cancellation, const Expr &SuspensionPoint,
    const ASTContext &Context) {
  switch (Kind) {
  case HandlerKind::CatchAll:
    diag(Handler.getCatchLoc(), CatchAllSwallows);
    break;
  case HandlerKind::OfCancellation:
    diag(Handler.getCatchLoc(), HandlerSwallows)
        << Caught.getNonReferenceType().getUnqualifiedType();
    break;
  case HandlerKind::OfBase:
    diag(Handler.getCatchLoc(), BaseHandlerSwallows)
        << Caught.getNonReferenceType().getUnqualifiedType()
        << compat::typeOfRecord(Cancellation);
    break;
  }
  diag(SuspensionPoint.getBeginLoc(),
       "suspension point that can be cancelled is here", DiagnosticIDs::Note);
}

void SwallowedCancellationCheck::reportIgnoredCancellationCodes(
    const utils::BodyCFG &Graph, const ErrorCodeOrigins &Origins,
    const SourceManager &SM, const LangOptions &LangOpts) {
  for (const CFGBlock *Block : Graph.cfg()) {
    if (!Block || Block->succ_size() != 2)
      continue;
    const Stmt *Condition = Block->getTerminatorCondition();
    std::optional<CancellationTest> Test = cancellationTest(Condition);
    if (!Test || !Test->Tested)
      continue;
    auto Origin = Origins.find(Test->Tested);
    if (Origin == Origins.end() ||
        TestMacros.wrote(Condition->getBeginLoc(), SM, LangOpts))
      continue;
    const CFGBlock *Cancelled =
        (Block->succ_begin() + (Test->CancelledWhenTrue ? 0 : 1))
            ->getReachableBlock();
    if (!Cancelled)
      continue;
    const llvm::SmallVector<const CoawaitExpr *, 1> &Origins = Origin->second;
    const CoawaitExpr *Again = nullptr;
    utils::BodyCFG::Search How;
    auto Visit = [&](const Stmt &S) {
      for (const CoawaitExpr *Await : Origins)
        if (&S == Await) {
          Again = Await;
          return Step::Found;
        }
      return utils::endsAbnormally(S) ? Step::Stop : Step::Continue;
    };
    How.Visit = Visit;
    if (!Graph.search({utils::BodyCFG::startOf(Cancelled)}, How))
      continue;
    diag(Condition->getBeginLoc(),
         "%0 is compared with '%1' and then ignored: the coroutine awaits "
         "again after its operation was cancelled")
        << Test->Tested << qualifiedNameOf(Test->Code)
        << Condition->getSourceRange();
    diag(Again->getKeywordLoc(),
         "suspension point that can be cancelled is here", DiagnosticIDs::Note);
  }
}

} // namespace clang::tidy::async
