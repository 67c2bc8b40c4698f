//===--- Suppressions.cpp - NOLINT comments that suppress nothing ---------===//

#include "Suppressions.h"

#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/Regex.h"

namespace async_lint::driver {

std::vector<Suppression> findSuppressions(llvm::StringRef File,
                                          llvm::StringRef Text,
                                          SourceLines &Lines) {
  std::vector<Suppression> Found;
  std::vector<size_t> OpenBlocks;
  llvm::Regex Directive("NOLINT(NEXTLINE|BEGIN|END)?(\\(([^)]*)\\))?");
  size_t Offset = 0;
  llvm::SmallVector<llvm::StringRef, 4> Groups;
  while (Offset < Text.size() &&
         Directive.match(Text.drop_front(Offset), &Groups)) {
    const size_t At = Groups[0].data() - Text.data();
    Offset = At + Groups[0].size();
    Suppression S;
    S.At = Lines.position(File, static_cast<unsigned>(At));
    S.Text = Groups[0].str();
    llvm::SmallVector<llvm::StringRef, 4> Globs;
    Groups[3].split(Globs, ',', -1, false);
    for (llvm::StringRef Glob : Globs)
      if (Glob.trim().starts_with("async-"))
        S.CheckGlobs.push_back(Glob.trim().str());
    llvm::StringRef Kind = Groups[1];
    if (Kind == "END") {
      if (!OpenBlocks.empty()) {
        Found[OpenBlocks.back()].LastLine = S.At.Line;
        OpenBlocks.pop_back();
      }
      continue;
    }
    S.FirstLine = S.At.Line + (Kind == "NEXTLINE" ? 1 : 0);
    S.LastLine = Kind == "BEGIN" ? ~0u : S.FirstLine;
    if (Kind == "BEGIN")
      OpenBlocks.push_back(Found.size());
    Found.push_back(std::move(S));
  }
  std::vector<Suppression> Named;
  for (Suppression &S : Found)
    if (!S.CheckGlobs.empty())
      Named.push_back(std::move(S));
  return Named;
}

std::string withoutSuppressions(llvm::StringRef Text) {
  std::string Result = Text.str();
  for (size_t At = Result.find("NOLINT"); At != std::string::npos;
       At = Result.find("NOLINT", At + 6))
    Result[At + 3] = 'X'; // "NOLXNT": same length, no longer a directive.
  return Result;
}

bool suppressesAny(const Suppression &S, const std::vector<Finding> &Findings) {
  for (const Finding &F : Findings) {
    if (F.At.Line < S.FirstLine || F.At.Line > S.LastLine)
      continue;
    for (const std::string &Glob : S.CheckGlobs) {
      auto Pattern = llvm::GlobPattern::create(Glob);
      if (Pattern && Pattern->match(F.Check))
        return true;
      if (!Pattern)
        llvm::consumeError(Pattern.takeError());
    }
  }
  return false;
}

} // namespace async_lint::driver
