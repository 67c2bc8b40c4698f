//===--- LockAcrossSuspensionFlow.h - Locks held along a CFG ----*- C++ -*-===//
//
// The analysis behind async-lock-across-suspension: which thread mutexes
// may be locked at each suspension point of a coroutine, followed along the
// paths of its CFG (branches, loops, early exits, throws into handlers).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_LOCKACROSSSUSPENSIONFLOW_H
#define ASYNC_LINT_CHECKS_LOCKACROSSSUSPENSIONFLOW_H

#include "utils/CFGReachability.h"

#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <vector>

namespace clang::tidy::async {

class LockAcrossSuspensionCheck;

namespace lock_flow {

/// On which paths reaching a point a lock is held.
enum PathBits : unsigned char {
  HeldOnSomePath = 1,
  FreeOnSomePath = 2,
};

struct LockFact {
  unsigned char Paths = HeldOnSomePath;
  /// Where the lock was taken, for the note.
  SourceLocation LockedAt;
};

/// The locks that may be held at a point of the CFG; a lock that is not
/// listed is free on every path.
using LockState = llvm::SmallDenseMap<const ValueDecl *, LockFact, 4>;

/// What one element of the CFG does to the locks.
struct LockEvent {
  enum Kind { Lock, Unlock, Guard, Suspend } What;
  /// The lock: a mutex for lock() and unlock(), a guard variable otherwise.
  const ValueDecl *Key = nullptr;
  /// Guard: the guard it is moved from, which no longer holds anything.
  const ValueDecl *MovedFrom = nullptr;
  /// Guard: the mutex whose manual lock the guard adopts.
  const ValueDecl *Adopts = nullptr;
  /// Guard: on which paths the new guard holds its mutex.
  unsigned char Paths = HeldOnSomePath;
  /// Where the lock is taken, or the suspension's keyword.
  SourceLocation Loc;
};

/// What is known of a guard variable: the mutex it locks.
struct GuardInfo {
  const ValueDecl *Mutex = nullptr;
  const VarDecl *MovedFrom = nullptr;
  bool Recursive = false;
};

/// A lock held at a suspension point.
struct Finding {
  SourceLocation Suspension;
  const ValueDecl *Key;
  LockFact Fact;
};

/// The lock-state dataflow over one coroutine body: a forward analysis
/// whose facts say, for each lock, whether some path reaches the point with
/// it held and whether some path reaches it with it free.
class LockFlow {
public:
  /// Graph must have the destructions of automatic objects as elements.
  LockFlow(LockAcrossSuspensionCheck &Check, const utils::BodyCFG &Graph)
      : Check(Check), Graph(Graph) {}

  std::vector<Finding> run();
  const llvm::DenseMap<const ValueDecl *, GuardInfo> &guards() const {
    return Guards;
  }
  bool isRecursive(const ValueDecl *Key) const {
    return RecursiveMutexes.contains(Key);
  }

private:
  void classify();
  void classifyDeclaration(const DeclStmt &Decls);
  void classifyAssignment(const CXXOperatorCallExpr &Assignment);
  void classifyCall(const CallExpr &Call);
  std::optional<LockEvent> guardConstruction(const ValueDecl *Guard,
                                             const CXXConstructExpr &Construct,
                                             SourceLocation Loc);
  void releasedByAwait(const CoawaitExpr &Await);
  std::optional<std::pair<const ValueDecl *, bool>>
  ownershipTest(const CFGBlock &Block) const;
  bool releasedWhileSuspended(const Stmt *Suspension,
                              const ValueDecl *Key) const;
  void apply(const CFGBlock &Block, LockState &State,
             std::vector<Finding> *Findings,
             std::optional<LockState> *Thrown) const;

  LockAcrossSuspensionCheck &Check;
  const utils::BodyCFG &Graph;
  llvm::DenseMap<const Stmt *, llvm::SmallVector<LockEvent, 1>> Events;
  llvm::DenseMap<const ValueDecl *, GuardInfo> Guards;
  llvm::DenseSet<const ValueDecl *> RecursiveMutexes;
  /// std::move calls whose guard a construction or assignment takes over.
  llvm::DenseSet<const CallExpr *> TakenOver;
  /// The mutexes and guards that each suspension's awaited call takes by
  /// reference: an asynchronous condition variable's wait(lock) unlocks
  /// them while the coroutine is suspended.
  llvm::DenseMap<const Stmt *, llvm::SmallVector<const ValueDecl *, 1>>
      ReleasedWhileSuspended;
};

} // namespace lock_flow
} // namespace clang::tidy::async

#endif // ASYNC_LINT_CHECKS_LOCKACROSSSUSPENSIONFLOW_H
