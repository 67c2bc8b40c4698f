//===--- LockAcrossSuspensionCheck.cpp ------------------------------------===//
//
// async-lock-across-suspension
//
//===----------------------------------------------------------------------===//

#include "LockAcrossSuspensionCheck.h"
#include "utils/CoroutineUtils.h"
#include "utils/FunctionBodyScan.h"
#include "utils/NamedObjects.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace option = rules::option::lock_across_suspension;

namespace {

/// The object a lock or unlock call acts on: a mutex or guard variable, a
/// member of *this, the pointee of &m; for obj.m or p->m, the member m.
const ValueDecl *lockedObject(const Expr *E) {
  E = utils::skipObjectWrappers(E);
  if (const auto *Unary = dyn_cast<UnaryOperator>(E);
      Unary && Unary->getOpcode() == UO_AddrOf)
    E = utils::skipObjectWrappers(Unary->getSubExpr());
  if (const ValueDecl *Named = utils::namedObject(E))
    return Named;
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return Member->getMemberDecl();
  return nullptr;
}

/// The construction that gives a variable its value, also when written as
/// `auto lock = std::unique_lock(m)`.
const CXXConstructExpr *constructionOf(const Expr *E) {
  while (E) {
    E = E->IgnoreImplicit();
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
      return Construct;
    if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E))
      E = Cast->getSubExpr();
    else if (const auto *Paren = dyn_cast<ParenExpr>(E))
      E = Paren->getSubExpr();
    else
      return nullptr;
  }
  return nullptr;
}

/// The std::move call that a move construction or assignment takes its
/// source from, if any.
const CallExpr *moveCallIn(const Expr *E) {
  const auto *Call = dyn_cast<CallExpr>(E->IgnoreImplicit());
  return Call && Call->isCallToStdMove() ? Call : nullptr;
}

bool hasRecordNamed(QualType Type, StringRef Name) {
  const auto *Record = Type.getNonReferenceType()->getAsCXXRecordDecl();
  return Record && Record->getIdentifier() && Record->getName() == Name;
}

/// Whether a mutex of this type lets its owner thread lock it again; Qt's
/// guards take a pointer to it (QMutexLocker locker(&recursiveMutex)).
bool isRecursiveMutex(QualType Type) {
  Type = Type.getNonReferenceType();
  if (Type->isPointerType())
    Type = Type->getPointeeType();
  const auto *Record = Type->getAsCXXRecordDecl();
  return Record && Record->getIdentifier() &&
         Record->getName().contains_insensitive("recursive");
}

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

/// Merges the state of another path into Into; true when Into changed.
bool join(LockState &Into, const LockState &From) {
  bool Changed = false;
  for (auto &[Key, Fact] : Into)
    if (!From.count(Key) && !(Fact.Paths & FreeOnSomePath)) {
      Fact.Paths |= FreeOnSomePath;
      Changed = true;
    }
  for (const auto &[Key, Fact] : From) {
    auto [It, Inserted] = Into.try_emplace(Key, Fact);
    const unsigned char Paths =
        Inserted ? Fact.Paths | FreeOnSomePath : It->second.Paths | Fact.Paths;
    if (Inserted || Paths != It->second.Paths) {
      It->second.Paths = Paths;
      Changed = true;
    }
  }
  return Changed;
}

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
  LockFlow(LockAcrossSuspensionCheck &Check, const CFG &Graph, const Stmt *Body)
      : Check(Check), Graph(Graph), Body(Body) {}

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
  void mapTryBlocks();
  void releasedByAwait(const CoawaitExpr &Await);
  std::optional<std::pair<const ValueDecl *, bool>>
  ownershipTest(const CFGBlock &Block) const;
  bool releasedWhileSuspended(const Stmt *Suspension,
                              const ValueDecl *Key) const;
  void apply(const CFGBlock &Block, LockState &State,
             std::vector<Finding> *Findings,
             std::optional<LockState> *Thrown) const;

  LockAcrossSuspensionCheck &Check;
  const CFG &Graph;
  const Stmt *Body;
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
  /// The dispatch block of the innermost try block around each block, and
  /// the guards declared in each try block, which unwinding destroys.
  llvm::DenseMap<const CFGBlock *, const CFGBlock *> ThrowsTo;
  llvm::DenseMap<const CFGBlock *, llvm::SmallVector<const ValueDecl *, 2>>
      UnwoundGuards;
};

