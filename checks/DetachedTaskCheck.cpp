//===--- DetachedTaskCheck.cpp - async-detached-task ----------------------===//

#include "DetachedTaskCheck.h"
#include "utils/ClangCompat.h"
#include "utils/CoroutineUtils.h"
#include "utils/TaskValueFate.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace option = rules::option::detached_task;

namespace {

/// The function whose code this is: a lambda belongs to the function it is
/// written in.
const FunctionDecl &owningFunction(const FunctionDecl &Function) {
  const FunctionDecl *Owner = &Function;
  while (utils::isLambdaCallOperator(*Owner)) {
    const auto *Enclosing = dyn_cast<FunctionDecl>(
        cast<CXXMethodDecl>(Owner)->getParent()->getDeclContext());
    if (!Enclosing)
      break;
    Owner = Enclosing;
  }
  return *Owner;
}

/// The last argument the user wrote, where asio passes a completion handler.
const Expr *lastWrittenArgument(const CallExpr &Call) {
  const Expr *Last = nullptr;
  for (const Expr *Arg : Call.arguments())
    if (!isa<CXXDefaultArgExpr>(Arg))
      Last = Arg;
  return Last;
}

/// E without the temporaries, elidable and copy or move constructions that
/// leave the value the same.
const Expr *copiedValue(const Expr *E) {
  const Expr *Value = utils::FunctionBodyScan::valueOf(E);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Value);
      Construct && Construct->getNumArgs() == 1 &&
      Construct->getConstructor()->isCopyOrMoveConstructor())
    Value = utils::FunctionBodyScan::valueOf(Construct->getArg(0));
  return Value;
}

bool refersTo(const Stmt *S, const ValueDecl *Decl) {
  if (!S)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S); Ref && Ref->getDecl() == Decl)
    return true;
  for (const Stmt *Child : S->children())
    if (refersTo(Child, Decl))
      return true;
  return false;
}

/// std::exception_ptr, which libstdc++ declares in std::__exception_ptr.
bool isExceptionPtr(QualType Type) {
  const CXXRecordDecl *Record =
      Type.getNonReferenceType()->getAsCXXRecordDecl();
  if (!Record || !Record->getIdentifier() ||
      Record->getName() != "exception_ptr")
    return false;
  return llvm::StringRef(utils::catalogName(Record)).starts_with("std::");
}

/// The function a completion handler runs: a lambda's call operator, or the
/// one call operator of a function object written in the user's code that
/// takes a std::exception_ptr first and has a visible body.
const FunctionDecl *handlerFunction(const Expr *Handler) {
  if (const auto *Lambda = dyn_cast<LambdaExpr>(Handler))
    return Lambda->getCallOperator();
  const CXXRecordDecl *Record = Handler->getType()->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return nullptr;
  Record = Record->getDefinition();
  if (Record->isLambda() ||
      Record->getASTContext().getSourceManager().isInSystemHeader(
          Record->getLocation()))
    return nullptr;
  const FunctionDecl *Found = nullptr;
  for (const NamedDecl *Decl : Record->lookup(
           Record->getASTContext().DeclarationNames.getCXXOperatorName(
               OO_Call))) {
    const auto *Method = dyn_cast<CXXMethodDecl>(Decl);
    if (!Method || Method->getNumParams() == 0 ||
        !isExceptionPtr(Method->getParamDecl(0)->getType()))
      continue;
    if (Found)
      return nullptr; // Overloads: which one runs is not followed.
    Found = Method;
  }
  const FunctionDecl *Definition = nullptr;
  if (!Found || !Found->hasBody(Definition))
    return nullptr;
  return Definition;
}

/// A lambda, a function object, or a pointer to a function.
bool isCallable(const Expr *Arg) {
  QualType Type = Arg->getType().getNonReferenceType();
  if (Type->isFunctionPointerType() || Type->isMemberFunctionPointerType() ||
      Type->isFunctionType())
    return true;
  const CXXRecordDecl *Record = Type->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return false;
  return Record->isLambda() ||
         !Record->getDefinition()
              ->lookup(
                  Record->getASTContext().DeclarationNames.getCXXOperatorName(
                      OO_Call))
              .empty();
}

/// The tasks of this check are those of async-missing-co-await, so that a
/// dropped task is reported by exactly one of the two.
utils::AwaitableClassifier awaitablesOf(ClangTidyContext *Context) {
  const llvm::StringRef MissingCoAwait = rules::check::MissingCoAwait.Id;
  ClangTidyCheck::OptionsView View(MissingCoAwait,
                                   Context->getOptions().CheckOptions, Context);
  return utils::AwaitableClassifier::forMissingCoAwait(
      utils::RuleOptions(MissingCoAwait, View, Context));
}

// The warnings for a dropped result: %0 names the function that started the
// work, or that returned the eager task.
constexpr llvm::StringLiteral StartedWorkDiscarded =
    "result of '%0' is discarded; nobody awaits the work it started or sees "
    "its failure";
