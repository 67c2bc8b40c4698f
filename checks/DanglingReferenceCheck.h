//===--- DanglingReferenceCheck.h - async-dangling-reference ----*- C++ -*-===//

#ifndef ASYNC_LINT_CHECKS_DANGLINGREFERENCECHECK_H
#define ASYNC_LINT_CHECKS_DANGLINGREFERENCECHECK_H

#include "DanglingReferenceKeeping.h"
#include "utils/AwaitableShape.h"
#include "utils/FunctionCheck.h"
#include "utils/ProjectFactsAccess.h"
#include "utils/QualifiedNameMatcher.h"
#include "utils/RuleOptions.h"

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::async {

/// Reports a call of a coroutine that binds a reference, pointer or view
/// parameter to a temporary or to a local of the caller when the task
/// outlives that object: it is detached, spawned into a task group that
/// is joined after the object dies, stored where it outlives the object, or
/// returned. A task awaited in the same full expression is never reported.
///
/// Across translation units (as async-blocking-call, see utils/ProjectFacts.h):
/// with async-lint.FactsDirectory it writes which parameters each function
/// defined in the unit keeps; a call of a function only declared in the unit
/// is decided by async-lint.ProjectFacts, or recorded as a conditional
/// finding with async-lint.ConditionalFindings; otherwise the function is
/// presumed to keep them.
class DanglingReferenceCheck : public utils::FunctionCheck {
public:
  DanglingReferenceCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;

private:
  class TaskCallChecker;
  friend class TaskCallChecker;

  /// What to do with a finding whose parameter is kept only if parameters of
  /// functions defined elsewhere are.
  enum class AcrossFiles { Report, Drop, Record };
  AcrossFiles
  acrossFiles(llvm::ArrayRef<KeptParameters::DeclaredParameter> IfKept);
  std::vector<std::pair<std::string, unsigned>>
  usrsOf(llvm::ArrayRef<KeptParameters::DeclaredParameter> Parameters);
  void recordFacts(const FunctionDecl &Function);
  void readProjectFactsOptions();

  utils::RuleOptions RuleOptions;
  utils::QualifiedNameMatcher Detaching;
  utils::QualifiedNameMatcher EagerSpawn;
  utils::QualifiedNameMatcher TrackedSpawn;
  utils::QualifiedNameMatcher HandlerSpawn;
  utils::QualifiedNameMatcher Storing;
  utils::QualifiedNameMatcher Joins;
  utils::QualifiedNameMatcher LoopRuns;
  utils::QualifiedNameMatcher ExecutorDrains;
  utils::QualifiedNameMatcher ViewTypes;
  utils::AwaitableClassifier Awaitables;

  std::string FactsDirectory;
  std::string ProjectFactsPath;
  bool RecordConditional = false;
  const SourceManager *Sources = nullptr;
  async_lint::facts::UnitFacts Unit;
  utils::MergedFacts Merged;
};

} // namespace clang::tidy::async

#endif // ASYNC_LINT_CHECKS_DANGLINGREFERENCECHECK_H
