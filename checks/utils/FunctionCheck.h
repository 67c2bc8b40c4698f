//===--- FunctionCheck.h - Checks that analyse one function at a time -*- C++
//-*-===//
//
// Every async-* check analyses function definitions one at a time. Clang
// evaluates each registered matcher on every function declaration of the
// translation unit, headers included, so ten checks with a matcher each cost
// ten evaluations per declaration: most of what the checks add to parsing.
// The checks of one MatchFinder therefore share a single matcher, which calls
// each of them in turn with the same MatchResult, and matching costs the same
// for one check as for all of them.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_FUNCTIONCHECK_H
#define ASYNC_LINT_CHECKS_UTILS_FUNCTIONCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <memory>
#include <mutex>

namespace clang::tidy::async::utils {

/// The definitions a check is called for, all outside system headers.
enum class Definitions {
  /// Coroutines, lambdas included.
  Coroutines,
  /// Every function the user wrote: not implicit, not defaulted.
  Functions,
};

/// The name the definition is bound to in the result a check receives.
inline constexpr llvm::StringLiteral AnalysedFunction = "function";

class FunctionCheck;

/// The one matcher of a MatchFinder: finds the function definitions outside
/// system headers and hands each to the checks that asked for its kind.
class SharedFunctionMatcher final
    : public ast_matchers::MatchFinder::MatchCallback {
public:
  void add(FunctionCheck &Check, Definitions Kind);
  void remove(const FunctionCheck &Check);

  void run(const ast_matchers::MatchFinder::MatchResult &Result) override;
  // The checks are not callbacks of the MatchFinder, so they hear of the
  // translation unit's start and end from here.
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;
  StringRef getID() const override { return "async-lint-function-matcher"; }
  std::optional<TraversalKind> getCheckTraversalKind() const override {
    // Template instantiations are visited, where calls are resolved.
    return TK_AsIs;
  }

private:
  struct Subscriber {
    FunctionCheck *Check;
    Definitions Kind;
  };
  llvm::SmallVector<Subscriber, 10> Subscribers;
};

/// The shared matchers of the checks one module's factories create, one per
/// MatchFinder. Owned by those factories, so each clang-tidy run has its own.
class FunctionMatcherRegistry {
public:
  /// The matcher of Finder, registered with Finder on first use.
  std::shared_ptr<SharedFunctionMatcher>
  matcherFor(ast_matchers::MatchFinder &Finder);

private:
  // Translation units may be analysed on several threads at once.
  std::mutex Mutex;
  llvm::DenseMap<const ast_matchers::MatchFinder *,
                 std::weak_ptr<SharedFunctionMatcher>>
      ByFinder;
};

/// Base of the checks that analyse function definitions: check() is called
/// once per definition of the kind asked for, with the definition bound to
/// AnalysedFunction.
class FunctionCheck : public ClangTidyCheck {
public:
  FunctionCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  ~FunctionCheck() override;
  FunctionCheck(const FunctionCheck &) = delete;
  FunctionCheck &operator=(const FunctionCheck &) = delete;

  // Every check is about C++20 coroutines. Its traversal kind is the
  // shared matcher's: template instantiations are visited, where calls are
  // resolved.
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }

  /// Called once every check has seen the end of the translation unit:
  /// async-blocking-call writes the unit's facts file at its end of unit, in
  /// an order among checks that clang-tidy does not fix, so a check that adds
  /// its fields to that file does it here.
  virtual void afterEndOfTranslationUnit() {}

  /// Set by the module's check factory before registerMatchers().
  void shareMatchers(std::shared_ptr<FunctionMatcherRegistry> Matchers) {
    Registry = std::move(Matchers);
  }

protected:
  /// Asks to be called for every definition of Kind that Finder visits.
  void matchDefinitions(ast_matchers::MatchFinder *Finder, Definitions Kind);

private:
  std::shared_ptr<FunctionMatcherRegistry> Registry;
  std::shared_ptr<SharedFunctionMatcher> Matcher;
};

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_FUNCTIONCHECK_H
