//===--- BodyScopes.cpp - Scopes and statement order in a body ------------===//

#include "BodyScopes.h"
#include "StmtHelpers.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::async::utils {

void BodyScopes::mapParents() const {
  Parents = std::make_unique<ParentMap>(const_cast<Stmt *>(Body));
  walkStatements(Body, [&](const Stmt &S) {
    if (const auto *Declaration = dyn_cast<DeclStmt>(&S))
      for (const Decl *D : Declaration->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D))
          Declarations.try_emplace(Var, Declaration);
    return Walk::Continue;
  });
}

const Stmt *BodyScopes::parentOf(const Stmt &S) const {
  if (!Parents)
    mapParents();
  return Parents->getParent(&S);
}

const DeclStmt *BodyScopes::declarationOf(const VarDecl &Var) const {
  if (!Parents)
    mapParents();
  return Declarations.lookup(&Var);
}

const Stmt *BodyScopes::scopeOf(const VarDecl &Var) const {
  const DeclStmt *Declaration = declarationOf(Var);
  return Declaration ? parentOf(*Declaration) : nullptr;
}

bool BodyScopes::encloses(const Stmt *Scope, const Stmt *S) const {
  if (!Scope)
    return false;
  for (unsigned Depth = 0; S && Depth < 256; ++Depth) {
    if (S == Scope)
      return true;
    if (S == Body)
      return false;
    S = parentOf(*S);
  }
  return false;
}

bool BodyScopes::outlives(const VarDecl &Object, const VarDecl &Holder) const {
  if (isa<ParmVarDecl>(Object))
    return true;
  if (isa<ParmVarDecl>(Holder))
    return false;
  const Stmt *HolderDeclaration = declarationOf(Holder);
  return HolderDeclaration && encloses(scopeOf(Object), HolderDeclaration) &&
         SM.isBeforeInTranslationUnit(Object.getLocation(),
                                      Holder.getLocation());
}

namespace {

bool containsCall(const Stmt *S,
                  llvm::function_ref<bool(const CallExpr &)> Predicate) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if (const auto *Call = dyn_cast<CallExpr>(S); Call && Predicate(*Call))
    return true;
  for (const Stmt *Child : S->children())
    if (containsCall(Child, Predicate))
      return true;
  return false;
}

} // namespace

bool BodyScopes::laterStatementCalls(
    const Stmt *Scope, const Stmt *Site,
    llvm::function_ref<bool(const CallExpr &)> Predicate) const {
  return laterStatement(Scope, Site, [&](const Stmt &Statement) {
    return containsCall(&Statement, Predicate);
  });
}

bool BodyScopes::laterStatement(
    const Stmt *Scope, const Stmt *Site,
    llvm::function_ref<bool(const Stmt &)> Predicate) const {
  const auto *Block = dyn_cast_or_null<CompoundStmt>(Scope);
  if (!Block || !Site)
    return false;
  // The statement of Block that contains the site.
  const Stmt *Statement = Site;
  for (unsigned Depth = 0; Statement && Depth < 256; ++Depth) {
    const Stmt *Parent = parentOf(*Statement);
    if (Parent == Block)
      break;
    Statement = Parent;
  }
  if (!Statement)
    return false;
  // Only straight-line statements count: a call in a branch may not run.
  bool After = false;
  for (const Stmt *Child : Block->body()) {
    if (After && isa<Expr, DeclStmt, ReturnStmt, CoreturnStmt>(Child) &&
        Predicate(*Child))
      return true;
    if (Child == Statement)
      After = true;
  }
  return false;
}

} // namespace clang::tidy::async::utils
