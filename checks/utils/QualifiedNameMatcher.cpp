//===--- QualifiedNameMatcher.cpp - Match code against API names ---------===//

#include "QualifiedNameMatcher.h"

#include "clang/AST/DeclTemplate.h"

namespace clang::tidy::async::utils {

std::string catalogName(const NamedDecl *Decl) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  const DeclContext *Context = Decl->getDeclContext();
  if (!Decl->getDeclName().isIdentifier())
    return {};
  Parts.push_back(Decl->getName());
  for (; Context && !Context->isTranslationUnit();
       Context = Context->getParent()) {
    if (const auto *Namespace = dyn_cast<NamespaceDecl>(Context)) {
      if (Namespace->isInline() || Namespace->isAnonymousNamespace())
        continue;
      Parts.push_back(Namespace->getName());
    } else if (const auto *Record = dyn_cast<RecordDecl>(Context)) {
      if (Record->getIdentifier())
        Parts.push_back(Record->getName());
    } else if (isa<LinkageSpecDecl>(Context)) {
      continue;
    } else {
      // A local entity (inside a function) has no catalog name.
      return {};
    }
  }
  std::string Name;
  for (auto It = Parts.rbegin(); It != Parts.rend(); ++It) {
    if (!Name.empty())
      Name += "::";
    Name += *It;
  }
  return Name;
}

namespace {

llvm::StringRef lastComponent(llvm::StringRef Name) {
  size_t Brace = Name.find('{');
  size_t Separator = Name.substr(0, Brace).rfind("::");
  return Separator == llvm::StringRef::npos ? Name
                                            : Name.drop_front(Separator + 2);
}

bool hasWildcard(llvm::StringRef Text) {
  return Text.find_first_of("*?[{") != llvm::StringRef::npos;
}

/// Expands the first "{a,b,c}" group, so "f::{x,y}" becomes "f::x", "f::y".
llvm::SmallVector<std::string, 8> expandBraces(llvm::StringRef Name) {
  size_t Open = Name.find('{');
  size_t Close = Name.find('}', Open);
  if (Open == llvm::StringRef::npos || Close == llvm::StringRef::npos)
    return {Name.str()};
  llvm::SmallVector<std::string, 8> Result;
  llvm::SmallVector<llvm::StringRef, 16> Alternatives;
  Name.slice(Open + 1, Close).split(Alternatives, ',');
  for (llvm::StringRef Alternative : Alternatives)
    for (std::string &Rest : expandBraces(Name.drop_front(Close + 1)))
      Result.push_back((Name.take_front(Open) + Alternative + Rest).str());
  return Result;
}

/// Default arguments are not written by the user, so they do not count.
llvm::SmallVector<const Expr *, 4> writtenArguments(const CallExpr *Call,
                                                    unsigned Skip) {
  llvm::SmallVector<const Expr *, 4> Args;
  for (unsigned I = Skip; I < Call->getNumArgs(); ++I)
    if (!isa<CXXDefaultArgExpr>(Call->getArg(I)))
      Args.push_back(Call->getArg(I));
  return Args;
}

} // namespace

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

void QualifiedNameMatcher::addKind(const catalog::Catalog &Catalog,
                                   ::async_lint::rules::ApiKindName Kind,
                                   const std::vector<std::string> &ExtraNames,
                                   unsigned Tag) {
  for (const catalog::ApiEntry *Entry : Catalog.apis(Kind.Id))
    addEntry(*Entry, Tag);
  addNames(ExtraNames, Tag);
}

QualifiedNameMatcher
QualifiedNameMatcher::ofKind(const catalog::Catalog &Catalog,
                             ::async_lint::rules::ApiKindName Kind,
                             const std::vector<std::string> &ExtraNames) {
  QualifiedNameMatcher Matcher;
  Matcher.addKind(Catalog, Kind, ExtraNames);
  return Matcher;
}

void QualifiedNameMatcher::addEntry(const catalog::ApiEntry &Entry,
                                    unsigned Tag) {
  llvm::SmallVector<std::string, 8> Alternatives =
      expandBraces(Entry.QualifiedName);
  const bool FromBraces =
      Alternatives.size() > 1 || Alternatives.front() != Entry.QualifiedName;
  for (std::string &Name : Alternatives) {
    catalog::ApiEntry Expanded = Entry;
    Expanded.QualifiedName = std::move(Name);
    addExpanded(std::move(Expanded), Tag, FromBraces);
  }
}

