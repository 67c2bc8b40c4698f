//===--- QualifiedNameSet.h - Qualified names with wildcards ----*- C++ -*-===//
//
// "Is this type one of the task types / handle types / completion tokens the
// catalog names?", and "is this function one the options name?". A type name
// matches a class, any class derived from it, and any specialization of a
// class template of that name; '*', '?' and '{a,b}' work as in shell globs.
// Names come from an API kind of rules/profiles and from a check option.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_QUALIFIEDNAMESET_H
#define ASYNC_LINT_CHECKS_UTILS_QUALIFIEDNAMESET_H

#include "../catalog/RuleCatalog.h"
#include "../catalog/RuleNames.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/GlobPattern.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::async {
namespace catalog = ::async_lint::catalog;
} // namespace clang::tidy::async

namespace clang::tidy::async::utils {

class QualifiedNameSet {
public:
  QualifiedNameSet() = default;
  QualifiedNameSet(QualifiedNameSet &&) = default;
  QualifiedNameSet &operator=(QualifiedNameSet &&) = default;
  QualifiedNameSet(const QualifiedNameSet &) = delete;
  QualifiedNameSet &operator=(const QualifiedNameSet &) = delete;

  /// Adds every entry of an API kind of the catalog.
  void addKind(const catalog::Catalog &Catalog,
               ::async_lint::rules::ApiKindName Kind);
  /// Adds the ';'-separated names of a check option.
  void addNames(const std::vector<std::string> &Names);
  void addName(llvm::StringRef QualifiedName);

  bool empty() const { return Exact.empty() && Globs.empty(); }
  /// True when a qualified name is one of the names or matches a pattern.
  bool matchesName(llvm::StringRef QualifiedName) const;

  /// The catalog name of the class of Type (or of a base of it) that is
  /// named; references and cv-qualifiers are looked through.
  std::optional<std::string> matchType(QualType Type);
  /// Like match(), and also true when a template argument of the class names
  /// one, as in asio::as_tuple_t<asio::use_awaitable_t<>>.
  std::optional<std::string> matchTypeOrTemplateArguments(QualType Type);

private:
  std::optional<std::string> matchRecord(const CXXRecordDecl *Record);

  llvm::StringSet<> Exact;
  /// A GlobPattern refers into the text it was made from, which therefore
  /// stays in place when the object is moved.
  std::vector<std::unique_ptr<std::string>> GlobTexts;
  std::vector<llvm::GlobPattern> Globs;
  llvm::DenseMap<const CXXRecordDecl *, std::optional<std::string>> Cache;
};

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_QUALIFIEDNAMESET_H
