//===--- ResultCache.cpp - Findings of unchanged translation units --------===//

#include "ResultCache.h"

#include "utils/AtomicFile.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/xxhash.h"

#include <algorithm>

namespace async_lint::driver {

namespace json = llvm::json;

namespace {

/// Bumped whenever the entry layout changes.
constexpr int EntryFormat = 1;

json::Value positionToJson(const Position &P) {
  return json::Array{P.File, int64_t(P.Offset), int64_t(P.Line),
                     int64_t(P.Column)};
}

std::optional<Position> positionFromJson(const json::Value *V) {
  const json::Array *A = V ? V->getAsArray() : nullptr;
  if (!A || A->size() != 4)
    return std::nullopt;
  auto File = (*A)[0].getAsString();
  auto Offset = (*A)[1].getAsInteger();
  auto Line = (*A)[2].getAsInteger();
  auto Column = (*A)[3].getAsInteger();
  if (!File || !Offset || !Line || !Column)
    return std::nullopt;
  return Position{File->str(), unsigned(*Offset), unsigned(*Line),
                  unsigned(*Column)};
}

std::optional<std::string> stringField(const json::Object &O,
                                       llvm::StringRef Key) {
  if (auto S = O.getString(Key))
    return S->str();
  return std::nullopt;
}

json::Value spansToJson(const std::vector<Span> &Spans) {
  json::Array Out;
  for (const Span &S : Spans)
    Out.push_back(json::Array{positionToJson(S.Begin), positionToJson(S.End)});
  return Out;
}

/// Every item of the array V as ItemFrom reads it; nullopt when V is no
/// array or an item cannot be read.
template <typename T, typename ReadItem>
std::optional<std::vector<T>> arrayFromJson(const json::Value *V,
                                            ReadItem ItemFrom) {
  const json::Array *A = V ? V->getAsArray() : nullptr;
  if (!A)
    return std::nullopt;
  std::vector<T> Items;
  for (const json::Value &Item : *A) {
    std::optional<T> Read = ItemFrom(Item);
    if (!Read)
      return std::nullopt;
    Items.push_back(std::move(*Read));
  }
  return Items;
}

std::optional<std::vector<Span>> spansFromJson(const json::Value *V) {
  return arrayFromJson<Span>(
      V, [](const json::Value &Item) -> std::optional<Span> {
        const json::Array *Pair = Item.getAsArray();
        auto Begin = Pair && Pair->size() == 2 ? positionFromJson(&(*Pair)[0])
                                               : std::nullopt;
        auto End = Pair && Pair->size() == 2 ? positionFromJson(&(*Pair)[1])
                                             : std::nullopt;
        if (!Begin || !End)
          return std::nullopt;
        return Span{*Begin, *End};
      });
}

json::Value editsToJson(const std::vector<Edit> &Edits) {
  json::Array Out;
  for (const Edit &E : Edits)
    Out.push_back(json::Object{{"text", E.Text},
                               {"begin", positionToJson(E.Begin)},
                               {"end", positionToJson(E.End)}});
  return Out;
}

std::optional<std::vector<Edit>> editsFromJson(const json::Value *V) {
  return arrayFromJson<Edit>(
      V, [](const json::Value &Item) -> std::optional<Edit> {
        const json::Object *E = Item.getAsObject();
        auto Text = E ? stringField(*E, "text") : std::nullopt;
        auto Begin = E ? positionFromJson(E->get("begin")) : std::nullopt;
        auto End = E ? positionFromJson(E->get("end")) : std::nullopt;
        if (!Text || !Begin || !End)
          return std::nullopt;
        return Edit{*Begin, *End, *Text};
      });
}

std::optional<Note> noteFromJson(const json::Value &V) {
  const json::Object *N = V.getAsObject();
  if (!N)
    return std::nullopt;
  auto Message = stringField(*N, "message");
  auto At = positionFromJson(N->get("at"));
  auto End = positionFromJson(N->get("end"));
  auto Ranges = spansFromJson(N->get("ranges"));
  auto Edits = editsFromJson(N->get("edits"));
  if (!Message || !At || !End || !Ranges || !Edits)
    return std::nullopt;
  return Note{*Message, *At, *End, std::move(*Ranges), std::move(*Edits)};
}

std::optional<Finding> findingFromJson(const json::Value &V) {
  const json::Object *O = V.getAsObject();
  if (!O)
    return std::nullopt;
  Finding F;
  auto Check = stringField(*O, "check");
  auto Message = stringField(*O, "message");
  auto LineText = stringField(*O, "line-text");
  auto Level = O->getInteger("level");
  auto AsError = O->getBoolean("warning-as-error");
  auto At = positionFromJson(O->get("at"));
  auto End = positionFromJson(O->get("end"));
  auto Ranges = spansFromJson(O->get("ranges"));
  auto Edits = editsFromJson(O->get("edits"));
  auto Notes = arrayFromJson<Note>(O->get("notes"), noteFromJson);
  auto Aliases = arrayFromJson<std::string>(
      O->get("aliases"),
      [](const json::Value &Alias) -> std::optional<std::string> {
        if (auto Name = Alias.getAsString())
          return Name->str();
        return std::nullopt;
      });
  if (!Check || !Message || !LineText || !Level || *Level < 0 || *Level > 2 ||
      !AsError || !At || !End || !Ranges || !Edits || !Notes || !Aliases)
    return std::nullopt;
  F.Check = *Check;
  F.Message = *Message;
  F.LineText = *LineText;
  F.Level = Severity(*Level);
  F.WarningAsError = *AsError;
  F.At = *At;
  F.End = *End;
  F.Ranges = std::move(*Ranges);
  F.Edits = std::move(*Edits);
  F.Notes = std::move(*Notes);
  F.Aliases = std::move(*Aliases);
  return F;
}

json::Value findingToJson(const Finding &F) {
  json::Array Notes;
  for (const Note &N : F.Notes)
    Notes.push_back(json::Object{{"message", N.Message},
                                 {"at", positionToJson(N.At)},
                                 {"end", positionToJson(N.End)},
                                 {"ranges", spansToJson(N.Ranges)},
                                 {"edits", editsToJson(N.Edits)}});
  return json::Object{{"check", F.Check},
                      {"level", int64_t(F.Level)},
                      {"warning-as-error", F.WarningAsError},
                      {"message", F.Message},
                      {"line-text", F.LineText},
                      {"at", positionToJson(F.At)},
                      {"end", positionToJson(F.End)},
                      {"ranges", spansToJson(F.Ranges)},
                      {"edits", editsToJson(F.Edits)},
                      {"notes", std::move(Notes)},
                      {"aliases", json::Array(F.Aliases)}};
}

} // namespace

llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>>
RecordingFileSystem::openFileForRead(const llvm::Twine &Path) {
  auto File = ProxyFileSystem::openFileForRead(Path);
  if (File) {
    llvm::SmallString<256> Absolute;
    Path.toVector(Absolute);
    // "." removed but not "..": after a symbolic link it is not the
    // lexical parent.
    if (makeAbsolute(Absolute))
      return File;
    llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/false);
    std::lock_guard<std::mutex> Lock(Mutex);
    Files.insert(Absolute);
  }
  return File;
}

