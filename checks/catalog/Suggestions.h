//===--- Suggestions.h - "did you mean" for unknown names -------*- C++ -*-===//
//
// Every message about an unknown name (a catalog key or API kind, a check id,
// an option, a configuration key) offers the closest known one. No Clang or
// LLVM here: the build-time catalog validator uses it too.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CATALOG_SUGGESTIONS_H
#define ASYNC_LINT_CATALOG_SUGGESTIONS_H

#include <string>
#include <string_view>
#include <vector>

namespace async_lint::catalog {

/// How close an unknown word must be to a known name for it to be offered.
struct Closeness {
  /// Offered when fewer edits than this (insertions, deletions,
  /// replacements) turn the word into the name.
  unsigned EditsBelow = 4;
  bool IgnoreCase = false;
  /// A name that starts with the word is offered, however short the word.
  bool PrefixIsClose = false;
  /// Each CamelCase tail of a name ("SleepFunctions" of
  /// "ExtraSleepFunctions") is compared too, for a name typed without its
  /// first words.
  bool CamelCaseTailsAreClose = false;
};

/// What a user types in a configuration: option names and keys are forgiven
/// their case, a missing end and missing first words.
inline constexpr Closeness TypedByUser{4, true, true, true};

/// The candidate closest to Word (the first of equally close ones), or ""
/// when none is close enough.
std::string closestName(std::string_view Word,
                        const std::vector<std::string> &Candidates,
                        Closeness Close = {});

/// "; did you mean 'X'?" for the candidate closest to Word, or "".
std::string didYouMean(std::string_view Word,
                       const std::vector<std::string> &Candidates,
                       Closeness Close = {});

} // namespace async_lint::catalog

#endif // ASYNC_LINT_CATALOG_SUGGESTIONS_H
