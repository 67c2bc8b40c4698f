//===--- AwaitableShape.h - Recognise awaitable types -----------*- C++ -*-===//
//
// A type is awaitable by shape when it is an awaiter (await_ready,
// await_suspend and await_resume members), has a member or free
// operator co_await, or is a coroutine's return type (it has a
// promise_type); or by name, for types that a promise's await_transform
// accepts (asio::awaitable). What dropping one costs depends on which it is:
// a lazy task never runs, an eager one runs on with nobody watching, an
// operation never starts, and a trivial awaiter (std::suspend_always) loses
// nothing. Whether a task is lazy or eager is what its profile says, or else
// what its promise's initial_suspend() says.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_AWAITABLESHAPE_H
#define ASYNC_LINT_CHECKS_UTILS_AWAITABLESHAPE_H

#include "QualifiedNameMatcher.h"
#include "RuleOptions.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/DenseMap.h"

namespace clang::tidy::async::utils {

enum class AwaitableKind {
  None,
  /// Does no work of its own: std::suspend_always, or an awaiter whose
  /// await members are all constexpr.
  Trivial,
  /// A task whose body runs only once it is awaited: a profile says
  /// `start: lazy`, or its initial_suspend() suspends or may suspend, or it
  /// is named by the catalog or an option and has no promise to read.
  LazyTask,
  /// A task whose body starts at the call: a profile says `start: eager`, or
  /// its initial_suspend() certainly does not suspend (std::suspend_never, an
  /// await_ready() that returns a constant true).
  EagerTask,
  /// An awaiter or a type with operator co_await: the operation it stands
  /// for happens when it is awaited.
  Operation,
};

/// Shapes that look awaitable but whose dropped value is not a forgotten
/// co_await: nothing that awaiting it would give is lost.
enum class DropShape {
  /// Dropping it loses what awaiting it would do.
  Lost,
  /// A synchronous generator: its promise has yield_value and no usable
  /// await_transform, and it is not awaitable itself; it is iterated.
  Generator,
  /// An eager coroutine that never suspends at its start or its end and
  /// returns nothing: it runs on its own, with no result to lose.
  FireAndForget,
  /// Its destructor hands its own members on to start the operation when it
  /// was not awaited.
  StartsWhenDropped,
};

/// Task types named by the catalog or an option, by what their profile says
/// of their start.
struct TaskTypeNames {
  QualifiedNameMatcher Lazy;
  QualifiedNameMatcher Eager;
  /// Named without a start (by an option, or by a profile that does not
  /// say): their promise tells, as for any coroutine type.
  QualifiedNameMatcher Unsaid;

  /// Sorts the entries of the catalog's task-types kind by their `start`;
  /// Extra names (from a check option) have none.
  static TaskTypeNames
  from(llvm::ArrayRef<const catalog::ApiEntry *> TaskTypeEntries,
       const std::vector<std::string> &Extra);
  bool matches(QualType Type);
};

class AwaitableClassifier {
public:
  AwaitableClassifier(TaskTypeNames TaskTypes,
                      QualifiedNameMatcher TrivialTypes)
      : TaskTypes(std::move(TaskTypes)), TrivialTypes(std::move(TrivialTypes)) {
  }
  /// The classifier of async-missing-co-await, whose options (read from
  /// MissingCoAwait) name more task and trivial types; async-detached-task
  /// uses the same one, so the two checks agree on which tasks are eager.
  static AwaitableClassifier
  forMissingCoAwait(const RuleOptions &MissingCoAwait);

  /// How a value of Type (references and cv-qualifiers looked through) is
  /// awaited; None for a type that is not awaitable or is dependent.
  AwaitableKind classify(QualType Type);
  /// True when co_await accepts Type without a promise's help: it is an
  /// awaiter or has an operator co_await.
  bool awaitableByShape(QualType Type);
  /// Whether dropping a value of Type (classified as a task or an
  /// operation) loses anything.
  DropShape dropShape(QualType Type);
  /// An object awaited where it lives rather than consumed by the await (an
  /// event, a latch): a member operator co_await callable on an lvalue, and
  /// no await members or promise of its own. A variable constructed as one
  /// is a synchronisation object, not a pending operation.
  bool isAwaitedInPlace(QualType Type);

private:
  AwaitableKind classifyRecord(const CXXRecordDecl *Record);
  DropShape dropShapeOf(const CXXRecordDecl *Record);

  TaskTypeNames TaskTypes;
  QualifiedNameMatcher TrivialTypes;
  llvm::DenseMap<const CXXRecordDecl *, AwaitableKind> Cache;
  llvm::DenseMap<const CXXRecordDecl *, DropShape> DropCache;
};

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_AWAITABLESHAPE_H
