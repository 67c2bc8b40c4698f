//===--- AwaitableShape.cpp - Recognise awaitable types -------------------===//

#include "AwaitableShape.h"
#include "ClangCompat.h"
#include "QualifiedNameMatcher.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::async::utils {

namespace {

/// The declarations named Name in Record or, when Record has none, in its
/// bases (as member lookup finds them).
void lookupMember(const CXXRecordDecl *Record, DeclarationName Name,
                  llvm::SmallVectorImpl<const NamedDecl *> &Found,
                  unsigned Depth = 0) {
  if (!Record || Depth > 16)
    return;
  Record = Record->getDefinition();
  if (!Record)
    return;
  for (const NamedDecl *Decl : Record->lookup(Name))
    Found.push_back(Decl);
  if (!Found.empty())
    return;
  for (const CXXBaseSpecifier &Base : Record->bases())
    lookupMember(Base.getType()->getAsCXXRecordDecl(), Name, Found, Depth + 1);
}

llvm::SmallVector<const NamedDecl *, 2>
lookupMember(const CXXRecordDecl *Record, llvm::StringRef Name) {
  llvm::SmallVector<const NamedDecl *, 2> Found;
  lookupMember(Record, &Record->getASTContext().Idents.get(Name), Found);
  return Found;
}

const FunctionDecl *asFunction(const NamedDecl *Decl) {
  if (const auto *Template = dyn_cast<FunctionTemplateDecl>(Decl))
    return Template->getTemplatedDecl();
  return dyn_cast<FunctionDecl>(Decl);
}

/// True when Record has member functions named Name, all of them constexpr.
bool allConstexpr(const CXXRecordDecl *Record, llvm::StringRef Name) {
  auto Found = lookupMember(Record, Name);
  if (Found.empty())
    return false;
  for (const NamedDecl *Decl : Found) {
    const FunctionDecl *Function = asFunction(Decl);
    if (!Function || !Function->isConstexpr())
      return false;
  }
  return true;
}

bool isAwaiter(const CXXRecordDecl *Record) {
  return !lookupMember(Record, "await_ready").empty() &&
         !lookupMember(Record, "await_suspend").empty() &&
         !lookupMember(Record, "await_resume").empty();
}

/// True when Template names the class template of Record.
bool isTemplateOf(const TemplateDecl *Template, const CXXRecordDecl *Record) {
  const auto *Specialization =
      dyn_cast<ClassTemplateSpecializationDecl>(Record);
  return Template && Specialization &&
         Template->getCanonicalDecl() ==
             Specialization->getSpecializedTemplate()->getCanonicalDecl();
}

/// A free operator co_await declared beside Record whose parameter is Record
/// or a specialization of Record's class template.
bool hasFreeCoawait(const CXXRecordDecl *Record) {
  ASTContext &Context = Record->getASTContext();
  const DeclContext *Namespace =
      Record->getDeclContext()->getEnclosingNamespaceContext();
  DeclarationName Name =
      Context.DeclarationNames.getCXXOperatorName(OO_Coawait);
  for (const NamedDecl *Decl : Namespace->lookup(Name)) {
    const FunctionDecl *Function = asFunction(Decl);
    if (!Function || Function->getNumParams() == 0)
      continue;
    QualType Parameter = Function->getParamDecl(0)
                             ->getType()
                             .getNonReferenceType()
                             .getUnqualifiedType();
    if (const CXXRecordDecl *Own = Parameter->getAsCXXRecordDecl())
      if (Own->getCanonicalDecl() == Record->getCanonicalDecl())
        return true;
    if (const auto *Specialization =
            Parameter->getAs<TemplateSpecializationType>())
      if (isTemplateOf(Specialization->getTemplateName().getAsTemplateDecl(),
                       Record))
        return true;
  }
  return false;
}

bool hasCoawait(const CXXRecordDecl *Record) {
  llvm::SmallVector<const NamedDecl *, 2> Member;
  lookupMember(
      Record,
      Record->getASTContext().DeclarationNames.getCXXOperatorName(OO_Coawait),
      Member);
  return !Member.empty() || hasFreeCoawait(Record);
}

/// True when Awaiter certainly does not suspend: std::suspend_never, or an
/// await_ready whose body is `return E;` with E a constant true (`true`, a
/// constexpr flag). An await_ready that is only declared, or that looks at
/// state, may suspend.
bool neverSuspends(const CXXRecordDecl *Awaiter) {
  if (catalogName(Awaiter) == "std::suspend_never")
    return true;
  auto Ready = lookupMember(Awaiter, "await_ready");
  if (Ready.size() != 1)
    return false;
  const FunctionDecl *Function = asFunction(Ready.front());
  const auto *Body =
      Function ? dyn_cast_or_null<CompoundStmt>(Function->getBody()) : nullptr;
  if (!Body || Body->size() != 1)
    return false;
  const auto *Return = dyn_cast<ReturnStmt>(Body->body_front());
  const Expr *Value = Return ? Return->getRetValue() : nullptr;
  if (!Value || Value->isValueDependent())
    return false;
  bool Constant = false;
  return Value->EvaluateAsBooleanCondition(Constant,
                                           Function->getASTContext()) &&
         Constant;
}

/// A class that is only declared in this specialization (a promise of a
/// coroutine type that no coroutine here returns) is read from its template.
const CXXRecordDecl *definitionOrPattern(const CXXRecordDecl *Record) {
  if (!Record || Record->hasDefinition())
    return Record;
  const CXXRecordDecl *Pattern = Record->getTemplateInstantiationPattern();
  return Pattern ? Pattern : Record;
}

/// The promise type of a coroutine return type, when it names one.
const CXXRecordDecl *promiseOf(const CXXRecordDecl *Record, bool &Found) {
  auto Promise = lookupMember(Record, "promise_type");
  Found = false;
  for (const NamedDecl *Decl : Promise) {
    if (const auto *Nested = dyn_cast<CXXRecordDecl>(Decl)) {
      Found = true;
      return definitionOrPattern(Nested);
    }
    if (const auto *Alias = dyn_cast<TypedefNameDecl>(Decl)) {
      Found = true;
      return definitionOrPattern(
          Alias->getUnderlyingType()->getAsCXXRecordDecl());
    }
  }
  return nullptr;
}

/// The awaiter type returned by Promise's member function Name, when it has
/// exactly one.
const CXXRecordDecl *awaiterReturnedBy(const CXXRecordDecl *Promise,
                                       llvm::StringRef Name) {
  auto Found = lookupMember(Promise, Name);
  if (Found.size() != 1)
    return nullptr;
  const FunctionDecl *Function = asFunction(Found.front());
  return Function ? Function->getReturnType()->getAsCXXRecordDecl() : nullptr;
}

/// Whether a coroutine with this promise runs from the call: its
/// initial_suspend() certainly does not suspend. Anything unknown (no
/// promise to read, overloads, an awaiter that may suspend) is lazy.
bool startsAtCall(const CXXRecordDecl *Promise) {
  const CXXRecordDecl *Initial =
      Promise ? awaiterReturnedBy(Promise, "initial_suspend") : nullptr;
  return Initial && neverSuspends(Initial);
}

/// A promise whose await_transform accepts something: a task runtime's
/// promise. A generator has none, or deletes it to forbid co_await.
bool hasUsableAwaitTransform(const CXXRecordDecl *Promise) {
  for (const NamedDecl *Decl : lookupMember(Promise, "await_transform")) {
    const FunctionDecl *Function = asFunction(Decl);
    if (!Function || !Function->isDeleted())
      return true;
  }
  return false;
}

/// `std::move(m)` or `std::forward<T>(m)` of a member m of *this, also in a
/// template's pattern where the callee is not resolved yet.
bool movesOwnMember(const Expr *E) {
  const auto *Call = dyn_cast<CallExpr>(E->IgnoreParenImpCasts());
  if (!Call || Call->getNumArgs() != 1)
    return false;
  std::string Name;
  if (const FunctionDecl *Callee = Call->getDirectCallee()) {
    if (Callee->isInStdNamespace() && Callee->getIdentifier())
      Name = Callee->getName().str();
  } else if (const auto *Lookup = dyn_cast<UnresolvedLookupExpr>(
                 Call->getCallee()->IgnoreParenImpCasts())) {
    Name = Lookup->getName().getAsString();
  }
  if (Name != "move" && Name != "forward")
    return false;
  const Expr *Moved = Call->getArg(0)->IgnoreParenImpCasts();
  if (const auto *Member = dyn_cast<MemberExpr>(Moved))
    return isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts());
  if (const auto *Member = dyn_cast<CXXDependentScopeMemberExpr>(Moved))
    return Member->isImplicitAccess() ||
           isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts());
  return false;
}

