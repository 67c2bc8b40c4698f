//===--- Findings.cpp - Diagnostics as located, filterable findings -------===//

#include "Findings.h"
#include "utils/ClangCompat.h"

#include "catalog/RuleCatalog.h"

#include "clang/Lex/Lexer.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>

namespace async_lint::driver {

llvm::StringRef severityName(Severity S) {
  switch (S) {
  case Severity::Note:
    return "note";
  case Severity::Warning:
    return "warning";
  case Severity::Error:
    return "error";
  }
  return "warning";
}

Severity severityOfCheck(llvm::StringRef CheckName,
                         const llvm::StringMap<Severity> &Configured) {
  if (auto It = Configured.find(CheckName); It != Configured.end())
    return It->second;
  const catalog::Rule *Rule =
      catalog::builtinCatalog().findRule(CheckName.str());
  if (!Rule || Rule->Severity == "warning")
    return Severity::Warning;
  return Rule->Severity == "error" ? Severity::Error : Severity::Note;
}

const SourceLines::Lines &SourceLines::load(llvm::StringRef File) {
  auto &Slot = Files[File];
  if (Slot)
    return *Slot;
  Slot = std::make_unique<Lines>();
  if (auto Buffer = llvm::MemoryBuffer::getFile(File))
    Slot->Text = (*Buffer)->getBuffer().str();
  Slot->Starts.push_back(0);
  for (unsigned I = 0; I < Slot->Text.size(); ++I)
    if (Slot->Text[I] == '\n')
      Slot->Starts.push_back(I + 1);
  return *Slot;
}

Position SourceLines::position(llvm::StringRef File, unsigned Offset) {
  const Lines &L = load(File);
  auto It = std::upper_bound(L.Starts.begin(), L.Starts.end(), Offset);
  unsigned LineIndex = static_cast<unsigned>(It - L.Starts.begin()) - 1;
  return {File.str(), Offset, LineIndex + 1, Offset - L.Starts[LineIndex] + 1};
}

std::optional<Position> SourceLines::at(llvm::StringRef File, unsigned Line,
                                        unsigned Column) {
  const Lines &L = load(File);
  if (L.Text.empty() || Line == 0 || Line > L.Starts.size() || Column == 0)
    return std::nullopt;
  unsigned Begin = L.Starts[Line - 1];
  unsigned End = Line < L.Starts.size() ? L.Starts[Line] - 1
                                        : static_cast<unsigned>(L.Text.size());
  return position(File, std::min(Begin + Column - 1, End));
}

std::string SourceLines::lineText(llvm::StringRef File, unsigned Line) {
  const Lines &L = load(File);
  if (Line == 0 || Line > L.Starts.size())
    return {};
  unsigned Begin = L.Starts[Line - 1];
  unsigned End = Line < L.Starts.size() ? L.Starts[Line] - 1
                                        : static_cast<unsigned>(L.Text.size());
  return L.Text.substr(Begin, End - Begin);
}

Position SourceLines::tokenEnd(const Position &At) {
  const Lines &L = load(At.File);
  if (At.Offset >= L.Text.size())
    return At;
  clang::LangOptions Language;
  Language.CPlusPlus = Language.CPlusPlus11 = Language.CPlusPlus14 =
      Language.CPlusPlus17 = Language.CPlusPlus20 = true;
  // Raw lexing needs no source manager; the text ends with a NUL, as the
  // lexer expects.
  const char *Text = L.Text.c_str();
  clang::Lexer Lex(clang::SourceLocation(), Language, Text, Text + At.Offset,
                   Text + L.Text.size());
  Lex.SetCommentRetentionState(true);
  clang::Token Token;
  Lex.LexFromRawLexer(Token);
  return position(At.File, At.Offset + std::max(1u, Token.getLength()));
}

bool nestsTooDeeply(llvm::StringRef Text) {
  constexpr int MaxDepth = 64;
  constexpr size_t MaxIndent = 256;
  int Depth = 0;
  size_t Indent = 0;
  bool AtLineStart = true;
  for (char C : Text) {
    if (C == '[' || C == '{')
      ++Depth;
    else if ((C == ']' || C == '}') && Depth > 0)
      --Depth;
    if (Depth > MaxDepth)
      return true;
    if (C == '\n') {
      AtLineStart = true;
      Indent = 0;
    } else if (AtLineStart && (C == ' ' || C == '-')) {
      if (++Indent > MaxIndent)
        return true;
    } else {
      AtLineStart = false;
    }
  }
  return false;
}

namespace {

/// The engine's diagnostic as a finding. A relative path is relative to the
/// compile command's directory (build/ with -p build), not to ours.
Finding toFinding(const clang::tidy::ClangTidyError &Error,
                  SourceLines &Lines) {
  auto Resolved = [&](llvm::StringRef Path) {
    llvm::SmallString<256> Absolute(Path);
    if (!Error.BuildDirectory.empty() &&
        !llvm::sys::path::is_absolute(Absolute)) {
      clang::tidy::async::compat::makeAbsolute(Error.BuildDirectory, Absolute);
      llvm::sys::path::remove_dots(Absolute, true);
    }
    return std::string(Absolute);
  };
  auto Place = [&](llvm::StringRef Path, unsigned Offset) {
    return Path.empty() ? Position() : Lines.position(Resolved(Path), Offset);
  };
  auto SpansOf =
      [&](const llvm::SmallVector<clang::tooling::FileByteRange, 1> &Ranges) {
        std::vector<Span> Spans;
        for (const auto &R : Ranges)
          Spans.push_back({Place(R.FilePath, R.FileOffset),
                           Place(R.FilePath, R.FileOffset + R.Length)});
        return Spans;
      };
  auto EditsOf = [&](const llvm::StringMap<clang::tooling::Replacements> &Fix) {
    std::vector<Edit> Edits;
    for (const auto &[File, Replacements] : Fix)
      for (const auto &R : Replacements)
        Edits.push_back({Place(R.getFilePath(), R.getOffset()),
                         Place(R.getFilePath(), R.getOffset() + R.getLength()),
                         R.getReplacementText().str()});
    return Edits;
  };

  const clang::tooling::DiagnosticMessage &Message = Error.Message;
  Finding F;
  F.Check = Error.DiagnosticName;
  F.Level = Error.DiagLevel == clang::tidy::ClangTidyError::Error
                ? Severity::Error
            : Error.DiagLevel == clang::tidy::ClangTidyError::Warning
                ? Severity::Warning
                : Severity::Note;
  F.Message = Message.Message;
  F.At = Place(Message.FilePath, Message.FileOffset);
  F.End = F.At;
  F.Ranges = SpansOf(Message.Ranges);
  for (const Span &S : F.Ranges)
    if (S.Begin.File == F.At.File && S.Begin.Offset == F.At.Offset)
      F.End = S.End;
  if (!F.At.File.empty() && F.End.Offset == F.At.Offset)
    F.End = Lines.tokenEnd(F.At);
  for (const auto &N : Error.Notes)
    if (!N.FilePath.empty()) {
      Position At = Place(N.FilePath, N.FileOffset);
      Position End = Lines.tokenEnd(At);
      F.Notes.push_back({N.Message, std::move(At), std::move(End),
                         SpansOf(N.Ranges), EditsOf(N.Fix)});
    }
  F.Edits = EditsOf(Message.Fix);
  if (!F.At.File.empty())
    F.LineText = Lines.lineText(F.At.File, F.At.Line);
  F.Aliases = Error.EnabledDiagnosticAliases;
  F.WarningAsError = Error.IsWarningAsError;
  return F;
}

bool isFinding(const clang::tidy::ClangTidyError &Error) {
  return llvm::StringRef(Error.DiagnosticName).starts_with("async-") &&
         !Error.Message.FilePath.empty();
}

} // namespace

std::vector<Finding>
findingsOf(const std::vector<clang::tidy::ClangTidyError> &Errors,
           SourceLines &Lines) {
  std::vector<Finding> Result;
  for (const clang::tidy::ClangTidyError &Error : Errors)
    if (isFinding(Error))
      Result.push_back(toFinding(Error, Lines));
  return Result;
}

std::vector<Finding>
compilerMessagesOf(const std::vector<clang::tidy::ClangTidyError> &Errors,
                   SourceLines &Lines) {
  std::vector<Finding> Result;
  for (const clang::tidy::ClangTidyError &Error : Errors)
    if (!llvm::StringRef(Error.DiagnosticName).starts_with("async-"))
      Result.push_back(toFinding(Error, Lines));
  return Result;
}

} // namespace async_lint::driver
