//===--- MissingCoAwaitCheck.cpp - async-missing-co-await -----------------===//

#include "MissingCoAwaitCheck.h"
#include "utils/CoroutineUtils.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace {

/// The calls of the coroutine protocol itself, which a promise or an awaiter
/// makes on purpose.
bool isCoroutineProtocolCall(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return false;
  if (Callee->getOverloadedOperator() == OO_Coawait)
    return true;
  if (!Callee->getIdentifier())
    return false;
  return llvm::is_contained({"await_transform", "initial_suspend",
                             "final_suspend", "yield_value",
                             "get_return_object"},
                            Callee->getName());
}

const ClassTemplateDecl *templateOf(QualType Type) {
  const auto *Specialization =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          Type.getNonReferenceType()->getAsCXXRecordDecl());
  return Specialization
             ? Specialization->getSpecializedTemplate()->getCanonicalDecl()
             : nullptr;
}

bool isOperatorSpelling(const Expr *Value) {
  const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Value);
  return Operator && Operator->getOperator() != OO_Call &&
         Operator->getOperator() != OO_Subscript;
}

// The warnings for a dropped awaitable: %0 names the function that returned
// it, or its type; %1 selects what is lost (Consequence).
constexpr llvm::StringLiteral ReturnedAwaitableDiscarded =
    "awaitable returned by '%0' is discarded; %select{the task is lazy and "
    "never runs|the operation never starts|the asynchronous operation is "
    "never initiated}1";
constexpr llvm::StringLiteral ReturnedAwaitableCastToVoid =
    "awaitable returned by '%0' is cast to void, which does not await it; "
    "%select{the task is lazy and never runs|the operation never starts|the "
    "asynchronous operation is never initiated}1";
constexpr llvm::StringLiteral AwaitableDiscarded =
    "awaitable '%0' is discarded; %select{the task is lazy and never "
    "runs|the operation never starts|the asynchronous operation is never "
    "initiated}1";
constexpr llvm::StringLiteral AwaitableCastToVoid =
    "awaitable '%0' is cast to void, which does not await it; %select{the "
    "task is lazy and never runs|the operation never starts|the asynchronous "
    "operation is never initiated}1";

} // namespace

MissingCoAwaitCheck::MissingCoAwaitCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : FunctionCheck(Name, Context), RuleOptions(Name, Options, Context),
      Awaitables(utils::AwaitableClassifier::forMissingCoAwait(RuleOptions)) {
  // What async-detached-task reports is left to it, named by its own
  // options: one construct gets one finding, from the most specific check.
  OptionsView DetachedView(rules::check::DetachedTask.Id,
                           Context->getOptions().CheckOptions, Context);
  utils::RuleOptions Detached(rules::check::DetachedTask.Id, DetachedView,
                              Context);
  for (rules::ApiKindName Kind :
       {api_kind::DetachingFunctions, api_kind::EagerSpawnFunctions,
        api_kind::TrackedSpawnFunctions})
    for (const catalog::ApiEntry *Entry : RuleOptions.apis(Kind))
      StartedWork.addEntry(*Entry, 0);
  namespace detached_option = rules::option::detached_task;
  for (rules::OptionName Option : {detached_option::ExtraDetachingFunctions,
                                   detached_option::ExtraEagerSpawnFunctions,
                                   detached_option::ExtraTrackedSpawnFunctions})
    for (const std::string &Name : Detached.list(Option))
      StartedWork.addName(Name, 0);
  WorkHandles.addKind(RuleOptions.catalog(), api_kind::WorkHandleTypes,
                      Detached.list(detached_option::ExtraWorkHandleTypes));
  LazyTokens.addKind(RuleOptions.catalog(), api_kind::LazyCompletionTokens);
}

void MissingCoAwaitCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  RuleOptions.store(Options, Opts);
}

void MissingCoAwaitCheck::registerMatchers(MatchFinder *Finder) {
  matchDefinitions(Finder, utils::Definitions::Functions);
}

bool MissingCoAwaitCheck::hasLazyCompletionToken(const CallExpr *Call) {
  if (LazyTokens.empty())
    return false;
  for (const Expr *Arg : Call->arguments())
    if (!isa<CXXDefaultArgExpr>(Arg) &&
        LazyTokens.matchTypeOrTemplateArguments(
            Arg->IgnoreParenImpCasts()->getType()))
      return true;
  return false;
}

bool MissingCoAwaitCheck::startsWork(const Expr *Source, QualType Type) {
  if (WorkHandles.matchType(Type))
    return true;
  const auto *Call = dyn_cast<CallExpr>(Source);
  return Call && StartedWork.matchCall(Call).has_value();
}

std::optional<MissingCoAwaitCheck::Consequence>
MissingCoAwaitCheck::whatDiscardingLoses(const Expr *Source, QualType Type) {
  const auto *Call = dyn_cast<CallExpr>(Source);
  if (Call && isCoroutineProtocolCall(Call))
    return std::nullopt;
  utils::AwaitableKind Kind = Awaitables.classify(Type);
  const bool Initiation = Call && hasLazyCompletionToken(Call);
  if (Kind == utils::AwaitableKind::Trivial ||
      (Kind == utils::AwaitableKind::None && !Initiation))
    return std::nullopt;
  // An eager task has run from the call: dropping it leaves the work
  // running unwatched, which async-detached-task reports.
  if (Kind == utils::AwaitableKind::EagerTask || startsWork(Source, Type))
    return std::nullopt;
  // A generator is iterated, a fire-and-forget coroutine runs on its own,
  // and some makers start their operation when dropped: none is a forgotten
  // co_await.
  if (Kind != utils::AwaitableKind::None &&
      Awaitables.dropShape(Type) != utils::DropShape::Lost)
    return std::nullopt;
  if (Initiation)
    return Consequence::NeverInitiated;
  if (Kind == utils::AwaitableKind::LazyTask)
    return Consequence::LazyTaskNeverRuns;
  return Consequence::OperationNeverStarts;
}

