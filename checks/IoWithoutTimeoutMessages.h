//===--- IoWithoutTimeoutMessages.h - async-io-without-timeout's wording -===//
//
// The diagnostics of async-io-without-timeout, and the decision of its
// findings whose verdict depends on callers in other files (see
// utils/ConditionalFindings.h). Only plain %N arguments, so that a finding
// decided after the merge is worded by the same strings.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_IOWITHOUTTIMEOUTMESSAGES_H
#define ASYNC_LINT_CHECKS_IOWITHOUTTIMEOUTMESSAGES_H

#include "utils/ConditionalFindings.h"

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace async_lint::io_without_timeout_wording {

namespace facts = async_lint::facts;

// What an await with no timeout risks: a read or write waits for a peer
// that may fall silent, an accept for a peer that may never come. %0 the
// operation.
inline constexpr llvm::StringLiteral SilentPeerStalls =
    "network I/O '%0' is awaited with no timeout; a silent peer stalls this "
    "task forever";
inline constexpr llvm::StringLiteral IdleListenerStalls =
    "network I/O '%0' is awaited with no timeout; a listener that no peer "
    "connects to stalls this task forever";

/// A note at a reference to the coroutine, in another file, that does not
/// bound it. %0 the function it is in, %1 the coroutine, both quoted.
inline constexpr llvm::StringLiteral CallsUnbounded =
    "%0 calls %1 here with no timeout";
inline constexpr llvm::StringLiteral CalledUnbounded =
    "%1 is called here with no timeout";

/// An unbounded await in a coroutine that other files may call: what its
/// unit knows.
struct AwaitInSharedCoroutine {
  /// The operation, as the finding names it.
  std::string Io;
  bool Accept = false;
  /// Every reference in the coroutine's own unit is a bounded call (and
  /// there is one): the verdict when the project knows nothing more.
  bool BoundedHere = false;
};

/// The predicate of its records: some reference to the coroutine in the
/// project is not a bounded call, or there is none.
inline constexpr llvm::StringLiteral UnboundedCallerPredicate =
    "unbounded-caller";

facts::ConditionalFinding recordOf(const AwaitInSharedCoroutine &Await,
                                   llvm::StringRef CoroutineUsr);
/// The finding of such a record: none when every reference in the project
/// is a bounded call, or when the project does not know the coroutine and
/// its own unit's references were all bounded.
std::optional<facts::DecidedFinding>
decideUnboundedCaller(const facts::ConditionalFinding &Record,
                      const facts::ProjectFacts &Project);
/// The finding for Await once Callers (null: unknown to the project) are
/// known.
std::optional<facts::DecidedFinding>
decideAwait(const AwaitInSharedCoroutine &Await,
            const facts::BoundingCallers *Callers);

} // namespace async_lint::io_without_timeout_wording

#endif // ASYNC_LINT_CHECKS_IOWITHOUTTIMEOUTMESSAGES_H
