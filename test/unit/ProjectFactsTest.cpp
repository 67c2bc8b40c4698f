//===--- ProjectFactsTest.cpp - Merging the facts of translation units ----===//

#include "utils/ProjectFacts.h"
#include "utils/AtomicFile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <gtest/gtest.h>

namespace async_lint::facts {
namespace {

Place at(const std::string &File, unsigned Line) { return {File, Line, 3}; }

FunctionFacts function(const std::string &Name, const std::string &File,
                       unsigned Line) {
  FunctionFacts F;
  F.Usr = "c:@F@" + Name;
  F.Name = Name;
  F.Definition = at(File, Line);
  return F;
}

void calls(FunctionFacts &Caller, const std::string &Callee, unsigned Line) {
  Caller.Calls.push_back({"c:@F@" + Callee, "calls", Callee, at(Caller.Definition.File, Line)});
}

void blocks(FunctionFacts &F, const std::string &Api, unsigned Line) {
  F.Blocks = BlockingChain{
      {},
      BlockingUse{F.Name, Api, "calls", "sleep", at(F.Definition.File, Line)}};
}

/// config.cpp: load_settings -> read_file (io.cpp) -> sleep; main.cpp holds
/// a clean helper and a coroutine.
std::vector<UnitFacts> threeFiles() {
  UnitFacts Config{"config.cpp", "", {}, {}};
  FunctionFacts Load = function("load_settings", "config.cpp", 40);
  calls(Load, "read_file", 41);
  Config.Functions.push_back(Load);

  UnitFacts Io{"io.cpp", "", {}, {}};
  FunctionFacts Read = function("read_file", "io.cpp", 10);
  blocks(Read, "sleep", 12);
  Io.Functions.push_back(Read);

  UnitFacts Main{"main.cpp", "", {}, {"c:@F@load_settings"}};
  FunctionFacts Clean = function("format_reply", "main.cpp", 5);
  FunctionFacts Handler = function("handler", "main.cpp", 20);
  Handler.Coroutine = true;
  calls(Handler, "load_settings", 22);
  Main.Functions.push_back(Clean);
  Main.Functions.push_back(Handler);
  return {Config, Io, Main};
}

TEST(ProjectFactsTest, ChainsCrossFiles) {
  ProjectFacts Project = ProjectFacts::merge(threeFiles());
  const BlockingChain *Chain = Project.blockingChain("c:@F@load_settings");
  ASSERT_NE(Chain, nullptr);
  ASSERT_EQ(Chain->Hops.size(), 1u);
  EXPECT_EQ(Chain->Hops[0].Caller, "load_settings");
  EXPECT_EQ(Chain->Hops[0].Callee, "read_file");
  EXPECT_EQ(Chain->Hops[0].At, at("config.cpp", 41));
  EXPECT_EQ(Chain->Use.Api, "sleep");
  EXPECT_EQ(Chain->Use.At, at("io.cpp", 12));
  EXPECT_EQ(Project.blockingChain("c:@F@format_reply"), nullptr);
  EXPECT_EQ(Project.blockingChain("c:@F@unknown"), nullptr);
}

TEST(ProjectFactsTest, CoroutinesAreNotEntered) {
  ProjectFacts Project = ProjectFacts::merge(threeFiles());
  EXPECT_TRUE(Project.isCoroutine("c:@F@handler"));
  EXPECT_EQ(Project.blockingChain("c:@F@handler"), nullptr);
}

TEST(ProjectFactsTest, ShortestChainWinsAndFirstCallBreaksTies) {
  UnitFacts Unit{"a.cpp", "", {}, {}};
  FunctionFacts Top = function("top", "a.cpp", 1);
  calls(Top, "long_way", 2);
  calls(Top, "short_way", 3);
  calls(Top, "other_short_way", 4);
  FunctionFacts Long = function("long_way", "a.cpp", 10);
  calls(Long, "short_way", 11);
  FunctionFacts Short = function("short_way", "a.cpp", 20);
  blocks(Short, "usleep", 21);
  FunctionFacts Other = function("other_short_way", "a.cpp", 30);
  blocks(Other, "sleep", 31);
  Unit.Functions = {Top, Long, Short, Other};
  ProjectFacts Project = ProjectFacts::merge({Unit});
  const BlockingChain *Chain = Project.blockingChain("c:@F@top");
  ASSERT_NE(Chain, nullptr);
  ASSERT_EQ(Chain->Hops.size(), 1u);
  EXPECT_EQ(Chain->Hops[0].Callee, "short_way");
  EXPECT_EQ(Chain->Use.Api, "usleep");
}

TEST(ProjectFactsTest, ChainsFoundInAUnitAreExtendedByOtherUnits) {
  UnitFacts Io{"io.cpp", "", {}, {}};
  FunctionFacts Read = function("read_file", "io.cpp", 10);
  Read.Blocks = BlockingChain{
      {Hop{"read_file", "calls", "open_stream", at("io.cpp", 11)}},
      BlockingUse{"open_stream", "std::ifstream", "constructs", "file-io",
                  at("io.cpp", 3)}};
  Io.Functions.push_back(Read);
  UnitFacts Config{"config.cpp", "", {}, {}};
  FunctionFacts Load = function("load_settings", "config.cpp", 40);
  calls(Load, "read_file", 41);
  Config.Functions.push_back(Load);
  ProjectFacts Project = ProjectFacts::merge({Config, Io});
  const BlockingChain *Chain = Project.blockingChain("c:@F@load_settings");
  ASSERT_NE(Chain, nullptr);
  ASSERT_EQ(Chain->Hops.size(), 2u);
  EXPECT_EQ(Chain->Hops[0].Callee, "read_file");
  EXPECT_EQ(Chain->Hops[1].Callee, "open_stream");
  EXPECT_EQ(Chain->Use.Verb, "constructs");
}

TEST(ProjectFactsTest, RecursionEnds) {
  UnitFacts Unit{"a.cpp", "", {}, {}};
  FunctionFacts Ping = function("ping", "a.cpp", 1);
  calls(Ping, "pong", 2);
  FunctionFacts Pong = function("pong", "a.cpp", 5);
  calls(Pong, "ping", 6);
  Unit.Functions = {Ping, Pong};
  ProjectFacts Project = ProjectFacts::merge({Unit});
  EXPECT_EQ(Project.blockingChain("c:@F@ping"), nullptr);
  calls(Unit.Functions[1], "nap", 7);
  FunctionFacts Nap = function("nap", "a.cpp", 9);
  blocks(Nap, "sleep", 10);
  Unit.Functions.push_back(Nap);
  Project = ProjectFacts::merge({Unit});
  const BlockingChain *Chain = Project.blockingChain("c:@F@ping");
  ASSERT_NE(Chain, nullptr);
  EXPECT_EQ(Chain->Hops.size(), 2u);
}

TEST(ProjectFactsTest, TwoDefinitionsOfOneFunctionAreLeftOut) {
  // Two programs in one database, each with its own read_file: one blocks,
  // the other does not; a call of read_file may reach either.
  std::vector<UnitFacts> Units = threeFiles();
  UnitFacts Other{"tool.cpp", "", {function("read_file", "tool.cpp", 3)}, {}};
  Units.push_back(Other);
  ProjectFacts Project = ProjectFacts::merge(Units);
  EXPECT_EQ(Project.blockingChain("c:@F@read_file"), nullptr);
  EXPECT_EQ(Project.blockingChain("c:@F@load_settings"), nullptr);
  // The same definition seen by two units (an inline function) is one.
  Units.pop_back();
  Units[2].Functions.push_back(Units[1].Functions[0]);
  EXPECT_NE(ProjectFacts::merge(Units).blockingChain("c:@F@load_settings"),
            nullptr);
}

TEST(ProjectFactsTest, OrderOfUnitsDoesNotMatter) {
  std::vector<UnitFacts> Units = threeFiles();
  // An inline helper seen by a second unit.
  Units[2].Functions.push_back(Units[1].Functions[0]);
  std::string Forward = ProjectFacts::merge(Units).toJson();
  std::reverse(Units.begin(), Units.end());
  EXPECT_EQ(ProjectFacts::merge(Units).toJson(), Forward);
}

TEST(ProjectFactsTest, UnitFactsRoundTrip) {
  UnitFacts Unit = threeFiles()[2];
  std::string Text = toJson(Unit);
  auto Back = unitFactsFromJson(Text, "main.json");
  ASSERT_TRUE(bool(Back)) << llvm::toString(Back.takeError());
  EXPECT_EQ(toJson(*Back), Text);
  EXPECT_EQ(Back->CoroutineCallees,
            std::vector<std::string>{"c:@F@load_settings"});
}

TEST(ProjectFactsTest, ProjectFactsRoundTrip) {
  ProjectFacts Project = ProjectFacts::merge(threeFiles());
  std::string Text = Project.toJson();
  auto Back = ProjectFacts::fromJson(Text, "project.json");
  ASSERT_TRUE(bool(Back)) << llvm::toString(Back.takeError());
  EXPECT_EQ(Back->toJson(), Text);
  EXPECT_EQ(Back->digestFor({"c:@F@load_settings"}),
            Project.digestFor({"c:@F@load_settings"}));
}

TEST(ProjectFactsTest, DigestFollowsTheFactsOfTheNamedFunctionsOnly) {
  std::vector<UnitFacts> Units = threeFiles();
  ProjectFacts Before = ProjectFacts::merge(Units);
  Units[1].Functions[0].Blocks->Use.At.Line = 13;
  ProjectFacts Moved = ProjectFacts::merge(Units);
  EXPECT_NE(Before.digestFor({"c:@F@load_settings"}),
            Moved.digestFor({"c:@F@load_settings"}));
  EXPECT_EQ(Before.digestFor({"c:@F@format_reply"}),
            Moved.digestFor({"c:@F@format_reply"}));
}

TEST(ProjectFactsTest, ForeignOrDamagedFilesAreRefused) {
  auto Old = unitFactsFromJson(R"({"version": 0})", "old.json");
  ASSERT_FALSE(bool(Old));
  EXPECT_EQ(llvm::toString(Old.takeError()),
            "old.json: format version 1 expected; written by another "
            "version of async-lint?");
  auto Broken = unitFactsFromJson("{", "broken.json");
  ASSERT_FALSE(bool(Broken));
  EXPECT_NE(llvm::toString(Broken.takeError()).find("broken.json: "),
            std::string::npos);
  auto Wrong = unitFactsFromJson(
      R"({"version": 1, "main-file": "a.cpp", "inputs": "", "coroutine-callees": [],
          "functions": [{"usr": "u", "name": 3}]})",
      "wrong.json");
  ASSERT_FALSE(bool(Wrong));
  EXPECT_EQ(llvm::toString(Wrong.takeError()),
            "wrong.json: a function: 'name' must be a string");
}

