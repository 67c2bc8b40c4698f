//===--- SwallowedCancellationCheck.h ---------------------------*- C++ -*-===//
//
// async-swallowed-cancellation
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_SWALLOWEDCANCELLATIONCHECK_H
#define ASYNC_LINT_CHECKS_SWALLOWEDCANCELLATIONCHECK_H

#include "utils/CFGReachability.h"
#include "utils/CancellationNames.h"
#include "utils/FunctionCheck.h"
#include "utils/MacroOrigins.h"
#include "utils/QualifiedNameMatcher.h"
#include "utils/RuleOptions.h"

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::async {

/// Reports, in a coroutine, a handler that catches cancellation (catch-all,
/// a cancellation exception type or one of its bases) around a suspension
/// point and can finish without rethrowing it; and an asio error code that
/// is compared with operation_aborted after which the coroutine goes on to
/// await again, which ignores the cancellation the same way.
///
/// A path of a handler ends without swallowing at a throw, a call that does
/// not return, a test-failure macro, or a stash (`ex =
/// std::current_exception()`) that every path after the try statement
/// rethrows (`std::rethrow_exception(ex)`).
class SwallowedCancellationCheck : public utils::FunctionCheck {
public:
  SwallowedCancellationCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void onStartOfTranslationUnit() override {
    Cancellation.startTranslationUnit();
  }

  /// A condition that tells cancellation from other failures:
  /// `ec == operation_aborted`, `e.code() != operation_aborted`,
  /// `dynamic_cast<const cancelled_error *>(&e)`, or a call to a visible
  /// predicate that returns such a test of its parameter.
  struct CancellationTest {
    /// Which branch the cancellation takes.
    bool CancelledWhenTrue = true;
    /// The error code compared (a variable or structured binding), if any.
    const ValueDecl *Tested = nullptr;
    /// The error code it is compared with.
    const NamedDecl *Code = nullptr;
  };

  using HandlerKind = utils::CancellationHandlerKind;

  /// Error codes filled in by an await, by the awaits that fill them.
  using ErrorCodeOrigins =
      llvm::DenseMap<const ValueDecl *,
                     llvm::SmallVector<const CoawaitExpr *, 1>>;

private:
  /// Reports each test of an error code against cancellation after which
  /// the coroutine goes on to await again one of the awaits that fill it.
  /// Reports Handler, of type Caught (null for catch-all), which swallows
  /// the cancellation of SuspensionPoint; Cancellation is the class a
  /// handler of its base takes.
  void reportHandler(const CXXCatchStmt &Handler, HandlerKind Kind,
                     QualType Caught, const CXXRecordDecl *Cancellation,
                     const Expr &SuspensionPoint, const ASTContext &Context);
  void reportIgnoredCancellationCodes(const utils::BodyCFG &Graph,
                                      const ErrorCodeOrigins &Origins,
                                      const SourceManager &SM,
                                      const LangOptions &LangOpts);
  std::optional<CancellationTest> cancellationTest(const Stmt *Condition,
                                                   unsigned Depth = 0) const;
  std::optional<CancellationTest> predicateTest(const Expr *E,
                                                unsigned Depth) const;

  utils::RuleOptions RuleOptions;
  utils::CancellationNames Cancellation{
      RuleOptions,
      rules::option::swallowed_cancellation::ExtraCancellationExceptions,
      rules::option::swallowed_cancellation::ExtraCancellationErrorCodes};
  utils::QualifiedNameMatcher ErrorCodeTokens;
  utils::QualifiedNameMatcher NonThrowingCancellationTasks;
  utils::TestFrameworkMacros TestMacros{RuleOptions.catalog()};
  utils::TestFrameworkMacros FailureMacros{RuleOptions.catalog(),
                                           api_kind::TestFailureMacros};
};

} // namespace clang::tidy::async

#endif // ASYNC_LINT_CHECKS_SWALLOWEDCANCELLATIONCHECK_H
