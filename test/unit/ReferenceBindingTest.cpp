//===--- ReferenceBindingTest.cpp - What a reference argument binds to ----===//

#include "utils/ReferenceBinding.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

#include <memory>

namespace clang::tidy::async::utils {
namespace {

using namespace ast_matchers;

// A string and a view of one, and a function for each kind of parameter.
const char *const Prelude = R"cpp(
struct str {
  str();
  str(const char *);
  const char *data() const;
};
struct view {
  view(const str &);
  view(const char *);
};
struct pair { str first; str second; };
void by_ref(const str &);
void by_ptr(const str *);
void by_chars(const char *);
void by_view(view);
str global;
)cpp";

/// What the argument of the single call in f is bound to.
class ReferenceBindingTest : public ::testing::Test {
protected:
  ReferenceBindingTest() { ViewTypes.addName("view"); }

  /// The binding of the single call in f, and the object it binds.
  std::optional<BoundObject> boundByCall(const std::string &Code) {
    AST = tooling::buildASTFromCodeWithArgs(Prelude + Code, {"-std=c++20"});
    EXPECT_FALSE(AST->getDiagnostics().hasErrorOccurred());
    auto Nodes =
        match(functionDecl(hasName("f"), isDefinition(),
                           hasDescendant(callExpr(callee(functionDecl(
                                                      matchesName("::by_"))))
                                             .bind("call")))
                  .bind("f"),
              AST->getASTContext());
    const auto *F = selectFirst<FunctionDecl>("f", Nodes);
    const auto *Call = selectFirst<CallExpr>("call", Nodes);
    EXPECT_TRUE(F && Call);
    if (!F || !Call)
      return std::nullopt;
    ReferenceBinding Bindings(ViewTypes, *F);
    std::optional<BindingKind> How =
        Bindings.bindingOf(Call->getDirectCallee()->getParamDecl(0)->getType());
    EXPECT_TRUE(How.has_value());
    if (!How)
      return std::nullopt;
    return Bindings.boundObject(Call->getArg(0), *How);
  }

  std::string boundVariable(const std::string &Code) {
    std::optional<BoundObject> Object = boundByCall(Code);
    if (!Object || Object->Temporary || !Object->Var)
      return "";
    return Object->Var->getNameAsString();
  }

  bool boundTemporary(const std::string &Code) {
    std::optional<BoundObject> Object = boundByCall(Code);
    return Object && Object->Temporary;
  }

  QualifiedNameMatcher ViewTypes;
  std::unique_ptr<ASTUnit> AST;
};

TEST_F(ReferenceBindingTest, KindOfParameter) {
  AST = tooling::buildASTFromCodeWithArgs(
      std::string(Prelude) + "void f(int, int &, int *, view, void (*)());",
      {"-std=c++20"});
  const auto *F = selectFirst<FunctionDecl>(
      "f", match(functionDecl(hasName("f")).bind("f"), AST->getASTContext()));
  ASSERT_NE(F, nullptr);
  ReferenceBinding Bindings(ViewTypes, *F);
  auto KindOf = [&](unsigned I) {
    return Bindings.bindingOf(F->getParamDecl(I)->getType());
  };
  EXPECT_EQ(KindOf(0), std::nullopt);
  EXPECT_EQ(KindOf(1), BindingKind::Reference);
  EXPECT_EQ(KindOf(2), BindingKind::Pointer);
  EXPECT_EQ(KindOf(3), BindingKind::View);
  EXPECT_EQ(KindOf(4), std::nullopt);
}

TEST_F(ReferenceBindingTest, ReferenceToLocal) {
  EXPECT_EQ(boundVariable("void f() { str s; by_ref(s); }"), "s");
}

TEST_F(ReferenceBindingTest, ReferenceToMemberOfLocal) {
  EXPECT_EQ(boundVariable("void f() { pair p; by_ref(p.first); }"), "p");
}

TEST_F(ReferenceBindingTest, ReferenceToParameter) {
  EXPECT_EQ(boundVariable("void f(str s) { by_ref(s); }"), "s");
}

TEST_F(ReferenceBindingTest, ReferenceToTemporary) {
  EXPECT_TRUE(boundTemporary("void f() { by_ref(str()); }"));
}

TEST_F(ReferenceBindingTest, ObjectsTheCallerDoesNotOwn) {
  EXPECT_EQ(boundByCall("void f() { by_ref(global); }"), std::nullopt);
  EXPECT_EQ(boundByCall("void f(const str &r) { by_ref(r); }"), std::nullopt);
  EXPECT_EQ(boundByCall("void f(pair *p) { by_ref(p->first); }"),
            std::nullopt);
}

TEST_F(ReferenceBindingTest, PointerToLocal) {
  EXPECT_EQ(boundVariable("void f() { str s; by_ptr(&s); }"), "s");
  EXPECT_EQ(boundVariable("void f() { char a[4]; by_chars(a); }"), "a");
  EXPECT_EQ(boundVariable("void f() { str s; by_chars(s.data()); }"), "s");
}

TEST_F(ReferenceBindingTest, PointerToLiteralOrTemporary) {
  EXPECT_EQ(boundByCall("void f() { by_chars(\"text\"); }"), std::nullopt);
  EXPECT_TRUE(boundTemporary("void f() { by_chars(str().data()); }"));
}

TEST_F(ReferenceBindingTest, ViewOfLocalOrTemporary) {
  EXPECT_EQ(boundVariable("void f() { str s; by_view(s); }"), "s");
  EXPECT_TRUE(boundTemporary("void f() { by_view(str()); }"));
  EXPECT_EQ(boundByCall("void f() { by_view(\"text\"); }"), std::nullopt);
}

TEST_F(ReferenceBindingTest, ViewVariableViewsWhatIsNotKnown) {
  EXPECT_EQ(boundByCall("void f() { str s; view v(s); by_view(v); }"),
            std::nullopt);
}

} // namespace
} // namespace clang::tidy::async::utils
