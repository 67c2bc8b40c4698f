//===--- MacroOrigins.cpp - Code that test-framework macros wrote ---------===//

#include "MacroOrigins.h"

#include "clang/Lex/Lexer.h"

namespace clang::tidy::async::utils {

TestFrameworkMacros::TestFrameworkMacros(
    const ::async_lint::catalog::Catalog &Catalog,
    ::async_lint::rules::ApiKindName Kind) {
  for (const auto *Entry : Catalog.apis(Kind.Id)) {
    Names.push_back(Entry->QualifiedName);
  }
  // Made after Names is complete: a GlobPattern refers into its text.
  for (const std::string &Name : Names)
    if (auto Glob = llvm::GlobPattern::create(Name))
      Globs.push_back(std::move(*Glob));
    else
      llvm::consumeError(Glob.takeError());
}

bool TestFrameworkMacros::expandedFrom(SourceLocation Loc,
                                       const SourceManager &SM,
                                       const LangOptions &LangOpts,
                                       bool AnySystemMacro) const {
  while (Loc.isMacroID()) {
    // A token from a macro argument was written by the user; only the
    // macro's own body is the framework's.
    if (SM.isMacroArgExpansion(Loc)) {
      Loc = SM.getImmediateSpellingLoc(Loc);
      continue;
    }
    if (AnySystemMacro && SM.isInSystemMacro(Loc))
      return true;
    StringRef Name = Lexer::getImmediateMacroName(Loc, SM, LangOpts);
    for (const llvm::GlobPattern &Glob : Globs)
      if (Glob.match(Name))
        return true;
    Loc = SM.getImmediateMacroCallerLoc(Loc);
  }
  return false;
}

} // namespace clang::tidy::async::utils
