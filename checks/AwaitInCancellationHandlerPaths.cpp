//===--- AwaitInCancellationHandlerPaths.cpp ------------------------------===//
//
// async-await-in-cancellation-handler: the paths that handle a caught
// cancellation (after a handler that caught it, or in the branch of a test
// of an asio error code) and the awaits on them, found in the CFG.
//
//===----------------------------------------------------------------------===//

#include "AwaitInCancellationHandlerPaths.h"
#include "utils/CoroutineUtils.h"
#include "utils/HandlerCarriers.h"
#include "utils/SameFunctionVisitor.h"
#include "utils/StmtHelpers.h"

namespace clang::tidy::async {

namespace {

using Step = utils::BodyCFG::Step;

/// What the coroutine itself evaluates; lambdas and local classes are
/// coroutines or functions of their own.
class BodyCollector : public utils::AwaitCollectingVisitor<BodyCollector> {
public:
  BodyCollector(llvm::SmallVectorImpl<const CXXTryStmt *> &Tries,
                llvm::SmallVectorImpl<const IfStmt *> &Ifs)
      : Tries(Tries), Ifs(Ifs) {}

  bool VisitCXXTryStmt(CXXTryStmt *Try) {
    Tries.push_back(Try);
    return true;
  }
  bool VisitIfStmt(IfStmt *If) {
    Ifs.push_back(If);
    return true;
  }

private:
  llvm::SmallVectorImpl<const CXXTryStmt *> &Tries;
  llvm::SmallVectorImpl<const IfStmt *> &Ifs;
};

} // namespace

AwaitInCancellationHandlerCheck::CoroutineBody::CoroutineBody(
    const FunctionDecl &Function, ASTContext &Context)
    : Function(Function), Body(utils::userWrittenCoroutineBody(Function)),
      Context(Context), SM(Context.getSourceManager()),
      LangOpts(Context.getLangOpts()) {
  BodyCollector Collector(Tries, Ifs);
  Collector.TraverseStmt(const_cast<Stmt *>(Body));
  Awaits.insert(Collector.Awaits.begin(), Collector.Awaits.end());
}

const utils::BodyCFG *AwaitInCancellationHandlerCheck::CoroutineBody::graph() {
  if (!Graph && !GraphTried) {
    GraphTried = true;
    Graph = utils::BodyCFG::build(&Function, Body, Context);
  }
  return Graph.get();
}

void AwaitInCancellationHandlerCheck::addHandlerPaths(
    CoroutineBody &Coroutine,
    llvm::SmallVectorImpl<CancellationPath> &Paths) const {
  // Inner try statements first, so that an await that follows nested
  // handlers is attributed to the innermost one.
  for (const CXXTryStmt *Try : llvm::reverse(Coroutine.Tries)) {
    if (!utils::firstSuspensionPoint(Try->getTryBlock()))
      continue;
    // Cancellation classes that an earlier handler of the same try already
    // takes never reach a later one.
    llvm::SmallPtrSet<const CXXRecordDecl *, 4> Taken;
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I) {
      const CXXCatchStmt *Handler = Try->getHandler(I);
      if (!catchesCancellation(*Handler, Taken) ||
          TestMacros.wrote(Handler->getCatchLoc(), Coroutine.SM,
                           Coroutine.LangOpts))
        continue;
      const utils::BodyCFG *Graph = Coroutine.graph();
      const CFGBlock *Entry = Graph ? Graph->handlerEntry(Handler) : nullptr;
      if (!Entry)
        continue;
      CancellationPath Path{Entry, Handler->getCatchLoc(), /*Caught=*/true};
      Path.Restart = utils::statementsOf(Try->getTryBlock());
      Path.Carriers = utils::carriersOf(*Handler);
      // Code under a test of what the handler kept (`if (ep) { ... }`) runs
      // only for the exception it caught.
      for (const IfStmt *If : Coroutine.Ifs)
        if (std::optional<bool> WhenTrue =
                utils::carrierTest(If->getCond(), Path.Carriers))
          if (const Stmt *Branch = *WhenTrue ? If->getThen() : If->getElse())
            for (const Stmt *S : utils::statementsOf(Branch))
              Path.UnderCarrierTest.insert(S);
      Path.OtherFailureFlags =
          utils::otherFailureFlags(*Coroutine.Body, Coroutine.Context, *Graph,
                                   *Try, *Handler, Path.Carriers);
      Paths.push_back(std::move(Path));
    }
  }
}