TEST(ProjectFactsTest, MergeFilesReportsBadFilesAndKeepsTheRest) {
  llvm::SmallString<128> Dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("facts", Dir));
  std::vector<UnitFacts> Units = threeFiles();
  for (size_t I = 0; I < Units.size(); ++I) {
    llvm::SmallString<128> Path(Dir);
    llvm::sys::path::append(Path, "unit" + std::to_string(I) + ".json");
    ASSERT_FALSE(bool(writeFileAtomically(Path, toJson(Units[I]))));
  }
  llvm::SmallString<128> Bad(Dir);
  llvm::sys::path::append(Bad, "bad.json");
  ASSERT_FALSE(bool(writeFileAtomically(Bad, "not json")));
  std::vector<std::string> Problems;
  ProjectFacts Project = mergeFiles({std::string(Dir)}, Problems);
  ASSERT_EQ(Problems.size(), 1u);
  EXPECT_NE(Problems[0].find("bad.json"), std::string::npos);
  EXPECT_NE(Project.blockingChain("c:@F@load_settings"), nullptr);
  llvm::sys::fs::remove_directories(Dir);
}

/// protocol.cpp defines three coroutines with unbounded network I/O:
/// read_request, bounded by its only call (server.cpp); send_banner, bounded
/// in protocol.cpp but not in admin.cpp; read_ack, called nowhere.
std::vector<UnitFacts> ioUnits() {
  auto Usr = [](const std::string &Name) { return "c:@F@" + Name; };
  UnitFacts Protocol{"protocol.cpp", "", {}, {}};
  for (const char *Name : {"read_request", "send_banner", "read_ack"})
    Protocol.UnboundedIo.push_back({Usr(Name), at("protocol.cpp", 10)});
  Protocol.UnboundedIo.back().Definition.Line = 20;
  Protocol.UnboundedIo[1].Definition.Line = 30;
  Protocol.CoroutineCalls.push_back({Usr("send_banner"), true, "greet",
                                     "send_banner", at("protocol.cpp", 40)});
  UnitFacts Server{"server.cpp", "", {}, {}};
  Server.CoroutineCalls.push_back({Usr("read_request"), true, "serve",
                                   "read_request", at("server.cpp", 5)});
  Server.CoroutineCalls.push_back({Usr("send_banner"), true, "serve",
                                   "send_banner", at("server.cpp", 6)});
  UnitFacts Admin{"admin.cpp", "", {}, {}};
  Admin.CoroutineCalls.push_back({Usr("send_banner"), false, "greet_operator",
                                  "send_banner", at("admin.cpp", 4)});
  Admin.CoroutineCalls.push_back({Usr("send_banner"), false, "", "send_banner",
                                  at("admin.cpp", 2)});
  return {Protocol, Server, Admin};
}

