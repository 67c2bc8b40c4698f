//===--- BlockingCallCheck.h - async-blocking-call --------------*- C++ -*-===//

#ifndef ASYNC_LINT_CHECKS_BLOCKINGCALLCHECK_H
#define ASYNC_LINT_CHECKS_BLOCKINGCALLCHECK_H

#include "utils/AwaitableShape.h"
#include "utils/FunctionCheck.h"
#include "utils/ProjectFactsAccess.h"
#include "utils/QualifiedNameMatcher.h"
#include "utils/RuleOptions.h"
#include "utils/TaskRuntime.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/utils/IncludeInserter.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"

#include <optional>
#include <string>

namespace clang::tidy::async {

/// Reports calls that block the thread when they are evaluated in a coroutine
/// body: sleeping, synchronous file and network I/O, processes, synchronous
/// waits, re-entering an event loop, synchronous asio operations and
/// (optionally) mutex locking. The API names come from rules/profiles and the
/// check's options.
///
/// A call from a coroutine to a plain function that blocks, directly or
/// through the plain functions it calls in turn, is reported at the call in
/// the coroutine, with the chain of calls in notes. Each function is
/// summarised once per translation unit; recursion is resolved one strongly
/// connected group of functions at a time.
///
/// Across translation units: with the global option async-lint.FactsDirectory
/// the check writes the facts of the functions defined in each unit there
/// (see utils/ProjectFacts.h); with async-lint.ProjectFacts naming their
/// merged file it also reports calls of functions that block through other
/// units, with a note at each call of the chain. Without merged facts but
/// with async-lint.ConditionalFindings, it records those calls as
/// conditional findings that the driver decides after the merge.
class BlockingCallCheck : public utils::FunctionCheck {
public:
  BlockingCallCheck(StringRef Name, ClangTidyContext *Context);
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void onStartOfTranslationUnit() override { clearTranslationUnitState(); }
  void onEndOfTranslationUnit() override;

private:
  /// How a plain function blocks: at Site, a call or construction in its
  /// body that is either a blocking API (Callee is null) or a call of
  /// Callee, a plain function that blocks in turn.
  struct BlockingPath {
    const Expr *Site = nullptr;
    const FunctionDecl *Callee = nullptr;
    /// The blocking API at the end of the chain, as diagnostics name it, and
    /// its category.
    std::string Api;
    bool ApiIsConstruction = false;
    unsigned Category = 0;
    /// The number of calls from this function to the blocking API, 1 when
    /// Site is the blocking API.
    unsigned Depth = 1;
  };

  /// What one walk over a plain function's body finds: its first call of a
  /// blocking API or, failing that, the calls the check follows from it.
  struct FunctionScan {
    const Expr *BlockingSite = nullptr;
    std::optional<utils::QualifiedNameMatcher::Match> BlockingApi;
    std::string BlockingEntity;
    llvm::SmallVector<std::pair<const Expr *, const FunctionDecl *>, 4> Calls;
  };

  void clearTranslationUnitState() {
    Summaries.clear();
    NonBlockingIn.clear();
    ReportedSites.clear();
    Unit.reset();
  }
  /// What the finding in Coroutine about a call of Category's APIs
  /// suggests: its runtime's hint, else the category's own text.
  const catalog::RuntimeHint *hintFor(const FunctionDecl &Coroutine,
                                      unsigned Category);
  /// The fix-its of Hint for Call, a statement of its own that calls Api:
  /// the callee replaced and, unless the file includes it already, the
  /// header the replacement needs. None when the hint's fix is not for Api
  /// or the call is not written in a file.
  llvm::SmallVector<FixItHint, 2> fixesFor(const catalog::RuntimeHint &Hint,
                                           const CallExpr &Call,
                                           const catalog::ApiEntry &Api,
                                           const SourceManager &SM);
  /// The function a call or construction names (directly, or through a
  /// function pointer that can hold only it), unless it hands its work to
  /// another thread.
  const FunctionDecl *calledFunction(const Expr *E);
  /// The function a call or construction runs on this thread, if the check
  /// follows it: a plain function defined in the translation unit, outside
  /// system headers, called directly. Returns its canonical declaration.
  const FunctionDecl *followedCallee(const Expr *E, const ASTContext &Context);
  /// The blocking API that E, in Function, calls or constructs, unless
  /// this call of it cannot wait (see doesNotWait).
  std::optional<utils::QualifiedNameMatcher::Match>
  matchBlocking(const Expr *E, const FunctionDecl &Function,
                const ASTContext &Context);
  /// Whether Call, a blocking API in Function, returns at once here: it
  /// writes one small integer (a wake-up), or works on a descriptor that the
  /// same code made non-blocking.
  bool doesNotWait(const CallExpr &Call, const FunctionDecl &Function,
                   const ASTContext &Context);
  /// Whether Owner's code makes Descriptor non-blocking. Owner is a
  /// function, or a class whose member functions, constructors and default
  /// member initializers defined here are its code.
  bool madeNonBlockingBy(const Decl &Owner, const ValueDecl &Descriptor);
  /// Whether Coroutine is a lambda that only runs an event loop and is
  /// started only inside the awaitable of a blocking wait (sync_wait): it
  /// drives the loop on the waiting thread, which is no loop's thread.
  bool drivesLoopForBlockingWait(const FunctionDecl &Coroutine,
                                 const ASTContext &Context);
  /// How Function (canonical) blocks, or null; computed on first use, along
  /// with every function it calls. The pointer is valid until the next call.
  const BlockingPath *blockingPathOf(const FunctionDecl *Function,
                                     const ASTContext &Context);
  FunctionScan scanFunction(const FunctionDecl *Canonical,
                            const ASTContext &Context);
  /// Summarises Group, functions that call one another, once every function
  /// they call outside the group is summarised.
  void summariseGroup(
      llvm::ArrayRef<const FunctionDecl *> Group,
      const llvm::DenseMap<const FunctionDecl *, FunctionScan> &Scans);
  /// Reports E, a call in Coroutine of Callee, which blocks through Path.
  void reportFollowedCall(const Expr *E, StringRef Entity,
                          const FunctionDecl &Coroutine, bool IsLambda,
                          const FunctionDecl &Callee, const BlockingPath &Path,
                          const ASTContext &Context);

