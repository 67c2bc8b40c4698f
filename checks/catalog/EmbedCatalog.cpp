//===--- EmbedCatalog.cpp - Validate rules/ and embed it in the build -----===//
//
// Runs at build time: parses every catalog file with the same code the checks
// use, fails the build with file:line:col on the first malformed one, and
// writes the texts as a C++ include so the plugin and the driver carry one
// copy of the defaults.
//
// usage: async-lint-embed-catalog --root DIR --output FILE.inc FILE.yaml...
//
//===----------------------------------------------------------------------===//

#include "RuleCatalog.h"

#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

namespace {

std::string relativeTo(const std::string &Path, const std::string &Root) {
  if (!Root.empty() && Path.rfind(Root + "/", 0) == 0)
    return Path.substr(Root.size() + 1);
  return Path;
}

} // namespace

int main(int Argc, char **Argv) {
  std::string Root;
  std::string Output;
  std::vector<async_lint::catalog::CatalogSource> Sources;
  for (int I = 1; I < Argc; ++I) {
    if (std::strcmp(Argv[I], "--root") == 0 && I + 1 < Argc) {
      Root = Argv[++I];
    } else if (std::strcmp(Argv[I], "--output") == 0 && I + 1 < Argc) {
      Output = Argv[++I];
    } else {
      std::ifstream In(Argv[I], std::ios::binary);
      if (!In) {
        std::cerr << Argv[I] << ": error: cannot read catalog file\n";
        return 1;
      }
      std::ostringstream Text;
      Text << In.rdbuf();
      Sources.push_back({relativeTo(Argv[I], Root), Text.str()});
    }
  }
  if (Sources.empty()) {
    std::cerr << "usage: async-lint-embed-catalog [--root DIR] "
                 "[--output FILE.inc] FILE.yaml...\n";
    return 2;
  }

  auto Parsed = async_lint::catalog::parseCatalog(Sources);
  if (const auto *Error =
          std::get_if<async_lint::catalog::CatalogError>(&Parsed)) {
    std::cerr << Error->str() << "\n";
    return 1;
  }
  if (Output.empty())
    return 0;

  const std::string Delimiter = "ASYNC_LINT_YAML";
  std::ostringstream Inc;
  Inc << "// Generated from rules/ at build time; edit the YAML files.\n";
  for (const auto &Source : Sources) {
    if (Source.Text.find(")" + Delimiter + "\"") != std::string::npos) {
      std::cerr << Source.Path << ": error: the text ')" << Delimiter
                << "\"' cannot be embedded\n";
      return 1;
    }
    Inc << "{\"" << Source.Path << "\", R\"" << Delimiter << "(" << Source.Text
        << ")" << Delimiter << "\"},\n";
  }
  // Write only on change so that dependants are not rebuilt needlessly.
  std::ifstream Existing(Output, std::ios::binary);
  std::ostringstream Old;
  if (Existing)
    Old << Existing.rdbuf();
  if (Old.str() == Inc.str())
    return 0;
  std::ofstream Out(Output, std::ios::binary | std::ios::trunc);
  Out << Inc.str();
  if (!Out) {
    std::cerr << Output << ": error: cannot write\n";
    return 1;
  }
  return 0;
}
