//===--- RuleCatalogTest.cpp - The rule catalog parser --------------------===//

#include "catalog/RuleCatalog.h"

#include <gtest/gtest.h>

namespace async_lint::catalog {
namespace {

const char ValidRule[] = R"(id: async-demo
title: Demo
severity: warning
summary: one line
rationale: why
options:
  - name: Sleep
    default: 'true'
    description: on or off
  - name: ExtraSleepFunctions
    default: ''
    description: more names
categories:
  - id: sleep
    option: Sleep
    extra-option: ExtraSleepFunctions
    label: sleep
    alternative: await a timer
)";

const char ValidProfile[] = R"(profile: demo-runtime
title: Demo runtime
namespaces: ['boost::asio', 'asio']
apis:
  demo-sleep:
    - timer::wait
    - {name: socket, kind: construct, min-arguments: 1}
)";

std::variant<Catalog, CatalogError> parse(std::vector<CatalogSource> Sources) {
  return parseCatalog(Sources);
}

CatalogError errorOf(std::vector<CatalogSource> Sources) {
  auto Result = parse(std::move(Sources));
  EXPECT_TRUE(std::holds_alternative<CatalogError>(Result));
  if (auto *Error = std::get_if<CatalogError>(&Result))
    return *Error;
  return {};
}

TEST(RuleCatalog, ParsesRulesAndProfiles) {
  auto Result = parse({{"rules/checks/async-demo.yaml", ValidRule},
                       {"rules/profiles/demo.yaml", ValidProfile}});
  ASSERT_TRUE(std::holds_alternative<Catalog>(Result))
      << std::get<CatalogError>(Result).str();
  const Catalog &C = std::get<Catalog>(Result);
  const Rule *R = C.findRule("async-demo");
  ASSERT_NE(R, nullptr);
  EXPECT_EQ(R->Severity, "warning");
  ASSERT_NE(R->findOption("Sleep"), nullptr);
  EXPECT_EQ(R->findOption("Sleep")->Default, "true");
  ASSERT_EQ(R->Categories.size(), 1u);
  EXPECT_EQ(R->Categories[0].Alternative, "await a timer");

  // Each name is expanded into every namespace of the profile.
  std::vector<const ApiEntry *> Apis = C.apis("demo-sleep");
  ASSERT_EQ(Apis.size(), 4u);
  EXPECT_EQ(Apis[0]->QualifiedName, "boost::asio::timer::wait");
  EXPECT_EQ(Apis[1]->QualifiedName, "asio::timer::wait");
  EXPECT_EQ(Apis[2]->Kind, ApiEntryKind::Construct);
  EXPECT_EQ(Apis[2]->MinArguments, 1u);
  EXPECT_EQ(Apis[3]->QualifiedName, "asio::socket");
  EXPECT_EQ(Apis[0]->Profile, "demo-runtime");
}

TEST(RuleCatalog, UnknownKeyIsReportedWithPositionAndSuggestion) {
  std::string Text = ValidRule;
  Text.replace(Text.find("summary:"), 8, "sumary:");
  CatalogError Error = errorOf({{"rules/checks/async-demo.yaml", Text}});
  EXPECT_EQ(Error.Where.File, "rules/checks/async-demo.yaml");
  EXPECT_EQ(Error.Where.Line, 4u);
  EXPECT_EQ(Error.Where.Column, 1u);
  EXPECT_EQ(Error.str(), "rules/checks/async-demo.yaml:4:1: error: unknown key "
                         "'sumary' in a rule; did you mean 'summary'?");
}

TEST(RuleCatalog, MalformedYamlIsReportedWithPosition) {
  CatalogError Error =
      errorOf({{"bad.yaml", "id: async-x\ntitle: [unclosed\n"}});
  EXPECT_EQ(Error.Where.File, "bad.yaml");
  EXPECT_GE(Error.Where.Line, 2u);
  EXPECT_NE(Error.str().find("bad.yaml:"), std::string::npos);
}

TEST(RuleCatalog, CategoryMustNameAListedOption) {
  std::string Text = ValidRule;
  Text.replace(Text.find("option: Sleep"), 13, "option: Slep");
  CatalogError Error = errorOf({{"r.yaml", Text}});
  EXPECT_NE(Error.Message.find("names option 'Slep'"), std::string::npos)
      << Error.str();
}

