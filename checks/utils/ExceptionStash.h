//===--- ExceptionStash.h - An exception kept to rethrow later --*- C++ -*-===//
//
// A handler may keep the exception it handles, `ex = std::current_exception()`,
// and rethrow it after the try statement, `std::rethrow_exception(ex)`, once
// cleanup that cannot run inside the handler (an await, in a coroutine) is
// done. Such a handler passes the exception on if every path from the stash
// reaches the rethrow.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_EXCEPTIONSTASH_H
#define ASYNC_LINT_CHECKS_UTILS_EXCEPTIONSTASH_H

#include "CFGReachability.h"

#include "clang/AST/Decl.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <optional>

namespace clang::tidy::async::utils {

/// The variable that S, `ex = std::current_exception()`, stores the
/// exception being handled in; null for any other statement.
const ValueDecl *exceptionStashedBy(const Stmt &S);

/// Which branch of Condition a non-null Stash takes, when Condition tests
/// it: `if (ex)`, `if (!ex)`, `ex != nullptr`, `ex == nullptr`.
std::optional<bool> nonNullWhenTrue(const Stmt *Condition,
                                    const ValueDecl *Stash);

/// Whether every path from just after Stashing, which stores an exception
/// in Stash, reaches a statement that EndsPath accepts (a rethrow, another
/// throw) before the function finishes or goes back into Try's block, which
/// would run the guarded code again after the failure. Cleanup on the way is
/// allowed.
bool rethrownOnEveryPath(const BodyCFG &Graph, const Stmt &Stashing,
                         const ValueDecl *Stash, const CXXTryStmt &Try,
                         llvm::function_ref<bool(const Stmt &)> EndsPath);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_EXCEPTIONSTASH_H
