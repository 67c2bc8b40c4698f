//===--- RuleCatalog.cpp - The rule catalog read from rules/ --------------===//

#include "RuleCatalog.h"
#include "CatalogParsing.h"
#include "Suggestions.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <set>

namespace async_lint::catalog {

std::string SourcePosition::str() const {
  if (Line == 0)
    return File;
  return File + ":" + std::to_string(Line) + ":" + std::to_string(Column);
}

std::string CatalogError::str() const {
  return Where.str() + ": error: " + Message;
}

const RuleOption *Rule::findOption(std::string_view Name) const {
  for (const RuleOption &Option : Options)
    if (Option.Name == Name)
      return &Option;
  return nullptr;
}

const Rule *Catalog::findRule(std::string_view Id) const {
  for (const Rule &R : Rules)
    if (R.Id == Id)
      return &R;
  return nullptr;
}

bool Catalog::isApiKind(std::string_view Kind) const {
  for (const ApiKind &Declared : ApiKinds)
    if (Declared.Id == Kind)
      return true;
  for (const Rule &R : Rules)
    for (const ApiCategory &Category : R.Categories)
      if (categoryKindOf(R.Id, Category.Id) == Kind)
        return true;
  return false;
}

std::vector<const ApiEntry *> Catalog::apis(std::string_view Kind) const {
  if (!isApiKind(Kind)) {
    std::fprintf(stderr,
                 "async-lint: internal error: unknown API kind '%.*s'\n",
                 static_cast<int>(Kind.size()), Kind.data());
    std::abort();
  }
  std::vector<const ApiEntry *> Result;
  for (const Profile &P : Profiles) {
    auto It = P.Apis.find(std::string(Kind));
    if (It == P.Apis.end())
      continue;
    for (const ApiEntry &Entry : It->second)
      Result.push_back(&Entry);
  }
  return Result;
}

std::string checkKindOf(std::string_view RuleId) {
  constexpr std::string_view Prefix = "async-";
  if (RuleId.substr(0, Prefix.size()) == Prefix)
    RuleId.remove_prefix(Prefix.size());
  return std::string(RuleId);
}

std::string categoryKindOf(std::string_view RuleId,
                           std::string_view CategoryId) {
  return checkKindOf(RuleId) + "-" + std::string(CategoryId);
}

std::vector<std::string> splitList(std::string_view Value) {
  std::vector<std::string> Items;
  size_t Start = 0;
  while (Start <= Value.size()) {
    size_t End = Value.find_first_of(";,", Start);
    if (End == std::string_view::npos)
      End = Value.size();
    std::string_view Item = Value.substr(Start, End - Start);
    while (!Item.empty() && (Item.front() == ' ' || Item.front() == '\t' ||
                             Item.front() == '\n'))
      Item.remove_prefix(1);
    while (!Item.empty() &&
           (Item.back() == ' ' || Item.back() == '\t' || Item.back() == '\n'))
      Item.remove_suffix(1);
    if (!Item.empty())
      Items.emplace_back(Item);
    Start = End + 1;
  }
  return Items;
}

// What the parsers of rules and of profiles share (CatalogParsing.h).
namespace parsing {

[[noreturn]] void reject(const YAML::Node &Node, std::string Message) {
  throw Rejection{Node.Mark(), std::move(Message)};
}

void rejectUnknownKeys(const YAML::Node &Map,
                       const std::vector<std::string> &Allowed,
                       const std::string &What) {
  for (const auto &Item : Map) {
    std::string Key = Item.first.as<std::string>();
    if (std::find(Allowed.begin(), Allowed.end(), Key) != Allowed.end())
      continue;
    std::string Message = "unknown key '" + Key + "' in " + What;
    Message += didYouMean(Key, Allowed);
    reject(Item.first, Message);
  }
}

const YAML::Node &expectMap(const YAML::Node &Node, const std::string &What) {
  if (!Node.IsMap())
    reject(Node, What + " must be a mapping");
  return Node;
}

std::string requireString(const YAML::Node &Map, const std::string &Key,
                          const std::string &What) {
  YAML::Node Value = Map[Key];
  if (!Value)
    reject(Map, What + " needs a '" + Key + "'");
  if (!Value.IsScalar())
    reject(Value, "'" + Key + "' in " + What + " must be a string");
  std::string Text = Value.as<std::string>();
  if (Text.empty())
    reject(Value, "'" + Key + "' in " + What + " must not be empty");
  return Text;
}

std::string optionalString(const YAML::Node &Map, const std::string &Key,
                           const std::string &What) {
  YAML::Node Value = Map[Key];
  if (!Value)
    return {};
  if (!Value.IsScalar())
    reject(Value, "'" + Key + "' in " + What + " must be a string");
  return Value.as<std::string>();
}

std::vector<std::string> stringList(const YAML::Node &Node,
                                    const std::string &What) {
  if (!Node.IsSequence())
    reject(Node, What + " must be a list of strings");
  std::vector<std::string> Items;
  for (const YAML::Node &Item : Node) {
    if (!Item.IsScalar())
      reject(Item, What + " must be a list of strings");
    Items.push_back(Item.as<std::string>());
  }
  return Items;
}

SourcePosition positionOf(const std::string &File, const YAML::Mark &Mark) {
  if (Mark.is_null())
    return {File, 0, 0};
  return {File, static_cast<unsigned>(Mark.line + 1),
          static_cast<unsigned>(Mark.column + 1)};
}

} // namespace parsing

namespace {

using namespace parsing;

std::vector<RuleExample> parseExamples(const YAML::Node &Node,
                                       const std::string &What) {
  if (!Node.IsSequence())
    reject(Node, What + " must be a list");
  std::vector<RuleExample> Examples;
  for (const YAML::Node &Item : Node) {
    expectMap(Item, "an example");
    rejectUnknownKeys(Item, {"title", "code"}, "an example");
    Examples.push_back({requireString(Item, "title", "an example"),
                        requireString(Item, "code", "an example")});
  }
  return Examples;
}

Rule parseRule(const YAML::Node &Root, const std::string &File) {
  const std::string What = "a rule";
  rejectUnknownKeys(Root,
                    {"id", "title", "severity", "summary", "rationale",
                     "enabled-by-default", "options", "categories", "examples"},
                    What);
  Rule R;
  R.Where = positionOf(File, Root.Mark());
  R.Id = requireString(Root, "id", What);
  if (R.Id.rfind("async-", 0) != 0)
    reject(Root["id"], "a rule id must start with 'async-'");
  R.Title = requireString(Root, "title", What);
  R.Severity = requireString(Root, "severity", What);
  if (R.Severity != "error" && R.Severity != "warning" && R.Severity != "note")
    reject(Root["severity"], "'severity' must be error, warning or note");
  R.Summary = requireString(Root, "summary", What);
  if (R.Summary.find('\n') != std::string::npos)
    reject(Root["summary"], "'summary' must fit on one line");
  R.Rationale = requireString(Root, "rationale", What);
  if (YAML::Node Enabled = Root["enabled-by-default"]) {
    std::string Text = optionalString(Root, "enabled-by-default", What);
    if (Text != "true" && Text != "false")
      reject(Enabled, "'enabled-by-default' must be true or false");
    R.EnabledByDefault = Text == "true";
  }

  if (YAML::Node Options = Root["options"]) {
    if (!Options.IsSequence())
      reject(Options, "'options' must be a list");
    for (const YAML::Node &Item : Options) {
      expectMap(Item, "an option");
      rejectUnknownKeys(Item, {"name", "default", "description"}, "an option");
      RuleOption Option;
      Option.Name = requireString(Item, "name", "an option");
      if (!Item["default"])
        reject(Item, "option '" + Option.Name + "' needs a 'default'");
      Option.Default = optionalString(Item, "default", "an option");
      Option.Description = requireString(Item, "description", "an option");
      if (R.findOption(Option.Name))
        reject(Item, "option '" + Option.Name + "' is listed twice");
      R.Options.push_back(std::move(Option));
    }
  }

  if (YAML::Node Categories = Root["categories"]) {
    if (!Categories.IsSequence())
      reject(Categories, "'categories' must be a list");
    for (const YAML::Node &Item : Categories) {
      const std::string CategoryWhat = "a category";
      expectMap(Item, CategoryWhat);
      rejectUnknownKeys(
          Item, {"id", "option", "extra-option", "label", "alternative"},
          CategoryWhat);
      ApiCategory Category;
      Category.Id = requireString(Item, "id", CategoryWhat);
      Category.Option = requireString(Item, "option", CategoryWhat);
      Category.ExtraOption = requireString(Item, "extra-option", CategoryWhat);
      Category.Label = requireString(Item, "label", CategoryWhat);
      Category.Alternative = requireString(Item, "alternative", CategoryWhat);
      for (const std::string *OptionName :
           {&Category.Option, &Category.ExtraOption})
        if (!R.findOption(*OptionName))
          reject(Item, "category '" + Category.Id + "' names option '" +
                           *OptionName + "', which 'options' does not list");
      R.Categories.push_back(std::move(Category));
    }
  }

  if (YAML::Node Examples = Root["examples"]) {
    expectMap(Examples, "'examples'");
    rejectUnknownKeys(Examples, {"bad", "good"}, "'examples'");
    if (YAML::Node Bad = Examples["bad"])
      R.BadExamples = parseExamples(Bad, "'examples.bad'");
    if (YAML::Node Good = Examples["good"])
      R.GoodExamples = parseExamples(Good, "'examples.good'");
  }
  return R;
}

/// Every API kind a profile used is declared, and every hint is keyed by a
/// check's category.
std::optional<CatalogError>
checkKindsAndHints(const Catalog &C, const std::vector<PendingKind> &KindsUsed,
                   const std::vector<PendingKind> &HintsUsed,
                   const std::vector<PendingFixCall> &FixCallsUsed,
                   const Profile *Added = nullptr) {
  std::vector<std::string> KnownKinds;
  std::vector<std::string> CategoryKinds;
  for (const Rule &R : C.rules())
    for (const ApiCategory &Category : R.Categories)
      CategoryKinds.push_back(categoryKindOf(R.Id, Category.Id));
  KnownKinds = CategoryKinds;
  for (const ApiKind &Kind : C.apiKinds())
    KnownKinds.push_back(Kind.Id);
  for (const PendingKind &Used : KindsUsed) {
    if (std::find(KnownKinds.begin(), KnownKinds.end(), Used.Kind) !=
        KnownKinds.end())
      continue;
    std::string Message = "unknown API kind '" + Used.Kind + "'";
    Message += didYouMean(Used.Kind, KnownKinds);
    return CatalogError{positionOf(Used.File, Used.Mark), Message};
  }
  // A hint replaces a category's alternative, so it is keyed by one, or
  // advises on a check's findings as a whole, keyed by the check's kind
  // ("lock-across-suspension").
  std::vector<std::string> HintKinds = CategoryKinds;
  for (const Rule &R : C.rules())
    HintKinds.push_back(checkKindOf(R.Id));
  for (const PendingKind &Used : HintsUsed) {
    if (std::find(HintKinds.begin(), HintKinds.end(), Used.Kind) !=
        HintKinds.end())
      continue;
    std::string Message =
        "a hint for '" + Used.Kind + "', which is no check's category";
    Message += didYouMean(Used.Kind, HintKinds);
    return CatalogError{positionOf(Used.File, Used.Mark), Message};
  }
  for (const PendingFixCall &Used : FixCallsUsed) {
    std::vector<std::string> Names;
    // A hint may be keyed by a check kind, which is no API kind: look the
    // entries up without Catalog::apis, which insists on an API kind.
    for (const Profile &P : C.profiles())
      if (auto It = P.Apis.find(Used.Kind); It != P.Apis.end())
        for (const ApiEntry &Entry : It->second)
          Names.push_back(Entry.QualifiedName);
    if (Added)
      if (auto It = Added->Apis.find(Used.Kind); It != Added->Apis.end())
        for (const ApiEntry &Entry : It->second)
          Names.push_back(Entry.QualifiedName);
    if (std::find(Names.begin(), Names.end(), Used.Name) != Names.end())
      continue;
    std::string Message =
        "a fix for '" + Used.Name + "', which is no API of '" + Used.Kind + "'";
    Message += didYouMean(Used.Name, Names);
    return CatalogError{positionOf(Used.File, Used.Mark), Message};
  }
  return std::nullopt;
}

} // namespace

std::variant<Catalog, CatalogError>
parseCatalog(const std::vector<CatalogSource> &Sources) {
  Catalog Result;
  std::vector<PendingKind> KindsUsed;
  std::vector<PendingKind> HintsUsed;
  std::vector<PendingFixCall> FixCallsUsed;
  for (const CatalogSource &Source : Sources) {
    try {
      YAML::Node Root = YAML::Load(Source.Text);
      if (!Root.IsMap())
        reject(Root, "a catalog file must be a mapping with an 'id' (a rule), "
                     "a 'profile' (a runtime profile) or 'api-kinds'");
      if (Root["id"]) {
        Rule R = parseRule(Root, Source.Path);
        if (Result.findRule(R.Id))
          reject(Root["id"], "rule '" + R.Id + "' is defined twice");
        Result.Rules.push_back(std::move(R));
      } else if (Root["api-kinds"]) {
        rejectUnknownKeys(Root, {"api-kinds"}, "an API kind list");
        YAML::Node Kinds = Root["api-kinds"];
        if (!Kinds.IsSequence())
          reject(Kinds, "'api-kinds' must be a list");
        for (const YAML::Node &Item : Kinds) {
          expectMap(Item, "an API kind");
          rejectUnknownKeys(Item, {"id", "description"}, "an API kind");
          Result.ApiKinds.push_back(
              {requireString(Item, "id", "an API kind"),
               requireString(Item, "description", "an API kind"),
               positionOf(Source.Path, Item.Mark())});
        }
      } else if (Root["profile"]) {
        Result.Profiles.push_back(parseProfile(Root, Source.Path, KindsUsed,
                                               HintsUsed, FixCallsUsed));
      } else {
        reject(Root, "a catalog file must have an 'id' (a rule), a "
                     "'profile' (a runtime profile) or 'api-kinds'");
      }
    } catch (const Rejection &Error) {
      return CatalogError{positionOf(Source.Path, Error.Mark), Error.Message};
    } catch (const YAML::Exception &Error) {
      return CatalogError{positionOf(Source.Path, Error.mark), Error.msg};
    }
  }

  if (std::optional<CatalogError> Error =
          checkKindsAndHints(Result, KindsUsed, HintsUsed, FixCallsUsed))
    return *Error;
  return Result;
}

std::variant<Profile, CatalogError>
parseUserProfile(const Catalog &Base, const CatalogSource &Source) {
  std::vector<PendingKind> KindsUsed;
  std::vector<PendingKind> HintsUsed;
  std::vector<PendingFixCall> FixCallsUsed;
  Profile P;
  try {
    YAML::Node Root = YAML::Load(Source.Text);
    if (!Root.IsMap() || !Root["profile"])
      reject(Root, "a profile file must be a mapping with a 'profile' (its "
                   "id), 'title', 'namespaces' and 'apis'");
    P = parseProfile(Root, Source.Path, KindsUsed, HintsUsed, FixCallsUsed);
    for (const Profile &Known : Base.profiles())
      if (Known.Id == P.Id)
        reject(Root["profile"],
               "profile '" + P.Id + "' is already defined by " +
                   Known.Where.File +
                   "; a profile file describes a runtime of its own, so give "
                   "it another id");
  } catch (const Rejection &Error) {
    return CatalogError{positionOf(Source.Path, Error.Mark), Error.Message};
  } catch (const YAML::Exception &Error) {
    return CatalogError{positionOf(Source.Path, Error.mark), Error.msg};
  }
  if (std::optional<CatalogError> Error =
          checkKindsAndHints(Base, KindsUsed, HintsUsed, FixCallsUsed, &P))
    return *Error;
  P.UserDefined = true;
  return P;
}

std::variant<Catalog, CatalogError> withProfiles(const Catalog &Base,
                                                 std::vector<Profile> Added) {
  Catalog Result = Base;
  for (Profile &P : Added) {
    for (const Profile &Known : Result.Profiles)
      if (Known.Id == P.Id)
        return CatalogError{P.Where, "profile '" + P.Id +
                                         "' is already defined by " +
                                         Known.Where.File};
    Result.Profiles.push_back(std::move(P));
  }
  return Result;
}

} // namespace async_lint::catalog
