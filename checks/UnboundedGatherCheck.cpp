//===--- UnboundedGatherCheck.cpp -----------------------------------------===//
//
// async-unbounded-gather
//
//===----------------------------------------------------------------------===//

#include "UnboundedGatherCheck.h"
#include "utils/CallerIndex.h"
#include "utils/CoroutineUtils.h"
#include "utils/NamedObjects.h"
#include "utils/SameFunctionVisitor.h"
#include "utils/StmtHelpers.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace option = rules::option::unbounded_gather;

namespace {

bool isLoop(const Stmt *S) {
  return isa<ForStmt, CXXForRangeStmt, WhileStmt, DoStmt>(S);
}

/// Loops, outermost first.
using LoopStack = llvm::SmallVector<const Stmt *, 2>;

struct CallSite {
  const CallExpr *Call;
  /// The loops around the call.
  LoopStack Loops;
  /// Inside the operand of a co_await: the work is awaited where it starts.
  bool Awaited;
};

struct AwaitSite {
  const CoawaitExpr *Await;
  LoopStack Loops;
};

/// What one function evaluates, with the loops around each call and await;
/// lambdas and local classes are functions of their own.
class BodyScanner : public utils::SameFunctionVisitor<BodyScanner> {
public:
  std::vector<CallSite> Calls;
  std::vector<AwaitSite> Awaits;
  /// Local variables, with the loops around their declaration.
  llvm::DenseMap<const VarDecl *, LoopStack> Locals;

  bool TraverseStmt(Stmt *S) {
    if (!S)
      return true;
    const bool Loop = isLoop(S);
    const bool Await = isa<CoawaitExpr>(S);
    if (Loop)
      Loops.push_back(S);
    if (Await)
      ++AwaitDepth;
    const bool Continue = RecursiveASTVisitor::TraverseStmt(S);
    if (Await)
      --AwaitDepth;
    if (Loop)
      Loops.pop_back();
    return Continue;
  }
  bool VisitCallExpr(CallExpr *Call) {
    Calls.push_back({Call, Loops, AwaitDepth > 0});
    return true;
  }
  bool VisitCoawaitExpr(CoawaitExpr *Await) {
    if (!Await->isImplicit())
      Awaits.push_back({Await, Loops});
    return true;
  }
  bool VisitVarDecl(VarDecl *Var) {
    if (Var->hasLocalStorage() && !isa<ParmVarDecl>(Var))
      Locals[Var] = Loops;
    return true;
  }

private:
  LoopStack Loops;
  unsigned AwaitDepth = 0;
};

/// Finds the first node of a kind in an expression, lambdas left out.
template <class Node>
const Node *findIn(const Stmt *S, llvm::function_ref<bool(const Node &)> Pred) {
  if (!S || isa<LambdaExpr>(S))
    return nullptr;
  if (const auto *N = dyn_cast<Node>(S); N && Pred(*N))
    return N;
  for (const Stmt *Child : S->children())
    if (const Node *Found = findIn<Node>(Child, Pred))
      return Found;
  return nullptr;
}

bool isStdMin(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  return Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
         Callee->getName() == "min";
}

bool isComparison(const Expr *E, const Expr *&LHS, const Expr *&RHS) {
  if (const auto *Binary = dyn_cast<BinaryOperator>(E);
      Binary && Binary->isComparisonOp()) {
    LHS = Binary->getLHS();
    RHS = Binary->getRHS();
    return true;
  }
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E);
      Operator && Operator->getNumArgs() == 2 && Operator->isComparisonOp()) {
    LHS = Operator->getArg(0);
    RHS = Operator->getArg(1);
    return true;
  }
  return false;
}

void conjuncts(const Expr *E, llvm::SmallVectorImpl<const Expr *> &Out) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Binary = dyn_cast<BinaryOperator>(E);
      Binary && Binary->getOpcode() == BO_LAnd) {
    conjuncts(Binary->getLHS(), Out);
    conjuncts(Binary->getRHS(), Out);
    return;
  }
  Out.push_back(E);
}

SourceLocation callLocation(const CallExpr *Call) {
  return isa<CXXMemberCallExpr>(Call) ? Call->getExprLoc()
                                      : Call->getBeginLoc();
}

} // namespace

/// The analysis of one function body.
class UnboundedGatherAnalysis {
public:
  UnboundedGatherAnalysis(UnboundedGatherCheck &Check, const BodyScanner &Scan,
                          ASTContext &Context)
      : Check(Check), Scan(Scan), Context(Context) {}

