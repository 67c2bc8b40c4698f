//===--- ConfigValidation.cpp - Misspelt or ill-typed configuration -------===//

#include "ConfigValidation.h"

#include "catalog/RuleCatalog.h"
#include "catalog/Suggestions.h"

#include "clang-tidy/GlobList.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/YAMLParser.h"

namespace async_lint::driver {

using clang::tidy::ClangTidyOptions;

namespace {

/// The keys of clang-tidy's configuration format.
const std::vector<std::string> &clangTidyKeys() {
  static const std::vector<std::string> Keys = {"Checks",
                                                "WarningsAsErrors",
                                                "HeaderFileExtensions",
                                                "ImplementationFileExtensions",
                                                "HeaderFilterRegex",
                                                "ExcludeHeaderFilterRegex",
                                                "SystemHeaders",
                                                "FormatStyle",
                                                "User",
                                                "CheckOptions",
                                                "ExtraArgs",
                                                "ExtraArgsBefore",
                                                "InheritParentConfig",
                                                "UseColor"};
  return Keys;
}

std::vector<std::string> checkIds() {
  std::vector<std::string> Ids;
  for (const catalog::Rule &Rule : catalog::builtinCatalog().rules())
    Ids.push_back(Rule.Id);
  return Ids;
}

std::string errorLine(const llvm::Twine &Message) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  llvm::WithColor::error(OS, "async-lint") << Message << "\n";
  return Text;
}

/// "Source" or, when Name occurs in the source's text, "Source:line:col".
std::string where(llvm::StringRef Source, llvm::StringRef Text,
                  llvm::StringRef Name) {
  size_t Offset = Name.empty() ? llvm::StringRef::npos : Text.find(Name);
  if (Offset == llvm::StringRef::npos)
    return Source.str();
  llvm::StringRef Before = Text.take_front(Offset);
  size_t LineStart = Before.rfind('\n') + 1; // npos + 1 == 0
  return (Source + ":" + llvm::Twine(Before.count('\n') + 1) + ":" +
          llvm::Twine(Offset - LineStart + 1))
      .str();
}

void validateGlobs(llvm::StringRef Globs, llvm::StringRef Source,
                   llvm::StringRef Text, ForeignChecks Foreign,
                   ConfigProblems &Problems) {
  const std::vector<std::string> Ids = checkIds();
  llvm::SmallVector<llvm::StringRef, 8> Items;
  Globs.split(Items, ',', -1, false);
  for (llvm::StringRef Item : Items) {
    Item = Item.trim();
    bool Negative = Item.consume_front("-");
    if (Item.empty() || Item.starts_with("clang-diagnostic-") ||
        Item.starts_with("clang-analyzer-"))
      continue;
    bool Ours = Item.starts_with("async-");
    // Switching off a check async-lint does not have is harmless, and a
    // shared .clang-tidy names clang-tidy's own checks.
    if (!Ours && (Negative || Foreign == ForeignChecks::Allowed))
      continue;
    clang::tidy::GlobList Glob(Item);
    if (llvm::any_of(Ids,
                     [&](const std::string &Id) { return Glob.contains(Id); }))
      continue;
    std::string Message =
        where(Source, Text, Item) + ": unknown check '" + Item.str() + "'";
    if (Ours)
      Message += catalog::didYouMean(Item, Ids, catalog::TypedByUser);
    else
      Message += "; async-lint runs only async-* checks (see --list-checks)";
    Problems.push_back(errorLine(Message));
  }
}

void validateCheckOptions(const ClangTidyOptions::OptionMap &Options,
                          llvm::StringRef Source, llvm::StringRef Text,
                          ConfigProblems &Problems) {
  const catalog::Catalog &Catalog = catalog::builtinCatalog();
  // In a stable order: the map is a StringMap.
  std::vector<std::pair<std::string, std::string>> Sorted;
  for (const auto &Entry : Options)
    Sorted.emplace_back(Entry.getKey().str(), Entry.getValue().Value);
  llvm::sort(Sorted);
  for (const auto &[Key, Value] : Sorted) {
    if (!llvm::StringRef(Key).starts_with("async-"))
      continue; // Another tool's option, or a global one.
    auto [Check, Name] = llvm::StringRef(Key).split('.');
    if (Check == "async-lint")
      continue; // The tool's own (async-lint.Profiles), checked where read.
    const std::string At = where(Source, Text, Key);
    const catalog::Rule *Rule = Catalog.findRule(Check.str());
    if (!Rule) {
      Problems.push_back(errorLine(
          At + ": unknown check '" + Check + "' in option '" + Key + "'" +
          catalog::didYouMean(Check, checkIds(), catalog::TypedByUser)));
      continue;
    }
    const catalog::RuleOption *Option = Rule->findOption(Name.str());
    if (!Option) {
      std::vector<std::string> Names;
      for (const catalog::RuleOption &Known : Rule->Options)
        Names.push_back(Known.Name);
      Problems.push_back(errorLine(
          At + ": check '" + Check + "' has no option '" + Name + "'" +
          catalog::didYouMean(Name, Names, catalog::TypedByUser)));
      continue;
    }
    if (auto Problem = optionValueProblem(*Option, Value))
      Problems.push_back(errorLine(At + ": option '" + Key + "' " + *Problem));
  }
}

void validateRegex(const std::optional<std::string> &Regex,
                   llvm::StringRef Name, llvm::StringRef Source,
                   ConfigProblems &Problems) {
  if (!Regex || Regex->empty()) // Empty: no header.
    return;
  std::string Error;
  if (!llvm::Regex(*Regex).isValid(Error))
    Problems.push_back(errorLine(Source + ": " + Name + " '" + *Regex +
                                 "' is not a regular expression: " + Error));
}

} // namespace

