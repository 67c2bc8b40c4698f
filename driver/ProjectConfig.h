//===--- ProjectConfig.h - .async-lint.yaml -----------------------*- C++
//-*-===//
//
// A project's async-lint configuration:
//
//   checks: ['-async-detached-task']        # globs, after "-*,async-*"
//   severity: {async-blocking-call: error}  # error, warning or note
//   options:                                # check options, two spellings
//     async-blocking-call.MutexLocking: true
//     async-blocking-call: {ExtraNetworkFunctions: 'rpc::*_sync'}
//   exclude: ['third_party/**', '**/generated/*.cpp']
//   header-filter: 'src/.*'
//   profiles: ['tools/moraine.yaml']      # the user's runtime profiles
//
// Found upward from each file (the nearest one wins), or given with --config.
// Anything unknown is an error with its position and a suggestion.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_PROJECTCONFIG_H
#define ASYNC_LINT_DRIVER_PROJECTCONFIG_H

#include "Findings.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/GlobPattern.h"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace async_lint::driver {

struct ProjectConfig {
  static constexpr llvm::StringLiteral FileName = ".async-lint.yaml";

  /// The file it was read from, and its directory (exclude globs are
  /// relative to it).
  std::string Path;
  std::string Directory;
  std::vector<std::string> Checks;
  llvm::StringMap<Severity> Severities;
  std::map<std::string, std::string> Options;
  std::vector<std::string> ExcludeTexts;
  std::optional<std::string> HeaderFilter;
  /// The user's profile files, absolute (written relative to Directory).
  std::vector<std::string> Profiles;

  bool excludes(llvm::StringRef AbsolutePath) const;
  /// The checks as one clang-tidy glob list ("-async-x,async-y").
  std::string checkGlobs() const;

  /// Parses and validates Text; errors read "file:line:col: message".
  static llvm::Expected<ProjectConfig> parse(llvm::StringRef Text,
                                             llvm::StringRef Path);
  static llvm::Expected<ProjectConfig> load(llvm::StringRef Path);

private:
  std::vector<llvm::GlobPattern> Excludes;
};

/// Finds the nearest .async-lint.yaml above each file, reading each once.
/// Safe to use from several threads.
class ProjectConfigFinder {
public:
  /// With Fixed, every file uses that configuration (--config FILE).
  explicit ProjectConfigFinder(std::shared_ptr<const ProjectConfig> Fixed)
      : Fixed(std::move(Fixed)) {}

  /// The configuration for a file (null when there is none), or the error
  /// of the file that applies to it.
  llvm::Expected<std::shared_ptr<const ProjectConfig>>
  forFile(llvm::StringRef AbsolutePath);

private:
  std::shared_ptr<const ProjectConfig> Fixed;
  std::mutex Mutex;
  /// Directory -> the configuration file that applies there ("" for none).
  llvm::StringMap<std::string> DirectoryToFile;
  llvm::StringMap<std::shared_ptr<const ProjectConfig>> Loaded;
};

} // namespace async_lint::driver

#endif // ASYNC_LINT_DRIVER_PROJECTCONFIG_H