std::optional<LockEvent>
LockFlow::guardConstruction(const ValueDecl *Guard,
                            const CXXConstructExpr &Construct,
                            SourceLocation Loc) {
  GuardInfo &Info = Guards[Guard];
  if (Construct.getNumArgs() == 0)
    return LockEvent{LockEvent::Unlock, Guard};
  if (Construct.getConstructor()->isCopyOrMoveConstructor()) {
    const ValueDecl *Source = lockedObject(Construct.getArg(0));
    if (!Source || !Guards.contains(Source))
      return std::nullopt;
    if (const CallExpr *Move = moveCallIn(Construct.getArg(0)))
      TakenOver.insert(Move);
    Info.MovedFrom = dyn_cast<VarDecl>(Source);
    LockEvent Event{LockEvent::Guard, Guard};
    Event.MovedFrom = Source;
    return Event;
  }
  const Expr *Mutex = Construct.getArg(0);
  if (Check.isAsyncLock(Mutex->getType()))
    return std::nullopt;
  if (!Info.Mutex) {
    Info.Mutex = lockedObject(Mutex);
    Info.Recursive = isRecursiveMutex(Mutex->getType());
  }
  LockEvent Event{LockEvent::Guard, Guard};
  Event.Loc = Loc;
  for (const Expr *Arg : Construct.arguments()) {
    if (hasRecordNamed(Arg->getType(), "defer_lock_t"))
      Event.Paths = FreeOnSomePath;
    else if (hasRecordNamed(Arg->getType(), "try_to_lock_t"))
      Event.Paths = HeldOnSomePath | FreeOnSomePath;
    else if (hasRecordNamed(Arg->getType(), "adopt_lock_t"))
      Event.Adopts = lockedObject(Mutex);
  }
  return Event;
}

void LockFlow::classifyDeclaration(const DeclStmt &Decls) {
  for (const Decl *D : Decls.decls()) {
    const auto *Var = dyn_cast<VarDecl>(D);
    if (!Var || !Var->hasLocalStorage() || Var->getType()->isReferenceType() ||
        !Check.isGuardType(Var->getType()) || Check.isAsyncLock(Var->getType()))
      continue;
    Guards.try_emplace(Var);
    const CXXConstructExpr *Construct =
        Var->getInit() ? constructionOf(Var->getInit()) : nullptr;
    if (!Construct)
      continue;
    if (std::optional<LockEvent> Event =
            guardConstruction(Var, *Construct, Var->getLocation()))
      Events[&Decls].push_back(*Event);
  }
}

void LockFlow::classifyAssignment(const CXXOperatorCallExpr &Assignment) {
  const ValueDecl *Guard = lockedObject(Assignment.getArg(0));
  if (!Guard || !Guards.contains(Guard))
    return;
  const CXXConstructExpr *Construct = constructionOf(Assignment.getArg(1));
  std::optional<LockEvent> Event;
  if (Construct && !Construct->getConstructor()->isCopyOrMoveConstructor())
    Event = guardConstruction(Guard, *Construct, Assignment.getOperatorLoc());
  else if (const ValueDecl *Source = lockedObject(Assignment.getArg(1));
           Source && Guards.contains(Source)) {
    if (const CallExpr *Move = moveCallIn(Assignment.getArg(1)))
      TakenOver.insert(Move);
    Event = LockEvent{LockEvent::Guard, Guard};
    Event->MovedFrom = Source;
  } else
    Event = LockEvent{LockEvent::Unlock, Guard};
  if (Event)
    Events[&Assignment].push_back(*Event);
}

