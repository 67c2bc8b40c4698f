//===--- BodyScopes.h - Scopes and statement order in a body ----*- C++ -*-===//
//
// Lifetime questions within one function body: which block declares a
// variable, whether one local outlives another, and whether a statement of
// a block that runs after a given site does something. Only straight-line
// statements of the block count as running after the site: one in a branch
// may not run.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_BODYSCOPES_H
#define ASYNC_LINT_CHECKS_UTILS_BODYSCOPES_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMap.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <memory>

namespace clang::tidy::async::utils {

class BodyScopes {
public:
  BodyScopes(const Stmt *Body, const SourceManager &SM) : Body(Body), SM(SM) {}

  const Stmt *parentOf(const Stmt &S) const;
  /// The declaration statement of a local variable; null for a parameter.
  const DeclStmt *declarationOf(const VarDecl &Var) const;
  /// The statement (a block, a for statement...) whose end destroys a local
  /// variable; null for a parameter.
  const Stmt *scopeOf(const VarDecl &Var) const;
  /// Whether S is Scope or inside it.
  bool encloses(const Stmt *Scope, const Stmt *S) const;
  /// Whether Object is destroyed after Holder: it is a parameter, or it is
  /// declared before Holder in a scope that encloses Holder's declaration.
  bool outlives(const VarDecl &Object, const VarDecl &Holder) const;
  /// Whether a straight-line statement of the block Scope that follows the
  /// one containing Site satisfies Predicate.
  bool laterStatement(const Stmt *Scope, const Stmt *Site,
                      llvm::function_ref<bool(const Stmt &)> Predicate) const;
  /// Whether such a statement makes a call (lambdas aside) that satisfies
  /// Predicate.
  bool laterStatementCalls(
      const Stmt *Scope, const Stmt *Site,
      llvm::function_ref<bool(const CallExpr &)> Predicate) const;

private:
  void mapParents() const;

  const Stmt *Body;
  const SourceManager &SM;
  // The parents of the body's statements and the statements that declare
  // its variables, mapped on first use. ASTContext::getParents would map the
  // whole translation unit, headers included: as costly as parsing them.
  mutable std::unique_ptr<ParentMap> Parents;
  mutable llvm::DenseMap<const VarDecl *, const DeclStmt *> Declarations;
};

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_BODYSCOPES_H
