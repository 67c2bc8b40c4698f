//===--- FactsJson.h - Reading and writing the facts files ------*- C++ -*-===//
//
// What the files of project facts (ProjectFacts.h) share: places, the
// printing, a reader that names the first field missing or mistyped, and the
// fields of async-io-without-timeout's facts. Internal to the facts.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_FACTSJSON_H
#define ASYNC_LINT_CHECKS_UTILS_FACTSJSON_H

#include "ProjectFacts.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

namespace async_lint::facts::detail {

namespace json = llvm::json;

inline json::Object placeFields(const Place &At) {
  return json::Object{{"file", At.File},
                      {"line", int64_t(At.Line)},
                      {"column", int64_t(At.Column)}};
}

inline std::string print(json::Value Value) {
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
  std::vector<unsigned> indexes(const json::Object &O, llvm::StringRef Key,
                                llvm::StringRef Where) {
    std::vector<unsigned> Indexes;
    if (const json::Array *Values = array(O, Key, Where))
      for (const json::Value &Value : *Values) {
        if (auto N = Value.getAsInteger(); N && *N >= 0)
          Indexes.push_back(unsigned(*N));
        else
          fail(Where, Key, "a list of non-negative integers");
      }
    return Indexes;
  }
  ParameterKeeping keeping(const json::Object &O, llvm::StringRef Where) {
    ParameterKeeping Keeping;
    Keeping.Usr = string(O, "usr", Where);
    Keeping.Definition = place(O, Where);
    Keeping.Kept = indexes(O, "kept", Where);
    if (const json::Array *Forwarded = array(O, "forwarded", Where))
      for (const json::Value &Value : *Forwarded)
        if (const json::Object *F = object(Value, "a forwarded parameter"))
          Keeping.Forwarded.push_back(
              {number(*F, "parameter", "a forwarded parameter"),
               string(*F, "callee", "a forwarded parameter"),
               number(*F, "callee-parameter", "a forwarded parameter")});
    return Keeping;
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

/// async-io-without-timeout's fields of a unit's file and of the merged
/// file (BoundedCallersFacts.cpp).
void addBoundedCallersFields(const UnitFacts &Unit, json::Object &Top);
void readBoundedCallersFields(Reader &Read, const json::Object &Top,
                              UnitFacts &Unit);
void addBoundingCallersFields(const llvm::StringMap<BoundingCallers> &Callers,
                              json::Object &Top);
void readBoundingCallersFields(Reader &Read, const json::Object &Top,
                               llvm::StringMap<BoundingCallers> &Callers);

} // namespace async_lint::facts::detail

#endif // ASYNC_LINT_CHECKS_UTILS_FACTSJSON_H
