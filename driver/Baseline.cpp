//===--- Baseline.cpp - Known findings of an old codebase -----------------===//

#include "Baseline.h"
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
} // namespace

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
  std::error_code EC;
  llvm::raw_fd_ostream Out(Path, EC, llvm::sys::fs::OF_Text);
  if (EC)
    return llvm::createStringError(EC, "cannot write baseline '%s': %s",
                                   Path.str().c_str(), EC.message().c_str());
  Out << llvm::formatv("{0:2}", json::Value(json::Object{
                                    {"format", FormatName},
                                    {"version", FormatVersion},
                                    {"findings", std::move(Entries)}}))
      << "\n";
  return llvm::Error::success();
}

llvm::Expected<llvm::StringSet<>> readBaseline(llvm::StringRef Path) {
  auto Text = llvm::MemoryBuffer::getFile(Path);
  if (!Text)
    return llvm::createStringError(
        Text.getError(), "cannot read baseline '%s': %s", Path.str().c_str(),
        Text.getError().message().c_str());
  return parseBaseline((*Text)->getBuffer(), Path);
}

llvm::Expected<llvm::StringSet<>> parseBaseline(llvm::StringRef Text,
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
  llvm::StringSet<> Keys;
  for (const json::Value &Entry : *Entries) {
    const json::Object *Object = Entry.getAsObject();
    auto Check = Object ? Object->getString("check") : std::nullopt;
    auto File = Object ? Object->getString("file") : std::nullopt;
    auto Line = Object ? Object->getString("line") : std::nullopt;
    auto Occurrence = Object ? Object->getInteger("occurrence") : std::nullopt;
    if (!Check || !File || !Line || !Occurrence)
      return NotOurs("a finding needs check, file, line and occurrence");
    Keys.insert((*Check + "\x1f" + *File + "\x1f" + *Line + "\x1f" +
                 std::to_string(*Occurrence))
                    .str());
  }
  return Keys;
}

} // namespace async_lint::driver
