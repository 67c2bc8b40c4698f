//===--- ProjectFacts.cpp - What each function does, across files ---------===//

#include "ProjectFacts.h"

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

namespace {

json::Object placeFields(const Place &At) {
  return json::Object{{"file", At.File},
                      {"line", int64_t(At.Line)},
                      {"column", int64_t(At.Column)}};
}

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

std::string print(json::Value Value) {
  std::string Text;
  llvm::raw_string_ostream Out(Text);
  Out << llvm::formatv("{0:1}", Value) << '\n';
  return Text;
}

/// Reads JSON objects field by field, remembering the first thing that was
/// missing or of the wrong type, with the path to it.
class Reader {
public:
  explicit Reader(llvm::StringRef FileName) : FileName(FileName) {}

  std::string string(const json::Object &O, llvm::StringRef Key,
                     llvm::StringRef Where) {
    if (auto S = O.getString(Key))
      return S->str();
    fail(Where, Key, "a string");
    return {};
  }
  unsigned number(const json::Object &O, llvm::StringRef Key,
                  llvm::StringRef Where) {
    if (auto N = O.getInteger(Key); N && *N >= 0)
      return unsigned(*N);
    fail(Where, Key, "a non-negative integer");
    return 0;
  }
  bool boolean(const json::Object &O, llvm::StringRef Key,
               llvm::StringRef Where) {
    if (auto B = O.getBoolean(Key))
      return *B;
    fail(Where, Key, "true or false");
    return false;
  }
  const json::Array *array(const json::Object &O, llvm::StringRef Key,
                           llvm::StringRef Where) {
    if (const auto *A = O.getArray(Key))
      return A;
    fail(Where, Key, "a list");
    return nullptr;
  }
  const json::Object *object(const json::Value &V, llvm::StringRef Where) {
    if (const auto *O = V.getAsObject())
      return O;
    if (Problem.empty())
      Problem = (Where + " must be an object").str();
    return nullptr;
  }
  Place place(const json::Object &O, llvm::StringRef Where) {
    return {string(O, "file", Where), number(O, "line", Where),
            number(O, "column", Where)};
  }
  BlockingUse use(const json::Object &O, llvm::StringRef Where) {
    return {string(O, "function", Where), string(O, "api", Where),
            string(O, "verb", Where), string(O, "category", Where),
            place(O, Where)};
  }
  BlockingChain chain(const json::Object &O, llvm::StringRef Where) {
    BlockingChain Chain;
    Chain.Use = use(O, Where);
    if (const json::Array *Hops = array(O, "hops", Where))
      for (const json::Value &HopValue : *Hops)
        if (const json::Object *H = object(HopValue, "a hop"))
          Chain.Hops.push_back(
              {string(*H, "caller", "a hop"), string(*H, "verb", "a hop"),
               string(*H, "callee", "a hop"), place(*H, "a hop")});
    return Chain;
  }
  FunctionFacts header(const json::Object &O, llvm::StringRef Where) {
    FunctionFacts Function;
    Function.Usr = string(O, "usr", Where);
    Function.Name = string(O, "name", Where);
    Function.Definition = place(O, Where);
    Function.Coroutine = boolean(O, "coroutine", Where);
    return Function;
  }
  /// The top-level object, once its version has been checked.
  const json::Object *document(llvm::StringRef Text) {
    auto Parsed = json::parse(Text);
    if (!Parsed) {
      Problem = llvm::toString(Parsed.takeError());
      return nullptr;
    }
    Root = std::move(*Parsed);
    const json::Object *Top = object(Root, "the file");
    if (!Top)
      return nullptr;
    auto Version = Top->getInteger("version");
    if (!Version || *Version != FormatVersion) {
      Problem = llvm::formatv("format version {0} expected; written by "
                              "another version of async-lint?",
                              FormatVersion);
      return nullptr;
    }
    return Top;
  }
  /// The top-level object read by document(), while nothing is wrong.
  const json::Object *topLevel() const {
    return Problem.empty() ? Root.getAsObject() : nullptr;
  }
  llvm::Error error() const {
    if (Problem.empty())
      return llvm::Error::success();
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "%s: %s",
                                   FileName.str().c_str(), Problem.c_str());
  }

private:
  void fail(llvm::StringRef Where, llvm::StringRef Key,
            llvm::StringRef Expected) {
    if (Problem.empty())
      Problem = llvm::formatv("{0}: '{1}' must be {2}", Where, Key, Expected);
  }

  llvm::StringRef FileName;
  json::Value Root = nullptr;
  std::string Problem;
};

// async-io-without-timeout's fields: absent from the files of units and
// projects that have none, so that other checks' facts read as before.

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
  addBoundingCallersFields(CallersOfUnboundedIo, Top);
  return print(std::move(Top));
}

llvm::Expected<ProjectFacts> ProjectFacts::fromJson(llvm::StringRef Text,
                                                    llvm::StringRef FileName) {
  Reader Read(FileName);
  ProjectFacts Project;
  if (const json::Object *Top = Read.document(Text))
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

std::string withBoundedCallersFacts(llvm::StringRef Existing,
                                    const UnitFacts &Part) {
  Reader Read("");
  const json::Object *Top =
      Existing.empty() ? nullptr : Read.document(Existing);
  auto MainFile = Top ? Top->getString("main-file") : std::nullopt;
  if (!MainFile || *MainFile != Part.MainFile)
    return toJson(Part);
  json::Object Merged = *Top;
  Merged.erase("coroutine-calls");
  Merged.erase("unbounded-io");
  addBoundedCallersFields(Part, Merged);
  return print(std::move(Merged));
}

} // namespace async_lint::facts
