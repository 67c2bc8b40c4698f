//===--- ProjectFacts.cpp - What each function does, across files ---------===//

#include "ProjectFacts.h"
#include "FactsJson.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <queue>

namespace async_lint::facts {

namespace json = llvm::json;
using namespace detail;

namespace {

json::Object useFields(const BlockingUse &Use) {
  json::Object Fields = placeFields(Use.At);
  Fields["function"] = Use.Function;
  Fields["api"] = Use.Api;
  Fields["verb"] = Use.Verb;
  Fields["category"] = Use.Category;
  return Fields;
}

json::Object chainFields(const BlockingChain &Chain) {
  json::Array Hops;
  for (const Hop &H : Chain.Hops) {
    json::Object HopFields = placeFields(H.At);
    HopFields["caller"] = H.Caller;
    HopFields["verb"] = H.Verb;
    HopFields["callee"] = H.Callee;
    Hops.push_back(std::move(HopFields));
  }
  json::Object Fields = useFields(Chain.Use);
  Fields["hops"] = std::move(Hops);
  return Fields;
}

json::Object functionHeader(const FunctionFacts &Function) {
  json::Object Fields = placeFields(Function.Definition);
  Fields["usr"] = Function.Usr;
  Fields["name"] = Function.Name;
  Fields["coroutine"] = Function.Coroutine;
  return Fields;
}

json::Array indexes(const std::vector<unsigned> &Indexes) {
  json::Array Out;
  for (unsigned Index : Indexes)
    Out.push_back(int64_t(Index));
  return Out;
}

json::Object keepingFields(const ParameterKeeping &Keeping) {
  json::Object Fields = placeFields(Keeping.Definition);
  Fields["usr"] = Keeping.Usr;
  Fields["kept"] = indexes(Keeping.Kept);
  json::Array Forwarded;
  for (const ForwardedParameter &F : Keeping.Forwarded)
    Forwarded.push_back(
        json::Object{{"parameter", int64_t(F.Index)},
                     {"callee", F.CalleeUsr},
                     {"callee-parameter", int64_t(F.CalleeIndex)}});
  Fields["forwarded"] = std::move(Forwarded);
  return Fields;
}

} // namespace

std::string toJson(const UnitFacts &Unit) {
  std::vector<const FunctionFacts *> Sorted;
  for (const FunctionFacts &Function : Unit.Functions)
    Sorted.push_back(&Function);
  llvm::sort(Sorted, [](const FunctionFacts *A, const FunctionFacts *B) {
    return A->Usr < B->Usr;
  });
  json::Array Functions;
  for (const FunctionFacts *Function : Sorted) {
    json::Object Fields = functionHeader(*Function);
    if (Function->Blocks)
      Fields["blocks"] = chainFields(*Function->Blocks);
    json::Array Calls;
    for (const Call &C : Function->Calls) {
      json::Object CallFields = placeFields(C.At);
      CallFields["usr"] = C.CalleeUsr;
      CallFields["verb"] = C.Verb;
      CallFields["name"] = C.CalleeName;
      Calls.push_back(std::move(CallFields));
    }
    Fields["calls"] = std::move(Calls);
    Functions.push_back(std::move(Fields));
  }
  std::vector<std::string> External = Unit.CoroutineCallees;
  llvm::sort(External);
  External.erase(std::unique(External.begin(), External.end()), External.end());
  json::Object Top{{"version", FormatVersion},
                   {"main-file", Unit.MainFile},
                   {"inputs", Unit.Inputs},
                   {"functions", std::move(Functions)},
                   {"coroutine-callees", json::Array(External)}};
  if (!Unit.KeptParameters.empty()) {
    json::Array Kept;
    for (const ParameterKeeping &Keeping : Unit.KeptParameters)
      Kept.push_back(keepingFields(Keeping));
    Top["kept-parameters"] = std::move(Kept);
  }
  addBoundedCallersFields(Unit, Top);
  return print(std::move(Top));
}

std::string unitFactsFileName(llvm::StringRef MainFile) {
  std::string Digest = llvm::toHex(
      llvm::SHA256::hash(llvm::arrayRefFromStringRef(MainFile)), true);
  return (llvm::sys::path::stem(MainFile) + "-" +
          llvm::StringRef(Digest).take_front(16) + ".json")
      .str();
}

std::string unitFactsFileName(llvm::StringRef MainFile, llvm::StringRef Part) {
  std::string Name = unitFactsFileName(MainFile);
  if (Part.empty())
    return Name;
  return (llvm::StringRef(Name).drop_back(strlen(".json")) + "." + Part +
          ".json")
      .str();
}

llvm::Expected<UnitFacts> unitFactsFromJson(llvm::StringRef Text,
                                            llvm::StringRef FileName) {
  Reader Read(FileName);
  UnitFacts Unit;
  if (const json::Object *Top = Read.document(Text)) {
    Unit.MainFile = Read.string(*Top, "main-file", "the file");
    Unit.Inputs = Read.string(*Top, "inputs", "the file");
    if (const json::Array *Functions = Read.array(*Top, "functions", "file"))
      for (const json::Value &Value : *Functions) {
        const json::Object *O = Read.object(Value, "a function");
        if (!O)
          break;
        FunctionFacts Function = Read.header(*O, "a function");
        if (const json::Object *Blocks = O->getObject("blocks"))
          Function.Blocks = Read.chain(*Blocks, "'blocks'");
        if (const json::Array *Calls = Read.array(*O, "calls", "a function"))
          for (const json::Value &CallValue : *Calls)
            if (const json::Object *C = Read.object(CallValue, "a call"))
              Function.Calls.push_back({Read.string(*C, "usr", "a call"),
                                        Read.string(*C, "verb", "a call"),
                                        Read.string(*C, "name", "a call"),
                                        Read.place(*C, "a call")});
        Unit.Functions.push_back(std::move(Function));
      }
    if (const json::Array *External =
            Read.array(*Top, "coroutine-callees", "the file"))
      for (const json::Value &Usr : *External)
        if (auto S = Usr.getAsString())
          Unit.CoroutineCallees.push_back(S->str());
    if (Top->get("kept-parameters"))
      if (const json::Array *Kept =
              Read.array(*Top, "kept-parameters", "the file"))
        for (const json::Value &Value : *Kept)
          if (const json::Object *O = Read.object(Value, "a kept parameter"))
            Unit.KeptParameters.push_back(Read.keeping(*O, "a kept parameter"));
    readBoundedCallersFields(Read, *Top, Unit);
  }
  if (llvm::Error E = Read.error())
    return std::move(E);
  return Unit;
}

ProjectFacts ProjectFacts::merge(std::vector<UnitFacts> Units) {
  ProjectFacts Project;
  // An inline function or a template is defined at one place, seen by every
  // unit that includes it. Two different definitions of one USR are two
  // programs in one database (tests, examples, tools each with their own
  // helper of that name): which one a call reaches is unknown, so neither is
  // used.
  llvm::StringSet<> Ambiguous;
  for (UnitFacts &Unit : Units)
    for (FunctionFacts &Function : Unit.Functions) {
      auto [It, Inserted] = Project.Functions.try_emplace(Function.Usr);
      if (!Inserted && !(Function.Definition == It->second.Definition))
        Ambiguous.insert(Function.Usr);
      if (Inserted || Function.Definition < It->second.Definition)
        It->second = std::move(Function);
    }
  for (const auto &Entry : Ambiguous)
    Project.Functions.erase(Entry.getKey());

  // Close "may block" over the call graph, shortest chains first (Dijkstra
  // over chain lengths), from what each unit found by itself. A coroutine is
  // not entered: calling one makes a task and runs none of its body, and
  // what blocks inside it is reported there.
  llvm::StringMap<std::vector<std::pair<std::string, const Call *>>> Callers;
  using Entry = std::pair<size_t, std::string>; // chain length, function
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> Queue;
  for (const auto &Item : Project.Functions) {
    const FunctionFacts &Function = Item.second;
    if (Function.Coroutine)
      continue;
    if (Function.Blocks) {
      Project.Chains[Function.Usr] = *Function.Blocks;
      Queue.push({Function.Blocks->Hops.size(), Function.Usr});
      continue;
    }
    for (const Call &C : Function.Calls)
      Callers[C.CalleeUsr].push_back({Function.Usr, &C});
  }
  // Callers in (function, source order) order, so that ties are broken the
  // same way whatever the order of the units.
  for (auto &Item : Callers)
    llvm::stable_sort(Item.second, [](const auto &A, const auto &B) {
      return A.first < B.first;
    });
  while (!Queue.empty()) {
    auto [Length, Usr] = Queue.top();
    Queue.pop();
    const BlockingChain &Reached = Project.Chains.find(Usr)->second;
    if (Reached.Hops.size() != Length)
      continue;
    BlockingChain Through = Reached;
    for (const auto &[CallerUsr, C] : Callers.lookup(Usr)) {
      auto It = Project.Chains.find(CallerUsr);
      if (It != Project.Chains.end() &&
          (It->second.Hops.size() < Length + 1 ||
           (It->second.Hops.size() == Length + 1 &&
            !(C->At < It->second.Hops.front().At))))
        continue;
      BlockingChain Chain = Through;
      Chain.Hops.insert(Chain.Hops.begin(),
                        Hop{Project.Functions.find(CallerUsr)->second.Name,
                            C->Verb, C->CalleeName, C->At});
      Project.Chains[CallerUsr] = std::move(Chain);
      Queue.push({Length + 1, CallerUsr});
    }
  }
  Project.KeptByFunction = closeKeptParameters(Units);
  Project.mergeBoundingCallers(Units);
  return Project;
}

const BlockingChain *ProjectFacts::blockingChain(llvm::StringRef Usr) const {
  auto It = Chains.find(Usr);
  return It == Chains.end() ? nullptr : &It->second;
}

bool ProjectFacts::isCoroutine(llvm::StringRef Usr) const {
  auto It = Functions.find(Usr);
  return It != Functions.end() && It->second.Coroutine;
}

std::string
ProjectFacts::digestFor(const std::vector<std::string> &Usrs) const {
  std::vector<std::string> Sorted = Usrs;
  llvm::sort(Sorted);
  Sorted.erase(std::unique(Sorted.begin(), Sorted.end()), Sorted.end());
  llvm::SHA256 Hash;
  for (const std::string &Usr : Sorted) {
    Hash.update(Usr);
    Hash.update(isCoroutine(Usr) ? "\1coroutine" : "\1function");
    if (const BlockingChain *Chain = blockingChain(Usr)) {
      for (const Hop &H : Chain->Hops)
        Hash.update(print(json::Object{{"caller", H.Caller},
                                       {"verb", H.Verb},
                                       {"callee", H.Callee},
                                       {"at", placeFields(H.At)}}));
      Hash.update(print(useFields(Chain->Use)));
    }
    Hash.update(llvm::StringRef("\0", 1));
  }
  return llvm::toHex(Hash.final(), /*LowerCase=*/true);
}

std::string ProjectFacts::toJson() const {
  std::vector<std::string> Usrs;
  for (const auto &Entry : Functions)
    if (Entry.second.Coroutine || Chains.count(Entry.getKey()))
      Usrs.push_back(Entry.getKey().str());
  llvm::sort(Usrs);
  json::Array Out;
  for (const std::string &Usr : Usrs) {
    json::Object Fields = functionHeader(Functions.find(Usr)->second);
    if (const BlockingChain *Chain = blockingChain(Usr))
      Fields["may-block"] = chainFields(*Chain);
    Out.push_back(std::move(Fields));
  }
  json::Object Top{{"version", FormatVersion},
                   {"project-functions", std::move(Out)}};
  if (!KeptByFunction.empty()) {
    std::vector<llvm::StringRef> Keeping;
    for (const auto &Entry : KeptByFunction)
      Keeping.push_back(Entry.getKey());
    llvm::sort(Keeping);
    json::Array Kept;
    for (llvm::StringRef Usr : Keeping)
      Kept.push_back(json::Object{
          {"usr", Usr}, {"kept", indexes(KeptByFunction.find(Usr)->second)}});
    Top["kept-parameters"] = std::move(Kept);
  }
  addBoundingCallersFields(CallersOfUnboundedIo, Top);
  return print(std::move(Top));
}

llvm::Expected<ProjectFacts> ProjectFacts::fromJson(llvm::StringRef Text,
                                                    llvm::StringRef FileName) {
  Reader Read(FileName);
  ProjectFacts Project;
  const json::Object *Top = Read.document(Text);
  if (Top)
    if (const json::Array *Functions =
            Read.array(*Top, "project-functions", "the file"))
      for (const json::Value &Value : *Functions) {
        const json::Object *O = Read.object(Value, "a function");
        if (!O)
          break;
        FunctionFacts Function = Read.header(*O, "a function");
        if (const json::Object *MayBlock = O->getObject("may-block"))
          Project.Chains[Function.Usr] = Read.chain(*MayBlock, "'may-block'");
        std::string Usr = Function.Usr;
        Project.Functions[Usr] = std::move(Function);
      }
  if (Top && Top->get("kept-parameters"))
    if (const json::Array *Kept =
            Read.array(*Top, "kept-parameters", "the file"))
      for (const json::Value &Value : *Kept)
        if (const json::Object *O = Read.object(Value, "a kept parameter"))
          Project.KeptByFunction[Read.string(*O, "usr", "a kept parameter")] =
              Read.indexes(*O, "kept", "a kept parameter");
  if (const json::Object *Top = Read.topLevel())
    readBoundingCallersFields(Read, *Top, Project.CallersOfUnboundedIo);
  if (llvm::Error E = Read.error())
    return std::move(E);
  return Project;
}

namespace {

/// The facts files an input names: itself, or a directory's *.json files in
/// name order.
std::vector<std::string> filesOf(const std::string &Input,
                                 std::vector<std::string> &Problems) {
  if (!llvm::sys::fs::is_directory(Input))
    return {Input};
  std::vector<std::string> Paths;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Input, EC), End; It != End && !EC;
       It.increment(EC))
    if (llvm::sys::path::extension(It->path()) == ".json")
      Paths.push_back(It->path());
  if (EC)
    Problems.push_back(Input + ": " + EC.message());
  llvm::sort(Paths);
  return Paths;
}

} // namespace

ProjectFacts mergeFiles(const std::vector<std::string> &Inputs,
                        std::vector<std::string> &Problems) {
  std::vector<UnitFacts> Units;
  for (const std::string &Input : Inputs)
    for (const std::string &Path : filesOf(Input, Problems)) {
      auto Buffer = llvm::MemoryBuffer::getFile(Path);
      if (!Buffer) {
        Problems.push_back(Path + ": " + Buffer.getError().message());
        continue;
      }
      auto Unit = unitFactsFromJson((*Buffer)->getBuffer(), Path);
      if (!Unit) {
        Problems.push_back(llvm::toString(Unit.takeError()));
        continue;
      }
      Units.push_back(std::move(*Unit));
    }
  return ProjectFacts::merge(std::move(Units));
}

} // namespace async_lint::facts