void QualifiedNameMatcher::addName(llvm::StringRef QualifiedName,
                                   unsigned Tag) {
  QualifiedName = QualifiedName.trim().ltrim(':');
  if (QualifiedName.empty())
    return;
  catalog::ApiEntry Entry;
  Entry.QualifiedName = QualifiedName.str();
  addEntry(Entry, Tag);
}

void QualifiedNameMatcher::addNames(
    const std::vector<std::string> &QualifiedNames, unsigned Tag) {
  for (const std::string &Name : QualifiedNames)
    addName(Name, Tag);
}

void QualifiedNameMatcher::addExpanded(catalog::ApiEntry Entry, unsigned Tag,
                                       bool FromBraces) {
  const unsigned Index = Patterns.size();
  // Stored first: a GlobPattern keeps a reference into the text it was made
  // from, so it is made from the copy that stays in place.
  Patterns.push_back(Pattern{std::move(Entry), Tag, std::nullopt, FromBraces});
  Pattern &P = Patterns.back();
  llvm::StringRef Name = P.Entry.QualifiedName;
  llvm::StringRef Last = lastComponent(Name);
  if (hasWildcard(Name)) {
    auto Glob = llvm::GlobPattern::create(Name);
    if (!Glob) {
      // An invalid glob from a user option matches nothing rather than
      // everything; the option text is shown by --dump-config.
      llvm::consumeError(Glob.takeError());
      Patterns.pop_back();
      return;
    }
    P.Glob = std::move(*Glob);
    GlobPatterns.push_back(Index);
  } else {
    ExactNames.insert(Name);
  }
  if (hasWildcard(Last))
    GlobLastNames.push_back(Index);
  else
    ByLastName[Last].push_back(Index);
  // A type that matched nothing may match the new name.
  TypeMatchCache.clear();
}

bool QualifiedNameMatcher::matchesName(llvm::StringRef QualifiedName) const {
  if (QualifiedName.empty())
    return false;
  if (ExactNames.contains(QualifiedName))
    return true;
  for (unsigned Index : GlobPatterns)
    if (Patterns[Index].Glob->match(QualifiedName))
      return true;
  return false;
}

bool QualifiedNameMatcher::matchesDecl(const NamedDecl *Decl) const {
  if (!Decl || empty())
    return false;
  for (const std::string &Name : qualifiedNamesOf(Decl))
    if (matchesName(Name))
      return true;
  if (const auto *Alias = dyn_cast<TypedefNameDecl>(Decl))
    if (const CXXRecordDecl *Record =
            Alias->getUnderlyingType()->getAsCXXRecordDecl())
      return matchesName(catalogName(Record));
  return false;
}

const llvm::SmallVector<std::string, 4> &
QualifiedNameMatcher::classNamesOf(const CXXRecordDecl *Record) {
  Record = Record->getCanonicalDecl();
  auto Found = ClassNamesCache.find(Record);
  if (Found != ClassNamesCache.end())
    return Found->second;
  // Guards against a class that (through templates) derives from itself
  // while its bases are being looked at.
  ClassNamesCache[Record];
  llvm::SmallVector<std::string, 4> Names;
  std::string Own = catalogName(Record);
  if (!Own.empty())
    Names.push_back(std::move(Own));
  if (const CXXRecordDecl *Definition = Record->getDefinition()) {
    for (const CXXBaseSpecifier &Base : Definition->bases()) {
      const CXXRecordDecl *BaseRecord = Base.getType()->getAsCXXRecordDecl();
      if (!BaseRecord)
        continue;
      for (const std::string &Name : classNamesOf(BaseRecord))
        if (llvm::find(Names, Name) == Names.end())
          Names.push_back(Name);
    }
  }
  return ClassNamesCache[Record] = std::move(Names);
}

std::optional<std::string>
QualifiedNameMatcher::matchRecord(const CXXRecordDecl *Record) {
  if (!Record)
    return std::nullopt;
  Record = Record->getCanonicalDecl();
  if (auto Found = TypeMatchCache.find(Record); Found != TypeMatchCache.end())
    return Found->second;
  std::optional<std::string> Result;
  // The class's own name first, then its bases' depth first.
  for (const std::string &Name : classNamesOf(Record))
    if (matchesName(Name)) {
      Result = Name;
      break;
    }
  TypeMatchCache[Record] = Result;
  return Result;
}

