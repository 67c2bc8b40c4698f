//===--- DanglingReferenceMessages.h - async-dangling-reference -*- C++ -*-===//
//
// The diagnostics of async-dangling-reference. Only plain %N arguments, so
// that a finding decided after the analysis (from the merged project facts)
// is worded by the same strings.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_DANGLINGREFERENCEMESSAGES_H
#define ASYNC_LINT_CHECKS_DANGLINGREFERENCEMESSAGES_H

#include "utils/ConditionalFindings.h"

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace async_lint::dangling_reference_wording {

namespace facts = async_lint::facts;

/// One message for each way a parameter can refer to the object it is
/// bound to: "reference", "pointer" or "view".
struct ByBinding {
  llvm::StringLiteral Reference;
  llvm::StringLiteral Pointer;
  llvm::StringLiteral View;

  llvm::StringLiteral of(llvm::StringRef Binding) const {
    return Binding == "pointer" ? Pointer
           : Binding == "view"  ? View
                                : Reference;
  }
};

// The warnings, by what dies before the task ends: %0 the parameter and %1
// the callee for a temporary; %0 the variable, %1 the parameter, %2 the
// callee and %3 the caller for a variable of the caller.
inline constexpr ByBinding TemporaryOutlived = {
    "a temporary is bound to reference parameter %0 of %1, but the task "
    "outlives it: the temporary is destroyed at the end of the full "
    "expression",
    "a pointer to a temporary is bound to pointer parameter %0 of %1, but the "
    "task outlives it: the temporary is destroyed at the end of the full "
    "expression",
    "a view of a temporary is bound to view parameter %0 of %1, but the task "
    "outlives it: the temporary is destroyed at the end of the full "
    "expression"};
inline constexpr ByBinding LocalOutlivedPastScope = {
    "%0 is bound to reference parameter %1 of %2, but the task outlives it: "
    "%0 is destroyed at the end of its scope",
    "a pointer to %0 is bound to pointer parameter %1 of %2, but the task "
    "outlives it: %0 is destroyed at the end of its scope",
    "a view of %0 is bound to view parameter %1 of %2, but the task outlives "
    "it: %0 is destroyed at the end of its scope"};
inline constexpr ByBinding LocalOutlivedPastReturn = {
    "%0 is bound to reference parameter %1 of %2, but the task outlives it: "
    "%0 is destroyed when %3 returns",
    "a pointer to %0 is bound to pointer parameter %1 of %2, but the task "
    "outlives it: %0 is destroyed when %3 returns",
    "a view of %0 is bound to view parameter %1 of %2, but the task outlives "
    "it: %0 is destroyed when %3 returns"};
inline constexpr ByBinding LocalOutlivedPastCoroutineEnd = {
    "%0 is bound to reference parameter %1 of %2, but the task outlives it: "
    "%0 is destroyed when %3 finishes",
    "a pointer to %0 is bound to pointer parameter %1 of %2, but the task "
    "outlives it: %0 is destroyed when %3 finishes",
    "a view of %0 is bound to view parameter %1 of %2, but the task outlives "
    "it: %0 is destroyed when %3 finishes"};
inline constexpr ByBinding ParameterDeclared = {
    "reference parameter %0 is declared here",
    "pointer parameter %0 is declared here",
    "view parameter %0 is declared here"};

/// The warnings for an object that dies at the "full-expression" (a
/// temporary), at the end of its "scope", when the caller "returns" or when
/// the calling coroutine "finishes".
inline const ByBinding &outlivedMessages(llvm::StringRef Death) {
  if (Death == "full-expression")
    return TemporaryOutlived;
  if (Death == "returns")
    return LocalOutlivedPastReturn;
  if (Death == "finishes")
    return LocalOutlivedPastCoroutineEnd;
  return LocalOutlivedPastScope;
}

/// A parameter of a function of another file, by its USR and index.
using ParameterOf = std::pair<std::string, unsigned>;

/// A finding at an argument whose parameter the callee keeps only if
/// functions of other files keep theirs: the callee itself when it is only
/// declared here, or those its visible wrapper hands the argument to.
struct KeptArgument {
  /// As ByBinding::of and outlivedMessages name them.
  std::string Binding;
  std::string Death;
  /// The message's arguments, as Clang prints them.
  std::vector<std::string> Args;
  std::vector<ParameterOf> KeptIfKept;
};

/// The predicate of KeptArgument's records: a function of another file keeps
/// its reference, pointer or view parameter.
inline constexpr llvm::StringLiteral KeepsReferencePredicate =
    "keeps-reference-argument";

facts::ConditionalFinding recordOf(const KeptArgument &Argument);
/// True unless the merged facts say that none of Parameters is kept; a
/// function that they know nothing of is presumed a coroutine.
bool anyKept(const std::vector<ParameterOf> &Parameters,
             const facts::ProjectFacts &Project);
/// The finding of a keeps-reference-argument record, unless the merged facts
/// say the argument is not kept.
std::optional<facts::DecidedFinding>
decideKeepsReference(const facts::ConditionalFinding &Record,
                     const facts::ProjectFacts &Project);

} // namespace async_lint::dangling_reference_wording

#endif // ASYNC_LINT_CHECKS_DANGLINGREFERENCEMESSAGES_H
