//===--- NameSet.cpp - Types and values named by the catalog --------------===//

#include "NameSet.h"
#include "ApiMatcher.h"

#include "clang/Basic/IdentifierTable.h"

namespace clang::tidy::async::utils {

void NameSet::addKind(const catalog::Catalog &Catalog,
                      ::async_lint::rules::ApiKindName Kind) {
  for (const catalog::ApiEntry *Entry : Catalog.apis(Kind.Id))
    add(Entry->QualifiedName);
}

void NameSet::add(llvm::StringRef QualifiedName) {
  QualifiedName = QualifiedName.trim().ltrim(':');
  if (QualifiedName.empty())
    return;
  if (QualifiedName.find_first_of("*?[{") == llvm::StringRef::npos) {
    if (Exact.insert(QualifiedName).second)
      ExactInOrder.push_back(QualifiedName.str());
    return;
  }
  GlobTexts.push_back(QualifiedName.str());
  if (auto Glob = llvm::GlobPattern::create(GlobTexts.back()))
    Globs.push_back(std::move(*Glob));
  else
    // An invalid glob from an option matches nothing rather than everything.
    llvm::consumeError(Glob.takeError());
}

bool NameSet::contains(llvm::StringRef QualifiedName) const {
  if (QualifiedName.empty())
    return false;
  if (Exact.contains(QualifiedName))
    return true;
  for (const llvm::GlobPattern &Glob : Globs)
    if (Glob.match(QualifiedName))
      return true;
  return false;
}

llvm::SmallVector<std::string, 2> qualifiedNamesOf(const NamedDecl *Decl) {
  llvm::SmallVector<std::string, 2> Names;
  const auto *Enumerator = dyn_cast<EnumConstantDecl>(Decl);
  if (!Enumerator) {
    std::string Name = catalogName(Decl);
    if (!Name.empty())
      Names.push_back(std::move(Name));
    return Names;
  }
  const auto *Enum = cast<EnumDecl>(Enumerator->getDeclContext());
  const std::string Own = Enumerator->getName().str();
  // An unscoped enumerator is named from the scope around its enum, as
  // people write it ("asio::error::operation_aborted").
  if (!Enum->isScoped()) {
    if (const auto *Scope = dyn_cast<NamedDecl>(Enum->getDeclContext())) {
      std::string Prefix = catalogName(Scope);
      if (!Prefix.empty())
        Names.push_back(Prefix + "::" + Own);
    } else if (Enum->getDeclContext()->isTranslationUnit()) {
      Names.push_back(Own);
    }
  }
  std::string EnumName = catalogName(Enum);
  if (!EnumName.empty())
    Names.push_back(EnumName + "::" + Own);
  return Names;
}

bool NameSet::containsDecl(const NamedDecl *Decl) const {
  if (!Decl || empty())
    return false;
  for (const std::string &Name : qualifiedNamesOf(Decl))
    if (contains(Name))
      return true;
  if (const auto *Alias = dyn_cast<TypedefNameDecl>(Decl))
    if (const CXXRecordDecl *Record =
            Alias->getUnderlyingType()->getAsCXXRecordDecl())
      return contains(catalogName(Record));
  return false;
}

llvm::SmallVector<const CXXRecordDecl *, 4>
NameSet::definitionsIn(const ASTContext &Context) const {
  llvm::SmallVector<const CXXRecordDecl *, 4> Found;
  for (const std::string &Name : ExactInOrder) {
    llvm::SmallVector<llvm::StringRef, 4> Parts;
    llvm::StringRef(Name).split(Parts, "::");
    const DeclContext *Scope = Context.getTranslationUnitDecl();
    const NamedDecl *Named = nullptr;
    for (llvm::StringRef Part : Parts) {
      if (!Scope)
        break;
      // Looking a name up must not create it: find, never get.
      auto Identifier = Context.Idents.find(Part);
      if (Identifier == Context.Idents.end()) {
        Named = nullptr;
        break;
      }
      Named = nullptr;
      for (const NamedDecl *Candidate :
           Scope->lookup(DeclarationName(Identifier->getValue()))) {
        if (isa<NamespaceDecl, CXXRecordDecl, TypedefNameDecl>(Candidate)) {
          Named = Candidate;
          break;
        }
      }
      if (!Named)
        break;
      Scope = dyn_cast<DeclContext>(Named);
      if (const auto *Alias = dyn_cast<TypedefNameDecl>(Named))
        if (const CXXRecordDecl *Record =
                Alias->getUnderlyingType()->getAsCXXRecordDecl())
          Scope = Record;
    }
    const CXXRecordDecl *Record = nullptr;
    if (const auto *Alias = dyn_cast_or_null<TypedefNameDecl>(Named))
      Record = Alias->getUnderlyingType()->getAsCXXRecordDecl();
    else
      Record = dyn_cast_or_null<CXXRecordDecl>(Named);
    if (Record && (Record = Record->getDefinition()) &&
        llvm::find(Found, Record) == Found.end())
      Found.push_back(Record);
  }
  return Found;
}

} // namespace clang::tidy::async::utils
