//===--- QualifiedNameSet.cpp - Qualified names with wildcards -----------===//

#include "QualifiedNameSet.h"
#include "ApiMatcher.h"

#include "clang/AST/DeclTemplate.h"

namespace clang::tidy::async::utils {

void QualifiedNameSet::addKind(const catalog::Catalog &Catalog,
                               ::async_lint::rules::ApiKindName Kind) {
  for (const catalog::ApiEntry *Entry : Catalog.apis(Kind.Id))
    addName(Entry->QualifiedName);
}

void QualifiedNameSet::addNames(const std::vector<std::string> &Names) {
  for (const std::string &Name : Names)
    addName(Name);
}

void QualifiedNameSet::addName(llvm::StringRef QualifiedName) {
  QualifiedName = QualifiedName.trim().ltrim(':');
  if (QualifiedName.empty())
    return;
  Cache.clear();
  if (QualifiedName.find_first_of("*?[{") == llvm::StringRef::npos) {
    Exact.insert(QualifiedName);
    return;
  }
  GlobTexts.push_back(std::make_unique<std::string>(QualifiedName.str()));
  if (auto Glob = llvm::GlobPattern::create(*GlobTexts.back()))
    Globs.push_back(std::move(*Glob));
  else
    // An invalid pattern from an option matches nothing.
    llvm::consumeError(Glob.takeError());
}

bool QualifiedNameSet::matchesName(llvm::StringRef Name) const {
  if (Name.empty())
    return false;
  if (Exact.contains(Name))
    return true;
  for (const llvm::GlobPattern &Glob : Globs)
    if (Glob.match(Name))
      return true;
  return false;
}

std::optional<std::string>
QualifiedNameSet::matchRecord(const CXXRecordDecl *Record) {
  if (!Record)
    return std::nullopt;
  Record = Record->getCanonicalDecl();
  if (auto Found = Cache.find(Record); Found != Cache.end())
    return Found->second;
  // Guards against a class that (through templates) derives from itself
  // while its bases are being looked at.
  Cache[Record] = std::nullopt;
  std::optional<std::string> Result;
  std::string Own = catalogName(Record);
  if (matchesName(Own)) {
    Result = Own;
  } else if (const CXXRecordDecl *Definition = Record->getDefinition()) {
    for (const CXXBaseSpecifier &Base : Definition->bases())
      if ((Result = matchRecord(Base.getType()->getAsCXXRecordDecl())))
        break;
  }
  Cache[Record] = Result;
  return Result;
}

std::optional<std::string> QualifiedNameSet::matchType(QualType Type) {
  if (empty() || Type.isNull() || Type->isDependentType())
    return std::nullopt;
  return matchRecord(Type.getNonReferenceType()->getAsCXXRecordDecl());
}

std::optional<std::string>
QualifiedNameSet::matchTypeOrTemplateArguments(QualType Type) {
  if (auto Found = matchType(Type))
    return Found;
  if (Type.isNull() || Type->isDependentType())
    return std::nullopt;
  const auto *Specialization =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          Type.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Specialization)
    return std::nullopt;
  for (const TemplateArgument &Argument :
       Specialization->getTemplateArgs().asArray())
    if (Argument.getKind() == TemplateArgument::Type)
      if (auto Found = matchTypeOrTemplateArguments(Argument.getAsType()))
        return Found;
  return std::nullopt;
}

} // namespace clang::tidy::async::utils
