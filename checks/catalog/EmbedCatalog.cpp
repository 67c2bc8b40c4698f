//===--- EmbedCatalog.cpp - Validate rules/ and embed it in the build -----===//
//
// Runs at build time: parses every catalog file with the same code the checks
// use, fails the build with file:line:col on the first malformed one, and
// writes the texts as a C++ include so the plugin and the driver carry one
// copy of the defaults. With --names-header it also writes the typed
// constants of catalog/RuleNames.h for every rule id, option and API kind, so
// that the checks cannot misspell one.
//
// usage: async-lint-embed-catalog --root DIR --output FILE.inc
//            [--names-header FILE.h] FILE.yaml...
//
//===----------------------------------------------------------------------===//

#include "RuleCatalog.h"

#include <cctype>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

namespace {

/// "async-blocking-call" -> "BlockingCall", "task-types" -> "TaskTypes".
std::string camelCase(std::string_view Kebab) {
  std::string Result;
  bool Upper = true;
  for (char C : Kebab) {
    if (C == '-' || C == '_') {
      Upper = true;
      continue;
    }
    Result += Upper ? static_cast<char>(std::toupper(C)) : C;
    Upper = false;
  }
  return Result;
}

/// "async-blocking-call" -> "blocking_call".
std::string snakeCase(std::string_view Kebab) {
  std::string Result;
  for (char C : Kebab)
    Result += C == '-' ? '_' : C;
  return Result;
}

std::string namesHeader(const async_lint::catalog::Catalog &Catalog) {
  using async_lint::catalog::categoryKindOf;
  using async_lint::catalog::checkKindOf;
  std::ostringstream H;
  H << "// Generated from rules/ at build time; edit the YAML files.\n"
       "#ifndef ASYNC_LINT_GENERATED_RULENAMES_H\n"
       "#define ASYNC_LINT_GENERATED_RULENAMES_H\n\n"
       "#include \"catalog/RuleNames.h\"\n\n"
       "namespace async_lint::rules {\n\nnamespace check {\n";
  for (const auto &Rule : Catalog.rules())
    H << "inline constexpr CheckId " << camelCase(checkKindOf(Rule.Id)) << "{\""
      << Rule.Id << "\"};\n";
  H << "} // namespace check\n\nnamespace option {\n";
  for (const auto &Rule : Catalog.rules()) {
    std::string Namespace = snakeCase(checkKindOf(Rule.Id));
    H << "namespace " << Namespace << " {\n";
    for (const auto &Option : Rule.Options)
      H << "inline constexpr OptionName " << Option.Name
        << "{check::" << camelCase(checkKindOf(Rule.Id)) << ", \""
        << Option.Name << "\"};\n";
    H << "} // namespace " << Namespace << "\n";
  }
  H << "} // namespace option\n\nnamespace api_kind {\n";
  for (const auto &Kind : Catalog.apiKinds())
    H << "inline constexpr ApiKindName " << camelCase(Kind.Id) << "{\""
      << Kind.Id << "\"};\n";
  for (const auto &Rule : Catalog.rules())
    for (const auto &Category : Rule.Categories) {
      std::string Kind = categoryKindOf(Rule.Id, Category.Id);
      H << "inline constexpr ApiKindName " << camelCase(Kind) << "{\"" << Kind
        << "\"};\n";
    }
  H << "} // namespace api_kind\n\n} // namespace async_lint::rules\n\n"
       "#endif // ASYNC_LINT_GENERATED_RULENAMES_H\n";
  return H.str();
}

/// Writes Text to Path unless it holds Text already, so that dependants are
/// not rebuilt needlessly.
bool writeIfChanged(const std::string &Path, const std::string &Text) {
  std::ifstream Existing(Path, std::ios::binary);
  std::ostringstream Old;
  if (Existing)
    Old << Existing.rdbuf();
  if (Existing && Old.str() == Text)
    return true;
  std::ofstream Out(Path, std::ios::binary | std::ios::trunc);
  Out << Text;
  if (!Out) {
    std::cerr << Path << ": error: cannot write\n";
    return false;
  }
  return true;
}

std::string relativeTo(const std::string &Path, const std::string &Root) {
  if (!Root.empty() && Path.rfind(Root + "/", 0) == 0)
    return Path.substr(Root.size() + 1);
  return Path;
}

} // namespace

int main(int Argc, char **Argv) {
  std::string Root;
  std::string Output;
  std::string NamesHeader;
  std::vector<async_lint::catalog::CatalogSource> Sources;
  for (int I = 1; I < Argc; ++I) {
    if (std::strcmp(Argv[I], "--root") == 0 && I + 1 < Argc) {
      Root = Argv[++I];
    } else if (std::strcmp(Argv[I], "--output") == 0 && I + 1 < Argc) {
      Output = Argv[++I];
    } else if (std::strcmp(Argv[I], "--names-header") == 0 && I + 1 < Argc) {
      NamesHeader = Argv[++I];
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
                 "[--output FILE.inc] [--names-header FILE.h] FILE.yaml...\n";
    return 2;
  }

  auto Parsed = async_lint::catalog::parseCatalog(Sources);
  if (const auto *Error =
          std::get_if<async_lint::catalog::CatalogError>(&Parsed)) {
    std::cerr << Error->str() << "\n";
    return 1;
  }
  if (!NamesHeader.empty() &&
      !writeIfChanged(
          NamesHeader,
          namesHeader(std::get<async_lint::catalog::Catalog>(Parsed))))
    return 1;
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
  return writeIfChanged(Output, Inc.str()) ? 0 : 1;
}
