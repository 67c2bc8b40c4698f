//===--- DanglingReferenceKeeping.h - Which parameters are kept -*- C++ -*-===//
//
// Which reference, pointer and view parameters a function that returns a
// task keeps beyond its return: a coroutine keeps them in its frame; a
// wrapper keeps those it hands to a call that keeps them, whose task it
// returns; a function only declared here keeps them if its definition
// elsewhere does (presumed, unless the project facts tell).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_DANGLINGREFERENCEKEEPING_H
#define ASYNC_LINT_CHECKS_DANGLINGREFERENCEKEEPING_H

#include "utils/AwaitableShape.h"
#include "utils/ReferenceBinding.h"

#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::async {

class KeptParameters {
public:
  /// A parameter of a function only declared in this unit.
  using DeclaredParameter = std::pair<const FunctionDecl *, unsigned>;

  struct Keeping {
    /// Kept, as far as this unit shows.
    bool Keeps = false;
    /// Otherwise, kept if one of these is: the function itself when only
    /// declared here, or those it forwards the parameter to.
    llvm::SmallVector<DeclaredParameter, 1> IfKept;
  };

  KeptParameters(utils::AwaitableClassifier &Awaitables,
                 const utils::ReferenceBinding &Bindings)
      : Awaitables(Awaitables), Bindings(Bindings) {}

  /// What Callee does with its parameter of this index.
  Keeping keeps(const FunctionDecl &Callee, unsigned Index) {
    return keeps(Callee, Index, 0);
  }

private:
  Keeping keeps(const FunctionDecl &Callee, unsigned Index, unsigned Depth);
  Keeping returnsCallKeeping(const Expr *Value, const ParmVarDecl &Param,
                             unsigned Depth);

  utils::AwaitableClassifier &Awaitables;
  const utils::ReferenceBinding &Bindings;
  llvm::DenseMap<DeclaredParameter, Keeping> Kept;
};

} // namespace clang::tidy::async

#endif // ASYNC_LINT_CHECKS_DANGLINGREFERENCEKEEPING_H
