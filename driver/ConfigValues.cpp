//===--- ConfigValues.cpp - Option values ---------------------------------===//
//
// The part of configuration checking that needs no clang-tidy: the driver's
// .async-lint.yaml reader (and its fuzzer) use it too.
//
//===----------------------------------------------------------------------===//

#include "ConfigValidation.h"

#include "catalog/RuleCatalog.h"

#include "llvm/Support/YAMLParser.h"

namespace async_lint::driver {

std::optional<std::string> optionValueProblem(const catalog::RuleOption &Option,
                                              llvm::StringRef Value) {
  if (!llvm::yaml::parseBool(Option.Default))
    return std::nullopt; // Text or a list: anything goes.
  long long Number;
  if (llvm::yaml::parseBool(Value) || !Value.getAsInteger(10, Number))
    return std::nullopt;
  return "must be true or false (1/0, yes/no and on/off are read too), not '" +
         Value.str() + "'";
}

} // namespace async_lint::driver
