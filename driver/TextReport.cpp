//===--- TextReport.cpp - Findings printed as clang-tidy prints them ------===//
//
// The place, level, message and [check], then the source line with a caret,
// the highlighted ranges and any fix-it, then the notes. The snippet is drawn
// by clang's own renderer so that it looks exactly like the compiler's.
//
//===----------------------------------------------------------------------===//

#include "Reports.h"
#include "utils/ClangCompat.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/LangOptions.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/TextDiagnostic.h"

#include <algorithm>

namespace async_lint::driver {

namespace {

class TextWriter {
public:
  TextWriter(llvm::raw_ostream &OS, bool Colours, llvm::StringRef Base)
      : Base(Base), Diagnostics(new clang::DiagnosticIDs, Options.forEngine()),
        Sources(Diagnostics, Files),
        Printer(OS, Language, Options.forPrinter()) {
    Options->ShowColors = Colours;
  }

  void write(const Finding &F) {
    std::string Label = F.Check;
    for (const std::string &Alias : F.Aliases)
      Label += "," + Alias;
    if (F.WarningAsError)
      Label += ",-warnings-as-errors";
    emit(F.At,
         F.WarningAsError ? clang::DiagnosticsEngine::Error : level(F.Level),
         F.Message + " [" + Label + "]", F.Ranges, F.Edits);
    for (const Edit &E : F.Edits)
      if (E.Outcome != FixOutcome::NotAttempted)
        emit(E.Begin, clang::DiagnosticsEngine::Note,
             E.Outcome == FixOutcome::Applied
                 ? "FIX-IT applied suggested code changes"
                 : "FIX-IT detected conflicting code change",
             {}, {});
    for (const Note &N : F.Notes)
      emit(N.At, clang::DiagnosticsEngine::Note, N.Message, N.Ranges, N.Edits);
  }

private:
  /// A note-severity finding is a remark, as clang-tidy shows it: "note:"
  /// belongs to the lines that explain a finding.
  static clang::DiagnosticsEngine::Level level(Severity S) {
    switch (S) {
    case Severity::Error:
      return clang::DiagnosticsEngine::Error;
    case Severity::Warning:
      return clang::DiagnosticsEngine::Warning;
    case Severity::Note:
      return clang::DiagnosticsEngine::Remark;
    }
    return clang::DiagnosticsEngine::Warning;
  }

  void emit(const Position &At, clang::DiagnosticsEngine::Level Level,
            const std::string &Message, const std::vector<Span> &Ranges,
            const std::vector<Edit> &Edits) {
    std::vector<clang::CharSourceRange> Highlighted;
    for (const Span &S : Ranges)
      Highlighted.push_back(range(S.Begin, S.End));
    std::vector<clang::FixItHint> Hints;
    for (const Edit &E : Edits)
      Hints.push_back(
          clang::FixItHint::CreateReplacement(range(E.Begin, E.End), E.Text));
    clang::SourceLocation Loc = location(At);
    Printer.emitDiagnostic(Loc.isValid() ? clang::FullSourceLoc(Loc, Sources)
                                         : clang::FullSourceLoc(),
                           Level, Message, Highlighted, Hints);
  }

  clang::CharSourceRange range(const Position &Begin, const Position &End) {
    return clang::CharSourceRange::getCharRange(location(Begin), location(End));
  }

  /// The file is opened under the name the reader should see: relative to
  /// the current directory when below it.
  clang::SourceLocation location(const Position &At) {
    if (At.File.empty())
      return {};
    auto File = Files.getOptionalFileRef(relativePath(At.File, Base));
    if (!File)
      return {};
    clang::FileID ID = Sources.getOrCreateFileID(*File, clang::SrcMgr::C_User);
    return Sources.getLocForStartOfFile(ID).getLocWithOffset(At.Offset);
  }

  std::string Base;
  clang::FileManager Files{clang::FileSystemOptions()};
  clang::tidy::async::compat::HeldDiagnosticOptions Options;
  clang::DiagnosticsEngine Diagnostics;
  clang::SourceManager Sources;
  clang::LangOptions Language;
  clang::TextDiagnostic Printer;
};

} // namespace

void writeText(const Report &R, bool Colours, llvm::raw_ostream &OS) {
  // In file order, the compiler's messages among the findings; at one place
  // a finding comes first, as the engine sorts "async-" before "clang-".
  std::vector<const Finding *> Shown;
  for (const Finding &F : R.Findings)
    Shown.push_back(&F);
  for (const Finding &F : R.CompilerMessages)
    Shown.push_back(&F);
  std::stable_sort(Shown.begin(), Shown.end(),
                   [](const Finding *A, const Finding *B) {
                     return std::tie(A->At.File, A->At.Offset) <
                            std::tie(B->At.File, B->At.Offset);
                   });
  const bool WereColoured = OS.colors_enabled();
  OS.enable_colors(Colours);
  TextWriter Writer(OS, Colours, R.BaseDirectory);
  for (const Finding *F : Shown)
    Writer.write(*F);
  OS.enable_colors(WereColoured);
}

} // namespace async_lint::driver