constexpr llvm::StringLiteral StartedWorkCastToVoid =
    "result of '%0' is cast to void; nobody awaits the work it started or "
    "sees its failure";
constexpr llvm::StringLiteral EagerTaskDiscarded =
    "eager task returned by '%0' is discarded; it runs on with nobody "
    "awaiting it or seeing its failure";
constexpr llvm::StringLiteral EagerTaskCastToVoid =
    "eager task returned by '%0' is cast to void; it runs on with nobody "
    "awaiting it or seeing its failure";

} // namespace

DetachedTaskCheck::DetachedTaskCheck(StringRef Name, ClangTidyContext *Context)
    : FunctionCheck(Name, Context), RuleOptions(Name, Options, Context),
      Awaitables(awaitablesOf(Context)) {
  utils::addSpawnApis(RuleOptions,
                      {option::ExtraDetachingFunctions,
                       option::ExtraEagerSpawnFunctions,
                       option::ExtraTrackedSpawnFunctions},
                      Detaching, EagerSpawn, TrackedSpawn, HandlerSpawn);
  HandlerWrappers.addKind(RuleOptions.catalog(),
                          api_kind::CompletionHandlerWrappers);
  RuleOptions.addApis(WorkHandles, api_kind::WorkHandleTypes,
                      option::ExtraWorkHandleTypes);
  DetachingTokens.addKind(RuleOptions.catalog(),
                          api_kind::DetachingCompletionTokens);
  AllowedOwners.addNames(RuleOptions.list(option::AllowDetachedWorkIn));
}

void DetachedTaskCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  RuleOptions.store(Options, Opts);
}

void DetachedTaskCheck::registerMatchers(MatchFinder *Finder) {
  matchDefinitions(Finder, utils::Definitions::Functions);
}

bool DetachedTaskCheck::macroWrote(SourceLocation Loc,
                                   const ASTContext &Context) const {
  return FrameworkMacros.wrote(Loc, Context.getSourceManager(),
                               Context.getLangOpts());
}

/// The handler or token a completion handler argument passes: through local
/// variables initialized with it and through wrappers that only bind an
/// executor, an allocator or a cancellation slot to it.
const Expr *DetachedTaskCheck::innermostHandler(const Expr *Handler) {
  const Expr *Value = copiedValue(Handler);
  for (unsigned Depth = 0; Depth < 4; ++Depth) {
    if (const auto *Call = dyn_cast<CallExpr>(Value);
        Call && HandlerWrappers.matchCall(Call)) {
      if (const Expr *Wrapped = lastWrittenArgument(*Call)) {
        Value = copiedValue(Wrapped);
        continue;
      }
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Value))
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
          Var && Var->isLocalVarDecl() && Var->getInit()) {
        Value = copiedValue(Var->getInit());
        continue;
      }
    break;
  }
  return Value;
}

void DetachedTaskCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Function =
      Result.Nodes.getNodeAs<FunctionDecl>(utils::AnalysedFunction);
  if (!AllowedOwners.empty() &&
      AllowedOwners.matchesName(utils::catalogName(&owningFunction(*Function))))
    return;
  const ASTContext &Context = *Result.Context;
  utils::FunctionBodyScan Scan(*Function);
  for (const CallExpr *Call : Scan.calls())
    checkCall(*Call, Context);
  for (const utils::DiscardedValue &Discarded : Scan.discarded())
    checkDiscarded(Discarded, Context);
  for (const utils::LocalVariable &Local : Scan.variables())
    checkVariable(Local, Context);
}

void DetachedTaskCheck::checkCall(const CallExpr &Call,
                                  const ASTContext &Context) {
  SourceLocation Loc = isa<CXXMemberCallExpr>(Call)
                           ? Call.getExprLoc()
                           : compat::callBeginLoc(Call);
  if (macroWrote(Loc, Context) || TrackedSpawn.matchCall(&Call))
    return;
  if (auto Found = Detaching.matchCall(&Call)) {
    diag(utils::writtenLocation(Loc, Context.getSourceManager()),
         "call to '%0' detaches the work; nobody awaits it or sees its "
         "failure")
        << Found->MatchedName << Call.getSourceRange();
    return;
  }
  if (auto Found = HandlerSpawn.matchCall(&Call))
    checkCompletionHandler(Call, Found->MatchedName, Context);
}

