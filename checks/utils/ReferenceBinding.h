//===--- ReferenceBinding.h - What a reference argument binds to *- C++ -*-===//
//
// A parameter of reference, pointer or view type refers to an object of the
// caller. For the argument of such a parameter, this answers which object
// that is when the caller owns it: a temporary of the full expression, or a
// local variable or parameter of the calling function (also a member or an
// array element of one, its address, its data() or a view of it). Objects
// reached through a pointer or a reference member are not the caller's, and
// what a view variable views is not known: those are no answer.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_REFERENCEBINDING_H
#define ASYNC_LINT_CHECKS_UTILS_REFERENCEBINDING_H

#include "QualifiedNameMatcher.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

#include <optional>

namespace clang::tidy::async::utils {

/// How a parameter refers to the object its argument names.
enum class BindingKind { Reference, Pointer, View };

/// The object a parameter is bound to: a temporary, or a variable of the
/// calling function.
struct BoundObject {
  bool Temporary = false;
  const VarDecl *Var = nullptr;
};

class ReferenceBinding {
public:
  /// ViewTypes names the classes that view an object they do not own
  /// (std::string_view, std::span).
  ReferenceBinding(QualifiedNameMatcher &ViewTypes, const FunctionDecl &Caller)
      : ViewTypes(ViewTypes), Caller(Caller) {}

  /// How a parameter of Type refers to an object; none for a value, a
  /// function reference or pointer, or a dependent type.
  std::optional<BindingKind> bindingOf(QualType Type) const;
  /// The object of the caller that Arg binds a parameter of kind How to,
  /// when it is a temporary or a variable that the caller owns.
  std::optional<BoundObject> boundObject(const Expr *Arg,
                                         BindingKind How) const;

private:
  std::optional<BoundObject> rootObject(const Expr *E) const;
  std::optional<BoundObject> viewedObject(const Expr *Arg,
                                          unsigned Depth) const;
  std::optional<BoundObject> pointedObject(const Expr *Arg) const;

  QualifiedNameMatcher &ViewTypes;
  const FunctionDecl &Caller;
};

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_REFERENCEBINDING_H
