//===--- Inputs.cpp - The files to lint and their compile flags -----------===//

#include "Inputs.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

namespace async_lint::driver {

namespace cl = llvm::cl;

namespace {

/// The value of -p, read before CommonOptionsParser so that a broken database
/// is an error rather than its "Running without flags".
std::string buildPathArgument(int Argc, const char **Argv) {
  std::string Path;
  for (int I = 1; I < Argc; ++I) {
    llvm::StringRef Arg = Argv[I];
    if (Arg == "--")
      break;
    if ((Arg == "-p" || Arg == "--p") && I + 1 < Argc)
      Path = Argv[++I];
    else if (Arg.consume_front("-p=") || Arg.consume_front("--p="))
      Path = Arg.str();
  }
  return Path;
}

bool hasCompileFlagsSeparator(int Argc, const char **Argv) {
  for (int I = 1; I < Argc; ++I)
    if (llvm::StringRef(Argv[I]) == "--")
      return true;
  return false;
}

/// The compilation database for \p File when neither -p nor "--" is given:
/// like clangd, the nearest of the file's directory and its ancestors, each
/// also in its build/ subdirectory. Null if there is none, or if one found is
/// malformed (which has been reported).
std::unique_ptr<clang::tooling::CompilationDatabase>
findCompilationDatabase(llvm::StringRef File, bool &Malformed) {
  llvm::SmallString<256> Directory(File);
  llvm::sys::fs::make_absolute(Directory);
  llvm::sys::path::remove_dots(Directory, true);
  for (llvm::sys::path::remove_filename(Directory); !Directory.empty();
       Directory = llvm::sys::path::parent_path(Directory)) {
    for (llvm::StringRef Subdirectory : {"", "build"}) {
      llvm::SmallString<256> Candidate(Directory);
      llvm::sys::path::append(Candidate, Subdirectory);
      if (!llvm::sys::fs::is_directory(Candidate))
        continue;
      if (!validateCompilationDatabase(Candidate)) {
        Malformed = true;
        return nullptr;
      }
      std::string Ignored;
      // Not autoDetectFromDirectory, which would look further up first.
      if (auto Database =
              clang::tooling::CompilationDatabase::loadFromDirectory(Candidate,
                                                                     Ignored))
        return Database;
    }
  }
  return nullptr;
}

/// --extra-arg and --extra-arg-before, which CommonOptionsParser registers but
/// applies only to the database it loads itself.
std::unique_ptr<clang::tooling::CompilationDatabase>
withExtraArguments(std::unique_ptr<clang::tooling::CompilationDatabase> Db) {
  auto Adjusting =
      std::make_unique<clang::tooling::ArgumentsAdjustingCompilations>(
          std::move(Db));
  auto &Registered = cl::getRegisteredOptions();
  for (auto [Name, Position] :
       {std::pair{"extra-arg-before",
                  clang::tooling::ArgumentInsertPosition::BEGIN},
        std::pair{"extra-arg", clang::tooling::ArgumentInsertPosition::END}}) {
    auto It = Registered.find(Name);
    if (It == Registered.end())
      continue;
    const auto &Values = *static_cast<cl::list<std::string> *>(It->second);
    std::vector<std::string> Args(Values.begin(), Values.end());
    if (!Args.empty())
      Adjusting->appendArgumentsAdjuster(
          clang::tooling::getInsertArgumentAdjuster(Args, Position));
  }
  return Adjusting;
}

/// The C and C++ sources below a directory, sorted, skipping hidden
/// directories (.git).
std::vector<std::string> sourcesBelow(llvm::StringRef Directory) {
  static constexpr llvm::StringLiteral Extensions[] = {
      ".c", ".cc", ".cpp", ".cxx", ".c++", ".C", ".m", ".mm"};
  std::vector<std::string> Sources;
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(Directory, EC), End;
       It != End && !EC; It.increment(EC)) {
    llvm::StringRef Path = It->path();
    llvm::StringRef Name = llvm::sys::path::filename(Path);
    if (It->type() == llvm::sys::fs::file_type::directory_file) {
      if (Name.starts_with("."))
        It.no_push();
      continue;
    }
    if (llvm::is_contained(Extensions, llvm::sys::path::extension(Path)))
      Sources.push_back(Path.str());
  }
  llvm::sort(Sources);
  return Sources;
}

/// Paths compared with git's, which resolves symbolic links.

/// The inputs named, with directories expanded; nullopt after reporting an
/// empty directory.
std::optional<std::vector<std::string>>
expandDirectories(const std::vector<std::string> &Named) {
  std::vector<std::string> Files;
  for (const std::string &Input : Named) {
    if (!llvm::sys::fs::is_directory(Input)) {
      Files.push_back(Input);
      continue;
    }
    std::vector<std::string> Sources = sourcesBelow(Input);
    if (Sources.empty()) {
      error() << "'" << Input << "' is a directory with no C or C++ sources\n";
      return std::nullopt;
    }
    Files.insert(Files.end(), Sources.begin(), Sources.end());
  }
  return Files;
}

/// With no input named, the files of the database -p names or of the one
/// found from here.
void useDatabaseFiles(CommandLine &Flags, Inputs &In) {
  In.OwnDatabase = std::move(Flags.BuildPathDatabase);
  if (!In.OwnDatabase) {
    std::string Ignored;
    llvm::SmallString<256> Here;
    llvm::sys::fs::current_path(Here);
    In.OwnDatabase =
        clang::tooling::CompilationDatabase::autoDetectFromDirectory(Here,
                                                                     Ignored);
  }
  if (In.OwnDatabase) {
    In.OwnDatabase = withExtraArguments(std::move(In.OwnDatabase));
    In.Compilations = In.OwnDatabase.get();
    In.Files = In.Compilations->getAllFiles();
  }
}

/// Each input's .async-lint.yaml must be valid, and may exclude it. False
/// after reporting a broken one.
bool dropExcluded(const Configuration &Config, Inputs &In) {
  std::vector<std::string> Included;
  for (const std::string &File : In.Files) {
    std::string Absolute = absolutePath(File);
    auto Project = Config.projectConfigs().forFile(Absolute);
    if (!Project) {
      error() << llvm::toString(Project.takeError()) << "\n";
      return false;
    }
    if (!*Project || !(*Project)->excludes(Absolute))
      Included.push_back(File);
  }
  In.AllExcluded = !In.Files.empty() && Included.empty();
  In.Files = std::move(Included);
  return true;
}

/// The .clang-tidy files clang-tidy would read for each input (a broken one
/// would be skipped with a warning per translation unit).
ConfigProblems clangTidyFileProblems(const Inputs &In) {
  ConfigProblems Problems;
  ClangTidyFileValidator ClangTidyFiles;
  for (const std::string &File : In.Files)
    for (std::string &Problem : ClangTidyFiles.problemsFor(absolutePath(File)))
      Problems.push_back(std::move(Problem));
  for (std::string &Problem : ClangTidyFiles.problemsFor(In.FirstFile))
    Problems.push_back(std::move(Problem));
  return Problems;
}

} // namespace

