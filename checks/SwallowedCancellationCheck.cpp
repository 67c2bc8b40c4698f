//===--- SwallowedCancellationCheck.cpp - async-swallowed-cancellation ----===//

#include "SwallowedCancellationCheck.h"
#include "utils/CFGReachability.h"
#include "utils/CoroutineUtils.h"
#include "utils/NamedObjects.h"
#include "utils/StmtHelpers.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace {

using Step = utils::BodyCFG::Step;

bool isSuspensionPoint(const Stmt *S) {
  if (const auto *Suspend = dyn_cast<CoroutineSuspendExpr>(S))
    return !isa<CoawaitExpr>(Suspend) ||
           !cast<CoawaitExpr>(Suspend)->isImplicit();
  return false;
}

/// The first suspension point the coroutine itself evaluates in S.
class SuspensionPointFinder
    : public RecursiveASTVisitor<SuspensionPointFinder> {
public:
  const Expr *First = nullptr;

  bool shouldVisitImplicitCode() const { return false; }
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }
  bool VisitStmt(Stmt *S) {
    if (isSuspensionPoint(S))
      First = cast<Expr>(S);
    return First == nullptr;
  }
};

/// What the coroutine itself evaluates; lambdas and local classes are
/// coroutines or functions of their own.
class BodyCollector : public RecursiveASTVisitor<BodyCollector> {
public:
  llvm::SmallVector<const CXXTryStmt *, 4> Tries;
  llvm::SmallVector<const CoawaitExpr *, 8> Awaits;
  llvm::SmallVector<const DecompositionDecl *, 4> Decompositions;

  bool shouldVisitImplicitCode() const { return false; }
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }
  bool TraverseFunctionDecl(FunctionDecl *) { return true; }
  bool TraverseCXXMethodDecl(CXXMethodDecl *) { return true; }

  bool VisitCXXTryStmt(CXXTryStmt *Try) {
    Tries.push_back(Try);
    return true;
  }
  bool VisitCoawaitExpr(CoawaitExpr *Await) {
    if (!Await->isImplicit())
      Awaits.push_back(Await);
    return true;
  }
  bool VisitDecompositionDecl(DecompositionDecl *Decomposition) {
    Decompositions.push_back(Decomposition);
    return true;
  }
};

std::string qualifiedNameOf(const NamedDecl *Decl) {
  llvm::SmallVector<std::string, 2> Names = utils::qualifiedNamesOf(Decl);
  return Names.empty() ? Decl->getNameAsString() : Names.front();
}

const ValueDecl *testedValue(const Expr *E) {
  E = utils::skipObjectWrappers(E);
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E))
    E = utils::skipObjectWrappers(Member->getImplicitObjectArgument());
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Ref->getDecl();
  return nullptr;
}

} // namespace

SwallowedCancellationCheck::SwallowedCancellationCheck(
    StringRef Name, ClangTidyContext *Context)
    : FunctionCheck(Name, Context), RuleOptions(Name, Options) {
  auto Fill = [&](utils::NameSet &Names, StringRef Kind,
                  StringRef ExtraOption) {
    Names.addKind(Kind);
    for (const std::string &Extra : RuleOptions.list(ExtraOption))
      Names.add(Extra);
  };
  Fill(CancellationExceptions, "cancellation-exceptions",
       "ExtraCancellationExceptions");
  Fill(CancellationErrorCodes, "cancellation-error-codes",
       "ExtraCancellationErrorCodes");
  Fill(ErrorCodeTokens, "error-code-completion-tokens",
       "ExtraErrorCodeCompletionTokens");
}

void SwallowedCancellationCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  RuleOptions.store(Options, Opts);
}

void SwallowedCancellationCheck::registerMatchers(MatchFinder *Finder) {
  matchDefinitions(Finder, utils::Definitions::Coroutines);
}

