//===--- TaskValueFateTest.cpp - What becomes of a task value -------------===//

#include "utils/TaskValueFate.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>

namespace clang::tidy::async::utils {
namespace {

using namespace ast_matchers;

// Enough of <coroutine> for `task` to be a coroutine type, and the APIs the
// walker is told about: spawn detaches, start returns the owner of what it
// starts, scope::spawn spawns into a group, list::push_back stores.
const char *const Prelude = R"cpp(
namespace std {
template <class R, class... Args> struct coroutine_traits {
  using promise_type = typename R::promise_type;
};
template <class P = void> struct coroutine_handle;
template <> struct coroutine_handle<void> {
  static coroutine_handle from_address(void *) noexcept;
  void *address() const noexcept;
};
template <class P> struct coroutine_handle : coroutine_handle<> {
  static coroutine_handle from_address(void *) noexcept;
};
struct suspend_always {
  bool await_ready() const noexcept { return false; }
  void await_suspend(coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
} // namespace std
struct task {
  struct promise_type {
    task get_return_object();
    std::suspend_always initial_suspend() noexcept;
    std::suspend_always final_suspend() noexcept;
    void return_void();
    void unhandled_exception();
  };
  bool await_ready();
  void await_suspend(std::coroutine_handle<>);
  void await_resume();
};
struct handle {};
struct scope { void spawn(task); };
struct list { void push_back(task); };
task make();
void spawn(task);
handle start(task);
)cpp";

/// The fate the walker gives to the value of each call of make() in f.
class TaskFateWalkerTest : public ::testing::Test {
protected:
  TaskFateWalkerTest() {
    Detaching.addName("spawn", 0);
    EagerSpawn.addName("start", 0);
    TrackedSpawn.addName("scope::spawn", 0);
    Storing.addName("list::push_back", 0);
  }

  std::vector<TaskFate> fatesOfMake(const std::string &Code,
                                    const std::string &Function = "f") {
    AST = tooling::buildASTFromCodeWithArgs(Prelude + Code, {"-std=c++20"});
    EXPECT_FALSE(AST->getDiagnostics().hasErrorOccurred());
    ASTContext &Context = AST->getASTContext();
    const auto *F = selectFirst<FunctionDecl>(
        "f", match(functionDecl(hasName(Function), isDefinition()).bind("f"),
                   Context));
    EXPECT_NE(F, nullptr);
    std::vector<TaskFate> Fates;
    if (!F)
      return Fates;
    TaskHandoffApis Apis{Detaching, EagerSpawn, HandlerSpawn,
                         TrackedSpawn, Storing, Awaitables};
    TaskFateWalker(Apis, *F).walk(
        [&](const CallExpr &Call, const TaskFate &Fate) {
          const FunctionDecl *Callee = Call.getDirectCallee();
          if (Callee && Callee->getName() == "make")
            Fates.push_back(Fate);
        });
    return Fates;
  }

  std::optional<TaskFateKind> onlyFate(const std::string &Code) {
    std::vector<TaskFate> Fates = fatesOfMake(Code);
    EXPECT_EQ(Fates.size(), 1u);
    if (Fates.size() != 1)
      return std::nullopt;
    return Fates.front().Kind;
  }

  std::string holderName(const std::string &Code) {
    std::vector<TaskFate> Fates = fatesOfMake(Code);
    if (Fates.size() != 1 || !Fates.front().Holder)
      return "";
    return Fates.front().Holder->getNameAsString();
  }

