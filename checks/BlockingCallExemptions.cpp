//===--- BlockingCallExemptions.cpp - blocking APIs that do not wait here
//---===//

#include "BlockingCallCheck.h"
#include "BlockingCallSites.h"
#include "utils/CoroutineUtils.h"
#include "utils/StmtHelpers.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::async {

using namespace blocking_call;

namespace {

/// The variable or member that a descriptor expression reads: `fd`,
/// `fds[0]`, `m_fd`, `m_socket.native_handle()`, `conn.sock.fd()`. Null
/// when the descriptor comes from elsewhere (a call with arguments, a
/// constant).
const ValueDecl *descriptorOf(const Expr *E) {
  while (E) {
    E = E->IgnoreParenCasts();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return dyn_cast<VarDecl>(Ref->getDecl());
    if (const auto *Member = dyn_cast<MemberExpr>(E))
      return dyn_cast<FieldDecl>(Member->getMemberDecl());
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
      // An accessor: native_handle(), fd(), get().
      if (llvm::any_of(Call->arguments(), [](const Expr *Arg) {
            return !isa<CXXDefaultArgExpr>(Arg);
          }))
        return nullptr;
      E = Call->getImplicitObjectArgument();
      continue;
    }
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
      E = Subscript->getBase();
      continue;
    }
    if (const auto *Unary = dyn_cast<UnaryOperator>(E);
        Unary && Unary->getOpcode() == UO_Deref) {
      E = Unary->getSubExpr();
      continue;
    }
    return nullptr;
  }
  return nullptr;
}

/// The call whose result E stores, through the conversions, temporaries
/// and copies of an initialisation.
const CallExpr *storedCall(const Expr *E) {
  while (E) {
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Call = dyn_cast<CallExpr>(E))
      return Call;
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
        Construct && Construct->getNumArgs() == 1) {
      E = Construct->getArg(0);
      continue;
    }
    if (const auto *Cast = dyn_cast<CastExpr>(E)) {
      E = Cast->getSubExpr();
      continue;
    }
    return nullptr;
  }
  return nullptr;
}

/// Finds the variables and members that a body makes non-blocking: those
/// that a call given a non-blocking flag creates (`int fd = socket(AF_INET,
/// SOCK_STREAM | SOCK_NONBLOCK, 0)`, `m_sock(make_socket(nonblocking))`) or
/// configures (`fcntl(fd, F_SETFL, flags | O_NONBLOCK)`, on the first
/// argument, or `sock.set_blocking(false_flag)`, on the object). A flag
/// under `~` is being cleared.
class NonBlockingSetters : public RecursiveASTVisitor<NonBlockingSetters> {
public:
  NonBlockingSetters(const utils::QualifiedNameMatcher &Flags,
                     const ASTContext &Context,
                     llvm::DenseSet<const ValueDecl *> &Found)
      : Flags(Flags), Context(Context), Found(Found) {}

  void scanFunction(const FunctionDecl &Function) {
    const FunctionDecl *Definition = nullptr;
    if (!Function.hasBody(Definition) || !Definition)
      return;
    if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(Definition))
      for (const CXXCtorInitializer *Init : Constructor->inits())
        if (Init->isMemberInitializer() && Init->isWritten())
          stores(Init->getMember(), Init->getInit());
    TraverseStmt(Definition->getBody());
  }

  void scanClass(const CXXRecordDecl &Record) {
    for (const FieldDecl *Field : Record.fields())
      if (Field->hasInClassInitializer())
        stores(Field, Field->getInClassInitializer());
    for (const CXXMethodDecl *Method : Record.methods())
      scanFunction(*Method);
  }

  bool VisitVarDecl(VarDecl *Var) {
    stores(Var, Var->getInit());
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *Assign) {
    if (Assign->getOpcode() == BO_Assign)
      stores(descriptorOf(Assign->getLHS()), Assign->getRHS());
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Assign) {
    if (Assign->getOperator() == OO_Equal && Assign->getNumArgs() == 2)
      stores(descriptorOf(Assign->getArg(0)), Assign->getArg(1));
    return true;
  }
  bool VisitCallExpr(CallExpr *Call) {
    if (Stored.contains(Call) || !givesFlag(*Call))
      return true;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
      mark(Member->getImplicitObjectArgument());
      return true;
    }
    if (isa<CXXOperatorCallExpr>(Call))
      return true;
    for (const Expr *Argument : Call->arguments())
      if (!mentionsFlag(Argument))
        mark(Argument);
    return true;
  }