std::vector<std::string> RecordingFileSystem::filesRead() const {
  std::lock_guard<std::mutex> Lock(Mutex);
  std::vector<std::string> Paths;
  for (const auto &Entry : Files)
    Paths.push_back(Entry.getKey().str());
  llvm::sort(Paths);
  return Paths;
}

CacheKey &CacheKey::add(llvm::StringRef Name, llvm::StringRef Value) {
  Material += llvm::formatv("{0}:{1}:{2}\n", Name, Value.size(), Value);
  return *this;
}

std::string CacheKey::digest() const {
  return llvm::toHex(llvm::SHA256::hash(llvm::arrayRefFromStringRef(Material)),
                     /*LowerCase=*/true);
}

std::string findingsToJson(const std::vector<Finding> &Findings) {
  json::Array Out;
  for (const Finding &F : Findings)
    Out.push_back(findingToJson(F));
  return llvm::formatv("{0}", json::Value(std::move(Out)));
}

std::optional<std::vector<Finding>> findingsFromJson(const json::Value &V) {
  return arrayFromJson<Finding>(&V, findingFromJson);
}

ResultCache::ResultCache(std::string Directory, uint64_t MaxBytes)
    : Directory(std::move(Directory)), MaxBytes(MaxBytes) {}

std::string ResultCache::entryPath(llvm::StringRef Key) const {
  // Two levels, as git and ccache do, so that no directory grows huge.
  llvm::SmallString<256> Path(Directory);
  llvm::sys::path::append(Path, Key.take_front(2), Key.drop_front(2) + ".json");
  return std::string(Path);
}

std::string ResultCache::contentHash(llvm::StringRef Path) {
  {
    std::lock_guard<std::mutex> Lock(HashMutex);
    auto It = Hashes.find(Path);
    if (It != Hashes.end())
      return It->second;
  }
  std::string Hash;
  if (auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                                /*RequiresNullTerminator=*/
                                                false)) {
    llvm::XXH128_hash_t H =
        llvm::xxh3_128bits(llvm::arrayRefFromStringRef((*Buffer)->getBuffer()));
    Hash = llvm::formatv("{0:x-16}{1:x-16}", H.high64, H.low64);
  }
  std::lock_guard<std::mutex> Lock(HashMutex);
  Hashes[Path] = Hash;
  return Hash;
}

