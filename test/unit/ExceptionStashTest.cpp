//===--- ExceptionStashTest.cpp - An exception kept to rethrow later ------===//

#include "utils/ExceptionStash.h"
#include "utils/StmtHelpers.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

namespace clang::tidy::async::utils {
namespace {

using namespace ast_matchers;

/// Declarations of what <exception> offers, and functions that stash the
/// exception they handle in `ex` and then rethrow it, or not.
const char Stashes[] = R"(
namespace std {
struct exception_ptr {
  exception_ptr();
  exception_ptr(decltype(nullptr));
  explicit operator bool() const;
};
exception_ptr current_exception() noexcept;
[[noreturn]] void rethrow_exception(exception_ptr);
}
void work();
void cleanup();
bool failed();

void rethrows() {
  std::exception_ptr ex;
  try { work(); } catch (...) { ex = std::current_exception(); }
  cleanup();
  if (ex)
    std::rethrow_exception(ex);
}
void returns_when_null() {
  std::exception_ptr ex;
  try { work(); } catch (...) { ex = std::current_exception(); }
  if (!ex)
    return;
  std::rethrow_exception(ex);
}
void swallows() {
  std::exception_ptr ex;
  try { work(); } catch (...) { ex = std::current_exception(); }
  cleanup();
}
void rethrows_sometimes() {
  std::exception_ptr ex;
  try { work(); } catch (...) { ex = std::current_exception(); }
  if (failed())
    std::rethrow_exception(ex);
}
void retries() {
  std::exception_ptr ex;
  for (int i = 0; i < 3; ++i) {
    try { work(); } catch (...) { ex = std::current_exception(); }
  }
  if (ex)
    std::rethrow_exception(ex);
}
)";

class ExceptionStashTest : public ::testing::Test {
protected:
  void SetUp() override {
    Unit = tooling::buildASTFromCode(Stashes);
    ASSERT_TRUE(Unit);
  }

  ASTContext &context() { return Unit->getASTContext(); }

  /// Whether the stash in Function is rethrown on every path.
  bool rethrown(StringRef Function) {
    const auto *F = selectFirst<FunctionDecl>(
        "f", match(functionDecl(hasName(Function), isDefinition()).bind("f"),
                   context()));
    const auto *Try = selectFirst<CXXTryStmt>(
        "try", match(cxxTryStmt(hasAncestor(functionDecl(hasName(Function))))
                         .bind("try"),
                     context()));
    const auto *Stashing = selectFirst<Stmt>(
        "stash",
        match(cxxOperatorCallExpr(hasOverloadedOperatorName("="),
                                  hasAncestor(functionDecl(hasName(Function))))
                  .bind("stash"),
              context()));
    EXPECT_TRUE(F && Try && Stashing) << Function.str();
    if (!F || !Try || !Stashing)
      return false;
    const ValueDecl *Stash = exceptionStashedBy(*Stashing);
    EXPECT_TRUE(Stash && Stash->getName() == "ex") << Function.str();
    std::unique_ptr<BodyCFG> Graph =
        BodyCFG::build(F, F->getBody(), context());
    EXPECT_TRUE(Graph);
    return Graph && Stash &&
           rethrownOnEveryPath(*Graph, *Stashing, Stash, *Try,
                               [](const Stmt &S) { return endsAbnormally(S); });
  }

  std::unique_ptr<ASTUnit> Unit;
};

TEST_F(ExceptionStashTest, RethrownOnEveryPath) {
  EXPECT_TRUE(rethrown("rethrows"));
  // Only the branch where the stash holds the exception is followed.
  EXPECT_TRUE(rethrown("returns_when_null"));
}

TEST_F(ExceptionStashTest, NotRethrownOnSomePath) {
  EXPECT_FALSE(rethrown("swallows"));
  EXPECT_FALSE(rethrown("rethrows_sometimes"));
  // The loop runs the try block again before the rethrow.
  EXPECT_FALSE(rethrown("retries"));
}

TEST_F(ExceptionStashTest, OnlyTheCurrentExceptionIsAStash) {
  const auto *Call = selectFirst<Stmt>(
      "call",
      match(callExpr(callee(functionDecl(hasName("work")))).bind("call"),
            context()));
  ASSERT_TRUE(Call);
  EXPECT_EQ(exceptionStashedBy(*Call), nullptr);
}

} // namespace
} // namespace clang::tidy::async::utils