/// Whether S passes a member of *this, moved, to a call: the object hands
/// what it holds on to someone else (corral's Nursery::start() maker starts
/// the task from its destructor when nobody awaited it).
bool handsOnOwnMembers(const Stmt *S) {
  if (!S)
    return false;
  auto Arguments = [](const Stmt *S) -> llvm::ArrayRef<const Expr *> {
    if (const auto *Call = dyn_cast<CallExpr>(S))
      return {Call->getArgs(), Call->getNumArgs()};
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(S))
      return {Construct->getArgs(), Construct->getNumArgs()};
    return {};
  };
  if (llvm::any_of(Arguments(S), movesOwnMember))
    return true;
  for (const Stmt *Child : S->children())
    if (handsOnOwnMembers(Child))
      return true;
  return false;
}

bool startsWhenDestroyed(const CXXRecordDecl *Record) {
  const CXXDestructorDecl *Destructor = Record->getDestructor();
  if (!Destructor || !Destructor->isUserProvided())
    return false;
  const Stmt *Body = Destructor->getBody();
  // A member of a class template whose destructor is not instantiated:
  // its pattern says the same.
  if (!Body)
    if (const FunctionDecl *Pattern =
            Destructor->getTemplateInstantiationPattern())
      Body = Pattern->getBody();
  return handsOnOwnMembers(Body);
}

} // namespace

