//===--- KeptParameterFactsTest.cpp - Kept parameters across files --------===//

#include "DanglingReferenceMessages.h"
#include "utils/ConditionalFindings.h"
#include "utils/ProjectFacts.h"

#include <gtest/gtest.h>

namespace async_lint::facts {
namespace {

namespace wording = dangling_reference_wording;

ParameterKeeping keeping(const std::string &Name, const std::string &File,
                         std::vector<unsigned> Kept,
                         std::vector<ForwardedParameter> Forwarded = {}) {
  return {"c:@F@" + Name, {File, 3, 17}, std::move(Kept), std::move(Forwarded)};
}

ForwardedParameter forwards(unsigned Index, const std::string &Callee,
                            unsigned CalleeIndex) {
  return {Index, "c:@F@" + Callee, CalleeIndex};
}

/// coroutines.cpp: lookup, a coroutine; lookup_copy, which copies its key;
/// relay.cpp: wrappers handing the key on to them, a wrapper handing it to
/// a function defined nowhere, and two wrappers that call each other.
std::vector<UnitFacts> twoFiles() {
  UnitFacts Coroutines;
  Coroutines.MainFile = "coroutines.cpp";
  Coroutines.KeptParameters = {keeping("lookup", "coroutines.cpp", {0, 1}),
                               keeping("lookup_copy", "coroutines.cpp", {})};
  UnitFacts Relay;
  Relay.MainFile = "relay.cpp";
  Relay.KeptParameters = {
      keeping("relay_keeping", "relay.cpp", {}, {forwards(0, "lookup", 1)}),
      keeping("relay_copying", "relay.cpp", {}, {forwards(0, "lookup_copy", 0)}),
      keeping("relay_remote", "relay.cpp", {}, {forwards(0, "remote", 0)}),
      keeping("ping", "relay.cpp", {}, {forwards(0, "pong", 0)}),
      keeping("pong", "relay.cpp", {}, {forwards(0, "ping", 0)})};
  return {Coroutines, Relay};
}

TEST(KeptParameterFactsTest, ClosedOverForwardedParameters) {
  ProjectFacts Project = ProjectFacts::merge(twoFiles());
  EXPECT_EQ(Project.keepsParameter("c:@F@lookup", 1), true);
  EXPECT_EQ(Project.keepsParameter("c:@F@lookup_copy", 0), false);
  EXPECT_EQ(Project.keepsParameter("c:@F@relay_keeping", 0), true);
  EXPECT_EQ(Project.keepsParameter("c:@F@relay_copying", 0), false);
  // Defined nowhere: presumed a coroutine, as a function only declared.
  EXPECT_EQ(Project.keepsParameter("c:@F@relay_remote", 0), true);
  EXPECT_EQ(Project.keepsParameter("c:@F@remote", 0), std::nullopt);
  // Recursive wrappers keep nothing they only forward to each other.
  EXPECT_EQ(Project.keepsParameter("c:@F@ping", 0), false);
  EXPECT_EQ(Project.keepsParameter("c:@F@pong", 0), false);
}

TEST(KeptParameterFactsTest, OrderOfUnitsDoesNotMatter) {
  std::vector<UnitFacts> Units = twoFiles();
  std::vector<UnitFacts> Reversed(Units.rbegin(), Units.rend());
  EXPECT_EQ(ProjectFacts::merge(Units).toJson(),
            ProjectFacts::merge(Reversed).toJson());
}

TEST(KeptParameterFactsTest, HeaderFunctionSeenByTwoUnitsIsMergedAmbiguousIsNot) {
  UnitFacts A, B;
  // Inline in a header: one unit sees the coroutine it calls, the other
  // only its declaration.
  A.KeptParameters = {keeping("inline_relay", "relay.h", {0})};
  B.KeptParameters = {
      keeping("inline_relay", "relay.h", {}, {forwards(0, "lookup_copy", 0)}),
      keeping("lookup_copy", "coroutines.cpp", {}),
      keeping("helper", "tool_a.cpp", {})};
  UnitFacts C;
  C.KeptParameters = {keeping("helper", "tool_b.cpp", {})};
  ProjectFacts Project = ProjectFacts::merge({A, B, C});
  EXPECT_EQ(Project.keepsParameter("c:@F@inline_relay", 0), true);
  // Two definitions: which one a call reaches is unknown.
  EXPECT_EQ(Project.keepsParameter("c:@F@helper", 0), std::nullopt);
}

TEST(KeptParameterFactsTest, RoundTripsThroughJson) {
  std::vector<UnitFacts> Units = twoFiles();
  auto Unit = unitFactsFromJson(toJson(Units[1]), "relay.json");
  ASSERT_TRUE(bool(Unit)) << llvm::toString(Unit.takeError());
  EXPECT_EQ(toJson(*Unit), toJson(Units[1]));
  ProjectFacts Project = ProjectFacts::merge(Units);
  auto Back = ProjectFacts::fromJson(Project.toJson(), "merged.json");
  ASSERT_TRUE(bool(Back)) << llvm::toString(Back.takeError());
  EXPECT_EQ(Back->keepsParameter("c:@F@relay_keeping", 0), true);
  EXPECT_EQ(Back->keepsParameter("c:@F@relay_copying", 0), false);
  EXPECT_EQ(Back->toJson(), Project.toJson());
}

TEST(KeptParameterFactsTest, MalformedKeptListIsNamed) {
  auto Unit = unitFactsFromJson(
      R"({"version": 1, "main-file": "a.cpp", "inputs": "", "functions": [],
          "coroutine-callees": [],
          "kept-parameters": [{"usr": "c:@F@f", "file": "a.cpp", "line": 1,
                               "column": 1, "kept": ["zero"],
                               "forwarded": []}]})",
      "a.json");
  ASSERT_FALSE(bool(Unit));
  EXPECT_EQ(llvm::toString(Unit.takeError()),
            "a.json: a kept parameter: 'kept' must be a list of non-negative "
            "integers");
}

