//===--- AwaitInCancellationHandlerPaths.h ----------------------*- C++ -*-===//
//
// async-await-in-cancellation-handler: where a coroutine handles a caught
// cancellation, and the awaits it evaluates there.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_AWAITINCANCELLATIONHANDLERPATHS_H
#define ASYNC_LINT_CHECKS_AWAITINCANCELLATIONHANDLERPATHS_H

#include "AwaitInCancellationHandlerCheck.h"

#include "clang/AST/StmtCXX.h"

#include <memory>

namespace clang::tidy::async {

/// What the coroutine itself evaluates, and its CFG once a path that
/// handles cancellation needs it.
struct AwaitInCancellationHandlerCheck::CoroutineBody {
  CoroutineBody(const FunctionDecl &Function, ASTContext &Context);
  const utils::BodyCFG *graph();

  const FunctionDecl &Function;
  const Stmt *Body;
  ASTContext &Context;
  const SourceManager &SM;
  const LangOptions &LangOpts;
  llvm::SmallVector<const CXXTryStmt *, 4> Tries;
  llvm::SmallVector<const IfStmt *, 8> Ifs;
  llvm::DenseSet<const Stmt *> Awaits;

private:
  std::unique_ptr<utils::BodyCFG> Graph;
  bool GraphTried = false;
};

/// Where the coroutine handles a cancellation. C++ allows no co_await in a
/// handler, so a handler keeps what it caught (an exception_ptr, a flag) and
/// the cleanup follows the try statement, up to a rethrow; asio's error-code
/// form handles it in the branch of a test.
struct AwaitInCancellationHandlerCheck::CancellationPath {
  const CFGBlock *Entry;
  SourceLocation NoteAt;
  bool Caught;
  /// Handler form: the statements of the try block (a path that goes back
  /// into it starts a new attempt), the variables the handler set, what is
  /// under a test of them, and the flags that only the other handlers of
  /// the try statement set, which still hold their first value here.
  llvm::DenseSet<const Stmt *> Restart;
  llvm::SmallPtrSet<const ValueDecl *, 2> Carriers;
  llvm::DenseSet<const Stmt *> UnderCarrierTest;
  llvm::SmallPtrSet<const ValueDecl *, 2> OtherFailureFlags;
  /// Error-code form: the statements of the branch the path stays within.
  llvm::DenseSet<const Stmt *> Within;

  bool leaves(const Stmt &S) const {
    return (!Caught && !Within.contains(&S)) || Restart.contains(&S);
  }
};

} // namespace clang::tidy::async

#endif // ASYNC_LINT_CHECKS_AWAITINCANCELLATIONHANDLERPATHS_H
