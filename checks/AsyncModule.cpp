//===--- AsyncModule.cpp - The async-* checks -----------------------------===//

#include "AwaitInCancellationHandlerCheck.h"
#include "BlockingCallCheck.h"
#include "CancelledAwaitWithoutTimeoutCheck.h"
#include "DanglingReferenceCheck.h"
#include "DetachedTaskCheck.h"
#include "GeneratedRuleNames.h"
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

namespace rules = ::async_lint::rules;

namespace {

/// Registers CheckType under its rule id, its instances sharing Matchers (see
/// utils/FunctionCheck.h).
template <class CheckType>
void registerFunctionCheck(
    ClangTidyCheckFactories &CheckFactories, rules::CheckId Rule,
    const std::shared_ptr<utils::FunctionMatcherRegistry> &Matchers) {
  CheckFactories.registerCheckFactory(
      Rule.Id, [Matchers](StringRef CheckName, ClangTidyContext *Context) {
        auto Check = std::make_unique<CheckType>(CheckName, Context);
        Check->shareMatchers(Matchers);
        return Check;
      });
}

} // namespace

class AsyncModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &CheckFactories) override {
    auto Matchers = std::make_shared<utils::FunctionMatcherRegistry>();
    // Sorted by check id.
    registerFunctionCheck<AwaitInCancellationHandlerCheck>(
        CheckFactories, rules::check::AwaitInCancellationHandler, Matchers);
    registerFunctionCheck<BlockingCallCheck>(
        CheckFactories, rules::check::BlockingCall, Matchers);
    registerFunctionCheck<CancelledAwaitWithoutTimeoutCheck>(
        CheckFactories, rules::check::CancelledAwaitWithoutTimeout, Matchers);
    registerFunctionCheck<DanglingReferenceCheck>(
        CheckFactories, rules::check::DanglingReference, Matchers);
    registerFunctionCheck<DetachedTaskCheck>(
        CheckFactories, rules::check::DetachedTask, Matchers);
    registerFunctionCheck<IoWithoutTimeoutCheck>(
        CheckFactories, rules::check::IoWithoutTimeout, Matchers);
    registerFunctionCheck<LockAcrossSuspensionCheck>(
        CheckFactories, rules::check::LockAcrossSuspension, Matchers);
    registerFunctionCheck<MissingCoAwaitCheck>(
        CheckFactories, rules::check::MissingCoAwait, Matchers);
    registerFunctionCheck<SwallowedCancellationCheck>(
        CheckFactories, rules::check::SwallowedCancellation, Matchers);
    registerFunctionCheck<UnboundedGatherCheck>(
        CheckFactories, rules::check::UnboundedGather, Matchers);
  }
};

// Registers the module with whichever clang-tidy engine loads this code: the
// async-lint driver or clang-tidy itself through --load.
static ClangTidyModuleRegistry::Add<AsyncModule>
    Registration("async-module", "Checks for C++20 coroutine code.");

} // namespace clang::tidy::async