TEST(RuleCatalog, SeverityIsValidated) {
  std::string Text = ValidRule;
  Text.replace(Text.find("severity: warning"), 17, "severity: fatal");
  CatalogError Error = errorOf({{"r.yaml", Text}});
  EXPECT_EQ(Error.Where.Line, 3u);
  EXPECT_EQ(Error.Message, "'severity' must be error, warning or note");
}

TEST(RuleCatalog, RulesAreOnByDefaultUnlessMarkedStrict) {
  auto Default = parse({{"r.yaml", ValidRule}});
  ASSERT_TRUE(std::holds_alternative<Catalog>(Default));
  EXPECT_TRUE(std::get<Catalog>(Default).findRule("async-demo")->EnabledByDefault);

  std::string Text = ValidRule;
  Text.replace(Text.find("rationale: why"), 14,
               "rationale: why\nenabled-by-default: false");
  auto Strict = parse({{"r.yaml", Text}});
  ASSERT_TRUE(std::holds_alternative<Catalog>(Strict))
      << std::get<CatalogError>(Strict).str();
  EXPECT_FALSE(std::get<Catalog>(Strict).findRule("async-demo")->EnabledByDefault);

  Text.replace(Text.find("false"), 5, "maybe");
  CatalogError Error = errorOf({{"r.yaml", Text}});
  EXPECT_EQ(Error.Where.Line, 6u);
  EXPECT_EQ(Error.Message, "'enabled-by-default' must be true or false");
}

TEST(RuleCatalog, ApiKindsMustBeDeclaredByARule) {
  std::string Profile = ValidProfile;
  Profile.replace(Profile.find("demo-sleep"), 10, "demo-slep");
  CatalogError Error =
      errorOf({{"rule.yaml", ValidRule}, {"profile.yaml", Profile}});
  EXPECT_EQ(Error.Where.File, "profile.yaml");
  EXPECT_EQ(Error.Where.Line, 5u);
  EXPECT_EQ(Error.Message,
            "unknown API kind 'demo-slep'; did you mean 'demo-sleep'?");
}

TEST(RuleCatalog, LeadingColonsAreRejected) {
  std::string Profile = ValidProfile;
  Profile.replace(Profile.find("timer::wait"), 11, "::timer::wait");
  CatalogError Error =
      errorOf({{"rule.yaml", ValidRule}, {"profile.yaml", Profile}});
  EXPECT_EQ(Error.Where.Line, 6u);
}

TEST(RuleCatalog, InterposedSymbolsAreAcceptedAndValidated) {
  std::string Profile = ValidProfile;
  Profile.replace(Profile.find("- timer::wait"), 13,
                  "- {name: timer::wait, interposed-symbols: [pthread_join]}");
  auto Result = parse({{"rule.yaml", ValidRule}, {"profile.yaml", Profile}});
  ASSERT_TRUE(std::holds_alternative<Catalog>(Result))
      << std::get<CatalogError>(Result).str();
  EXPECT_EQ(std::get<Catalog>(Result).apis("demo-sleep")[0]->QualifiedName,
            "boost::asio::timer::wait");

  Profile.replace(Profile.find("[pthread_join]"), 14, "['std::thread::join']");
  CatalogError Error =
      errorOf({{"rule.yaml", ValidRule}, {"profile.yaml", Profile}});
  EXPECT_EQ(Error.Where.Line, 6u);
  EXPECT_EQ(Error.Message, "'interposed-symbols' must list C symbol names, "
                           "not 'std::thread::join'");
}

TEST(RuleCatalog, DuplicateRuleIdsAreRejected) {
  CatalogError Error = errorOf({{"a.yaml", ValidRule}, {"b.yaml", ValidRule}});
  EXPECT_EQ(Error.Where.File, "b.yaml");
  EXPECT_EQ(Error.Message, "rule 'async-demo' is defined twice");
}

TEST(RuleCatalog, SharedApiKindsCanBeFilledByProfiles) {
  const char Kinds[] = "api-kinds:\n"
                       "  - id: task-types\n"
                       "    description: tasks\n";
  const char Profile[] = "profile: p\n"
                         "title: P\n"
                         "namespaces: [p]\n"
                         "apis:\n"
                         "  task-types: [task]\n";
  auto Result = parse({{"kinds.yaml", Kinds}, {"p.yaml", Profile}});
  ASSERT_TRUE(std::holds_alternative<Catalog>(Result))
      << std::get<CatalogError>(Result).str();
  const Catalog &C = std::get<Catalog>(Result);
  ASSERT_EQ(C.apiKinds().size(), 1u);
  ASSERT_EQ(C.apis("task-types").size(), 1u);
  EXPECT_EQ(C.apis("task-types")[0]->QualifiedName, "p::task");
}

