//===--- BlockingCallCheck.cpp - async-blocking-call ----------------------===//

#include "BlockingCallCheck.h"
#include "utils/CoroutineUtils.h"
#include "utils/DiscoveredGraph.h"
#include "utils/SameFunctionVisitor.h"
#include "utils/StmtHelpers.h"

#include "utils/AtomicFile.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Index/USRGeneration.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <map>
#include <mutex>
#include <queue>

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace option = rules::option::blocking_call;

namespace {

/// Visits what a coroutine body evaluates on the coroutine's own thread. A
/// lambda's body is skipped: a plain lambda runs wherever it is sent (a thread
/// pool, asio::post, std::thread), and a coroutine lambda is checked on its
/// own. Local classes are skipped for the same reason.
class EvaluatedCallCollector
    : public utils::SameFunctionVisitor<EvaluatedCallCollector> {
public:
  llvm::SmallVector<const Expr *, 8> Calls;
  /// Expressions that are whole statements, where a call can be replaced
  /// by a co_await expression.
  llvm::DenseSet<const Stmt *> StatementExpressions;
  /// Initializers and the variables they initialize, to name a constructed
  /// type as the user spelled it.
  llvm::DenseMap<const Expr *, const VarDecl *> InitializedVariables;

  bool TraverseLambdaExpr(LambdaExpr *Lambda) {
    // Init-captures are evaluated here, in the coroutine.
    for (const LambdaCapture &Capture : Lambda->captures())
      if (Lambda->isInitCapture(&Capture))
        if (const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar()))
          if (Var->getInit())
            TraverseStmt(const_cast<Expr *>(Var->getInit()));
    return true;
  }

  bool VisitCompoundStmt(CompoundStmt *Compound) {
    for (Stmt *Child : Compound->body())
      if (const auto *E = dyn_cast<Expr>(Child))
        StatementExpressions.insert(E->IgnoreImplicit());
    return true;
  }
  bool VisitVarDecl(VarDecl *Var) {
    if (const Expr *Init = Var->getInit())
      InitializedVariables[Init->IgnoreImplicit()] = Var;
    return true;
  }
  bool VisitCallExpr(CallExpr *Call) {
    Calls.push_back(Call);
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    Calls.push_back(Construct);
    return true;
  }
};

/// Collects what Definition, a plain function, evaluates: its body and, for
/// a constructor, its member initializers.
void collectEvaluatedCalls(const FunctionDecl &Definition,
                           EvaluatedCallCollector &Collector) {
  if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(&Definition))
    for (const CXXCtorInitializer *Init : Constructor->inits()) {
      const Expr *Value = Init->getInit();
      // A default member initializer is written at the member.
      if (const auto *Default = dyn_cast_or_null<CXXDefaultInitExpr>(Value))
        Value = Default->getExpr();
      if (Value)
        Collector.TraverseStmt(const_cast<Expr *>(Value));
    }
  Collector.TraverseStmt(Definition.getBody());
}

/// The constructed type as written ("std::unique_lock" rather than the
/// deduced "std::unique_lock<std::mutex>"), or as printed when not written.
std::string spelledTypeOf(const CXXConstructExpr &Construct,
                          const EvaluatedCallCollector &Collector,
                          const ASTContext &Context) {
  const TypeSourceInfo *Written = nullptr;
  if (const auto *Temporary = dyn_cast<CXXTemporaryObjectExpr>(&Construct))
    Written = Temporary->getTypeSourceInfo();
  else if (auto It = Collector.InitializedVariables.find(&Construct);
           It != Collector.InitializedVariables.end())
    Written = It->second->getTypeSourceInfo();
  if (Written) {
    CharSourceRange Range =
        CharSourceRange::getTokenRange(Written->getTypeLoc().getSourceRange());
    StringRef Text = Lexer::getSourceText(Range, Context.getSourceManager(),
                                          Context.getLangOpts());
    if (!Text.empty() && Text != "auto" && !Text.contains('\n'))
      return Text.str();
  }
  return Construct.getType().getAsString(Context.getPrintingPolicy());
}

/// Where a finding or a note about a call or construction points.
SourceLocation siteLocation(const Expr *E) {
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return Construct->getLocation();
  if (isa<CXXMemberCallExpr>(E))
    return E->getExprLoc();
  return E->getBeginLoc();
}

