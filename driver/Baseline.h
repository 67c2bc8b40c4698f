//===--- Baseline.h - Known findings of an old codebase ---------*- C++ -*-===//

#ifndef ASYNC_LINT_DRIVER_BASELINE_H
#define ASYNC_LINT_DRIVER_BASELINE_H

#include "Findings.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace async_lint::driver {

/// Writes the keys of the findings (see findingKeys) to Path. File names are
/// stored relative to the baseline's directory.
llvm::Error writeBaseline(llvm::StringRef Path,
                          const std::vector<Finding> &Findings);

/// Reads a baseline written by writeBaseline; any other file is an error
/// that says what was expected.
llvm::Expected<llvm::StringSet<>> readBaseline(llvm::StringRef Path);

/// The same, for a baseline's text; Path is only used in messages.
llvm::Expected<llvm::StringSet<>> parseBaseline(llvm::StringRef Text,
                                                llvm::StringRef Path);

/// The directory that a baseline's file names are relative to.
std::string baselineDirectory(llvm::StringRef Path);

} // namespace async_lint::driver

#endif // ASYNC_LINT_DRIVER_BASELINE_H