TEST(KeptParameterFactsTest, FileNameOfAPart) {
  EXPECT_EQ(unitFactsFileName("/src/main.cpp", KeptParametersPart),
            llvm::StringRef(unitFactsFileName("/src/main.cpp"))
                    .drop_back(5)
                    .str() +
                ".kept-parameters.json");
}

wording::KeptArgument temporaryPassedTo(const std::string &Callee) {
  return {"reference",
          "full-expression",
          {"'key'", "'" + Callee + "'"},
          {{"c:@F@" + Callee, 0}}};
}

TEST(KeptParameterFactsTest, KeptArgumentIsWordedAsTheCheckWordsIt) {
  ProjectFacts Project = ProjectFacts::merge(twoFiles());
  std::optional<DecidedFinding> Kept =
      decide(wording::recordOf(temporaryPassedTo("relay_keeping")), Project);
  ASSERT_TRUE(Kept.has_value());
  EXPECT_EQ(Kept->Message,
            "a temporary is bound to reference parameter 'key' of "
            "'relay_keeping', but the task outlives it: the temporary is "
            "destroyed at the end of the full expression");
  EXPECT_TRUE(Kept->Notes.empty());

  wording::KeptArgument Local{"view",
                              "finishes",
                              {"'name'", "'key'", "'lookup'", "'handler'"},
                              {{"c:@F@lookup", 1}}};
  Kept = decide(wording::recordOf(Local), Project);
  ASSERT_TRUE(Kept.has_value());
  EXPECT_EQ(Kept->Message,
            "a view of 'name' is bound to view parameter 'key' of 'lookup', "
            "but the task outlives it: 'name' is destroyed when 'handler' "
            "finishes");
}

TEST(KeptParameterFactsTest, CopiedArgumentIsDroppedUnknownCalleeIsNot) {
  ProjectFacts Project = ProjectFacts::merge(twoFiles());
  EXPECT_FALSE(
      decide(wording::recordOf(temporaryPassedTo("relay_copying")), Project));
  EXPECT_FALSE(
      decide(wording::recordOf(temporaryPassedTo("lookup_copy")), Project));
  EXPECT_TRUE(decide(wording::recordOf(temporaryPassedTo("remote")), Project));
  // A record that went through the diagnostic's message is decided alike.
  auto Parsed = parseConditionalMessage(
      conditionalMessage(wording::recordOf(temporaryPassedTo("lookup_copy"))));
  ASSERT_TRUE(Parsed.has_value());
  EXPECT_EQ(Parsed->Predicate, "keeps-reference-argument");
  EXPECT_FALSE(decide(*Parsed, Project));
}

} // namespace
} // namespace async_lint::facts