/// A declaration's name as written in code, quoted: qualified, without the
/// template arguments of a specialization (which may name a lambda's type)
/// and without anonymous or inline namespaces.
std::string quotedName(const NamedDecl &Decl, const ASTContext &Context) {
  PrintingPolicy Policy = Context.getPrintingPolicy();
  Policy.SuppressUnwrittenScope = true;
  Policy.AnonymousTagLocations = false;
  std::string Name;
  llvm::raw_string_ostream Out(Name);
  Out << '\'';
  Decl.printQualifiedName(Out, Policy);
  Out << '\'';
  return Name;
}

/// How a diagnostic names a function that the check follows ("'ns::f'",
/// "'ns::C::C'" for a constructor), or Lambda ("a lambda", "the lambda") for
/// the call operator of a lambda.
std::string functionName(const FunctionDecl &Function,
                         const ASTContext &Context, StringRef Lambda) {
  if (utils::isLambdaCallOperator(Function))
    return Lambda.str();
  return quotedName(Function, Context);
}

/// How a diagnostic names what a followed call or construction runs: the
/// function, or the class that a constructor constructs.
std::string followedName(const FunctionDecl &Callee, const ASTContext &Context,
                         StringRef Lambda) {
  if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(&Callee))
    return quotedName(*Constructor->getParent(), Context);
  return functionName(Callee, Context, Lambda);
}

/// Records every header that an #include in the translation unit names, as
/// spelled, in the main file or in any header.
class IncludeRecorder : public PPCallbacks {
public:
  explicit IncludeRecorder(llvm::StringSet<> &Included) : Included(Included) {}
  void InclusionDirective(SourceLocation, const Token &, StringRef FileName,
                          bool, CharSourceRange, OptionalFileEntryRef,
                          StringRef, StringRef, const Module *, bool,
                          SrcMgr::CharacteristicKind) override {
    Included.insert(FileName);
  }

private:
  llvm::StringSet<> &Included;
};

} // namespace

BlockingCallCheck::BlockingCallCheck(StringRef Name, ClangTidyContext *Context)
    : FunctionCheck(Name, Context), RuleOptions(Name, Options, Context),
      Runtimes(RuleOptions.catalog()),
      Inserter(tidy::utils::IncludeSorter::IS_LLVM,
               /*SelfContainedDiags=*/false) {
  // The categories, their kinds and options are data of the rule file.
  const catalog::Rule &Rule = RuleOptions.rule();
  const rules::CheckId Check(Rule.Id);
  for (unsigned Index = 0; Index < Rule.Categories.size(); ++Index) {
    const catalog::ApiCategory &Category = Rule.Categories[Index];
    CategoryKinds.push_back(catalog::categoryKindOf(Rule.Id, Category.Id));
    if (!RuleOptions.flag(rules::OptionName(Check, Category.Option)))
      continue;
    for (const catalog::ApiEntry *Entry :
         RuleOptions.catalog().apis(CategoryKinds.back()))
      Blocking.addEntry(*Entry, Index);
    for (const std::string &Extra :
         RuleOptions.list(rules::OptionName(Check, Category.ExtraOption)))
      Blocking.addName(Extra, Index);
  }
  LoopRuns.addKind(RuleOptions.catalog(),
                   api_kind::BlockingCallEventLoopReentry,
                   RuleOptions.list(option::ExtraEventLoopReentryFunctions));
  DescriptorCalls.addKind(RuleOptions.catalog(),
                          api_kind::DescriptorIoFunctions);
  WakeUpWrites.addKind(RuleOptions.catalog(), api_kind::WakeUpWriteFunctions);
  NonBlockingFlags.addKind(RuleOptions.catalog(), api_kind::NonblockingFlags);
  FollowCalls = RuleOptions.flag(option::FollowCalls);
  for (const catalog::ApiEntry *Entry :
       RuleOptions.apis(api_kind::ThreadHandoffFunctions))
    Handoffs.addEntry(*Entry, 0);
  for (const std::string &Extra :
       RuleOptions.list(option::ExtraHandoffFunctions))
    Handoffs.addName(Extra, 0);
  FactsDirectory =
      Options.getLocalOrGlobal(async_lint::facts::FactsDirectoryOption, "");
  ProjectFactsPath =
      Options.getLocalOrGlobal(async_lint::facts::ProjectFactsOption, "");
}

void BlockingCallCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  RuleOptions.store(Options, Opts);
}

void BlockingCallCheck::registerPPCallbacks(const SourceManager &SM,
                                            Preprocessor *PP, Preprocessor *) {
  Sources = &SM;
  PP->addPPCallbacks(std::make_unique<IncludeRecorder>(IncludedHeaders));
  Inserter.registerPreprocessor(PP);
}

void BlockingCallCheck::registerMatchers(MatchFinder *Finder) {
  if (Blocking.empty())
    return;
  // The facts of every function are written when asked for; otherwise only
  // coroutines are analysed.
  matchDefinitions(Finder, FactsDirectory.empty()
                               ? utils::Definitions::Coroutines
                               : utils::Definitions::Functions);
}

const catalog::RuntimeHint *
BlockingCallCheck::hintFor(const FunctionDecl &Coroutine, unsigned Category) {
  return Runtimes.hintFor(Coroutine, CategoryKinds[Category]);
}

llvm::SmallVector<FixItHint, 2>
BlockingCallCheck::fixesFor(const catalog::RuntimeHint &Hint,
                            const CallExpr &Call, const catalog::ApiEntry &Api,
                            const SourceManager &SM) {
  const SourceLocation Begin = Call.getBeginLoc();
  const SourceLocation CalleeEnd = Call.getCallee()->getEndLoc();
  if (!llvm::is_contained(Hint.FixCalls, Api.QualifiedName) ||
      !Begin.isFileID() || !CalleeEnd.isFileID())
    return {};
  llvm::SmallVector<FixItHint, 2> Fixes;
  Fixes.push_back(FixItHint::CreateReplacement(
      CharSourceRange::getTokenRange(Begin, CalleeEnd),
      Hint.FixReplaceCalleeWith));
  // A header that the translation unit reaches already (through aio/aio.hpp)
  // is not included again.
  if (IncludedHeaders.contains(Hint.FixHeader))
    return Fixes;
  if (std::optional<FixItHint> Include = Inserter.createIncludeInsertion(
          SM.getFileID(Begin), "<" + Hint.FixHeader + ">"))
    Fixes.push_back(std::move(*Include));
  return Fixes;
}

std::optional<utils::QualifiedNameMatcher::Match>
BlockingCallCheck::matchBlocking(const Expr *E, const FunctionDecl &Function,
                                 const ASTContext &Context) {
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return Blocking.matchConstruct(Construct);
  const auto *Call = cast<CallExpr>(E);
  std::optional<utils::QualifiedNameMatcher::Match> Found =
      Blocking.matchCall(Call);
  if (!Found)
    return std::nullopt;
  // A call that gives something to await starts asynchronous work: it is a
  // user's coroutine that shares a C function's name (`task<> send(msg)`),
  // not the blocking call.
  if (Awaitables.awaitableByShape(Call->getType()) ||
      doesNotWait(*Call, Function, Context))
    return std::nullopt;
  return Found;
}

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
    llvm::SmallVector<const Stmt *, 16> Stack{Argument};
    while (!Stack.empty()) {
      const Stmt *S = Stack.pop_back_val();
      if (!S || isa<CallExpr>(S))
        continue;
      if (const auto *Unary = dyn_cast<UnaryOperator>(S);
          Unary && Unary->getOpcode() == UO_Not)
        continue;
      if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
        if (Flags.matchesDecl(dyn_cast<EnumConstantDecl>(Ref->getDecl())))
          return true;
      if (isa<IntegerLiteral, DeclRefExpr>(S) &&
          isFlagMacro(cast<Expr>(S)->getBeginLoc()))
        return true;
      for (const Stmt *Child : S->children())
        Stack.push_back(Child);
    }
    return false;
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

void BlockingCallCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Coroutine =
      Result.Nodes.getNodeAs<FunctionDecl>(utils::AnalysedFunction);
  if (!FactsDirectory.empty()) {
    recordFacts(*Coroutine, *Result.Context);
    if (!utils::userWrittenCoroutineBody(*Coroutine))
      return;
  }
  EvaluatedCallCollector Collector;
  Collector.TraverseStmt(
      const_cast<Stmt *>(utils::userWrittenCoroutineBody(*Coroutine)));

  const bool IsLambda = utils::isLambdaCallOperator(*Coroutine);
  const catalog::Rule &Rule = RuleOptions.rule();
  const ASTContext &Context = *Result.Context;
  std::optional<bool> DrivesLoop;
  for (const Expr *E : Collector.Calls) {
    const SourceLocation Loc = siteLocation(E);
    const auto *Construct = dyn_cast<CXXConstructExpr>(E);
    std::optional<utils::QualifiedNameMatcher::Match> Found =
        matchBlocking(E, *Coroutine, Context);
    if (Found && !Construct && LoopRuns.matchCall(cast<CallExpr>(E))) {
      if (!DrivesLoop)
        DrivesLoop = drivesLoopForBlockingWait(*Coroutine, Context);
      if (*DrivesLoop)
        continue;
    }
    if (!Found) {
      const FunctionDecl *Callee =
          FollowCalls ? followedCallee(E, Context) : nullptr;
      const BlockingPath *Path =
          Callee ? blockingPathOf(Callee, Context) : nullptr;
      // A template and its instantiations share their call sites: one
      // finding per site.
      if (Path && ReportedSites.insert(Loc).second) {
        std::string Entity =
            Construct
                ? "'" + spelledTypeOf(*Construct, Collector, Context) + "'"
                : functionName(*Callee, Context, "a lambda");
        reportFollowedCall(E, Entity, *Coroutine, IsLambda, *Callee, *Path,
                           Context);
        continue;
      }
      // What other translation units know of the callee.
      const FunctionDecl *Target =
          !FollowCalls || Path || ProjectFactsPath.empty() ||
                  ReportedSites.contains(Loc)
              ? nullptr
          : Callee ? Callee
                   : externalCallee(E, *Coroutine, Context);
      if (Target) {
        std::string Entity =
            Construct
                ? "'" + spelledTypeOf(*Construct, Collector, Context) + "'"
                : functionName(*Target, Context, "a lambda");
        if (reportProjectChain(E, Entity, *Coroutine, IsLambda, *Target,
                               *Result.Context))
          ReportedSites.insert(Loc);
      }
      continue;
    }

    if (!ReportedSites.insert(Loc).second)
      continue;
    const catalog::ApiCategory &Category = Rule.Categories[Found->Tag];
    const catalog::RuntimeHint *Hint = hintFor(*Coroutine, Found->Tag);
    std::string Entity = Construct
                             ? spelledTypeOf(*Construct, Collector, Context)
                             : Found->MatchedName;
    auto Diag = diag(Loc, "%select{call to|construction of}0 '%1' blocks the "
                          "event loop thread in %select{coroutine %3|a "
                          "coroutine lambda}2 (%4); %5")
                << (Construct ? 1 : 0) << Entity << (IsLambda ? 1 : 0)
                << Coroutine << Category.Label
                << (Hint ? Hint->Text : Category.Alternative)
                << E->getSourceRange();

    // The replacement is an expression to await: only a call that is a
    // statement of its own can become one.
    const auto *Call = dyn_cast<CallExpr>(E);
    if (Hint && Call && Collector.StatementExpressions.contains(Call))
      for (FixItHint &Fix :
           fixesFor(*Hint, *Call, *Found->Entry, Context.getSourceManager()))
        Diag << Fix;
  }
}

void BlockingCallCheck::reportFollowedCall(const Expr *E, StringRef Entity,
                                           const FunctionDecl &Coroutine,
                                           bool IsLambda,
                                           const FunctionDecl &Callee,
                                           const BlockingPath &Path,
                                           const ASTContext &Context) {
  const catalog::ApiCategory &Category =
      RuleOptions.rule().Categories[Path.Category];
  const catalog::RuntimeHint *Hint = hintFor(Coroutine, Path.Category);
  diag(siteLocation(E),
       "%select{call to|construction of}0 %1 blocks the event loop thread in "
       "%select{coroutine %3|a coroutine lambda}2: it "
       "%select{|indirectly }4%select{calls|constructs}5 '%6' (%7); %8")
      << (isa<CXXConstructExpr>(E) ? 1 : 0) << Entity << (IsLambda ? 1 : 0)
      << &Coroutine << (Path.Depth > 1 ? 1 : 0)
      << (Path.ApiIsConstruction ? 1 : 0) << Path.Api << Category.Label
      << (Hint ? Hint->Text : Category.Alternative) << E->getSourceRange();

  // The chain, one note per call, each inside the function the previous
  // note calls.
  const FunctionDecl *Caller = &Callee;
  const BlockingPath *Step = &Path;
  while (true) {
    diag(siteLocation(Step->Site), "%0 %select{calls|constructs}1 %2 here",
         DiagnosticIDs::Note)
        << functionName(*Caller, Context, "the lambda")
        << (isa<CXXConstructExpr>(Step->Site) ? 1 : 0)
        << (Step->Callee ? followedName(*Step->Callee, Context, "a lambda")
                         : "'" + Step->Api + "'");
    if (!Step->Callee)
      return;
    Caller = Step->Callee;
    const BlockingPath *Next = &*Summaries.find(Caller)->second;
    assert(Next->Depth < Step->Depth && "a blocking chain never loops");
    Step = Next;
  }
}

