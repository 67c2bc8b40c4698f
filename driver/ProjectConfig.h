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
//   inherit: false                        # ignore the files above this one
//
// Found upward from each file, or given with --config. A found file builds on
// the one above it: lists extend, maps merge key by key, scalars override.
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

  /// An exclude glob and the directory of the file that wrote it, which
  /// relative paths start from.
  struct ExcludeGlob {
    std::string Directory;
    std::string Text;
  };

  /// The file it was read from, and its directory.
  std::string Path;
  std::string Directory;
  /// Whether the configuration above this file's directory applies too.
  bool Inherit = true;
  std::vector<std::string> Checks;
  llvm::StringMap<Severity> Severities;
  std::map<std::string, std::string> Options;
  std::vector<ExcludeGlob> ExcludeTexts;
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

  /// This file on top of Parent, the one found above it: lists (checks,
  /// exclude, profiles) are Parent's then this file's, severities and
  /// options merge key by key and a header-filter replaces Parent's.
  llvm::Expected<ProjectConfig> over(const ProjectConfig &Parent) const;

private:
  /// Compiles ExcludeTexts; a GlobPattern refers into its text, so this runs
  /// once the texts are in their final place.
  llvm::Error compileExcludes();

  std::vector<std::pair<std::string, llvm::GlobPattern>> Excludes;
};

/// Finds the .async-lint.yaml files above each file, reading each once and
/// merging each with those above it unless it says `inherit: false`.
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
  /// The nearest configuration file in Directory or above ("" for none).
  std::string nearestFile(llvm::StringRef Directory);
  /// The configuration file File merged with those it inherits.
  llvm::Expected<std::shared_ptr<const ProjectConfig>>
  resolve(const std::string &File);

  std::shared_ptr<const ProjectConfig> Fixed;
  std::mutex Mutex;
  /// Directory -> the nearest configuration file there ("" for none).
  llvm::StringMap<std::string> DirectoryToFile;
  /// Configuration file -> it merged with those it inherits.
  llvm::StringMap<std::shared_ptr<const ProjectConfig>> Loaded;
};

} // namespace async_lint::driver

#endif // ASYNC_LINT_DRIVER_PROJECTCONFIG_H
