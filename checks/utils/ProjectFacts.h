//===--- ProjectFacts.h - What each function does, across files -*- C++ -*-===//
//
// Whole-project analysis as distributed builds do it. Map: while a
// translation unit is analysed, the facts of every function defined in it
// (may it block and how, is it a coroutine) are written to one small file.
// Reduce: the files are merged into one project file, where "may block
// through" is closed over the call graph, so that a call to a function whose
// body lives in another file can be judged by its callers' checks.
//
// Nothing here knows Clang: functions are named by their USR, places by
// file, line and column.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_PROJECTFACTS_H
#define ASYNC_LINT_CHECKS_UTILS_PROJECTFACTS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace async_lint::facts {

/// Bumped whenever the meaning of a field changes: files of another version
/// are refused, not misread.
constexpr int FormatVersion = 1;

struct Place {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;

  friend bool operator<(const Place &A, const Place &B) {
    return std::tie(A.File, A.Line, A.Column) <
           std::tie(B.File, B.Line, B.Column);
  }
  friend bool operator==(const Place &A, const Place &B) {
    return std::tie(A.File, A.Line, A.Column) ==
           std::tie(B.File, B.Line, B.Column);
  }
};

/// The global options (clang-tidy's CheckOptions) that turn the analysis
/// on: the directory each unit's facts are written to, and the merged file
/// read back.
inline constexpr llvm::StringLiteral FactsDirectoryOption =
    "async-lint.FactsDirectory";
inline constexpr llvm::StringLiteral ProjectFactsOption =
    "async-lint.ProjectFacts";

/// A blocking API used directly in a function's body.
struct BlockingUse {
  /// The function whose body uses it, as the check quotes it.
  std::string Function;
  /// As the check names it: 'std::ifstream', 'sleep'.
  std::string Api;
  /// "calls" or "constructs".
  std::string Verb;
  /// The check's category id ("sleep", "file-io").
  std::string Category;
  Place At;
};

/// One step of a chain of calls that ends in a blocking use.
struct Hop {
  std::string Caller;
  /// "calls", or "constructs" when Callee is a constructor (named by its
  /// class).
  std::string Verb;
  std::string Callee;
  Place At;
};

/// Why a function may block: the calls from it down to the blocking use
/// (empty when it blocks itself) and that use.
struct BlockingChain {
  std::vector<Hop> Hops;
  BlockingUse Use;
};

/// A call from one function to another, by the callee's USR.
struct Call {
  std::string CalleeUsr;
  /// As in Hop.
  std::string Verb;
  std::string CalleeName;
  Place At;
};

struct FunctionFacts {
  std::string Usr;
  /// As the check quotes it: 'load_settings', 'Config::load'.
  std::string Name;
  Place Definition;
  bool Coroutine = false;
  /// How it blocks as far as its own unit shows: through calls to
  /// functions defined there (Hops) down to a blocking use.
  std::optional<BlockingChain> Blocks;
  /// Otherwise: the calls that may block through other units (to functions
  /// without a body in its unit, or with one that calls such functions), in
  /// source order.
  std::vector<Call> Calls;
};

/// A parameter that a function keeps when a function of another unit keeps
/// one of its own: the function returns that function's task, made with the
/// parameter (or a part, address or view of it).
struct ForwardedParameter {
  unsigned Index = 0;
  std::string CalleeUsr;
  unsigned CalleeIndex = 0;
};

/// What a function that returns a task does with its reference, pointer and
/// view parameters (async-dangling-reference): which of them it keeps beyond
/// its return, by index.
struct ParameterKeeping {
  std::string Usr;
  Place Definition;
  /// Kept by the function itself: all of a coroutine's, those a wrapper
  /// hands to a coroutine of its unit.
  std::vector<unsigned> Kept;
  /// Kept when a function of another unit keeps them.
  std::vector<ForwardedParameter> Forwarded;
};

/// A reference to a function that may be a coroutine (a call, or a use of
/// its name otherwise), for async-io-without-timeout's bounded callers.
struct CoroutineCall {
  std::string CalleeUsr;
  /// Passed to a timeout wrapper, raced against a timer or joined with a
  /// watchdog where it is made.
  bool Bounded = false;
  /// The function the reference is in, as the check quotes it; empty at
  /// namespace scope.
  std::string Caller;
  /// The function referenced, as the check quotes it.
  std::string CalleeName;
  Place At;
};

/// A coroutine that awaits network I/O that nothing in it bounds: it is
/// reported unless every reference to it in the project is a bounded call.
struct UnboundedIoCoroutine {
  std::string Usr;
  Place Definition;
};

/// What the whole project says of the callers of an UnboundedIoCoroutine.
struct BoundingCallers {
  /// It is referenced, and only by bounded calls.
  bool EveryCallBounded = false;
  /// The first reference (by place) that is not a bounded call, if any.
  std::optional<CoroutineCall> Unbounded;
};

