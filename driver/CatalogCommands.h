//===--- CatalogCommands.h - --list-checks and --explain --------*- C++ -*-===//

#ifndef ASYNC_LINT_DRIVER_CATALOGCOMMANDS_H
#define ASYNC_LINT_DRIVER_CATALOGCOMMANDS_H

#include "catalog/RuleCatalog.h"

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace async_lint::driver {

/// Prints one line per enabled check: id, severity and summary.
void listChecks(const std::vector<std::string> &EnabledChecks);

/// Prints one line per profile of the catalog: id, title and the file it
/// came from.
void listProfiles(const catalog::Catalog &Catalog);

/// Prints a check's rationale, options, examples and where its page is
/// (installed or in the source tree); false (after an error naming the
/// closest check) when there is no such check.
bool explainCheck(llvm::StringRef CheckId);

} // namespace async_lint::driver

#endif // ASYNC_LINT_DRIVER_CATALOGCOMMANDS_H