/// The database -p names, checked before the parser loads it (it would
/// otherwise run without flags). False after reporting a broken one.
bool loadBuildPathDatabase(int Argc, const char **Argv, CommandLine &Flags) {
  const std::string BuildPath = buildPathArgument(Argc, Argv);
  Flags.HasCompileFlags = hasCompileFlagsSeparator(Argc, Argv);
  Flags.SearchDatabase = BuildPath.empty() && !Flags.HasCompileFlags;
  if (BuildPath.empty() || Flags.HasCompileFlags)
    return true;
  if (!validateCompilationDatabase(BuildPath))
    return false;
  std::string Message;
  Flags.BuildPathDatabase =
      clang::tooling::CompilationDatabase::autoDetectFromDirectory(BuildPath,
                                                                   Message);
  if (!Flags.BuildPathDatabase) {
    error() << "cannot load the compilation database from '" << BuildPath
            << "': " << llvm::StringRef(Message).trim() << "\n";
    return false;
  }
  return true;
}

std::string absolutePath(llvm::StringRef Path) {
  llvm::SmallString<256> Absolute(Path);
  llvm::sys::fs::make_absolute(Absolute);
  llvm::sys::path::remove_dots(Absolute, true);
  return std::string(Absolute);
}

std::optional<Inputs> collectInputs(CommandLine &Flags,
                                    const Configuration &Config) {
  Inputs In;
  auto Files = expandDirectories(Flags.Parser->getSourcePathList());
  if (!Files)
    return std::nullopt;
  In.Files = std::move(*Files);
  In.FromDatabase = In.Files.empty() && !Flags.HasCompileFlags;
  if (!In.Files.empty() || Flags.HasCompileFlags)
    In.Compilations = &Flags.Parser->getCompilations();
  else
    useDatabaseFiles(Flags, In);
  if (!dropExcluded(Config, In))
    return std::nullopt;

  In.FirstFile = In.Files.empty() ? "dummy.cpp" : In.Files[0];
  llvm::sys::fs::make_absolute(In.FirstFile);
  if (In.Files.empty()) {
    // Without inputs, configuration is looked up from here.
    llvm::SmallString<256> Here;
    llvm::sys::fs::current_path(Here);
    llvm::sys::path::append(Here, "dummy.cpp");
    In.FirstFile = Here;
    auto Project = Config.projectConfigs().forFile(In.FirstFile);
    if (!Project) {
      error() << llvm::toString(Project.takeError()) << "\n";
      return std::nullopt;
    }
  }
  if (!Config.hasExplicitConfig() && reportProblems(clangTidyFileProblems(In)))
    return std::nullopt;
  return In;
}