  /// Adds Function's facts to this unit's, for the whole-project analysis.
  void recordFacts(const FunctionDecl &Function, const ASTContext &Context);
  /// The call E in Function of a function whose definition the check does
  /// not follow here, when it may block in another unit: its facts are
  /// needed then.
  const FunctionDecl *externalCallee(const Expr *E,
                                     const FunctionDecl &Function,
                                     const ASTContext &Context);
  /// Reports E, a call in Coroutine of a function that the merged project
  /// facts say blocks; false when they do not say so.
  bool reportProjectChain(const Expr *E, StringRef Entity,
                          const FunctionDecl &Coroutine, bool IsLambda,
                          const FunctionDecl &Callee, ASTContext &Context);
  /// Records E, a call in Coroutine of a function defined in another unit,
  /// as a conditional finding that the merged facts decide (see
  /// utils/ConditionalFindings.h).
  void recordCrossFileCall(const Expr *E, StringRef Entity,
                           const FunctionDecl &Coroutine, bool IsLambda,
                           const FunctionDecl &Callee,
                           const ASTContext &Context);
  /// Whether the calls in E's place to Callee, defined elsewhere, are judged
  /// by the project facts: not those a macro writes nor a runtime's own.
  bool judgedAcrossFiles(const Expr *E, const FunctionDecl &Callee);
  /// The merged facts named by async-lint.ProjectFacts, read once per file
  /// version; null when none are named or they cannot be read (reported
  /// once).
  const async_lint::facts::ProjectFacts *projectFacts();

  utils::RuleOptions RuleOptions;
  utils::QualifiedNameMatcher Blocking;
  // Only the shape test is used: no type names are needed.
  utils::AwaitableClassifier Awaitables{{}, {}};
  /// Functions that run a callable elsewhere (aio::to_thread, asio::post,
  /// std::thread): never followed.
  utils::QualifiedNameMatcher Handoffs;
  /// The event-loop re-entry APIs (io_service::process_events, sync_wait).
  utils::QualifiedNameMatcher LoopRuns;
  /// Calls on a descriptor that do not wait when it is non-blocking, calls
  /// that write a wake-up, and the flags that make a descriptor
  /// non-blocking.
  utils::QualifiedNameMatcher DescriptorCalls;
  utils::QualifiedNameMatcher WakeUpWrites;
  utils::QualifiedNameMatcher NonBlockingFlags;
  /// Per function (for its variables) or class (for its members): the
  /// descriptors its code makes non-blocking.
  llvm::DenseMap<const Decl *, llvm::DenseSet<const ValueDecl *>> NonBlockingIn;
  /// Where this translation unit has findings.
  llvm::DenseSet<SourceLocation> ReportedSites;
  bool FollowCalls;
  /// One entry per plain function summarised in this translation unit,
  /// keyed by canonical declaration; empty when it does not block.
  llvm::DenseMap<const FunctionDecl *, std::optional<BlockingPath>> Summaries;
  /// The category kinds ("blocking-call-sleep"), by category index.
  std::vector<std::string> CategoryKinds;
  utils::TaskRuntimes Runtimes;
  /// Headers that an #include of the translation unit names, as spelled.
  llvm::StringSet<> IncludedHeaders;
  tidy::utils::IncludeInserter Inserter;
  /// Where this unit's facts go, and the merged facts to read; empty when
  /// not asked for.
  std::string FactsDirectory;
  std::string ProjectFactsPath;
  /// Whether calls of functions defined elsewhere are reported (with
  /// ProjectFactsPath) or recorded as conditional findings.
  bool AcrossFiles = false;
  std::optional<async_lint::facts::UnitFacts> Unit;
  utils::MergedFacts Merged;
  const SourceManager *Sources = nullptr;
};

} // namespace clang::tidy::async

#endif // ASYNC_LINT_CHECKS_BLOCKINGCALLCHECK_H
