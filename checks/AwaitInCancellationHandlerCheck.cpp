//===--- AwaitInCancellationHandlerCheck.cpp ------------------------------===//
//
// async-await-in-cancellation-handler
//
//===----------------------------------------------------------------------===//

#include "AwaitInCancellationHandlerCheck.h"
#include "utils/CFGReachability.h"
#include "utils/CoroutineUtils.h"
#include "utils/NamedObjects.h"
#include "utils/SameFunctionVisitor.h"
#include "utils/StmtHelpers.h"
#include "utils/TimeoutBounds.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace option = rules::option::await_in_cancellation_handler;

namespace {

using Step = utils::BodyCFG::Step;

bool isSuspensionPoint(const Stmt *S) {
  if (const auto *Await = dyn_cast<CoawaitExpr>(S))
    return !Await->isImplicit();
  return isa<CoyieldExpr, DependentCoawaitExpr>(S);
}

/// Whether the coroutine itself evaluates a suspension point in S.
class SuspensionPointFinder
    : public utils::SameFunctionVisitor<SuspensionPointFinder> {
public:
  bool Found = false;

  bool VisitStmt(Stmt *S) {
    Found |= isSuspensionPoint(S);
    return !Found;
  }
};

bool evaluatesSuspensionPoint(const Stmt *S) {
  SuspensionPointFinder Finder;
  Finder.TraverseStmt(const_cast<Stmt *>(S));
  return Finder.Found;
}

/// What the coroutine itself evaluates; lambdas and local classes are
/// coroutines or functions of their own.
class BodyCollector : public utils::SameFunctionVisitor<BodyCollector> {
public:
  BodyCollector(llvm::SmallVectorImpl<const CXXTryStmt *> &Tries,
                llvm::SmallVectorImpl<const IfStmt *> &Ifs,
                llvm::DenseSet<const Stmt *> &Awaits)
      : Tries(Tries), Ifs(Ifs), Awaits(Awaits) {}

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

private:
  llvm::SmallVectorImpl<const CXXTryStmt *> &Tries;
  llvm::SmallVectorImpl<const IfStmt *> &Ifs;
  llvm::DenseSet<const Stmt *> &Awaits;
};

/// The left-hand side of an assignment, as written.
const Expr *assignmentTarget(const Stmt *Assignment) {
  if (const auto *Binary = dyn_cast<BinaryOperator>(Assignment))
    return Binary->getLHS()->IgnoreParenImpCasts();
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Assignment))
    return Operator->getArg(0)->IgnoreParenImpCasts();
  return nullptr;
}

/// Whether a variable starts with a value that tests false: `bool failed =
/// false;`, `std::exception_ptr error;`, `T *p = nullptr;`.
bool startsUnset(const VarDecl &Var, const ASTContext &Context) {
  const Expr *Init = Var.getInit();
  if (!Init || Init->isValueDependent())
    return false;
  Init = Init->IgnoreImplicit();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Init))
    return Construct->getConstructor()->isDefaultConstructor() ||
           (Construct->getNumArgs() == 1 &&
            isa<CXXNullPtrLiteralExpr>(
                Construct->getArg(0)->IgnoreParenImpCasts()));
  bool Value = true;
  return Init->EvaluateAsBooleanCondition(Value, Context) && !Value;
}

/// Whether Var changes in Body only by the assignments in Allowed: no other
/// assignment, no reference, pointer or lambda capture that changes it.
bool changedOnlyBy(const VarDecl &Var, const Stmt &Body, ASTContext &Context,
                   const llvm::DenseSet<const Stmt *> &Allowed) {
  llvm::DenseSet<const Stmt *> Statements = utils::statementsOf(&Body);
  llvm::DenseSet<const Expr *> Targets;
  for (const Stmt *S : Statements)
    if (utils::assignedObject(S) == &Var) {
      if (!Allowed.contains(S))
        return false;
      Targets.insert(assignmentTarget(S));
    }
  ExprMutationAnalyzer Mutations(Body, Context);
  for (const Stmt *S : Statements)
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S);
        Ref && Ref->getDecl() == &Var && !Targets.contains(Ref) &&
        Mutations.isMutated(Ref))
      return false;
  return true;
}