TEST(RuleCatalog, KindsAreNamedAfterTheirCheckAndCategory) {
  EXPECT_EQ(checkKindOf("async-blocking-call"), "blocking-call");
  EXPECT_EQ(categoryKindOf("async-blocking-call", "sleep"),
            "blocking-call-sleep");
  auto Result = parse({{"rules/checks/async-demo.yaml", ValidRule}});
  ASSERT_TRUE(std::holds_alternative<Catalog>(Result));
  const Catalog &C = std::get<Catalog>(Result);
  EXPECT_TRUE(C.isApiKind("demo-sleep"));
  EXPECT_FALSE(C.isApiKind("demo"));
  EXPECT_TRUE(C.apis("demo-sleep").empty());
}

TEST(RuleCatalogDeathTest, AnUnknownApiKindIsAnError) {
  auto Result = parse({{"rules/checks/async-demo.yaml", ValidRule}});
  ASSERT_TRUE(std::holds_alternative<Catalog>(Result));
  // A misspelt kind must not read as a kind with no APIs.
  EXPECT_DEATH(std::get<Catalog>(Result).apis("demo-slep"),
               "unknown API kind 'demo-slep'");
}

TEST(RuleCatalog, TaskTypesTellWhenTheyStart) {
  const char Kinds[] = "api-kinds:\n"
                       "  - id: task-types\n"
                       "    description: tasks\n"
                       "  - id: spawn\n"
                       "    description: spawns\n";
  std::string Profile = "profile: p\n"
                        "title: P\n"
                        "namespaces: [p]\n"
                        "apis:\n"
                        "  task-types:\n"
                        "    - {name: lazy_task, start: lazy}\n"
                        "    - {name: promise, start: eager}\n"
                        "    - unsaid\n";
  auto Result = parse({{"kinds.yaml", Kinds}, {"p.yaml", Profile}});
  ASSERT_TRUE(std::holds_alternative<Catalog>(Result))
      << std::get<CatalogError>(Result).str();
  auto Tasks = std::get<Catalog>(Result).apis("task-types");
  ASSERT_EQ(Tasks.size(), 3u);
  EXPECT_EQ(Tasks[0]->Start, TaskStart::Lazy);
  EXPECT_EQ(Tasks[1]->Start, TaskStart::Eager);
  EXPECT_FALSE(Tasks[2]->Start.has_value());

  std::string Wrong = Profile;
  Wrong.replace(Wrong.find("start: eager"), 12, "start: soon");
  CatalogError Error = errorOf({{"kinds.yaml", Kinds}, {"p.yaml", Wrong}});
  EXPECT_EQ(Error.Where.Line, 7u);
  EXPECT_EQ(Error.Message, "'start' must be lazy or eager");

  Profile += "  spawn:\n    - {name: go, start: eager}\n";
  Error = errorOf({{"kinds.yaml", Kinds}, {"p.yaml", Profile}});
  EXPECT_EQ(Error.Message, "'start' is for 'task-types' entries only");
}