void LockFlow::classifyCall(const CallExpr &Call) {
  if (Call.isCallToStdMove() && Call.getNumArgs() == 1) {
    const ValueDecl *Moved = lockedObject(Call.getArg(0));
    if (Moved && Guards.contains(Moved) && !TakenOver.contains(&Call))
      Events[&Call].push_back({LockEvent::Unlock, Moved});
    return;
  }
  const bool Locks = Check.isLockCall(&Call);
  if (!Locks && !Check.isUnlockCall(&Call))
    return;
  llvm::SmallVector<const Expr *, 2> Objects;
  SourceLocation Loc = Call.getBeginLoc();
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
    Objects.push_back(Member->getImplicitObjectArgument());
    Loc = Member->getExprLoc();
  } else if (!isa<CXXOperatorCallExpr>(Call)) {
    Objects.append(Call.arg_begin(), Call.arg_end());
  }
  for (const Expr *Object : Objects) {
    if (!Object || Check.isAsyncLock(Object->getType()))
      continue;
    const ValueDecl *Key = lockedObject(Object);
    if (!Key)
      continue;
    QualType MutexType = Object->getType();
    if (MutexType->isPointerType())
      MutexType = MutexType->getPointeeType();
    if (Locks && !Guards.contains(Key) && isRecursiveMutex(MutexType))
      RecursiveMutexes.insert(Key);
    Events[&Call].push_back({Locks ? LockEvent::Lock : LockEvent::Unlock, Key,
                             nullptr, nullptr, HeldOnSomePath, Loc});
  }
}

void LockFlow::classify() {
  // Declarations first, so that every guard variable is known when the
  // assignments and calls that use it are classified.
  llvm::SmallVector<const Stmt *, 64> Statements;
  for (const CFGBlock *Block : Graph)
    if (Block)
      for (const CFGElement &Element : *Block)
        if (std::optional<CFGStmt> S = Element.getAs<CFGStmt>())
          Statements.push_back(S->getStmt());
  for (const Stmt *S : Statements)
    if (const auto *Decls = dyn_cast<DeclStmt>(S))
      classifyDeclaration(*Decls);
  for (const Stmt *S : Statements)
    if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(S);
        Operator && Operator->getOperator() == OO_Equal &&
        Operator->getNumArgs() == 2)
      classifyAssignment(*Operator);
  for (const Stmt *S : Statements) {
    if (const auto *Call = dyn_cast<CallExpr>(S);
        Call && !Events.contains(Call))
      classifyCall(*Call);
    else if (const auto *Suspension = dyn_cast<CoroutineSuspendExpr>(S)) {
      const auto *Await = dyn_cast<CoawaitExpr>(Suspension);
      if (Await && Await->isImplicit())
        continue;
      Events[S].push_back({LockEvent::Suspend, nullptr, nullptr, nullptr,
                           HeldOnSomePath, Suspension->getKeywordLoc()});
      if (Await)
        releasedByAwait(*Await);
    }
  }
}

void LockFlow::releasedByAwait(const CoawaitExpr &Await) {
  const auto *Call =
      dyn_cast<CallExpr>(utils::FunctionBodyScan::valueOf(Await.getOperand()));
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || isa<CXXOperatorCallExpr>(Call))
    return;
  for (unsigned I = 0, N = std::min(Call->getNumArgs(), Callee->getNumParams());
       I < N; ++I) {
    // Only a parameter that can unlock what it is given: a non-const
    // lvalue reference.
    QualType Param = Callee->getParamDecl(I)->getType();
    if (!Param->isLValueReferenceType() ||
        Param.getNonReferenceType().isConstQualified())
      continue;
    if (const ValueDecl *Object = lockedObject(Call->getArg(I)))
      ReleasedWhileSuspended[&Await].push_back(Object);
  }
}

