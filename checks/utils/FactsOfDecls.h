//===--- FactsOfDecls.h - Declarations as project facts name them -*- C++ -*-=//
//
// Project facts name functions by USR and places by absolute path, line and
// column (ProjectFacts.h). These turn Clang's declarations and locations into
// those names and back, and read the merged facts a run names.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_FACTSOFDECLS_H
#define ASYNC_LINT_CHECKS_UTILS_FACTSOFDECLS_H

#include "ProjectFacts.h"

#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::async::utils {

/// The USR of D, or an empty string when it has none.
std::string usrOf(const Decl &D);

/// Where Loc is (its expansion), with the file as an absolute path; empty
/// when Loc is in no file.
async_lint::facts::Place factsPlaceOf(SourceLocation Loc,
                                      const SourceManager &SM);

/// The location of a place, its file loaded for the purpose when the unit
/// did not read it; invalid when the file cannot be read any more.
SourceLocation locationOfPlace(const async_lint::facts::Place &At,
                               SourceManager &SM);

/// The merged facts in the file at Path, or why they cannot be read.
llvm::Expected<async_lint::facts::ProjectFacts>
readProjectFacts(llvm::StringRef Path);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_FACTSOFDECLS_H
