//===--- ConfigValues.cpp - Suggestions and option values -----------------===//
//
// The parts of configuration checking that need no clang-tidy: the driver's
// .async-lint.yaml reader (and its fuzzer) use them too.
//
//===----------------------------------------------------------------------===//

#include "ConfigValidation.h"

#include "catalog/RuleCatalog.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/YAMLParser.h"

namespace async_lint::driver {
namespace {

/// The length of the first CamelCase word ("Extra" of "ExtraSleep"), or the
/// whole length.
size_t firstWordLength(llvm::StringRef Name) {
  for (size_t I = 1; I < Name.size(); ++I)
    if (llvm::isUpper(Name[I]) && llvm::isLower(Name[I - 1]))
      return I;
  return Name.size();
}

} // namespace

std::string didYouMean(llvm::StringRef Word,
                       llvm::ArrayRef<std::string> Candidates) {
  // A prefix of one name is most likely that name, however short.
  for (const std::string &Candidate : Candidates)
    if (!Word.empty() && llvm::StringRef(Candidate).starts_with(Word))
      return "; did you mean '" + Candidate + "'?";
  unsigned Best = 4;
  llvm::StringRef Closest;
  for (const std::string &Candidate : Candidates) {
    // Also each CamelCase tail, for a name typed without its first words.
    for (llvm::StringRef Tail = Candidate; !Tail.empty();
         Tail = Tail.drop_front(firstWordLength(Tail))) {
      unsigned Distance = Word.edit_distance_insensitive(Tail, true, Best);
      if (Distance < Best) {
        Best = Distance;
        Closest = Candidate;
      }
    }
  }
  return Closest.empty() ? "" : "; did you mean '" + Closest.str() + "'?";
}

std::optional<std::string> optionValueProblem(const catalog::RuleOption &Option,
                                              llvm::StringRef Value) {
  if (!llvm::yaml::parseBool(Option.Default))
    return std::nullopt; // Text or a list: anything goes.
  long long Number;
  if (llvm::yaml::parseBool(Value) || !Value.getAsInteger(10, Number))
    return std::nullopt;
  return "must be true or false (1/0, yes/no and on/off are read too), not '" +
         Value.str() + "'";
}

} // namespace async_lint::driver