std::optional<CachedUnit> ResultCache::lookup(llvm::StringRef Key) {
  std::string Path = entryPath(Key);
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer) {
    ++Tally.Misses;
    return std::nullopt;
  }
  auto Ignore = [&]() -> std::optional<CachedUnit> {
    ++Tally.Ignored;
    ++Tally.Misses;
    return std::nullopt;
  };
  auto Parsed = json::parse((*Buffer)->getBuffer());
  if (!Parsed) {
    llvm::consumeError(Parsed.takeError());
    return Ignore();
  }
  const json::Object *Entry = Parsed->getAsObject();
  if (!Entry || Entry->getInteger("format") != EntryFormat ||
      Entry->getString("version") != llvm::StringRef(ASYNC_LINT_VERSION) ||
      Entry->getString("key") != Key)
    return Ignore();
  const json::Array *Dependencies = Entry->getArray("dependencies");
  const json::Value *Stored = Entry->get("findings");
  auto Attachment = Entry->getString("attachment");
  if (!Dependencies || !Stored || !Attachment)
    return Ignore();
  for (const json::Value &Dependency : *Dependencies) {
    const json::Array *Pair = Dependency.getAsArray();
    if (!Pair || Pair->size() != 2 || !(*Pair)[0].getAsString() ||
        !(*Pair)[1].getAsString())
      return Ignore();
    std::string Hash = contentHash(*(*Pair)[0].getAsString());
    if (Hash.empty() || Hash != *(*Pair)[1].getAsString()) {
      ++Tally.Misses;
      return std::nullopt;
    }
  }
  auto Findings = findingsFromJson(*Stored);
  if (!Findings)
    return Ignore();
  // Recently used entries are the last that trim() removes.
  if (int FD; !llvm::sys::fs::openFileForWrite(
          Path, FD, llvm::sys::fs::CD_OpenExisting, llvm::sys::fs::OF_Append)) {
    llvm::sys::fs::setLastAccessAndModificationTime(
        FD, std::chrono::system_clock::now());
    llvm::sys::Process::SafelyCloseFileDescriptor(FD);
  }
  ++Tally.Hits;
  return CachedUnit{std::move(*Findings), Attachment->str()};
}

llvm::Error ResultCache::store(llvm::StringRef Key,
                               const std::vector<std::string> &FilesRead,
                               const std::vector<Finding> &Findings,
                               llvm::StringRef Attachment) {
  json::Array Dependencies;
  for (const std::string &File : FilesRead) {
    std::string Hash = contentHash(File);
    if (Hash.empty()) // Gone already: nothing safe to store.
      return llvm::Error::success();
    Dependencies.push_back(json::Array{File, Hash});
  }
  json::Value Stored = json::Array();
  if (auto Parsed = json::parse(findingsToJson(Findings)))
    Stored = std::move(*Parsed);
  else
    return Parsed.takeError();
  json::Object Entry{{"format", EntryFormat},
                     {"version", ASYNC_LINT_VERSION},
                     {"key", Key},
                     {"dependencies", std::move(Dependencies)},
                     {"findings", std::move(Stored)},
                     {"attachment", Attachment}};
  std::string Text = llvm::formatv("{0}", json::Value(std::move(Entry)));
  if (llvm::Error E = writeFileAtomically(entryPath(Key), Text))
    return E;
  ++Tally.Stored;
  return llvm::Error::success();
}

unsigned ResultCache::trim() {
  struct Entry {
    std::string Path;
    uint64_t Size;
    llvm::sys::TimePoint<> Used;
  };
  std::vector<Entry> Entries;
  uint64_t Total = 0;
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(Directory, EC), End;
       It != End && !EC; It.increment(EC)) {
    llvm::sys::fs::file_status Status;
    if (llvm::sys::fs::status(It->path(), Status) ||
        !llvm::sys::fs::is_regular_file(Status))
      continue;
    Entries.push_back(
        {It->path(), Status.getSize(), Status.getLastModificationTime()});
    Total += Status.getSize();
  }
  if (Total <= MaxBytes)
    return 0;
  llvm::sort(Entries, [](const Entry &A, const Entry &B) {
    return std::tie(A.Used, A.Path) < std::tie(B.Used, B.Path);
  });
  // Down to nine tenths, so that the next run does not trim again at once.
  unsigned Removed = 0;
  for (const Entry &E : Entries) {
    if (Total <= MaxBytes / 10 * 9)
      break;
    if (!llvm::sys::fs::remove(E.Path)) {
      Total -= E.Size;
      ++Removed;
    }
  }
  return Removed;
}

} // namespace async_lint::driver
