// Which source files a debug report may name: the user's, not the system's
// or this runtime's, however the debug information spells them.
#include "internal.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

namespace {

namespace fs = std::filesystem;

class SourceFilesTest : public testing::Test {
protected:
  void SetUp() override {
    tree_ = fs::temp_directory_path() /
            ("aio-source-files-" + std::to_string(::getpid()));
    fs::create_directories(tree_ / "runtime/src");
    fs::create_directories(tree_ / "runtime/include/aio");
    std::ofstream(tree_ / "runtime/src/tcp.cpp") << "\n";
    std::ofstream(tree_ / "runtime/include/aio/task.hpp") << "\n";
    // As AIO_SOURCE_ROOT spells it.
    runtime_root_ = (tree_ / "runtime").string() + "/";
  }
  void TearDown() override { fs::remove_all(tree_); }

  [[nodiscard]] bool user(const std::string &file) const {
    return aio::detail::is_user_file(file, runtime_root_);
  }

  fs::path tree_;
  fs::path runtime_root_;
};

TEST_F(SourceFilesTest, TheUsersFilesAreTheUsers) {
  EXPECT_TRUE(user("/home/dev/service/main.cpp"));
  EXPECT_TRUE(user("../test/validation/check/bad-program.cpp"));
  // A folder of the user's that happens to share the runtime's name.
  EXPECT_TRUE(user("/home/dev/runtime/scheduler.cpp"));
}

TEST_F(SourceFilesTest, SystemFilesAndNamelessOnesAreNot) {
  EXPECT_FALSE(user("/usr/include/c++/12/coroutine"));
  EXPECT_FALSE(user("/usr/lib/gcc/x86_64-linux-gnu/12/../../../../include/"
                    "c++/12/bits/stl_vector.h"));
  EXPECT_FALSE(user(""));
}

TEST_F(SourceFilesTest, TheRuntimesFilesAreNotHoweverNamed) {
  EXPECT_FALSE(user((tree_ / "runtime/src/tcp.cpp").string()));
  // The compile directory joined with a name a build cache made relative.
  EXPECT_FALSE(user((tree_ / "build/../runtime/src/tcp.cpp").string()));
  EXPECT_FALSE(user("../runtime/src/tcp.cpp"));
  EXPECT_FALSE(user("../../runtime/include/aio/task.hpp"));
  // Objects a build cache compiled in another checkout.
  EXPECT_FALSE(user("/elsewhere/checkout/runtime/src/tcp.cpp"));
  EXPECT_FALSE(
      user("/elsewhere/checkout/build/../runtime/include/aio/task.hpp"));
}

} // namespace
