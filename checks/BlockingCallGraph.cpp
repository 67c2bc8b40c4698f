//===--- BlockingCallGraph.cpp - which plain functions block
//----------------===//

#include "BlockingCallCheck.h"
#include "BlockingCallSites.h"
#include "utils/CoroutineUtils.h"
#include "utils/DiscoveredGraph.h"

#include "clang/AST/RecursiveASTVisitor.h"

#include <queue>

namespace clang::tidy::async {

using namespace blocking_call;

namespace {

/// The method a virtual call runs, when it is known here: the call names the
/// class (obj.Base::f()), or the object's dynamic type is known (a local or
/// a member held by value, a final class or method). Null otherwise.
const CXXMethodDecl *devirtualized(const CallExpr &Call,
                                   const CXXMethodDecl &Method) {
  const Expr *Object = nullptr;
  if (const auto *Member =
          dyn_cast<MemberExpr>(Call.getCallee()->IgnoreParenImpCasts())) {
    if (Member->hasQualifier())
      return &Method;
    Object = Member->getBase();
  } else if (isa<CXXOperatorCallExpr>(Call) && Call.getNumArgs() > 0) {
    Object = Call.getArg(0);
  }
  if (!Object)
    return nullptr;
  return Method.getDevirtualizedMethod(Object, /*IsAppleKext=*/false);
}

/// The lambda in E, through the conversions and temporaries of an
/// initialisation, or null.
const LambdaExpr *lambdaIn(const Expr *E) {
  while (E) {
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Lambda = dyn_cast<LambdaExpr>(E))
      return Lambda;
    if (const auto *Cast = dyn_cast<CastExpr>(E)) {
      E = Cast->getSubExpr();
      continue;
    }
    const auto *Construct = dyn_cast<CXXConstructExpr>(E);
    if (!Construct || Construct->getNumArgs() == 0 ||
        (Construct->getNumArgs() > 1 &&
         !isa<CXXDefaultArgExpr>(Construct->getArg(1))))
      return nullptr;
    E = Construct->getArg(0);
  }
  return nullptr;
}

/// Whether every use of Var in Body leaves the object unchanged: it is
/// only copied, converted to const, or the object of a const method call.
class UnchangedUses : public RecursiveASTVisitor<UnchangedUses> {
public:
  explicit UnchangedUses(const VarDecl &Var) : Var(Var) {}

  bool holdsIn(const Stmt *Body) {
    TraverseStmt(const_cast<Stmt *>(Body));
    return llvm::all_of(
        Uses, [&](const DeclRefExpr *Use) { return Safe.contains(Use); });
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (Ref->getDecl() == &Var)
      Uses.push_back(Ref);
    return true;
  }
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    if (const CXXMethodDecl *Method = Call->getMethodDecl();
        Method && Method->isConst())
      markSafe(Call->getImplicitObjectArgument());
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Call) {
    if (const auto *Method =
            dyn_cast_or_null<CXXMethodDecl>(Call->getDirectCallee());
        Method && Method->isConst() && Call->getNumArgs() > 0)
      markSafe(Call->getArg(0));
    return true;
  }
  bool VisitImplicitCastExpr(ImplicitCastExpr *Cast) {
    if (Cast->getCastKind() == CK_LValueToRValue ||
        (Cast->getCastKind() == CK_NoOp && Cast->getType().isConstQualified()))
      markSafe(Cast->getSubExpr());
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    if (const CXXConstructorDecl *Constructor = Construct->getConstructor();
        Constructor && Constructor->isCopyConstructor() &&
        Construct->getNumArgs() > 0)
      markSafe(Construct->getArg(0));
    return true;
  }

private:
  void markSafe(const Expr *E) {
    if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(
            E ? E->IgnoreParenImpCasts() : nullptr))
      Safe.insert(Ref);
  }

  const VarDecl &Var;
  llvm::SmallVector<const DeclRefExpr *, 4> Uses;
  llvm::DenseSet<const DeclRefExpr *> Safe;
};

