//===--- Configuration.h - The checks' options for each file ----*- C++ -*-===//
//
// Layers, weakest first: the defaults, .clang-tidy (or --config text,
// or --config-file), .async-lint.yaml (or --config FILE), the command line.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_CONFIGURATION_H
#define ASYNC_LINT_DRIVER_CONFIGURATION_H

#include "ConfigValidation.h"
#include "Options.h"
#include "ProjectConfig.h"
#include "Runner.h"

#include "catalog/RuleCatalog.h"

#include "clang-tidy/ClangTidyOptions.h"

#include <memory>
#include <optional>

namespace async_lint::driver {

class Configuration {
public:
  /// Reads the configuration the flags name; null after printing what is
  /// wrong with it.
  static std::unique_ptr<Configuration> load(const CommandLine &Flags);

  /// The options of File's translation unit.
  std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>
  optionsFor(llvm::StringRef File) const;
  OptionsProviderFactory optionsProviders() const {
    return [this](llvm::StringRef File) { return optionsFor(File); };
  }

  ProjectConfigFinder &projectConfigs() const { return *ProjectConfigs; }
  /// --config or --config-file gave clang-tidy configuration, so no
  /// .clang-tidy file is read.
  bool hasExplicitConfig() const { return ExplicitConfig.has_value(); }

  /// The catalog with the profiles File's configuration names; null after
  /// printing why it cannot be read.
  std::shared_ptr<const catalog::Catalog>
  catalogFor(llvm::StringRef File) const;

  /// Prints what --dump-config shows: every option of the enabled checks.
  void dump(clang::tidy::ClangTidyOptions Effective,
            const std::vector<std::string> &Enabled) const;

private:
  explicit Configuration(const CommandLine &Flags) : Flags(Flags) {}
  bool readFlagsAndFiles(ConfigProblems &Problems);
  void setDefaultsAndOverrides();

  const CommandLine &Flags;
  clang::tidy::ClangTidyGlobalOptions GlobalOptions;
  clang::tidy::ClangTidyOptions DefaultOptions;
  clang::tidy::ClangTidyOptions OverrideOptions;
  std::optional<clang::tidy::ClangTidyOptions> ExplicitConfig;
  std::unique_ptr<ProjectConfigFinder> ProjectConfigs;
  std::vector<std::string> ResourceDir;
};

/// Prints each problem; true if there were any.
bool reportProblems(const ConfigProblems &Problems);

} // namespace async_lint::driver

#endif // ASYNC_LINT_DRIVER_CONFIGURATION_H
