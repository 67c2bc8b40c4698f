//===--- Reports.cpp - Text, JSON and SARIF reports of findings -----------===//

#include "Reports.h"

#include "catalog/RuleCatalog.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"

namespace async_lint::driver {

namespace json = llvm::json;

namespace {

// Where each check's documentation page is published; set at configure time
// with -DASYNC_LINT_DOCS_BASE_URL=...
constexpr llvm::StringLiteral DocumentationBase = ASYNC_LINT_DOCS_BASE_URL;

std::string normalisedLine(llvm::StringRef Line) {
  std::string Result;
  bool Space = false;
  for (char C : Line.trim()) {
    if (C == ' ' || C == '\t' || C == '\r') {
      Space = true;
      continue;
    }
    if (Space)
      Result += ' ';
    Space = false;
    Result += C;
  }
  return Result;
}

std::string hexDigest(llvm::StringRef Text) {
  auto Digest = llvm::SHA256::hash(llvm::arrayRefFromStringRef(Text));
  return llvm::toHex(llvm::ArrayRef<uint8_t>(Digest.data(), 16),
                     /*LowerCase=*/true);
}

json::Object position(const Position &P, llvm::StringRef Base) {
  return json::Object{{"file", relativePath(P.File, Base)},
                      {"line", P.Line},
                      {"column", P.Column}};
}

llvm::StringRef sarifLevel(Severity S) {
  return S == Severity::Note ? "note" : severityName(S);
}

json::Object sarifRegion(const Position &Begin, const Position &End) {
  return json::Object{{"startLine", Begin.Line},
                      {"startColumn", Begin.Column},
                      {"endLine", End.Line},
                      {"endColumn", End.Column}};
}

/// Percent-encodes a path for a URI as RFC 3986 says: unreserved characters
/// and '/' are kept, any other byte (each of a UTF-8 sequence) is "%XX".
std::string encodePath(llvm::StringRef Path) {
  std::string Encoded;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("-._~/").contains(C)) {
      Encoded += static_cast<char>(C);
      continue;
    }
    Encoded += '%';
    Encoded += llvm::hexdigit(C >> 4);
    Encoded += llvm::hexdigit(C & 0xF);
  }
  return Encoded;
}

/// A file below the base directory is relative to SRCROOT; any other is an
/// absolute file: URI.
json::Object artifactLocation(llvm::StringRef File, llvm::StringRef Base) {
  std::string Relative = relativePath(File, Base);
  if (llvm::sys::path::is_absolute(Relative))
    return json::Object{{"uri", "file://" + encodePath(Relative)}};
  return json::Object{{"uri", encodePath(Relative)}, {"uriBaseId", "SRCROOT"}};
}

json::Object sarifLocation(const Position &Begin, const Position &End,
                           llvm::StringRef Base) {
  return json::Object{
      {"physicalLocation",
       json::Object{{"artifactLocation", artifactLocation(Begin.File, Base)},
                    {"region", sarifRegion(Begin, End)}}}};
}

} // namespace

std::string relativePath(llvm::StringRef Path, llvm::StringRef Base) {
  if (!Base.empty() && Path.starts_with(Base) && Path.size() > Base.size() &&
      llvm::sys::path::is_separator(Path[Base.size()]))
    return Path.drop_front(Base.size() + 1).str();
  return Path.str();
}

void writeReport(const Report &R, OutputFormat Format, bool Colours,
                 llvm::raw_ostream &OS) {
  switch (Format) {
  case OutputFormat::Text:
    return writeText(R, Colours, OS);
  case OutputFormat::Json:
    return writeJson(R, OS);
  case OutputFormat::Sarif:
    return writeSarif(R, OS);
  }
}

std::vector<std::string> findingKeys(const std::vector<Finding> &Findings,
                                     llvm::StringRef BaseDirectory) {
  std::vector<std::string> Keys;
  llvm::StringMap<unsigned> Occurrences;
  for (const Finding &F : Findings) {
    std::string Stem = F.Check + "\x1f" +
                       relativePath(F.At.File, BaseDirectory) + "\x1f" +
                       normalisedLine(F.LineText);
    unsigned Occurrence = Occurrences[Stem]++;
    Keys.push_back(Stem + "\x1f" + std::to_string(Occurrence));
  }
  return Keys;
}

void writeJson(const Report &R, llvm::raw_ostream &OS) {
  json::Array Findings;
  for (const Finding &F : R.Findings) {
    json::Array Notes;
    for (const Note &N : F.Notes) {
      json::Object Object = position(N.At, R.BaseDirectory);
      Object["message"] = N.Message;
      Notes.push_back(std::move(Object));
    }
    json::Array Fixes;
    for (const Edit &E : F.Edits) {
      json::Object Object = position(E.Begin, R.BaseDirectory);
      Object["end_line"] = E.End.Line;
      Object["end_column"] = E.End.Column;
      Object["offset"] = E.Begin.Offset;
      Object["length"] = E.End.Offset - E.Begin.Offset;
      Object["text"] = E.Text;
      Fixes.push_back(std::move(Object));
    }
    json::Object Object = position(F.At, R.BaseDirectory);
    Object["check"] = F.Check;
    Object["severity"] = severityName(F.Level);
    Object["message"] = F.Message;
    Object["end_line"] = F.End.Line;
    Object["end_column"] = F.End.Column;
    Object["notes"] = std::move(Notes);
    Object["fixes"] = std::move(Fixes);
    Findings.push_back(std::move(Object));
  }
  json::Array NotAnalysed;
  for (const auto &[File, Reason] : R.NotAnalysed)
    NotAnalysed.push_back(json::Object{
        {"file", relativePath(File, R.BaseDirectory)}, {"reason", Reason}});
  json::Value Document = json::Object{
      {"version", 1},
      {"tool",
       json::Object{{"name", "async-lint"}, {"version", ASYNC_LINT_VERSION}}},
      {"findings", std::move(Findings)},
      {"not_analysed", std::move(NotAnalysed)},
      {"summary", json::Object{{"findings", R.Findings.size()},
                               {"files_analysed", R.FilesAnalysed}}}};
  OS << llvm::formatv("{0:2}", Document) << "\n";
}