void validateOptions(const ClangTidyOptions &Options, llvm::StringRef Source,
                     ForeignChecks Foreign, ConfigProblems &Problems,
                     llvm::StringRef Text) {
  if (Options.Checks)
    validateGlobs(*Options.Checks, Source, Text, Foreign, Problems);
  validateCheckOptions(Options.CheckOptions, Source, Text, Problems);
  validateRegex(Options.HeaderFilterRegex, "HeaderFilterRegex", Source,
                Problems);
  validateRegex(Options.ExcludeHeaderFilterRegex, "ExcludeHeaderFilterRegex",
                Source, Problems);
}

std::optional<ClangTidyOptions> parseClangTidyConfig(llvm::StringRef Text,
                                                     llvm::StringRef Source,
                                                     ConfigProblems &Problems) {
  const size_t Before = Problems.size();
  auto Parsed = clang::tidy::parseConfigurationWithDiags(
      llvm::MemoryBufferRef(Text, Source), [&](const llvm::SMDiagnostic &D) {
        std::string Message = D.getMessage().str();
        llvm::StringRef Key = D.getMessage();
        if (Key.consume_front("unknown key '") && Key.consume_back("'"))
          Message +=
              catalog::didYouMean(Key, clangTidyKeys(), catalog::TypedByUser);
        std::string Printed;
        llvm::raw_string_ostream OS(Printed);
        llvm::SMDiagnostic(*D.getSourceMgr(), D.getLoc(), D.getFilename(),
                           D.getLineNo(), D.getColumnNo(), D.getKind(), Message,
                           D.getLineContents(), D.getRanges())
            .print("async-lint", OS);
        Problems.push_back(std::move(Printed));
      });
  if (Parsed)
    return *Parsed;
  if (Problems.size() == Before)
    Problems.push_back(errorLine("invalid configuration in " + Source + ": " +
                                 Parsed.getError().message()));
  return std::nullopt;
}

ConfigProblems
ClangTidyFileValidator::problemsFor(llvm::StringRef AbsoluteFile) {
  ConfigProblems Problems;
  for (llvm::StringRef Directory = llvm::sys::path::parent_path(AbsoluteFile);
       !Directory.empty();
       Directory = llvm::sys::path::parent_path(Directory)) {
    if (auto It = Visited.find(Directory); It != Visited.end()) {
      if (!It->second)
        break;
      continue;
    }
    bool Inherits = true;
    llvm::SmallString<256> Path(Directory);
    llvm::sys::path::append(Path, ".clang-tidy");
    auto Text = llvm::MemoryBuffer::getFile(Path);
    // clang-tidy skips an empty file (one being written by a redirection).
    if (Text && !(*Text)->getBuffer().empty()) {
      llvm::StringRef Contents = (*Text)->getBuffer();
      if (auto Options = parseClangTidyConfig(Contents, Path, Problems)) {
        validateOptions(*Options, Path, ForeignChecks::Allowed, Problems,
                        Contents);
        Inherits = Options->InheritParentConfig.value_or(false);
      }
    }
    Visited[Directory] = Inherits;
    if (!Inherits)
      break;
  }
  return Problems;
}

} // namespace async_lint::driver
