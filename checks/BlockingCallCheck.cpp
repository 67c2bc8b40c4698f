//===--- BlockingCallCheck.cpp - async-blocking-call ----------------------===//

#include "BlockingCallCheck.h"
#include "BlockingCallMessages.h"
#include "BlockingCallSites.h"
#include "utils/CoroutineUtils.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace option = rules::option::blocking_call;
namespace wording = async_lint::blocking_call_wording;
using namespace blocking_call;

namespace {

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
  RuleOptions.addApis(LoopRuns, api_kind::BlockingCallEventLoopReentry,
                      option::ExtraEventLoopReentryFunctions);
  DescriptorCalls.addKind(RuleOptions.catalog(),
                          api_kind::DescriptorIoFunctions, {});
  WakeUpWrites.addKind(RuleOptions.catalog(), api_kind::WakeUpWriteFunctions,
                       {});
  NonBlockingFlags.addKind(RuleOptions.catalog(), api_kind::NonblockingFlags);
  FollowCalls = RuleOptions.flag(option::FollowCalls);
  RuleOptions.addApis(Handoffs, api_kind::ThreadHandoffFunctions,
                      option::ExtraHandoffFunctions);
  FactsDirectory =
      Options.getLocalOrGlobal(async_lint::facts::FactsDirectoryOption, "");
  ProjectFactsPath =
      Options.getLocalOrGlobal(async_lint::facts::ProjectFactsOption, "");
  // With merged facts the check decides; asked to, it records the calls
  // whose blocking is decided after the merge.
  AcrossFiles = !ProjectFactsPath.empty() ||
                Options.getLocalOrGlobal(
                    async_lint::facts::ConditionalFindingsOption, false);
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
          !FollowCalls || Path || !AcrossFiles || ReportedSites.contains(Loc)
              ? nullptr
          : Callee ? Callee
                   : externalCallee(E, *Coroutine, Context);
      if (Target) {
        std::string Entity =
            Construct
                ? "'" + spelledTypeOf(*Construct, Collector, Context) + "'"
                : functionName(*Target, Context, "a lambda");
        if (ProjectFactsPath.empty())
          recordCrossFileCall(E, Entity, *Coroutine, IsLambda, *Target,
                              Context);
        else if (reportProjectChain(E, Entity, *Coroutine, IsLambda, *Target,
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
    auto Diag =
        diag(Loc, wording::directMessage({Construct != nullptr, IsLambda}))
        << Entity << Coroutine << Category.Label
        << (Hint ? Hint->Text : Category.Alternative) << E->getSourceRange();

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
       wording::chainMessage({isa<CXXConstructExpr>(E), IsLambda},
                             /*Indirectly=*/Path.Depth > 1,
                             Path.ApiIsConstruction))
      << Entity << &Coroutine << Path.Api << Category.Label
      << (Hint ? Hint->Text : Category.Alternative) << E->getSourceRange();

  // The chain, one note per call, each inside the function the previous
  // note calls.
  const FunctionDecl *Caller = &Callee;
  const BlockingPath *Step = &Path;
  while (true) {
    diag(siteLocation(Step->Site),
         wording::stepNote(isa<CXXConstructExpr>(Step->Site)),
         DiagnosticIDs::Note)
        << functionName(*Caller, Context, "the lambda")
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

} // namespace clang::tidy::async