std::optional<std::string> QualifiedNameMatcher::matchType(QualType Type) {
  if (empty() || Type.isNull() || Type->isDependentType())
    return std::nullopt;
  return matchRecord(Type.getNonReferenceType()->getAsCXXRecordDecl());
}

std::optional<std::string>
QualifiedNameMatcher::matchTypeOrTemplateArguments(QualType Type) {
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

bool QualifiedNameMatcher::typeIsOneOf(QualType Type,
                                       const std::vector<std::string> &Names) {
  Type = Type.getNonReferenceType();
  if (const auto *Pointer = Type->getAs<PointerType>())
    Type = Pointer->getPointeeType();
  // A name that a typedef gives: asio::disable_cancellation is one of the
  // cancellation_filter class template's instances, told apart from the
  // others only by its template argument.
  for (const TypedefType *Typedef = Type->getAs<TypedefType>(); Typedef;
       Typedef = Typedef->desugar()->getAs<TypedefType>())
    if (llvm::is_contained(Names, catalogName(Typedef->getDecl())))
      return true;
  const CXXRecordDecl *Record = Type->getAsCXXRecordDecl();
  if (!Record)
    return false;
  for (const std::string &ClassName : classNamesOf(Record))
    if (llvm::is_contained(Names, ClassName))
      return true;
  return false;
}

bool QualifiedNameMatcher::constraintsHold(const Pattern &P,
                                           const FunctionDecl *Callee,
                                           llvm::ArrayRef<const Expr *> Args) {
  const catalog::ApiEntry &E = P.Entry;
  if (Args.size() < E.MinArguments ||
      (E.MaxArguments && Args.size() > *E.MaxArguments))
    return false;
  if (E.ArgumentType) {
    if (E.ArgumentType->Index >= Args.size() ||
        !typeIsOneOf(
            Args[E.ArgumentType->Index]->IgnoreParenImpCasts()->getType(),
            E.ArgumentType->Names))
      return false;
  }
  if (E.ParameterType) {
    if (!Callee || E.ParameterType->Index >= Callee->getNumParams() ||
        !typeIsOneOf(Callee->getParamDecl(E.ParameterType->Index)->getType(),
                     E.ParameterType->Names))
      return false;
  }
  if (E.UnlessArgumentIs && E.UnlessArgumentIs->Index < Args.size()) {
    const Expr *Arg = Args[E.UnlessArgumentIs->Index]->IgnoreParenImpCasts();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Arg))
      if (llvm::is_contained(E.UnlessArgumentIs->Names,
                             catalogName(Ref->getDecl())))
        return false;
  }
  for (const Expr *Arg : Args)
    if (!E.UnlessAnyArgumentType.empty() &&
        typeIsOneOf(Arg->IgnoreParenImpCasts()->getType(),
                    E.UnlessAnyArgumentType))
      return false;
  return true;
}

std::optional<QualifiedNameMatcher::Match>
QualifiedNameMatcher::matchCandidates(llvm::StringRef LastName,
                                      llvm::ArrayRef<std::string> Candidates,
                                      catalog::ApiEntryKind Kind,
                                      const FunctionDecl *Callee,
                                      llvm::ArrayRef<const Expr *> Args) {
  auto Try = [&](unsigned Index) -> std::optional<Match> {
    const Pattern &P = Patterns[Index];
    if (P.Entry.Kind != Kind)
      return std::nullopt;
    for (const std::string &Candidate : Candidates) {
      bool NameMatches = P.Glob ? P.Glob->match(Candidate)
                                : Candidate == P.Entry.QualifiedName;
      if (NameMatches && constraintsHold(P, Callee, Args))
        return Match{P.Tag, &P.Entry, Candidate};
    }
    return std::nullopt;
  };
  auto Indexed = ByLastName.find(LastName);
  if (Indexed != ByLastName.end())
    for (unsigned Index : Indexed->second)
      if (auto Found = Try(Index))
        return Found;
  for (unsigned Index : GlobLastNames)
    if (auto Found = Try(Index))
      return Found;
  return std::nullopt;
}