private:
  void mark(const Expr *E) {
    if (const ValueDecl *Descriptor = descriptorOf(E))
      Found.insert(Descriptor);
  }

  void stores(const ValueDecl *Target, const Expr *Value) {
    const CallExpr *Call = storedCall(Value);
    if (!Call)
      return;
    Stored.insert(Call);
    if (Target && givesFlag(*Call))
      Found.insert(Target);
  }

  /// Whether a non-blocking flag is among Call's own arguments (not those
  /// of a call nested in them).
  bool givesFlag(const CallExpr &Call) const {
    return llvm::any_of(Call.arguments(),
                        [&](const Expr *Arg) { return mentionsFlag(Arg); });
  }

  bool mentionsFlag(const Expr *Argument) const {
    return utils::walkStatements(Argument, [&](const Stmt &S) {
      if (isa<CallExpr>(S))
        return utils::Walk::SkipChildren;
      if (const auto *Unary = dyn_cast<UnaryOperator>(&S);
          Unary && Unary->getOpcode() == UO_Not)
        return utils::Walk::SkipChildren;
      if (const auto *Ref = dyn_cast<DeclRefExpr>(&S))
        if (Flags.matchesDecl(dyn_cast<EnumConstantDecl>(Ref->getDecl())))
          return utils::Walk::Stop;
      if (isa<IntegerLiteral, DeclRefExpr>(S) &&
          isFlagMacro(cast<Expr>(S).getBeginLoc()))
        return utils::Walk::Stop;
      return utils::Walk::Continue;
    });
  }

  bool isFlagMacro(SourceLocation Loc) const {
    const SourceManager &SM = Context.getSourceManager();
    while (Loc.isMacroID()) {
      if (SM.isMacroArgExpansion(Loc)) {
        Loc = SM.getImmediateSpellingLoc(Loc);
        continue;
      }
      if (Flags.matchesName(
              Lexer::getImmediateMacroName(Loc, SM, Context.getLangOpts())))
        return true;
      Loc = SM.getImmediateMacroCallerLoc(Loc);
    }
    return false;
  }

  const utils::QualifiedNameMatcher &Flags;
  const ASTContext &Context;
  llvm::DenseSet<const ValueDecl *> &Found;
  llvm::DenseSet<const CallExpr *> Stored;
};

/// Whether Call writes one integer of at most 8 bytes, by address and size:
/// `write(efd, &one, sizeof one)`, the wake-up of an eventfd or a pipe.
bool writesOneSmallInteger(const CallExpr &Call, const ASTContext &Context) {
  if (Call.getNumArgs() < 3)
    return false;
  const auto *Address =
      dyn_cast<UnaryOperator>(Call.getArg(1)->IgnoreParenCasts());
  if (!Address || Address->getOpcode() != UO_AddrOf)
    return false;
  const auto *Ref =
      dyn_cast<DeclRefExpr>(Address->getSubExpr()->IgnoreParenImpCasts());
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->getType()->isIntegerType())
    return false;
  const Expr *Size = Call.getArg(2);
  if (Size->isValueDependent())
    return false;
  std::optional<llvm::APSInt> Bytes = Size->getIntegerConstantExpr(Context);
  const CharUnits VarSize = Context.getTypeSizeInChars(Var->getType());
  return Bytes && *Bytes == VarSize.getQuantity() && VarSize.getQuantity() <= 8;
}

} // namespace

bool BlockingCallCheck::doesNotWait(const CallExpr &Call,
                                    const FunctionDecl &Function,
                                    const ASTContext &Context) {
  if (Call.getNumArgs() == 0)
    return false;
  if (WakeUpWrites.matchCall(&Call) && writesOneSmallInteger(Call, Context))
    return true;
  if (!DescriptorCalls.matchCall(&Call))
    return false;
  const ValueDecl *Descriptor = descriptorOf(Call.getArg(0));
  if (!Descriptor)
    return false;
  // The code that owns the descriptor: the class of a member, the function
  // that declares a variable; and the function that makes the call.
  const Decl *Owner = nullptr;
  if (const auto *Field = dyn_cast<FieldDecl>(Descriptor))
    Owner = Field->getParent();
  else
    Owner =
        dyn_cast_or_null<FunctionDecl>(Descriptor->getParentFunctionOrMethod());
  return (Owner && madeNonBlockingBy(*Owner, *Descriptor)) ||
         madeNonBlockingBy(Function, *Descriptor);
}

bool BlockingCallCheck::madeNonBlockingBy(const Decl &Owner,
                                          const ValueDecl &Descriptor) {
  auto [It, Inserted] = NonBlockingIn.try_emplace(&Owner);
  if (Inserted) {
    NonBlockingSetters Setters(NonBlockingFlags, Owner.getASTContext(),
                               It->second);
    if (const auto *Record = dyn_cast<CXXRecordDecl>(&Owner))
      Setters.scanClass(*Record);
    else
      Setters.scanFunction(*cast<FunctionDecl>(&Owner));
  }
  return It->second.contains(&Descriptor);
}

