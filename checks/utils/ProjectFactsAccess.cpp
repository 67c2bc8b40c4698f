//===--- ProjectFactsAccess.cpp - Project facts, seen from Clang ----------===//

#include "ProjectFactsAccess.h"
#include "AtomicFile.h"

#include "clang/Index/USRGeneration.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <map>
#include <mutex>

namespace clang::tidy::async::utils {

namespace facts = async_lint::facts;

std::string usrOf(const Decl &D) {
  llvm::SmallString<128> Usr;
  if (index::generateUSRForDecl(&D, Usr))
    return {};
  return std::string(Usr);
}

facts::Place placeOf(SourceLocation Loc, const SourceManager &SM) {
  Loc = SM.getExpansionLoc(Loc);
  OptionalFileEntryRef File = SM.getFileEntryRefForID(SM.getFileID(Loc));
  if (!File)
    return {};
  llvm::SmallString<256> Path(File->getName());
  SM.getFileManager().makeAbsolutePath(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return {std::string(Path), SM.getExpansionLineNumber(Loc),
          SM.getExpansionColumnNumber(Loc)};
}

SourceLocation locationOfPlace(const facts::Place &At, SourceManager &SM) {
  OptionalFileEntryRef File = SM.getFileManager().getOptionalFileRef(At.File);
  if (!File)
    return {};
  FileID Id = SM.getOrCreateFileID(*File, SrcMgr::C_User);
  return SM.translateLineCol(Id, At.Line, At.Column);
}

std::shared_ptr<const facts::ProjectFacts>
loadMergedFacts(const std::string &Path, std::string &Error) {
  struct Loaded {
    llvm::sys::TimePoint<> Modified;
    std::shared_ptr<const facts::ProjectFacts> Facts;
    std::string Error;
  };
  static std::mutex Mutex;
  static std::map<std::string, Loaded> ByPath;
  llvm::sys::fs::file_status Status;
  if (std::error_code EC = llvm::sys::fs::status(Path, Status)) {
    Error = "cannot read project facts '" + Path + "' (named by option '" +
            facts::ProjectFactsOption.str() + "'): " + EC.message();
    return nullptr;
  }
  std::lock_guard<std::mutex> Lock(Mutex);
  Loaded &Entry = ByPath[Path];
  if ((!Entry.Facts && Entry.Error.empty()) ||
      Entry.Modified != Status.getLastModificationTime()) {
    Entry = {Status.getLastModificationTime(), nullptr, {}};
    if (auto Buffer = llvm::MemoryBuffer::getFile(Path); !Buffer)
      Entry.Error = Buffer.getError().message();
    else if (auto Parsed =
                 facts::ProjectFacts::fromJson((*Buffer)->getBuffer(), Path))
      Entry.Facts =
          std::make_shared<const facts::ProjectFacts>(std::move(*Parsed));
    else
      Entry.Error = llvm::toString(Parsed.takeError());
  }
  if (!Entry.Facts)
    Error = "cannot read project facts '" + Path + "' (named by option '" +
            facts::ProjectFactsOption.str() + "'): " + Entry.Error;
  return Entry.Facts;
}

llvm::Error writeUnitFactsPart(facts::UnitFacts Unit, llvm::StringRef Part,
                               llvm::StringRef Directory,
                               const SourceManager &SM) {
  Unit.MainFile = placeOf(SM.getLocForStartOfFile(SM.getMainFileID()), SM).File;
  llvm::SmallString<256> Path(Directory);
  llvm::sys::path::append(Path, facts::unitFactsFileName(Unit.MainFile, Part));
  if (llvm::Error E =
          async_lint::writeFileAtomically(Path, facts::toJson(Unit)))
    return llvm::createStringError("cannot write the project facts of '" +
                                   Unit.MainFile +
                                   "': " + llvm::toString(std::move(E)));
  return llvm::Error::success();
}

} // namespace clang::tidy::async::utils
