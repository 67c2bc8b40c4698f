//===--- QualifiedNameMatcher.h - Match code against API names --*- C++ -*-===//
//
// Knowledge of APIs is data (rules/profiles and check options): qualified
// names, matched here against calls, constructions, types and declarations.
//  - "ns::f" matches a call of the free function (or function object
//    variable) ns::f;
//  - "ns::C::m" matches a call of method (or operator) m on an object whose
//    class is ns::C or derives from it, wherever m is declared;
//  - a construct entry "ns::C" matches constructing ns::C or a derived class;
//  - a type "ns::C" matches ns::C, any class derived from it and any
//    specialization of a class template of that name;
//  - an enumerator of an unscoped enum answers to "ns::e" and "ns::Enum::e";
//  - '*', '?', '[...]' and '{a,b}' work as in shell globs.
// Inline namespaces (std::__cxx11) and template arguments are not part of a
// name.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_QUALIFIEDNAMEMATCHER_H
#define ASYNC_LINT_CHECKS_UTILS_QUALIFIEDNAMEMATCHER_H

#include "../catalog/RuleCatalog.h"
#include "../catalog/RuleNames.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
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

/// The qualified names a declaration answers to, as the catalog spells
/// them: an enumerator of an unscoped enum is "ns::e" first, then
/// "ns::Enum::e"; anything else has its catalogName.
llvm::SmallVector<std::string, 2> qualifiedNamesOf(const NamedDecl *Decl);

class QualifiedNameMatcher {
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

  QualifiedNameMatcher() = default;
  QualifiedNameMatcher(QualifiedNameMatcher &&) = default;
  QualifiedNameMatcher &operator=(QualifiedNameMatcher &&) = default;
  QualifiedNameMatcher(const QualifiedNameMatcher &) = delete;
  QualifiedNameMatcher &operator=(const QualifiedNameMatcher &) = delete;

  /// Adds every entry of an API kind of the catalog, then the names a check
  /// option adds to that kind; Tag is returned with every match of them.
  void addKind(const catalog::Catalog &Catalog,
               ::async_lint::rules::ApiKindName Kind,
               const std::vector<std::string> &ExtraNames = {},
               unsigned Tag = 0);
  /// A matcher of an API kind and of ExtraNames.
  static QualifiedNameMatcher
  ofKind(const catalog::Catalog &Catalog, ::async_lint::rules::ApiKindName Kind,
         const std::vector<std::string> &ExtraNames = {});
  /// Adds a catalog entry, with its argument constraints.
  void addEntry(const catalog::ApiEntry &Entry, unsigned Tag = 0);
  /// Adds a plain name (a leading "::" is ignored).
  void addName(llvm::StringRef QualifiedName, unsigned Tag = 0);
  void addNames(const std::vector<std::string> &QualifiedNames,
                unsigned Tag = 0);

  bool empty() const { return Patterns.empty(); }

  /// Whether a qualified name is one of the names or matches a pattern.
  bool matchesName(llvm::StringRef QualifiedName) const;
  /// Whether the declaration answers to one of the names (see
  /// qualifiedNamesOf); a type alias also to the name of the class it stands
  /// for.
  bool matchesDecl(const NamedDecl *Decl) const;

  /// The catalog name of the class of Type (or of a base of it) that is
  /// named; references and cv-qualifiers are looked through.
  std::optional<std::string> matchType(QualType Type);
  /// Like matchType(), and also a template argument of the class, as in
  /// asio::as_tuple_t<asio::use_awaitable_t<>>.
  std::optional<std::string> matchTypeOrTemplateArguments(QualType Type);

  /// A call of a named function, function object or method.
  std::optional<Match> matchCall(const CallExpr *Call);
  /// A construction of a class named by a construct entry.
  std::optional<Match> matchConstruct(const CXXConstructExpr *Construct);

  /// The class definitions this translation unit has for the names written
  /// without wildcards or braces (aliases resolved), in the order added.
  llvm::SmallVector<const CXXRecordDecl *, 4>
  definitionsIn(const ASTContext &Context) const;

private:
  struct Pattern {
    catalog::ApiEntry Entry;
    unsigned Tag;
    /// Set when the name has wildcards.
    std::optional<llvm::GlobPattern> Glob;
    /// One alternative of a name written with "{a,b}".
    bool FromBraces;
  };

  void addExpanded(catalog::ApiEntry Entry, unsigned Tag, bool FromBraces);
  /// The names a record answers to: its own and those of all its bases.
  const llvm::SmallVector<std::string, 4> &
  classNamesOf(const CXXRecordDecl *Record);
  std::optional<std::string> matchRecord(const CXXRecordDecl *Record);
  bool typeIsOneOf(QualType Type, const std::vector<std::string> &Names);
  bool constraintsHold(const Pattern &P, const FunctionDecl *Callee,
                       llvm::ArrayRef<const Expr *> Args);
  std::optional<Match> matchCandidates(llvm::StringRef LastName,
                                       llvm::ArrayRef<std::string> Candidates,
                                       catalog::ApiEntryKind Kind,
                                       const FunctionDecl *Callee,
                                       llvm::ArrayRef<const Expr *> Args);

  // A deque keeps entries in place, so Match::Entry stays valid and a
  // GlobPattern, which refers into its text, survives a move.
  std::deque<Pattern> Patterns;
  /// Names without wildcards, for questions about names alone.
  llvm::StringSet<> ExactNames;
  /// Patterns with wildcards anywhere in their name.
  llvm::SmallVector<unsigned, 8> GlobPatterns;
  /// Exact patterns indexed by the last component of their name, so that a
  /// call is compared only with entries that can match it.
  llvm::StringMap<llvm::SmallVector<unsigned, 2>> ByLastName;
  /// Patterns whose last component has wildcards.
  llvm::SmallVector<unsigned, 8> GlobLastNames;
  llvm::DenseMap<const CXXRecordDecl *, llvm::SmallVector<std::string, 4>>
      ClassNamesCache;
  llvm::DenseMap<const CXXRecordDecl *, std::optional<std::string>>
      TypeMatchCache;
};

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_QUALIFIEDNAMEMATCHER_H
