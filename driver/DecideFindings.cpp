//===--- DecideFindings.cpp - Conditional findings, decided ---------------===//

#include "DecideFindings.h"

#include "utils/ConditionalFindings.h"

#include <set>
#include <tuple>

namespace async_lint::driver {

namespace {

using clang::tidy::ClangTidyError;
using Site =
    std::tuple<std::string, std::string, unsigned>; // check, file, offset

Site siteOf(const ClangTidyError &Error) {
  return {Error.DiagnosticName, Error.Message.FilePath,
          Error.Message.FileOffset};
}
Site siteOf(const Finding &F) { return {F.Check, F.At.File, F.At.Offset}; }
std::string &messageOf(ClangTidyError &Error) { return Error.Message.Message; }
std::string &messageOf(Finding &F) { return F.Message; }
const std::string &messageOf(const ClangTidyError &Error) {
  return Error.Message.Message;
}
const std::string &messageOf(const Finding &F) { return F.Message; }

void addNote(ClangTidyError &Error, const std::string &Message,
             const Position &At, SourceLines &) {
  clang::tooling::DiagnosticMessage Note;
  Note.Message = Message;
  Note.FilePath = At.File;
  Note.FileOffset = At.Offset;
  Error.Notes.push_back(std::move(Note));
}
void addNote(Finding &F, const std::string &Message, const Position &At,
             SourceLines &Lines) {
  F.Notes.push_back({Message, At, Lines.tokenEnd(At), {}, {}});
}

/// Keeps the conditional findings among Items (diagnostics or cached
/// findings) that Decide turns into findings, in place; drops the others,
/// and those at a site where their check has a finding already.
template <typename Item, typename DecideFn>
void decideAll(std::vector<Item> &Items, DecideFn Decide) {
  std::set<Site> Taken;
  for (const Item &I : Items)
    if (!facts::isConditionalMessage(messageOf(I)))
      Taken.insert(siteOf(I));
  std::vector<Item> Kept;
  for (Item &I : Items) {
    if (facts::isConditionalMessage(messageOf(I)) &&
        (Taken.count(siteOf(I)) || !Decide(I)))
      continue;
    Taken.insert(siteOf(I));
    Kept.push_back(std::move(I));
  }
  Items = std::move(Kept);
}

} // namespace

auto FindingDecider::decision() {
  return [this](auto &Item) {
    std::optional<facts::ConditionalFinding> Record =
        facts::parseConditionalMessage(messageOf(Item));
    std::optional<facts::DecidedFinding> Decided =
        Record ? facts::decide(*Record, Project) : std::nullopt;
    if (!Decided)
      return false;
    messageOf(Item) = Decided->Message;
    for (const facts::DecidedNote &Note : Decided->Notes)
      if (std::optional<Position> At =
              Lines.at(Note.At.File, Note.At.Line, Note.At.Column))
        addNote(Item, Note.Message, *At, Lines);
    ++Kept;
    return true;
  };
}

void FindingDecider::decide(FileResult &Result) {
  if (Result.Cached)
    decideAll(*Result.Cached, decision());
  else
    decide(Result.Errors);
}

void FindingDecider::decide(std::vector<ClangTidyError> &Errors) {
  decideAll(Errors, decision());
}

} // namespace async_lint::driver
