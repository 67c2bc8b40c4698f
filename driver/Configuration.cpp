//===--- Configuration.cpp - The checks' options for each file ------------===//

#include "Configuration.h"
#include "utils/ClangCompat.h"

#include "catalog/UserProfiles.h"

#include "clang-tidy/ClangTidy.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Process.h"

namespace async_lint::driver {

using clang::tidy::ClangTidyOptions;

namespace {

/// "-*,async-*" less the rules the catalog marks as off by default.
std::string defaultCheckGlobs() {
  std::string Globs = "-*,async-*";
  for (const catalog::Rule &Rule : catalog::builtinCatalog().rules())
    if (!Rule.EnabledByDefault)
      Globs += ",-" + Rule.Id;
  return Globs;
}

/// Compiled in so that an installed async-lint finds <stddef.h> and friends
/// without a clang beside it.
std::vector<std::string> resourceDirArguments() {
  if (llvm::sys::fs::is_directory(ASYNC_LINT_CLANG_RESOURCE_DIR))
    return {"-resource-dir=" ASYNC_LINT_CLANG_RESOURCE_DIR};
  return {};
}

void validateFlag(const std::optional<std::string> &Value, llvm::StringRef Name,
                  std::optional<std::string> ClangTidyOptions::*Field,
                  ConfigProblems &Problems) {
  if (!Value)
    return;
  ClangTidyOptions Given;
  Given.*Field = *Value;
  validateOptions(Given, Name, ForeignChecks::Rejected, Problems);
}

/// --config FILE names an .async-lint.yaml for every input; --config TEXT is
/// clang-tidy configuration, as for clang-tidy. Text with neither ':' nor '{'
/// is no YAML mapping, so it names a file, perhaps a missing one.
bool namesProjectConfigFile(const std::optional<std::string> &Config) {
  return Config && (llvm::sys::fs::is_regular_file(*Config) ||
                    llvm::StringRef(*Config).find_first_of(":{") ==
                        llvm::StringRef::npos);
}

} // namespace

bool reportProblems(const ConfigProblems &Problems) {
  for (const std::string &Problem : Problems)
    llvm::errs() << Problem;
  return !Problems.empty();
}

void Configuration::setDefaultsAndOverrides() {
  DefaultOptions.Checks = defaultCheckGlobs();
  DefaultOptions.WarningsAsErrors = "";
  DefaultOptions.HeaderFilterRegex = Flags.HeaderFilter.value_or("");
  DefaultOptions.SystemHeaders = Flags.SystemHeaders.value_or(false);
  DefaultOptions.User = llvm::sys::Process::GetEnv("USER");
  DefaultOptions = ClangTidyOptions::getDefaults().merge(DefaultOptions, 0);

  OverrideOptions.Checks = Flags.Checks;
  OverrideOptions.WarningsAsErrors = Flags.WarningsAsErrors;
  OverrideOptions.HeaderFilterRegex = Flags.HeaderFilter;
  OverrideOptions.SystemHeaders = Flags.SystemHeaders;
  ResourceDir = resourceDirArguments();
  if (!ResourceDir.empty())
    OverrideOptions.ExtraArgsBefore = ResourceDir;
}

bool Configuration::readFlagsAndFiles(ConfigProblems &Problems) {
  std::shared_ptr<const ProjectConfig> FixedProjectConfig;
  if (namesProjectConfigFile(Flags.Config)) {
    auto Loaded = ProjectConfig::load(*Flags.Config);
    if (!Loaded) {
      error() << llvm::toString(Loaded.takeError()) << "\n";
      return false;
    }
    FixedProjectConfig =
        std::make_shared<const ProjectConfig>(std::move(*Loaded));
  }
  ProjectConfigs = std::make_unique<ProjectConfigFinder>(FixedProjectConfig);

  if (Flags.ConfigFile && Flags.Config) {
    error() << "--config and --config-file cannot be used together\n";
    return false;
  }
  if (Flags.ConfigFile) {
    auto Text = llvm::MemoryBuffer::getFile(*Flags.ConfigFile);
    if (!Text) {
      error() << "cannot read config file '" << *Flags.ConfigFile
              << "': " << Text.getError().message() << "\n";
      return false;
    }
    ExplicitConfig =
        parseClangTidyConfig((*Text)->getBuffer(), *Flags.ConfigFile, Problems);
    if (ExplicitConfig)
      validateOptions(*ExplicitConfig, *Flags.ConfigFile,
                      ForeignChecks::Rejected, Problems, (*Text)->getBuffer());
  } else if (Flags.Config && !FixedProjectConfig) {
    ExplicitConfig = parseClangTidyConfig(*Flags.Config, "--config", Problems);
    if (ExplicitConfig)
      validateOptions(*ExplicitConfig, "--config", ForeignChecks::Rejected,
                      Problems);
  }
  return true;
}

std::unique_ptr<Configuration> Configuration::load(const CommandLine &Flags) {
  // Every configuration problem is collected and printed once, before
  // anything is linted; with --verify-config nothing is.
  ConfigProblems Problems;
  validateFlag(Flags.Checks, "--checks", &ClangTidyOptions::Checks, Problems);
  validateFlag(Flags.HeaderFilter, "--header-filter",
               &ClangTidyOptions::HeaderFilterRegex, Problems);
  if (reportProblems(Problems))
    return nullptr;
  std::unique_ptr<Configuration> Config(new Configuration(Flags));
  Config->setDefaultsAndOverrides();
  if (!Config->readFlagsAndFiles(Problems) || reportProblems(Problems))
    return nullptr;
  // A configuration that starts from "-*" needs no default in front of it;
  // leaving it out keeps --dump-config output stable when fed back in.
  const auto &Explicit = Config->ExplicitConfig;
  if (Explicit && Explicit->Checks &&
      llvm::StringRef(*Explicit->Checks).ltrim().starts_with("-*"))
    Config->DefaultOptions.Checks = "";
  return Config;
}

std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>
Configuration::optionsFor(llvm::StringRef File) const {
  ClangTidyOptions Overrides = OverrideOptions;
  auto Project = ProjectConfigs->forFile(File);
  if (!Project)
    llvm::consumeError(Project.takeError()); // Reported before the run.
  else if (*Project) {
    const auto &P = **Project;
    std::string Globs = P.checkGlobs();
    if (Flags.Checks)
      Globs += (Globs.empty() ? "" : ",") + *Flags.Checks;
    if (!Globs.empty())
      Overrides.Checks = Globs;
    for (const auto &[Key, Value] : P.Options)
      if (!Overrides.CheckOptions.count(Key))
        Overrides.CheckOptions[Key] = ClangTidyOptions::ClangTidyValue(Value);
    if (P.HeaderFilter && !Flags.HeaderFilter)
      Overrides.HeaderFilterRegex = *P.HeaderFilter;
    // Absolute already; like any option of the file, they replace those of
    // .clang-tidy.
    if (!P.Profiles.empty())
      Overrides.CheckOptions[catalog::ProfilesOption] =
          ClangTidyOptions::ClangTidyValue(llvm::join(P.Profiles, ";"));
  }
  if (ExplicitConfig)
    return std::make_unique<clang::tidy::ConfigOptionsProvider>(
        GlobalOptions, DefaultOptions, *ExplicitConfig, Overrides);
  return std::make_unique<clang::tidy::FileOptionsProvider>(
      GlobalOptions, DefaultOptions, Overrides);
}

std::shared_ptr<const catalog::Catalog>
Configuration::catalogFor(llvm::StringRef File) const {
  ClangTidyOptions Options = optionsFor(File)->getOptions(File);
  std::string Named;
  if (auto It = Options.CheckOptions.find(catalog::ProfilesOption);
      It != Options.CheckOptions.end())
    Named = It->getValue().Value;
  auto Catalog = catalog::effectiveCatalog(
      catalog::resolveProfilePaths(Named, File.str()));
  if (auto *Failed = std::get_if<catalog::CatalogError>(&Catalog)) {
    error() << Failed->Where.str() << ": " << Failed->Message << "\n";
    return nullptr;
  }
  return std::get<std::shared_ptr<const catalog::Catalog>>(Catalog);
}

void Configuration::dump(ClangTidyOptions Effective,
                         const std::vector<std::string> &Enabled) const {
  const ClangTidyOptions::OptionMap Given = Effective.CheckOptions;
  Effective.CheckOptions =
      clang::tidy::async::compat::enabledCheckOptions(Effective);
  // Only the options of enabled checks, as clang-tidy prints them, and
  // async-lint's global ones, which every check reads.
  ClangTidyOptions::OptionMap Kept;
  for (const auto &Option : Given)
    if (Option.getKey().starts_with("async-lint."))
      Kept.insert({Option.getKey(), Option.getValue()});
  for (const auto &Option : Effective.CheckOptions)
    for (const std::string &Check : Enabled)
      if (Option.getKey().starts_with(Check + "."))
        Kept.insert({Option.getKey(), Option.getValue()});
  Effective.CheckOptions = std::move(Kept);
  // The compiled-in resource directory is an internal default, not
  // configuration: printed, it would be added again when read back.
  if (Effective.ExtraArgsBefore)
    llvm::erase_if(*Effective.ExtraArgsBefore, [&](const std::string &Arg) {
      return llvm::is_contained(ResourceDir, Arg);
    });
  // Decided by --color and the terminal, not configuration.
  Effective.UseColor.reset();
  llvm::outs() << clang::tidy::configurationAsText(Effective) << "\n";
}

} // namespace async_lint::driver
