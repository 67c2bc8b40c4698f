//===--- ApiMatcher.cpp - Match calls against catalog API names -----------===//

#include "ApiMatcher.h"

#include "clang/AST/DeclCXX.h"
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

void ApiMatcher::add(const catalog::ApiEntry &Entry, unsigned Tag) {
  for (std::string &Name : expandBraces(Entry.QualifiedName)) {
    catalog::ApiEntry Expanded = Entry;
    Expanded.QualifiedName = std::move(Name);
    addExpanded(std::move(Expanded), Tag);
  }
}

void ApiMatcher::addName(llvm::StringRef QualifiedName, unsigned Tag) {
  catalog::ApiEntry Entry;
  Entry.QualifiedName = QualifiedName.ltrim(':').str();
  add(Entry, Tag);
}

void ApiMatcher::addExpanded(catalog::ApiEntry Entry, unsigned Tag) {
  const unsigned Index = Patterns.size();
  // Stored first: a GlobPattern keeps a reference into the text it was made
  // from, so it is made from the copy that stays in place.
  Patterns.push_back(Pattern{std::move(Entry), Tag, std::nullopt});
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
  }
  if (hasWildcard(Last))
    GlobPatterns.push_back(Index);
  else
    ByLastName[Last].push_back(Index);
}

const llvm::SmallVector<std::string, 4> &
ApiMatcher::classNamesOf(const CXXRecordDecl *Record) {
  auto Found = ClassNamesCache.find(Record);
  if (Found != ClassNamesCache.end())
    return Found->second;
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

bool ApiMatcher::typeIsOneOf(QualType Type,
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

bool ApiMatcher::constraintsHold(const Pattern &P, const FunctionDecl *Callee,
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

std::optional<ApiMatcher::Match> ApiMatcher::matchCandidates(
    llvm::StringRef LastName, llvm::ArrayRef<std::string> Candidates,
    catalog::ApiEntryKind Kind, const FunctionDecl *Callee,
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
  for (unsigned Index : GlobPatterns)
    if (auto Found = Try(Index))
      return Found;
  return std::nullopt;
}

std::optional<ApiMatcher::Match> ApiMatcher::matchCall(const CallExpr *Call) {
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
  if (!ByLastName.count(LastName) && GlobPatterns.empty())
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

std::optional<ApiMatcher::Match>
ApiMatcher::matchConstruct(const CXXConstructExpr *Construct) {
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

void addCatalogKind(ApiMatcher &Matcher, const catalog::Catalog &Catalog,
                    ::async_lint::rules::ApiKindName Kind,
                    const std::vector<std::string> &Extra, unsigned Tag) {
  for (const catalog::ApiEntry *Entry : Catalog.apis(Kind.Id))
    Matcher.add(*Entry, Tag);
  for (const std::string &Name : Extra)
    Matcher.addName(Name, Tag);
}

} // namespace clang::tidy::async::utils
