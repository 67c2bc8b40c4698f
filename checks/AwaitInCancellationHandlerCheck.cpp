//===--- AwaitInCancellationHandlerCheck.cpp ------------------------------===//
//
// async-await-in-cancellation-handler
//
//===----------------------------------------------------------------------===//

#include "AwaitInCancellationHandlerCheck.h"
#include "utils/CFGReachability.h"
#include "utils/CoroutineUtils.h"
#include "utils/NamedObjects.h"
#include "utils/StmtHelpers.h"
#include "utils/TimeoutBounds.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace {

using Step = utils::BodyCFG::Step;

bool isSuspensionPoint(const Stmt *S) {
  if (const auto *Await = dyn_cast<CoawaitExpr>(S))
    return !Await->isImplicit();
  return isa<CoyieldExpr, DependentCoawaitExpr>(S);
}

/// Whether the coroutine itself evaluates a suspension point in S.
class SuspensionPointFinder
    : public RecursiveASTVisitor<SuspensionPointFinder> {
public:
  bool Found = false;

  bool shouldVisitImplicitCode() const { return false; }
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }
  bool VisitStmt(Stmt *S) {
    Found |= isSuspensionPoint(S);
    return !Found;
  }
};

/// What the coroutine itself evaluates; lambdas and local classes are
/// coroutines or functions of their own.
class BodyCollector : public RecursiveASTVisitor<BodyCollector> {
public:
  llvm::SmallVector<const CXXTryStmt *, 4> Tries;
  llvm::SmallVector<const IfStmt *, 8> Ifs;
  llvm::DenseSet<const Stmt *> Awaits;

  bool shouldVisitImplicitCode() const { return false; }
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }
  bool TraverseFunctionDecl(FunctionDecl *) { return true; }
  bool TraverseCXXMethodDecl(CXXMethodDecl *) { return true; }

  bool VisitCXXTryStmt(CXXTryStmt *Try) {
    Tries.push_back(Try);
    return true;
  }
  bool VisitIfStmt(IfStmt *If) {
    Ifs.push_back(If);
    return true;
  }
  bool VisitCoawaitExpr(CoawaitExpr *Await) {
    if (!Await->isImplicit())
      Awaits.insert(Await);
    return true;
  }
};

/// Whether the translation unit declares the entity a qualified name
/// without wildcards names.
bool declares(const ASTContext &Context, StringRef QualifiedName) {
  if (QualifiedName.find_first_of("*?{[") != StringRef::npos)
    return false;
  llvm::SmallVector<StringRef, 4> Parts;
  QualifiedName.split(Parts, "::");
  const DeclContext *Scope = Context.getTranslationUnitDecl();
  for (size_t I = 0; I < Parts.size(); ++I) {
    // A name the translation unit never spelled declares nothing.
    auto Ident = Context.Idents.find(Parts[I]);
    if (Ident == Context.Idents.end())
      return false;
    DeclContextLookupResult Found = Scope->lookup(Ident->getValue());
    if (Found.empty())
      return false;
    if (I + 1 == Parts.size())
      return true;
    const NamedDecl *Next = Found.front();
    if (const auto *Namespace = dyn_cast<NamespaceDecl>(Next))
      Scope = Namespace;
    else if (const auto *Record = dyn_cast<CXXRecordDecl>(Next))
      Scope = Record;
    else
      return false;
  }
  return false;
}

/// How the awaited expression is named in the diagnostic.
enum class Awaited { Named, Lambda, Unnamed };

std::pair<Awaited, const NamedDecl *> awaitedEntity(const Expr *Operand) {
  Operand = utils::skipObjectWrappers(Operand);
  if (const auto *Call = dyn_cast<CallExpr>(Operand);
      Call && !isa<CXXOperatorCallExpr>(Call)) {
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      return {Awaited::Named, Callee};
  } else if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Operand);
             Operator && Operator->getOperator() == OO_Call) {
    if (const auto *Method =
            dyn_cast_or_null<CXXMethodDecl>(Operator->getDirectCallee());
        Method && Method->getParent()->isLambda())
      return {Awaited::Lambda, nullptr};
    if (const ValueDecl *Object = utils::namedObject(Operator->getArg(0)))
      return {Awaited::Named, Object};
  } else if (const ValueDecl *Object = utils::namedObject(Operand)) {
    return {Awaited::Named, Object};
  }
  return {Awaited::Unnamed, nullptr};
}

} // namespace

