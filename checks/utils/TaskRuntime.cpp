//===--- TaskRuntime.cpp - The runtime a coroutine is written for ---------===//

#include "TaskRuntime.h"
#include "ClangCompat.h"
#include "GeneratedRuleNames.h"
#include "QualifiedNameMatcher.h"

#include "clang/AST/DeclTemplate.h"

namespace clang::tidy::async::utils {

TaskRuntimes::TaskRuntimes(const catalog::Catalog &Catalog) : Catalog(Catalog) {
  for (const catalog::Profile &Profile : Catalog.profiles()) {
    auto Found = Profile.Apis.find(
        std::string(::async_lint::rules::api_kind::TaskTypes.Id));
    if (Found == Profile.Apis.end() || Found->second.empty())
      continue;
    ProfileTasks &Entry = Tasks.emplace_back();
    Entry.Profile = &Profile;
    for (const catalog::ApiEntry &Task : Found->second)
      Entry.TaskTypes.addName(Task.QualifiedName);
  }
}

namespace {

/// The class a (possibly dependent) return type names: in a template,
/// `coro::task<T>` names the class template's pattern.
const CXXRecordDecl *recordOf(QualType Type) {
  if (Type.isNull())
    return nullptr;
  Type = Type.getNonReferenceType();
  if (const CXXRecordDecl *Record = Type->getAsCXXRecordDecl())
    return Record;
  if (const auto *Specialization = Type->getAs<TemplateSpecializationType>())
    if (const auto *Template = dyn_cast_or_null<ClassTemplateDecl>(
            Specialization->getTemplateName().getAsTemplateDecl()))
      return Template->getTemplatedDecl();
  return nullptr;
}

/// A task type that no profile lists (async_simple::coro::Lazy, a generator)
/// still belongs to the runtime whose namespace holds it; the deepest
/// namespace wins, so boost::asio is asio's rather than Boost.Thread's. The
/// global namespace of the C library profiles owns nothing.
const catalog::Profile *ownerByNamespace(const catalog::Catalog &Catalog,
                                         llvm::StringRef Name) {
  const catalog::Profile *Owner = nullptr;
  size_t Longest = 0;
  for (const catalog::Profile &Profile : Catalog.profiles())
    for (const std::string &Namespace : Profile.Namespaces)
      if (!Namespace.empty() && Namespace.size() > Longest &&
          Name.starts_with(Namespace + "::")) {
        Longest = Namespace.size();
        Owner = &Profile;
      }
  return Owner;
}

} // namespace

const catalog::Profile *
TaskRuntimes::ownerOfName(llvm::StringRef QualifiedName) const {
  return ownerByNamespace(Catalog, QualifiedName);
}

const catalog::Profile *TaskRuntimes::ownerOf(QualType TaskType) {
  return ownerOfRecord(recordOf(TaskType));
}

const catalog::Profile *
TaskRuntimes::ownerOfRecord(const CXXRecordDecl *Record) {
  if (!Record)
    return nullptr;
  Record = Record->getCanonicalDecl();
  if (auto Cached = Cache.find(Record); Cached != Cache.end())
    return Cached->second;
  const catalog::Profile *Owner = nullptr;
  const QualType Type = compat::typeOfRecord(Record);
  const std::string Name = catalogName(Record);
  for (ProfileTasks &Entry : Tasks)
    if (Entry.TaskTypes.matchesName(Name) ||
        (!Type->isDependentType() && Entry.TaskTypes.matchType(Type))) {
      Owner = Entry.Profile;
      break;
    }
  if (!Owner)
    Owner = ownerByNamespace(Catalog, Name);
  Cache[Record] = Owner;
  return Owner;
}

const catalog::RuntimeHint *TaskRuntimes::hintFor(const FunctionDecl &Coroutine,
                                                  llvm::StringRef Kind) {
  const catalog::Profile *Runtime = runtimeOf(Coroutine);
  if (!Runtime)
    return nullptr;
  auto Found = Runtime->Hints.find(Kind.str());
  return Found == Runtime->Hints.end() ? nullptr : &Found->second;
}

} // namespace clang::tidy::async::utils
