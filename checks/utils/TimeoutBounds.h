//===--- TimeoutBounds.h - Awaits that a timer bounds -----------*- C++ -*-===//
//
// asio's awaitable operators: `op || timer.async_wait(...)` completes when
// the timer fires, `op && wait` does not. Checks that ask whether an await
// can last forever share the recognition of such races.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_TIMEOUTBOUNDS_H
#define ASYNC_LINT_CHECKS_UTILS_TIMEOUTBOUNDS_H

#include "QualifiedNameMatcher.h"

#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::async::utils {

/// The operands of a chain of overloaded || and && (asio's awaitable
/// operators), each without object wrappers; AllOr is cleared when the chain
/// has an &&.
void flattenOperators(const Expr *E,
                      llvm::SmallVectorImpl<const Expr *> &Leaves, bool &AllOr);

/// Whether E is a chain of two or more operands joined only by || of which
/// one is a call TimerWaits matches: the race ends when the timer fires.
bool racesTimer(const Expr *E, QualifiedNameMatcher &TimerWaits);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_TIMEOUTBOUNDS_H
