//===--- Fixes.cpp - Apply the findings' suggested edits ------------------===//

#include "Fixes.h"

#include "clang/Format/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/WithColor.h"

namespace async_lint::driver {

using clang::tooling::Replacement;
using clang::tooling::Replacements;

void FixPlan::add(Finding &F, llvm::StringRef FormatStyle) {
  for (Edit &E : F.Edits) {
    if (E.Begin.File.empty())
      continue;
    ++Suggested;
    FileEdits &Entry = Files[E.Begin.File];
    Entry.FormatStyle = FormatStyle.str();
    Replacement R(E.Begin.File, E.Begin.Offset, E.End.Offset - E.Begin.Offset,
                  E.Text);
    E.Outcome = FixOutcome::Applied;
    if (llvm::Error Conflict = Entry.Replacements.add(R)) {
      llvm::consumeError(std::move(Conflict));
      unsigned Offset =
          Entry.Replacements.getShiftedCodePosition(R.getOffset());
      unsigned Length = Entry.Replacements.getShiftedCodePosition(
                            R.getOffset() + R.getLength()) -
                        Offset;
      if (Length != R.getLength()) {
        E.Outcome = FixOutcome::Conflict;
        continue;
      }
      Entry.Replacements = Entry.Replacements.merge(
          Replacements(Replacement(R.getFilePath(), Offset, Length, E.Text)));
    }
    ++Applied;
  }
}

namespace {

/// The file's text with the edits made and the code around them cleaned up
/// (and formatted, if the configuration asks for a style).
llvm::Expected<std::string> edited(llvm::StringRef File,
                                   const Replacements &Edits,
                                   llvm::StringRef FormatStyle) {
  auto Buffer = llvm::MemoryBuffer::getFile(File);
  if (!Buffer)
    return llvm::errorCodeToError(Buffer.getError());
  llvm::StringRef Code = (*Buffer)->getBuffer();
  auto Style = clang::format::getStyle(FormatStyle, File, "none");
  if (!Style)
    return Style.takeError();
  auto Cleaned = clang::format::cleanupAroundReplacements(Code, Edits, *Style);
  if (!Cleaned)
    return Cleaned.takeError();
  auto Formatted = clang::format::formatReplacements(Code, *Cleaned, *Style);
  if (!Formatted)
    return Formatted.takeError();
  return clang::tooling::applyAllReplacements(Code, *Formatted);
}

} // namespace

bool FixPlan::write() const {
  bool AllWritten = true;
  for (const auto &[File, Entry] : Files) {
    llvm::Expected<std::string> Text =
        edited(File, Entry.Replacements, Entry.FormatStyle);
    std::error_code EC;
    if (Text) {
      llvm::raw_fd_ostream Out(File, EC, llvm::sys::fs::OF_None);
      if (!EC) {
        Out << *Text;
        Out.close();
        if (Out.has_error()) {
          EC = Out.error();
          Out.clear_error();
        }
      }
    }
    if (!Text || EC) {
      llvm::WithColor::error(llvm::errs(), "async-lint")
          << "cannot apply the fixes to '" << File
          << "': " << (Text ? EC.message() : llvm::toString(Text.takeError()))
          << "\n";
      AllWritten = false;
    }
  }
  return AllWritten;
}

} // namespace async_lint::driver