namespace {

namespace facts = async_lint::facts;

std::string usrOf(const Decl &D) {
  llvm::SmallString<128> Usr;
  if (index::generateUSRForDecl(&D, Usr))
    return {};
  return std::string(Usr);
}

/// Where Loc is, as the facts files say it: an absolute path.
facts::Place factsLocationOf(SourceLocation Loc, const SourceManager &SM) {
  Loc = SM.getExpansionLoc(Loc);
  OptionalFileEntryRef File = SM.getFileEntryRefForID(SM.getFileID(Loc));
  if (!File)
    return {};
  llvm::SmallString<256> Path(File->getName());
  SM.getFileManager().makeAbsolutePath(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return {std::string(Path), SM.getExpansionLineNumber(Loc),
          SM.getExpansionColumnNumber(Loc)};
}

/// The location of a place in another file, which is loaded for the
/// purpose; invalid when the file cannot be read any more.
SourceLocation locationOf(const facts::Place &At, SourceManager &SM) {
  OptionalFileEntryRef File = SM.getFileManager().getOptionalFileRef(At.File);
  if (!File)
    return {};
  FileID Id = SM.getOrCreateFileID(*File, SrcMgr::C_User);
  return SM.translateLineCol(Id, At.Line, At.Column);
}

std::string unquoted(StringRef Name) {
  return Name.consume_front("'") && Name.consume_back("'") ? Name.str()
                                                           : Name.str();
}

/// A digest of every file the unit read, as the source manager holds them.
std::string inputsDigest(const SourceManager &SM) {
  std::vector<std::pair<std::string, uint64_t>> Files;
  for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It)
    if (std::optional<llvm::MemoryBufferRef> Buffer =
            It->second->getBufferIfLoaded())
      Files.push_back(
          {It->first.getName().str(), llvm::xxh3_64bits(Buffer->getBuffer())});
  llvm::sort(Files);
  std::string Material;
  for (const auto &[Name, Hash] : Files)
    Material += Name + '\0' + llvm::utohexstr(Hash) + '\n';
  return llvm::utohexstr(llvm::xxh3_64bits(Material));
}

/// Merged project facts, read once per file version: every check instance
/// of every translation unit (and worker thread) shares them.
struct LoadedFacts {
  llvm::sys::TimePoint<> Modified;
  std::shared_ptr<const facts::ProjectFacts> Facts;
  std::string Error;
};

LoadedFacts loadProjectFacts(const std::string &Path) {
  static std::mutex Mutex;
  static std::map<std::string, LoadedFacts> ByPath;
  llvm::sys::fs::file_status Status;
  if (std::error_code EC = llvm::sys::fs::status(Path, Status))
    return {{}, nullptr, EC.message()};
  std::lock_guard<std::mutex> Lock(Mutex);
  LoadedFacts &Loaded = ByPath[Path];
  if ((Loaded.Facts || !Loaded.Error.empty()) &&
      Loaded.Modified == Status.getLastModificationTime())
    return Loaded;
  Loaded = {Status.getLastModificationTime(), nullptr, {}};
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer) {
    Loaded.Error = Buffer.getError().message();
    return Loaded;
  }
  auto Parsed = facts::ProjectFacts::fromJson((*Buffer)->getBuffer(), Path);
  if (!Parsed)
    Loaded.Error = llvm::toString(Parsed.takeError());
  else
    Loaded.Facts =
        std::make_shared<const facts::ProjectFacts>(std::move(*Parsed));
  return Loaded;
}

} // namespace