/// The facts written for one translation unit.
struct UnitFacts {
  std::string MainFile;
  /// A digest of the content of every file the unit read.
  std::string Inputs;
  std::vector<FunctionFacts> Functions;
  /// The functions that coroutines of this unit call and whose blocking
  /// this unit cannot decide alone (no body here, or a body that calls into
  /// other files): a build that analyses units again with the merged facts
  /// (the plugin's way) needs to do so only when the facts say one blocks.
  /// The driver decides such calls from the unit's conditional findings
  /// instead (see ConditionalFindings.h).
  std::vector<std::string> CoroutineCallees;
  /// The functions defined here that return a task and take references,
  /// pointers or views.
  std::vector<ParameterKeeping> KeptParameters;
  /// Written by async-io-without-timeout (its part BoundedCallersPart): the
  /// references to functions that may be coroutines made here, and the
  /// coroutines defined here whose network I/O nothing in them bounds.
  std::vector<CoroutineCall> CoroutineCalls;
  std::vector<UnboundedIoCoroutine> UnboundedIo;
};

/// The merged facts of a project.
class ProjectFacts {
public:
  /// Merges units: a function defined at one place and seen by several
  /// units (inline, templates) keeps the facts of one of them, chosen so that
  /// the result does not depend on the order of the inputs; a function
  /// defined at two places (two programs in one database) is left out.
  static ProjectFacts merge(std::vector<UnitFacts> Units);

  /// Why the function with this USR may block, or null when nothing in the
  /// project says it does.
  const BlockingChain *blockingChain(llvm::StringRef Usr) const;
  bool isCoroutine(llvm::StringRef Usr) const;
  size_t functionCount() const { return Functions.size(); }

  /// A digest of the facts about the given functions: what a unit that calls
  /// them depends on (for caches and for deciding what to analyse again).
  std::string digestFor(const std::vector<std::string> &Usrs) const;

  /// Whether the function with this USR keeps its parameter of this index
  /// beyond its return, through the functions it forwards it to; none when
  /// the facts know nothing of the function.
  std::optional<bool> keepsParameter(llvm::StringRef Usr, unsigned Index) const;

  std::string toJson() const;
  static llvm::Expected<ProjectFacts> fromJson(llvm::StringRef Text,
                                               llvm::StringRef FileName);

  /// For a coroutine some unit recorded as UnboundedIo: what its callers in
  /// the project do; null when no unit recorded it, or two define it.
  const BoundingCallers *boundingCallers(llvm::StringRef Usr) const;

private:
  void mergeBoundingCallers(const std::vector<UnitFacts> &Units);

  llvm::StringMap<FunctionFacts> Functions;
  llvm::StringMap<BlockingChain> Chains;
  /// By function, the indexes of the parameters it keeps (closed over the
  /// functions it forwards them to).
  llvm::StringMap<std::vector<unsigned>> KeptByFunction;
  llvm::StringMap<BoundingCallers> CallersOfUnboundedIo;
};

/// The parameters each function keeps, by USR (see ProjectFacts::merge).
llvm::StringMap<std::vector<unsigned>>
closeKeptParameters(const std::vector<UnitFacts> &Units);

std::string toJson(const UnitFacts &Unit);
/// The name of a unit's facts file: one per main file, so that analysing a
/// file again replaces its facts.
std::string unitFactsFileName(llvm::StringRef MainFile);
/// The name of the file of a unit's facts that one check writes by itself,
/// beside the unit's file: Part names what it holds (empty: the unit's
/// file).
std::string unitFactsFileName(llvm::StringRef MainFile, llvm::StringRef Part);
/// The part that async-dangling-reference writes.
inline constexpr llvm::StringLiteral KeptParametersPart = "kept-parameters";
/// The part that async-io-without-timeout writes.
inline constexpr llvm::StringLiteral BoundedCallersPart = "bounded-callers";
/// The parts of a unit's facts: "" for the unit's own file, then those that
/// checks write by themselves.
inline llvm::ArrayRef<llvm::StringLiteral> unitFactsParts() {
  static constexpr llvm::StringLiteral Parts[] = {"", KeptParametersPart,
                                                  BoundedCallersPart};
  return Parts;
}
llvm::Expected<UnitFacts> unitFactsFromJson(llvm::StringRef Text,
                                            llvm::StringRef FileName);

/// Reads the unit facts files that Inputs name (files, or directories whose
/// *.json files are read in name order) and merges them. Files that cannot
/// be read or parsed are described in Problems, one line each, and left out.
ProjectFacts mergeFiles(const std::vector<std::string> &Inputs,
                        std::vector<std::string> &Problems);

} // namespace async_lint::facts

#endif // ASYNC_LINT_CHECKS_UTILS_PROJECTFACTS_H