  void run() {
    for (const CallSite &Site : Scan.Calls) {
      if (std::optional<utils::QualifiedNameMatcher::Match> Gather =
              Check.GatherFunctions.matchCall(Site.Call)) {
        if (Site.Call->getNumArgs() == 0)
          continue;
        if (std::optional<Trail> Origin = trailOfExpr(Site.Call->getArg(0))) {
          Check.diag(callLocation(Site.Call),
                     "'%0' runs a task for every element of a range whose "
                     "size comes from input, all at once; bound the "
                     "concurrency with a semaphore or gather in batches")
              << Gather->MatchedName << Site.Call->getSourceRange();
          note(*Origin);
        }
        continue;
      }
      if (Site.Awaited)
        continue;
      std::optional<utils::QualifiedNameMatcher::Match> Spawn =
          Check.SpawnFunctions.matchCall(Site.Call);
      if (!Spawn || startsNothing(Site.Call))
        continue;
      for (const Stmt *Loop : llvm::reverse(Site.Loops)) {
        std::optional<Trail> Origin = trailOfLoop(Loop);
        if (!Origin)
          continue;
        if (!loopIsLimited(Loop) && !workIsLimited(Site.Call) &&
            !acceptsInLoop(Loop)) {
          Check.diag(callLocation(Site.Call),
                     "'%0' starts work in every iteration of a loop over "
                     "input, with no bound on how much runs at once; acquire "
                     "a semaphore in the loop or join in batches")
              << Spawn->MatchedName << Site.Call->getSourceRange();
          note(*Origin);
        }
        break;
      }
    }
  }

private:
  enum class StepKind { Parameter, Member, Initialized, Grown, Awaited };
  struct Step {
    StepKind Kind;
    const NamedDecl *Decl;
    SourceLocation Loc;
  };
  /// How a size comes from input, from the use to the origin.
  using Trail = llvm::SmallVector<Step, 3>;

  static std::optional<Trail> prepend(Step First, std::optional<Trail> Rest) {
    if (!Rest)
      return std::nullopt;
    Rest->insert(Rest->begin(), First);
    return Rest;
  }

  std::optional<Trail> trailOfDecl(const ValueDecl *Decl) {
    if (!Decl || utils::hasFixedSize(Decl->getType()))
      return std::nullopt;
    if (const auto *Parm = dyn_cast<ParmVarDecl>(Decl)) {
      // The command line is written by whoever starts the program.
      if (const auto *Function = dyn_cast<FunctionDecl>(Parm->getDeclContext());
          Function && Function->isMain())
        return std::nullopt;
      // helper(4): every caller in the file gives a constant.
      if (Check.Callers.fixedAtEveryCall(*Parm, Context))
        return std::nullopt;
      return Trail{{StepKind::Parameter, Decl, Decl->getLocation()}};
    }
    if (isa<FieldDecl>(Decl))
      return Trail{{StepKind::Member, Decl, Decl->getLocation()}};
    const auto *Var = dyn_cast<VarDecl>(Decl);
    auto Local = Var ? Scan.Locals.find(Var) : Scan.Locals.end();
    if (Local == Scan.Locals.end() || !Visiting.insert(Var).second)
      return std::nullopt;
    std::optional<Trail> Result;
    if (const Expr *Init = Var->getInit();
        Init && !utils::isFixedSizeInitializer(Init))
      Result = prepend({StepKind::Initialized, Var, Var->getLocation()},
                       trailOfExpr(Init));
    if (!Result)
      Result = trailOfGrowth(Var, Local->second);
    Visiting.erase(Var);
    return Result;
  }

  /// The container gets an element in a loop over input, declared outside
  /// the loop, and the element's work does not limit itself.
  std::optional<Trail> trailOfGrowth(const VarDecl *Var,
                                     llvm::ArrayRef<const Stmt *> DeclaredIn) {
    for (const CallSite &Site : Scan.Calls) {
      const auto *Member = dyn_cast<CXXMemberCallExpr>(Site.Call);
      if (!Member ||
          utils::namedObject(Member->getImplicitObjectArgument()) != Var ||
          !Check.GrowthFunctions.matchCall(Member))
        continue;
      for (const Stmt *Loop : llvm::reverse(Site.Loops)) {
        if (llvm::is_contained(DeclaredIn, Loop))
          break;
        std::optional<Trail> Origin = trailOfLoop(Loop);
        if (!Origin)
          continue;
        if (loopIsLimited(Loop) || workIsLimited(Member))
          break;
        return prepend({StepKind::Grown, Var, callLocation(Member)},
                       std::move(Origin));
      }
    }
    return std::nullopt;
  }

