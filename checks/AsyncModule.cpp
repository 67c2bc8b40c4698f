//===--- AsyncModule.cpp - The async-* checks -----------------------------===//

#include "BlockingCallCheck.h"

#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

namespace clang::tidy::async {

class AsyncModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &CheckFactories) override {
    // Sorted by check id.
    CheckFactories.registerCheck<BlockingCallCheck>("async-blocking-call");
  }
};

// Registers the module with whichever clang-tidy engine loads this code: the
// async-lint driver or clang-tidy itself through --load.
static ClangTidyModuleRegistry::Add<AsyncModule>
    Registration("async-module", "Checks for C++20 coroutine code.");

} // namespace clang::tidy::async
