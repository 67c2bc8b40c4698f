//===--- MacroOrigins.h - Code that test-framework macros wrote -*- C++ -*-===//
//
// Catch2's CHECK/REQUIRE and GoogleTest's EXPECT_*/ASSERT_* expand to
// try/catch (...) blocks and calls the user never wrote. Findings at such
// places are not the user's to fix, so checks skip them. The arguments the
// user passes to such a macro are still the user's code.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_MACROORIGINS_H
#define ASYNC_LINT_CHECKS_UTILS_MACROORIGINS_H

#include "../catalog/RuleCatalog.h"
#include "GeneratedRuleNames.h"

#include "clang/Basic/LangOptions.h"
#include "clang/Basic/SourceLocation.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/GlobPattern.h"

#include <string>
#include <vector>

namespace clang::tidy::async::utils {

class TestFrameworkMacros {
public:
  /// Reads the macro names of an API kind: test-framework-macros by
  /// default, or a narrower one such as test-failure-macros.
  explicit TestFrameworkMacros(
      const ::async_lint::catalog::Catalog &Catalog,
      ::async_lint::rules::ApiKindName Kind =
          ::async_lint::rules::api_kind::TestFrameworkMacros);

  /// True when Loc was written by the body of a test framework's macro: a
  /// macro defined in a system header, or one named in the catalog.
  bool wrote(SourceLocation Loc, const SourceManager &SM,
             const LangOptions &LangOpts) const {
    return expandedFrom(Loc, SM, LangOpts, /*AnySystemMacro=*/true);
  }
  /// True when Loc was written by the body of a macro named in the catalog,
  /// whichever header defines it.
  bool named(SourceLocation Loc, const SourceManager &SM,
             const LangOptions &LangOpts) const {
    return expandedFrom(Loc, SM, LangOpts, /*AnySystemMacro=*/false);
  }

private:
  bool expandedFrom(SourceLocation Loc, const SourceManager &SM,
                    const LangOptions &LangOpts, bool AnySystemMacro) const;

  std::vector<std::string> Names;
  std::vector<llvm::GlobPattern> Globs;
};

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_MACROORIGINS_H
