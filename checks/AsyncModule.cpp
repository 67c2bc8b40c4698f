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
#include "utils/ClangCompat.h"
#include "utils/FunctionCheck.h"

#include "clang-tidy/ClangTidyModule.h"

#include <memory>

namespace clang::tidy::async {

namespace {

/// Registers CheckType under Name, its instances sharing Matchers (see
/// utils/FunctionCheck.h).
template <class CheckType>
void registerFunctionCheck(
    ClangTidyCheckFactories &CheckFactories, StringRef Name,
    const std::shared_ptr<utils::SharedFunctionMatchers> &Matchers) {
  CheckFactories.registerCheckFactory(
      Name, [Matchers](StringRef CheckName, ClangTidyContext *Context) {
        auto Check = std::make_unique<CheckType>(CheckName, Context);
        Check->shareMatchers(Matchers);
        return Check;
      });
}

} // namespace

class AsyncModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &CheckFactories) override {
    auto Matchers = std::make_shared<utils::SharedFunctionMatchers>();
    // Sorted by check id.
    registerFunctionCheck<AwaitInCancellationHandlerCheck>(
        CheckFactories, "async-await-in-cancellation-handler", Matchers);
    registerFunctionCheck<BlockingCallCheck>(CheckFactories,
                                             "async-blocking-call", Matchers);
    registerFunctionCheck<CancelledAwaitWithoutTimeoutCheck>(
        CheckFactories, "async-cancelled-await-without-timeout", Matchers);
    registerFunctionCheck<DanglingReferenceCheck>(
        CheckFactories, "async-dangling-reference", Matchers);
    registerFunctionCheck<DetachedTaskCheck>(CheckFactories,
                                             "async-detached-task", Matchers);
    registerFunctionCheck<IoWithoutTimeoutCheck>(
        CheckFactories, "async-io-without-timeout", Matchers);
    registerFunctionCheck<LockAcrossSuspensionCheck>(
        CheckFactories, "async-lock-across-suspension", Matchers);
    registerFunctionCheck<MissingCoAwaitCheck>(
        CheckFactories, "async-missing-co-await", Matchers);
    registerFunctionCheck<SwallowedCancellationCheck>(
        CheckFactories, "async-swallowed-cancellation", Matchers);
    registerFunctionCheck<UnboundedGatherCheck>(
        CheckFactories, "async-unbounded-gather", Matchers);
  }
};

// Registers the module with whichever clang-tidy engine loads this code: the
// async-lint driver or clang-tidy itself through --load.
static ClangTidyModuleRegistry::Add<AsyncModule>
    Registration("async-module", "Checks for C++20 coroutine code.");

} // namespace clang::tidy::async