AwaitInCancellationHandlerCheck::AwaitInCancellationHandlerCheck(
    StringRef Name, ClangTidyContext *Context)
    : FunctionCheck(Name, Context), RuleOptions(Name, Options) {
  auto FillNames = [&](utils::NameSet &Names, StringRef Kind,
                       StringRef ExtraOption) {
    Names.addKind(Kind);
    for (const std::string &Extra : RuleOptions.list(ExtraOption))
      Names.add(Extra);
  };
  FillNames(CancellationExceptions, "cancellation-exceptions",
            "ExtraCancellationExceptions");
  FillNames(CancellationErrorCodes, "cancellation-error-codes",
            "ExtraCancellationErrorCodes");
  FillNames(ImmediateAwaitables, "immediate-awaitables",
            "ExtraImmediateAwaitables");

  auto FillCalls = [&](utils::ApiMatcher &Matcher, StringRef Kind,
                       StringRef ExtraOption, std::vector<std::string> *Names) {
    for (const catalog::ApiEntry *Entry :
         catalog::builtinCatalog().apis(Kind.str())) {
      Matcher.add(*Entry, 0);
      if (Names)
        Names->push_back(Entry->QualifiedName);
    }
    for (const std::string &Extra : RuleOptions.list(ExtraOption)) {
      Matcher.addName(Extra, 0);
      if (Names)
        Names->push_back(StringRef(Extra).ltrim(':').str());
    }
  };
  FillCalls(Shields, "cancellation-shields", "ExtraCancellationShields",
            &ShieldNames);
  FillCalls(TimeoutWrappers, "timeout-wrappers", "ExtraTimeoutWrappers",
            &TimeoutNames);
  FillCalls(TimerWaits, "timer-waits", "ExtraTimerWaits", nullptr);
}

void AwaitInCancellationHandlerCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  RuleOptions.store(Options, Opts);
}

void AwaitInCancellationHandlerCheck::registerMatchers(MatchFinder *Finder) {
  matchDefinitions(Finder, utils::Definitions::Coroutines);
}

void AwaitInCancellationHandlerCheck::resolveTranslationUnit(
    ASTContext &Context) {
  if (ResolvedIn == &Context)
    return;
  ResolvedIn = &Context;
  CancellationClasses = CancellationExceptions.definitionsIn(Context);
  auto FirstDeclared = [&](const std::vector<std::string> &Names) {
    for (const std::string &Name : Names)
      if (declares(Context, Name))
        return Name;
    return std::string();
  };
  ShieldInScope = FirstDeclared(ShieldNames);
  TimeoutInScope = FirstDeclared(TimeoutNames);
}

bool AwaitInCancellationHandlerCheck::isCancellationClass(
    const CXXRecordDecl *Record) const {
  if (!Record)
    return false;
  if (CancellationExceptions.containsDecl(Record))
    return true;
  for (const CXXRecordDecl *Class : CancellationClasses)
    if (Class->getCanonicalDecl() == Record->getCanonicalDecl() ||
        Record->isDerivedFrom(Class))
      return true;
  return false;
}

bool AwaitInCancellationHandlerCheck::namesCancellationCode(
    const Expr *E) const {
  llvm::SmallVector<const Stmt *, 8> Stack{E};
  while (!Stack.empty()) {
    const Stmt *S = Stack.pop_back_val();
    if (!S)
      continue;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
      if (CancellationErrorCodes.containsDecl(Ref->getDecl()))
        return true;
    for (const Stmt *Child : S->children())
      Stack.push_back(Child);
  }
  return false;
}

AwaitInCancellationHandlerCheck::Test
AwaitInCancellationHandlerCheck::cancellationTest(const Stmt *Condition) const {
  bool Negated = false;
  const Expr *E = utils::testedValue(Condition, Negated);
  if (!E)
    return Test::None;
  auto Result = [](bool CancelledWhenTrue) {
    return CancelledWhenTrue ? Test::CancelledWhenTrue
                             : Test::CancelledWhenFalse;
  };

  if (isa<CXXDynamicCastExpr>(E))
    return isCancellationClass(utils::dynamicCastTarget(E)) ? Result(!Negated)
                                                            : Test::None;

  std::optional<utils::Equality> Compare = utils::equalityComparison(E);
  if (!Compare)
    return Test::None;
  if (!namesCancellationCode(Compare->LHS) &&
      !namesCancellationCode(Compare->RHS))
    return Test::None;
  return Result(Compare->Equal != Negated);
}

