//===--- CFGReachability.h - Paths through a function's CFG -----*- C++ -*-===//
//
// "Can this statement be evaluated after that one?" and "can this handler
// finish without passing a rethrow?" are questions about paths, which a walk
// over the source text answers wrongly for branches, loops and early
// returns. BodyCFG builds the clang::CFG of a body once, knows where every
// evaluated statement sits in it, and walks its paths forward.
//
// The CFG has no edge from a statement that can throw to the handlers of its
// try statement. Searches that ask for them get one: from every block of a
// try block to the block that dispatches to its handlers. An analysis that
// walks the CFG itself asks where a block throws to, and which variables
// unwinding to those handlers destroys.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_CFGREACHABILITY_H
#define ASYNC_LINT_CHECKS_UTILS_CFGREACHABILITY_H

#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <memory>
#include <optional>

namespace clang::tidy::async::utils {

class BodyCFG {
public:
  /// A place in the CFG: the element at Index of Block, or its terminator
  /// when Index is the number of elements.
  struct Position {
    const CFGBlock *Block = nullptr;
    unsigned Index = 0;
  };

  enum class Step {
    /// Go on along this path.
    Continue,
    /// This path ends here; other paths go on.
    Stop,
    /// The search is over: a path reached what it was looking for.
    Found,
  };

  struct Search {
    /// Called with each element statement and each terminator statement in
    /// the order of the path. A statement that the CFG split off (one
    /// declaration of a multi-declaration statement) is given as written.
    llvm::function_ref<Step(const Stmt &)> Visit;
    /// Whether to follow the edge to successor number Index of Block; all
    /// edges are followed when this is not set.
    llvm::function_ref<bool(const CFGBlock &Block, unsigned Index)> Follow;
    /// What reaching the exit block means (a return, a co_return or the end
    /// of the body).
    Step AtExit = Step::Stop;
    /// Also follow an edge from each block of a try block to its handlers.
    bool ThroughHandlers = false;
  };

  /// Whether the CFG has an element for each automatic object's destruction
  /// (at the end of its scope, and on break, continue, return and goto).
  enum class Destructors { Omitted, Included };

  /// Builds the CFG of Body, which belongs to Function; null when clang
  /// cannot build it.
  static std::unique_ptr<BodyCFG>
  build(const Decl *Function, const Stmt *Body, ASTContext &Context,
        Destructors WithDestructors = Destructors::Omitted);

  const CFG &cfg() const { return *Graph; }
  /// Where S is evaluated, when the CFG evaluates it.
  std::optional<Position> positionOf(const Stmt *S) const;
  /// The block that starts Handler.
  const CFGBlock *handlerEntry(const CXXCatchStmt *Handler) const;
  /// The block that dispatches to the handlers of the innermost try block
  /// around Block, where a statement of Block that throws goes; null when
  /// no try block is around it. A block that enters a try block is judged
  /// by its first statement that some try block holds.
  const CFGBlock *throwsTo(const CFGBlock &Block) const;
  /// The variables declared in the try block that Dispatch dispatches from
  /// (nested blocks included), which unwinding to its handlers destroys.
  llvm::ArrayRef<const VarDecl *> unwoundTo(const CFGBlock *Dispatch) const;
  /// The position just after From.
  static Position after(Position From) { return {From.Block, From.Index + 1}; }
  static Position startOf(const CFGBlock *Block) { return {Block, 0}; }

  /// Walks every path forward from each of Starts (from the statement at
  /// that position on), each block at most once. Returns true when Visit or
  /// AtExit said Found.
  bool search(llvm::ArrayRef<Position> Starts, const Search &How) const;

private:
  BodyCFG() = default;
  void addHandlerEdges(const Stmt *Body);
  const Stmt *asWritten(const Stmt *S) const;

  std::unique_ptr<CFG> Graph;
  llvm::DenseMap<const Stmt *, Position> Positions;
  llvm::DenseMap<const CXXCatchStmt *, const CFGBlock *> Handlers;
  /// Synthesised single-declaration statements and what the user wrote.
  llvm::DenseMap<const Stmt *, const Stmt *> Written;
  /// The dispatch block of the innermost try block that holds a block.
  llvm::DenseMap<const CFGBlock *, const CFGBlock *> ThrowsTo;
  llvm::DenseMap<const CFGBlock *, llvm::SmallVector<const VarDecl *, 2>>
      Unwound;
};

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_CFGREACHABILITY_H
