//===--- ProfileParser.cpp - Runtime profiles read from rules/ ------------===//
//
// A profile (rules/profiles/*.yaml, or a user's profile file) names one
// runtime's APIs by kind, and its hints.
//
//===----------------------------------------------------------------------===//

#include "CatalogParsing.h"

#include <algorithm>
#include <cctype>

namespace async_lint::catalog::parsing {

namespace {

/// A name a shared library exports: C identifiers and mangled C++ names.
bool isCSymbol(const std::string &Name) {
  if (Name.empty() || std::isdigit(static_cast<unsigned char>(Name[0])))
    return false;
  return std::all_of(Name.begin(), Name.end(), [](char C) {
    return std::isalnum(static_cast<unsigned char>(C)) || C == '_';
  });
}

unsigned unsignedValue(const YAML::Node &Node, const std::string &What) {
  if (!Node.IsScalar())
    reject(Node, What + " must be a non-negative integer");
  const std::string Text = Node.as<std::string>();
  if (Text.empty() || Text.size() > 3 ||
      !std::all_of(Text.begin(), Text.end(),
                   [](char C) { return C >= '0' && C <= '9'; }))
    reject(Node, What + " must be a non-negative integer");
  return static_cast<unsigned>(std::stoul(Text));
}

std::optional<ArgumentConstraint> parseConstraint(const YAML::Node &Entry,
                                                  const std::string &Key) {
  YAML::Node Node = Entry[Key];
  if (!Node)
    return std::nullopt;
  const std::string What = "'" + Key + "'";
  expectMap(Node, What);
  rejectUnknownKeys(Node, {"index", "is"}, What);
  ArgumentConstraint Constraint;
  if (YAML::Node Index = Node["index"])
    Constraint.Index = unsignedValue(Index, What + " index");
  if (!Node["is"])
    reject(Node, What + " needs an 'is' list");
  Constraint.Names = stringList(Node["is"], What + " 'is'");
  return Constraint;
}

std::vector<ApiEntry> parseEntry(const YAML::Node &Item, const Profile &P,
                                 const std::string &Kind,
                                 const std::string &File) {
  const std::string What = "an API entry";
  ApiEntry Prototype;
  Prototype.Profile = P.Id;
  Prototype.Where = positionOf(File, Item.Mark());
  std::string Name;
  if (Item.IsScalar()) {
    Name = Item.as<std::string>();
  } else {
    expectMap(Item, What);
    rejectUnknownKeys(Item,
                      {"name", "kind", "min-arguments", "max-arguments",
                       "argument-type", "parameter-type", "unless-argument",
                       "unless-any-argument-type", "interposed-symbols",
                       "start"},
                      What);
    Name = requireString(Item, "name", What);
    std::string EntryKind = optionalString(Item, "kind", What);
    if (EntryKind == "construct")
      Prototype.Kind = ApiEntryKind::Construct;
    else if (!EntryKind.empty() && EntryKind != "call")
      reject(Item["kind"], "'kind' must be call or construct");
    if (YAML::Node Start = Item["start"]) {
      if (Kind != "task-types")
        reject(Start, "'start' is for 'task-types' entries only");
      std::string Policy = optionalString(Item, "start", What);
      if (Policy == "lazy")
        Prototype.Start = TaskStart::Lazy;
      else if (Policy == "eager")
        Prototype.Start = TaskStart::Eager;
      else
        reject(Start, "'start' must be lazy or eager");
    }
    if (YAML::Node Min = Item["min-arguments"])
      Prototype.MinArguments = unsignedValue(Min, "'min-arguments'");
    if (YAML::Node Max = Item["max-arguments"])
      Prototype.MaxArguments = unsignedValue(Max, "'max-arguments'");
    Prototype.ArgumentType = parseConstraint(Item, "argument-type");
    Prototype.ParameterType = parseConstraint(Item, "parameter-type");
    Prototype.UnlessArgumentIs = parseConstraint(Item, "unless-argument");
    if (YAML::Node Types = Item["unless-any-argument-type"])
      Prototype.UnlessAnyArgumentType =
          stringList(Types, "'unless-any-argument-type'");
    // Read by the runtime's blocking-call detector, which interposes these C
    // symbols; the checks match the entry's name, so it is only validated.
    if (YAML::Node Symbols = Item["interposed-symbols"])
      for (const std::string &Symbol :
           stringList(Symbols, "'interposed-symbols'"))
        if (!isCSymbol(Symbol))
          reject(Symbols, "'interposed-symbols' must list C symbol names, "
                          "not '" +
                              Symbol + "'");
  }
  if (Name.empty() || Name.rfind("::", 0) == 0 ||
      Name.find(' ') != std::string::npos)
    reject(Item, "API name '" + Name +
                     "' must be a qualified name without a leading '::'");
  std::vector<ApiEntry> Entries;
  for (const std::string &Namespace : P.Namespaces) {
    ApiEntry Entry = Prototype;
    Entry.QualifiedName = Namespace.empty() ? Name : Namespace + "::" + Name;
    Entries.push_back(std::move(Entry));
  }
  return Entries;
}

} // namespace

Profile parseProfile(const YAML::Node &Root, const std::string &File,
                     std::vector<PendingKind> &KindsUsed,
                     std::vector<PendingKind> &HintsUsed,
                     std::vector<PendingFixCall> &FixCallsUsed) {
  const std::string What = "a profile";
  rejectUnknownKeys(Root, {"profile", "title", "namespaces", "apis", "hints"},
                    What);
  Profile P;
  P.Where = positionOf(File, Root.Mark());
  P.Id = requireString(Root, "profile", What);
  P.Title = requireString(Root, "title", What);
  if (!Root["namespaces"])
    reject(Root, "a profile needs 'namespaces' (use [''] for the global one)");
  P.Namespaces = stringList(Root["namespaces"], "'namespaces'");
  if (P.Namespaces.empty())
    reject(Root["namespaces"], "'namespaces' must not be empty");
  YAML::Node Apis = Root["apis"];
  if (!Apis)
    reject(Root, "a profile needs 'apis'");
  expectMap(Apis, "'apis'");
  for (const auto &KindItem : Apis) {
    std::string Kind = KindItem.first.as<std::string>();
    KindsUsed.push_back({Kind, KindItem.first.Mark(), File});
    if (!KindItem.second.IsSequence())
      reject(KindItem.second, "the APIs of '" + Kind + "' must be a list");
    std::vector<ApiEntry> &Entries = P.Apis[Kind];
    for (const YAML::Node &Item : KindItem.second)
      for (ApiEntry &Entry : parseEntry(Item, P, Kind, File))
        Entries.push_back(std::move(Entry));
  }
  if (YAML::Node Hints = Root["hints"]) {
    expectMap(Hints, "'hints'");
    for (const auto &HintItem : Hints) {
      std::string Key = HintItem.first.as<std::string>();
      HintsUsed.push_back({Key, HintItem.first.Mark(), File});
      RuntimeHint Hint;
      Hint.Where = positionOf(File, HintItem.second.Mark());
      const YAML::Node &Value = HintItem.second;
      if (Value.IsScalar()) {
        Hint.Text = Value.as<std::string>();
      } else {
        const std::string HintWhat = "a hint";
        expectMap(Value, HintWhat);
        rejectUnknownKeys(Value, {"text", "fix"}, HintWhat);
        Hint.Text = requireString(Value, "text", HintWhat);
        if (YAML::Node Fix = Value["fix"]) {
          expectMap(Fix, "'fix'");
          rejectUnknownKeys(Fix, {"replace-callee-with", "header", "calls"},
                            "'fix'");
          Hint.FixReplaceCalleeWith =
              requireString(Fix, "replace-callee-with", "'fix'");
          Hint.FixHeader = requireString(Fix, "header", "'fix'");
          // A replacement takes the arguments of some calls only
          // (sleep_for's duration, not sleep's seconds): they are named.
          if (!Fix["calls"])
            reject(Fix, "a fix needs 'calls', the APIs whose calls it "
                        "replaces");
          Hint.FixCalls = stringList(Fix["calls"], "'calls'");
          if (Hint.FixCalls.empty())
            reject(Fix["calls"], "'calls' must not be empty");
          for (const YAML::Node &Call : Fix["calls"])
            FixCallsUsed.push_back(
                {Key, Call.as<std::string>(), Call.Mark(), File});
        }
      }
      if (Hint.Text.empty())
        reject(Value, "a hint's text must not be empty");
      P.Hints[Key] = std::move(Hint);
    }
  }
  return P;
}

} // namespace async_lint::catalog::parsing
