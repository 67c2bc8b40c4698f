//===--- Inputs.h - The files to lint and their compile flags ---*- C++ -*-===//
//
// Compile flags come from after "--", from -p, or from a
// compile_commands.json found upward from the first file (or, with no file,
// from the current directory, whose database then lists the files).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_INPUTS_H
#define ASYNC_LINT_DRIVER_INPUTS_H

#include "Configuration.h"
#include "Options.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/SmallString.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace async_lint::driver {

struct Inputs {
  /// As given (directories expanded), less those the configuration excludes.
  std::vector<std::string> Files;
  /// Every input was excluded (a commit of generated files only): nothing to
  /// lint, which is no error.
  bool AllExcluded = false;
  /// No input was named: the compilation database's files are linted.
  bool FromDatabase = false;
  const clang::tooling::CompilationDatabase *Compilations = nullptr;
  std::unique_ptr<clang::tooling::CompilationDatabase> OwnDatabase;
  /// Where the configuration that --dump-config and --list-* show is looked
  /// up from: the first input, or "dummy.cpp" here without one.
  llvm::SmallString<256> FirstFile;
};

/// Reads -p before LLVM's parser, which would run without flags when the
/// database it names is broken, and notes whether flags follow "--". False
/// after reporting a broken database.
bool loadBuildPathDatabase(int Argc, const char **Argv, CommandLine &Flags);

/// The inputs, with each one's configuration checked (and .clang-tidy
/// files, unless configuration was given explicitly); nullopt after
/// printing what is wrong.
std::optional<Inputs> collectInputs(CommandLine &Flags,
                                    const Configuration &Config);

/// Without -p or "--": the database nearest the first input. False after
/// printing that there is none, or that it is malformed.
bool findDatabaseForInputs(Inputs &In);

/// clang's JSON database loader accepts some malformed files silently; a
/// database that is not a JSON array of entries with "directory" and "file"
/// is reported with its position. False after reporting.
bool validateCompilationDatabase(llvm::StringRef BuildPath);

/// The path made absolute, without "." or "..".
std::string absolutePath(llvm::StringRef Path);

} // namespace async_lint::driver

#endif // ASYNC_LINT_DRIVER_INPUTS_H