TEST(RuleCatalog, HintsAreKeyedByACategory) {
  std::string Profile = ValidProfile;
  Profile += "hints:\n"
             "  demo-sleep: await the demo timer\n";
  auto Result = parse({{"rule.yaml", ValidRule}, {"profile.yaml", Profile}});
  ASSERT_TRUE(std::holds_alternative<Catalog>(Result))
      << std::get<CatalogError>(Result).str();
  const catalog::Profile &P = std::get<Catalog>(Result).profiles()[0];
  ASSERT_EQ(P.Hints.count("demo-sleep"), 1u);
  EXPECT_EQ(P.Hints.at("demo-sleep").Text, "await the demo timer");

  // A check's own kind advises on all of its findings.
  std::string WholeCheck = ValidProfile;
  WholeCheck += "hints:\n"
                "  demo: use the demo mutex\n";
  Result = parse({{"rule.yaml", ValidRule}, {"profile.yaml", WholeCheck}});
  ASSERT_TRUE(std::holds_alternative<Catalog>(Result))
      << std::get<CatalogError>(Result).str();

  std::string WithFix = ValidProfile;
  WithFix += "hints:\n"
             "  demo-sleep:\n"
             "    text: await the demo timer\n"
             "    fix: {replace-callee-with: 'co_await demo::sleep', header: "
             "'demo/sleep.hpp', calls: ['asio::timer::wait']}\n";
  Result = parse({{"rule.yaml", ValidRule}, {"profile.yaml", WithFix}});
  ASSERT_TRUE(std::holds_alternative<Catalog>(Result))
      << std::get<CatalogError>(Result).str();
  const RuntimeHint &Hint =
      std::get<Catalog>(Result).profiles()[0].Hints.at("demo-sleep");
  EXPECT_EQ(Hint.FixReplaceCalleeWith, "co_await demo::sleep");
  EXPECT_EQ(Hint.FixHeader, "demo/sleep.hpp");
  EXPECT_EQ(Hint.FixCalls, std::vector<std::string>{"asio::timer::wait"});

  // A replacement fits the arguments of some calls only: a fix names them,
  // and each must be an API of the hint's category.
  std::string Unsaid = WithFix;
  Unsaid.replace(Unsaid.find(", calls: ['asio::timer::wait']"), 30, "");
  CatalogError Error =
      errorOf({{"rule.yaml", ValidRule}, {"profile.yaml", Unsaid}});
  EXPECT_EQ(Error.Message,
            "a fix needs 'calls', the APIs whose calls it replaces");
  std::string Misspelt = WithFix;
  Misspelt.replace(Misspelt.find("asio::timer::wait']"), 17,
                   "asio::timer::wiat");
  Error = errorOf({{"rule.yaml", ValidRule}, {"profile.yaml", Misspelt}});
  EXPECT_EQ(Error.Where.Line, 11u);
  EXPECT_EQ(Error.Message,
            "a fix for 'asio::timer::wiat', which is no API of 'demo-sleep'; "
            "did you mean 'asio::timer::wait'?");

  Profile.replace(Profile.find("demo-sleep: await"), 10, "demo-slep");
  Error = errorOf({{"rule.yaml", ValidRule}, {"profile.yaml", Profile}});
  EXPECT_EQ(Error.Where.Line, 9u);
  EXPECT_EQ(Error.Message, "a hint for 'demo-slep', which is no check's "
                           "category; did you mean 'demo-sleep'?");
}

TEST(RuleCatalog, MaxArgumentsLeavesOutTheOverloadWithACap) {
  std::string Profile = ValidProfile;
  Profile += "    - {name: gather, max-arguments: 1}\n";
  auto Result = parse({{"rule.yaml", ValidRule}, {"profile.yaml", Profile}});
  ASSERT_TRUE(std::holds_alternative<Catalog>(Result))
      << std::get<CatalogError>(Result).str();
  auto Entries = std::get<Catalog>(Result).apis("demo-sleep");
  ASSERT_EQ(Entries.size(), 6u);
  EXPECT_FALSE(Entries[0]->MaxArguments.has_value());
  EXPECT_EQ(Entries[4]->MaxArguments, 1u);
}

/// The built-in catalog of these tests: a rule and a profile.
Catalog baseCatalog() {
  auto Result = parse({{"rules/checks/async-demo.yaml", ValidRule},
                       {"rules/profiles/demo.yaml", ValidProfile}});
  EXPECT_TRUE(std::holds_alternative<Catalog>(Result));
  return std::get<Catalog>(std::move(Result));
}

