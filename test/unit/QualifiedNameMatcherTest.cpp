//===--- QualifiedNameMatcherTest.cpp - Names matched against code --------===//

#include "utils/QualifiedNameMatcher.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

namespace clang::tidy::async::utils {
namespace {

using namespace ast_matchers;

std::unique_ptr<ASTUnit> parse(llvm::StringRef Code) {
  std::unique_ptr<ASTUnit> AST =
      tooling::buildASTFromCodeWithArgs(Code, {"-std=c++20"});
  EXPECT_TRUE(AST);
  EXPECT_FALSE(AST->getDiagnostics().hasErrorOccurred());
  return AST;
}

/// The first call written in the body of the function named Function.
const CallExpr *callIn(ASTUnit &AST, llvm::StringRef Function) {
  return selectFirst<CallExpr>(
      "call", match(callExpr(hasAncestor(functionDecl(hasName(Function))))
                        .bind("call"),
                    AST.getASTContext()));
}

const CXXConstructExpr *constructionIn(ASTUnit &AST,
                                       llvm::StringRef Function) {
  return selectFirst<CXXConstructExpr>(
      "construct",
      match(cxxConstructExpr(hasAncestor(functionDecl(hasName(Function))))
                .bind("construct"),
            AST.getASTContext()));
}

QualType typeOf(ASTUnit &AST, llvm::StringRef Variable) {
  const auto *Var = selectFirst<VarDecl>(
      "var", match(varDecl(hasName(Variable)).bind("var"),
                   AST.getASTContext()));
  return Var ? Var->getType() : QualType();
}

const NamedDecl *declNamed(ASTUnit &AST, llvm::StringRef QualifiedName) {
  return selectFirst<NamedDecl>(
      "decl", match(namedDecl(hasName(QualifiedName)).bind("decl"),
                    AST.getASTContext()));
}

const EnumConstantDecl *enumerator(ASTUnit &AST, llvm::StringRef Enum,
                                   llvm::StringRef Name) {
  return selectFirst<EnumConstantDecl>(
      "enumerator",
      match(enumConstantDecl(hasName(Name), hasParent(enumDecl(hasName(Enum))))
                .bind("enumerator"),
            AST.getASTContext()));
}

std::optional<std::string> matchedName(QualifiedNameMatcher &Matcher,
                                       const CallExpr *Call) {
  EXPECT_TRUE(Call);
  if (auto Found = Matcher.matchCall(Call))
    return Found->MatchedName;
  return std::nullopt;
}

TEST(QualifiedNameMatcherTest, FreeFunctionByQualifiedName) {
  auto AST = parse(R"cpp(
    namespace ns { void f(); void g(); inline namespace v1 { void h(); } }
    namespace other { void f(); }
    void callsF() { ns::f(); }
    void callsG() { ns::g(); }
    void callsOtherF() { other::f(); }
    void callsH() { ns::h(); }
  )cpp");
  QualifiedNameMatcher Matcher;
  Matcher.addName("::ns::f");
  Matcher.addName("ns::h");
  EXPECT_EQ(matchedName(Matcher, callIn(*AST, "callsF")), "ns::f");
  EXPECT_FALSE(matchedName(Matcher, callIn(*AST, "callsG")));
  EXPECT_FALSE(matchedName(Matcher, callIn(*AST, "callsOtherF")));
  // An inline namespace is not part of the name.
  EXPECT_EQ(matchedName(Matcher, callIn(*AST, "callsH")), "ns::h");
}

TEST(QualifiedNameMatcherTest, GlobsAndBraces) {
  auto AST = parse(R"cpp(
    namespace ns {
    void read_some(); void read_all(); void write(); void open(); void close();
    }
    void readsSome() { ns::read_some(); }
    void writes() { ns::write(); }
    void opens() { ns::open(); }
    void closes() { ns::close(); }
  )cpp");
  QualifiedNameMatcher Matcher;
  Matcher.addName("ns::read_*", 1);
  Matcher.addName("ns::{open,flush}", 2);
  auto Found = Matcher.matchCall(callIn(*AST, "readsSome"));
  ASSERT_TRUE(Found);
  EXPECT_EQ(Found->Tag, 1u);
  EXPECT_EQ(Found->MatchedName, "ns::read_some");
  EXPECT_EQ(Found->Entry->QualifiedName, "ns::read_*");
  EXPECT_FALSE(matchedName(Matcher, callIn(*AST, "writes")));
  Found = Matcher.matchCall(callIn(*AST, "opens"));
  ASSERT_TRUE(Found);
  EXPECT_EQ(Found->Tag, 2u);
  EXPECT_FALSE(matchedName(Matcher, callIn(*AST, "closes")));

  EXPECT_TRUE(Matcher.matchesName("ns::read_all"));
  EXPECT_TRUE(Matcher.matchesName("ns::flush"));
  EXPECT_FALSE(Matcher.matchesName("ns::close"));
  EXPECT_FALSE(Matcher.matchesName(""));
}

TEST(QualifiedNameMatcherTest, InvalidGlobMatchesNothing) {
  QualifiedNameMatcher Matcher;
  Matcher.addName("ns::[");
  EXPECT_TRUE(Matcher.empty());
  EXPECT_FALSE(Matcher.matchesName("ns::["));
}

TEST(QualifiedNameMatcherTest, MethodThroughBaseClass) {
  auto AST = parse(R"cpp(
    namespace ns {
    struct stream { void read(); };
    struct file_stream : stream { void seek(); };
    struct unrelated { void read(); };
    }
    void readsFile(ns::file_stream &s) { s.read(); }
    void seeksFile(ns::file_stream *s) { s->seek(); }
    void readsUnrelated(ns::unrelated &u) { u.read(); }
  )cpp");
  QualifiedNameMatcher Matcher;
  Matcher.addName("ns::stream::read");
  Matcher.addName("ns::stream::seek");
  // The object is a file_stream; read() is named on its base class.
  EXPECT_EQ(matchedName(Matcher, callIn(*AST, "readsFile")),
            "ns::stream::read");
  // Named on the base, declared in the derived class.
  EXPECT_EQ(matchedName(Matcher, callIn(*AST, "seeksFile")),
            "ns::stream::seek");
  EXPECT_FALSE(matchedName(Matcher, callIn(*AST, "readsUnrelated")));
}

TEST(QualifiedNameMatcherTest, FunctionObjectOperatorCall) {
  auto AST = parse(R"cpp(
    namespace ns {
    struct sync_wait_t { int operator()(int) const; };
    inline constexpr sync_wait_t sync_wait{};
    inline constexpr sync_wait_t other{};
    }
    void waits() { ns::sync_wait(1); }
    void waitsOther() { ns::other(1); }
  )cpp");
  QualifiedNameMatcher Matcher;
  Matcher.addName("ns::sync_wait");
  EXPECT_EQ(matchedName(Matcher, callIn(*AST, "waits")), "ns::sync_wait");
  EXPECT_FALSE(matchedName(Matcher, callIn(*AST, "waitsOther")));
}

TEST(QualifiedNameMatcherTest, Enumerators) {
  auto AST = parse(R"cpp(
    namespace ns {
    enum errors { aborted, timed_out };
    enum class status { aborted };
    }
  )cpp");
  const NamedDecl *Unscoped = enumerator(*AST, "errors", "aborted");
  const NamedDecl *Scoped = enumerator(*AST, "status", "aborted");
  ASSERT_TRUE(Unscoped && Scoped);
  EXPECT_EQ(qualifiedNamesOf(Unscoped),
            (llvm::SmallVector<std::string, 2>{"ns::aborted",
                                               "ns::errors::aborted"}));

  QualifiedNameMatcher AsWritten;
  AsWritten.addName("ns::aborted");
  EXPECT_TRUE(AsWritten.matchesDecl(Unscoped));
  // A scoped enumerator is named with its enum only.
  EXPECT_FALSE(AsWritten.matchesDecl(Scoped));

  QualifiedNameMatcher WithEnum;
  WithEnum.addName("ns::status::aborted");
  EXPECT_TRUE(WithEnum.matchesDecl(Scoped));
  EXPECT_FALSE(WithEnum.matchesDecl(Unscoped));
  EXPECT_FALSE(WithEnum.matchesDecl(enumerator(*AST, "errors", "timed_out")));
}

TEST(QualifiedNameMatcherTest, TypesBasesAndSpecializations) {
  auto AST = parse(R"cpp(
    namespace ns {
    template <class T> struct task {};
    struct base_handle {};
    struct handle : base_handle {};
    template <class T> struct wrapper {};
    struct token {};
    using token_alias = token;
    }
    ns::task<int> t;
    const ns::handle &h = ns::handle{};
    int i;
    ns::wrapper<ns::task<int>> w;
  )cpp");
  QualifiedNameMatcher Matcher;
  Matcher.addNames({"ns::task", "ns::base_handle", "ns::token"});
  EXPECT_EQ(Matcher.matchType(typeOf(*AST, "t")), "ns::task");
  // A derived class, through a const reference, answers with its base.
  EXPECT_EQ(Matcher.matchType(typeOf(*AST, "h")), "ns::base_handle");
  EXPECT_FALSE(Matcher.matchType(typeOf(*AST, "i")));
  EXPECT_FALSE(Matcher.matchType(typeOf(*AST, "w")));
  EXPECT_EQ(Matcher.matchTypeOrTemplateArguments(typeOf(*AST, "w")),
            "ns::task");
  // A type alias answers to the name of the class it stands for.
  EXPECT_TRUE(Matcher.matchesDecl(declNamed(*AST, "ns::token_alias")));
}

TEST(QualifiedNameMatcherTest, DefinitionsOfExactNames) {
  auto AST = parse(R"cpp(
    namespace ns {
    struct cancelled {};
    struct declared_only;
    struct other {};
    using alias = other;
    }
  )cpp");
  QualifiedNameMatcher Matcher;
  Matcher.addNames({"ns::alias", "ns::cancelled", "ns::declared_only",
                    "ns::missing", "ns::*"});
  auto Found = Matcher.definitionsIn(AST->getASTContext());
  ASSERT_EQ(Found.size(), 2u);
  EXPECT_EQ(catalogName(Found[0]), "ns::other");
  EXPECT_EQ(catalogName(Found[1]), "ns::cancelled");
}

TEST(QualifiedNameMatcherTest, ConstructionAndArgumentConstraints) {
  auto AST = parse(R"cpp(
    namespace ns {
    struct thread { thread(); thread(int); thread(const thread &); };
    struct jthread : thread { jthread(int); };
    void sleep(int);
    }
    void constructs() { ns::jthread t(1); }
    void defaultConstructs() { ns::thread t; }
    void copies(const ns::thread &o) { ns::thread t(o); }
    void sleepsWithArgument() { ns::sleep(1); }
  )cpp");
  QualifiedNameMatcher Matcher;
  catalog::ApiEntry Thread;
  Thread.QualifiedName = "ns::thread";
  Thread.Kind = catalog::ApiEntryKind::Construct;
  Thread.MinArguments = 1;
  Matcher.addEntry(Thread, 7);
  catalog::ApiEntry Sleep;
  Sleep.QualifiedName = "ns::sleep";
  Sleep.MaxArguments = 0;
  Matcher.addEntry(Sleep);

  auto Found = Matcher.matchConstruct(constructionIn(*AST, "constructs"));
  ASSERT_TRUE(Found);
  EXPECT_EQ(Found->Tag, 7u);
  EXPECT_EQ(Found->MatchedName, "ns::thread");
  EXPECT_FALSE(
      Matcher.matchConstruct(constructionIn(*AST, "defaultConstructs")));
  EXPECT_FALSE(Matcher.matchConstruct(constructionIn(*AST, "copies")));
  // A construct entry is no call entry, and a call over its maximum of
  // arguments does not count.
  EXPECT_FALSE(Matcher.matchCall(callIn(*AST, "sleepsWithArgument")));
}

} // namespace
} // namespace clang::tidy::async::utils
