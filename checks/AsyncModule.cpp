//===--- AsyncModule.cpp - The async-* checks -----------------------------===//

#include "BlockingCallCheck.h"
#include "CancelledAwaitWithoutTimeoutCheck.h"
#include "DetachedTaskCheck.h"
#include "MissingCoAwaitCheck.h"
#include "SwallowedCancellationCheck.h"

#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

namespace clang::tidy::async {

class AsyncModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &CheckFactories) override {
    // Sorted by check id.
    CheckFactories.registerCheck<BlockingCallCheck>("async-blocking-call");
    CheckFactories.registerCheck<CancelledAwaitWithoutTimeoutCheck>(
        "async-cancelled-await-without-timeout");
    CheckFactories.registerCheck<DetachedTaskCheck>("async-detached-task");
    CheckFactories.registerCheck<MissingCoAwaitCheck>("async-missing-co-await");
    CheckFactories.registerCheck<SwallowedCancellationCheck>(
        "async-swallowed-cancellation");
  }
};

// Registers the module with whichever clang-tidy engine loads this code: the
// async-lint driver or clang-tidy itself through --load.
static ClangTidyModuleRegistry::Add<AsyncModule>
    Registration("async-module", "Checks for C++20 coroutine code.");

} // namespace clang::tidy::async
