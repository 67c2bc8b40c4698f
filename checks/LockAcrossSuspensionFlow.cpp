//===--- LockAcrossSuspensionFlow.cpp - Locks held along a CFG ------------===//
//
// async-lock-across-suspension
//
//===----------------------------------------------------------------------===//

#include "LockAcrossSuspensionFlow.h"
#include "LockAcrossSuspensionCheck.h"
#include "utils/FunctionBodyScan.h"
#include "utils/NamedObjects.h"

#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::async::lock_flow {

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

} // namespace

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
  for (const CFGBlock *Block : Graph.cfg())
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

  const CFG &Blocks = Graph.cfg();
  std::vector<std::optional<LockState>> In(Blocks.getNumBlockIDs());
  llvm::SmallVector<const CFGBlock *, 32> Work;
  In[Blocks.getEntry().getBlockID()] = LockState();
  Work.push_back(&Blocks.getEntry());
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
    const CFGBlock *Handlers = Graph.throwsTo(*Block);
    std::optional<LockState> Thrown;
    apply(*Block, State, nullptr, Handlers ? &Thrown : nullptr);
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
      for (const VarDecl *Unwound : Graph.unwoundTo(Handlers))
        if (Guards.contains(Unwound))
          Thrown->erase(Unwound);
      Flow(Handlers, *Thrown);
    }
  }

  std::vector<Finding> Findings;
  for (const CFGBlock *Block : Blocks) {
    if (!Block || !In[Block->getBlockID()])
      continue;
    LockState State = *In[Block->getBlockID()];
    apply(*Block, State, &Findings, nullptr);
  }
  return Findings;
}

} // namespace clang::tidy::async::lock_flow