TEST(ProjectFactsTest, EveryCallInTheProjectBoundsACoroutineOrNot) {
  ProjectFacts Project = ProjectFacts::merge(ioUnits());
  const BoundingCallers *Request = Project.boundingCallers("c:@F@read_request");
  ASSERT_NE(Request, nullptr);
  EXPECT_TRUE(Request->EveryCallBounded);
  EXPECT_FALSE(Request->Unbounded);

  // The first unbounded call by place, whatever the order of the units.
  const BoundingCallers *Banner = Project.boundingCallers("c:@F@send_banner");
  ASSERT_NE(Banner, nullptr);
  EXPECT_FALSE(Banner->EveryCallBounded);
  ASSERT_TRUE(Banner->Unbounded);
  EXPECT_EQ(Banner->Unbounded->At, at("admin.cpp", 2));

  // Called nowhere: nothing bounds it.
  const BoundingCallers *Ack = Project.boundingCallers("c:@F@read_ack");
  ASSERT_NE(Ack, nullptr);
  EXPECT_FALSE(Ack->EveryCallBounded);
  EXPECT_FALSE(Ack->Unbounded);

  // Not recorded with unbounded I/O by its unit: unknown.
  EXPECT_EQ(Project.boundingCallers("c:@F@serve"), nullptr);

  std::vector<UnitFacts> Reversed = ioUnits();
  std::reverse(Reversed.begin(), Reversed.end());
  EXPECT_EQ(ProjectFacts::merge(Reversed).toJson(), Project.toJson());
}

