//===--- ConditionalDecisions.cpp - Who decides which conditional finding -===//
//
// One entry per predicate that a check records conditional findings with
// (see utils/ConditionalFindings.h), as AsyncModule.cpp lists the checks.
//
//===----------------------------------------------------------------------===//

#include "BlockingCallMessages.h"
#include "DanglingReferenceMessages.h"
#include "IoWithoutTimeoutMessages.h"
#include "utils/ConditionalFindings.h"

namespace async_lint::facts {

std::optional<DecidedFinding> decide(const ConditionalFinding &Finding,
                                     const ProjectFacts &Project) {
  using Decider = std::optional<DecidedFinding> (*)(const ConditionalFinding &,
                                                    const ProjectFacts &);
  static constexpr std::pair<llvm::StringLiteral, Decider> Deciders[] = {
      {blocking_call_wording::MayBlockPredicate,
       blocking_call_wording::decideMayBlock},
      {dangling_reference_wording::KeepsReferencePredicate,
       dangling_reference_wording::decideKeepsReference},
      {io_without_timeout_wording::UnboundedCallerPredicate,
       io_without_timeout_wording::decideUnboundedCaller},
  };
  for (const auto &[Predicate, Decide] : Deciders)
    if (Finding.Predicate == Predicate)
      return Decide(Finding, Project);
  return std::nullopt;
}

} // namespace async_lint::facts
