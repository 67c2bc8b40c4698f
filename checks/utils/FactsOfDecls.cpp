//===--- FactsOfDecls.cpp - Declarations as project facts name them -------===//

#include "FactsOfDecls.h"

#include "clang/Index/USRGeneration.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

namespace clang::tidy::async::utils {

std::string usrOf(const Decl &D) {
  llvm::SmallString<128> Usr;
  if (index::generateUSRForDecl(&D, Usr))
    return {};
  return std::string(Usr);
}

async_lint::facts::Place factsPlaceOf(SourceLocation Loc,
                                      const SourceManager &SM) {
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

SourceLocation locationOfPlace(const async_lint::facts::Place &At,
                               SourceManager &SM) {
  OptionalFileEntryRef File = SM.getFileManager().getOptionalFileRef(At.File);
  if (!File)
    return {};
  FileID Id = SM.getOrCreateFileID(*File, SrcMgr::C_User);
  return SM.translateLineCol(Id, At.Line, At.Column);
}

llvm::Expected<async_lint::facts::ProjectFacts>
readProjectFacts(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), "%s",
                                   Buffer.getError().message().c_str());
  return async_lint::facts::ProjectFacts::fromJson((*Buffer)->getBuffer(),
                                                   Path);
}

} // namespace clang::tidy::async::utils
