//===--- TaskRuntime.h - The runtime a coroutine is written for -*- C++ -*-===//
//
// Advice is worth most in the words of the runtime the code uses: asio code
// is told about asio's timer, libcoro code about its scheduler, aio code
// about aio::sleep. That runtime is the one that owns the coroutine's task
// type: the profile whose `task-types` name it (a class, a class derived from
// it, or a specialization of it), else the profile whose `namespaces` hold
// it. A task type of no known runtime (or of one without hints) gets the
// rule's own, runtime-neutral text.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_TASKRUNTIME_H
#define ASYNC_LINT_CHECKS_UTILS_TASKRUNTIME_H

#include "../catalog/RuleCatalog.h"
#include "QualifiedNameMatcher.h"

#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"

#include <vector>

namespace clang::tidy::async::utils {

class TaskRuntimes {
public:
  explicit TaskRuntimes(const catalog::Catalog &Catalog);

  /// The profile of the runtime that owns TaskType, or null.
  const catalog::Profile *ownerOf(QualType TaskType);
  /// The profile of the runtime that owns Coroutine's return type, or null.
  const catalog::Profile *runtimeOf(const FunctionDecl &Coroutine) {
    return ownerOf(Coroutine.getReturnType());
  }
  /// What Coroutine's runtime suggests for a category kind
  /// ("blocking-call-sleep"), or null when it has no runtime or no hint.
  const catalog::RuntimeHint *hintFor(const FunctionDecl &Coroutine,
                                      llvm::StringRef Kind);

  /// The runtime whose namespace holds a qualified name (the deepest one),
  /// or null.
  const catalog::Profile *ownerOfName(llvm::StringRef QualifiedName) const;

private:
  const catalog::Profile *ownerOfRecord(const CXXRecordDecl *Record);

  struct ProfileTasks {
    const catalog::Profile *Profile;
    QualifiedNameMatcher TaskTypes;
  };
  const catalog::Catalog &Catalog;
  std::vector<ProfileTasks> Tasks;
  llvm::DenseMap<const CXXRecordDecl *, const catalog::Profile *> Cache;
};

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_TASKRUNTIME_H
