//===--- CallerIndexTest.cpp - Who calls a function, and with what --------===//

#include "utils/CallerIndex.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

namespace clang::tidy::async::utils {
namespace {

using namespace ast_matchers;

const char Callers[] = R"(
constexpr int kWorkers = 4;
struct Pool { Pool(); Pool(int); };
void constant(int n) {}
void from_input(int n) {}
void never_called(int n) {}
void stored(int n) {}
void pool(Pool p) {}
void array(int (&a)[3]) {}
struct Base { virtual void run(int n) {} };
void caller(int input) {
  constant(4);
  constant(kWorkers);
  from_input(4);
  from_input(input);
  void (*p)(int) = &stored;
  stored(1);
  pool(Pool());
  int fixed[3] = {1, 2, 3};
  array(fixed);
  Base().run(1);
  auto lambda = [](int n) {};
  lambda(2);
}
)";

class CallerIndexTest : public ::testing::Test {
protected:
  void parse(const char *Code) {
    Unit = tooling::buildASTFromCode(Code);
    ASSERT_TRUE(Unit);
  }

  ASTContext &context() { return Unit->getASTContext(); }

  /// Whether every call gives the first parameter of Function (a lambda's
  /// call operator when Function is "operator()") a fixed value.
  bool fixed(StringRef Function) {
    const auto *F = selectFirst<FunctionDecl>(
        "f", match(functionDecl(hasName(Function), isDefinition()).bind("f"),
                   context()));
    EXPECT_TRUE(F && F->getNumParams() == 1) << Function.str();
    return F && Index.fixedAtEveryCall(*F->getParamDecl(0), context());
  }

  std::unique_ptr<ASTUnit> Unit;
  CallerIndex Index;
};

TEST_F(CallerIndexTest, EveryCallGivesAConstant) {
  parse(Callers);
  EXPECT_TRUE(fixed("constant"));
  EXPECT_TRUE(fixed("pool"));
  EXPECT_TRUE(fixed("array"));
  // The object a lambda's call operator is called on is not an argument.
  EXPECT_TRUE(fixed("operator()"));
}

TEST_F(CallerIndexTest, SomeCallGivesInput) {
  parse(Callers);
  EXPECT_FALSE(fixed("from_input"));
  // A reference that is no call may be called with anything.
  EXPECT_FALSE(fixed("stored"));
  EXPECT_FALSE(fixed("never_called"));
  // A virtual function is called through its base, from anywhere.
  EXPECT_FALSE(fixed("run"));
}

TEST_F(CallerIndexTest, ResetForgetsTheTranslationUnit) {
  parse(Callers);
  EXPECT_TRUE(fixed("constant"));
  Index.reset();
  parse("void constant(int n) {} void caller(int i) { constant(i); }");
  EXPECT_FALSE(fixed("constant"));
}

TEST(FixedValuesTest, InitializersAndTypes) {
  std::unique_ptr<ASTUnit> Unit = tooling::buildASTFromCode(R"(
    struct Pool { Pool(); Pool(int); };
    int input();
    int braced[2] = {1, 2};
    Pool made = Pool();
    Pool sized = Pool(input());
  )");
  ASSERT_TRUE(Unit);
  ASTContext &Context = Unit->getASTContext();
  auto InitOf = [&](StringRef Name) {
    const auto *Var = selectFirst<VarDecl>(
        "v", match(varDecl(hasName(Name)).bind("v"), Context));
    return Var ? Var->getInit() : nullptr;
  };
  EXPECT_TRUE(isFixedSizeInitializer(InitOf("braced")));
  EXPECT_TRUE(isFixedSizeInitializer(InitOf("made")));
  EXPECT_FALSE(isFixedSizeInitializer(InitOf("sized")));
  EXPECT_TRUE(hasFixedSize(InitOf("braced")->getType()));
  EXPECT_FALSE(hasFixedSize(InitOf("made")->getType()));
  EXPECT_FALSE(isFixedArgument(InitOf("sized"), Context));
}

} // namespace
} // namespace clang::tidy::async::utils
