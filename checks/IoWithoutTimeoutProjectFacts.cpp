//===--- IoWithoutTimeoutProjectFacts.cpp - Bounded callers across files --===//
//
// async-io-without-timeout's part of the project facts: a coroutine whose
// network I/O nothing in it bounds is bounded by its callers when every
// reference to it, in every unit, is a bounded call.
//
//===----------------------------------------------------------------------===//

#include "IoWithoutTimeoutCheck.h"
#include "IoWithoutTimeoutMessages.h"
#include "utils/CoroutineUtils.h"
#include "utils/ProjectFactsAccess.h"

namespace clang::tidy::async {

namespace facts = async_lint::facts;
namespace wording = async_lint::io_without_timeout_wording;

namespace {

/// As a diagnostic names a function, unqualified and unquoted.
std::string nameOf(const FunctionDecl &Function) {
  std::string Name;
  llvm::raw_string_ostream Out(Name);
  Function.getNameForDiagnostic(
      Out, Function.getASTContext().getPrintingPolicy(), /*Qualified=*/false);
  return Name;
}

} // namespace

bool IoWithoutTimeoutCheck::callableFromOtherFiles(
    const FunctionDecl &Coroutine) {
  return Coroutine.isExternallyVisible() &&
         !utils::isLambdaCallOperator(Coroutine) &&
         !Coroutine.getParentFunctionOrMethod() &&
         !Coroutine.isTemplateInstantiation();
}

bool IoWithoutTimeoutCheck::mayBeCoroutineOfAnyUnit(
    const FunctionDecl &Function, const SourceManager &SM) {
  if (SM.isInSystemHeader(SM.getExpansionLoc(Function.getLocation())) ||
      !Function.getReturnType()->isRecordType() ||
      !callableFromOtherFiles(Function))
    return false;
  // Without a body here, it may be a coroutine of another unit.
  const FunctionDecl *Definition = Function.getDefinition();
  return !Definition || utils::userWrittenCoroutineBody(*Definition);
}

void IoWithoutTimeoutCheck::registerPPCallbacks(const SourceManager &SM,
                                                Preprocessor *,
                                                Preprocessor *) {
  Sources = &SM;
}

void IoWithoutTimeoutCheck::recordUnitFacts(
    const SourceManager &SM,
    const llvm::DenseSet<const Expr *> &BoundedReferences) {
  facts::UnitFacts Unit;
  for (const auto &[Function, References] : ReferencesOf) {
    std::string Usr = utils::usrOf(*Function);
    if (Usr.empty() || !callableFromOtherFiles(*Function))
      continue;
    for (const Reference &R : References)
      Unit.CoroutineCalls.push_back(
          {Usr, BoundedReferences.contains(R.Use), R.In ? nameOf(*R.In) : "",
           nameOf(*Function), utils::placeOf(R.Use->getExprLoc(), SM)});
  }
  llvm::DenseSet<const FunctionDecl *> Recorded;
  for (const Finding &F : Findings) {
    const FunctionDecl *Coroutine = F.Coroutine->getCanonicalDecl();
    if (!callableFromOtherFiles(*Coroutine) ||
        !Recorded.insert(Coroutine).second)
      continue;
    if (std::string Usr = utils::usrOf(*Coroutine); !Usr.empty())
      Unit.UnboundedIo.push_back(
          {Usr, utils::placeOf(F.Coroutine->getLocation(), SM)});
  }
  // Written even when empty: it replaces the facts of an earlier analysis.
  if (llvm::Error E = utils::writeUnitFactsPart(
          std::move(Unit), facts::BoundedCallersPart, FactsDirectory, SM))
    configurationDiag("%0", DiagnosticIDs::Error)
        << llvm::toString(std::move(E));
}

const facts::ProjectFacts *IoWithoutTimeoutCheck::projectFacts() {
  return Merged.get(ProjectFactsPath, [&](const std::string &Error) {
    configurationDiag("%0", DiagnosticIDs::Error) << Error;
  });
}

void IoWithoutTimeoutCheck::reportAcrossFiles(const Finding &F,
                                              bool BoundedHere) {
  const wording::AwaitInSharedCoroutine Await{F.Io.Name, F.Io.Accept,
                                              BoundedHere};
  const std::string Usr = utils::usrOf(*F.Coroutine->getCanonicalDecl());
  const SourceLocation At = F.Await->getKeywordLoc();
  if (Usr.empty()) {
    if (!BoundedHere)
      report(F);
    return;
  }
  if (ProjectFactsPath.empty()) {
    diag(At, "%0") << facts::conditionalMessage(wording::recordOf(Await, Usr))
                   << F.Io.Call->getSourceRange();
    return;
  }
  const facts::ProjectFacts *Facts = projectFacts();
  std::optional<facts::DecidedFinding> Decided = wording::decideAwait(
      Await, Facts ? Facts->boundingCallers(Usr) : nullptr);
  if (!Decided)
    return;
  diag(At, "%0") << Decided->Message << F.Io.Call->getSourceRange();
  SourceManager &SM = F.Coroutine->getASTContext().getSourceManager();
  for (const facts::DecidedNote &Note : Decided->Notes)
    if (SourceLocation Loc = utils::locationOfPlace(Note.At, SM); Loc.isValid())
      diag(Loc, "%0", DiagnosticIDs::Note) << Note.Message;
}

} // namespace clang::tidy::async
