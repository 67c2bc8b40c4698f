//===--- OutputFile.cpp - The --output file, replaced whole ---------------===//

#include "OutputFile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Signals.h"

namespace async_lint::driver {

namespace fs = llvm::sys::fs;

llvm::Expected<std::unique_ptr<OutputFile>>
OutputFile::open(llvm::StringRef Path) {
  auto CannotWrite = [&](std::error_code EC) {
    return llvm::createStringError(EC, "cannot write '%s': %s",
                                   Path.str().c_str(), EC.message().c_str());
  };
  int Descriptor = -1;
  fs::file_status Status;
  if (!fs::status(Path, Status) && !fs::is_regular_file(Status)) {
    if (std::error_code EC =
            fs::openFileForWrite(Path, Descriptor, fs::CD_OpenAlways))
      return CannotWrite(EC);
    return std::unique_ptr<OutputFile>(
        new OutputFile(Path.str(), {}, Descriptor));
  }
  llvm::SmallString<128> Temporary;
  if (std::error_code EC =
          fs::createUniqueFile(Path + "-%%%%%%.tmp", Descriptor, Temporary))
    return CannotWrite(EC);
  llvm::sys::RemoveFileOnSignal(Temporary);
  return std::unique_ptr<OutputFile>(
      new OutputFile(Path.str(), std::move(Temporary), Descriptor));
}

OutputFile::~OutputFile() {
  if (Descriptor >= 0)
    llvm::sys::Process::SafelyCloseFileDescriptor(Descriptor);
  if (!Committed && !Temporary.empty()) {
    fs::remove(Temporary);
    llvm::sys::DontRemoveFileOnSignal(Temporary);
  }
}

llvm::Error OutputFile::commit() {
  std::error_code Closed =
      llvm::sys::Process::SafelyCloseFileDescriptor(Descriptor);
  Descriptor = -1;
  if (Closed)
    return llvm::createStringError(Closed, "cannot write '%s': %s",
                                   Target.c_str(), Closed.message().c_str());
  if (Temporary.empty())
    return llvm::Error::success();
  if (std::error_code EC = fs::rename(Temporary, Target))
    return llvm::createStringError(EC, "cannot write '%s': %s", Target.c_str(),
                                   EC.message().c_str());
  Committed = true;
  llvm::sys::DontRemoveFileOnSignal(Temporary);
  return llvm::Error::success();
}

} // namespace async_lint::driver