bool AwaitInCancellationHandlerCheck::isProtected(const Expr *Operand) {
  Operand = utils::skipObjectWrappers(Operand);
  // Nothing to cancel or wait for: asio::this_coro::executor.
  if (const CXXRecordDecl *Type = utils::recordOf(Operand->getType());
      Type && ImmediateAwaitables.containsDecl(Type))
    return true;
  // `auto cleanup = aio::shield(flush()); co_await std::move(cleanup);`
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Operand))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Var->hasLocalStorage() && Var->getInit())
      Operand = utils::skipObjectWrappers(Var->getInit());
  if (const auto *Call = dyn_cast<CallExpr>(Operand))
    if (Shields.matchCall(Call) || TimeoutWrappers.matchCall(Call))
      return true;
  // asio's awaitable operators: cleanup || timer.async_wait(...) ends when
  // the timer does.
  return utils::racesTimer(Operand, TimerWaits);
}

/// The variables a handler sets to carry what it caught past its end:
/// `ep = std::current_exception();`, `cancelled = true;`.
llvm::SmallPtrSet<const ValueDecl *, 2>
AwaitInCancellationHandlerCheck::carriers(const CXXCatchStmt *Handler) {
  llvm::SmallPtrSet<const ValueDecl *, 2> Carriers;
  for (const Stmt *S : utils::statementsOf(Handler->getHandlerBlock()))
    if (const ValueDecl *Target = utils::assignedObject(S))
      Carriers.insert(Target);
  return Carriers;
}

std::optional<bool> AwaitInCancellationHandlerCheck::carrierTest(
    const Stmt *Condition,
    const llvm::SmallPtrSetImpl<const ValueDecl *> &Carriers) {
  const auto *E = dyn_cast_or_null<Expr>(Condition);
  bool Negated = false;
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E)) {
      E = Cleanups->getSubExpr();
    } else if (const auto *Not = dyn_cast<UnaryOperator>(E);
               Not && Not->getOpcode() == UO_LNot) {
      Negated = !Negated;
      E = Not->getSubExpr();
    } else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E);
               Member &&
               isa_and_nonnull<CXXConversionDecl>(Member->getMethodDecl())) {
      // `if (ep)`: std::exception_ptr's explicit operator bool.
      E = Member->getImplicitObjectArgument();
    } else {
      break;
    }
  }
  if (!E)
    return std::nullopt;
  // `ep != nullptr`, `ep == nullptr`.
  const Expr *LHS = nullptr, *RHS = nullptr;
  bool Equal = false;
  if (const auto *Binary = dyn_cast<BinaryOperator>(E);
      Binary && Binary->isEqualityOp()) {
    LHS = Binary->getLHS();
    RHS = Binary->getRHS();
    Equal = Binary->getOpcode() == BO_EQ;
  } else if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E);
             Operator && Operator->getNumArgs() == 2 &&
             (Operator->getOperator() == OO_EqualEqual ||
              Operator->getOperator() == OO_ExclaimEqual)) {
    LHS = Operator->getArg(0);
    RHS = Operator->getArg(1);
    Equal = Operator->getOperator() == OO_EqualEqual;
  } else if (const auto *Rewritten = dyn_cast<CXXRewrittenBinaryOperator>(E);
             Rewritten && (Rewritten->getOpcode() == BO_EQ ||
                           Rewritten->getOpcode() == BO_NE)) {
    LHS = Rewritten->getLHS();
    RHS = Rewritten->getRHS();
    Equal = Rewritten->getOpcode() == BO_EQ;
  }
  if (LHS) {
    auto IsNull = [](const Expr *Side) {
      return isa<CXXNullPtrLiteralExpr, GNUNullExpr>(
          utils::skipObjectWrappers(Side));
    };
    if (IsNull(RHS))
      E = LHS;
    else if (IsNull(LHS))
      E = RHS;
    else
      return std::nullopt;
    Negated ^= Equal;
  }
  const ValueDecl *Tested = utils::namedObject(E);
  if (!Tested || !Carriers.contains(Tested))
    return std::nullopt;
  return !Negated;
}

bool AwaitInCancellationHandlerCheck::isRethrow(
    const Stmt &S,
    const llvm::SmallPtrSetImpl<const ValueDecl *> &Carriers) const {
  if (const auto *Throw = dyn_cast<CXXThrowExpr>(&S)) {
    const Expr *Thrown = Throw->getSubExpr();
    return !Thrown || isCancellationClass(utils::recordOf(Thrown->getType()));
  }
  // std::rethrow_exception(ep) with what the handler kept.
  if (const auto *Call = dyn_cast<CallExpr>(&S))
    for (const Expr *Arg : Call->arguments())
      if (const ValueDecl *Object = utils::namedObject(Arg);
          Object && Carriers.contains(Object))
        return true;
  return false;
}

