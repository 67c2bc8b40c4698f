//===--- BlockingCallProjectFacts.cpp - Facts across files ---------------===//

#include "BlockingCallCheck.h"
#include "BlockingCallMessages.h"
#include "BlockingCallSites.h"
#include "utils/CoroutineUtils.h"
#include "utils/ProjectFactsAccess.h"

#include "llvm/Support/xxhash.h"

namespace clang::tidy::async {

namespace wording = async_lint::blocking_call_wording;
using namespace blocking_call;

namespace {

namespace facts = async_lint::facts;

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
      Unit->CoroutineCallees.push_back(utils::usrOf(*Callee));
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
  Facts.Usr = utils::usrOf(*Function.getCanonicalDecl());
  if (Facts.Usr.empty())
    return;
  Facts.Name = unquoted(functionName(Function, Context, "a lambda"));
  Facts.Definition = utils::placeOf(Function.getLocation(), SM);
  auto CallOf = [&](const Expr *E, const FunctionDecl &Callee) {
    return facts::Call{utils::usrOf(Callee),
                       isa<CXXConstructExpr>(E) ? "constructs" : "calls",
                       unquoted(followedName(Callee, Context, "a lambda")),
                       utils::placeOf(siteLocation(E), SM)};
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
                     utils::placeOf(siteLocation(Step->Site), SM)};
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
    Unit->Inputs = inputsDigest(*Sources);
    if (llvm::Error E = utils::writeUnitFactsPart(std::move(*Unit), "",
                                                  FactsDirectory, *Sources))
      configurationDiag("%0", DiagnosticIDs::Error)
          << llvm::toString(std::move(E));
  }
  clearTranslationUnitState();
}

const async_lint::facts::ProjectFacts *BlockingCallCheck::projectFacts() {
  const facts::ProjectFacts *Project =
      Merged.get(ProjectFactsPath, [&](const std::string &Error) {
        configurationDiag("%0", DiagnosticIDs::Error) << Error;
      });
  return Project;
}

bool BlockingCallCheck::judgedAcrossFiles(const Expr *E,
                                          const FunctionDecl &Callee) {
  // A call that a macro writes (a test framework's CHECK) is the macro's
  // business; a runtime's own function is judged by its profile.
  return !E->getBeginLoc().isMacroID() &&
         !Runtimes.ownerOfName(Callee.getQualifiedNameAsString());
}

void BlockingCallCheck::recordCrossFileCall(const Expr *E, StringRef Entity,
                                            const FunctionDecl &Coroutine,
                                            bool IsLambda,
                                            const FunctionDecl &Callee,
                                            const ASTContext &Context) {
  std::string Usr = utils::usrOf(*Callee.getCanonicalDecl());
  if (Usr.empty() || !judgedAcrossFiles(E, Callee))
    return;
  wording::CrossFileCall Call;
  Call.Site = {isa<CXXConstructExpr>(E), IsLambda};
  Call.Entity = Entity.str();
  // As a diagnostic argument prints a declaration.
  llvm::raw_string_ostream Name(Call.Coroutine);
  Name << '\'';
  Coroutine.getNameForDiagnostic(Name, Context.getPrintingPolicy(),
                                 /*Qualified=*/false);
  Name << '\'';
  const catalog::Rule &Rule = RuleOptions.rule();
  for (unsigned Index = 0; Index < Rule.Categories.size(); ++Index) {
    const catalog::ApiCategory &Category = Rule.Categories[Index];
    if (!RuleOptions.flag(
            rules::OptionName(rules::CheckId(Rule.Id), Category.Option)))
      continue;
    const catalog::RuntimeHint *Hint = hintFor(Coroutine, Index);
    Call.Categories[Category.Id] = {Category.Label,
                                    Hint ? Hint->Text : Category.Alternative};
  }
  diag(siteLocation(E), "%0")
      << facts::conditionalMessage(wording::recordOf(Call, Usr))
      << E->getSourceRange();
}

bool BlockingCallCheck::reportProjectChain(const Expr *E, StringRef Entity,
                                           const FunctionDecl &Coroutine,
                                           bool IsLambda,
                                           const FunctionDecl &Callee,
                                           ASTContext &Context) {
  if (!judgedAcrossFiles(E, Callee))
    return false;
  const facts::ProjectFacts *Facts = projectFacts();
  const facts::BlockingChain *Chain =
      Facts ? Facts->blockingChain(utils::usrOf(*Callee.getCanonicalDecl()))
            : nullptr;
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
       wording::chainMessage({isa<CXXConstructExpr>(E), IsLambda},
                             /*Indirectly=*/!Chain->Hops.empty(),
                             Chain->Use.Verb == "constructs"))
      << Entity << &Coroutine << Chain->Use.Api << Category->Label
      << (Hint ? Hint->Text : Category->Alternative) << E->getSourceRange();
  SourceManager &SM = Context.getSourceManager();
  auto Note = [&](const facts::Place &At, StringRef Caller, StringRef Verb,
                  StringRef Callee) {
    SourceLocation Loc = utils::locationOfPlace(At, SM);
    if (Loc.isValid())
      diag(Loc, wording::stepNote(Verb == "constructs"), DiagnosticIDs::Note)
          << ("'" + Caller + "'").str() << ("'" + Callee + "'").str();
  };
  for (const facts::Hop &H : Chain->Hops)
    Note(H.At, H.Caller, H.Verb, H.Callee);
  Note(Chain->Use.At, Chain->Use.Function, Chain->Use.Verb, Chain->Use.Api);
  return true;
}

} // namespace clang::tidy::async
