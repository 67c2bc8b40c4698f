//===--- ConditionalFindingsTest.cpp - Findings the project decides -------===//

#include "utils/ConditionalFindings.h"
#include "BlockingCallMessages.h"
#include "IoWithoutTimeoutMessages.h"

#include <gtest/gtest.h>

namespace async_lint::facts {
namespace {

namespace wording = blocking_call_wording;

/// read_file (io.cpp) constructs std::ifstream; load_settings (config.cpp)
/// calls it; next_port blocks nowhere.
ProjectFacts project() {
  UnitFacts Io{"io.cpp", "", {}, {}};
  FunctionFacts Read{"c:@F@read_file", "read_file", {"io.cpp", 5, 1}};
  Read.Blocks = BlockingChain{
      {},
      {"read_file", "std::ifstream", "constructs", "file-io", {"io.cpp", 7, 17}}};
  Io.Functions.push_back(Read);
  UnitFacts Config{"config.cpp", "", {}, {}};
  FunctionFacts Load{"c:@F@load_settings", "load_settings", {"config.cpp", 5, 1}};
  Load.Calls.push_back(
      {"c:@F@read_file", "calls", "read_file", {"config.cpp", 6, 22}});
  FunctionFacts Port{"c:@F@next_port", "next_port", {"config.cpp", 10, 1}};
  Config.Functions.push_back(Load);
  Config.Functions.push_back(Port);
  return ProjectFacts::merge({Io, Config});
}

ConditionalFinding callOf(llvm::StringRef Usr, llvm::StringRef Entity) {
  wording::CrossFileCall Call;
  Call.Entity = Entity.str();
  Call.Coroutine = "'handler'";
  Call.Categories["file-io"] = {"file I/O", "use asynchronous file I/O"};
  return wording::recordOf(Call, Usr);
}

TEST(ConditionalFindingsTest, MessageCarriesTheRecord) {
  ConditionalFinding Record = callOf("c:@F@load_settings", "'load_settings'");
  std::string Message = conditionalMessage(Record);
  EXPECT_TRUE(isConditionalMessage(Message));
  std::optional<ConditionalFinding> Read = parseConditionalMessage(Message);
  ASSERT_TRUE(Read);
  EXPECT_EQ(Read->Predicate, "may-block");
  EXPECT_EQ(Read->Usr, "c:@F@load_settings");
  EXPECT_EQ(Read->Parts.getString("entity"), "'load_settings'");
  EXPECT_FALSE(isConditionalMessage("call to 'f' blocks"));
  EXPECT_FALSE(parseConditionalMessage("call to 'f' blocks"));
}

TEST(ConditionalFindingsTest, ChainAcrossFilesIsWorded) {
  ProjectFacts Project = project();
  std::optional<DecidedFinding> Finding = decide(
      callOf("c:@F@load_settings", "'load_settings'"), Project);
  ASSERT_TRUE(Finding);
  EXPECT_EQ(Finding->Message,
            "call to 'load_settings' blocks the event loop thread in "
            "coroutine 'handler': it indirectly constructs 'std::ifstream' "
            "(file I/O); use asynchronous file I/O");
  ASSERT_EQ(Finding->Notes.size(), 2u);
  EXPECT_EQ(Finding->Notes[0].Message,
            "'load_settings' calls 'read_file' here");
  EXPECT_EQ(Finding->Notes[0].At, (Place{"config.cpp", 6, 22}));
  EXPECT_EQ(Finding->Notes[1].Message,
            "'read_file' constructs 'std::ifstream' here");
}

TEST(ConditionalFindingsTest, CleanCalleeOrDisabledCategoryGivesNothing) {
  ProjectFacts Project = project();
  EXPECT_FALSE(decide(callOf("c:@F@next_port", "'next_port'"), Project));
  EXPECT_FALSE(decide(callOf("c:@F@unknown", "'unknown'"), Project));
  ConditionalFinding Disabled = callOf("c:@F@read_file", "'read_file'");
  Disabled.Parts["categories"] = llvm::json::Object{};
  EXPECT_FALSE(decide(Disabled, Project));
  ConditionalFinding Unknown = callOf("c:@F@read_file", "'read_file'");
  Unknown.Predicate = "no-such-predicate";
  EXPECT_FALSE(decide(Unknown, Project));
}

TEST(ConditionalFindingsTest, FormatReplacesNumberedArguments) {
  EXPECT_EQ(formatMessage("%0 calls %1 here", {"'a'", "'b'"}),
            "'a' calls 'b' here");
  EXPECT_EQ(formatMessage("100% of %0", {"x"}), "100% of x");
}

/// send_banner is called unbounded in admin.cpp; read_request only bounded.
ProjectFacts ioProject() {
  UnitFacts Protocol{"protocol.cpp", "", {}, {}};
  Protocol.UnboundedIo.push_back({"c:@F@send_banner", {"protocol.cpp", 17, 1}});
  Protocol.UnboundedIo.push_back({"c:@F@read_request", {"protocol.cpp", 11, 1}});
  Protocol.CoroutineCalls.push_back({"c:@F@send_banner", true, "greet", "send_banner", {"protocol.cpp", 23, 26}});
  UnitFacts Admin{"admin.cpp", "", {}, {}};
  Admin.CoroutineCalls.push_back({"c:@F@send_banner", false, "greet_operator", "send_banner", {"admin.cpp", 4, 58}});
  Admin.CoroutineCalls.push_back({"c:@F@read_request", true, "serve", "read_request", {"admin.cpp", 8, 26}});
  return ProjectFacts::merge({Protocol, Admin});
}

ConditionalFinding awaitIn(llvm::StringRef Usr, bool BoundedHere) {
  namespace io = io_without_timeout_wording;
  return io::recordOf({"aio::tcp_stream::write", false, BoundedHere}, Usr);
}

TEST(ConditionalFindingsTest, UnboundedCallerInAnotherFileIsNamed) {
  std::optional<DecidedFinding> Decided =
      decide(awaitIn("c:@F@send_banner", /*BoundedHere=*/true), ioProject());
  ASSERT_TRUE(Decided);
  EXPECT_EQ(Decided->Message,
            "network I/O 'aio::tcp_stream::write' is awaited with no timeout; "
            "a silent peer stalls this task forever");
  ASSERT_EQ(Decided->Notes.size(), 1u);
  EXPECT_EQ(Decided->Notes[0].Message,
            "'greet_operator' calls 'send_banner' here with no timeout");
  EXPECT_EQ(Decided->Notes[0].At, (Place{"admin.cpp", 4, 58}));
}

TEST(ConditionalFindingsTest, CallersThatAllBoundGiveNothing) {
  EXPECT_FALSE(
      decide(awaitIn("c:@F@read_request", /*BoundedHere=*/false), ioProject()));
}

TEST(ConditionalFindingsTest, UnknownCoroutineKeepsItsUnitsVerdict) {
  EXPECT_FALSE(decide(awaitIn("c:@F@elsewhere", /*BoundedHere=*/true),
                      ioProject()));
  std::optional<DecidedFinding> Alone =
      decide(awaitIn("c:@F@elsewhere", /*BoundedHere=*/false), ioProject());
  ASSERT_TRUE(Alone);
  EXPECT_TRUE(Alone->Notes.empty());
}

} // namespace
} // namespace async_lint::facts
