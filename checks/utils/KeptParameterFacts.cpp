//===--- KeptParameterFacts.cpp - Kept parameters, across files -----------===//
//
// The merge of what each unit says of the parameters its functions keep
// (async-dangling-reference), closed over the functions they forward them to.
//
//===----------------------------------------------------------------------===//

#include "ProjectFacts.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"

#include <map>
#include <set>

namespace async_lint::facts {

/// The parameters each function keeps: those it keeps itself, and those it
/// forwards to a function that keeps them or that the facts know nothing of
/// (presumed a coroutine, as the check presumes a function only declared).
/// A function defined at two places is left out, as in merge(); one defined
/// in a header is kept by what any unit that includes it says, whatever the
/// order of the units.
llvm::StringMap<std::vector<unsigned>>
closeKeptParameters(const std::vector<UnitFacts> &Units) {
  llvm::StringMap<std::vector<const ParameterKeeping *>> ByUsr;
  for (const UnitFacts &Unit : Units)
    for (const ParameterKeeping &Keeping : Unit.KeptParameters)
      ByUsr[Keeping.Usr].push_back(&Keeping);
  llvm::StringSet<> Ambiguous;
  for (const auto &Entry : ByUsr)
    for (const ParameterKeeping *Keeping : Entry.second)
      if (!(Keeping->Definition == Entry.second.front()->Definition))
        Ambiguous.insert(Entry.getKey());
  for (const auto &Entry : Ambiguous)
    ByUsr.erase(Entry.getKey());

  using Parameter = std::pair<std::string, unsigned>;
  std::map<Parameter, std::vector<Parameter>> Forwarders;
  llvm::StringMap<std::set<unsigned>> Kept;
  std::vector<Parameter> Work;
  auto Keep = [&](const Parameter &P) {
    if (Kept[P.first].insert(P.second).second)
      Work.push_back(P);
  };
  for (const auto &Entry : ByUsr)
    for (const ParameterKeeping *Keeping : Entry.second) {
      Kept.try_emplace(Keeping->Usr);
      for (unsigned Index : Keeping->Kept)
        Keep({Keeping->Usr, Index});
      for (const ForwardedParameter &F : Keeping->Forwarded)
        if (ByUsr.count(F.CalleeUsr))
          Forwarders[{F.CalleeUsr, F.CalleeIndex}].push_back(
              {Keeping->Usr, F.Index});
        else
          Keep({Keeping->Usr, F.Index});
    }
  while (!Work.empty()) {
    Parameter Reached = Work.back();
    Work.pop_back();
    for (const Parameter &Forwarder : Forwarders[Reached])
      Keep(Forwarder);
  }
  llvm::StringMap<std::vector<unsigned>> Closed;
  for (const auto &Entry : Kept)
    Closed[Entry.getKey()].assign(Entry.second.begin(), Entry.second.end());
  return Closed;
}

std::optional<bool> ProjectFacts::keepsParameter(llvm::StringRef Usr,
                                                 unsigned Index) const {
  auto It = KeptByFunction.find(Usr);
  if (It == KeptByFunction.end())
    return std::nullopt;
  return llvm::is_contained(It->second, Index);
}

} // namespace async_lint::facts
