//===--- ReferenceBinding.cpp - What a reference argument binds to --------===//

#include "ReferenceBinding.h"
#include "NamedObjects.h"

#include "clang/AST/ExprCXX.h"

namespace clang::tidy::async::utils {

namespace {

/// E without parentheses and the implicit casts that keep the object the
/// same (no-op, derived-to-base).
const Expr *skipSameObjectCasts(const Expr *E) {
  while (true) {
    E = E->IgnoreParens();
    const auto *Cast = dyn_cast<ImplicitCastExpr>(E);
    if (!Cast || (Cast->getCastKind() != CK_NoOp &&
                  Cast->getCastKind() != CK_DerivedToBase &&
                  Cast->getCastKind() != CK_UncheckedDerivedToBase))
      return E;
    E = Cast->getSubExpr();
  }
}

} // namespace

std::optional<BindingKind> ReferenceBinding::bindingOf(QualType Type) const {
  if (Type->isDependentType())
    return std::nullopt;
  if (Type->isReferenceType())
    return Type.getNonReferenceType()->isFunctionType()
               ? std::nullopt
               : std::optional(BindingKind::Reference);
  if (Type->isPointerType())
    return Type->getPointeeType()->isFunctionType()
               ? std::nullopt
               : std::optional(BindingKind::Pointer);
  if (ViewTypes.matchType(Type))
    return BindingKind::View;
  return std::nullopt;
}

std::optional<BoundObject>
ReferenceBinding::boundObject(const Expr *Arg, BindingKind How) const {
  switch (How) {
  case BindingKind::Reference: {
    const Expr *E = skipSameObjectCasts(Arg);
    if (isa<MaterializeTemporaryExpr>(E))
      return BoundObject{true, nullptr};
    return rootObject(E);
  }
  case BindingKind::Pointer:
    return pointedObject(Arg);
  case BindingKind::View:
    return viewedObject(Arg, 0);
  }
  return std::nullopt;
}

std::optional<BoundObject> ReferenceBinding::rootObject(const Expr *E) const {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Call = dyn_cast<CallExpr>(E);
        Call && isStdMoveOrForward(*Call)) {
      E = Call->getArg(0);
      continue;
    }
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      // Through a pointer (this->m included) the object is not the
      // caller's to destroy, nor is what a reference member refers to.
      if (Member->isArrow() || !isa<FieldDecl>(Member->getMemberDecl()) ||
          Member->getMemberDecl()->getType()->isReferenceType())
        return std::nullopt;
      E = Member->getBase();
      continue;
    }
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
      const Expr *Base = Subscript->getBase()->IgnoreParens();
      const auto *Decay = dyn_cast<ImplicitCastExpr>(Base);
      if (!Decay || Decay->getCastKind() != CK_ArrayToPointerDecay)
        return std::nullopt;
      E = Decay->getSubExpr();
      continue;
    }
    break;
  }
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E);
  if (!Ref)
    return std::nullopt;
  const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
  if (!Var || !isOwnedLocal(Var, Caller))
    return std::nullopt;
  return BoundObject{false, Var};
}

std::optional<BoundObject>
ReferenceBinding::pointedObject(const Expr *Arg) const {
  const Expr *E = skipSameObjectCasts(Arg);
  if (const auto *Decay = dyn_cast<ImplicitCastExpr>(E);
      Decay && Decay->getCastKind() == CK_ArrayToPointerDecay) {
    const Expr *Array = Decay->getSubExpr()->IgnoreParens();
    if (isa<StringLiteral, PredefinedExpr>(Array))
      return std::nullopt;
    if (isa<MaterializeTemporaryExpr>(Array))
      return BoundObject{true, nullptr};
    return rootObject(Array);
  }
  if (const auto *Unary = dyn_cast<UnaryOperator>(E);
      Unary && Unary->getOpcode() == UO_AddrOf)
    return rootObject(Unary->getSubExpr());
  // s.data() and s.c_str() point into s.
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    const Expr *Object = Member->getImplicitObjectArgument();
    if (!Method || !Method->getIdentifier() || !Object ||
        !llvm::is_contained({"data", "c_str"}, Method->getName()) ||
        Object->getType()->isPointerType() ||
        ViewTypes.matchType(Object->getType()))
      return std::nullopt;
    if (isa<MaterializeTemporaryExpr>(skipSameObjectCasts(Object)))
      return BoundObject{true, nullptr};
    return rootObject(Object);
  }
  return std::nullopt;
}

std::optional<BoundObject>
ReferenceBinding::viewedObject(const Expr *Arg, unsigned Depth) const {
  if (Depth > 4)
    return std::nullopt;
  // Find what the view is made from: the first argument of its
  // constructor, or the object of a conversion operator.
  const Expr *E = Arg;
  const Expr *Source = nullptr;
  while (!Source) {
    E = E->IgnoreParens();
    if (const auto *Cast = dyn_cast<CastExpr>(E)) {
      E = Cast->getSubExpr();
    } else if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E)) {
      E = Cleanups->getSubExpr();
    } else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = Bind->getSubExpr();
    } else if (const auto *Temporary = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = Temporary->getSubExpr();
    } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      if (Construct->getNumArgs() == 0 ||
          isa<CXXDefaultArgExpr>(Construct->getArg(0)))
        return std::nullopt;
      if (Construct->getConstructor()->isCopyOrMoveConstructor())
        E = Construct->getArg(0);
      else
        Source = Construct->getArg(0);
    } else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E);
               Member &&
               isa_and_nonnull<CXXConversionDecl>(Member->getMethodDecl())) {
      Source = Member->getImplicitObjectArgument();
    } else {
      // A view variable, or a view returned by a function: what it views
      // is not known here.
      return std::nullopt;
    }
  }
  QualType SourceType = Source->getType();
  if (SourceType->isPointerType())
    return pointedObject(Source);
  if (ViewTypes.matchType(SourceType))
    return viewedObject(Source, Depth + 1);
  const Expr *Object = skipSameObjectCasts(Source);
  if (isa<StringLiteral>(Object))
    return std::nullopt;
  if (isa<MaterializeTemporaryExpr>(Object))
    return BoundObject{true, nullptr};
  return rootObject(Object);
}

} // namespace clang::tidy::async::utils