/// The function a call through a variable runs, when the variable is a
/// function pointer or reference made from one function and never changed:
/// const, or a local whose uses only read it (`auto hook = &flush; hook();`).
const FunctionDecl *functionPointedBy(const CallExpr &Call) {
  const Expr *Callee = Call.getCallee()->IgnoreParenImpCasts();
  if (const auto *Deref = dyn_cast<UnaryOperator>(Callee);
      Deref && Deref->getOpcode() == UO_Deref)
    Callee = Deref->getSubExpr()->IgnoreParenImpCasts();
  const auto *Ref = dyn_cast<DeclRefExpr>(Callee);
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->getInit())
    return nullptr;
  if (!Var->getType().isConstQualified() &&
      !Var->getType()->isReferenceType()) {
    const auto *Owner =
        dyn_cast_or_null<FunctionDecl>(Var->getParentFunctionOrMethod());
    if (!Var->hasLocalStorage() || !Owner || !Owner->getBody() ||
        !UnchangedUses(*Var).holdsIn(Owner->getBody()))
      return nullptr;
  }
  const Expr *Init = Var->getInit()->IgnoreParenImpCasts();
  if (const auto *AddressOf = dyn_cast<UnaryOperator>(Init);
      AddressOf && AddressOf->getOpcode() == UO_AddrOf)
    Init = AddressOf->getSubExpr()->IgnoreParenImpCasts();
  const auto *Target = dyn_cast<DeclRefExpr>(Init);
  return Target ? dyn_cast<FunctionDecl>(Target->getDecl()) : nullptr;
}

/// The call operator of the lambda that Call runs through a callable
/// wrapper whose own code is in a system header (std::function): the
/// wrapper is a local variable initialised from a lambda written here and
/// never changed since. Null otherwise.
const FunctionDecl *lambdaHeldBy(const CallExpr *Call,
                                 const ASTContext &Context) {
  const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Call);
  if (!Operator || Operator->getOperator() != OO_Call ||
      Operator->getNumArgs() == 0)
    return nullptr;
  const FunctionDecl *Wrapper = Operator->getDirectCallee();
  if (!Wrapper ||
      !Context.getSourceManager().isInSystemHeader(Wrapper->getLocation()))
    return nullptr;
  const auto *Ref =
      dyn_cast<DeclRefExpr>(Operator->getArg(0)->IgnoreParenImpCasts());
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->hasLocalStorage() || Var->getType()->isReferenceType())
    return nullptr;
  const LambdaExpr *Lambda = lambdaIn(Var->getInit());
  if (!Lambda || Lambda->getCallOperator()->getDescribedFunctionTemplate())
    return nullptr;
  const auto *Owner =
      dyn_cast_or_null<FunctionDecl>(Var->getParentFunctionOrMethod());
  if (!Owner || !Owner->getBody() ||
      !UnchangedUses(*Var).holdsIn(Owner->getBody()))
    return nullptr;
  return Lambda->getCallOperator();
}

} // namespace

const FunctionDecl *BlockingCallCheck::calledFunction(const Expr *E) {
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return Handoffs.matchConstruct(Construct) ? nullptr
                                              : Construct->getConstructor();
  const auto *Call = cast<CallExpr>(E);
  if (Handoffs.matchCall(Call))
    return nullptr;
  const FunctionDecl *Callee = Call->getDirectCallee();
  return Callee ? Callee : functionPointedBy(*Call);
}

const FunctionDecl *
BlockingCallCheck::followedCallee(const Expr *E, const ASTContext &Context) {
  const FunctionDecl *Callee = calledFunction(E);
  if (const auto *Call = dyn_cast<CallExpr>(E); Call && Callee) {
    if (const FunctionDecl *Lambda = lambdaHeldBy(Call, Context))
      Callee = Lambda;
    else if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
             Method && Method->isVirtual())
      Callee = devirtualized(*Call, *Method);
  }
  const FunctionDecl *Definition = nullptr;
  if (!Callee || !Callee->hasBody(Definition) || !Definition)
    return nullptr;
  // A coroutine's body runs when its task is awaited, and is checked on its
  // own. Library code in system headers is known by the catalog's API lists.
  if (utils::userWrittenCoroutineBody(*Definition) ||
      Context.getSourceManager().isInSystemHeader(Definition->getLocation()))
    return nullptr;
  return Definition->getCanonicalDecl();
}

BlockingCallCheck::FunctionScan
BlockingCallCheck::scanFunction(const FunctionDecl *Canonical,
                                const ASTContext &Context) {
  FunctionScan Result;
  const FunctionDecl *Definition = nullptr;
  Canonical->hasBody(Definition);
  EvaluatedCallCollector Collector;
  collectEvaluatedCalls(*Definition, Collector);
  for (const Expr *E : Collector.Calls) {
    if (std::optional<utils::QualifiedNameMatcher::Match> Found =
            matchBlocking(E, *Definition, Context)) {
      // A blocking call in the function itself is the shortest chain.
      Result.BlockingSite = E;
      const auto *Construct = dyn_cast<CXXConstructExpr>(E);
      Result.BlockingEntity =
          Construct ? spelledTypeOf(*Construct, Collector, Context)
                    : Found->MatchedName;
      Result.BlockingApi = std::move(Found);
      Result.Calls.clear();
      return Result;
    }
    if (const FunctionDecl *Callee = followedCallee(E, Context))
      Result.Calls.push_back({E, Callee});
  }
  return Result;
}

