//===--- CFGReachability.cpp - Paths through a function's CFG -------------===//

#include "CFGReachability.h"

#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::async::utils {

std::unique_ptr<BodyCFG> BodyCFG::build(const Decl *Function, const Stmt *Body,
                                        ASTContext &Context,
                                        Destructors WithDestructors) {
  if (!Body)
    return nullptr;
  CFG::BuildOptions Options;
  // Every expression gets its own element, so that any statement of interest
  // has a position, not just the full expressions.
  Options.setAllAlwaysAdd();
  Options.AddImplicitDtors = WithDestructors == Destructors::Included;
  std::unique_ptr<CFG> Graph =
      CFG::buildCFG(Function, const_cast<Stmt *>(Body), &Context, Options);
  if (!Graph)
    return nullptr;

  std::unique_ptr<BodyCFG> Result(new BodyCFG());
  for (const auto &[Synthesized, Original] : Graph->synthetic_stmts())
    Result->Written[Synthesized] = Original;
  bool HasTry = false;
  for (const CFGBlock *Block : *Graph) {
    if (!Block)
      continue;
    for (unsigned I = 0; I < Block->size(); ++I)
      if (std::optional<CFGStmt> Element = (*Block)[I].getAs<CFGStmt>())
        Result->Positions.try_emplace(Result->asWritten(Element->getStmt()),
                                      Position{Block, I});
    if (const auto *Handler = dyn_cast_or_null<CXXCatchStmt>(Block->getLabel()))
      Result->Handlers[Handler] = Block;
    if (isa_and_nonnull<CXXTryStmt>(Block->getTerminatorStmt()))
      HasTry = true;
  }
  Result->Graph = std::move(Graph);
  if (HasTry)
    Result->addHandlerEdges(Body);
  return Result;
}

const Stmt *BodyCFG::asWritten(const Stmt *S) const {
  auto It = Written.find(S);
  return It == Written.end() ? S : It->second;
}

void BodyCFG::addHandlerEdges(const Stmt *Body) {
  llvm::DenseMap<const CXXTryStmt *, const CFGBlock *> Dispatch;
  for (const CFGBlock *Block : *Graph)
    if (Block)
      if (const auto *Try =
              dyn_cast_or_null<CXXTryStmt>(Block->getTerminatorStmt()))
        Dispatch[Try] = Block;

  // The dispatch block of the innermost try block around each statement,
  // and of the try block around each dispatch block's own.
  llvm::DenseMap<const Stmt *, const CFGBlock *> Innermost;
  llvm::DenseMap<const CFGBlock *, const CFGBlock *> Outer;
  llvm::SmallVector<std::pair<const Stmt *, const CFGBlock *>, 64> Stack;
  Stack.push_back({Body, nullptr});
  while (!Stack.empty()) {
    auto [S, Around] = Stack.pop_back_val();
    if (!S || isa<LambdaExpr>(S))
      continue;
    if (Around)
      Innermost[S] = Around;
    if (const auto *Try = dyn_cast<CXXTryStmt>(S)) {
      auto It = Dispatch.find(Try);
      if (It != Dispatch.end() && Around)
        Outer[It->second] = Around;
      Stack.push_back(
          {Try->getTryBlock(), It == Dispatch.end() ? Around : It->second});
      for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
        Stack.push_back({Try->getHandler(I), Around});
      continue;
    }
    if (const auto *Decls = dyn_cast<DeclStmt>(S); Decls && Around)
      for (const Decl *D : Decls->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D))
          // Unwinding to any enclosing try block's handlers destroys it.
          for (const CFGBlock *To = Around; To; To = Outer.lookup(To))
            Unwound[To].push_back(Var);
    for (const Stmt *Child : S->children())
      Stack.push_back({Child, Around});
  }

  for (const CFGBlock *Block : *Graph) {
    if (!Block)
      continue;
    for (const CFGElement &Element : *Block) {
      std::optional<CFGStmt> S = Element.getAs<CFGStmt>();
      if (!S)
        continue;
      auto It = Innermost.find(asWritten(S->getStmt()));
      if (It != Innermost.end()) {
        ThrowsTo[Block] = It->second;
        break;
      }
    }
  }
}

std::optional<BodyCFG::Position> BodyCFG::positionOf(const Stmt *S) const {
  auto It = Positions.find(S);
  if (It == Positions.end())
    return std::nullopt;
  return It->second;
}

const CFGBlock *BodyCFG::handlerEntry(const CXXCatchStmt *Handler) const {
  auto It = Handlers.find(Handler);
  return It == Handlers.end() ? nullptr : It->second;
}

const CFGBlock *BodyCFG::throwsTo(const CFGBlock &Block) const {
  return ThrowsTo.lookup(&Block);
}

llvm::ArrayRef<const VarDecl *>
BodyCFG::unwoundTo(const CFGBlock *Dispatch) const {
  auto It = Unwound.find(Dispatch);
  if (It == Unwound.end())
    return {};
  return It->second;
}

bool BodyCFG::search(llvm::ArrayRef<Position> Starts, const Search &How) const {
  llvm::SmallVector<Position, 16> Work(Starts.begin(), Starts.end());
  llvm::BitVector Queued(Graph->getNumBlockIDs());
  const CFGBlock *Exit = &Graph->getExit();
  auto Enqueue = [&](const CFGBlock *Next) {
    if (Next && !Queued.test(Next->getBlockID())) {
      Queued.set(Next->getBlockID());
      Work.push_back(startOf(Next));
    }
  };

  while (!Work.empty()) {
    const Position At = Work.pop_back_val();
    const CFGBlock &Block = *At.Block;
    if (&Block == Exit) {
      if (How.AtExit == Step::Found)
        return true;
      continue;
    }

    bool Stopped = false;
    auto Visit = [&](const Stmt *S) {
      switch (How.Visit(*asWritten(S))) {
      case Step::Found:
        return true;
      case Step::Stop:
        Stopped = true;
        return false;
      case Step::Continue:
        return false;
      }
      return false;
    };
    for (unsigned I = At.Index; I < Block.size() && !Stopped; ++I)
      if (std::optional<CFGStmt> Element = Block[I].getAs<CFGStmt>())
        if (Visit(Element->getStmt()))
          return true;
    if (!Stopped)
      if (const Stmt *Terminator = Block.getTerminatorStmt())
        if (Visit(Terminator))
          return true;

    // A statement of a try block may throw before the path was stopped.
    if (How.ThroughHandlers) {
      auto It = ThrowsTo.find(&Block);
      if (It != ThrowsTo.end())
        Enqueue(It->second);
    }
    if (Stopped)
      continue;
    unsigned Index = 0;
    for (const CFGBlock::AdjacentBlock &Successor : Block.succs()) {
      const unsigned ThisIndex = Index++;
      if (How.Follow && !How.Follow(Block, ThisIndex))
        continue;
      Enqueue(Successor.getReachableBlock());
    }
  }
  return false;
}

} // namespace clang::tidy::async::utils
