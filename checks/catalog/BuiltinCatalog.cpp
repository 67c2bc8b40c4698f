//===--- BuiltinCatalog.cpp - The catalog compiled into this binary -------===//

#include "RuleCatalog.h"

#include <cstdio>
#include <cstdlib>

namespace async_lint::catalog {

const Catalog &builtinCatalog() {
  // Parsed once, then never changed: every check instance and every thread
  // reads the same immutable catalog.
  static const Catalog Parsed = [] {
    std::vector<CatalogSource> Sources = {
#include "EmbeddedCatalog.inc"
    };
    auto Result = parseCatalog(Sources);
    if (auto *Error = std::get_if<CatalogError>(&Result)) {
      // The build validated these exact texts, so this is a broken build.
      std::fprintf(stderr, "async-lint: internal error: %s\n",
                   Error->str().c_str());
      std::abort();
    }
    return std::get<Catalog>(std::move(Result));
  }();
  return Parsed;
}

} // namespace async_lint::catalog
