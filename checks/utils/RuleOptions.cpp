//===--- RuleOptions.cpp - Check options with catalog defaults ------------===//

#include "RuleOptions.h"

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
                         const ClangTidyCheck::OptionsView &Options)
    : Rule(catalog::builtinCatalog().findRule(CheckId.str())) {
  if (!Rule)
    llvm::report_fatal_error(
        llvm::Twine("async-lint: no rule file in rules/checks for '") +
        CheckId + "'");
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

bool RuleOptions::flag(llvm::StringRef Name) const {
  auto It = Flags.find(Name);
  assert(It != Flags.end() && "not a flag option of this rule");
  return It->second;
}

llvm::StringRef RuleOptions::text(llvm::StringRef Name) const {
  auto It = Values.find(Name);
  assert(It != Values.end() && "not an option of this rule");
  return It->second;
}

std::vector<std::string> RuleOptions::list(llvm::StringRef Name) const {
  return catalog::splitList(text(Name).str());
}

void RuleOptions::store(const ClangTidyCheck::OptionsView &Options,
                        ClangTidyOptions::OptionMap &Map) const {
  for (const catalog::RuleOption &Option : Rule->Options)
    Options.store(Map, Option.Name, text(Option.Name));
}

} // namespace clang::tidy::async::utils
