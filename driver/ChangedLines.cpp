//===--- ChangedLines.cpp - Lines changed since a git revision ------------===//

#include "ChangedLines.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

namespace async_lint::driver {

/// Runs git with Args in the current directory and returns its output.
llvm::Expected<std::string> git(llvm::ArrayRef<llvm::StringRef> Args) {
  auto Git = llvm::sys::findProgramByName("git");
  if (!Git)
    return llvm::createStringError(Git.getError(), "git was not found");
  llvm::SmallString<128> Output, Errors;
  llvm::sys::fs::createTemporaryFile("async-lint-git", "out", Output);
  llvm::sys::fs::createTemporaryFile("async-lint-git", "err", Errors);
  std::vector<llvm::StringRef> Argv = {*Git};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  std::optional<llvm::StringRef> Redirects[] = {std::nullopt, Output.str(),
                                                Errors.str()};
  int Status = llvm::sys::ExecuteAndWait(*Git, Argv, std::nullopt, Redirects);
  auto Read = [](llvm::StringRef Path) {
    auto Buffer = llvm::MemoryBuffer::getFile(Path);
    return Buffer ? (*Buffer)->getBuffer().str() : std::string();
  };
  std::string Out = Read(Output), Err = Read(Errors);
  llvm::sys::fs::remove(Output);
  llvm::sys::fs::remove(Errors);
  if (Status != 0)
    return llvm::createStringError(std::errc::invalid_argument, "%s",
                                   llvm::StringRef(Err).trim().str().c_str());
  return Out;
}

llvm::Expected<ChangedLines> ChangedLines::since(llvm::StringRef Revision) {
  auto Top = git({"rev-parse", "--show-toplevel"});
  if (!Top)
    return Top.takeError();
  std::string Root = llvm::StringRef(*Top).trim().str();
  auto Diff = git({"diff", "-U0", "--no-color", "--no-ext-diff", Revision});
  if (!Diff)
    return Diff.takeError();
  ChangedLines Result;
  std::string Current;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  llvm::StringRef(*Diff).split(Lines, '\n');
  for (llvm::StringRef Line : Lines) {
    if (Line.consume_front("+++ ")) {
      Current.clear();
      if (Line.consume_front("b/")) {
        llvm::SmallString<256> Path(Root);
        llvm::sys::path::append(Path, Line);
        Current = std::string(Path);
      }
      continue;
    }
    // "@@ -a,b +c,d @@": lines c .. c+d-1 of the new file changed.
    if (!Current.empty() && Line.consume_front("@@ ")) {
      llvm::StringRef New = Line.split(' ').second.split(' ').first;
      if (!New.consume_front("+"))
        continue;
      auto [StartText, CountText] = New.split(',');
      unsigned Start = 0, Count = 1;
      if (StartText.getAsInteger(10, Start) ||
          (!CountText.empty() && CountText.getAsInteger(10, Count)))
        continue;
      if (Count > 0)
        Result.Ranges[Current].push_back({Start, Start + Count - 1});
    }
  }
  auto Untracked =
      git({"ls-files", "--others", "--exclude-standard", "--full-name"});
  if (!Untracked)
    return Untracked.takeError();
  llvm::SmallVector<llvm::StringRef, 0> Files;
  llvm::StringRef(*Untracked).split(Files, '\n', -1, false);
  for (llvm::StringRef File : Files) {
    llvm::SmallString<256> Path(Root);
    llvm::sys::path::append(Path, File);
    Result.WholeFiles[Path] = true;
  }
  return Result;
}

bool ChangedLines::contains(llvm::StringRef File, unsigned Line) const {
  if (WholeFiles.count(File))
    return true;
  auto It = Ranges.find(File);
  if (It == Ranges.end())
    return false;
  for (const auto &[First, Last] : It->second)
    if (Line >= First && Line <= Last)
      return true;
  return false;
}

} // namespace async_lint::driver
