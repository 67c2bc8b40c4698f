//===--- CancellationNames.h - What marks a cancellation --------*- C++ -*-===//
//
// A cancellation is an exception of a class the catalog or a check option
// names (or of a class the translation unit derives from one), or an error
// code the catalog names (asio's operation_aborted). The checks about
// handling cancellation ask the same questions of them here.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_CANCELLATIONNAMES_H
#define ASYNC_LINT_CHECKS_UTILS_CANCELLATIONNAMES_H

#include "QualifiedNameMatcher.h"
#include "RuleOptions.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <optional>

namespace clang::tidy::async::utils {

/// How a handler sees cancellation: catching everything, a cancellation
/// class, or a base of one.
enum class CancellationHandlerKind { CatchAll, OfCancellation, OfBase };

struct CaughtCancellation {
  CancellationHandlerKind Kind;
  /// For OfBase: the cancellation class the handler takes.
  const CXXRecordDecl *Cancellation = nullptr;
};

class CancellationNames {
public:
  /// The catalog's cancellation exceptions and error codes, and the names
  /// that the check's options ExtraExceptions and ExtraErrorCodes add.
  CancellationNames(const RuleOptions &Options,
                    rules::OptionName ExtraExceptions,
                    rules::OptionName ExtraErrorCodes);

  /// Forgets the classes found in the previous translation unit.
  void startTranslationUnit() { ResolvedIn = nullptr; }
  /// Finds, once per translation unit, the cancellation classes it defines.
  void resolve(const ASTContext &Context);
  /// The cancellation classes the translation unit defines (after resolve).
  llvm::ArrayRef<const CXXRecordDecl *> classes() const { return Classes; }

  /// Whether Record is a cancellation class or derives from one.
  bool isCancellationClass(const CXXRecordDecl *Record) const;
  /// The cancellation error code that E names, or null.
  const NamedDecl *errorCodeIn(const Expr *E) const;
  /// The cancellation a handler of type Caught (null for catch-all) takes,
  /// if any. Taken holds the cancellation classes that earlier handlers of
  /// the same try statement take, which never reach this one; it is
  /// updated, and TakesAll set for a catch-all.
  std::optional<CaughtCancellation>
  caughtBy(QualType Caught, llvm::SmallPtrSetImpl<const CXXRecordDecl *> &Taken,
           bool &TakesAll) const;

private:
  QualifiedNameMatcher Exceptions;
  QualifiedNameMatcher ErrorCodes;
  const ASTContext *ResolvedIn = nullptr;
  llvm::SmallVector<const CXXRecordDecl *, 4> Classes;
};

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_CANCELLATIONNAMES_H
