//===--- AsyncModule.cpp - The async-* checks -----------------------------===//

#include "AwaitInCancellationHandlerCheck.h"
#include "BlockingCallCheck.h"
#include "CancelledAwaitWithoutTimeoutCheck.h"
#include "DanglingReferenceCheck.h"
#include "DetachedTaskCheck.h"
#include "IoWithoutTimeoutCheck.h"
#include "LockAcrossSuspensionCheck.h"
#include "MissingCoAwaitCheck.h"
#include "SwallowedCancellationCheck.h"
#include "UnboundedGatherCheck.h"

#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

namespace clang::tidy::async {

class AsyncModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &CheckFactories) override {
    // Sorted by check id.
    CheckFactories.registerCheck<AwaitInCancellationHandlerCheck>(
        "async-await-in-cancellation-handler");
    CheckFactories.registerCheck<BlockingCallCheck>("async-blocking-call");
    CheckFactories.registerCheck<CancelledAwaitWithoutTimeoutCheck>(
        "async-cancelled-await-without-timeout");
    CheckFactories.registerCheck<DanglingReferenceCheck>(
        "async-dangling-reference");
    CheckFactories.registerCheck<DetachedTaskCheck>("async-detached-task");
    CheckFactories.registerCheck<IoWithoutTimeoutCheck>(
        "async-io-without-timeout");
    CheckFactories.registerCheck<LockAcrossSuspensionCheck>(
        "async-lock-across-suspension");
    CheckFactories.registerCheck<MissingCoAwaitCheck>("async-missing-co-await");
    CheckFactories.registerCheck<SwallowedCancellationCheck>(
        "async-swallowed-cancellation");
    CheckFactories.registerCheck<UnboundedGatherCheck>(
        "async-unbounded-gather");
  }
};

// Registers the module with whichever clang-tidy engine loads this code: the
// async-lint driver or clang-tidy itself through --load.
static ClangTidyModuleRegistry::Add<AsyncModule>
    Registration("async-module", "Checks for C++20 coroutine code.");

} // namespace clang::tidy::async