const FunctionDecl *
BlockingCallCheck::externalCallee(const Expr *E, const FunctionDecl &Function,
                                  const ASTContext &Context) {
  const FunctionDecl *Callee = calledFunction(E);
  // A runtime described by a profile is judged by its profile, not by its
  // implementation (its wake-up writes, its own file opens).
  if (Callee && Runtimes.ownerOfName(Callee->getQualifiedNameAsString()))
    return nullptr;
  // A virtual call may run any override; a body here is followed here.
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callee);
  if (!Callee || Callee->hasBody() || Callee->isImplicit() ||
      Callee->getBuiltinID() || (Method && Method->isVirtual()) ||
      Context.getSourceManager().isInSystemHeader(Callee->getLocation()) ||
      matchBlocking(E, Function, Context))
    return nullptr;
  return Callee->getCanonicalDecl();
}

void BlockingCallCheck::recordFacts(const FunctionDecl &Function,
                                    const ASTContext &Context) {
  if (Function.isDependentContext())
    return;
  if (!Unit)
    Unit.emplace();
  const Stmt *CoroutineBody = utils::userWrittenCoroutineBody(Function);
  if (CoroutineBody) {
    // Whatever kind of coroutine: the calls whose blocking other units
    // decide.
    EvaluatedCallCollector Collector;
    Collector.TraverseStmt(const_cast<Stmt *>(CoroutineBody));
    for (const Expr *E : Collector.Calls) {
      const FunctionDecl *Callee = followedCallee(E, Context);
      if (Callee ? blockingPathOf(Callee, Context) != nullptr
                 : !(Callee = externalCallee(E, Function, Context)))
        continue;
      Unit->CoroutineCallees.push_back(usrOf(*Callee));
    }
  }
  // Templates and lambdas are seen with their bodies wherever they are
  // called; a local class's members cannot be called from elsewhere.
  if (Function.isTemplateInstantiation() ||
      utils::isLambdaCallOperator(Function) ||
      Function.getParentFunctionOrMethod() ||
      !Function.doesThisDeclarationHaveABody() || !Function.getBody())
    return;
  const SourceManager &SM = Context.getSourceManager();
  facts::FunctionFacts Facts;
  Facts.Usr = usrOf(*Function.getCanonicalDecl());
  if (Facts.Usr.empty())
    return;
  Facts.Name = unquoted(functionName(Function, Context, "a lambda"));
  Facts.Definition = factsLocationOf(Function.getLocation(), SM);
  auto CallOf = [&](const Expr *E, const FunctionDecl &Callee) {
    return facts::Call{usrOf(Callee),
                       isa<CXXConstructExpr>(E) ? "constructs" : "calls",
                       unquoted(followedName(Callee, Context, "a lambda")),
                       factsLocationOf(siteLocation(E), SM)};
  };

  if (CoroutineBody) {
    Facts.Coroutine = true;
  } else if (const BlockingPath *Path =
                 blockingPathOf(Function.getCanonicalDecl(), Context)) {
    // The chain as this unit shows it, as reportFollowedCall walks it.
    facts::BlockingChain Chain;
    const FunctionDecl *Caller = &Function;
    for (const BlockingPath *Step = Path; Step;) {
      if (!Step->Callee) {
        Chain.Use = {unquoted(functionName(*Caller, Context, "the lambda")),
                     Step->Api,
                     Step->ApiIsConstruction ? "constructs" : "calls",
                     RuleOptions.rule().Categories[Step->Category].Id,
                     factsLocationOf(siteLocation(Step->Site), SM)};
        break;
      }
      facts::Call C = CallOf(Step->Site, *Step->Callee);
      Chain.Hops.push_back(
          {unquoted(functionName(*Caller, Context, "the lambda")), C.Verb,
           C.CalleeName, C.At});
      Caller = Step->Callee;
      Step = &*Summaries.find(Caller)->second;
    }
    Facts.Blocks = std::move(Chain);
  } else {
    EvaluatedCallCollector Collector;
    collectEvaluatedCalls(Function, Collector);
    for (const Expr *E : Collector.Calls) {
      if (const FunctionDecl *Callee = followedCallee(E, Context)) {
        Facts.Calls.push_back(CallOf(E, *Callee));
      } else if (const FunctionDecl *External =
                     externalCallee(E, Function, Context)) {
        Facts.Calls.push_back(CallOf(E, *External));
      }
    }
  }
  Unit->Functions.push_back(std::move(Facts));
}

