// docs/runtime.md shows the code of test/runtime/doc_examples/*.cpp: each
// block follows a "<!-- example: PATH -->" line and must equal the part of
// PATH between "// [example]" and "// [/example]".

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

const std::filesystem::path repo_root = AIO_REPO_ROOT;

std::string read_file(const std::filesystem::path &path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string example_part(const std::string &source) {
  const std::string open = "// [example]\n";
  const std::string close = "// [/example]\n";
  auto begin = source.find(open);
  auto end = source.find(close);
  if (begin == std::string::npos || end == std::string::npos) {
    return {};
  }
  begin += open.size();
  return source.substr(begin, end - begin);
}

} // namespace

TEST(DocSnippets, MatchTheCompiledExamples) {
  const std::string doc = read_file(repo_root / "docs" / "runtime.md");
  ASSERT_FALSE(doc.empty());
  const std::string marker = "<!-- example: ";
  int checked = 0;
  for (auto at = doc.find(marker); at != std::string::npos;
       at = doc.find(marker, at + 1)) {
    auto path_begin = at + marker.size();
    auto path_end = doc.find(" -->", path_begin);
    const std::string path = doc.substr(path_begin, path_end - path_begin);
    auto fence = doc.find("```cpp\n", path_end);
    ASSERT_NE(fence, std::string::npos) << path;
    fence += 7;
    auto fence_end = doc.find("```\n", fence);
    ASSERT_NE(fence_end, std::string::npos) << path;
    const std::string shown = doc.substr(fence, fence_end - fence);
    const std::string compiled = example_part(read_file(repo_root / path));
    ASSERT_FALSE(compiled.empty()) << path;
    EXPECT_EQ(shown, compiled)
        << "docs/runtime.md is out of date with " << path;
    ++checked;
  }
  EXPECT_GE(checked, 6);
}