TaskTypeNames
TaskTypeNames::from(llvm::ArrayRef<const catalog::ApiEntry *> TaskTypeEntries,
                    const std::vector<std::string> &Extra) {
  TaskTypeNames Names;
  for (const catalog::ApiEntry *Entry : TaskTypeEntries) {
    if (!Entry->Start)
      Names.Unsaid.addName(Entry->QualifiedName);
    else if (*Entry->Start == catalog::TaskStart::Eager)
      Names.Eager.addName(Entry->QualifiedName);
    else
      Names.Lazy.addName(Entry->QualifiedName);
  }
  Names.Unsaid.addNames(Extra);
  return Names;
}

bool TaskTypeNames::matches(QualType Type) {
  return Lazy.matchType(Type) || Eager.matchType(Type) ||
         Unsaid.matchType(Type);
}

AwaitableClassifier
AwaitableClassifier::forMissingCoAwait(const RuleOptions &MissingCoAwait) {
  QualifiedNameMatcher Trivial;
  MissingCoAwait.addApis(
      Trivial, api_kind::TrivialAwaitables,
      rules::option::missing_co_await::ExtraTrivialAwaitables);
  return AwaitableClassifier(
      TaskTypeNames::from(
          MissingCoAwait.apis(api_kind::TaskTypes),
          MissingCoAwait.list(rules::option::missing_co_await::ExtraTaskTypes)),
      std::move(Trivial));
}

namespace {

/// What Judge says of the class Type names (through a reference), asked
/// once per class; Otherwise for a dependent type or one that names no
/// defined class.
template <typename Verdict, typename JudgeFn>
Verdict judgeClassOnce(QualType Type, Verdict Otherwise,
                       llvm::DenseMap<const CXXRecordDecl *, Verdict> &Judged,
                       JudgeFn Judge) {
  if (Type.isNull() || Type->isDependentType())
    return Otherwise;
  const CXXRecordDecl *Record =
      Type.getNonReferenceType()->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return Otherwise;
  Record = Record->getCanonicalDecl();
  if (auto Found = Judged.find(Record); Found != Judged.end())
    return Found->second;
  Verdict Result = Judge(Record);
  Judged[Record] = Result;
  return Result;
}

} // namespace