/// Whether a value that Assignments give Var can reach Try again: a loop
/// around the try statement carries what one attempt set into the next,
/// unless Var is declared anew in between.
bool reachesTryAgain(const utils::BodyCFG &Graph, const VarDecl &Var,
                     const CXXTryStmt &Try,
                     llvm::ArrayRef<const Stmt *> Assignments) {
  llvm::SmallVector<utils::BodyCFG::Position, 2> Starts;
  for (const Stmt *Assignment : Assignments) {
    std::optional<utils::BodyCFG::Position> At = Graph.positionOf(Assignment);
    if (!At)
      return true;
    Starts.push_back(utils::BodyCFG::after(*At));
  }
  auto Visit = [&](const Stmt &S) {
    if (&S == &Try)
      return Step::Found;
    if (const auto *Declaration = dyn_cast<DeclStmt>(&S);
        Declaration && llvm::any_of(Declaration->decls(),
                                    [&](const Decl *D) { return D == &Var; }))
      return Step::Stop;
    return Step::Continue;
  };
  utils::BodyCFG::Search How;
  How.Visit = Visit;
  How.ThroughHandlers = true;
  return Graph.search(Starts, How);
}

/// Flags that only the other handlers of Try set (`catch (...) { failed =
/// true; }`), from a value that tests false: on the path of Handler they
/// still hold it, so `if (failed) co_await cleanup();` is not taken there.
llvm::SmallPtrSet<const ValueDecl *, 2>
otherFailureFlags(const Stmt &Body, ASTContext &Context,
                  const utils::BodyCFG &Graph, const CXXTryStmt &Try,
                  const CXXCatchStmt &Handler,
                  const llvm::SmallPtrSetImpl<const ValueDecl *> &Carriers) {
  llvm::DenseSet<const Stmt *> InOtherHandlers;
  llvm::MapVector<const VarDecl *, llvm::SmallVector<const Stmt *, 2>>
      Assignments;
  for (unsigned I = 0; I < Try.getNumHandlers(); ++I) {
    if (Try.getHandler(I) == &Handler)
      continue;
    for (const Stmt *S : utils::statementsOf(Try.getHandler(I))) {
      InOtherHandlers.insert(S);
      if (const auto *Var = dyn_cast_or_null<VarDecl>(utils::assignedObject(S)))
        Assignments[Var].push_back(S);
    }
  }
  llvm::SmallPtrSet<const ValueDecl *, 2> Flags;
  for (const auto &[Var, Sites] : Assignments)
    if (!Carriers.contains(Var) && Var->hasLocalStorage() &&
        !isa<ParmVarDecl>(Var) && startsUnset(*Var, Context) &&
        changedOnlyBy(*Var, Body, Context, InOtherHandlers) &&
        !reachesTryAgain(Graph, *Var, Try, Sites))
      Flags.insert(Var);
  return Flags;
}

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
    : FunctionCheck(Name, Context), RuleOptions(Name, Options, Context) {
  auto FillNames = [&](utils::QualifiedNameMatcher &Names,
                       rules::ApiKindName Kind, rules::OptionName ExtraOption) {
    Names.addKind(RuleOptions.catalog(), Kind);
    for (const std::string &Extra : RuleOptions.list(ExtraOption))
      Names.addName(Extra);
  };
  FillNames(CancellationExceptions, api_kind::CancellationExceptions,
            option::ExtraCancellationExceptions);
  FillNames(CancellationErrorCodes, api_kind::CancellationErrorCodes,
            option::ExtraCancellationErrorCodes);
  FillNames(ImmediateAwaitables, api_kind::ImmediateAwaitables,
            option::ExtraImmediateAwaitables);
  NonThrowingCancellationTasks.addKind(
      RuleOptions.catalog(), api_kind::NonThrowingCancellationTaskTypes);

  auto FillCalls = [&](utils::QualifiedNameMatcher &Matcher,
                       rules::ApiKindName Kind, rules::OptionName ExtraOption,
                       std::vector<std::string> *Names) {
    for (const catalog::ApiEntry *Entry : RuleOptions.apis(Kind)) {
      Matcher.addEntry(*Entry, 0);
      if (Names)
        Names->push_back(Entry->QualifiedName);
    }
    for (const std::string &Extra : RuleOptions.list(ExtraOption)) {
      Matcher.addName(Extra, 0);
      if (Names)
        Names->push_back(StringRef(Extra).ltrim(':').str());
    }
  };
  FillCalls(Shields, api_kind::CancellationShields,
            option::ExtraCancellationShields, &ShieldNames);
  FillCalls(TimeoutWrappers, api_kind::TimeoutWrappers,
            option::ExtraTimeoutWrappers, &TimeoutNames);
  FillCalls(TimerWaits, api_kind::TimerWaits, option::ExtraTimerWaits, nullptr);
  FillCalls(ExecutorHops, api_kind::ExecutorHops, option::ExtraExecutorHops,
            nullptr);
  FillCalls(CancellationDisablers, api_kind::CancellationDisablers,
            option::ExtraCancellationDisablers, nullptr);
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
  if (CancellationExceptions.matchesDecl(Record))
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
      if (CancellationErrorCodes.matchesDecl(Ref->getDecl()))
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
      Type && ImmediateAwaitables.matchesDecl(Type))
    return true;
  // `auto cleanup = aio::shield(flush()); co_await std::move(cleanup);`
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Operand))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Var->hasLocalStorage() && Var->getInit())
      Operand = utils::skipObjectWrappers(Var->getInit());
  // A hop to another thread (`co_await pool.schedule()`) is no cleanup.
  if (const auto *Call = dyn_cast<CallExpr>(Operand))
    if (Shields.matchCall(Call) || TimeoutWrappers.matchCall(Call) ||
        ExecutorHops.matchCall(Call))
      return true;
  // asio's awaitable operators: cleanup || timer.async_wait(...) ends when
  // the timer does.
  return utils::racesTimer(Operand, TimerWaits);
}

