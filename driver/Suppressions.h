//===--- Suppressions.h - NOLINT comments that suppress nothing -*- C++ -*-===//

#ifndef ASYNC_LINT_DRIVER_SUPPRESSIONS_H
#define ASYNC_LINT_DRIVER_SUPPRESSIONS_H

#include "Findings.h"

#include <string>
#include <vector>

namespace async_lint::driver {

/// A NOLINT, NOLINTNEXTLINE or NOLINTBEGIN..NOLINTEND comment that names
/// async-* checks, and the lines it covers.
struct Suppression {
  Position At;
  std::string Text;
  std::vector<std::string> CheckGlobs;
  unsigned FirstLine = 0;
  unsigned LastLine = 0;
};

/// The suppressions in a file's text that name at least one async-* check.
std::vector<Suppression> findSuppressions(llvm::StringRef File,
                                          llvm::StringRef Text,
                                          SourceLines &Lines);

/// The text with every NOLINT marker made inert, keeping every offset, so
/// that a second analysis shows what the markers were suppressing.
std::string withoutSuppressions(llvm::StringRef Text);

/// True when some finding of a check it names lies on a line it covers.
bool suppressesAny(const Suppression &S, const std::vector<Finding> &Findings);

} // namespace async_lint::driver

#endif // ASYNC_LINT_DRIVER_SUPPRESSIONS_H
