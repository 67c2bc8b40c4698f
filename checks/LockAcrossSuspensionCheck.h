//===--- LockAcrossSuspensionCheck.h ----------------------------*- C++ -*-===//
//
// async-lock-across-suspension
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_LOCKACROSSSUSPENSIONCHECK_H
#define ASYNC_LINT_CHECKS_LOCKACROSSSUSPENSIONCHECK_H

#include "utils/FunctionCheck.h"
#include "utils/QualifiedNameMatcher.h"
#include "utils/RuleOptions.h"
#include "utils/TaskRuntime.h"

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::async {

/// Reports a co_await or co_yield that some path of the coroutine's CFG
/// reaches while a thread mutex is locked: by an RAII guard (std::lock_guard,
/// std::unique_lock, ...) not yet destroyed, unlocked or moved from, or by a
/// lock() call not yet matched by its unlock(). Another task that locks the
/// mutex while the coroutine is suspended blocks the thread that would
/// resume it.
class LockAcrossSuspensionCheck : public utils::FunctionCheck {
public:
  LockAcrossSuspensionCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

  /// The catalog's knowledge, used by the analysis of one coroutine.
  bool isGuardType(QualType Type);
  bool isAsyncLock(QualType Type);
  bool isLockCall(const CallExpr *Call);
  bool isUnlockCall(const CallExpr *Call);

private:
  utils::RuleOptions RuleOptions;
  utils::QualifiedNameMatcher GuardTypes;
  utils::QualifiedNameMatcher AsyncLockTypes;
  utils::QualifiedNameMatcher LockFunctions;
  utils::QualifiedNameMatcher UnlockFunctions;
  /// The runtime's own asynchronous mutex is the advice, where it has one.
  utils::TaskRuntimes Runtimes;
};

} // namespace clang::tidy::async

#endif // ASYNC_LINT_CHECKS_LOCKACROSSSUSPENSIONCHECK_H
