//===--- TaskValueFate.h - What becomes of a task value ---------*- C++ -*-===//
//
// How long a task may run depends on where its value goes: awaited in the
// full expression that created it, dropped, started with no owner, spawned
// into a task group, stored in a local, a member or a container, or returned
// to the caller. TaskFateWalker walks one function's body from the top,
// carrying down what becomes of the value of each expression, and tells the
// fate of the value of every call it meets.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_TASKVALUEFATE_H
#define ASYNC_LINT_CHECKS_UTILS_TASKVALUEFATE_H

#include "AwaitableShape.h"
#include "QualifiedNameMatcher.h"
#include "RuleOptions.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <optional>
#include <string>

namespace clang::tidy::async::utils {

enum class TaskFateKind {
  /// Nothing is known about how long the task runs.
  Unknown,
  /// Awaited in the full expression that created it.
  Awaited,
  /// The value of an expression statement.
  Discarded,
  /// Started with no owner in this function.
  Detached,
  /// Spawned into a task group or scope (Holder, when known).
  Group,
  /// Stored in a local variable of this function (Holder).
  StoredLocal,
  /// Stored in a member, a global or through a reference (Holder, when
  /// known).
  StoredElsewhere,
  /// Returned to the caller.
  Returned,
};

/// What becomes of a task: where it goes decides how long it may run.
struct TaskFate {
  TaskFateKind Kind = TaskFateKind::Unknown;
  /// The spawn call, store or return that decides the fate.
  const Stmt *Site = nullptr;
  SourceLocation SiteLoc;
  /// The function that starts or spawns the task.
  std::string Spawner;
  /// The variable or member holding the task, or the group it is spawned
  /// into.
  const ValueDecl *Holder = nullptr;
};

/// The object that an expression (an assignment's target, the object of a
/// method call) denotes, when a task stored in it can be followed.
struct TaskHolder {
  const ValueDecl *Object = nullptr;
  /// Object is a variable that the function owns (isOwnedLocal).
  bool Local = false;
};
TaskHolder holderOf(const Expr *E, const FunctionDecl &Function);

/// The APIs that decide what becomes of a task passed to them.
struct TaskHandoffApis {
  /// Start the task with no owner.
  QualifiedNameMatcher &Detaching;
  /// Start it at once and return its owner (a handle, an awaitable).
  QualifiedNameMatcher &EagerSpawn;
  /// Start it and report its end to a completion handler.
  QualifiedNameMatcher &HandlerSpawn;
  /// Spawn it into the task group or scope they are called on.
  QualifiedNameMatcher &TrackedSpawn;
  /// Store it in the container they are called on.
  QualifiedNameMatcher &Storing;
  /// A call that returns a task or an awaitable owns the tasks passed to it.
  AwaitableClassifier &Awaitables;
};

/// The options with which a check adds functions to the catalog's spawn
/// APIs.
struct SpawnOptions {
  rules::OptionName ExtraDetaching;
  rules::OptionName ExtraEagerSpawn;
  rules::OptionName ExtraTrackedSpawn;
};

/// Fills the matchers of the APIs that start a task: the catalog's
/// detaching, eager, tracked and handler spawn functions, and the functions
/// that the check's options add to the first three.
void addSpawnApis(const RuleOptions &Options, const SpawnOptions &Extra,
                  QualifiedNameMatcher &Detaching,
                  QualifiedNameMatcher &EagerSpawn,
                  QualifiedNameMatcher &TrackedSpawn,
                  QualifiedNameMatcher &HandlerSpawn);

class TaskFateWalker {
public:
  using CallVisitor =
      llvm::function_ref<void(const CallExpr &Call, const TaskFate &Fate)>;

  TaskFateWalker(const TaskHandoffApis &Apis, const FunctionDecl &Function);

  /// Calls Visit with every call of Function's body (lambdas excluded) and
  /// the fate of the value it returns, except the calls that only hand a
  /// task on: the spawn and store APIs, std::move, assignments.
  void walk(CallVisitor Visit);

private:
  void walkStatement(const Stmt *S);
  void walk(const Stmt *S, const TaskFate &Fate);
  void walkCall(const CallExpr &Call, const TaskFate &Fate);
  void walkChildren(const Stmt *S, const TaskFate &Fate) {
    for (const Stmt *Child : S->children())
      walk(Child, Fate);
  }
  TaskFate storedInObject(const Expr *Target, const Stmt *Site,
                          SourceLocation Loc) const;
  TaskFate storedIn(const ValueDecl *Holder, const Stmt *Site,
                    SourceLocation Loc) const;
  std::optional<TaskFate> spawnFate(const CallExpr &Call, const TaskFate &Fate);

  TaskHandoffApis Apis;
  const FunctionDecl &Function;
  std::optional<CallVisitor> Visit;
};

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_TASKVALUEFATE_H
