//===--- BlockingCallCheck.h - async-blocking-call --------------*- C++ -*-===//

#ifndef ASYNC_LINT_CHECKS_BLOCKINGCALLCHECK_H
#define ASYNC_LINT_CHECKS_BLOCKINGCALLCHECK_H

#include "utils/ApiMatcher.h"
#include "utils/RuleOptions.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::async {

/// Reports calls that block the thread when they are evaluated in a coroutine
/// body: sleeping, synchronous file and network I/O, processes, synchronous
/// waits, re-entering an event loop, synchronous asio operations and
/// (optionally) mutex locking. The API names come from rules/profiles and the
/// check's options.
class BlockingCallCheck : public ClangTidyCheck {
public:
  BlockingCallCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  std::optional<TraversalKind> getCheckTraversalKind() const override {
    // Template instantiations are visited so that calls whose callee depends
    // on a template parameter are resolved; duplicates are merged by the
    // diagnostic engine.
    return TK_AsIs;
  }
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  bool includesHeaderStartingWith(StringRef Prefix) const;

  utils::RuleOptions RuleOptions;
  utils::ApiMatcher Blocking;
  /// Headers included by the translation unit, as spelled: a fix-it such as
  /// "co_await aio::sleep(d)" is offered only where it would compile.
  llvm::StringSet<> IncludedHeaders;
};

} // namespace clang::tidy::async

#endif // ASYNC_LINT_CHECKS_BLOCKINGCALLCHECK_H
