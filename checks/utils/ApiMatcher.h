//===--- ApiMatcher.h - Match calls against catalog API names ---*- C++ -*-===//
//
// Knowledge of APIs is data (rules/profiles and check options). This class
// answers "is this call or construction one of those APIs?" for a set of
// catalog entries, matching by qualified name:
//  - "ns::f" matches a call of the free function (or function object
//    variable) ns::f;
//  - "ns::C::m" matches a call of method m on an object whose class is ns::C
//    or derives from it, wherever m is declared;
//  - a construct entry "ns::C" matches constructing ns::C or a derived class;
//  - '*', '?' and '{a,b}' work as in shell globs.
// Inline namespaces (std::__cxx11) and template arguments are not part of a
// name.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_APIMATCHER_H
#define ASYNC_LINT_CHECKS_UTILS_APIMATCHER_H

#include "../catalog/RuleCatalog.h"
#include "../catalog/RuleNames.h"

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/GlobPattern.h"

#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::async {
namespace catalog = ::async_lint::catalog;
} // namespace clang::tidy::async

namespace clang::tidy::async::utils {

/// The qualified name of a declaration as the catalog spells it: no leading
/// "::", no inline or anonymous namespaces, no template arguments.
std::string catalogName(const NamedDecl *Decl);

class ApiMatcher {
public:
  struct Match {
    /// The caller-supplied tag of the entry that matched (e.g. a category).
    unsigned Tag;
    /// The entry that matched; it lives as long as the matcher.
    const catalog::ApiEntry *Entry;
    /// The name that matched, e.g. "std::future::get" for a call of get() on
    /// a std::future<int>.
    std::string MatchedName;
  };

  /// Adds a catalog entry; Tag is returned with every match of it.
  void add(const catalog::ApiEntry &Entry, unsigned Tag);
  /// Adds a plain call entry from a check option.
  void addName(llvm::StringRef QualifiedName, unsigned Tag);

  bool empty() const { return Patterns.empty(); }

  std::optional<Match> matchCall(const CallExpr *Call);
  std::optional<Match> matchConstruct(const CXXConstructExpr *Construct);

private:
  struct Pattern {
    catalog::ApiEntry Entry;
    unsigned Tag;
    /// Set when the name has wildcards.
    std::optional<llvm::GlobPattern> Glob;
  };

  void addExpanded(catalog::ApiEntry Entry, unsigned Tag);
  /// The names a record answers to: its own and those of all its bases.
  const llvm::SmallVector<std::string, 4> &
  classNamesOf(const CXXRecordDecl *Record);
  bool typeIsOneOf(QualType Type, const std::vector<std::string> &Names);
  bool constraintsHold(const Pattern &P, const FunctionDecl *Callee,
                       llvm::ArrayRef<const Expr *> Args);
  std::optional<Match> matchCandidates(llvm::StringRef LastName,
                                       llvm::ArrayRef<std::string> Candidates,
                                       catalog::ApiEntryKind Kind,
                                       const FunctionDecl *Callee,
                                       llvm::ArrayRef<const Expr *> Args);

  // A deque keeps entries in place, so Match::Entry stays valid.
  std::deque<Pattern> Patterns;
  /// Exact patterns indexed by the last component of their name, so that a
  /// call is compared only with entries that can match it.
  llvm::StringMap<llvm::SmallVector<unsigned, 2>> ByLastName;
  /// Patterns whose last component has wildcards.
  llvm::SmallVector<unsigned, 8> GlobPatterns;
  llvm::DenseMap<const CXXRecordDecl *, llvm::SmallVector<std::string, 4>>
      ClassNamesCache;
};

/// Adds the catalog's entries of one kind, then the names a check option
/// adds to that kind, all with the same tag.
void addCatalogKind(ApiMatcher &Matcher, const catalog::Catalog &Catalog,
                    ::async_lint::rules::ApiKindName Kind,
                    const std::vector<std::string> &Extra, unsigned Tag = 0);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_APIMATCHER_H
