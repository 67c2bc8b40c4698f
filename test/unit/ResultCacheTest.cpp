//===--- ResultCacheTest.cpp - Findings kept for unchanged inputs ---------===//

#include "ResultCache.h"

#include "utils/AtomicFile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <gtest/gtest.h>

namespace async_lint::driver {
namespace {

class ResultCacheTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("cache-test", Root));
    Source = path("service.cpp");
    Header = path("service.h");
    write(Source, "#include \"service.h\"\n");
    write(Header, "void f();\n");
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Root); }

  std::string path(llvm::StringRef Name) {
    llvm::SmallString<128> P(Root);
    llvm::sys::path::append(P, Name);
    return std::string(P);
  }
  static void write(const std::string &Path, llvm::StringRef Text) {
    ASSERT_FALSE(bool(writeFileAtomically(Path, Text)));
  }
  Finding finding() const {
    Finding F;
    F.Check = "async-blocking-call";
    F.Message = "call to 'sleep' blocks";
    F.At = {Source, 10, 2, 3};
    F.End = {Source, 15, 2, 8};
    F.LineText = "  sleep(1);";
    F.WarningAsError = true;
    F.Aliases = {"other-name"};
    F.Ranges.push_back({{Source, 10, 2, 3}, {Source, 15, 2, 8}});
    Note N{"here", {Header, 0, 1, 1}, {Header, 4, 1, 5}, {}, {}};
    N.Ranges.push_back({{Header, 0, 1, 1}, {Header, 4, 1, 5}});
    F.Notes.push_back(N);
    F.Edits.push_back({{Source, 10, 2, 3}, {Source, 15, 2, 8}, "co_await"});
    return F;
  }

  llvm::SmallString<128> Root;
  std::string Source, Header;
};

TEST_F(ResultCacheTest, HitWhileEveryFileReadIsUnchanged) {
  ResultCache Cache(path("cache"), ResultCache::DefaultMaxBytes);
  std::string Key = CacheKey().add("file", Source).digest();
  EXPECT_FALSE(Cache.lookup(Key));
  ASSERT_FALSE(
      bool(Cache.store(Key, {Source, Header}, {finding()}, "unit facts")));
  ResultCache Again(path("cache"), ResultCache::DefaultMaxBytes);
  auto Unit = Again.lookup(Key);
  ASSERT_TRUE(Unit);
  ASSERT_EQ(Unit->Findings.size(), 1u);
  EXPECT_EQ(findingsToJson(Unit->Findings), findingsToJson({finding()}));
  EXPECT_EQ(Unit->Attachment, "unit facts");
  EXPECT_EQ(Again.counts().Hits, 1u);
}

TEST_F(ResultCacheTest, MissAfterAHeaderChanges) {
  ResultCache Cache(path("cache"), ResultCache::DefaultMaxBytes);
  std::string Key = CacheKey().add("file", Source).digest();
  ASSERT_FALSE(bool(Cache.store(Key, {Source, Header}, {finding()})));
  write(Header, "void f();\nvoid g();\n");
  ResultCache Later(path("cache"), ResultCache::DefaultMaxBytes);
  EXPECT_FALSE(Later.lookup(Key));
  EXPECT_EQ(Later.counts().Ignored, 0u);
}

TEST_F(ResultCacheTest, KeysKeepTheirPartsApart) {
  EXPECT_NE(CacheKey().add("a", "bc").digest(),
            CacheKey().add("ab", "c").digest());
  EXPECT_NE(CacheKey().add("a", "b").add("c", "").digest(),
            CacheKey().add("a", "bc").digest());
}

TEST_F(ResultCacheTest, DamagedOrForeignEntriesAreIgnored) {
  ResultCache Cache(path("cache"), ResultCache::DefaultMaxBytes);
  std::string Key = CacheKey().add("file", Source).digest();
  ASSERT_FALSE(bool(Cache.store(Key, {Source}, {finding()})));
  std::string Entry =
      path("cache/" + Key.substr(0, 2) + "/" + Key.substr(2) + ".json");
  auto Good = llvm::MemoryBuffer::getFile(Entry);
  ASSERT_TRUE(bool(Good));
  std::string Text = (*Good)->getBuffer().str();

  std::string OtherVersion = Text;
  OtherVersion.insert(OtherVersion.find(ASYNC_LINT_VERSION), "0.");
  std::string WrongFindings =
      Text.substr(0, Text.size() - 1) + ",\"findings\":3}";
  for (const std::string &Damaged :
       {Text.substr(0, Text.size() / 2), std::string("[]"), OtherVersion,
        WrongFindings}) {
    write(Entry, Damaged);
    ResultCache Reader(path("cache"), ResultCache::DefaultMaxBytes);
    EXPECT_FALSE(Reader.lookup(Key)) << Damaged;
    EXPECT_EQ(Reader.counts().Ignored, 1u) << Damaged;
  }
  // Another key's entry copied into place is not trusted either.
  std::string Other = CacheKey().add("file", Header).digest();
  write(path("cache/" + Other.substr(0, 2) + "/" + Other.substr(2) + ".json"),
        Text);
  ResultCache Reader(path("cache"), ResultCache::DefaultMaxBytes);
  EXPECT_FALSE(Reader.lookup(Other));
  EXPECT_EQ(Reader.counts().Ignored, 1u);
}

TEST_F(ResultCacheTest, TrimRemovesTheLeastRecentlyUsed) {
  std::vector<std::string> Keys;
  {
    ResultCache Cache(path("cache"), ResultCache::DefaultMaxBytes);
    for (int I = 0; I < 20; ++I) {
      Keys.push_back(CacheKey().add("n", std::to_string(I)).digest());
      ASSERT_FALSE(bool(Cache.store(Keys.back(), {Source}, {finding()})));
    }
    EXPECT_EQ(Cache.trim(), 0u);
  }
  ResultCache Small(path("cache"), 4000);
  unsigned Removed = Small.trim();
  EXPECT_GT(Removed, 0u);
  EXPECT_LT(Removed, 20u);
  unsigned Left = 0;
  for (const std::string &Key : Keys)
    Left += bool(Small.lookup(Key));
  EXPECT_EQ(Left, 20u - Removed);
}

TEST(RecordingFileSystemTest, RemembersEachFileOpenedOnce) {
  llvm::IntrusiveRefCntPtr<RecordingFileSystem> FS(
      new RecordingFileSystem(llvm::vfs::getRealFileSystem()));
  llvm::SmallString<128> Dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("recording", Dir));
  std::string A = (Dir + "/a.h").str();
  ASSERT_FALSE(bool(writeFileAtomically(A, "int a;\n")));
  ASSERT_TRUE(bool(FS->openFileForRead(A)));
  ASSERT_TRUE(bool(FS->openFileForRead(Dir + "/./a.h")));
  EXPECT_FALSE(bool(FS->openFileForRead(Dir + "/missing.h")));
  EXPECT_EQ(FS->filesRead(), std::vector<std::string>{A});
  llvm::sys::fs::remove_directories(Dir);
}

} // namespace
} // namespace async_lint::driver