AwaitableKind AwaitableClassifier::classify(QualType Type) {
  return judgeClassOnce(
      Type, AwaitableKind::None, Cache,
      [this](const CXXRecordDecl *Record) { return classifyRecord(Record); });
}

AwaitableKind AwaitableClassifier::classifyRecord(const CXXRecordDecl *Record) {
  QualType Type = compat::typeOfRecord(Record);
  if (TrivialTypes.matchType(Type))
    return AwaitableKind::Trivial;
  // What the runtime's profile says beats what its headers seem to say.
  if (TaskTypes.Eager.matchType(Type))
    return AwaitableKind::EagerTask;
  if (TaskTypes.Lazy.matchType(Type))
    return AwaitableKind::LazyTask;
  bool HasPromise = false;
  const CXXRecordDecl *Promise = promiseOf(Record, HasPromise);
  if (HasPromise || TaskTypes.Unsaid.matchType(Type))
    return startsAtCall(Promise) ? AwaitableKind::EagerTask
                                 : AwaitableKind::LazyTask;
  if (isAwaiter(Record)) {
    if (allConstexpr(Record, "await_ready") &&
        allConstexpr(Record, "await_suspend") &&
        allConstexpr(Record, "await_resume"))
      return AwaitableKind::Trivial;
    return AwaitableKind::Operation;
  }
  if (hasCoawait(Record))
    return AwaitableKind::Operation;
  return AwaitableKind::None;
}

DropShape AwaitableClassifier::dropShape(QualType Type) {
  return judgeClassOnce(
      Type, DropShape::Lost, DropCache,
      [this](const CXXRecordDecl *Record) { return dropShapeOf(Record); });
}

DropShape AwaitableClassifier::dropShapeOf(const CXXRecordDecl *Record) {
  // A task type named by the catalog is awaited, whatever its shape.
  if (TaskTypes.matches(compat::typeOfRecord(Record)))
    return DropShape::Lost;
  bool HasPromise = false;
  const CXXRecordDecl *Promise = promiseOf(Record, HasPromise);
  if (!HasPromise)
    return startsWhenDestroyed(Record) ? DropShape::StartsWhenDropped
                                       : DropShape::Lost;
  if (!Promise)
    return DropShape::Lost;
  if (!lookupMember(Promise, "yield_value").empty() &&
      !hasUsableAwaitTransform(Promise) && !isAwaiter(Record) &&
      !hasCoawait(Record))
    return DropShape::Generator;
  const CXXRecordDecl *Final = awaiterReturnedBy(Promise, "final_suspend");
  if (startsAtCall(Promise) && Final && neverSuspends(Final) &&
      !lookupMember(Promise, "return_void").empty() &&
      lookupMember(Promise, "return_value").empty())
    return DropShape::FireAndForget;
  return DropShape::Lost;
}

bool AwaitableClassifier::isAwaitedInPlace(QualType Type) {
  if (Type.isNull() || Type->isDependentType())
    return false;
  const CXXRecordDecl *Record =
      Type.getNonReferenceType()->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition() || isAwaiter(Record))
    return false;
  bool HasPromise = false;
  promiseOf(Record, HasPromise);
  if (HasPromise)
    return false;
  llvm::SmallVector<const NamedDecl *, 2> Coawait;
  lookupMember(
      Record,
      Record->getASTContext().DeclarationNames.getCXXOperatorName(OO_Coawait),
      Coawait);
  return llvm::any_of(Coawait, [](const NamedDecl *Decl) {
    const auto *Method = dyn_cast_or_null<CXXMethodDecl>(asFunction(Decl));
    return Method && Method->getRefQualifier() != RQ_RValue;
  });
}

bool AwaitableClassifier::awaitableByShape(QualType Type) {
  if (Type.isNull() || Type->isDependentType())
    return false;
  const CXXRecordDecl *Record =
      Type.getNonReferenceType()->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return false;
  return isAwaiter(Record) || hasCoawait(Record);
}

} // namespace clang::tidy::async::utils