namespace {

/// Every rule of the catalog, with its index by id.
json::Array sarifRules(llvm::StringMap<unsigned> &RuleIndex) {
  const catalog::Catalog &Catalog = catalog::builtinCatalog();
  json::Array Rules;
  for (const catalog::Rule &Rule : Catalog.rules()) {
    RuleIndex[Rule.Id] = Rules.size();
    const std::string HelpUri = (DocumentationBase + Rule.Id + ".md").str();
    const llvm::StringRef Rationale = llvm::StringRef(Rule.Rationale).trim();
    Rules.push_back(json::Object{
        {"id", Rule.Id},
        {"name", Rule.Title},
        {"shortDescription", json::Object{{"text", Rule.Summary}}},
        {"fullDescription", json::Object{{"text", Rule.Rationale}}},
        {"helpUri", HelpUri},
        // What code scanning shows beside a result.
        {"help",
         json::Object{{"text", llvm::formatv("{0}.\n\n{1}\n\nSee {2}",
                                             Rule.Summary, Rationale, HelpUri)
                                   .str()},
                      {"markdown",
                       llvm::formatv("**{0}**: {1}.\n\n{2}\n\n[{0}]({3})",
                                     Rule.Id, Rule.Summary, Rationale, HelpUri)
                           .str()}}},
        {"defaultConfiguration",
         json::Object{
             {"level", Rule.Severity == "note" ? "note" : Rule.Severity}}}});
  }
  return Rules;
}

json::Object sarifResult(const Finding &F, llvm::StringRef Key,
                         const llvm::StringMap<unsigned> &RuleIndex,
                         llvm::StringRef Base) {
  json::Object Result{
      {"ruleId", F.Check},
      {"level", sarifLevel(F.Level)},
      {"message", json::Object{{"text", F.Message}}},
      {"locations", json::Array{sarifLocation(F.At, F.End, Base)}},
      {"partialFingerprints",
       json::Object{{"asyncLintFindingKey/v1", hexDigest(Key)}}}};
  if (auto It = RuleIndex.find(F.Check); It != RuleIndex.end())
    Result["ruleIndex"] = It->second;
  if (!F.Notes.empty()) {
    json::Array Related;
    unsigned Id = 0;
    for (const Note &N : F.Notes) {
      json::Object Location = sarifLocation(N.At, N.End, Base);
      Location["id"] = Id++;
      Location["message"] = json::Object{{"text", N.Message}};
      Related.push_back(std::move(Location));
    }
    Result["relatedLocations"] = std::move(Related);
  }
  if (!F.Edits.empty()) {
    json::Array Changes;
    for (const Edit &E : F.Edits)
      Changes.push_back(json::Object{
          {"artifactLocation", artifactLocation(E.Begin.File, Base)},
          {"replacements",
           json::Array{json::Object{
               {"deletedRegion", sarifRegion(E.Begin, E.End)},
               {"insertedContent", json::Object{{"text", E.Text}}}}}}});
    Result["fixes"] = json::Array{json::Object{
        {"description", json::Object{{"text", "apply the suggested fix"}}},
        {"artifactChanges", std::move(Changes)}}};
  }
  return Result;
}

} // namespace

void writeSarif(const Report &R, llvm::raw_ostream &OS) {
  llvm::StringMap<unsigned> RuleIndex;
  json::Array Rules = sarifRules(RuleIndex);

  std::vector<std::string> Keys = findingKeys(R.Findings, R.BaseDirectory);
  json::Array Results;
  for (size_t I = 0; I < R.Findings.size(); ++I)
    Results.push_back(
        sarifResult(R.Findings[I], Keys[I], RuleIndex, R.BaseDirectory));

  json::Array Notifications;
  for (const auto &[File, Reason] : R.NotAnalysed)
    Notifications.push_back(json::Object{
        {"level", "error"},
        {"message",
         json::Object{{"text", "could not analyse '" +
                                   relativePath(File, R.BaseDirectory) +
                                   "': " + Reason}}}});

  std::string BaseUri = "file://" + encodePath(R.BaseDirectory) + "/";
  json::Value Document = json::Object{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       json::Array{json::Object{
           {"tool",
            json::Object{
                {"driver",
                 json::Object{{"name", "async-lint"},
                              {"version", ASYNC_LINT_VERSION},
                              {"semanticVersion", ASYNC_LINT_VERSION},
                              {"informationUri", ASYNC_LINT_HOMEPAGE_URL},
                              {"rules", std::move(Rules)}}}}},
           {"originalUriBaseIds",
            json::Object{{"SRCROOT", json::Object{{"uri", BaseUri}}}}},
           {"invocations",
            json::Array{json::Object{
                {"executionSuccessful", R.NotAnalysed.empty()},
                {"toolExecutionNotifications", std::move(Notifications)}}}},
           {"results", std::move(Results)}}}}};
  OS << llvm::formatv("{0:2}", Document) << "\n";
}

} // namespace async_lint::driver
