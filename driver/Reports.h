//===--- Reports.h - JSON and SARIF reports of findings ---------*- C++ -*-===//

#ifndef ASYNC_LINT_DRIVER_REPORTS_H
#define ASYNC_LINT_DRIVER_REPORTS_H

#include "Findings.h"

#include "llvm/Support/raw_ostream.h"

#include <string>
#include <utility>
#include <vector>

namespace async_lint::driver {

struct Report {
  std::vector<Finding> Findings;
  /// Inputs that could not be analysed, with the reason.
  std::vector<std::pair<std::string, std::string>> NotAnalysed;
  unsigned FilesAnalysed = 0;
  /// Paths are written relative to this directory when they lie below it.
  std::string BaseDirectory;
};

/// The JSON format documented in docs/output-formats.md.
void writeJson(const Report &R, llvm::raw_ostream &OS);

/// SARIF 2.1.0 with rule metadata, fingerprints and fixes.
void writeSarif(const Report &R, llvm::raw_ostream &OS);

/// The key that identifies a finding across edits that only move it: the
/// check, the file, the line's text with white space normalised, and the
/// occurrence number among findings with the same three.
std::vector<std::string> findingKeys(const std::vector<Finding> &Findings,
                                     llvm::StringRef BaseDirectory);

} // namespace async_lint::driver

#endif // ASYNC_LINT_DRIVER_REPORTS_H