TEST(RuleCatalog, UserProfilesAreValidatedLikeBuiltInOnes) {
  const Catalog Base = baseCatalog();
  const char Moraine[] = "profile: moraine\n"
                         "title: Moraine\n"
                         "namespaces: [moraine]\n"
                         "apis:\n"
                         "  demo-sleep: [block_for]\n"
                         "hints:\n"
                         "  demo-sleep: await moraine::sleep_for\n";
  auto Parsed = parseUserProfile(Base, {"/p/moraine.yaml", Moraine});
  ASSERT_TRUE(std::holds_alternative<Profile>(Parsed))
      << std::get<CatalogError>(Parsed).str();
  EXPECT_TRUE(std::get<Profile>(Parsed).UserDefined);
  auto Merged = withProfiles(Base, {std::get<Profile>(Parsed)});
  ASSERT_TRUE(std::holds_alternative<Catalog>(Merged));
  const Catalog &C = std::get<Catalog>(Merged);
  ASSERT_EQ(C.profiles().size(), 2u);
  EXPECT_FALSE(C.profiles()[0].UserDefined);
  auto Sleeps = C.apis("demo-sleep");
  ASSERT_EQ(Sleeps.size(), 5u);
  EXPECT_EQ(Sleeps[4]->QualifiedName, "moraine::block_for");
  EXPECT_EQ(Sleeps[4]->Profile, "moraine");

  auto ErrorOf = [&](const std::string &Text) {
    auto Result = parseUserProfile(Base, {"/p/moraine.yaml", Text});
    EXPECT_TRUE(std::holds_alternative<CatalogError>(Result));
    if (auto *Error = std::get_if<CatalogError>(&Result))
      return *Error;
    return CatalogError{};
  };
  std::string Text = Moraine;
  std::string Wrong = Text;
  Wrong.replace(Wrong.find("demo-sleep: [block"), 10, "demo-slep");
  CatalogError Error = ErrorOf(Wrong);
  EXPECT_EQ(Error.str(), "/p/moraine.yaml:5:3: error: unknown API kind "
                         "'demo-slep'; did you mean 'demo-sleep'?");
  Wrong = Text;
  Wrong.replace(Wrong.find("demo-sleep: await"), 10, "demo-slep");
  EXPECT_EQ(ErrorOf(Wrong).Message, "a hint for 'demo-slep', which is no "
                                    "check's category; did you mean "
                                    "'demo-sleep'?");
  Wrong = Text;
  Wrong.replace(Wrong.find("[block_for]"), 11, "[{name: t, start: soon}]");
  EXPECT_EQ(ErrorOf(Wrong).Message, "'start' is for 'task-types' entries only");
  Wrong = Text;
  Wrong.replace(Wrong.find("title"), 5, "titel");
  EXPECT_EQ(ErrorOf(Wrong).Message,
            "unknown key 'titel' in a profile; did you mean 'title'?");
  Error = ErrorOf("apis: [\n");
  EXPECT_EQ(Error.Where.File, "/p/moraine.yaml");
  EXPECT_NE(Error.Where.Line, 0u);
  EXPECT_EQ(ErrorOf("id: async-x\n").Message,
            "a profile file must be a mapping with a 'profile' (its id), "
            "'title', 'namespaces' and 'apis'");
}

TEST(RuleCatalog, UserProfileIdsAreTheirOwn) {
  const Catalog Base = baseCatalog();
  std::string Clash = ValidProfile;
  auto Result = parseUserProfile(Base, {"/p/demo.yaml", Clash});
  ASSERT_TRUE(std::holds_alternative<CatalogError>(Result));
  const CatalogError &Error = std::get<CatalogError>(Result);
  EXPECT_EQ(Error.Where.Line, 1u);
  EXPECT_EQ(Error.Where.Column, 10u);
  EXPECT_EQ(Error.Message,
            "profile 'demo-runtime' is already defined by "
            "rules/profiles/demo.yaml; a profile file describes a runtime of "
            "its own, so give it another id");

  const char Mine[] = "profile: mine\ntitle: M\nnamespaces: [m]\napis: {}\n";
  auto First = parseUserProfile(Base, {"/p/a.yaml", Mine});
  auto Second = parseUserProfile(Base, {"/p/b.yaml", Mine});
  ASSERT_TRUE(std::holds_alternative<Profile>(First));
  ASSERT_TRUE(std::holds_alternative<Profile>(Second));
  auto Merged = withProfiles(
      Base, {std::get<Profile>(First), std::get<Profile>(Second)});
  ASSERT_TRUE(std::holds_alternative<CatalogError>(Merged));
  EXPECT_EQ(std::get<CatalogError>(Merged).str(),
            "/p/b.yaml:1:1: error: profile 'mine' is already defined by "
            "/p/a.yaml");
}

TEST(RuleCatalog, FixesBelongToHintsNotToEntries) {
  // A fix is a runtime's advice, so an API entry no longer carries one.
  std::string Profile = ValidProfile;
  Profile.replace(Profile.find("- timer::wait"), 13,
                  "- {name: timer::wait, fix: {replace-callee-with: x}}");
  CatalogError Error = errorOf({{"profile.yaml", Profile}});
  EXPECT_EQ(Error.Where.Line, 6u);
  EXPECT_EQ(Error.Message.rfind("unknown key 'fix' in an API entry", 0), 0u)
      << Error.Message;
}

TEST(RuleCatalog, SplitListTrimsAndDropsEmptyItems) {
  EXPECT_EQ(splitList(" a::b ;c,, d* ;"),
            (std::vector<std::string>{"a::b", "c", "d*"}));
  EXPECT_TRUE(splitList("").empty());
}

} // namespace
} // namespace async_lint::catalog