bool LockFlow::releasedWhileSuspended(const Stmt *Suspension,
                                      const ValueDecl *Key) const {
  auto Released = ReleasedWhileSuspended.find(Suspension);
  if (Released == ReleasedWhileSuspended.end())
    return false;
  auto Guard = Guards.find(Key);
  const ValueDecl *Mutex =
      Guard == Guards.end() ? nullptr : Guard->second.Mutex;
  return llvm::any_of(Released->second, [&](const ValueDecl *Object) {
    return Object == Key || (Mutex && Object == Mutex);
  });
}

/// The guard whose ownership the condition that ends Block tests (a const
/// member function of the guard returning bool: `lock.owns_lock()`, `lock`,
/// `!lock`), and whether the test is true when the guard holds its mutex.
std::optional<std::pair<const ValueDecl *, bool>>
LockFlow::ownershipTest(const CFGBlock &Block) const {
  if (Block.succ_size() != 2)
    return std::nullopt;
  const auto *Condition =
      dyn_cast_or_null<Expr>(Block.getTerminatorCondition());
  bool HoldsWhenTrue = true;
  while (Condition) {
    Condition = Condition->IgnoreParenImpCasts();
    const auto *Not = dyn_cast<UnaryOperator>(Condition);
    if (!Not || Not->getOpcode() != UO_LNot)
      break;
    HoldsWhenTrue = !HoldsWhenTrue;
    Condition = Not->getSubExpr();
  }
  const auto *Query = dyn_cast_or_null<CXXMemberCallExpr>(Condition);
  const CXXMethodDecl *Method = Query ? Query->getMethodDecl() : nullptr;
  if (!Method || !Method->isConst() || Method->getNumParams() != 0 ||
      !Method->getReturnType()->isBooleanType())
    return std::nullopt;
  const ValueDecl *Guard = lockedObject(Query->getImplicitObjectArgument());
  if (!Guard || !Guards.contains(Guard))
    return std::nullopt;
  return std::make_pair(Guard, HoldsWhenTrue);
}

void LockFlow::mapTryBlocks() {
  llvm::DenseMap<const CXXTryStmt *, const CFGBlock *> Dispatch;
  for (const CFGBlock *Block : Graph)
    if (const auto *Try =
            Block ? dyn_cast_or_null<CXXTryStmt>(Block->getTerminatorStmt())
                  : nullptr)
      Dispatch[Try] = Block;
  if (Dispatch.empty())
    return;

  // The innermost try statement around each statement of the body.
  llvm::DenseMap<const Stmt *, const CXXTryStmt *> Innermost;
  llvm::SmallVector<std::pair<const Stmt *, const CXXTryStmt *>, 64> Stack;
  Stack.push_back({Body, nullptr});
  while (!Stack.empty()) {
    auto [S, Around] = Stack.pop_back_val();
    if (!S || isa<LambdaExpr>(S))
      continue;
    if (Around)
      Innermost[S] = Around;
    if (const auto *Try = dyn_cast<CXXTryStmt>(S)) {
      Stack.push_back({Try->getTryBlock(), Try});
      for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
        Stack.push_back({Try->getHandler(I), Around});
      continue;
    }
    for (const Stmt *Child : S->children())
      Stack.push_back({Child, Around});
  }

  llvm::DenseMap<const CXXTryStmt *, llvm::SmallVector<const ValueDecl *, 2>>
      DeclaredIn;
  for (const auto &[Guard, Info] : Guards) {
    const auto *Var = dyn_cast<VarDecl>(Guard);
    (void)Info;
    if (!Var)
      continue;
    for (const auto &[S, Try] : Innermost)
      if (const auto *Decls = dyn_cast<DeclStmt>(S))
        if (llvm::is_contained(Decls->decls(), Var)) {
          // Every enclosing try block unwinds it.
          for (const CXXTryStmt *Around = Try; Around;) {
            DeclaredIn[Around].push_back(Var);
            auto Outer = Innermost.find(Around);
            Around = Outer == Innermost.end() ? nullptr : Outer->second;
          }
          break;
        }
  }

  for (const CFGBlock *Block : Graph) {
    if (!Block)
      continue;
    for (const CFGElement &Element : *Block) {
      std::optional<CFGStmt> S = Element.getAs<CFGStmt>();
      if (!S)
        continue;
      auto It = Innermost.find(S->getStmt());
      if (It == Innermost.end())
        continue;
      auto To = Dispatch.find(It->second);
      if (To == Dispatch.end())
        break;
      ThrowsTo[Block] = To->second;
      UnwoundGuards[Block] = DeclaredIn.lookup(It->second);
      break;
    }
  }
}

