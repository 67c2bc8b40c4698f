//===--- CatalogCommands.cpp - --list-checks and --explain ----------------===//

#include "CatalogCommands.h"

#include "catalog/RuleCatalog.h"
#include "catalog/Suggestions.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

namespace async_lint::driver {

void listChecks(const std::vector<std::string> &EnabledChecks) {
  size_t Width = 0;
  for (const std::string &Id : EnabledChecks)
    Width = std::max(Width, Id.size());
  for (const std::string &Id : EnabledChecks) {
    const catalog::Rule *Rule = catalog::builtinCatalog().findRule(Id);
    llvm::outs() << llvm::left_justify(Id, Width) << "  "
                 << llvm::left_justify(Rule ? Rule->Severity : "warning", 7)
                 << "  " << (Rule ? Rule->Summary : "") << "\n";
  }
}

void listProfiles(const catalog::Catalog &Catalog) {
  size_t IdWidth = 0;
  size_t TitleWidth = 0;
  for (const catalog::Profile &Profile : Catalog.profiles()) {
    IdWidth = std::max(IdWidth, Profile.Id.size());
    TitleWidth = std::max(TitleWidth, Profile.Title.size());
  }
  for (const catalog::Profile &Profile : Catalog.profiles())
    llvm::outs() << llvm::left_justify(Profile.Id, IdWidth) << "  "
                 << llvm::left_justify(Profile.Title, TitleWidth) << "  "
                 << Profile.Where.File
                 << (Profile.UserDefined ? "" : " (built in)") << "\n";
}

/// The check's page: installed beside the driver (<prefix>/bin/../share/doc/
/// async-lint/checks), else in the source tree a build-tree driver came from.
static std::string documentationPage(llvm::StringRef CheckId) {
  std::string Page = (CheckId + ".md").str();
  std::string Driver = llvm::sys::fs::getMainExecutable(nullptr, nullptr);
  llvm::SmallString<256> Installed(llvm::sys::path::parent_path(Driver));
  llvm::sys::path::append(Installed, ASYNC_LINT_BINDIR_TO_DOCDIR, "checks",
                          Page);
  llvm::sys::path::remove_dots(Installed, /*remove_dot_dot=*/true);
  if (llvm::sys::fs::exists(Installed))
    return std::string(Installed);
  llvm::SmallString<256> Source(ASYNC_LINT_SOURCE_DOCS_DIR);
  llvm::sys::path::append(Source, "checks", Page);
  if (llvm::sys::fs::exists(Source))
    return std::string(Source);
  return "docs/checks/" + Page;
}

bool explainCheck(llvm::StringRef CheckId) {
  const catalog::Catalog &Catalog = catalog::builtinCatalog();
  const catalog::Rule *Rule = Catalog.findRule(CheckId.str());
  if (!Rule) {
    auto &Out = llvm::WithColor::error(llvm::errs(), "async-lint")
                << "no check named '" << CheckId << "'";
    std::vector<std::string> Ids;
    for (const catalog::Rule &Candidate : Catalog.rules())
      Ids.push_back(Candidate.Id);
    Out << catalog::didYouMean(CheckId, Ids, {.EditsBelow = 5}) << "\n";
    return false;
  }
  llvm::raw_ostream &OS = llvm::outs();
  OS << Rule->Id << ": " << Rule->Title << " (" << Rule->Severity << ")\n\n";
  if (!Rule->EnabledByDefault)
    OS << "Strict: off by default; enable it with --checks=" << Rule->Id
       << " or --checks='async-*'.\n\n";
  OS << Rule->Rationale << "\n";
  if (!Rule->Options.empty()) {
    OS << "\nOptions:\n";
    for (const catalog::RuleOption &Option : Rule->Options)
      OS << "  " << Option.Name << " (default '" << Option.Default
         << "'): " << Option.Description << "\n";
  }
  auto PrintExamples = [&](llvm::StringRef Heading,
                           const std::vector<catalog::RuleExample> &Examples) {
    for (const catalog::RuleExample &Example : Examples) {
      OS << "\n" << Heading << ": " << Example.Title << "\n";
      llvm::SmallVector<llvm::StringRef, 16> Lines;
      llvm::StringRef(Example.Code).rtrim().split(Lines, '\n');
      for (llvm::StringRef Line : Lines)
        OS << "    " << Line << "\n";
    }
  };
  PrintExamples("Bad", Rule->BadExamples);
  PrintExamples("Good", Rule->GoodExamples);
  OS << "\nDocumentation: " << documentationPage(Rule->Id) << "\n";
  return true;
}

} // namespace async_lint::driver
