//===--- BlockingCallMessages.h - async-blocking-call's wording -*- C++ -*-===//
//
// The diagnostics of async-blocking-call, one format string per case. Only
// plain %N arguments: no %select, so that a finding decided after the
// analysis (from the merged project facts) is worded by the same strings.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_BLOCKINGCALLMESSAGES_H
#define ASYNC_LINT_CHECKS_BLOCKINGCALLMESSAGES_H

#include "utils/ConditionalFindings.h"

#include "llvm/ADT/StringRef.h"

#include <map>
#include <optional>
#include <string>

namespace async_lint::blocking_call_wording {

namespace facts = async_lint::facts;

/// A blocking API used in the coroutine itself. %0 the API or the
/// constructed type, %1 the coroutine (unused for a lambda), %2 the
/// category's label, %3 what to do instead.
namespace direct {
inline constexpr llvm::StringLiteral CallInCoroutine =
    "call to '%0' blocks the event loop thread in coroutine %1 (%2); %3";
inline constexpr llvm::StringLiteral CallInLambda =
    "call to '%0' blocks the event loop thread in a coroutine lambda (%2); %3";
inline constexpr llvm::StringLiteral ConstructionInCoroutine =
    "construction of '%0' blocks the event loop thread in coroutine %1 (%2); "
    "%3";
inline constexpr llvm::StringLiteral ConstructionInLambda =
    "construction of '%0' blocks the event loop thread in a coroutine lambda "
    "(%2); %3";
} // namespace direct

/// A call (or construction) of a function that blocks, directly or through
/// the functions it calls. %0 the function (or the constructed type),
/// quoted, %1 the coroutine (unused for a lambda), %2 the blocking API at the
/// end of the chain, %3 its category's label, %4 what to do instead.
namespace chain {
inline constexpr llvm::StringLiteral CallInCoroutineCalls =
    "call to %0 blocks the event loop thread in coroutine %1: it calls '%2' "
    "(%3); %4";
inline constexpr llvm::StringLiteral CallInCoroutineConstructs =
    "call to %0 blocks the event loop thread in coroutine %1: it constructs "
    "'%2' (%3); %4";
inline constexpr llvm::StringLiteral CallInCoroutineIndirectlyCalls =
    "call to %0 blocks the event loop thread in coroutine %1: it indirectly "
    "calls '%2' (%3); %4";
inline constexpr llvm::StringLiteral CallInCoroutineIndirectlyConstructs =
    "call to %0 blocks the event loop thread in coroutine %1: it indirectly "
    "constructs '%2' (%3); %4";
inline constexpr llvm::StringLiteral CallInLambdaCalls =
    "call to %0 blocks the event loop thread in a coroutine lambda: it calls "
    "'%2' (%3); %4";
inline constexpr llvm::StringLiteral CallInLambdaConstructs =
    "call to %0 blocks the event loop thread in a coroutine lambda: it "
    "constructs '%2' (%3); %4";
inline constexpr llvm::StringLiteral CallInLambdaIndirectlyCalls =
    "call to %0 blocks the event loop thread in a coroutine lambda: it "
    "indirectly calls '%2' (%3); %4";
inline constexpr llvm::StringLiteral CallInLambdaIndirectlyConstructs =
    "call to %0 blocks the event loop thread in a coroutine lambda: it "
    "indirectly constructs '%2' (%3); %4";
inline constexpr llvm::StringLiteral ConstructionInCoroutineCalls =
    "construction of %0 blocks the event loop thread in coroutine %1: it "
    "calls '%2' (%3); %4";
inline constexpr llvm::StringLiteral ConstructionInCoroutineConstructs =
    "construction of %0 blocks the event loop thread in coroutine %1: it "
    "constructs '%2' (%3); %4";
inline constexpr llvm::StringLiteral ConstructionInCoroutineIndirectlyCalls =
    "construction of %0 blocks the event loop thread in coroutine %1: it "
    "indirectly calls '%2' (%3); %4";
inline constexpr llvm::StringLiteral
    ConstructionInCoroutineIndirectlyConstructs =
        "construction of %0 blocks the event loop thread in coroutine %1: it "
        "indirectly constructs '%2' (%3); %4";
inline constexpr llvm::StringLiteral ConstructionInLambdaCalls =
    "construction of %0 blocks the event loop thread in a coroutine lambda: "
    "it calls '%2' (%3); %4";
inline constexpr llvm::StringLiteral ConstructionInLambdaConstructs =
    "construction of %0 blocks the event loop thread in a coroutine lambda: "
    "it constructs '%2' (%3); %4";
inline constexpr llvm::StringLiteral ConstructionInLambdaIndirectlyCalls =
    "construction of %0 blocks the event loop thread in a coroutine lambda: "
    "it indirectly calls '%2' (%3); %4";
inline constexpr llvm::StringLiteral ConstructionInLambdaIndirectlyConstructs =
    "construction of %0 blocks the event loop thread in a coroutine lambda: "
    "it indirectly constructs '%2' (%3); %4";
} // namespace chain

/// A note at one call of a chain. %0 the caller, %1 the callee (or the
/// constructed type, or the blocking API), both quoted.
inline constexpr llvm::StringLiteral CallsHere = "%0 calls %1 here";
inline constexpr llvm::StringLiteral ConstructsHere = "%0 constructs %1 here";

/// What the finding's site is and where it is.
struct SiteShape {
  bool Construction = false;
  bool InLambda = false;
};

inline llvm::StringLiteral directMessage(SiteShape Site) {
  if (Site.Construction)
    return Site.InLambda ? direct::ConstructionInLambda
                         : direct::ConstructionInCoroutine;
  return Site.InLambda ? direct::CallInLambda : direct::CallInCoroutine;
}

/// The message for a chain that reaches the blocking API directly or
/// Indirectly, by calling or constructing it (ApiConstructed).
inline llvm::StringLiteral chainMessage(SiteShape Site, bool Indirectly,
                                        bool ApiConstructed) {
  using namespace chain;
  static constexpr llvm::StringLiteral ByShape[2][2][2][2] = {
      {{{CallInCoroutineCalls, CallInCoroutineConstructs},
        {CallInCoroutineIndirectlyCalls, CallInCoroutineIndirectlyConstructs}},
       {{CallInLambdaCalls, CallInLambdaConstructs},
        {CallInLambdaIndirectlyCalls, CallInLambdaIndirectlyConstructs}}},
      {{{ConstructionInCoroutineCalls, ConstructionInCoroutineConstructs},
        {ConstructionInCoroutineIndirectlyCalls,
         ConstructionInCoroutineIndirectlyConstructs}},
       {{ConstructionInLambdaCalls, ConstructionInLambdaConstructs},
        {ConstructionInLambdaIndirectlyCalls,
         ConstructionInLambdaIndirectlyConstructs}}}};
  return ByShape[Site.Construction][Site.InLambda][Indirectly][ApiConstructed];
}

inline llvm::StringLiteral stepNote(bool Constructs) {
  return Constructs ? ConstructsHere : CallsHere;
}

/// A call in a coroutine of a function whose blocking the merged project
/// facts decide: what its unit knows for the finding's wording.
struct CrossFileCall {
  SiteShape Site;
  /// As the finding names the callee (or the constructed type), quoted.
  std::string Entity;
  /// As Clang names the coroutine in a diagnostic, quoted.
  std::string Coroutine;
  /// Per category id enabled in the unit: its label and what to do instead
  /// (the coroutine's runtime's hint, or the category's own text).
  std::map<std::string, std::pair<std::string, std::string>> Categories;
};

/// The predicate of CrossFileCall's records: the callee may block.
inline constexpr llvm::StringLiteral MayBlockPredicate = "may-block";

facts::ConditionalFinding recordOf(const CrossFileCall &Call,
                                   llvm::StringRef CalleeUsr);
/// The finding of a may-block record, when the merged facts say the callee
/// blocks in a category enabled where the call is.
std::optional<facts::DecidedFinding>
decideMayBlock(const facts::ConditionalFinding &Record,
               const facts::ProjectFacts &Project);

} // namespace async_lint::blocking_call_wording

#endif // ASYNC_LINT_CHECKS_BLOCKINGCALLMESSAGES_H