bool AwaitInCancellationHandlerCheck::disablesCancellation(const Stmt &S) {
  const auto *Await = dyn_cast<CoawaitExpr>(&S);
  if (!Await || Await->isImplicit())
    return false;
  const auto *Call =
      dyn_cast<CallExpr>(utils::skipObjectWrappers(Await->getOperand()));
  return Call && CancellationDisablers.matchCall(Call);
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
      Side = utils::skipObjectWrappers(Side);
      // libstdc++ compares two exception_ptrs: nullptr is converted.
      if (const auto *Construct = dyn_cast<CXXConstructExpr>(Side);
          Construct && Construct->getNumArgs() == 1)
        Side = Construct->getArg(0)->IgnoreParenImpCasts();
      return isa<CXXNullPtrLiteralExpr, GNUNullExpr>(Side);
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

/// What the coroutine itself evaluates, and its CFG once a path that
/// handles cancellation needs it.
struct AwaitInCancellationHandlerCheck::CoroutineBody {
  CoroutineBody(const FunctionDecl &Function, ASTContext &Context)
      : Function(Function), Body(utils::userWrittenCoroutineBody(Function)),
        Context(Context), SM(Context.getSourceManager()),
        LangOpts(Context.getLangOpts()) {
    BodyCollector(Tries, Ifs, Awaits).TraverseStmt(const_cast<Stmt *>(Body));
  }

  const utils::BodyCFG *graph() {
    if (!Graph && !GraphTried) {
      GraphTried = true;
      Graph = utils::BodyCFG::build(&Function, Body, Context);
    }
    return Graph.get();
  }

  const FunctionDecl &Function;
  const Stmt *Body;
  ASTContext &Context;
  const SourceManager &SM;
  const LangOptions &LangOpts;
  llvm::SmallVector<const CXXTryStmt *, 4> Tries;
  llvm::SmallVector<const IfStmt *, 8> Ifs;
  llvm::DenseSet<const Stmt *> Awaits;

private:
  std::unique_ptr<utils::BodyCFG> Graph;
  bool GraphTried = false;
};

/// Where the coroutine handles a cancellation. C++ allows no co_await in a
/// handler, so a handler keeps what it caught (an exception_ptr, a flag) and
/// the cleanup follows the try statement, up to a rethrow; asio's error-code
/// form handles it in the branch of a test.
struct AwaitInCancellationHandlerCheck::CancellationPath {
  const CFGBlock *Entry;
  SourceLocation NoteAt;
  bool Caught;
  /// Handler form: the statements of the try block (a path that goes back
  /// into it starts a new attempt), the variables the handler set, what is
  /// under a test of them, and the flags that only the other handlers of
  /// the try statement set, which still hold their first value here.
  llvm::DenseSet<const Stmt *> Restart;
  llvm::SmallPtrSet<const ValueDecl *, 2> Carriers;
  llvm::DenseSet<const Stmt *> UnderCarrierTest;
  llvm::SmallPtrSet<const ValueDecl *, 2> OtherFailureFlags;
  /// Error-code form: the statements of the branch the path stays within.
  llvm::DenseSet<const Stmt *> Within;

  bool leaves(const Stmt &S) const {
    return (!Caught && !Within.contains(&S)) || Restart.contains(&S);
  }
};

bool AwaitInCancellationHandlerCheck::catchesCancellation(
    const CXXCatchStmt &Handler,
    llvm::SmallPtrSetImpl<const CXXRecordDecl *> &Taken) const {
  QualType Caught = Handler.getCaughtType();
  if (Caught.isNull())
    // With the translation unit's cancellation classes all taken, the
    // catch-all sees only other exceptions.
    return CancellationClasses.empty() ||
           !llvm::all_of(CancellationClasses, [&](const CXXRecordDecl *C) {
             return Taken.contains(C);
           });
  const CXXRecordDecl *Record = utils::recordOf(Caught);
  if (!Record)
    return false;
  bool SameSeen = false, Takes = false;
  for (const CXXRecordDecl *Class : CancellationClasses) {
    bool Same = Class->getCanonicalDecl() == Record->getCanonicalDecl();
    if (!Same && !Class->isDerivedFrom(Record))
      continue;
    SameSeen |= Same;
    Takes |= Taken.insert(Class).second;
  }
  return Takes || (!SameSeen && CancellationExceptions.matchesDecl(Record));
}

void AwaitInCancellationHandlerCheck::addHandlerPaths(
    CoroutineBody &Coroutine,
    llvm::SmallVectorImpl<CancellationPath> &Paths) const {
  // Inner try statements first, so that an await that follows nested
  // handlers is attributed to the innermost one.
  for (const CXXTryStmt *Try : llvm::reverse(Coroutine.Tries)) {
    if (!evaluatesSuspensionPoint(Try->getTryBlock()))
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
      Path.Carriers = carriers(Handler);
      // Code under a test of what the handler kept (`if (ep) { ... }`) runs
      // only for the exception it caught.
      for (const IfStmt *If : Coroutine.Ifs)
        if (std::optional<bool> WhenTrue =
                carrierTest(If->getCond(), Path.Carriers))
          if (const Stmt *Branch = *WhenTrue ? If->getThen() : If->getElse())
            for (const Stmt *S : utils::statementsOf(Branch))
              Path.UnderCarrierTest.insert(S);
      Path.OtherFailureFlags =
          otherFailureFlags(*Coroutine.Body, Coroutine.Context, *Graph, *Try,
                            *Handler, Path.Carriers);
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
  if (std::optional<bool> WhenTrue = carrierTest(Condition, Path.Carriers))
    return Index == (*WhenTrue ? 0u : 1u);
  // Not set on this path: only the branch where the test fails.
  if (std::optional<bool> WhenTrue =
          carrierTest(Condition, Path.OtherFailureFlags))
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

void AwaitInCancellationHandlerCheck::report(const CoawaitExpr *Await,
                                             const CancellationPath &Path) {
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
       Path.Caught ? "cancellation caught here" : "cancellation tested here",
       DiagnosticIDs::Note);
}

void AwaitInCancellationHandlerCheck::check(
    const MatchFinder::MatchResult &Result) {
  const auto *Function =
      Result.Nodes.getNodeAs<FunctionDecl>(utils::AnalysedFunction);
  // A template is analysed in its instantiations, where types are known.
  if (Function->isDependentContext())
    return;
  // A cancelled corral task is never resumed: no handler of it, and no code
  // after one, runs while handling its cancellation.
  if (const CXXRecordDecl *Task = utils::recordOf(Function->getReturnType());
      Task && NonThrowingCancellationTasks.matchesDecl(Task))
    return;
  CoroutineBody Coroutine(*Function, *Result.Context);
  if (Coroutine.Awaits.empty())
    return;
  resolveTranslationUnit(*Result.Context);

  llvm::SmallVector<CancellationPath, 4> Paths;
  addHandlerPaths(Coroutine, Paths);
  addErrorCodePaths(Coroutine, Paths);

  // An await on several paths is judged once, on the first (innermost).
  llvm::DenseSet<const Stmt *> Reported;
  for (const CancellationPath &Path : Paths)
    for (const CoawaitExpr *Await : awaitsHandling(Coroutine, Path, Reported)) {
      Reported.insert(Await);
      if (!isProtected(Await->getOperand()) &&
          !TestMacros.wrote(Await->getKeywordLoc(), Coroutine.SM,
                            Coroutine.LangOpts))
        report(Await, Path);
    }
}

} // namespace clang::tidy::async