namespace {

/// Whether Body only runs event loops: each of its statements is a call
/// that Runs matches, or a `co_return` of nothing or of a constant.
bool onlyRunsLoops(const Stmt &Body, utils::QualifiedNameMatcher &Runs,
                   const ASTContext &Context) {
  const auto *Compound = dyn_cast<CompoundStmt>(&Body);
  if (!Compound)
    return false;
  bool RunsOne = false;
  for (const Stmt *S : Compound->body()) {
    if (isa<NullStmt>(S))
      continue;
    if (const auto *Return = dyn_cast<CoreturnStmt>(S)) {
      if (const Expr *Value = Return->getOperand();
          Value && !Value->isEvaluatable(Context))
        return false;
      continue;
    }
    const auto *E = dyn_cast<Expr>(S);
    if (!E)
      return false;
    E = E->IgnoreImplicit();
    if (const auto *Void = dyn_cast<CStyleCastExpr>(E);
        Void && Void->getType()->isVoidType())
      E = Void->getSubExpr()->IgnoreImplicit();
    const auto *Call = dyn_cast<CallExpr>(E);
    if (!Call || !Runs.matchCall(Call))
      return false;
    RunsOne = true;
  }
  return RunsOne;
}

/// What a function body does with one lambda: where the lambda is written,
/// the variable it initialises, the calls of it and the other uses of both,
/// and the calls that run an event loop or wait for an awaitable.
class LambdaUses : public RecursiveASTVisitor<LambdaUses> {
public:
  LambdaUses(const CXXRecordDecl &Closure,
             utils::QualifiedNameMatcher &LoopRuns)
      : Closure(Closure), LoopRuns(LoopRuns) {}

  const LambdaExpr *Lambda = nullptr;
  const VarDecl *Holder = nullptr;
  llvm::SmallVector<const CallExpr *, 2> Calls;
  llvm::SmallVector<const CallExpr *, 4> Runs;
  unsigned OtherUses = 0;

  bool VisitLambdaExpr(LambdaExpr *E) {
    if (E->getLambdaClass() == &Closure)
      Lambda = E;
    return true;
  }
  bool VisitVarDecl(VarDecl *Var) {
    if (const Expr *Init = Var->getInit())
      if (const auto *L = dyn_cast<LambdaExpr>(Init->IgnoreImplicit());
          L && L->getLambdaClass() == &Closure)
        Holder = Var;
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Call) {
    if (Call->getOperator() == OO_Call && Call->getNumArgs() > 0)
      Objects.push_back({Call, Call->getArg(0)->IgnoreImplicit()});
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    References.push_back(Ref);
    return true;
  }
  bool VisitCallExpr(CallExpr *Call) {
    if (LoopRuns.matchCall(Call))
      Runs.push_back(Call);
    return true;
  }

  /// Sorts what the traversal saw into calls of the lambda and other uses.
  void resolve() {
    llvm::DenseSet<const Expr *> CalledObjects;
    for (const auto &[Call, Object] : Objects) {
      const auto *Ref = dyn_cast<DeclRefExpr>(Object);
      if (Object == Lambda || (Holder && Ref && Ref->getDecl() == Holder)) {
        Calls.push_back(Call);
        CalledObjects.insert(Object);
      }
    }
    for (const DeclRefExpr *Ref : References)
      if (Holder && Ref->getDecl() == Holder && !CalledObjects.contains(Ref))
        ++OtherUses;
    // Written neither as the object of a call nor as a variable's value: the
    // lambda is passed on.
    if (Lambda && !Holder && !CalledObjects.contains(Lambda))
      ++OtherUses;
  }

private:
  const CXXRecordDecl &Closure;
  utils::QualifiedNameMatcher &LoopRuns;
  llvm::SmallVector<std::pair<const CallExpr *, const Expr *>, 8> Objects;
  llvm::SmallVector<const DeclRefExpr *, 16> References;
};

} // namespace

bool BlockingCallCheck::drivesLoopForBlockingWait(const FunctionDecl &Coroutine,
                                                  const ASTContext &Context) {
  const Stmt *Body = utils::userWrittenCoroutineBody(Coroutine);
  const auto *Method = dyn_cast<CXXMethodDecl>(&Coroutine);
  if (!Body || !Method || !Method->getParent()->isLambda() ||
      !onlyRunsLoops(*Body, LoopRuns, Context))
    return false;
  const auto *Owner =
      dyn_cast<FunctionDecl>(Method->getParent()->getDeclContext());
  if (!Owner || !Owner->getBody())
    return false;
  LambdaUses Uses(*Method->getParent(), LoopRuns);
  Uses.TraverseStmt(Owner->getBody());
  Uses.resolve();
  if (Uses.Calls.empty() || Uses.OtherUses > 0)
    return false;
  // Each call of the lambda makes the awaitable of a blocking wait, which
  // starts it on the waiting thread (directly or through when_all).
  llvm::DenseSet<const Stmt *> InWaits;
  for (const CallExpr *Run : Uses.Runs)
    for (const Expr *Argument : Run->arguments())
      for (const Stmt *S : utils::statementsOf(Argument))
        InWaits.insert(S);
  return llvm::all_of(
      Uses.Calls, [&](const CallExpr *Call) { return InWaits.contains(Call); });
}

} // namespace clang::tidy::async