bool SwallowedCancellationCheck::isCancellationClass(
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

const NamedDecl *
SwallowedCancellationCheck::cancellationCodeIn(const Expr *E) const {
  llvm::SmallVector<const Stmt *, 8> Stack{E};
  while (!Stack.empty()) {
    const Stmt *S = Stack.pop_back_val();
    if (!S)
      continue;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
      if (CancellationErrorCodes.containsDecl(Ref->getDecl()))
        return Ref->getDecl();
    for (const Stmt *Child : S->children())
      Stack.push_back(Child);
  }
  return nullptr;
}

std::optional<SwallowedCancellationCheck::CancellationTest>
SwallowedCancellationCheck::cancellationTest(const Stmt *Condition) const {
  bool Negated = false;
  const Expr *E = utils::testedValue(Condition, Negated);
  if (!E)
    return std::nullopt;

  if (isa<CXXDynamicCastExpr>(E)) {
    if (!isCancellationClass(utils::dynamicCastTarget(E)))
      return std::nullopt;
    CancellationTest Test;
    Test.CancelledWhenTrue = !Negated;
    return Test;
  }

  std::optional<utils::Equality> Compare = utils::equalityComparison(E);
  if (!Compare)
    return std::nullopt;
  CancellationTest Test;
  Test.CancelledWhenTrue = Compare->Equal != Negated;
  if ((Test.Code = cancellationCodeIn(Compare->RHS)))
    Test.Tested = testedValue(Compare->LHS);
  else if ((Test.Code = cancellationCodeIn(Compare->LHS)))
    Test.Tested = testedValue(Compare->RHS);
  else
    return std::nullopt;
  return Test;
}

void SwallowedCancellationCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Coroutine =
      Result.Nodes.getNodeAs<FunctionDecl>(utils::AnalysedFunction);
  // A template is analysed in its instantiations, where types are known.
  if (Coroutine->isDependentContext())
    return;
  const Stmt *Body = utils::userWrittenCoroutineBody(*Coroutine);
  BodyCollector Collector;
  Collector.TraverseStmt(const_cast<Stmt *>(Body));
  const SourceManager &SM = *Result.SourceManager;
  const LangOptions &LangOpts = Result.Context->getLangOpts();

  if (ResolvedIn != Result.Context) {
    ResolvedIn = Result.Context;
    CancellationClasses = CancellationExceptions.definitionsIn(*Result.Context);
  }

  // Try statements whose handlers can see a cancellation.
  struct GuardedTry {
    const CXXTryStmt *Try;
    const Expr *SuspensionPoint;
  };
  llvm::SmallVector<GuardedTry, 4> Tries;
  for (const CXXTryStmt *Try : Collector.Tries) {
    SuspensionPointFinder Finder;
    Finder.TraverseStmt(const_cast<CompoundStmt *>(Try->getTryBlock()));
    if (Finder.First)
      Tries.push_back({Try, Finder.First});
  }

  // Error codes that asio's as_tuple or redirect_error fill in, by the
  // suspension point that fills them.
  llvm::DenseMap<const ValueDecl *, llvm::SmallVector<const CoawaitExpr *, 1>>
      ErrorCodeOrigins;
  if (!ErrorCodeTokens.empty()) {
    llvm::DenseSet<const CoawaitExpr *> TupleResults;
    for (const CoawaitExpr *Await : Collector.Awaits) {
      const auto *Call =
          dyn_cast<CallExpr>(utils::skipObjectWrappers(Await->getOperand()));
      if (!Call)
        continue;
      for (const Expr *Arg : Call->arguments()) {
        const CXXRecordDecl *Token = utils::recordOf(Arg->getType());
        if (!Token || !ErrorCodeTokens.containsDecl(Token))
          continue;
        // redirect_error(token, ec) names the error code as its last
        // argument; as_tuple(token) makes it part of the awaited result.
        const Expr *Made = utils::skipObjectWrappers(Arg);
        const Expr *Last = nullptr;
        if (const auto *MakeCall = dyn_cast<CallExpr>(Made);
            MakeCall && MakeCall->getNumArgs() >= 2)
          Last = MakeCall->getArg(MakeCall->getNumArgs() - 1);
        else if (const auto *Construct = dyn_cast<CXXConstructExpr>(Made);
                 Construct && Construct->getNumArgs() >= 2)
          Last = Construct->getArg(Construct->getNumArgs() - 1);
        if (const ValueDecl *Code = Last ? utils::namedObject(Last) : nullptr)
          ErrorCodeOrigins[Code].push_back(Await);
        else
          TupleResults.insert(Await);
      }
    }
    for (const DecompositionDecl *Decomposition : Collector.Decompositions) {
      const auto *Await = dyn_cast_or_null<CoawaitExpr>(
          utils::skipObjectWrappers(Decomposition->getInit()));
      if (Await && TupleResults.contains(Await))
        for (const BindingDecl *Binding : Decomposition->bindings())
          ErrorCodeOrigins[Binding].push_back(Await);
    }
  }
  if (Tries.empty() && ErrorCodeOrigins.empty())
    return;

  std::unique_ptr<utils::BodyCFG> Graph =
      utils::BodyCFG::build(Coroutine, Body, *Result.Context);
  if (!Graph)
    return;

  // Only the branch a cancellation takes is followed past a test that tells
  // cancellation from other failures.
  auto FollowCancellation = [&](const CFGBlock &Block, unsigned Index) {
    std::optional<CancellationTest> Test =
        cancellationTest(Block.getTerminatorCondition());
    return !Test || Index == (Test->CancelledWhenTrue ? 0u : 1u);
  };

  for (const GuardedTry &Guarded : Tries) {
    // Cancellation classes that an earlier handler of the same try already
    // takes never reach a later one.
    llvm::SmallPtrSet<const CXXRecordDecl *, 4> Taken;
    bool TakesAll = false;
    for (unsigned I = 0; I < Guarded.Try->getNumHandlers() && !TakesAll; ++I) {
      const CXXCatchStmt *Handler = Guarded.Try->getHandler(I);
      QualType Caught = Handler->getCaughtType();
      enum { CatchAll, OfCancellation, OfBase } Kind;
      const CXXRecordDecl *Cancellation = nullptr;
      if (Caught.isNull()) {
        Kind = CatchAll;
        TakesAll = true;
        // With the translation unit's cancellation classes all taken, the
        // catch-all sees only other exceptions.
        if (!CancellationClasses.empty() &&
            llvm::all_of(CancellationClasses, [&](const CXXRecordDecl *C) {
              return Taken.contains(C);
            }))
          continue;
      } else {
        const CXXRecordDecl *Record = utils::recordOf(Caught);
        if (!Record)
          continue;
        bool SameSeen = false, SameTaken = false;
        for (const CXXRecordDecl *Class : CancellationClasses) {
          bool Same = Class->getCanonicalDecl() == Record->getCanonicalDecl();
          if (!Same && !Class->isDerivedFrom(Record))
            continue;
          SameSeen |= Same;
          if (!Taken.insert(Class).second)
            continue;
          if (Same)
            SameTaken = true;
          else if (!Cancellation)
            Cancellation = Class;
        }
        if (SameTaken ||
            (!SameSeen && CancellationExceptions.containsDecl(Record)))
          Kind = OfCancellation;
        else if (Cancellation)
          Kind = OfBase;
        else
          continue;
      }
      if (TestMacros.wrote(Handler->getCatchLoc(), SM, LangOpts))
        continue;
      const CFGBlock *Entry = Graph->handlerEntry(Handler);
      if (!Entry)
        continue;

      llvm::DenseSet<const Stmt *> InHandler = utils::statementsOf(Handler);
      utils::BodyCFG::Search How;
      auto Visit = [&](const Stmt &S) {
        if (utils::endsAbnormally(S))
          return Step::Stop;
        return InHandler.contains(&S) ? Step::Continue : Step::Found;
      };
      How.Visit = Visit;
      How.Follow = FollowCancellation;
      How.AtExit = Step::Found;
      if (!Graph->search({utils::BodyCFG::startOf(Entry)}, How))
        continue;

      {
        auto Diag = diag(Handler->getCatchLoc(),
                         "%select{catch-all handler|handler of %1|handler of "
                         "%1, a base of %2,}0 swallows cancellation: it can "
                         "finish without rethrowing");
        Diag << static_cast<int>(Kind);
        if (Kind == CatchAll)
          Diag << "";
        else
          Diag << Caught.getNonReferenceType().getUnqualifiedType();
        if (Kind == OfBase)
          Diag << Result.Context->getRecordType(Cancellation);
        else
          Diag << "";
      }
      diag(Guarded.SuspensionPoint->getBeginLoc(),
           "suspension point that can be cancelled is here",
           DiagnosticIDs::Note);
    }
  }

  if (ErrorCodeOrigins.empty())
    return;
  for (const CFGBlock *Block : Graph->cfg()) {
    if (!Block || Block->succ_size() != 2)
      continue;
    const Stmt *Condition = Block->getTerminatorCondition();
    std::optional<CancellationTest> Test = cancellationTest(Condition);
    if (!Test || !Test->Tested)
      continue;
    auto Origin = ErrorCodeOrigins.find(Test->Tested);
    if (Origin == ErrorCodeOrigins.end() ||
        TestMacros.wrote(Condition->getBeginLoc(), SM, LangOpts))
      continue;
    const CFGBlock *Cancelled =
        (Block->succ_begin() + (Test->CancelledWhenTrue ? 0 : 1))
            ->getReachableBlock();
    if (!Cancelled)
      continue;
    const llvm::SmallVector<const CoawaitExpr *, 1> &Origins = Origin->second;
    const CoawaitExpr *Again = nullptr;
    utils::BodyCFG::Search How;
    auto Visit = [&](const Stmt &S) {
      for (const CoawaitExpr *Await : Origins)
        if (&S == Await) {
          Again = Await;
          return Step::Found;
        }
      return utils::endsAbnormally(S) ? Step::Stop : Step::Continue;
    };
    How.Visit = Visit;
    if (!Graph->search({utils::BodyCFG::startOf(Cancelled)}, How))
      continue;
    diag(Condition->getBeginLoc(),
         "%0 is compared with '%1' and then ignored: the coroutine awaits "
         "again after its operation was cancelled")
        << Test->Tested << qualifiedNameOf(Test->Code)
        << Condition->getSourceRange();
    diag(Again->getKeywordLoc(),
         "suspension point that can be cancelled is here", DiagnosticIDs::Note);
  }
}

} // namespace clang::tidy::async
