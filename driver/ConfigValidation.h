//===--- ConfigValidation.h - Misspelt or ill-typed configuration -*- C++
//-*-===//
//
// Every configuration source (--checks, --config, --config-file, .clang-tidy
// files, .async-lint.yaml) is checked the same way before anything is linted:
// an async-* check name, option name or flag value that async-lint does not
// know is an error with a suggestion, never a silent pass.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_CONFIGVALIDATION_H
#define ASYNC_LINT_DRIVER_CONFIGVALIDATION_H

#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/ADT/StringMap.h"

#include <optional>
#include <string>
#include <vector>

namespace async_lint::catalog {
struct RuleOption;
} // namespace async_lint::catalog

namespace async_lint::driver {

/// Why Value is not a valid value of the option, or nullopt. A flag (an
/// option whose default is true or false) takes what clang-tidy reads as a
/// boolean.
std::optional<std::string> optionValueProblem(const catalog::RuleOption &Option,
                                              llvm::StringRef Value);

/// One problem, printed as it is (already "async-lint: ..." and a newline).
using ConfigProblems = std::vector<std::string>;

/// Which check globs of a source are checked: all of them (async-lint's own
/// --checks and --config), or only those naming async-* checks (.clang-tidy
/// files, which clang-tidy reads too).
enum class ForeignChecks { Rejected, Allowed };

/// The problems of one configuration source: check globs that match no
/// check, options of async-* checks that do not exist or have a bad value,
/// header filters that are not regular expressions. With the source's Text,
/// each problem is given the line and column of the name it is about.
void validateOptions(const clang::tidy::ClangTidyOptions &Options,
                     llvm::StringRef Source, ForeignChecks Foreign,
                     ConfigProblems &Problems, llvm::StringRef Text = "");

/// Parses clang-tidy configuration text; its diagnostics (unknown keys with
/// a suggestion) go to Problems.
std::optional<clang::tidy::ClangTidyOptions>
parseClangTidyConfig(llvm::StringRef Text, llvm::StringRef Source,
                     ConfigProblems &Problems);

/// Reads the .clang-tidy files that apply to a file as clang-tidy finds them
/// (upward from its directory, on through InheritParentConfig), each once,
/// and validates them.
class ClangTidyFileValidator {
public:
  /// The problems of the files that apply to AbsoluteFile and were not
  /// reported for an earlier file.
  ConfigProblems problemsFor(llvm::StringRef AbsoluteFile);

private:
  /// Directory -> whether its .clang-tidy (if any) lets the parent's apply.
  llvm::StringMap<bool> Visited;
};

} // namespace async_lint::driver

#endif // ASYNC_LINT_DRIVER_CONFIGVALIDATION_H
