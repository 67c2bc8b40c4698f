//===--- Findings.h - Diagnostics as located, filterable findings -*- C++ -*-=//

#ifndef ASYNC_LINT_DRIVER_FINDINGS_H
#define ASYNC_LINT_DRIVER_FINDINGS_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "llvm/ADT/StringMap.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace async_lint::driver {

/// Severities, ordered so that a threshold compares with >=.
enum class Severity { Note = 0, Warning = 1, Error = 2 };

llvm::StringRef severityName(Severity S);

/// A position in a file, 1-based as editors count.
struct Position {
  std::string File;
  unsigned Offset = 0;
  unsigned Line = 0;
  unsigned Column = 0;
};

/// A highlighted stretch of source, [Begin, End).
struct Span {
  Position Begin;
  Position End;
};

/// What --fix did with an edit; shown beside the finding as clang-tidy does.
enum class FixOutcome { NotAttempted, Applied, Conflict };

struct Edit {
  Position Begin;
  Position End;
  std::string Text;
  FixOutcome Outcome = FixOutcome::NotAttempted;
};

struct Note {
  std::string Message;
  Position At;
  /// The end of the token at At: a note is about one place.
  Position End;
  /// As the check gave them; the text format underlines them.
  std::vector<Span> Ranges;
  std::vector<Edit> Edits;
};

struct Finding {
  std::string Check;
  Severity Level = Severity::Warning;
  std::string Message;
  Position At;
  Position End;
  /// As the check gave them; the text format underlines them.
  std::vector<Span> Ranges;
  std::vector<Note> Notes;
  std::vector<Edit> Edits;
  /// The source line, for baselines: survives edits that only shift lines.
  std::string LineText;
  /// Other names of the check (clang-tidy's aliases), shown after its own.
  std::vector<std::string> Aliases;
  /// Matched by --warnings-as-errors: the text format shows it as an error.
  bool WarningAsError = false;
};

/// Turns offsets into lines and columns, reading each file once.
class SourceLines {
public:
  Position position(llvm::StringRef File, unsigned Offset);
  /// The position of a 1-based line and column, the column kept within the
  /// line as Clang keeps it; none when the file cannot be read or is shorter.
  std::optional<Position> at(llvm::StringRef File, unsigned Line,
                             unsigned Column);
  std::string lineText(llvm::StringRef File, unsigned Line);
  /// Where the token (or comment) starting at At ends: the extent given to a
  /// diagnostic that has a location but no range, so that no region is
  /// empty.
  Position tokenEnd(const Position &At);

private:
  struct Lines {
    std::string Text;
    std::vector<unsigned> Starts;
  };
  const Lines &load(llvm::StringRef File);
  llvm::StringMap<std::unique_ptr<Lines>> Files;
};

/// True when Text nests brackets or indentation deeper than any real
/// configuration or baseline does; such input is refused before a recursive
/// parser can exhaust the stack on it.
bool nestsTooDeeply(llvm::StringRef Text);

/// The findings of async-* checks among the engine's diagnostics.
std::vector<Finding>
findingsOf(const std::vector<clang::tidy::ClangTidyError> &Errors,
           SourceLines &Lines);

/// The engine's other diagnostics (the compiler's errors, a broken NOLINT),
/// at the level the engine gave them.
std::vector<Finding>
compilerMessagesOf(const std::vector<clang::tidy::ClangTidyError> &Errors,
                   SourceLines &Lines);

/// The severity a check's rule declares, or the one configured for it.
Severity severityOfCheck(llvm::StringRef CheckName,
                         const llvm::StringMap<Severity> &Configured);

} // namespace async_lint::driver

#endif // ASYNC_LINT_DRIVER_FINDINGS_H