  std::optional<Trail> trailOfExpr(const Expr *E) {
    if (!E || isa<LambdaExpr>(E) || utils::isFixedSizeInitializer(E))
      return std::nullopt;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return trailOfDecl(dyn_cast<VarDecl>(Ref->getDecl()));
    if (const auto *Member = dyn_cast<MemberExpr>(E);
        Member && isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
      return trailOfDecl(dyn_cast<FieldDecl>(Member->getMemberDecl()));
    // std::min(input, 8) is bounded by its other argument.
    if (const auto *Call = dyn_cast<CallExpr>(E); Call && isStdMin(*Call)) {
      std::optional<Trail> First;
      for (const Expr *Arg : Call->arguments()) {
        std::optional<Trail> Origin = trailOfExpr(Arg);
        if (!Origin)
          return std::nullopt;
        if (!First)
          First = std::move(Origin);
      }
      return First;
    }
    for (const Stmt *Child : E->children())
      if (const auto *ChildExpr = dyn_cast_or_null<Expr>(Child))
        if (std::optional<Trail> Origin = trailOfExpr(ChildExpr))
          return Origin;
    return std::nullopt;
  }

  static bool inCondition(const Stmt *Loop, const CoawaitExpr *Await) {
    auto [Cond, CondVar] = utils::loopHead(Loop);
    auto Same = [&](const CoawaitExpr &A) { return &A == Await; };
    return findIn<CoawaitExpr>(Cond, Same) ||
           (CondVar && findIn<CoawaitExpr>(CondVar->getInit(), Same));
  }

  std::optional<Trail> trailOfLoop(const Stmt *Loop) {
    if (const auto *RangeFor = dyn_cast<CXXForRangeStmt>(Loop))
      return trailOfExpr(RangeFor->getRangeInit());
    auto [Cond, CondVar] = utils::loopHead(Loop);
    if (!Cond)
      return std::nullopt;
    // A loop that runs for as long as a stream yields items.
    for (const Expr *Evaluated : {CondVar ? CondVar->getInit() : nullptr, Cond})
      if (const CoawaitExpr *Await = findIn<CoawaitExpr>(
              Evaluated, [](const CoawaitExpr &A) { return !A.isImplicit(); }))
        return Trail{{StepKind::Awaited, nullptr, Await->getKeywordLoc()}};
    llvm::SmallVector<const Expr *, 2> Parts;
    conjuncts(Cond, Parts);
    // i < 8 bounds the loop whatever the other conditions say.
    for (const Expr *Part : Parts) {
      const Expr *LHS = nullptr, *RHS = nullptr;
      if (isComparison(Part, LHS, RHS) && !trailOfExpr(LHS) &&
          !trailOfExpr(RHS))
        return std::nullopt;
    }
    for (const Expr *Part : Parts)
      if (std::optional<Trail> Origin = trailOfExpr(Part))
        return Origin;
    return std::nullopt;
  }

  /// co_spawn(ex, work, asio::deferred) makes an operation that starts only
  /// when it is awaited or launched.
  bool startsNothing(const CallExpr *Call) {
    return llvm::any_of(Call->arguments(), [&](const Expr *Arg) {
      return !Arg->isTypeDependent() &&
             Check.LazyTokens.matchTypeOrTemplateArguments(Arg->getType());
    });
  }

  bool isLimiter(QualType Type) {
    return !Type.isNull() && !Type->isDependentType() &&
           Check.LimiterTypes.matchType(Type).has_value();
  }

  /// An await in the loop that bounds how much runs at once: a limiter's
  /// operation, a join or gather (batches), or a started task's handle.
  bool loopIsLimited(const Stmt *Loop) {
    for (const AwaitSite &Site : Scan.Awaits) {
      // An await in the condition yields the loop's input (q.pop()); it
      // does not wait for the work to finish.
      if (!llvm::is_contained(Site.Loops, Loop) ||
          inCondition(Loop, Site.Await))
        continue;
      const Expr *Operand = Site.Await->getOperand();
      if (!Operand->isTypeDependent() &&
          Check.WorkHandleTypes.matchType(Operand->getType()))
        return true;
      if (findIn<CallExpr>(Operand, [&](const CallExpr &Call) {
            if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
                Member && isLimiter(Member->getObjectType()))
              return true;
            return Check.JoinFunctions.matchCall(&Call).has_value() ||
                   Check.GatherFunctions.matchCall(&Call).has_value();
          }))
        return true;
    }
    return false;
  }

  /// An accept loop starts one task per connection as peers connect: the
  /// rate is the peers', not a range's size given at once.
  bool acceptsInLoop(const Stmt *Loop) {
    return llvm::any_of(Scan.Awaits, [&](const AwaitSite &Site) {
      return llvm::is_contained(Site.Loops, Loop) &&
             findIn<CallExpr>(
                 Site.Await->getOperand(), [&](const CallExpr &Call) {
                   return Check.AcceptFunctions.matchCall(&Call).has_value();
                 });
    });
  }

