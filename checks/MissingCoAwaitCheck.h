//===--- MissingCoAwaitCheck.h - async-missing-co-await ---------*- C++ -*-===//

#ifndef ASYNC_LINT_CHECKS_MISSINGCOAWAITCHECK_H
#define ASYNC_LINT_CHECKS_MISSINGCOAWAITCHECK_H

#include "utils/AwaitableShape.h"
#include "utils/FunctionBodyScan.h"
#include "utils/FunctionCheck.h"
#include "utils/MacroOrigins.h"
#include "utils/QualifiedNameMatcher.h"
#include "utils/RuleOptions.h"

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::async {

/// Reports an awaitable whose work never runs: a discarded lazy task or
/// operation (also under a cast to void), and a local one that is never
/// awaited, moved, returned or passed on; in coroutines and in plain
/// functions. An eager task has run from the call; async-detached-task
/// reports dropping one. Inside a coroutine, a discarded awaitable gets the
/// fix-it "co_await ".
class MissingCoAwaitCheck : public utils::FunctionCheck {
public:
  MissingCoAwaitCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  enum class Consequence {
    LazyTaskNeverRuns,
    OperationNeverStarts,
    NeverInitiated,
  };

  /// Why dropping a value made by Source (a call or construction) of type
  /// Type is a bug; nullopt when it is not an awaitable this check reports.
  std::optional<Consequence> whatDiscardingLoses(const Expr *Source,
                                                 QualType Type);
  /// Work that async-detached-task reports: a call that starts work at once,
  /// or a value that owns started work.
  bool startsWork(const Expr *Source, QualType Type);
  bool hasLazyCompletionToken(const CallExpr *Call);
  /// Whether "co_await " in front of a value of Type compiles in Coroutine.
  bool canAwaitIn(const FunctionDecl &Coroutine, QualType Type);

  void reportDiscarded(const utils::DiscardedValue &Discarded,
                       const FunctionDecl &Function, ASTContext &Context);
  void reportVariable(const utils::LocalVariable &Local, ASTContext &Context);

  utils::RuleOptions RuleOptions;
  utils::AwaitableClassifier Awaitables;
  /// Calls that async-detached-task owns: detaching, eager and tracked
  /// spawns, from the catalog and from that check's options.
  utils::QualifiedNameMatcher StartedWork;
  utils::QualifiedNameMatcher WorkHandles;
  utils::QualifiedNameMatcher LazyTokens;
  utils::TestFrameworkMacros FrameworkMacros{RuleOptions.catalog()};
};

} // namespace clang::tidy::async

#endif // ASYNC_LINT_CHECKS_MISSINGCOAWAITCHECK_H
