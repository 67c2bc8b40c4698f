//===--- DanglingReferenceProjectFacts.cpp - Kept parameters across files -===//

#include "DanglingReferenceCheck.h"
#include "DanglingReferenceMessages.h"
#include "utils/CoroutineUtils.h"
#include "utils/ProjectFactsAccess.h"

namespace clang::tidy::async {

namespace facts = async_lint::facts;
namespace wording = async_lint::dangling_reference_wording;

void DanglingReferenceCheck::readProjectFactsOptions() {
  FactsDirectory = Options.getLocalOrGlobal(facts::FactsDirectoryOption, "");
  ProjectFactsPath = Options.getLocalOrGlobal(facts::ProjectFactsOption, "");
  // With merged facts the check decides at the call.
  RecordConditional =
      ProjectFactsPath.empty() &&
      Options.getLocalOrGlobal(facts::ConditionalFindingsOption, false);
}

void DanglingReferenceCheck::registerPPCallbacks(const SourceManager &SM,
                                                 Preprocessor *,
                                                 Preprocessor *) {
  Sources = &SM;
}

void DanglingReferenceCheck::onStartOfTranslationUnit() {
  Unit = facts::UnitFacts();
}

void DanglingReferenceCheck::onEndOfTranslationUnit() {
  // Written even when empty: it replaces the facts of an earlier analysis.
  if (!FactsDirectory.empty() && Sources)
    if (llvm::Error E = utils::writeUnitFactsPart(std::move(Unit),
                                                  facts::KeptParametersPart,
                                                  FactsDirectory, *Sources))
      configurationDiag("%0", DiagnosticIDs::Error)
          << llvm::toString(std::move(E));
  Unit = facts::UnitFacts();
}

void DanglingReferenceCheck::recordFacts(const FunctionDecl &Function) {
  // Templates and lambdas are seen with their bodies wherever they are
  // called; a local class's members cannot be called from elsewhere.
  if (Function.isDependentContext() || Function.isTemplateInstantiation() ||
      utils::isLambdaCallOperator(Function) ||
      Function.getParentFunctionOrMethod() ||
      !Function.doesThisDeclarationHaveABody())
    return;
  utils::AwaitableKind Kind = Awaitables.classify(Function.getReturnType());
  if (Kind != utils::AwaitableKind::LazyTask &&
      Kind != utils::AwaitableKind::EagerTask)
    return;
  utils::ReferenceBinding Bindings(ViewTypes, Function);
  KeptParameters Keeper(Awaitables, Bindings);
  facts::ParameterKeeping Facts;
  bool TakesReferences = false;
  for (unsigned I = 0; I < Function.getNumParams(); ++I) {
    if (!Bindings.bindingOf(Function.getParamDecl(I)->getType()))
      continue;
    TakesReferences = true;
    KeptParameters::Keeping Keeping = Keeper.keeps(Function, I);
    if (Keeping.Keeps)
      Facts.Kept.push_back(I);
    for (const auto &[Usr, Index] : usrsOf(Keeping.IfKept))
      Facts.Forwarded.push_back({I, Usr, Index});
  }
  Facts.Usr = utils::usrOf(*Function.getCanonicalDecl());
  if (!TakesReferences || Facts.Usr.empty())
    return;
  Facts.Definition = utils::placeOf(
      Function.getLocation(), Function.getASTContext().getSourceManager());
  Unit.KeptParameters.push_back(std::move(Facts));
}

std::vector<std::pair<std::string, unsigned>> DanglingReferenceCheck::usrsOf(
    llvm::ArrayRef<KeptParameters::DeclaredParameter> Parameters) {
  std::vector<std::pair<std::string, unsigned>> Usrs;
  for (const auto &[Function, Index] : Parameters)
    Usrs.push_back({utils::usrOf(*Function->getCanonicalDecl()), Index});
  return Usrs;
}

DanglingReferenceCheck::AcrossFiles DanglingReferenceCheck::acrossFiles(
    llvm::ArrayRef<KeptParameters::DeclaredParameter> IfKept) {
  if (RecordConditional)
    return AcrossFiles::Record;
  if (ProjectFactsPath.empty())
    return AcrossFiles::Report;
  const facts::ProjectFacts *Project =
      Merged.get(ProjectFactsPath, [&](const std::string &Error) {
        configurationDiag("%0", DiagnosticIDs::Error) << Error;
      });
  // Without the facts, as without the option.
  if (!Project || wording::anyKept(usrsOf(IfKept), *Project))
    return AcrossFiles::Report;
  return AcrossFiles::Drop;
}

} // namespace clang::tidy::async
