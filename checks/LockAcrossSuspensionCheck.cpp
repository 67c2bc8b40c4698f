//===--- LockAcrossSuspensionCheck.cpp ------------------------------------===//
//
// async-lock-across-suspension
//
//===----------------------------------------------------------------------===//

#include "LockAcrossSuspensionCheck.h"
#include "LockAcrossSuspensionFlow.h"
#include "utils/CFGReachability.h"
#include "utils/CoroutineUtils.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace option = rules::option::lock_across_suspension;

using lock_flow::Finding;
using lock_flow::GuardInfo;

namespace {

// One message per case. A guard variable's message names the mutex when it
// is known; a mutex locked by hand is named itself. The lock is held on
// every path or only on some ("may"); a second lock on the same thread
// deadlocks, unless the mutex is recursive. The last argument is the
// runtime's advice, or nothing.
constexpr llvm::StringLiteral GuardHoldsMutex =
    "%0 %1 holds %2 across this suspension point; another task on this "
    "thread that locks it deadlocks%3";
constexpr llvm::StringLiteral GuardMayHoldMutex =
    "%0 %1 may hold %2 across this suspension point; another task on this "
    "thread that locks it deadlocks%3";
constexpr llvm::StringLiteral GuardHoldsRecursiveMutex =
    "%0 %1 holds %2 across this suspension point; another task on this "
    "thread can lock it too%3";
constexpr llvm::StringLiteral GuardMayHoldRecursiveMutex =
    "%0 %1 may hold %2 across this suspension point; another task on this "
    "thread can lock it too%3";
constexpr llvm::StringLiteral GuardHoldsItsMutex =
    "%0 %1 holds its mutex across this suspension point; another task on "
    "this thread that locks it deadlocks%2";
constexpr llvm::StringLiteral GuardMayHoldItsMutex =
    "%0 %1 may hold its mutex across this suspension point; another task on "
    "this thread that locks it deadlocks%2";
constexpr llvm::StringLiteral GuardHoldsItsRecursiveMutex =
    "%0 %1 holds its mutex across this suspension point; another task on "
    "this thread can lock it too%2";
constexpr llvm::StringLiteral GuardMayHoldItsRecursiveMutex =
    "%0 %1 may hold its mutex across this suspension point; another task on "
    "this thread can lock it too%2";
constexpr llvm::StringLiteral MutexLocked =
    "%0 is locked across this suspension point; another task on this thread "
    "that locks it deadlocks%1";
constexpr llvm::StringLiteral MutexMayBeLocked =
    "%0 may be locked across this suspension point; another task on this "
    "thread that locks it deadlocks%1";
constexpr llvm::StringLiteral RecursiveMutexLocked =
    "%0 is locked across this suspension point; another task on this thread "
    "can lock it too%1";
constexpr llvm::StringLiteral RecursiveMutexMayBeLocked =
    "%0 may be locked across this suspension point; another task on this "
    "thread can lock it too%1";

llvm::StringLiteral guardMessage(bool Maybe, bool NamesMutex, bool Recursive) {
  if (NamesMutex) {
    if (Recursive)
      return Maybe ? GuardMayHoldRecursiveMutex : GuardHoldsRecursiveMutex;
    return Maybe ? GuardMayHoldMutex : GuardHoldsMutex;
  }
  if (Recursive)
    return Maybe ? GuardMayHoldItsRecursiveMutex : GuardHoldsItsRecursiveMutex;
  return Maybe ? GuardMayHoldItsMutex : GuardHoldsItsMutex;
}

llvm::StringLiteral mutexMessage(bool Maybe, bool Recursive) {
  if (Recursive)
    return Maybe ? RecursiveMutexMayBeLocked : RecursiveMutexLocked;
  return Maybe ? MutexMayBeLocked : MutexLocked;
}

} // namespace

LockAcrossSuspensionCheck::LockAcrossSuspensionCheck(StringRef Name,
                                                     ClangTidyContext *Context)
    : FunctionCheck(Name, Context), RuleOptions(Name, Options, Context),
      Runtimes(RuleOptions.catalog()) {
  RuleOptions.addApis(GuardTypes, api_kind::LockGuardTypes,
                      option::ExtraLockGuardTypes);
  RuleOptions.addApis(AsyncLockTypes, api_kind::AsyncLockTypes,
                      option::ExtraAsyncLockTypes);
  RuleOptions.addApis(LockFunctions, api_kind::LockFunctions,
                      option::ExtraLockFunctions);
  RuleOptions.addApis(UnlockFunctions, api_kind::UnlockFunctions,
                      option::ExtraUnlockFunctions);
}

void LockAcrossSuspensionCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  RuleOptions.store(Options, Opts);
}

bool LockAcrossSuspensionCheck::isGuardType(QualType Type) {
  return GuardTypes.matchType(Type).has_value();
}

bool LockAcrossSuspensionCheck::isAsyncLock(QualType Type) {
  if (Type->isPointerType())
    Type = Type->getPointeeType();
  return AsyncLockTypes.matchTypeOrTemplateArguments(Type).has_value();
}

bool LockAcrossSuspensionCheck::isLockCall(const CallExpr *Call) {
  return LockFunctions.matchCall(Call).has_value();
}

bool LockAcrossSuspensionCheck::isUnlockCall(const CallExpr *Call) {
  return UnlockFunctions.matchCall(Call).has_value();
}

void LockAcrossSuspensionCheck::registerMatchers(MatchFinder *Finder) {
  if (GuardTypes.empty() && LockFunctions.empty())
    return;
  matchDefinitions(Finder, utils::Definitions::Coroutines);
}

void LockAcrossSuspensionCheck::check(const MatchFinder::MatchResult &Result) {
  const FunctionDecl *Coroutine = analysedInstantiation(Result);
  if (!Coroutine)
    return;
  const Stmt *Body = utils::userWrittenCoroutineBody(*Coroutine);
  if (!Body)
    return;
  // Every guard's destruction (at the end of its scope, and on break,
  // continue, return and goto) is an element of its own.
  std::unique_ptr<utils::BodyCFG> Graph = utils::BodyCFG::build(
      Coroutine, Body, *Result.Context, utils::BodyCFG::Destructors::Included);
  if (!Graph)
    return;

  lock_flow::LockFlow Flow(*this, *Graph);
  std::vector<Finding> Findings = Flow.run();
  const SourceManager &SM = *Result.SourceManager;
  llvm::sort(Findings, [&](const Finding &A, const Finding &B) {
    if (A.Suspension != B.Suspension)
      return SM.isBeforeInTranslationUnit(A.Suspension, B.Suspension);
    return A.Key->getNameAsString() < B.Key->getNameAsString();
  });
  Findings.erase(std::unique(Findings.begin(), Findings.end(),
                             [](const Finding &A, const Finding &B) {
                               return A.Suspension == B.Suspension &&
                                      A.Key == B.Key;
                             }),
                 Findings.end());

  // What the coroutine's runtime suggests instead, appended to each finding.
  std::string Advice;
  if (const catalog::RuntimeHint *Hint = Runtimes.hintFor(
          *Coroutine, catalog::checkKindOf(RuleOptions.rule().Id)))
    Advice = "; " + Hint->Text;
  for (const Finding &F : Findings) {
    const bool Maybe = F.Fact.Paths & lock_flow::FreeOnSomePath;
    auto Guard = Flow.guards().find(F.Key);
    if (Guard != Flow.guards().end()) {
      // A guard moved from another holds that one's mutex.
      const GuardInfo *Info = &Guard->second;
      for (unsigned Depth = 0; !Info->Mutex && Info->MovedFrom && Depth < 8;
           ++Depth) {
        auto From = Flow.guards().find(Info->MovedFrom);
        if (From == Flow.guards().end())
          break;
        Info = &From->second;
      }
      const auto *Var = cast<VarDecl>(F.Key);
      const QualType GuardType =
          Var->getType().getCanonicalType().getUnqualifiedType();
      llvm::StringLiteral Message =
          guardMessage(Maybe, Info->Mutex != nullptr, Info->Recursive);
      if (Info->Mutex)
        diag(F.Suspension, Message)
            << GuardType << Var << Info->Mutex << Advice;
      else
        diag(F.Suspension, Message) << GuardType << Var << Advice;
    } else {
      diag(F.Suspension, mutexMessage(Maybe, Flow.isRecursive(F.Key)))
          << F.Key << Advice;
    }
    if (F.Fact.LockedAt.isValid())
      diag(F.Fact.LockedAt, "locked here", DiagnosticIDs::Note);
  }
}

} // namespace clang::tidy::async
