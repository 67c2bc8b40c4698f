//===--- RuleCatalog.h - The rule catalog read from rules/ ------*- C++ -*-===//
//
// The catalog is data: one YAML file per rule (id, severity, rationale,
// options) and one per runtime profile (the APIs each check knows about). This
// header has no Clang dependency so that the build-time validator, the checks
// and the driver all read the catalog through the same code.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CATALOG_RULECATALOG_H
#define ASYNC_LINT_CATALOG_RULECATALOG_H

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace async_lint::catalog {

/// A position in a catalog file, 1-based like a compiler diagnostic.
struct SourcePosition {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;

  /// "file:line:col", or just "file" when the position is unknown.
  std::string str() const;
};

/// Why a catalog file was rejected, printed as `file:line:col: error: ...`.
struct CatalogError {
  SourcePosition Where;
  std::string Message;

  std::string str() const;
};

struct RuleOption {
  std::string Name;
  std::string Default;
  std::string Description;
};

/// A family of APIs a check treats alike, e.g. the "sleep" blocking calls.
struct ApiCategory {
  std::string Id;
  /// The check option that switches the category on or off.
  std::string Option;
  /// The check option that lists extra qualified names for the category.
  std::string ExtraOption;
  /// How the category is named in diagnostics ("sleep", "file I/O").
  std::string Label;
  /// The non-blocking replacement suggested in diagnostics.
  std::string Alternative;
};

struct RuleExample {
  std::string Title;
  std::string Code;
};

struct Rule {
  std::string Id;
  std::string Title;
  /// error, warning or note.
  std::string Severity;
  /// One line, used by --list-checks.
  std::string Summary;
  std::string Rationale;
  /// False for strict rules that run only when named or matched explicitly
  /// (e.g. by "async-*"); the driver's default check list leaves them out.
  bool EnabledByDefault = true;
  std::vector<RuleOption> Options;
  std::vector<ApiCategory> Categories;
  std::vector<RuleExample> BadExamples;
  std::vector<RuleExample> GoodExamples;
  SourcePosition Where;

  const RuleOption *findOption(std::string_view Name) const;
};

/// When a task type's coroutine starts running.
enum class TaskStart {
  /// Suspended at its start; runs only once awaited (or handed to a spawn).
  Lazy,
  /// Runs from the call until its first suspension; dropping it leaves the
  /// work running with nobody watching.
  Eager,
};

enum class ApiEntryKind {
  /// A call of a function, of a method (on an object of the named class or of
  /// a class derived from it), or of a function object variable.
  Call,
  /// Constructing an object of the named class (or a derived class).
  Construct,
};

/// Restricts an entry to calls whose argument or parameter at Index has (or
/// derives from) one of the named types, or names one of the named variables.
struct ArgumentConstraint {
  unsigned Index = 0;
  std::vector<std::string> Names;
};

struct ApiEntry {
  /// Fully qualified, without a leading "::"; may contain '*' wildcards.
  std::string QualifiedName;
  ApiEntryKind Kind = ApiEntryKind::Call;
  /// Constructing with fewer arguments does not count (default construction).
  unsigned MinArguments = 0;
  /// A call with more written arguments does not count: the overload of a
  /// gather that takes a cap on how many run at once.
  std::optional<unsigned> MaxArguments;
  std::optional<ArgumentConstraint> ArgumentType;
  std::optional<ArgumentConstraint> ParameterType;
  /// The call does not count when this argument names one of these variables.
  std::optional<ArgumentConstraint> UnlessArgumentIs;
  /// The call does not count when any argument has one of these types.
  std::vector<std::string> UnlessAnyArgumentType;
  /// For task types only: whether a call returning one runs the coroutine
  /// from the call (eager) or only once it is awaited (lazy); unset when the
  /// profile does not say.
  std::optional<TaskStart> Start;
  /// The profile it came from ("posix", "std", "asio", ...).
  std::string Profile;
  SourcePosition Where;
};

/// What a runtime suggests instead of the API a check reports, in its own
/// words: keyed by the check's category kind ("blocking-call-sleep").
struct RuntimeHint {
  /// Appended to the finding ("await the scheduler's timer: co_await
  /// scheduler->yield_for(d)").
  std::string Text;
  /// An optional fix-it: the callee, from the start of the call to the end
  /// of its name, is replaced with this text ("co_await aio::sleep")...
  std::string FixReplaceCalleeWith;
  /// ...which needs this header ("aio/sleep.hpp"), included or inserted...
  std::string FixHeader;
  /// ...in calls of these APIs only (qualified names of the category's
  /// entries), whose arguments the replacement takes as they are.
  std::vector<std::string> FixCalls;
  SourcePosition Where;
};

/// The APIs of one runtime or library, by API kind ("blocking-sleep", ...).
struct Profile {
  std::string Id;
  std::string Title;
  std::vector<std::string> Namespaces;
  std::map<std::string, std::vector<ApiEntry>> Apis;
  /// Fix hints in this runtime's words, by category kind.
  std::map<std::string, RuntimeHint> Hints;
  /// Read from a user's profile file rather than compiled in from rules/.
  bool UserDefined = false;
  SourcePosition Where;
};

/// A list of APIs that checks share, such as the task types of every runtime;
/// declared in rules/api-kinds.yaml so that profiles can fill it.
struct ApiKind {
  std::string Id;
  std::string Description;
  SourcePosition Where;
};

/// One catalog file's name and text.
struct CatalogSource {
  std::string Path;
  std::string Text;
};

class Catalog {
public:
  const std::vector<Rule> &rules() const { return Rules; }
  const std::vector<Profile> &profiles() const { return Profiles; }
  const std::vector<ApiKind> &apiKinds() const { return ApiKinds; }
  const Rule *findRule(std::string_view Id) const;
  /// Whether Kind is declared in api-kinds or is a rule's category kind.
  bool isApiKind(std::string_view Kind) const;
  /// Every entry of the given API kind, over all profiles. Asking for a kind
  /// that is not declared (isApiKind) is a programming error: it aborts
  /// rather than giving an empty list.
  std::vector<const ApiEntry *> apis(std::string_view Kind) const;

private:
  friend std::variant<Catalog, CatalogError>
  parseCatalog(const std::vector<CatalogSource> &Sources);
  friend std::variant<Catalog, CatalogError>
  withProfiles(const Catalog &Base, std::vector<Profile> Added);

  std::vector<Rule> Rules;
  std::vector<Profile> Profiles;
  std::vector<ApiKind> ApiKinds;
};

/// Parses and validates rule files (`rules/checks/*.yaml`, top-level `id`),
/// profile files (`rules/profiles/*.yaml`, top-level `profile`) and the list
/// of shared API kinds (`rules/api-kinds.yaml`, top-level `api-kinds`).
std::variant<Catalog, CatalogError>
parseCatalog(const std::vector<CatalogSource> &Sources);

/// Parses a user's profile file: one profile in the schema of
/// rules/profiles, validated against Base's rules and API kinds like a
/// built-in one. Its id must not be one of Base's: a user profile describes a
/// runtime of its own and neither replaces nor extends a built-in one.
std::variant<Profile, CatalogError>
parseUserProfile(const Catalog &Base, const CatalogSource &Source);

/// Base with the profiles added after its own; two added profiles with the
/// same id are an error.
std::variant<Catalog, CatalogError> withProfiles(const Catalog &Base,
                                                 std::vector<Profile> Added);

/// The catalog compiled into this binary from rules/. It was validated when
/// the binary was built, so this cannot fail.
const Catalog &builtinCatalog();

/// The kind that names a check's findings as a whole: its id without
/// "async-" ("blocking-call" for async-blocking-call).
std::string checkKindOf(std::string_view RuleId);

/// The API kind of a rule's category: "<check kind>-<category id>"
/// ("blocking-call-sleep"). Profiles list a category's APIs under it.
std::string categoryKindOf(std::string_view RuleId,
                           std::string_view CategoryId);

/// Splits a ';'- or ','-separated option value into trimmed, non-empty items.
std::vector<std::string> splitList(std::string_view Value);

} // namespace async_lint::catalog

#endif // ASYNC_LINT_CATALOG_RULECATALOG_H
