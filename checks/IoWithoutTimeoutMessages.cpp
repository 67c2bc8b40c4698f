//===--- IoWithoutTimeoutMessages.cpp - async-io-without-timeout's wording ===//

#include "IoWithoutTimeoutMessages.h"

namespace async_lint::io_without_timeout_wording {

facts::ConditionalFinding recordOf(const AwaitInSharedCoroutine &Await,
                                   llvm::StringRef CoroutineUsr) {
  return {UnboundedCallerPredicate.str(), CoroutineUsr.str(),
          llvm::json::Object{{"io", Await.Io},
                             {"accept", Await.Accept},
                             {"bounded-here", Await.BoundedHere}}};
}

std::optional<facts::DecidedFinding>
decideAwait(const AwaitInSharedCoroutine &Await,
            const facts::BoundingCallers *Callers) {
  if (Callers ? Callers->EveryCallBounded : Await.BoundedHere)
    return std::nullopt;
  facts::DecidedFinding Finding;
  Finding.Message = facts::formatMessage(
      Await.Accept ? IdleListenerStalls : SilentPeerStalls, {Await.Io});
  if (Callers && Callers->Unbounded) {
    const facts::CoroutineCall &Call = *Callers->Unbounded;
    Finding.Notes.push_back(
        {facts::formatMessage(
             Call.Caller.empty() ? CalledUnbounded : CallsUnbounded,
             {"'" + Call.Caller + "'", "'" + Call.CalleeName + "'"}),
         Call.At});
  }
  return Finding;
}

std::optional<facts::DecidedFinding>
decideUnboundedCaller(const facts::ConditionalFinding &Record,
                      const facts::ProjectFacts &Project) {
  AwaitInSharedCoroutine Await;
  Await.Io = Record.Parts.getString("io").value_or("").str();
  Await.Accept = Record.Parts.getBoolean("accept").value_or(false);
  Await.BoundedHere = Record.Parts.getBoolean("bounded-here").value_or(false);
  return decideAwait(Await, Project.boundingCallers(Record.Usr));
}

} // namespace async_lint::io_without_timeout_wording
