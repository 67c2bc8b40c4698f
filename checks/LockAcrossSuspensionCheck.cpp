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

LockAcrossSuspensionCheck::LockAcrossSuspensionCheck(StringRef Name,
                                                     ClangTidyContext *Context)
    : FunctionCheck(Name, Context), RuleOptions(Name, Options, Context),
      Runtimes(RuleOptions.catalog()) {
  GuardTypes.addKind(RuleOptions.catalog(), api_kind::LockGuardTypes);
  GuardTypes.addNames(RuleOptions.list(option::ExtraLockGuardTypes));
  AsyncLockTypes.addKind(RuleOptions.catalog(), api_kind::AsyncLockTypes);
  AsyncLockTypes.addNames(RuleOptions.list(option::ExtraAsyncLockTypes));
  auto Fill = [&](utils::ApiMatcher &Matcher, rules::ApiKindName Kind,
                  rules::OptionName ExtraOption) {
    utils::addCatalogKind(Matcher, RuleOptions.catalog(), Kind,
                          RuleOptions.list(ExtraOption));
  };
  Fill(LockFunctions, api_kind::LockFunctions, option::ExtraLockFunctions);
  Fill(UnlockFunctions, api_kind::UnlockFunctions,
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
  const auto *Coroutine =
      Result.Nodes.getNodeAs<FunctionDecl>(utils::AnalysedFunction);
  // A template is analysed in its instantiations, where types are known.
  if (Coroutine->isDependentContext())
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
      auto Diag = diag(F.Suspension,
                       "%0 %1 %select{holds|may hold}2 %select{its mutex|%4}3 "
                       "across this suspension point; %select{another task on "
                       "this thread that locks it deadlocks|another task on "
                       "this thread can lock it too}5%6");
      Diag << Var->getType().getCanonicalType().getUnqualifiedType() << Var
           << Maybe << (Info->Mutex != nullptr);
      if (Info->Mutex)
        Diag << Info->Mutex;
      else
        Diag << "";
      Diag << Info->Recursive << Advice;
    } else {
      diag(F.Suspension,
           "%0 %select{is|may be}1 locked across this suspension point; "
           "%select{another task on this thread that locks it "
           "deadlocks|another task on this thread can lock it too}2%3")
          << F.Key << Maybe << Flow.isRecursive(F.Key) << Advice;
    }
    if (F.Fact.LockedAt.isValid())
      diag(F.Fact.LockedAt, "locked here", DiagnosticIDs::Note);
  }
}

} // namespace clang::tidy::async
