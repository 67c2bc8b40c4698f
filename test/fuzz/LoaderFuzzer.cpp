//===--- LoaderFuzzer.cpp - Fuzz the configuration and baseline loaders ---===//
//
// Both loaders read files that users (and their tools) write by hand; any
// input must give a value or an error, never a crash. The first byte picks
// the loader.
//
//===----------------------------------------------------------------------===//

#include "Baseline.h"
#include "ProjectConfig.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  if (Size == 0)
    return 0;
  llvm::StringRef Text(reinterpret_cast<const char *>(Data + 1), Size - 1);
  if (Data[0] & 1) {
    auto Config =
        async_lint::driver::ProjectConfig::parse(Text, ".async-lint.yaml");
    if (!Config)
      llvm::consumeError(Config.takeError());
  } else {
    auto Keys = async_lint::driver::parseBaseline(Text, "baseline.json");
    if (!Keys)
      llvm::consumeError(Keys.takeError());
  }
  return 0;
}
