//===--- RuleOptions.cpp - Check options with catalog defaults ------------===//

#include "RuleOptions.h"

#include "../catalog/UserProfiles.h"

#include "llvm/Support/ErrorHandling.h"

namespace clang::tidy::async::utils {

namespace {

std::optional<bool> parseFlag(llvm::StringRef Text) {
  if (Text.equals_insensitive("true") || Text == "1")
    return true;
  if (Text.equals_insensitive("false") || Text == "0")
    return false;
  return std::nullopt;
}

} // namespace

RuleOptions::RuleOptions(llvm::StringRef CheckId,
                         const ClangTidyCheck::OptionsView &Options,
                         ClangTidyContext *Context)
    : Rule(catalog::builtinCatalog().findRule(CheckId.str())) {
  if (!Rule)
    llvm::report_fatal_error(
        llvm::Twine("async-lint: no rule file in rules/checks for '") +
        CheckId + "'");
  llvm::StringRef Profiles =
      Options
          .getLocalOrGlobal(llvm::StringRef(catalog::ProfilesOption.data(),
                                            catalog::ProfilesOption.size()))
          .value_or("");
  auto Effective = catalog::effectiveCatalog(catalog::resolveProfilePaths(
      Profiles.str(), Context->getCurrentFile().str()));
  if (auto *Error = std::get_if<catalog::CatalogError>(&Effective)) {
    Context->configurationDiag("%0: %1 (named by option '%2')",
                               DiagnosticIDs::Error)
        << Error->Where.str() << Error->Message
        << catalog::ProfilesOption.data();
    Catalog = std::shared_ptr<const catalog::Catalog>(
        std::shared_ptr<const catalog::Catalog>(), &catalog::builtinCatalog());
  } else {
    Catalog = std::get<std::shared_ptr<const catalog::Catalog>>(Effective);
  }
  for (const catalog::RuleOption &Option : Rule->Options) {
    std::string Value = Options.get(Option.Name, Option.Default).str();
    if (std::optional<bool> DefaultFlag = parseFlag(Option.Default)) {
      // A flag: get<bool> reports a malformed value and gives nullopt.
      std::optional<bool> Given = Options.get<bool>(Option.Name);
      bool Flag = Given.value_or(*DefaultFlag);
      Flags[Option.Name] = Flag;
      Value = Flag ? "true" : "false";
    }
    Values[Option.Name] = std::move(Value);
  }
}

namespace {

[[noreturn]] void reportWrongOption(llvm::StringRef RuleId,
                                    rules::OptionName Name,
                                    llvm::StringRef Problem) {
  llvm::report_fatal_error(llvm::Twine("async-lint: option '") +
                           llvm::StringRef(Name.Name) + "' of '" +
                           llvm::StringRef(Name.Check.Id) + "' read by '" +
                           RuleId + "': " + Problem);
}

/// The value of option Name of rule RuleId in Map; asking for another
/// rule's option, or for one that Map lacks (Missing says why), is fatal.
template <typename T>
const T &valueOf(const llvm::StringMap<T> &Map, llvm::StringRef RuleId,
                 rules::OptionName Name, llvm::StringRef Missing) {
  if (llvm::StringRef(Name.Check.Id) != RuleId)
    reportWrongOption(RuleId, Name, "not an option of this rule");
  auto It = Map.find(llvm::StringRef(Name.Name));
  if (It == Map.end())
    reportWrongOption(RuleId, Name, Missing);
  return It->second;
}

} // namespace

bool RuleOptions::flag(rules::OptionName Name) const {
  return valueOf(Flags, Rule->Id, Name, "not a flag");
}

llvm::StringRef RuleOptions::text(rules::OptionName Name) const {
  return valueOf(Values, Rule->Id, Name, "not in the rule file");
}

std::vector<std::string> RuleOptions::list(rules::OptionName Name) const {
  return catalog::splitList(text(Name).str());
}

void RuleOptions::store(const ClangTidyCheck::OptionsView &Options,
                        ClangTidyOptions::OptionMap &Map) const {
  for (const catalog::RuleOption &Option : Rule->Options)
    Options.store(Map, Option.Name, Values.lookup(Option.Name));
}

} // namespace clang::tidy::async::utils
