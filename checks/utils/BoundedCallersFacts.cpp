//===--- BoundedCallersFacts.cpp - Bounded callers across files -----------===//
//
// async-io-without-timeout's facts: the references each unit makes to
// coroutines (bounded where made or not) and its coroutines whose network
// I/O nothing in them bounds; merged, whether every reference in the project
// to such a coroutine is bounded.
//
//===----------------------------------------------------------------------===//

#include "FactsJson.h"
#include "ProjectFacts.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"

#include <algorithm>
#include <tuple>

namespace async_lint::facts {

namespace {

using detail::placeFields;
using detail::Reader;
namespace json = llvm::json;

json::Object coroutineCallFields(const CoroutineCall &C) {
  json::Object Fields = placeFields(C.At);
  Fields["usr"] = C.CalleeUsr;
  Fields["bounded"] = C.Bounded;
  Fields["caller"] = C.Caller;
  Fields["callee"] = C.CalleeName;
  return Fields;
}

CoroutineCall readCoroutineCall(Reader &Read, const json::Object &O) {
  return {Read.string(O, "usr", "a coroutine call"),
          Read.boolean(O, "bounded", "a coroutine call"),
          Read.string(O, "caller", "a coroutine call"),
          Read.string(O, "callee", "a coroutine call"),
          Read.place(O, "a coroutine call")};
}

auto callKey(const CoroutineCall &C) {
  return std::tie(C.At, C.CalleeUsr, C.Bounded);
}

} // namespace

namespace detail {

// Absent from the files of units and projects that have none, so that other
// checks' facts read as before.

/// In a stable order and once each: an await's operand is seen at every
/// step of the await.
void addBoundedCallersFields(const UnitFacts &Unit, json::Object &Top) {
  std::vector<CoroutineCall> Calls = Unit.CoroutineCalls;
  llvm::sort(Calls, [](const CoroutineCall &A, const CoroutineCall &B) {
    return callKey(A) < callKey(B);
  });
  Calls.erase(std::unique(Calls.begin(), Calls.end(),
                          [](const CoroutineCall &A, const CoroutineCall &B) {
                            return callKey(A) == callKey(B);
                          }),
              Calls.end());
  json::Array CallFields;
  for (const CoroutineCall &C : Calls)
    CallFields.push_back(coroutineCallFields(C));
  std::vector<UnboundedIoCoroutine> Unbounded = Unit.UnboundedIo;
  llvm::sort(Unbounded, [](const auto &A, const auto &B) {
    return std::tie(A.Usr, A.Definition) < std::tie(B.Usr, B.Definition);
  });
  json::Array UnboundedFields;
  for (const UnboundedIoCoroutine &C : Unbounded) {
    json::Object Fields = placeFields(C.Definition);
    Fields["usr"] = C.Usr;
    UnboundedFields.push_back(std::move(Fields));
  }
  if (!CallFields.empty())
    Top["coroutine-calls"] = std::move(CallFields);
  if (!UnboundedFields.empty())
    Top["unbounded-io"] = std::move(UnboundedFields);
}

void readBoundedCallersFields(Reader &Read, const json::Object &Top,
                              UnitFacts &Unit) {
  if (const json::Array *Calls = Top.getArray("coroutine-calls"))
    for (const json::Value &Value : *Calls)
      if (const json::Object *C = Read.object(Value, "a coroutine call"))
        Unit.CoroutineCalls.push_back(readCoroutineCall(Read, *C));
  if (const json::Array *Unbounded = Top.getArray("unbounded-io"))
    for (const json::Value &Value : *Unbounded)
      if (const json::Object *C = Read.object(Value, "a coroutine"))
        Unit.UnboundedIo.push_back({Read.string(*C, "usr", "a coroutine"),
                                    Read.place(*C, "a coroutine")});
}

void addBoundingCallersFields(const llvm::StringMap<BoundingCallers> &Callers,
                              json::Object &Top) {
  std::vector<std::string> Usrs;
  for (const auto &Entry : Callers)
    Usrs.push_back(Entry.getKey().str());
  llvm::sort(Usrs);
  json::Array Out;
  for (const std::string &Usr : Usrs) {
    const BoundingCallers &Verdict = Callers.find(Usr)->second;
    json::Object Fields{{"usr", Usr},
                        {"every-call-bounded", Verdict.EveryCallBounded}};
    if (Verdict.Unbounded)
      Fields["unbounded-call"] = coroutineCallFields(*Verdict.Unbounded);
    Out.push_back(std::move(Fields));
  }
  if (!Out.empty())
    Top["bounded-callers"] = std::move(Out);
}

void readBoundingCallersFields(Reader &Read, const json::Object &Top,
                               llvm::StringMap<BoundingCallers> &Callers) {
  if (const json::Array *Entries = Top.getArray("bounded-callers"))
    for (const json::Value &Value : *Entries)
      if (const json::Object *O = Read.object(Value, "a coroutine")) {
        BoundingCallers &Verdict =
            Callers[Read.string(*O, "usr", "a coroutine")];
        Verdict.EveryCallBounded =
            Read.boolean(*O, "every-call-bounded", "a coroutine");
        if (const json::Object *Call = O->getObject("unbounded-call"))
          Verdict.Unbounded = readCoroutineCall(Read, *Call);
      }
}

} // namespace detail

void ProjectFacts::mergeBoundingCallers(const std::vector<UnitFacts> &Units) {
  // As for functions: a coroutine defined at two places is two programs'.
  llvm::StringMap<Place> Definitions;
  llvm::StringSet<> Ambiguous;
  for (const UnitFacts &Unit : Units)
    for (const UnboundedIoCoroutine &C : Unit.UnboundedIo) {
      auto [It, Inserted] = Definitions.try_emplace(C.Usr, C.Definition);
      if (!Inserted && !(It->second == C.Definition))
        Ambiguous.insert(C.Usr);
    }
  for (const auto &Entry : Definitions)
    if (!Ambiguous.contains(Entry.getKey()))
      CallersOfUnboundedIo[Entry.getKey()];
  llvm::StringSet<> Referenced;
  for (const UnitFacts &Unit : Units)
    for (const CoroutineCall &C : Unit.CoroutineCalls) {
      auto It = CallersOfUnboundedIo.find(C.CalleeUsr);
      if (It == CallersOfUnboundedIo.end())
        continue;
      Referenced.insert(C.CalleeUsr);
      std::optional<CoroutineCall> &First = It->second.Unbounded;
      if (!C.Bounded && (!First || callKey(C) < callKey(*First)))
        First = C;
    }
  for (auto &Entry : CallersOfUnboundedIo)
    Entry.second.EveryCallBounded =
        Referenced.contains(Entry.getKey()) && !Entry.second.Unbounded;
}

const BoundingCallers *
ProjectFacts::boundingCallers(llvm::StringRef Usr) const {
  auto It = CallersOfUnboundedIo.find(Usr);
  return It == CallersOfUnboundedIo.end() ? nullptr : &It->second;
}

} // namespace async_lint::facts
