//===--- CFGReachabilityTest.cpp - Paths through a function's CFG ---------===//

#include "utils/CFGReachability.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

namespace clang::tidy::async::utils {
namespace {

using namespace ast_matchers;

/// Nested try blocks, with calls a() to d() at the places the tests ask
/// about and a guard declared at each level. A block is judged by its first
/// statement in a try block: the branch starts b()'s block inside the inner
/// one.
const char NestedTries[] = R"(
struct Guard { Guard(); ~Guard(); };
void a(); void b(); void c(); void d(); bool e();
void f() {
  Guard outside;
  try {
    Guard in_outer;
    a();
    try {
      Guard in_inner;
      if (e())
        return;
      b();
    } catch (...) {
      Guard in_handler;
      c();
    }
  } catch (...) {
  }
  d();
}
)";

class CFGReachabilityTest : public ::testing::Test {
protected:
  void build(const char *Code, BodyCFG::Destructors WithDestructors =
                                   BodyCFG::Destructors::Omitted) {
    Unit = tooling::buildASTFromCode(Code);
    ASSERT_TRUE(Unit);
    const auto *F = selectFirst<FunctionDecl>(
        "f", match(functionDecl(hasName("f"), isDefinition()).bind("f"),
                   context()));
    ASSERT_TRUE(F);
    Graph = BodyCFG::build(F, F->getBody(), context(), WithDestructors);
    ASSERT_TRUE(Graph);
  }

  ASTContext &context() { return Unit->getASTContext(); }

  /// The block that evaluates the call of Callee.
  const CFGBlock *blockOfCall(StringRef Callee) {
    const auto *Call = selectFirst<CallExpr>(
        "call",
        match(callExpr(callee(functionDecl(hasName(Callee)))).bind("call"),
              context()));
    std::optional<BodyCFG::Position> At =
        Call ? Graph->positionOf(Call) : std::nullopt;
    return At ? At->Block : nullptr;
  }

  std::vector<std::string> unwoundNames(const CFGBlock *Dispatch) {
    std::vector<std::string> Names;
    for (const VarDecl *Var : Graph->unwoundTo(Dispatch))
      Names.push_back(Var->getNameAsString());
    llvm::sort(Names);
    return Names;
  }

  static const CXXTryStmt *tryOf(const CFGBlock *Dispatch) {
    return Dispatch ? dyn_cast_or_null<CXXTryStmt>(Dispatch->getTerminatorStmt())
                    : nullptr;
  }

  std::unique_ptr<ASTUnit> Unit;
  std::unique_ptr<BodyCFG> Graph;
};

TEST_F(CFGReachabilityTest, ThrowsToTheInnermostTryBlock) {
  build(NestedTries);
  const CFGBlock *Outer = Graph->throwsTo(*blockOfCall("a"));
  const CFGBlock *Inner = Graph->throwsTo(*blockOfCall("b"));
  ASSERT_TRUE(tryOf(Outer));
  ASSERT_TRUE(tryOf(Inner));
  EXPECT_NE(Outer, Inner);
  EXPECT_TRUE(llvm::is_contained(tryOf(Outer)->getTryBlock()->body(),
                                 tryOf(Inner)));
  // A handler is outside its own try block, inside the enclosing one.
  EXPECT_EQ(Graph->throwsTo(*blockOfCall("c")), Outer);
  EXPECT_EQ(Graph->throwsTo(*blockOfCall("d")), nullptr);
}

TEST_F(CFGReachabilityTest, UnwindingDestroysWhatTheTryBlockDeclares) {
  build(NestedTries);
  const CFGBlock *Outer = Graph->throwsTo(*blockOfCall("a"));
  const CFGBlock *Inner = Graph->throwsTo(*blockOfCall("b"));
  EXPECT_EQ(unwoundNames(Inner), std::vector<std::string>{"in_inner"});
  EXPECT_EQ(unwoundNames(Outer),
            (std::vector<std::string>{"in_handler", "in_inner", "in_outer"}));
  EXPECT_TRUE(Graph->unwoundTo(nullptr).empty());
}

TEST_F(CFGReachabilityTest, DestructorsAreElementsOnRequest) {
  auto CountDestructors = [&] {
    unsigned Count = 0;
    for (const CFGBlock *Block : Graph->cfg())
      for (const CFGElement &Element : *Block)
        Count += Element.getAs<CFGAutomaticObjDtor>().has_value();
    return Count;
  };
  build(NestedTries);
  EXPECT_EQ(CountDestructors(), 0u);
  build(NestedTries, BodyCFG::Destructors::Included);
  EXPECT_GE(CountDestructors(), 4u);
}

TEST_F(CFGReachabilityTest, NoTryBlockNoHandlers) {
  build("void g(); void f() { g(); }");
  EXPECT_EQ(Graph->throwsTo(*blockOfCall("g")), nullptr);
}

} // namespace
} // namespace clang::tidy::async::utils