  QualifiedNameMatcher Detaching, EagerSpawn, HandlerSpawn, TrackedSpawn, Storing;
  AwaitableClassifier Awaitables{TaskTypeNames(), QualifiedNameMatcher()};
  std::unique_ptr<ASTUnit> AST;
};

TEST_F(TaskFateWalkerTest, ExpressionStatementDiscards) {
  EXPECT_EQ(onlyFate("void f() { make(); }"), TaskFateKind::Discarded);
}

TEST_F(TaskFateWalkerTest, CoAwaitAwaits) {
  EXPECT_EQ(onlyFate("task f() { co_await make(); }"), TaskFateKind::Awaited);
}

TEST_F(TaskFateWalkerTest, LocalVariableStoresLocally) {
  EXPECT_EQ(onlyFate("void f() { task t = make(); }"),
            TaskFateKind::StoredLocal);
  EXPECT_EQ(holderName("void f() { task t = make(); }"), "t");
}

TEST_F(TaskFateWalkerTest, AssignmentToMemberStoresElsewhere) {
  const char *Code = "struct s { task m; void f() { m = make(); } };";
  EXPECT_EQ(onlyFate(Code), TaskFateKind::StoredElsewhere);
  EXPECT_EQ(holderName(Code), "m");
}

TEST_F(TaskFateWalkerTest, MemberInitializerStoresElsewhere) {
  std::vector<TaskFate> Fates =
      fatesOfMake("struct s { task m; s() : m(make()) {} };", "s");
  ASSERT_EQ(Fates.size(), 1u);
  EXPECT_EQ(Fates[0].Kind, TaskFateKind::StoredElsewhere);
  ASSERT_NE(Fates[0].Holder, nullptr);
  EXPECT_EQ(Fates[0].Holder->getName(), "m");
}

TEST_F(TaskFateWalkerTest, ReturnReturns) {
  EXPECT_EQ(onlyFate("task f() { return make(); }"), TaskFateKind::Returned);
}

TEST_F(TaskFateWalkerTest, DetachingCallDetaches) {
  std::vector<TaskFate> Fates = fatesOfMake("void f() { spawn(make()); }");
  ASSERT_EQ(Fates.size(), 1u);
  EXPECT_EQ(Fates[0].Kind, TaskFateKind::Detached);
  EXPECT_EQ(Fates[0].Spawner, "spawn");
}

TEST_F(TaskFateWalkerTest, TrackedSpawnNamesItsGroup) {
  const char *Code = "void f() { scope group; group.spawn(make()); }";
  EXPECT_EQ(onlyFate(Code), TaskFateKind::Group);
  EXPECT_EQ(holderName(Code), "group");
}

TEST_F(TaskFateWalkerTest, StoringMethodStoresInItsObject) {
  const char *Code = "void f() { list tasks; tasks.push_back(make()); }";
  EXPECT_EQ(onlyFate(Code), TaskFateKind::StoredLocal);
  EXPECT_EQ(holderName(Code), "tasks");
}

TEST_F(TaskFateWalkerTest, EagerSpawnIsAsSafeAsItsResult) {
  EXPECT_EQ(onlyFate("void f() { start(make()); }"), TaskFateKind::Detached);
  EXPECT_EQ(onlyFate("void f() { handle h = start(make()); }"),
            TaskFateKind::StoredLocal);
}

TEST_F(TaskFateWalkerTest, OtherCallsLeaveTheFateUnknown) {
  EXPECT_EQ(onlyFate("void use(task); void f() { use(make()); }"),
            TaskFateKind::Unknown);
}

TEST_F(TaskFateWalkerTest, LambdaBodiesAreNotWalked) {
  EXPECT_TRUE(fatesOfMake("void f() { [] { make(); }; }").empty());
}

class HolderOfTest : public ::testing::Test {
protected:
  /// The holder of the target of the assignment in f.
  TaskHolder holderOfTarget(const std::string &Code) {
    AST = tooling::buildASTFromCodeWithArgs(Code, {"-std=c++20"});
    EXPECT_FALSE(AST->getDiagnostics().hasErrorOccurred());
    ASTContext &Context = AST->getASTContext();
    auto Nodes = match(
        functionDecl(hasName("f"), isDefinition(),
                     hasDescendant(binaryOperator(hasOperatorName("="))
                                       .bind("assign")))
            .bind("f"),
        Context);
    const auto *F = selectFirst<FunctionDecl>("f", Nodes);
    const auto *Assign = selectFirst<BinaryOperator>("assign", Nodes);
    EXPECT_TRUE(F && Assign);
    if (!F || !Assign)
      return {};
    return holderOf(Assign->getLHS(), *F);
  }

  std::unique_ptr<ASTUnit> AST;
};

TEST_F(HolderOfTest, LocalVariableIsLocal) {
  TaskHolder Holder = holderOfTarget("void f() { int x; x = 1; }");
  ASSERT_NE(Holder.Object, nullptr);
  EXPECT_EQ(Holder.Object->getName(), "x");
  EXPECT_TRUE(Holder.Local);
}

TEST_F(HolderOfTest, MemberOfThisIsTheMember) {
  TaskHolder Holder =
      holderOfTarget("struct s { int m; void f() { m = 1; } };");
  ASSERT_NE(Holder.Object, nullptr);
  EXPECT_EQ(Holder.Object->getName(), "m");
  EXPECT_FALSE(Holder.Local);
}

TEST_F(HolderOfTest, ThroughALocalPointerIsUnknown) {
  TaskHolder Holder =
      holderOfTarget("struct p { int m; }; void f(p *q) { p *r = q; r->m = 1; }");
  EXPECT_EQ(Holder.Object, nullptr);
}

TEST_F(HolderOfTest, ThroughAGlobalPointerIsTheMember) {
  TaskHolder Holder =
      holderOfTarget("struct p { int m; }; p *g; void f() { g->m = 1; }");
  ASSERT_NE(Holder.Object, nullptr);
  EXPECT_EQ(Holder.Object->getName(), "m");
  EXPECT_FALSE(Holder.Local);
}

} // namespace
} // namespace clang::tidy::async::utils