/// Whether evaluating S may throw: a call, a construction, a throw or a
/// suspension, unless declared not to.
bool mayThrow(const Stmt *S) {
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    const auto *Proto =
        Callee ? Callee->getType()->getAs<FunctionProtoType>() : nullptr;
    return !Proto || !Proto->isNothrow();
  }
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(S))
    return !Construct->getConstructor()
                ->getType()
                ->castAs<FunctionProtoType>()
                ->isNothrow();
  return isa<CXXThrowExpr, CoroutineSuspendExpr>(S);
}

void LockFlow::apply(const CFGBlock &Block, LockState &State,
                     std::vector<Finding> *Findings,
                     std::optional<LockState> *Thrown) const {
  auto Release = [&](const ValueDecl *Key) { State.erase(Key); };
  for (const CFGElement &Element : Block) {
    if (std::optional<CFGAutomaticObjDtor> Dtor =
            Element.getAs<CFGAutomaticObjDtor>()) {
      Release(Dtor->getVarDecl());
      continue;
    }
    std::optional<CFGStmt> S = Element.getAs<CFGStmt>();
    if (!S)
      continue;
    auto It = Events.find(S->getStmt());
    const bool Unlocks = It != Events.end() &&
                         llvm::all_of(It->second, [](const LockEvent &Event) {
                           return Event.What == LockEvent::Unlock;
                         });
    // What a handler of the innermost try block sees if S throws.
    if (Thrown && !Unlocks && mayThrow(S->getStmt())) {
      if (!*Thrown)
        *Thrown = State;
      else
        join(**Thrown, State);
    }
    if (It == Events.end())
      continue;
    for (const LockEvent &Event : It->second) {
      switch (Event.What) {
      case LockEvent::Lock:
        State[Event.Key] = {HeldOnSomePath, Event.Loc};
        break;
      case LockEvent::Unlock:
        Release(Event.Key);
        break;
      case LockEvent::Guard:
        if (Event.Adopts)
          Release(Event.Adopts);
        if (Event.MovedFrom) {
          auto Source = State.find(Event.MovedFrom);
          if (Source == State.end()) {
            Release(Event.Key);
          } else {
            LockFact Fact = Source->second;
            State.erase(Source);
            State[Event.Key] = Fact;
          }
        } else if (Event.Paths & HeldOnSomePath) {
          State[Event.Key] = {Event.Paths, Event.Loc};
        } else {
          Release(Event.Key);
        }
        break;
      case LockEvent::Suspend:
        if (Findings)
          for (const auto &[Key, Fact] : State)
            if (!releasedWhileSuspended(S->getStmt(), Key))
              Findings->push_back({Event.Loc, Key, Fact});
        break;
      }
    }
  }
}

