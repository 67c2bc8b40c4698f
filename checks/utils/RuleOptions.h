//===--- RuleOptions.h - Check options with catalog defaults ----*- C++ -*-===//
//
// A check's options and their defaults are listed in its rule file; this
// reads every one of them once, in the check's constructor, and writes the
// same keys back in storeOptions, so they round-trip through --dump-config.
// It also reads the global option async-lint.Profiles and gives the catalog
// in effect: the built-in profiles and the user's, from which a check reads
// every API list it needs.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_RULEOPTIONS_H
#define ASYNC_LINT_CHECKS_UTILS_RULEOPTIONS_H

#include "../catalog/RuleCatalog.h"
#include "GeneratedRuleNames.h"
#include "QualifiedNameMatcher.h"

#include <memory>

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/StringMap.h"

namespace clang::tidy::async {
namespace catalog = ::async_lint::catalog;
namespace rules = ::async_lint::rules;
namespace api_kind = ::async_lint::rules::api_kind;
} // namespace clang::tidy::async

namespace clang::tidy::async::utils {

class RuleOptions {
public:
  /// A profile file that cannot be read or is invalid is reported through
  /// Context as a configuration error; the check then runs with the built-in
  /// catalog.
  RuleOptions(llvm::StringRef CheckId,
              const ClangTidyCheck::OptionsView &Options,
              ClangTidyContext *Context);

  const catalog::Rule &rule() const { return *Rule; }
  /// The built-in profiles and those of the user's profile files.
  const catalog::Catalog &catalog() const { return *Catalog; }
  /// The options are those of this rule: asking for another rule's option,
  /// or for the flag of an option that is not one, is a fatal error.
  bool flag(rules::OptionName Name) const;
  llvm::StringRef text(rules::OptionName Name) const;
  /// The ';'-separated items of a list option.
  std::vector<std::string> list(rules::OptionName Name) const;
  /// Every entry of an API kind in the catalog in effect.
  std::vector<const catalog::ApiEntry *> apis(rules::ApiKindName Kind) const {
    return Catalog->apis(Kind.Id);
  }
  /// Adds to Matcher every entry of an API kind, then the names that this
  /// rule's option ExtraOption adds to that kind.
  void addApis(QualifiedNameMatcher &Matcher, rules::ApiKindName Kind,
               rules::OptionName ExtraOption, unsigned Tag = 0) const {
    Matcher.addKind(*Catalog, Kind, list(ExtraOption), Tag);
  }

  void store(const ClangTidyCheck::OptionsView &Options,
             ClangTidyOptions::OptionMap &Map) const;

private:
  const catalog::Rule *Rule;
  std::shared_ptr<const catalog::Catalog> Catalog;
  llvm::StringMap<std::string> Values;
  llvm::StringMap<bool> Flags;
};

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_RULEOPTIONS_H
