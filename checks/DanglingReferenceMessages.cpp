//===--- DanglingReferenceMessages.cpp - async-dangling-reference ---------===//

#include "DanglingReferenceMessages.h"

namespace async_lint::dangling_reference_wording {

namespace json = llvm::json;

facts::ConditionalFinding recordOf(const KeptArgument &Argument) {
  json::Array Parameters;
  for (const auto &[Usr, Index] : Argument.KeptIfKept)
    Parameters.push_back(json::Array{Usr, int64_t(Index)});
  return {KeepsReferencePredicate.str(),
          Argument.KeptIfKept.empty() ? "" : Argument.KeptIfKept.front().first,
          json::Object{{"binding", Argument.Binding},
                       {"death", Argument.Death},
                       {"args", json::Array(Argument.Args)},
                       {"kept-if-kept", std::move(Parameters)}}};
}

bool anyKept(const std::vector<ParameterOf> &Parameters,
             const facts::ProjectFacts &Project) {
  for (const auto &[Usr, Index] : Parameters)
    if (Project.keepsParameter(Usr, Index).value_or(true))
      return true;
  return false;
}

std::optional<facts::DecidedFinding>
decideKeepsReference(const facts::ConditionalFinding &Record,
                     const facts::ProjectFacts &Project) {
  const json::Array *Parameters = Record.Parts.getArray("kept-if-kept");
  const json::Array *Args = Record.Parts.getArray("args");
  if (!Parameters || !Args)
    return std::nullopt;
  std::vector<ParameterOf> KeptIfKept;
  for (const json::Value &Value : *Parameters) {
    const json::Array *Pair = Value.getAsArray();
    if (!Pair || Pair->size() != 2 || !(*Pair)[0].getAsString() ||
        !(*Pair)[1].getAsInteger() || *(*Pair)[1].getAsInteger() < 0)
      return std::nullopt;
    KeptIfKept.push_back({(*Pair)[0].getAsString()->str(),
                          unsigned(*(*Pair)[1].getAsInteger())});
  }
  if (!anyKept(KeptIfKept, Project))
    return std::nullopt;
  std::vector<std::string> Texts;
  for (const json::Value &Arg : *Args)
    Texts.push_back(Arg.getAsString().value_or("").str());
  auto Part = [&](llvm::StringRef Key) {
    return Record.Parts.getString(Key).value_or("");
  };
  return facts::DecidedFinding{
      facts::formatMessage(outlivedMessages(Part("death")).of(Part("binding")),
                           Texts),
      {}};
}

} // namespace async_lint::dangling_reference_wording