bool findDatabaseForInputs(Inputs &In) {
  bool Malformed = false;
  In.OwnDatabase = findCompilationDatabase(In.Files.front(), Malformed);
  if (Malformed)
    return false;
  if (!In.OwnDatabase) {
    error() << "no compile_commands.json in the directory of '"
            << In.Files.front()
            << "', its parents or a build/ subdirectory of any of them; "
               "pass -p <build directory> or the compile flags after --, "
               "e.g. -- -std=c++20\n";
    return false;
  }
  In.OwnDatabase = withExtraArguments(std::move(In.OwnDatabase));
  In.Compilations = In.OwnDatabase.get();
  return true;
}

/// clang's JSON database loader accepts some malformed files silently; a
/// database that is not a JSON array of entries with "directory" and "file"
/// is reported here with its position.
bool validateCompilationDatabase(llvm::StringRef BuildPath) {
  llvm::SmallString<256> Path(BuildPath);
  if (llvm::sys::fs::is_directory(Path))
    llvm::sys::path::append(Path, "compile_commands.json");
  if (!llvm::sys::fs::exists(Path))
    return true;
  auto Text = llvm::MemoryBuffer::getFile(Path);
  if (!Text) {
    error() << "cannot read '" << Path << "': " << Text.getError().message()
            << "\n";
    return false;
  }
  llvm::Expected<llvm::json::Value> Parsed =
      llvm::json::parse((*Text)->getBuffer());
  if (!Parsed) {
    // The message reads "[line:column, byte=N]: what".
    std::string Message = llvm::toString(Parsed.takeError());
    llvm::StringRef Rest(Message);
    std::string Position;
    if (Rest.consume_front("[")) {
      // llvm::json counts columns from 0; editors count from 1.
      auto [Line, Column] =
          Rest.take_until([](char C) { return C == ','; }).split(':');
      unsigned ColumnNumber = 0;
      if (!Column.getAsInteger(10, ColumnNumber))
        Position = (Line + ":" + llvm::Twine(ColumnNumber + 1)).str();
      Rest = Rest.drop_until([](char C) { return C == ']'; })
                 .drop_front()
                 .ltrim(": ");
    }
    error() << Path << (Position.empty() ? "" : ":") << Position
            << ": malformed compilation database: " << Rest << "\n";
    return false;
  }
  const llvm::json::Array *Entries = Parsed->getAsArray();
  if (!Entries) {
    error() << Path << ": malformed compilation database: expected an array "
            << "of compile commands\n";
    return false;
  }
  for (size_t Index = 0; Index < Entries->size(); ++Index) {
    const llvm::json::Object *Entry = (*Entries)[Index].getAsObject();
    if (!Entry || !Entry->getString("directory") || !Entry->getString("file") ||
        (!Entry->get("command") && !Entry->get("arguments"))) {
      error() << Path << ": malformed compilation database: entry " << Index
              << " needs \"directory\", \"file\" and \"command\" or "
              << "\"arguments\"\n";
      return false;
    }
  }
  return true;
}

} // namespace async_lint::driver
