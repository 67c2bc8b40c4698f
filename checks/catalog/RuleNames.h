//===--- RuleNames.h - Typed names of rules, options and API kinds -*- C++
//-*-===//
//
// The checks name rules, options and API kinds through constants generated
// from rules/ (GeneratedRuleNames.h), so that a misspelt name does not compile.
// These are their types; the constructors are explicit so that a string cannot
// stand in for a generated constant.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CATALOG_RULENAMES_H
#define ASYNC_LINT_CATALOG_RULENAMES_H

#include <string_view>

namespace async_lint::rules {

/// The id of a rule of rules/checks ("async-blocking-call").
struct CheckId {
  constexpr explicit CheckId(std::string_view Id) : Id(Id) {}
  std::string_view Id;
};

/// An option of one rule ("FollowCalls" of async-blocking-call).
struct OptionName {
  constexpr OptionName(CheckId Check, std::string_view Name)
      : Check(Check), Name(Name) {}
  CheckId Check;
  std::string_view Name;
};

/// An API kind: declared in rules/api-kinds.yaml ("task-types") or a rule's
/// category ("blocking-call-sleep").
struct ApiKindName {
  constexpr explicit ApiKindName(std::string_view Id) : Id(Id) {}
  std::string_view Id;
};

} // namespace async_lint::rules

#endif // ASYNC_LINT_CATALOG_RULENAMES_H
