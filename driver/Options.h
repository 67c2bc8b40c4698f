//===--- Options.h - The command line, parsed and checked -------*- C++ -*-===//

#ifndef ASYNC_LINT_DRIVER_OPTIONS_H
#define ASYNC_LINT_DRIVER_OPTIONS_H

#include "Findings.h"
#include "Reports.h"

#include "clang/Tooling/CommonOptionsParser.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <optional>
#include <string>
#include <variant>

namespace async_lint::driver {

/// The documented exit codes (docs/ci.md, --help).
enum ExitCode : int {
  ExitClean = 0,
  ExitFindings = 1,
  ExitUsage = 2,
  ExitNotAnalysed = 3,
};

enum class ColourChoice { Auto, Always, Never };

/// The command line, with every value checked. A flag that was not given is
/// an empty optional where its absence differs from its default.
struct CommandLine {
  std::optional<std::string> Checks;
  std::optional<std::string> Config;
  std::optional<std::string> ConfigFile;
  std::optional<std::string> HeaderFilter;
  std::optional<bool> SystemHeaders;
  std::optional<std::string> WarningsAsErrors;
  bool Fix = false;
  bool FixErrors = false;
  std::string ExportFixes;
  bool ListChecks = false;
  bool ListProfiles = false;
  std::string Explain;
  bool VerifyConfig = false;
  bool DumpConfig = false;
  Severity FailOn = Severity::Warning;
  bool Quiet = false;
  bool ReportUnusedSuppressions = false;
  /// Translation units analysed at once; 0 for one per core.
  unsigned Jobs = 0;
  OutputFormat Format = OutputFormat::Text;
  std::string Output;
  std::string BaselineFile;
  std::string WriteBaseline;
  std::string ChangedSince;
  ColourChoice Colour = ColourChoice::Auto;
  /// Calls into functions of other files are followed through project
  /// facts (--no-project-facts turns it off).
  bool ProjectFacts = true;
  /// The results cache's directory; empty with --no-cache.
  std::string CacheDirectory;
  uint64_t CacheMaxBytes = 0;
  bool Counts = false;

  /// The inputs and the compile flags after "--" (or from -p).
  std::unique_ptr<clang::tooling::CommonOptionsParser> Parser;
  /// The database -p names, loaded before the parser could hide its errors.
  std::unique_ptr<clang::tooling::CompilationDatabase> BuildPathDatabase;
  bool HasCompileFlags = false;
  /// Neither -p nor "--": each input's database is searched for.
  bool SearchDatabase = false;

  bool fixing() const { return Fix || FixErrors; }
};

/// Parses and checks the command line; on a mistake, prints it and gives
/// the exit code. --explain is run here, as it needs nothing else.
std::variant<CommandLine, ExitCode> parseCommandLine(int Argc,
                                                     const char **Argv);

/// async-lint's error prefix on standard error, coloured per --color.
llvm::raw_ostream &error();
/// async-lint's warning prefix on standard error.
llvm::raw_ostream &warning();

/// Whether a stream that could show colours does under --color=auto (see
/// no-color.org).
bool autoColour(bool StreamHasColours);

} // namespace async_lint::driver

#endif // ASYNC_LINT_DRIVER_OPTIONS_H