std::vector<Finding> LockFlow::run() {
  classify();
  bool Suspends = false, Locks = false;
  for (const auto &[S, List] : Events)
    for (const LockEvent &Event : List) {
      Suspends |= Event.What == LockEvent::Suspend;
      Locks |= Event.What == LockEvent::Lock || Event.What == LockEvent::Guard;
    }
  if (!Suspends || !Locks)
    return {};
  mapTryBlocks();

  std::vector<std::optional<LockState>> In(Graph.getNumBlockIDs());
  llvm::SmallVector<const CFGBlock *, 32> Work;
  In[Graph.getEntry().getBlockID()] = LockState();
  Work.push_back(&Graph.getEntry());
  auto Flow = [&](const CFGBlock *To, const LockState &State) {
    std::optional<LockState> &Target = In[To->getBlockID()];
    if (!Target) {
      Target = State;
      Work.push_back(To);
    } else if (join(*Target, State)) {
      Work.push_back(To);
    }
  };
  while (!Work.empty()) {
    const CFGBlock *Block = Work.pop_back_val();
    LockState State = *In[Block->getBlockID()];
    auto To = ThrowsTo.find(Block);
    std::optional<LockState> Thrown;
    apply(*Block, State, nullptr, To == ThrowsTo.end() ? nullptr : &Thrown);
    // A test of a guard's ownership tells each branch whether it holds.
    auto Test = ownershipTest(*Block);
    bool TrueBranch = true;
    for (const CFGBlock::AdjacentBlock &Successor : Block->succs()) {
      const CFGBlock *Next = Successor.getReachableBlock();
      if (Next && Test) {
        LockState Branch = State;
        auto Held = Branch.find(Test->first);
        if (TrueBranch != Test->second)
          Branch.erase(Test->first);
        else if (Held != Branch.end())
          Held->second.Paths = HeldOnSomePath;
        Flow(Next, Branch);
      } else if (Next) {
        Flow(Next, State);
      }
      TrueBranch = false;
    }
    // A throw in a try block reaches its handlers with the locks held at
    // that point, less the guards that unwinding destroys.
    if (Thrown) {
      for (const ValueDecl *Guard : UnwoundGuards.lookup(Block))
        Thrown->erase(Guard);
      Flow(To->second, *Thrown);
    }
  }

  std::vector<Finding> Findings;
  for (const CFGBlock *Block : Graph) {
    if (!Block || !In[Block->getBlockID()])
      continue;
    LockState State = *In[Block->getBlockID()];
    apply(*Block, State, &Findings, nullptr);
  }
  return Findings;
}

} // namespace

LockAcrossSuspensionCheck::LockAcrossSuspensionCheck(StringRef Name,
                                                     ClangTidyContext *Context)
    : FunctionCheck(Name, Context), RuleOptions(Name, Options, Context),
      Runtimes(RuleOptions.catalog()) {
  GuardTypes.addKind(RuleOptions.catalog(), api_kind::LockGuardTypes);
  GuardTypes.addNames(RuleOptions.list(option::ExtraLockGuardTypes));
  AsyncLockTypes.addKind(RuleOptions.catalog(), api_kind::AsyncLockTypes);
  AsyncLockTypes.addNames(RuleOptions.list(option::ExtraAsyncLockTypes));
  auto Fill = [&](utils::QualifiedNameMatcher &Matcher, rules::ApiKindName Kind,
                  rules::OptionName ExtraOption) {
    Matcher.addKind(RuleOptions.catalog(), Kind, RuleOptions.list(ExtraOption));
  };
  Fill(LockFunctions, api_kind::LockFunctions, option::ExtraLockFunctions);
  Fill(UnlockFunctions, api_kind::UnlockFunctions,
       option::ExtraUnlockFunctions);
}

void LockAcrossSuspensionCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  RuleOptions.store(Options, Opts);
}

bool LockAcrossSuspensionCheck::isGuardType(QualType Type) {
  return GuardTypes.matchType(Type).has_value();
}

bool LockAcrossSuspensionCheck::isAsyncLock(QualType Type) {
  if (Type->isPointerType())
    Type = Type->getPointeeType();
  return AsyncLockTypes.matchTypeOrTemplateArguments(Type).has_value();
}

bool LockAcrossSuspensionCheck::isLockCall(const CallExpr *Call) {
  return LockFunctions.matchCall(Call).has_value();
}

