//===--- BlockingCallMessages.cpp - async-blocking-call's wording ---------===//

#include "BlockingCallMessages.h"

namespace async_lint::blocking_call_wording {

namespace json = llvm::json;

facts::ConditionalFinding recordOf(const CrossFileCall &Call,
                                   llvm::StringRef CalleeUsr) {
  json::Object Categories;
  for (const auto &[Id, Text] : Call.Categories)
    Categories[Id] = json::Array{Text.first, Text.second};
  return {MayBlockPredicate.str(), CalleeUsr.str(),
          json::Object{{"construction", Call.Site.Construction},
                       {"lambda", Call.Site.InLambda},
                       {"entity", Call.Entity},
                       {"coroutine", Call.Coroutine},
                       {"categories", std::move(Categories)}}};
}

std::optional<facts::DecidedFinding>
decideMayBlock(const facts::ConditionalFinding &Record,
               const facts::ProjectFacts &Project) {
  const facts::BlockingChain *Chain = Project.blockingChain(Record.Usr);
  if (!Chain)
    return std::nullopt;
  // The unit that wrote the chain may have had other options.
  const json::Object *Categories = Record.Parts.getObject("categories");
  const json::Array *Text =
      Categories ? Categories->getArray(Chain->Use.Category) : nullptr;
  if (!Text || Text->size() != 2 || !(*Text)[0].getAsString() ||
      !(*Text)[1].getAsString())
    return std::nullopt;
  SiteShape Site{Record.Parts.getBoolean("construction").value_or(false),
                 Record.Parts.getBoolean("lambda").value_or(false)};
  auto Part = [&](llvm::StringRef Key) {
    return Record.Parts.getString(Key).value_or("").str();
  };
  facts::DecidedFinding Finding;
  Finding.Message = facts::formatMessage(
      chainMessage(Site, /*Indirectly=*/!Chain->Hops.empty(),
                   Chain->Use.Verb == "constructs"),
      {Part("entity"), Part("coroutine"), Chain->Use.Api,
       (*Text)[0].getAsString()->str(), (*Text)[1].getAsString()->str()});
  auto Note = [&](const facts::Place &At, llvm::StringRef Caller,
                  llvm::StringRef Verb, llvm::StringRef Callee) {
    Finding.Notes.push_back(
        {facts::formatMessage(
             stepNote(Verb == "constructs"),
             {("'" + Caller + "'").str(), ("'" + Callee + "'").str()}),
         At});
  };
  for (const facts::Hop &H : Chain->Hops)
    Note(H.At, H.Caller, H.Verb, H.Callee);
  Note(Chain->Use.At, Chain->Use.Function, Chain->Use.Verb, Chain->Use.Api);
  return Finding;
}

} // namespace async_lint::blocking_call_wording