const BlockingCallCheck::BlockingPath *
BlockingCallCheck::blockingPathOf(const FunctionDecl *Function,
                                  const ASTContext &Context) {
  if (auto It = Summaries.find(Function); It != Summaries.end())
    return It->second ? &*It->second : nullptr;

  // The functions followed from Function that are not summarised yet, by
  // strongly connected component, callees' first: when a component is
  // summarised, every function it calls outside itself is. scc_iterator
  // walks without recursion, so a long chain of calls cannot exhaust the
  // stack.
  llvm::DenseMap<const FunctionDecl *, FunctionScan> Scans;
  utils::DiscoveredGraph<const FunctionDecl *> Graph(
      Function, [&](const FunctionDecl *Caller,
                    llvm::SmallVectorImpl<const FunctionDecl *> &Callees) {
        const FunctionScan &Scan =
            Scans.try_emplace(Caller, scanFunction(Caller, Context))
                .first->second;
        for (const auto &Call : Scan.Calls)
          if (!Summaries.contains(Call.second))
            Callees.push_back(Call.second);
      });
  Graph.forEachComponent([&](llvm::ArrayRef<const FunctionDecl *> Group) {
    summariseGroup(Group, Scans);
  });
  const std::optional<BlockingPath> &Result = Summaries[Function];
  return Result ? &*Result : nullptr;
}

void BlockingCallCheck::summariseGroup(
    llvm::ArrayRef<const FunctionDecl *> Group,
    const llvm::DenseMap<const FunctionDecl *, FunctionScan> &Scans) {
  // The functions of Group call one another (directly or not). First what
  // each blocks on by itself or through functions outside the group...
  llvm::DenseMap<const FunctionDecl *, unsigned> Member;
  std::vector<std::optional<BlockingPath>> Paths(Group.size());
  for (unsigned I = 0; I < Group.size(); ++I) {
    const FunctionScan &Scan = Scans.find(Group[I])->second;
    Member[Group[I]] = I;
    if (Scan.BlockingSite) {
      BlockingPath &P = Paths[I].emplace();
      P.Site = Scan.BlockingSite;
      P.Api = Scan.BlockingEntity;
      P.ApiIsConstruction = isa<CXXConstructExpr>(Scan.BlockingSite);
      P.Category = Scan.BlockingApi->Tag;
      continue;
    }
    for (const auto &[Site, Callee] : Scan.Calls) {
      auto It = Summaries.find(Callee);
      if (It == Summaries.end() || !It->second)
        continue;
      if (Paths[I] && Paths[I]->Depth <= It->second->Depth + 1)
        continue;
      BlockingPath &P = Paths[I].emplace(*It->second);
      P.Site = Site;
      P.Callee = Callee;
      ++P.Depth;
    }
  }
  // ...then, shortest first, what each blocks on through the others. A
  // group where no function blocks contributes nothing.
  if (Group.size() > 1) {
    std::vector<llvm::SmallVector<std::pair<unsigned, const Expr *>, 2>>
        Callers(Group.size());
    for (unsigned I = 0; I < Group.size(); ++I)
      for (const auto &[Site, Callee] : Scans.find(Group[I])->second.Calls)
        if (auto It = Member.find(Callee); It != Member.end())
          Callers[It->second].push_back({I, Site});
    using Entry = std::pair<unsigned, unsigned>; // depth, member
    std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> Queue;
    for (unsigned I = 0; I < Group.size(); ++I)
      if (Paths[I])
        Queue.push({Paths[I]->Depth, I});
    while (!Queue.empty()) {
      auto [Depth, I] = Queue.top();
      Queue.pop();
      if (Paths[I]->Depth != Depth)
        continue;
      for (const auto &[Caller, Site] : Callers[I]) {
        if (Paths[Caller] && Paths[Caller]->Depth <= Depth + 1)
          continue;
        BlockingPath &P = Paths[Caller].emplace(*Paths[I]);
        P.Site = Site;
        P.Callee = Group[I];
        P.Depth = Depth + 1;
        Queue.push({P.Depth, Caller});
      }
    }
  }
  for (unsigned I = 0; I < Group.size(); ++I)
    Summaries[Group[I]] = std::move(Paths[I]);
}

} // namespace clang::tidy::async
