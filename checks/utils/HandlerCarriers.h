//===--- HandlerCarriers.h - What a catch handler keeps ---------*- C++ -*-===//
//
// A coroutine cannot co_await in a catch handler, so a handler keeps what it
// caught in a variable, its carrier (`ep = std::current_exception();`,
// `cancelled = true;`), and the code after the try statement tests it
// (`if (ep)`, `if (!cancelled)`). These answer which variables a handler
// sets, which branch of a test of them runs once they are set, and which
// flags only the other handlers of the try statement set.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_HANDLERCARRIERS_H
#define ASYNC_LINT_CHECKS_UTILS_HANDLERCARRIERS_H

#include "CFGReachability.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <optional>

namespace clang::tidy::async::utils {

/// The variables a handler sets to carry what it caught past its end.
llvm::SmallPtrSet<const ValueDecl *, 2> carriersOf(const CXXCatchStmt &Handler);

/// For a condition that tests one of Variables being set (`if (ep)`,
/// `if (!cancelled)`, `ep != nullptr`), whether the set value makes it true;
/// none for any other condition.
std::optional<bool>
carrierTest(const Stmt *Condition,
            const llvm::SmallPtrSetImpl<const ValueDecl *> &Variables);

/// Flags that only the other handlers of Try set (`catch (...) { failed =
/// true; }`), from a value that tests false: on the path of Handler they
/// still hold it, so `if (failed) co_await cleanup();` is not taken there.
/// Body is the function body and Graph its CFG; Carriers are Handler's own.
llvm::SmallPtrSet<const ValueDecl *, 2>
otherFailureFlags(const Stmt &Body, ASTContext &Context, const BodyCFG &Graph,
                  const CXXTryStmt &Try, const CXXCatchStmt &Handler,
                  const llvm::SmallPtrSetImpl<const ValueDecl *> &Carriers);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_HANDLERCARRIERS_H
