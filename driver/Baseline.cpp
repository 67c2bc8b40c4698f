//===--- Baseline.cpp - Known findings of an old codebase -----------------===//

#include "Baseline.h"
#include "ChangedLines.h"
#include "Reports.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace async_lint::driver {

namespace json = llvm::json;

namespace {
constexpr llvm::StringLiteral FormatName = "async-lint-baseline";
constexpr int FormatVersion = 1;

/// Spacing inside a line is formatting, not a new finding.
std::string withoutSpaces(llvm::StringRef Line) {
  std::string Result;
  for (char C : Line)
    if (C != ' ' && C != '\t' && C != '\r')
      Result += C;
  return Result;
}

std::string entryKey(llvm::StringRef Check, llvm::StringRef File,
                     llvm::StringRef Line) {
  return (Check + "\x1f" + File + "\x1f" + withoutSpaces(Line)).str();
}

/// Files renamed since Commit (or in the working tree), relative to
/// Directory; empty outside git.
llvm::StringMap<std::string> renamesSince(llvm::StringRef Commit,
                                          llvm::StringRef Directory) {
  llvm::StringMap<std::string> NewToOld;
  std::string Since = Commit.empty() ? "HEAD" : Commit.str();
  auto Diff = git({"-C", Directory, "diff", "--name-status", "-M", "--relative",
                   "--no-color", Since});
  if (!Diff) {
    llvm::consumeError(Diff.takeError());
    return NewToOld;
  }
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  llvm::StringRef(*Diff).split(Lines, '\n');
  for (llvm::StringRef Line : Lines) {
    llvm::SmallVector<llvm::StringRef, 3> Fields;
    Line.split(Fields, '\t');
    if (Fields.size() == 3 && Fields[0].starts_with("R"))
      NewToOld[Fields[2]] = Fields[1].str();
  }
  return NewToOld;
}
} // namespace

void Baseline::add(llvm::StringRef Check, llvm::StringRef File,
                   llvm::StringRef Line) {
  ++Remaining[entryKey(Check, File, Line)];
}

void Baseline::followRenames(llvm::StringMap<std::string> NewToOld) {
  RenamedFrom = std::move(NewToOld);
}

bool Baseline::consume(const Finding &F, llvm::StringRef BaselineDirectory) {
  // The key's file is relative to the baseline's directory, as recorded.
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  std::string Key = findingKeys({F}, BaselineDirectory).front();
  llvm::StringRef(Key).split(Parts, '\x1f');
  auto UseUp = [&](llvm::StringRef File) {
    auto It = Remaining.find(entryKey(Parts[0], File, Parts[2]));
    if (It == Remaining.end() || It->second == 0)
      return false;
    --It->second;
    return true;
  };
  if (UseUp(Parts[1]))
    return true;
  auto Renamed = RenamedFrom.find(Parts[1]);
  return Renamed != RenamedFrom.end() && UseUp(Renamed->second);
}

std::string baselineDirectory(llvm::StringRef Path) {
  llvm::SmallString<256> Directory(Path);
  llvm::sys::fs::make_absolute(Directory);
  llvm::sys::path::remove_dots(Directory, true);
  llvm::sys::path::remove_filename(Directory);
  return std::string(Directory.str().rtrim('/'));
}

llvm::Error writeBaseline(llvm::StringRef Path,
                          const std::vector<Finding> &Findings) {
  json::Array Entries;
  for (const std::string &Key :
       findingKeys(Findings, baselineDirectory(Path))) {
    llvm::SmallVector<llvm::StringRef, 4> Parts;
    llvm::StringRef(Key).split(Parts, '\x1f');
    Entries.push_back(json::Object{{"check", Parts[0].str()},
                                   {"file", Parts[1].str()},
                                   {"line", Parts[2].str()},
                                   {"occurrence", std::stoi(Parts[3].str())}});
  }
  json::Object Root{{"format", FormatName},
                    {"version", FormatVersion},
                    {"findings", std::move(Entries)}};
  std::string Directory = baselineDirectory(Path);
  if (auto Head = git({"-C", Directory, "rev-parse", "--verify", "HEAD"}))
    Root["commit"] = llvm::StringRef(*Head).trim().str();
  else
    llvm::consumeError(Head.takeError());
  std::error_code EC;
  llvm::raw_fd_ostream Out(Path, EC, llvm::sys::fs::OF_Text);
  if (EC)
    return llvm::createStringError(EC, "cannot write baseline '%s': %s",
                                   Path.str().c_str(), EC.message().c_str());
  Out << llvm::formatv("{0:2}", json::Value(std::move(Root))) << "\n";
  return llvm::Error::success();
}

llvm::Expected<Baseline> readBaseline(llvm::StringRef Path) {
  auto Text = llvm::MemoryBuffer::getFile(Path);
  if (!Text)
    return llvm::createStringError(
        Text.getError(), "cannot read baseline '%s': %s", Path.str().c_str(),
        Text.getError().message().c_str());
  auto Parsed = parseBaseline((*Text)->getBuffer(), Path);
  if (Parsed)
    Parsed->followRenames(
        renamesSince(Parsed->Commit, baselineDirectory(Path)));
  return Parsed;
}

llvm::Expected<Baseline> parseBaseline(llvm::StringRef Text,
                                       llvm::StringRef Path) {
  auto NotOurs = [&](llvm::StringRef Why) {
    return llvm::createStringError(
        std::errc::invalid_argument,
        "'%s' is not an async-lint baseline (%s); write one with "
        "--write-baseline",
        Path.str().c_str(), Why.str().c_str());
  };
  if (nestsTooDeeply(Text))
    return NotOurs("nested too deeply");
  llvm::Expected<json::Value> Parsed = json::parse(Text);
  if (!Parsed) {
    std::string Message = llvm::toString(Parsed.takeError());
    return NotOurs("not JSON: " + Message);
  }
  const json::Object *Root = Parsed->getAsObject();
  if (!Root || Root->getString("format") != FormatName)
    return NotOurs("no \"format\": \"async-lint-baseline\"");
  if (Root->getInteger("version") != FormatVersion)
    return NotOurs("unsupported version");
  const json::Array *Entries = Root->getArray("findings");
  if (!Entries)
    return NotOurs("no \"findings\" list");
  Baseline Keys;
  // Only a commit id, never an option, reaches git's command line.
  if (auto Commit = Root->getString("commit");
      Commit && !Commit->empty() &&
      Commit->find_first_not_of("0123456789abcdef") == llvm::StringRef::npos)
    Keys.Commit = Commit->str();
  for (const json::Value &Entry : *Entries) {
    const json::Object *Object = Entry.getAsObject();
    auto Check = Object ? Object->getString("check") : std::nullopt;
    auto File = Object ? Object->getString("file") : std::nullopt;
    auto Line = Object ? Object->getString("line") : std::nullopt;
    auto Occurrence = Object ? Object->getInteger("occurrence") : std::nullopt;
    if (!Check || !File || !Line || !Occurrence)
      return NotOurs("a finding needs check, file, line and occurrence");
    Keys.add(*Check, *File, *Line);
  }
  return Keys;
}

} // namespace async_lint::driver