std::optional<QualifiedNameMatcher::Match>
QualifiedNameMatcher::matchCall(const CallExpr *Call) {
  if (Patterns.empty())
    return std::nullopt;

  // A call of a function object variable, e.g. stdexec::sync_wait(sender).
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Call)) {
    if (Operator->getOperator() == OO_Call && Operator->getNumArgs() > 0) {
      const Expr *Object = Operator->getArg(0)->IgnoreParenImpCasts();
      if (const auto *Ref = dyn_cast<DeclRefExpr>(Object)) {
        if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl())) {
          std::string Name = catalogName(Var);
          if (!Name.empty() && Var->getIdentifier())
            return matchCandidates(
                Var->getName(), {Name}, catalog::ApiEntryKind::Call,
                Operator->getDirectCallee(), writtenArguments(Call, 1));
        }
      }
    }
  }

  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !Callee->getIdentifier())
    return std::nullopt;
  llvm::StringRef LastName = Callee->getName();
  // Cheap rejection before any name is built: most calls match nothing.
  if (!ByLastName.count(LastName) && GlobLastNames.empty())
    return std::nullopt;

  const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
  if (!Method || Method->isStatic()) {
    std::string Name = catalogName(Callee);
    if (Name.empty())
      return std::nullopt;
    return matchCandidates(LastName, {Name}, catalog::ApiEntryKind::Call,
                           Callee, writtenArguments(Call, 0));
  }

  // A method: it answers to the object's class and every base of it.
  const CXXRecordDecl *ObjectClass = Method->getParent();
  unsigned Skip = 0;
  if (const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(Call)) {
    // The object before its derived-to-base conversion: in.read() on an
    // ifstream calls istream::read, but the object is still an ifstream.
    if (const Expr *Object = MemberCall->getImplicitObjectArgument()) {
      QualType Type = Object->IgnoreParenImpCasts()->getType();
      if (Type->isPointerType())
        Type = Type->getPointeeType();
      if (const CXXRecordDecl *Record = Type->getAsCXXRecordDecl())
        ObjectClass = Record;
    }
  } else if (isa<CXXOperatorCallExpr>(Call)) {
    Skip = 1;
    if (const CXXRecordDecl *Record = Call->getArg(0)
                                          ->IgnoreParenImpCasts()
                                          ->getType()
                                          ->getAsCXXRecordDecl())
      ObjectClass = Record;
  }
  llvm::SmallVector<std::string, 4> Candidates;
  for (const std::string &ClassName : classNamesOf(ObjectClass))
    Candidates.push_back(ClassName + "::" + LastName.str());
  return matchCandidates(LastName, Candidates, catalog::ApiEntryKind::Call,
                         Callee, writtenArguments(Call, Skip));
}

std::optional<QualifiedNameMatcher::Match>
QualifiedNameMatcher::matchConstruct(const CXXConstructExpr *Construct) {
  if (Patterns.empty())
    return std::nullopt;
  const CXXConstructorDecl *Constructor = Construct->getConstructor();
  if (!Constructor || Constructor->isCopyOrMoveConstructor())
    return std::nullopt;
  const CXXRecordDecl *Record = Constructor->getParent();
  llvm::SmallVector<const Expr *, 4> Args;
  for (const Expr *Arg : Construct->arguments())
    if (!isa<CXXDefaultArgExpr>(Arg))
      Args.push_back(Arg);
  // A copy: matching may grow the cache that classNamesOf returns into.
  const llvm::SmallVector<std::string, 4> Names = classNamesOf(Record);
  for (const std::string &Name : Names)
    if (auto Found = matchCandidates(lastComponent(Name), {Name},
                                     catalog::ApiEntryKind::Construct,
                                     Constructor, Args))
      return Found;
  return std::nullopt;
}

llvm::SmallVector<const CXXRecordDecl *, 4>
QualifiedNameMatcher::definitionsIn(const ASTContext &Context) const {
  llvm::SmallVector<const CXXRecordDecl *, 4> Found;
  for (const Pattern &P : Patterns) {
    // Names with wildcards are not looked up; neither are braces' expansions.
    if (P.Glob || P.FromBraces)
      continue;
    llvm::SmallVector<llvm::StringRef, 4> Parts;
    llvm::StringRef(P.Entry.QualifiedName).split(Parts, "::");
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