bool LockAcrossSuspensionCheck::isUnlockCall(const CallExpr *Call) {
  return UnlockFunctions.matchCall(Call).has_value();
}

void LockAcrossSuspensionCheck::registerMatchers(MatchFinder *Finder) {
  if (GuardTypes.empty() && LockFunctions.empty())
    return;
  matchDefinitions(Finder, utils::Definitions::Coroutines);
}

void LockAcrossSuspensionCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Coroutine =
      Result.Nodes.getNodeAs<FunctionDecl>(utils::AnalysedFunction);
  // A template is analysed in its instantiations, where types are known.
  if (Coroutine->isDependentContext())
    return;
  const Stmt *Body = utils::userWrittenCoroutineBody(*Coroutine);
  if (!Body)
    return;
  CFG::BuildOptions Options;
  // Every expression gets its own element, and every guard's destruction
  // (at the end of its scope, and on break, continue, return and goto) is
  // an element of its own.
  Options.setAllAlwaysAdd();
  Options.AddImplicitDtors = true;
  std::unique_ptr<CFG> Graph = CFG::buildCFG(
      Coroutine, const_cast<Stmt *>(Body), Result.Context, Options);
  if (!Graph)
    return;

  LockFlow Flow(*this, *Graph, Body);
  std::vector<Finding> Findings = Flow.run();
  const SourceManager &SM = *Result.SourceManager;
  llvm::sort(Findings, [&](const Finding &A, const Finding &B) {
    if (A.Suspension != B.Suspension)
      return SM.isBeforeInTranslationUnit(A.Suspension, B.Suspension);
    return A.Key->getNameAsString() < B.Key->getNameAsString();
  });
  Findings.erase(std::unique(Findings.begin(), Findings.end(),
                             [](const Finding &A, const Finding &B) {
                               return A.Suspension == B.Suspension &&
                                      A.Key == B.Key;
                             }),
                 Findings.end());

  // What the coroutine's runtime suggests instead, appended to each finding.
  std::string Advice;
  if (const catalog::RuntimeHint *Hint = Runtimes.hintFor(
          *Coroutine, catalog::checkKindOf(RuleOptions.rule().Id)))
    Advice = "; " + Hint->Text;
  for (const Finding &F : Findings) {
    const bool Maybe = F.Fact.Paths & FreeOnSomePath;
    auto Guard = Flow.guards().find(F.Key);
    if (Guard != Flow.guards().end()) {
      // A guard moved from another holds that one's mutex.
      const GuardInfo *Info = &Guard->second;
      for (unsigned Depth = 0; !Info->Mutex && Info->MovedFrom && Depth < 8;
           ++Depth) {
        auto From = Flow.guards().find(Info->MovedFrom);
        if (From == Flow.guards().end())
          break;
        Info = &From->second;
      }
      const auto *Var = cast<VarDecl>(F.Key);
      auto Diag = diag(F.Suspension,
                       "%0 %1 %select{holds|may hold}2 %select{its mutex|%4}3 "
                       "across this suspension point; %select{another task on "
                       "this thread that locks it deadlocks|another task on "
                       "this thread can lock it too}5%6");
      Diag << Var->getType().getCanonicalType().getUnqualifiedType() << Var
           << Maybe << (Info->Mutex != nullptr);
      if (Info->Mutex)
        Diag << Info->Mutex;
      else
        Diag << "";
      Diag << Info->Recursive << Advice;
    } else {
      diag(F.Suspension,
           "%0 %select{is|may be}1 locked across this suspension point; "
           "%select{another task on this thread that locks it "
           "deadlocks|another task on this thread can lock it too}2%3")
          << F.Key << Maybe << Flow.isRecursive(F.Key) << Advice;
    }
    if (F.Fact.LockedAt.isValid())
      diag(F.Fact.LockedAt, "locked here", DiagnosticIDs::Note);
  }
}

} // namespace clang::tidy::async