TEST(ProjectFactsTest, ACoroutineDefinedTwiceIsUnknown) {
  std::vector<UnitFacts> Units = ioUnits();
  UnitFacts Other{"other.cpp", "", {}, {}};
  Other.UnboundedIo.push_back({"c:@F@read_request", at("other.cpp", 3)});
  Units.push_back(Other);
  EXPECT_EQ(ProjectFacts::merge(Units).boundingCallers("c:@F@read_request"),
            nullptr);
}

TEST(ProjectFactsTest, BoundedCallersRoundTrip) {
  std::vector<UnitFacts> Units = ioUnits();
  for (const UnitFacts &Unit : Units) {
    std::string Text = toJson(Unit);
    auto Back = unitFactsFromJson(Text, "unit.json");
    ASSERT_TRUE(bool(Back)) << llvm::toString(Back.takeError());
    EXPECT_EQ(toJson(*Back), Text);
    EXPECT_EQ(Back->CoroutineCalls.size(), Unit.CoroutineCalls.size());
  }
  ProjectFacts Project = ProjectFacts::merge(Units);
  auto Back = ProjectFacts::fromJson(Project.toJson(), "project.json");
  ASSERT_TRUE(bool(Back)) << llvm::toString(Back.takeError());
  EXPECT_EQ(Back->toJson(), Project.toJson());
  ASSERT_NE(Back->boundingCallers("c:@F@send_banner"), nullptr);
  EXPECT_EQ(Back->boundingCallers("c:@F@send_banner")->Unbounded->Caller, "");
}

TEST(ProjectFactsTest, EachCheckWritesItsOwnPartOfAUnit) {
  const std::string Unit = unitFactsFileName("/src/main.cpp");
  EXPECT_EQ(unitFactsFileName("/src/main.cpp", ""), Unit);
  const std::string Part =
      unitFactsFileName("/src/main.cpp", BoundedCallersPart);
  EXPECT_EQ(Part, Unit.substr(0, Unit.size() - strlen(".json")) +
                      ".bounded-callers.json");
  // The results cache keeps every part of a unit.
  EXPECT_NE(llvm::find(unitFactsParts(), BoundedCallersPart),
            unitFactsParts().end());
  EXPECT_NE(llvm::find(unitFactsParts(), KeptParametersPart),
            unitFactsParts().end());
}

} // namespace
} // namespace async_lint::facts
