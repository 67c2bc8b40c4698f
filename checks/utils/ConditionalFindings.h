//===--- ConditionalFindings.h - Findings the project decides ---*- C++ -*-===//
//
// A finding that one translation unit cannot decide alone: whether it holds
// depends on what the merged project facts say of a function defined
// elsewhere (its USR). While the unit is analysed, the check emits it as a
// diagnostic of its own name whose message carries the record (so that
// clang-tidy's NOLINT, header and line filters treat it as the finding it
// may become); after the merge the driver decides each record and words the
// finding, without analysing the unit again. Nothing here knows Clang.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_CONDITIONALFINDINGS_H
#define ASYNC_LINT_CHECKS_UTILS_CONDITIONALFINDINGS_H

#include "ProjectFacts.h"

#include "llvm/Support/JSON.h"

#include <optional>
#include <string>
#include <vector>

namespace async_lint::facts {

/// The global option (true or false) that asks the checks to record
/// conditional findings instead of leaving them out; the driver sets it for
/// the units it analyses with project facts. Ignored when
/// ProjectFactsOption names the merged facts: then the check decides.
inline constexpr llvm::StringLiteral ConditionalFindingsOption =
    "async-lint.ConditionalFindings";

struct ConditionalFinding {
  /// What must hold of the function Usr in the merged facts ("may-block"),
  /// which also says how the finding is worded (see decide).
  std::string Predicate;
  std::string Usr;
  /// What the check knew at the site, for the wording.
  llvm::json::Object Parts;
};

/// The message of the diagnostic that carries Finding: a marker no check
/// message starts with, then the record. Never shown to users.
std::string conditionalMessage(const ConditionalFinding &Finding);
/// The record a diagnostic message carries, if it carries one.
std::optional<ConditionalFinding>
parseConditionalMessage(llvm::StringRef Message);
bool isConditionalMessage(llvm::StringRef Message);

struct DecidedNote {
  std::string Message;
  Place At;
};

/// A conditional finding that holds: its message, and notes at places the
/// merged facts name (other files).
struct DecidedFinding {
  std::string Message;
  std::vector<DecidedNote> Notes;
};

/// Decides Finding with the merged facts: the finding to report, or none
/// when its predicate does not hold (or is unknown to this build).
std::optional<DecidedFinding> decide(const ConditionalFinding &Finding,
                                     const ProjectFacts &Project);

/// Format, with each %N replaced by Args[N]: the wording of a diagnostic
/// whose arguments are all text, as Clang would print it.
std::string formatMessage(llvm::StringRef Format,
                          llvm::ArrayRef<std::string> Args);

} // namespace async_lint::facts

#endif // ASYNC_LINT_CHECKS_UTILS_CONDITIONALFINDINGS_H