void BlockingCallCheck::onEndOfTranslationUnit() {
  if (!FactsDirectory.empty() && Sources) {
    if (!Unit)
      Unit.emplace();
    Unit->MainFile =
        factsLocationOf(Sources->getLocForStartOfFile(Sources->getMainFileID()),
                        *Sources)
            .File;
    Unit->Inputs = inputsDigest(*Sources);
    llvm::SmallString<256> Path(FactsDirectory);
    llvm::sys::path::append(Path, facts::unitFactsFileName(Unit->MainFile));
    if (llvm::Error E =
            async_lint::writeFileAtomically(Path, facts::toJson(*Unit)))
      configurationDiag("cannot write the project facts of '%0': %1",
                        DiagnosticIDs::Error)
          << Unit->MainFile << llvm::toString(std::move(E));
  }
  clearTranslationUnitState();
}

const async_lint::facts::ProjectFacts *BlockingCallCheck::projectFacts() {
  if (!ProjectFactsRead) {
    ProjectFactsRead = true;
    LoadedFacts Loaded = loadProjectFacts(ProjectFactsPath);
    Project = Loaded.Facts;
    if (!Project)
      configurationDiag("cannot read project facts '%0' (named by option "
                        "'%1'): %2",
                        DiagnosticIDs::Error)
          << ProjectFactsPath << facts::ProjectFactsOption.data()
          << Loaded.Error;
  }
  return Project.get();
}

bool BlockingCallCheck::reportProjectChain(const Expr *E, StringRef Entity,
                                           const FunctionDecl &Coroutine,
                                           bool IsLambda,
                                           const FunctionDecl &Callee,
                                           ASTContext &Context) {
  // A call that a macro writes (a test framework's CHECK) is the macro's
  // business; a runtime's own function is judged by its profile.
  if (E->getBeginLoc().isMacroID() ||
      Runtimes.ownerOfName(Callee.getQualifiedNameAsString()))
    return false;
  const facts::ProjectFacts *Facts = projectFacts();
  const facts::BlockingChain *Chain =
      Facts ? Facts->blockingChain(usrOf(*Callee.getCanonicalDecl())) : nullptr;
  if (!Chain)
    return false;
  // The unit that wrote the chain may have had other options.
  const catalog::Rule &Rule = RuleOptions.rule();
  auto Category =
      llvm::find_if(Rule.Categories, [&](const catalog::ApiCategory &C) {
        return C.Id == Chain->Use.Category;
      });
  if (Category == Rule.Categories.end() ||
      !RuleOptions.flag(
          rules::OptionName(rules::CheckId(Rule.Id), Category->Option)))
    return false;
  const unsigned Index = Category - Rule.Categories.begin();
  const catalog::RuntimeHint *Hint = hintFor(Coroutine, Index);
  diag(siteLocation(E),
       "%select{call to|construction of}0 %1 blocks the event loop thread in "
       "%select{coroutine %3|a coroutine lambda}2: it "
       "%select{|indirectly }4%select{calls|constructs}5 '%6' (%7); %8")
      << (isa<CXXConstructExpr>(E) ? 1 : 0) << Entity << (IsLambda ? 1 : 0)
      << &Coroutine << (Chain->Hops.empty() ? 0 : 1)
      << (Chain->Use.Verb == "constructs" ? 1 : 0) << Chain->Use.Api
      << Category->Label << (Hint ? Hint->Text : Category->Alternative)
      << E->getSourceRange();
  SourceManager &SM = Context.getSourceManager();
  auto Note = [&](const facts::Place &At, StringRef Caller, StringRef Verb,
                  StringRef Callee) {
    SourceLocation Loc = locationOf(At, SM);
    if (Loc.isValid())
      diag(Loc, "'%0' %select{calls|constructs}1 '%2' here",
           DiagnosticIDs::Note)
          << Caller << (Verb == "constructs" ? 1 : 0) << Callee;
  };
  for (const facts::Hop &H : Chain->Hops)
    Note(H.At, H.Caller, H.Verb, H.Callee);
  Note(Chain->Use.At, Chain->Use.Function, Chain->Use.Verb, Chain->Use.Api);
  return true;
}

} // namespace clang::tidy::async
