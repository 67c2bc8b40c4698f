//===--- Suggestions.cpp - "did you mean" for unknown names ---------------===//

#include "Suggestions.h"

#include <algorithm>

namespace async_lint::catalog {
namespace {

char lowerAscii(char C) { return C >= 'A' && C <= 'Z' ? C - 'A' + 'a' : C; }
bool isUpperAscii(char C) { return C >= 'A' && C <= 'Z'; }
bool isLowerAscii(char C) { return C >= 'a' && C <= 'z'; }

/// Levenshtein distance, one row at a time: the names are short.
size_t editDistance(std::string_view A, std::string_view B, bool IgnoreCase) {
  auto Same = [IgnoreCase](char X, char Y) {
    return IgnoreCase ? lowerAscii(X) == lowerAscii(Y) : X == Y;
  };
  std::vector<size_t> Row(B.size() + 1);
  for (size_t J = 0; J <= B.size(); ++J)
    Row[J] = J;
  for (size_t I = 1; I <= A.size(); ++I) {
    size_t Diagonal = Row[0];
    Row[0] = I;
    for (size_t J = 1; J <= B.size(); ++J) {
      size_t Above = Row[J];
      Row[J] = std::min({Row[J] + 1, Row[J - 1] + 1,
                         Diagonal + (Same(A[I - 1], B[J - 1]) ? 0 : 1)});
      Diagonal = Above;
    }
  }
  return Row[B.size()];
}

/// The length of the first CamelCase word ("Extra" of "ExtraSleep"), or the
/// whole length.
size_t firstWordLength(std::string_view Name) {
  for (size_t I = 1; I < Name.size(); ++I)
    if (isUpperAscii(Name[I]) && isLowerAscii(Name[I - 1]))
      return I;
  return Name.size();
}

} // namespace

std::string closestName(std::string_view Word,
                        const std::vector<std::string> &Candidates,
                        Closeness Close) {
  if (Close.PrefixIsClose && !Word.empty())
    for (const std::string &Candidate : Candidates)
      if (std::string_view(Candidate).substr(0, Word.size()) == Word)
        return Candidate;
  size_t Best = Close.EditsBelow;
  const std::string *Closest = nullptr;
  for (const std::string &Candidate : Candidates) {
    for (std::string_view Tail = Candidate; !Tail.empty();
         Tail.remove_prefix(firstWordLength(Tail))) {
      size_t Distance = editDistance(Word, Tail, Close.IgnoreCase);
      if (Distance < Best) {
        Best = Distance;
        Closest = &Candidate;
      }
      if (!Close.CamelCaseTailsAreClose)
        break;
    }
  }
  return Closest ? *Closest : std::string();
}

std::string didYouMean(std::string_view Word,
                       const std::vector<std::string> &Candidates,
                       Closeness Close) {
  std::string Closest = closestName(Word, Candidates, Close);
  return Closest.empty() ? "" : "; did you mean '" + Closest + "'?";
}

} // namespace async_lint::catalog
