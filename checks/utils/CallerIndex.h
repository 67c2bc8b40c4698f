//===--- CallerIndex.h - Who calls a function, and with what ----*- C++ -*-===//
//
// A size that a parameter gives is input, unless every caller passes a
// value the source fixes: `helper(4)`, `helper({a, b})`. CallerIndex finds
// every reference to the functions of a translation unit once, and answers
// that question for any parameter.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_CALLERINDEX_H
#define ASYNC_LINT_CHECKS_UTILS_CALLERINDEX_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::async::utils {

/// An initializer that makes a container of a size fixed in the source: a
/// braced list of elements, or a default construction.
bool isFixedSizeInitializer(const Expr *E);

/// std::array and built-in arrays have a size fixed by their type.
bool hasFixedSize(QualType Type);

/// An argument whose value the source fixes: a constant (4, kWorkers), or a
/// braced list of elements.
bool isFixedArgument(const Expr *Arg, const ASTContext &Context);

class CallerIndex {
public:
  /// Whether every call of Parm's function in the translation unit, and
  /// there is one, gives it a value fixed in the source. The translation
  /// unit is indexed on the first question.
  bool fixedAtEveryCall(const ParmVarDecl &Parm, ASTContext &Context);
  /// Forgets the translation unit.
  void reset();

private:
  bool Indexed = false;
  /// Every reference to each function, by its canonical declaration.
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<const Expr *, 2>>
      References;
  /// The call that each reference is the callee of.
  llvm::DenseMap<const Expr *, const CallExpr *> CallOf;
};

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_CALLERINDEX_H
