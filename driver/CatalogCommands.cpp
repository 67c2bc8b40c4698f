//===--- CatalogCommands.cpp - --list-checks and --explain ----------------===//

#include "CatalogCommands.h"

#include "catalog/RuleCatalog.h"

#include "llvm/Support/Format.h"
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

bool explainCheck(llvm::StringRef CheckId) {
  const catalog::Catalog &Catalog = catalog::builtinCatalog();
  const catalog::Rule *Rule = Catalog.findRule(CheckId.str());
  if (!Rule) {
    auto &Out = llvm::WithColor::error(llvm::errs(), "async-lint")
                << "no check named '" << CheckId << "'";
    unsigned Best = 5;
    llvm::StringRef Closest;
    for (const catalog::Rule &Candidate : Catalog.rules()) {
      unsigned Distance = CheckId.edit_distance(Candidate.Id, true, Best);
      if (Distance < Best) {
        Best = Distance;
        Closest = Candidate.Id;
      }
    }
    if (!Closest.empty())
      Out << "; did you mean '" << Closest << "'?";
    Out << "\n";
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
  OS << "\nDocumentation: docs/checks/" << Rule->Id << ".md\n";
  return true;
}

} // namespace async_lint::driver