  /// True when a body uses a limiter (awaits sem.acquire(), builds a guard).
  bool bodyUsesLimiter(const FunctionDecl *Function) {
    if (!Function || !Function->hasBody())
      return false;
    const FunctionDecl *Definition = nullptr;
    const Stmt *Body = Function->getBody(Definition);
    if (const Stmt *Coroutine = utils::userWrittenCoroutineBody(*Definition))
      Body = Coroutine;
    auto UsesLimiter = [&](const Expr &E) {
      if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&E))
        return isLimiter(Member->getObjectType());
      if (const auto *Ref = dyn_cast<DeclRefExpr>(&E))
        return isLimiter(Ref->getType());
      return false;
    };
    return findIn<Expr>(Body, UsesLimiter) != nullptr;
  }

  /// The work a call starts (or stores) limits itself: it is given a
  /// limiter, or its body uses one.
  bool workIsLimited(const CallExpr *Call) {
    for (const Expr *Arg : Call->arguments()) {
      if (!Arg->isTypeDependent() && isLimiter(Arg->getType()))
        return true;
      const Expr *Work = utils::skipObjectWrappers(Arg);
      if (const auto *Lambda = dyn_cast<LambdaExpr>(Work)) {
        if (bodyUsesLimiter(Lambda->getCallOperator()))
          return true;
        continue;
      }
      const auto *Started = dyn_cast<CallExpr>(Work);
      if (!Started)
        continue;
      for (const Expr *StartedArg : Started->arguments())
        if (!StartedArg->isTypeDependent() && isLimiter(StartedArg->getType()))
          return true;
      if (bodyUsesLimiter(Started->getDirectCallee()))
        return true;
    }
    return false;
  }

  void note(const Trail &Origin) {
    for (const Step &S : Origin) {
      switch (S.Kind) {
      case StepKind::Parameter:
        Check.diag(S.Loc, "%0 comes from the caller", DiagnosticIDs::Note)
            << S.Decl;
        break;
      case StepKind::Member:
        Check.diag(S.Loc, "%0 is a member, filled outside this function",
                   DiagnosticIDs::Note)
            << S.Decl;
        break;
      case StepKind::Initialized:
        Check.diag(S.Loc, "%0 is initialized from input here",
                   DiagnosticIDs::Note)
            << S.Decl;
        break;
      case StepKind::Grown:
        Check.diag(S.Loc,
                   "%0 gets an element in every iteration of a loop over "
                   "input here",
                   DiagnosticIDs::Note)
            << S.Decl;
        break;
      case StepKind::Awaited:
        Check.diag(S.Loc,
                   "the loop runs for as long as this await yields input",
                   DiagnosticIDs::Note);
        break;
      }
    }
  }

  UnboundedGatherCheck &Check;
  const BodyScanner &Scan;
  ASTContext &Context;
  llvm::SmallPtrSet<const VarDecl *, 4> Visiting;
};

UnboundedGatherCheck::UnboundedGatherCheck(StringRef Name,
                                           ClangTidyContext *Context)
    : FunctionCheck(Name, Context), RuleOptions(Name, Options, Context) {
  const catalog::Catalog &Catalog = RuleOptions.catalog();
  RuleOptions.addApis(GatherFunctions, api_kind::RangeGatherFunctions,
                      option::ExtraGatherFunctions);
  for (rules::ApiKindName Kind :
       {api_kind::TrackedSpawnFunctions, api_kind::EagerSpawnFunctions,
        api_kind::DetachingFunctions, api_kind::HandlerSpawnFunctions})
    SpawnFunctions.addKind(Catalog, Kind);
  SpawnFunctions.addNames(RuleOptions.list(option::ExtraSpawnFunctions));
  JoinFunctions.addKind(Catalog, api_kind::JoinFunctions);
  AcceptFunctions.addKind(Catalog, api_kind::NetworkAcceptFunctions);
  GrowthFunctions.addKind(Catalog, api_kind::ContainerGrowthFunctions);
  RuleOptions.addApis(LimiterTypes, api_kind::ConcurrencyLimiterTypes,
                      option::ExtraLimiterTypes);
  WorkHandleTypes.addKind(Catalog, api_kind::WorkHandleTypes);
  LazyTokens.addKind(Catalog, api_kind::LazyCompletionTokens);
}

void UnboundedGatherCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  RuleOptions.store(Options, Opts);
}

void UnboundedGatherCheck::registerMatchers(MatchFinder *Finder) {
  matchDefinitions(Finder, utils::Definitions::Functions);
}

void UnboundedGatherCheck::check(const MatchFinder::MatchResult &Result) {
  const FunctionDecl *Function = analysedInstantiation(Result);
  if (!Function)
    return;
  const Stmt *Body = utils::userWrittenCoroutineBody(*Function);
  if (!Body)
    Body = Function->getBody();
  BodyScanner Scan;
  Scan.TraverseStmt(const_cast<Stmt *>(Body));
  UnboundedGatherAnalysis(*this, Scan, *Result.Context).run();
}

void UnboundedGatherCheck::onEndOfTranslationUnit() { Callers.reset(); }

} // namespace clang::tidy::async