void AwaitInCancellationHandlerCheck::check(
    const MatchFinder::MatchResult &Result) {
  const auto *Coroutine =
      Result.Nodes.getNodeAs<FunctionDecl>(utils::AnalysedFunction);
  // A template is analysed in its instantiations, where types are known.
  if (Coroutine->isDependentContext())
    return;
  const Stmt *Body = utils::userWrittenCoroutineBody(*Coroutine);
  BodyCollector Collector;
  Collector.TraverseStmt(const_cast<Stmt *>(Body));
  if (Collector.Awaits.empty())
    return;
  resolveTranslationUnit(*Result.Context);
  const SourceManager &SM = *Result.SourceManager;
  const LangOptions &LangOpts = Result.Context->getLangOpts();

  // Where the coroutine handles a cancellation. C++ allows no co_await in a
  // handler, so a handler keeps what it caught (an exception_ptr, a flag)
  // and the cleanup follows the try statement, up to a rethrow; asio's
  // error-code form handles it in the branch of a test.
  struct CancellationPath {
    const CFGBlock *Entry;
    SourceLocation NoteAt;
    bool Caught;
    /// Handler form: the try block (a path that goes back into it starts
    /// a new attempt) and the variables the handler set.
    const Stmt *TryBlock = nullptr;
    llvm::SmallPtrSet<const ValueDecl *, 2> Carriers;
    /// Error-code form: the branch the path stays within.
    const Stmt *Branch = nullptr;
  };
  llvm::SmallVector<CancellationPath, 4> Paths;

  std::unique_ptr<utils::BodyCFG> Graph;
  auto BuildGraph = [&] {
    if (!Graph)
      Graph = utils::BodyCFG::build(Coroutine, Body, *Result.Context);
    return Graph != nullptr;
  };

  // Inner try statements first, so that an await that follows nested
  // handlers is attributed to the innermost one.
  for (const CXXTryStmt *Try : llvm::reverse(Collector.Tries)) {
    SuspensionPointFinder Finder;
    Finder.TraverseStmt(const_cast<CompoundStmt *>(Try->getTryBlock()));
    if (!Finder.Found)
      continue;
    // Cancellation classes that an earlier handler of the same try already
    // takes never reach a later one.
    llvm::SmallPtrSet<const CXXRecordDecl *, 4> Taken;
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I) {
      const CXXCatchStmt *Handler = Try->getHandler(I);
      QualType Caught = Handler->getCaughtType();
      if (Caught.isNull()) {
        // With the translation unit's cancellation classes all taken, the
        // catch-all sees only other exceptions.
        if (!CancellationClasses.empty() &&
            llvm::all_of(CancellationClasses, [&](const CXXRecordDecl *C) {
              return Taken.contains(C);
            }))
          break;
      } else {
        const CXXRecordDecl *Record = utils::recordOf(Caught);
        if (!Record)
          continue;
        bool SameSeen = false, Takes = false;
        for (const CXXRecordDecl *Class : CancellationClasses) {
          bool Same = Class->getCanonicalDecl() == Record->getCanonicalDecl();
          if (!Same && !Class->isDerivedFrom(Record))
            continue;
          SameSeen |= Same;
          Takes |= Taken.insert(Class).second;
        }
        if (!Takes &&
            (SameSeen || !CancellationExceptions.containsDecl(Record)))
          continue;
      }
      if (TestMacros.wrote(Handler->getCatchLoc(), SM, LangOpts) ||
          !BuildGraph())
        continue;
      if (const CFGBlock *Entry = Graph->handlerEntry(Handler)) {
        CancellationPath Path{Entry, Handler->getCatchLoc(), true};
        Path.TryBlock = Try->getTryBlock();
        Path.Carriers = carriers(Handler);
        Paths.push_back(std::move(Path));
      }
    }
  }

  // asio's error-code form: `if (ec == asio::error::operation_aborted)`.
  for (const IfStmt *If : Collector.Ifs) {
    if (If->isConsteval())
      continue;
    Test T = cancellationTest(If->getCond());
    if (T == Test::None)
      continue;
    const Stmt *Branch =
        T == Test::CancelledWhenTrue ? If->getThen() : If->getElse();
    if (!Branch || TestMacros.wrote(If->getBeginLoc(), SM, LangOpts) ||
        !BuildGraph())
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
      CancellationPath Path{Entry, If->getCond()->getBeginLoc(), false};
      Path.Branch = Branch;
      Paths.push_back(std::move(Path));
    }
  }
  if (Paths.empty())
    return;

  llvm::DenseSet<const Stmt *> Reported;
  for (const CancellationPath &Path : Paths) {
    llvm::DenseSet<const Stmt *> Within, Restart;
    if (Path.Branch)
      Within = utils::statementsOf(Path.Branch);
    if (Path.TryBlock)
      Restart = utils::statementsOf(Path.TryBlock);
    // Code under a test of what the handler kept (`if (ep) { ... }`) runs
    // only for the exception it caught.
    llvm::DenseSet<const Stmt *> UnderCarrierTest;
    if (!Path.Carriers.empty())
      for (const IfStmt *If : Collector.Ifs)
        if (std::optional<bool> WhenTrue =
                carrierTest(If->getCond(), Path.Carriers))
          if (const Stmt *Branch = *WhenTrue ? If->getThen() : If->getElse())
            for (const Stmt *S : utils::statementsOf(Branch))
              UnderCarrierTest.insert(S);

    // Past a test that tells cancellation from other failures, or that
    // tests what the handler kept, only the branch of the caught
    // cancellation is followed.
    auto Follow = [&](const CFGBlock &Block, unsigned Index) {
      const Stmt *Condition = Block.getTerminatorCondition();
      Test T = cancellationTest(Condition);
      if (T != Test::None)
        return Index == (T == Test::CancelledWhenTrue ? 0u : 1u);
      if (std::optional<bool> WhenTrue = carrierTest(Condition, Path.Carriers))
        return Index == (*WhenTrue ? 0u : 1u);
      return true;
    };
    auto Leaves = [&](const Stmt &S) {
      return (Path.Branch && !Within.contains(&S)) || Restart.contains(&S);
    };

    llvm::SmallVector<const CoawaitExpr *, 4> Reached;
    utils::BodyCFG::Search How;
    auto Visit = [&](const Stmt &S) {
      if (Leaves(S) || utils::endsAbnormally(S))
        return Step::Stop;
      if (Collector.Awaits.contains(&S) && !Reported.contains(&S))
        Reached.push_back(cast<CoawaitExpr>(&S));
      return Step::Continue;
    };
    How.Visit = Visit;
    How.Follow = Follow;
    Graph->search({utils::BodyCFG::startOf(Path.Entry)}, How);

    // After a handler, an await belongs to the cancellation's handling when
    // it is under a test of what the handler kept or the cancellation is
    // rethrown after it; otherwise the handler swallowed the cancellation
    // (async-swallowed-cancellation) and the coroutine goes on.
    auto HandlesCancellation = [&](const CoawaitExpr *Await) {
      if (Path.Branch || UnderCarrierTest.contains(Await))
        return true;
      std::optional<utils::BodyCFG::Position> At = Graph->positionOf(Await);
      if (!At)
        return false;
      utils::BodyCFG::Search Rethrown;
      auto Next = [&](const Stmt &S) {
        if (Restart.contains(&S))
          return Step::Stop;
        if (isRethrow(S, Path.Carriers))
          return Step::Found;
        return utils::endsAbnormally(S) ? Step::Stop : Step::Continue;
      };
      Rethrown.Visit = Next;
      Rethrown.Follow = Follow;
      return Graph->search({utils::BodyCFG::after(*At)}, Rethrown);
    };

    llvm::sort(Reached, [&](const CoawaitExpr *A, const CoawaitExpr *B) {
      return SM.isBeforeInTranslationUnit(A->getKeywordLoc(),
                                          B->getKeywordLoc());
    });
    for (const CoawaitExpr *Await : Reached) {
      if (Reported.contains(Await) || !HandlesCancellation(Await))
        continue;
      Reported.insert(Await);
      if (isProtected(Await->getOperand()) ||
          TestMacros.wrote(Await->getKeywordLoc(), SM, LangOpts))
        continue;
      auto [Kind, Entity] = awaitedEntity(Await->getOperand());
      int Advice =
          (ShieldInScope.empty() ? 0 : 1) | (TimeoutInScope.empty() ? 0 : 2);
      {
        auto Diag =
            diag(Await->getKeywordLoc(),
                 "awaiting %select{%1|a lambda|an expression}0 while handling "
                 "cancellation is neither shielded nor bounded; "
                 "%select{shield it or bound it with a timeout|wrap it in "
                 "'%3' or bound it with a timeout|shield it or bound it with "
                 "'%4'|wrap it in '%3' or '%4'}2")
            << static_cast<int>(Kind);
        // The plain name, without the template arguments of a call.
        if (Entity)
          Diag << Entity->getDeclName();
        else
          Diag << "";
        Diag << Advice << ShieldInScope << TimeoutInScope
             << Await->getOperand()->getSourceRange();
      }
      diag(Path.NoteAt,
           Path.Caught ? "cancellation caught here"
                       : "cancellation tested here",
           DiagnosticIDs::Note);
    }
  }
}

} // namespace clang::tidy::async
