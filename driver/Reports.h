//===--- Reports.h - Text, JSON and SARIF reports of findings ---*- C++ -*-===//

#ifndef ASYNC_LINT_DRIVER_REPORTS_H
#define ASYNC_LINT_DRIVER_REPORTS_H

#include "Findings.h"

#include "llvm/Support/raw_ostream.h"

#include <string>
#include <utility>
#include <vector>

namespace async_lint::driver {

enum class OutputFormat { Text, Json, Sarif };

struct Report {
  std::vector<Finding> Findings;
  /// The compiler's own errors (and a broken NOLINT), shown by the text
  /// format only: the other formats give the input as not analysed.
  std::vector<Finding> CompilerMessages;
  /// Inputs that could not be analysed, with the reason.
  std::vector<std::pair<std::string, std::string>> NotAnalysed;
  unsigned FilesAnalysed = 0;
  /// Paths are written relative to this directory when they lie below it.
  std::string BaseDirectory;
};

/// Writes the report in the format asked for; colours apply to text only.
void writeReport(const Report &R, OutputFormat Format, bool Colours,
                 llvm::raw_ostream &OS);

/// The text format, as clang-tidy prints its diagnostics.
void writeText(const Report &R, bool Colours, llvm::raw_ostream &OS);

/// The JSON format documented in docs/output-formats.md.
void writeJson(const Report &R, llvm::raw_ostream &OS);

/// SARIF 2.1.0 with rule metadata, fingerprints and fixes.
void writeSarif(const Report &R, llvm::raw_ostream &OS);

/// Path relative to Base when it lies below it, else Path unchanged.
std::string relativePath(llvm::StringRef Path, llvm::StringRef Base);

/// The key that identifies a finding across edits that only move it: the
/// check, the file, the line's text with white space normalised, and the
/// occurrence number among findings with the same three.
std::vector<std::string> findingKeys(const std::vector<Finding> &Findings,
                                     llvm::StringRef BaseDirectory);

} // namespace async_lint::driver

#endif // ASYNC_LINT_DRIVER_REPORTS_H
