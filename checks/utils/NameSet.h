//===--- NameSet.h - Types and values named by the catalog ------*- C++ -*-===//
//
// ApiMatcher answers for calls. Some catalog kinds name types (exception
// types, completion tokens) or values (error-code enumerators); a NameSet
// holds such qualified names, with the same '*', '?' and '{a,b}' globs, and
// tells whether a declaration is one of them.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_NAMESET_H
#define ASYNC_LINT_CHECKS_UTILS_NAMESET_H

#include "../catalog/RuleCatalog.h"
#include "../catalog/RuleNames.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/GlobPattern.h"

#include <deque>
#include <string>
#include <vector>

namespace clang::tidy::async {
namespace catalog = ::async_lint::catalog;
} // namespace clang::tidy::async

namespace clang::tidy::async::utils {

/// The qualified names a declaration answers to, as the catalog spells
/// them: an enumerator of an unscoped enum is "ns::e" first, then
/// "ns::Enum::e"; anything else has its catalogName.
llvm::SmallVector<std::string, 2> qualifiedNamesOf(const NamedDecl *Decl);

class NameSet {
public:
  /// Adds every entry of an API kind of the catalog.
  void addKind(const catalog::Catalog &Catalog,
               ::async_lint::rules::ApiKindName Kind);
  /// Adds a qualified name (a leading "::" is ignored).
  void add(llvm::StringRef QualifiedName);
  bool empty() const { return Exact.empty() && Globs.empty(); }

  bool contains(llvm::StringRef QualifiedName) const;
  /// Whether the declaration's qualified name is in the set. An enumerator
  /// answers to "ns::e" and to "ns::Enum::e"; a type alias to its own name
  /// and to the name of the class it stands for.
  bool containsDecl(const NamedDecl *Decl) const;

  /// The class definitions this translation unit has for the exact names of
  /// the set (aliases resolved); names with wildcards are not looked up.
  llvm::SmallVector<const CXXRecordDecl *, 4>
  definitionsIn(const ASTContext &Context) const;

private:
  llvm::StringSet<> Exact;
  /// The exact names in the order they were added, for stable results.
  std::vector<std::string> ExactInOrder;
  // A deque keeps the texts in place: a GlobPattern refers into its text.
  std::deque<std::string> GlobTexts;
  std::vector<llvm::GlobPattern> Globs;
};

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_NAMESET_H
