//===--- StmtHelpersTest.cpp - Small questions about statements -----------===//

#include "utils/StmtHelpers.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

namespace clang::tidy::async::utils {
namespace {

using namespace ast_matchers;

/// Just enough of <coroutine> for a coroutine that awaits and yields.
const char Code[] = R"(
namespace std {
template <class Ret, class... Args> struct coroutine_traits {
  using promise_type = typename Ret::promise_type;
};
template <class Promise = void> struct coroutine_handle {
  static coroutine_handle from_address(void *) noexcept;
  operator coroutine_handle<>() const noexcept;
};
template <> struct coroutine_handle<void> {
  static coroutine_handle from_address(void *) noexcept;
};
}
struct awaitable {
  bool await_ready() noexcept;
  void await_suspend(std::coroutine_handle<>) noexcept;
  void await_resume() noexcept;
};
struct task {
  struct promise_type {
    task get_return_object();
    awaitable initial_suspend() noexcept;
    awaitable final_suspend() noexcept;
    awaitable yield_value(int);
    void return_void();
    void unhandled_exception();
  };
};
int next();
void use(int);

task awaits_in_lambda_first() {
  auto inner = []() -> task { co_await awaitable{}; };
  use(1);
  co_yield 2;
  co_await awaitable{};
}
task no_suspension_of_its_own() {
  auto inner = []() -> task { co_await awaitable{}; };
  co_return;
}
void loops() {
  for (int i = 0; i < 3; ++i) use(i);
  while (int item = next()) use(item);
  do use(0); while (next());
  int items[2] = {1, 2};
  for (int item : items) use(item);
  if (next()) use(1);
}
)";

class StmtHelpersTest : public ::testing::Test {
protected:
  void SetUp() override {
    Unit = tooling::buildASTFromCodeWithArgs(Code, {"-std=c++20"});
    ASSERT_TRUE(Unit);
  }

  const Stmt *bodyOf(StringRef Function) {
    const auto *F = selectFirst<FunctionDecl>(
        "f", match(functionDecl(hasName(Function), isDefinition()).bind("f"),
                   Unit->getASTContext()));
    EXPECT_TRUE(F) << Function.str();
    return F ? F->getBody() : nullptr;
  }

  template <typename Node>
  llvm::SmallVector<const Node *, 4> all() {
    llvm::SmallVector<const Node *, 4> Found;
    for (const BoundNodes &Bound : match(findAll(stmt().bind("s")),
                                         *bodyOf("loops"),
                                         Unit->getASTContext()))
      if (const auto *N = Bound.getNodeAs<Node>("s"))
        Found.push_back(N);
    return Found;
  }

  std::unique_ptr<ASTUnit> Unit;
};

TEST_F(StmtHelpersTest, FirstSuspensionPointIsTheFunctionsOwn) {
  const Stmt *Body = bodyOf("awaits_in_lambda_first");
  ASSERT_TRUE(Body);
  const Expr *First = firstSuspensionPoint(Body);
  ASSERT_TRUE(First);
  // The lambda's co_await comes first in the text, but is not this
  // function's: its co_yield is.
  EXPECT_TRUE(isa<CoyieldExpr>(First));
  EXPECT_EQ(firstSuspensionPoint(bodyOf("no_suspension_of_its_own")),
            nullptr);
}

TEST_F(StmtHelpersTest, LoopHeadIsWhatTheLoopTests) {
  auto Fors = all<ForStmt>();
  auto Whiles = all<WhileStmt>();
  auto Dos = all<DoStmt>();
  auto RangeFors = all<CXXForRangeStmt>();
  auto Ifs = all<IfStmt>();
  ASSERT_EQ(Fors.size(), 1u);
  ASSERT_EQ(Whiles.size(), 1u);
  ASSERT_EQ(Dos.size(), 1u);
  ASSERT_EQ(RangeFors.size(), 1u);
  ASSERT_EQ(Ifs.size(), 1u);

  LoopHead For = loopHead(Fors.front());
  EXPECT_EQ(For.Condition, Fors.front()->getCond());
  EXPECT_EQ(For.Variable, nullptr);
  LoopHead While = loopHead(Whiles.front());
  EXPECT_EQ(While.Condition, Whiles.front()->getCond());
  ASSERT_TRUE(While.Variable);
  EXPECT_EQ(While.Variable->getName(), "item");
  EXPECT_EQ(loopHead(Dos.front()).Condition, Dos.front()->getCond());
  EXPECT_EQ(loopHead(RangeFors.front()).Condition,
            RangeFors.front()->getRangeInit());
  // Not a loop.
  EXPECT_EQ(loopHead(Ifs.front()).Condition, nullptr);
}

TEST_F(StmtHelpersTest, WalkVisitsEachStatementUntilStopped) {
  const Stmt *Body = bodyOf("loops");
  ASSERT_TRUE(Body);
  unsigned All = 0;
  EXPECT_FALSE(walkStatements(Body, [&](const Stmt &) {
    ++All;
    return Walk::Continue;
  }));
  EXPECT_EQ(All, statementsOf(Body).size());

  // Skipping what is below the loops leaves out the calls in their bodies.
  unsigned Calls = 0;
  walkStatements(Body, [&](const Stmt &S) {
    if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S))
      return Walk::SkipChildren;
    Calls += isa<CallExpr>(S);
    return Walk::Continue;
  });
  EXPECT_EQ(Calls, 2u); // next() and use(1) of the if statement

  unsigned Visited = 0;
  EXPECT_TRUE(walkStatements(Body, [&](const Stmt &S) {
    ++Visited;
    return isa<CallExpr>(S) ? Walk::Stop : Walk::Continue;
  }));
  EXPECT_LT(Visited, All);
}

} // namespace
} // namespace clang::tidy::async::utils