void DetachedTaskCheck::checkCompletionHandler(const CallExpr &Call,
                                               llvm::StringRef Spawner,
                                               const ASTContext &Context) {
  const Expr *Handler = lastWrittenArgument(Call);
  if (!Handler)
    return;
  const Expr *HandlerValue = innermostHandler(Handler);
  if (auto Token = DetachingTokens.matchType(HandlerValue->getType())) {
    std::string TokenName = *Token;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(HandlerValue))
      if (std::string Name = utils::catalogName(Ref->getDecl()); !Name.empty())
        TokenName = Name;
    diag(utils::writtenLocation(Call.getBeginLoc(), Context.getSourceManager()),
         "'%0' with completion token '%1' detaches the "
         "coroutine; nobody sees its failure")
        << Spawner << TokenName << Handler->getSourceRange();
    return;
  }

  // A handler that takes the exception_ptr and never reads it drops the
  // failure as surely as the detached token does.
  const FunctionDecl *Function = handlerFunction(HandlerValue);
  if (!Function || Function->getNumParams() == 0 ||
      macroWrote(Function->getBeginLoc(), Context))
    return;
  const ParmVarDecl *Exception = Function->getParamDecl(0);
  if (!isExceptionPtr(Exception->getType()) &&
      !Exception->getType()->isDependentType())
    return;
  if (refersTo(Function->getBody(), Exception))
    return;
  diag(utils::writtenLocation(Call.getBeginLoc(), Context.getSourceManager()),
       "completion handler of '%0' ignores the "
       "exception; nobody sees the coroutine's failure")
      << Spawner << Handler->getSourceRange();
  SourceLocation NoteAt = Exception->getIdentifier() ? Exception->getLocation()
                          : isa<LambdaExpr>(HandlerValue)
                              ? HandlerValue->getBeginLoc()
                              : Function->getLocation();
  diag(utils::writtenLocation(NoteAt, Context.getSourceManager()),
       "the handler never reads its std::exception_ptr parameter",
       DiagnosticIDs::Note);
}

void DetachedTaskCheck::checkDiscarded(const utils::DiscardedValue &Discarded,
                                       const ASTContext &Context) {
  const Expr *Value = Discarded.Value;
  if (macroWrote(Discarded.DiscardedAt, Context) ||
      macroWrote(Value->getBeginLoc(), Context))
    return;
  const auto *Call = dyn_cast<CallExpr>(Value);
  std::string Starter;
  if (Call) {
    // A detaching call is reported as a call; a tracked one is owned.
    if (TrackedSpawn.matchCall(Call) || Detaching.matchCall(Call))
      return;
    if (auto Found = EagerSpawn.matchCall(Call))
      Starter = Found->MatchedName;
    else if (WorkHandles.matchType(Value->getType()))
      Starter = utils::calleeName(*Call);
  } else if (auto Handle = WorkHandles.matchType(Value->getType())) {
    Starter = *Handle;
  }
  SourceLocation Loc = Call && isa<CXXMemberCallExpr>(Call)
                           ? Call->getExprLoc()
                           : Value->getBeginLoc();
  if (!Starter.empty()) {
    diag(utils::writtenLocation(Loc, Context.getSourceManager()),
         Discarded.VoidCast ? StartedWorkCastToVoid : StartedWorkDiscarded)
        << Starter << Value->getSourceRange();
    return;
  }
  if (Call && isUnwatchedEagerTask(*Call))
    diag(utils::writtenLocation(Loc, Context.getSourceManager()),
         Discarded.VoidCast ? EagerTaskCastToVoid : EagerTaskDiscarded)
        << utils::calleeName(*Call) << Value->getSourceRange();
}

bool DetachedTaskCheck::isUnwatchedEagerTask(const CallExpr &Call) {
  if (Awaitables.classify(Call.getType()) != utils::AwaitableKind::EagerTask ||
      Awaitables.dropShape(Call.getType()) != utils::DropShape::Lost)
    return false;
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
  if (!Member)
    return true;
  utils::AwaitableKind Object =
      Awaitables.classify(Member->getImplicitObjectArgument()->getType());
  bool OnTask = Object == utils::AwaitableKind::LazyTask ||
                Object == utils::AwaitableKind::EagerTask;
  return !(OnTask && llvm::any_of(Call.arguments(), isCallable));
}

void DetachedTaskCheck::checkVariable(const utils::LocalVariable &Local,
                                      const ASTContext &Context) {
  // Any reference keeps the handle or task in use: awaiting, cancelling,
  // storing or just looking at it.
  const auto *Call = dyn_cast<CallExpr>(Local.Source);
  if (Local.Uses != 0 || Local.Inspections != 0 || !Call ||
      TrackedSpawn.matchCall(Call) ||
      macroWrote(Local.Var->getLocation(), Context))
    return;
  SourceLocation Loc = utils::writtenLocation(Local.Var->getLocation(),
                                              Context.getSourceManager());
  if (WorkHandles.matchType(Local.Var->getType())) {
    std::string Starter = utils::calleeName(*Call);
    if (auto Found = EagerSpawn.matchCall(Call))
      Starter = Found->MatchedName;
    diag(Loc, "handle %0 is never used; nobody awaits the "
              "work started by '%1' or sees its failure")
        << Local.Var << Starter;
    return;
  }
  // A detaching call is reported as a call; the kept result of an eager
  // spawn function is the work's owner unless it is a work handle.
  if (!Detaching.matchCall(Call) && !EagerSpawn.matchCall(Call) &&
      isUnwatchedEagerTask(*Call))
    diag(Loc, "eager task %0 is never used; it runs on with nobody awaiting "
              "it or seeing its failure")
        << Local.Var;
}

} // namespace clang::tidy::async