void AwaitInCancellationHandlerCheck::addErrorCodePaths(
    CoroutineBody &Coroutine,
    llvm::SmallVectorImpl<CancellationPath> &Paths) const {
  // asio's error-code form: `if (ec == asio::error::operation_aborted)`.
  for (const IfStmt *If : Coroutine.Ifs) {
    if (If->isConsteval())
      continue;
    Test T = cancellationTest(If->getCond());
    if (T == Test::None)
      continue;
    const Stmt *Branch =
        T == Test::CancelledWhenTrue ? If->getThen() : If->getElse();
    if (!Branch ||
        TestMacros.wrote(If->getBeginLoc(), Coroutine.SM, Coroutine.LangOpts))
      continue;
    const utils::BodyCFG *Graph = Coroutine.graph();
    if (!Graph)
      continue;
    // The block that ends with the test goes to the then-branch first.
    const CFGBlock *Tested = nullptr;
    for (const CFGBlock *Block : Graph->cfg())
      if (Block && Block->getTerminatorStmt() == If) {
        Tested = Block;
        break;
      }
    if (!Tested || Tested->succ_size() != 2)
      continue;
    if (const CFGBlock *Entry =
            (Tested->succ_begin() + (T == Test::CancelledWhenTrue ? 0 : 1))
                ->getReachableBlock()) {
      CancellationPath Path{Entry, If->getCond()->getBeginLoc(),
                            /*Caught=*/false};
      Path.Within = utils::statementsOf(Branch);
      Paths.push_back(std::move(Path));
    }
  }
}

bool AwaitInCancellationHandlerCheck::follows(const CancellationPath &Path,
                                              const CFGBlock &Block,
                                              unsigned Index) const {
  const Stmt *Condition = Block.getTerminatorCondition();
  if (Test T = cancellationTest(Condition); T != Test::None)
    return Index == (T == Test::CancelledWhenTrue ? 0u : 1u);
  if (std::optional<bool> WhenTrue =
          utils::carrierTest(Condition, Path.Carriers))
    return Index == (*WhenTrue ? 0u : 1u);
  // Not set on this path: only the branch where the test fails.
  if (std::optional<bool> WhenTrue =
          utils::carrierTest(Condition, Path.OtherFailureFlags))
    return Index == (*WhenTrue ? 1u : 0u);
  return true;
}

llvm::SmallVector<const CoawaitExpr *, 4>
AwaitInCancellationHandlerCheck::awaitsHandling(
    CoroutineBody &Coroutine, const CancellationPath &Path,
    const llvm::DenseSet<const Stmt *> &Reported) {
  llvm::SmallVector<const CoawaitExpr *, 4> Reached;
  auto Visit = [&](const Stmt &S) {
    if (Path.leaves(S) || utils::endsAbnormally(S) || disablesCancellation(S))
      return Step::Stop;
    if (Coroutine.Awaits.contains(&S) && !Reported.contains(&S))
      Reached.push_back(cast<CoawaitExpr>(&S));
    return Step::Continue;
  };
  auto Follow = [&](const CFGBlock &Block, unsigned Index) {
    return follows(Path, Block, Index);
  };
  utils::BodyCFG::Search How;
  How.Visit = Visit;
  How.Follow = Follow;
  const utils::BodyCFG &Graph = *Coroutine.graph();
  Graph.search({utils::BodyCFG::startOf(Path.Entry)}, How);

  // After a handler, an await belongs to the cancellation's handling when
  // it is under a test of what the handler kept or the cancellation is
  // rethrown after it; otherwise the handler swallowed the cancellation
  // (async-swallowed-cancellation) and the coroutine goes on.
  llvm::erase_if(Reached, [&](const CoawaitExpr *Await) {
    return Path.Caught && !Path.UnderCarrierTest.contains(Await) &&
           !rethrownAfter(Graph, Path, Await);
  });
  llvm::sort(Reached, [&](const CoawaitExpr *A, const CoawaitExpr *B) {
    return Coroutine.SM.isBeforeInTranslationUnit(A->getKeywordLoc(),
                                                  B->getKeywordLoc());
  });
  return Reached;
}

bool AwaitInCancellationHandlerCheck::rethrownAfter(
    const utils::BodyCFG &Graph, const CancellationPath &Path,
    const CoawaitExpr *Await) const {
  std::optional<utils::BodyCFG::Position> At = Graph.positionOf(Await);
  if (!At)
    return false;
  auto Visit = [&](const Stmt &S) {
    if (Path.Restart.contains(&S))
      return Step::Stop;
    if (isRethrow(S, Path.Carriers))
      return Step::Found;
    return utils::endsAbnormally(S) ? Step::Stop : Step::Continue;
  };
  auto Follow = [&](const CFGBlock &Block, unsigned Index) {
    return follows(Path, Block, Index);
  };
  utils::BodyCFG::Search How;
  How.Visit = Visit;
  How.Follow = Follow;
  return Graph.search({utils::BodyCFG::after(*At)}, How);
}

} // namespace clang::tidy::async
