//===--- BlockingCallCheck.cpp - async-blocking-call ----------------------===//

#include "BlockingCallCheck.h"
#include "utils/CoroutineUtils.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace {

/// Visits what a coroutine body evaluates on the coroutine's own thread. A
/// lambda's body is skipped: a plain lambda runs wherever it is sent (a thread
/// pool, asio::post, std::thread), and a coroutine lambda is checked on its
/// own. Local classes are skipped for the same reason.
class EvaluatedCallCollector
    : public RecursiveASTVisitor<EvaluatedCallCollector> {
public:
  llvm::SmallVector<const Expr *, 8> Calls;
  /// Expressions that are whole statements, where a call can be replaced
  /// by a co_await expression.
  llvm::DenseSet<const Stmt *> StatementExpressions;
  /// Initializers and the variables they initialize, to name a constructed
  /// type as the user spelled it.
  llvm::DenseMap<const Expr *, const VarDecl *> InitializedVariables;

  bool shouldVisitImplicitCode() const { return false; }

  bool TraverseLambdaExpr(LambdaExpr *Lambda) {
    // Init-captures are evaluated here, in the coroutine.
    for (const LambdaCapture &Capture : Lambda->captures())
      if (Lambda->isInitCapture(&Capture))
        if (const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar()))
          if (Var->getInit())
            TraverseStmt(const_cast<Expr *>(Var->getInit()));
    return true;
  }
  bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }
  bool TraverseFunctionDecl(FunctionDecl *) { return true; }
  bool TraverseCXXMethodDecl(CXXMethodDecl *) { return true; }

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
    : ClangTidyCheck(Name, Context), RuleOptions(Name, Options) {
  const catalog::Rule &Rule = RuleOptions.rule();
  const std::string KindPrefix =
      Rule.Id.substr(std::string("async-").size()) + "-";
  for (unsigned Index = 0; Index < Rule.Categories.size(); ++Index) {
    const catalog::ApiCategory &Category = Rule.Categories[Index];
    if (!RuleOptions.flag(Category.Option))
      continue;
    for (const catalog::ApiEntry *Entry :
         catalog::builtinCatalog().apis(KindPrefix + Category.Id))
      Blocking.add(*Entry, Index);
    for (const std::string &Extra : RuleOptions.list(Category.ExtraOption))
      Blocking.addName(Extra, Index);
  }
}

void BlockingCallCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  RuleOptions.store(Options, Opts);
}

void BlockingCallCheck::registerPPCallbacks(const SourceManager &,
                                            Preprocessor *PP, Preprocessor *) {
  PP->addPPCallbacks(std::make_unique<IncludeRecorder>(IncludedHeaders));
}

void BlockingCallCheck::registerMatchers(MatchFinder *Finder) {
  if (Blocking.empty())
    return;
  Finder->addMatcher(functionDecl(utils::isCoroutineDefinition(),
                                  unless(isExpansionInSystemHeader()))
                         .bind("coroutine"),
                     this);
}

bool BlockingCallCheck::includesHeaderStartingWith(StringRef Prefix) const {
  for (const auto &Header : IncludedHeaders)
    if (Header.getKey().starts_with(Prefix))
      return true;
  return false;
}

void BlockingCallCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Coroutine = Result.Nodes.getNodeAs<FunctionDecl>("coroutine");
  EvaluatedCallCollector Collector;
  Collector.TraverseStmt(
      const_cast<Stmt *>(utils::userWrittenCoroutineBody(*Coroutine)));

  const bool IsLambda = utils::isLambdaCallOperator(*Coroutine);
  const catalog::Rule &Rule = RuleOptions.rule();
  for (const Expr *E : Collector.Calls) {
    std::optional<utils::ApiMatcher::Match> Found;
    SourceLocation Loc = E->getBeginLoc();
    const auto *Construct = dyn_cast<CXXConstructExpr>(E);
    if (Construct) {
      Found = Blocking.matchConstruct(Construct);
      Loc = Construct->getLocation();
    } else {
      const auto *Call = cast<CallExpr>(E);
      Found = Blocking.matchCall(Call);
      if (isa<CXXMemberCallExpr>(Call))
        Loc = Call->getExprLoc();
    }
    if (!Found)
      continue;

    const catalog::ApiCategory &Category = Rule.Categories[Found->Tag];
    std::string Entity =
        Construct ? spelledTypeOf(*Construct, Collector, *Result.Context)
                  : Found->MatchedName;
    auto Diag = diag(Loc, "%select{call to|construction of}0 '%1' blocks the "
                          "event loop thread in %select{coroutine %3|a "
                          "coroutine lambda}2 (%4); %5")
                << (Construct ? 1 : 0) << Entity << (IsLambda ? 1 : 0)
                << Coroutine << Category.Label << Category.Alternative
                << E->getSourceRange();

    const catalog::ApiEntry &Entry = *Found->Entry;
    const auto *Call = dyn_cast<CallExpr>(E);
    if (Call && !Entry.FixReplaceCalleeWith.empty() &&
        includesHeaderStartingWith(Entry.FixWhenIncluded) &&
        Collector.StatementExpressions.contains(Call) &&
        Call->getBeginLoc().isFileID() &&
        Call->getCallee()->getEndLoc().isFileID())
      Diag << FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(Call->getBeginLoc(),
                                         Call->getCallee()->getEndLoc()),
          Entry.FixReplaceCalleeWith);
  }
}

} // namespace clang::tidy::async
