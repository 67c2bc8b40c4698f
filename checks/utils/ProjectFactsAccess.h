//===--- ProjectFactsAccess.h - Project facts, seen from Clang --*- C++ -*-===//
//
// What a check needs to write and read the project facts (ProjectFacts.h):
// a declaration's USR, a place as the facts files name it, the merged file
// read once per process, and the unit's file written at the end.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_PROJECTFACTSACCESS_H
#define ASYNC_LINT_CHECKS_UTILS_PROJECTFACTSACCESS_H

#include "ProjectFacts.h"

#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"

#include <memory>
#include <string>

namespace clang::tidy::async::utils {

/// The USR of D; empty when it has none.
std::string usrOf(const Decl &D);

/// Where Loc is, as the facts files say it: an absolute path.
async_lint::facts::Place placeOf(SourceLocation Loc, const SourceManager &SM);

/// The location of a place, its file loaded for the purpose when the unit
/// did not read it; invalid when the file cannot be read any more.
SourceLocation locationOfPlace(const async_lint::facts::Place &At,
                               SourceManager &SM);

/// The merged facts in Path, read once per version of the file: every check
/// instance of every translation unit (and worker thread) shares them. Null
/// with Error set, the message to report, when the file cannot be read or
/// parsed.
std::shared_ptr<const async_lint::facts::ProjectFacts>
loadMergedFacts(const std::string &Path, std::string &Error);

/// The merged facts a check instance reads (the file named by
/// ProjectFactsOption): read on first use, the failure reported once.
class MergedFacts {
public:
  /// Null when they cannot be read; Report gets the message the first time.
  template <typename ReportFn>
  const async_lint::facts::ProjectFacts *get(const std::string &Path,
                                             ReportFn Report) {
    if (!Read) {
      Read = true;
      std::string Error;
      Facts = loadMergedFacts(Path, Error);
      if (!Facts)
        Report(Error);
    }
    return Facts.get();
  }

private:
  std::shared_ptr<const async_lint::facts::ProjectFacts> Facts;
  bool Read = false;
};

/// Writes Unit, the facts of SM's main file, as its part Part in Directory
/// (the unit's own file when Part is empty); the error says which unit.
llvm::Error writeUnitFactsPart(async_lint::facts::UnitFacts Unit,
                               llvm::StringRef Part, llvm::StringRef Directory,
                               const SourceManager &SM);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_PROJECTFACTSACCESS_H