bool MissingCoAwaitCheck::canAwaitIn(const FunctionDecl &Coroutine,
                                     QualType Type) {
  const auto *Body = dyn_cast_or_null<CoroutineBodyStmt>(Coroutine.getBody());
  if (!Body || !Body->getPromiseDecl())
    return false;
  const CXXRecordDecl *Promise =
      Body->getPromiseDecl()->getType()->getAsCXXRecordDecl();
  bool Transforms = false;
  for (const CXXRecordDecl *Record = Promise; Record && !Transforms;) {
    Transforms =
        !Record->lookup(&Record->getASTContext().Idents.get("await_transform"))
             .empty();
    // Only the first base: enough for promises that inherit their
    // await_transform from a common base, without walking every base.
    Record = Record->getNumBases() > 0
                 ? Record->bases_begin()->getType()->getAsCXXRecordDecl()
                 : nullptr;
  }
  if (!Transforms)
    return Awaitables.awaitableByShape(Type);
  // A promise with await_transform accepts what its runtime defines; the
  // coroutine's own task type is the one it surely accepts.
  const ClassTemplateDecl *Own = templateOf(Coroutine.getReturnType());
  return Own && Own == templateOf(Type);
}

void MissingCoAwaitCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Function =
      Result.Nodes.getNodeAs<FunctionDecl>(utils::AnalysedFunction);
  utils::FunctionBodyScan Scan(*Function);
  for (const utils::DiscardedValue &Discarded : Scan.discarded())
    reportDiscarded(Discarded, *Function, *Result.Context);
  for (const utils::LocalVariable &Local : Scan.variables())
    if (Local.Uses == 0)
      reportVariable(Local, *Result.Context);
}

void MissingCoAwaitCheck::reportDiscarded(
    const utils::DiscardedValue &Discarded, const FunctionDecl &Function,
    ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  const LangOptions &LangOpts = Context.getLangOpts();
  const Expr *Value = Discarded.Value;
  if (FrameworkMacros.wrote(Discarded.DiscardedAt, SM, LangOpts) ||
      FrameworkMacros.wrote(Value->getBeginLoc(), SM, LangOpts))
    return;
  std::optional<Consequence> Loss =
      whatDiscardingLoses(Value, Value->getType());
  if (!Loss)
    return;

  const auto *Call = dyn_cast<CallExpr>(Value);
  SourceLocation Loc = Value->getBeginLoc();
  std::string Entity;
  if (Call) {
    Entity = utils::calleeName(*Call);
    if (isa<CXXMemberCallExpr>(Call))
      Loc = Call->getExprLoc();
  } else {
    Entity = utils::catalogName(Value->getType()->getAsCXXRecordDecl());
    if (Entity.empty())
      Entity = Value->getType().getAsString(Context.getPrintingPolicy());
  }
  llvm::StringRef Message =
      Call ? (Discarded.VoidCast ? ReturnedAwaitableCastToVoid
                                 : ReturnedAwaitableDiscarded)
           : (Discarded.VoidCast ? AwaitableCastToVoid : AwaitableDiscarded);
  auto Diag = diag(utils::writtenLocation(Loc, SM), Message)
              << Entity << static_cast<unsigned>(*Loss)
              << Value->getSourceRange();

  SourceLocation Begin = Value->getBeginLoc();
  SourceLocation End = Value->getEndLoc();
  if (utils::userWrittenCoroutineBody(Function) && !Discarded.InCatchHandler &&
      Begin.isFileID() && End.isFileID() &&
      canAwaitIn(Function, Value->getType())) {
    if (isOperatorSpelling(Value)) {
      Diag << FixItHint::CreateInsertion(Begin, "co_await (")
           << FixItHint::CreateInsertion(
                  Lexer::getLocForEndOfToken(End, 0, SM, LangOpts), ")");
    } else {
      Diag << FixItHint::CreateInsertion(Begin, "co_await ");
    }
  }
}

void MissingCoAwaitCheck::reportVariable(const utils::LocalVariable &Local,
                                         ASTContext &Context) {
  const VarDecl *Var = Local.Var;
  if (FrameworkMacros.wrote(Var->getLocation(), Context.getSourceManager(),
                            Context.getLangOpts()))
    return;
  // An event or a latch declared here is awaited where it lives; a variable
  // that only asks it something (is_set()) holds no pending operation.
  if (!isa<CallExpr>(Local.Source) &&
      Awaitables.isAwaitedInPlace(Var->getType()))
    return;
  std::optional<Consequence> Loss =
      whatDiscardingLoses(Local.Source, Var->getType());
  if (!Loss)
    return;
  const SourceManager &SM = Context.getSourceManager();
  diag(utils::writtenLocation(Var->getLocation(), SM),
       "awaitable %0 is never awaited, returned or passed on; "
       "%select{the task is lazy and never runs|the operation never "
       "starts|the asynchronous operation is never initiated}1")
      << Var << static_cast<unsigned>(*Loss);
  for (const Expr *Cast : Local.VoidCasts)
    diag(utils::writtenLocation(Cast->getBeginLoc(), SM),
         "casting %0 to void does not await it", DiagnosticIDs::Note)
        << Var;
}

} // namespace clang::tidy::async
