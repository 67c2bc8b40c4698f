//===--- IoWithoutTimeoutCheck.h --------------------------------*- C++ -*-===//
//
// async-io-without-timeout
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_IOWITHOUTTIMEOUTCHECK_H
#define ASYNC_LINT_CHECKS_IOWITHOUTTIMEOUTCHECK_H

#include "utils/FunctionCheck.h"
#include "utils/MacroOrigins.h"
#include "utils/ProjectFactsAccess.h"
#include "utils/QualifiedNameMatcher.h"
#include "utils/RuleOptions.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::async {

/// Reports a co_await of a network operation (a read, write, connect or
/// name lookup) that nothing in the awaiting coroutine bounds: no timeout
/// wrapper around it, no race with a timer, no deadline given to the
/// operation, no deadline set on the object it runs on (or on the object that
/// object came from). A silent peer stalls such an await forever. A coroutine
/// whose every call in the translation unit is itself bounded is not reported.
///
/// Across translation units (IoWithoutTimeoutProjectFacts.cpp): with
/// async-lint.FactsDirectory each unit writes, as its part of the facts, the
/// references it makes to functions that may be coroutines (bounded or not) and
/// its coroutines with unbounded network I/O; a coroutine other files may call
/// is then judged by every reference in the project, decided with the merged
/// facts (async-lint.ProjectFacts) or recorded as a conditional finding
/// (async-lint.ConditionalFindings).
class IoWithoutTimeoutCheck : public utils::FunctionCheck {
public:
  IoWithoutTimeoutCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  struct NetworkCall {
    const CallExpr *Call;
    std::string Name;
    bool Accept;
  };
  struct Finding {
    const CoawaitExpr *Await;
    NetworkCall Io;
    const FunctionDecl *Coroutine;
  };

  /// A use of a function's name: a call's callee, or its address taken.
  struct Reference {
    const Expr *Use;
    /// The function the use is in; null at namespace scope.
    const FunctionDecl *In;
  };

  /// Fills ReferencesOf and BoundedCalls for the coroutines with findings
  /// and, when facts are written, for every function that may be a
  /// coroutine of another unit.
  void scanCallers(ASTContext &Context);
  void report(const Finding &F);

  // Across translation units (IoWithoutTimeoutProjectFacts.cpp).
  /// Whether other translation units may refer to Coroutine: it is
  /// externally visible, and not a lambda, a local class's member or a
  /// template instantiation (each unit sees those with their bodies).
  static bool callableFromOtherFiles(const FunctionDecl &Coroutine);
  /// Whether calls of Function may be calls of a coroutine of this or
  /// another unit, whose callers the facts record.
  static bool mayBeCoroutineOfAnyUnit(const FunctionDecl &Function,
                                      const SourceManager &SM);
  /// Reports F with the merged facts, or records it as a conditional
  /// finding. BoundedHere: today's verdict from the unit alone.
  void reportAcrossFiles(const Finding &F, bool BoundedHere);
  const async_lint::facts::ProjectFacts *projectFacts();
  /// Writes the unit's part of the facts.
  void recordUnitFacts(const SourceManager &SM,
                       const llvm::DenseSet<const Expr *> &BoundedReferences);
  void noteCall(const CallExpr &Call, ASTContext &Context);
  std::optional<NetworkCall> unboundedIo(const Expr *E, ASTContext &Context);
  std::optional<NetworkCall> networkCall(const CallExpr *Call,
                                         ASTContext &Context);
  bool isBounded(const Expr *E, ASTContext &Context);
  bool hasDeadlineArgument(const CallExpr *Call, ASTContext &Context);
  /// Whether every path from the start of Coroutine to the I/O call passes a
  /// deadline setter called on the I/O's object, one of its arguments, or an
  /// object that the I/O's object was made from.
  bool deadlineSetBefore(const CallExpr *Io, const FunctionDecl &Coroutine,
                         ASTContext &Context);
  /// A call of a coroutine that waits on a timer and cannot finish but by
  /// throwing, and may throw (asio's watchdog(deadline)).
  bool isWatchdog(const Expr *E, ASTContext &Context);
  /// E joins operands with && (wait for all, or the first failure) and one
  /// of them is a watchdog: its throw ends the others.
  bool joinedWithWatchdog(const Expr *E, ASTContext &Context);

  utils::RuleOptions RuleOptions;
  utils::QualifiedNameMatcher NetworkIo;
  utils::QualifiedNameMatcher TimeoutWrappers;
  utils::QualifiedNameMatcher TimerWaits;
  utils::QualifiedNameMatcher DeadlineTypes;
  utils::QualifiedNameMatcher DeadlineSetters;
  utils::QualifiedNameMatcher BoundedFunctions;
  utils::TestFrameworkMacros TestMacros{RuleOptions.catalog()};
  bool CheckAccept;
  bool TrustBoundedCallers;
  /// Set only when callers are trusted: the facts matter to nothing else.
  std::string FactsDirectory;
  std::string ProjectFactsPath;
  bool AcrossFiles = false;
  utils::MergedFacts Merged;
  const SourceManager *Sources = nullptr;

  // Gathered over the translation unit and reported at its end, when every
  // call of each coroutine has been seen.
  std::vector<Finding> Findings;
  ASTContext *FindingsContext = nullptr;
  /// Any function's, when facts are written for a unit with no finding.
  ASTContext *UnitContext = nullptr;
  /// The references (calls included) of each function, by its canonical
  /// declaration.
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<Reference, 2>>
      ReferencesOf;
  /// Calls passed to a timeout wrapper, raced against a timer or joined
  /// with a watchdog.
  llvm::DenseSet<const CallExpr *> BoundedCalls;
  /// Whether each coroutine definition is a watchdog, as it is asked.
  llvm::DenseMap<const FunctionDecl *, bool> Watchdogs;
};

} // namespace clang::tidy::async

#endif // ASYNC_LINT_CHECKS_IOWITHOUTTIMEOUTCHECK_H
