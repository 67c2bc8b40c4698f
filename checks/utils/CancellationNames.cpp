//===--- CancellationNames.cpp - What marks a cancellation ----------------===//

#include "CancellationNames.h"
#include "StmtHelpers.h"

#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::async::utils {

CancellationNames::CancellationNames(const RuleOptions &Options,
                                     rules::OptionName ExtraExceptions,
                                     rules::OptionName ExtraErrorCodes) {
  Options.addApis(Exceptions, api_kind::CancellationExceptions,
                  ExtraExceptions);
  Options.addApis(ErrorCodes, api_kind::CancellationErrorCodes,
                  ExtraErrorCodes);
}

void CancellationNames::resolve(const ASTContext &Context) {
  if (ResolvedIn == &Context)
    return;
  ResolvedIn = &Context;
  Classes = Exceptions.definitionsIn(Context);
}

bool CancellationNames::isCancellationClass(const CXXRecordDecl *Record) const {
  if (!Record)
    return false;
  if (Exceptions.matchesDecl(Record))
    return true;
  for (const CXXRecordDecl *Class : Classes)
    if (Class->getCanonicalDecl() == Record->getCanonicalDecl() ||
        Record->isDerivedFrom(Class))
      return true;
  return false;
}

const NamedDecl *CancellationNames::errorCodeIn(const Expr *E) const {
  const NamedDecl *Code = nullptr;
  walkStatements(E, [&](const Stmt &S) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(&S);
        Ref && ErrorCodes.matchesDecl(Ref->getDecl()))
      Code = Ref->getDecl();
    return Code ? Walk::Stop : Walk::Continue;
  });
  return Code;
}

std::optional<CaughtCancellation>
CancellationNames::caughtBy(QualType Caught,
                            llvm::SmallPtrSetImpl<const CXXRecordDecl *> &Taken,
                            bool &TakesAll) const {
  CaughtCancellation Result{CancellationHandlerKind::CatchAll};
  if (Caught.isNull()) {
    TakesAll = true;
    // With the translation unit's cancellation classes all taken, the
    // catch-all sees only other exceptions.
    if (!Classes.empty() && llvm::all_of(Classes, [&](const CXXRecordDecl *C) {
          return Taken.contains(C);
        }))
      return std::nullopt;
    return Result;
  }
  const CXXRecordDecl *Record = recordOf(Caught);
  if (!Record)
    return std::nullopt;
  bool SameSeen = false, SameTaken = false;
  for (const CXXRecordDecl *Class : Classes) {
    bool Same = Class->getCanonicalDecl() == Record->getCanonicalDecl();
    if (!Same && !Class->isDerivedFrom(Record))
      continue;
    SameSeen |= Same;
    if (!Taken.insert(Class).second)
      continue;
    if (Same)
      SameTaken = true;
    else if (!Result.Cancellation)
      Result.Cancellation = Class;
  }
  if (SameTaken || (!SameSeen && Exceptions.matchesDecl(Record)))
    Result.Kind = CancellationHandlerKind::OfCancellation;
  else if (Result.Cancellation)
    Result.Kind = CancellationHandlerKind::OfBase;
  else
    return std::nullopt;
  return Result;
}

} // namespace clang::tidy::async::utils
