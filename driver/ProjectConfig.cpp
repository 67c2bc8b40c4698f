//===--- ProjectConfig.cpp - .async-lint.yaml -----------------------------===//

#include "ProjectConfig.h"
#include "ConfigValidation.h"

#include "catalog/RuleCatalog.h"
#include "catalog/Suggestions.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"

#include <yaml-cpp/yaml.h>

namespace async_lint::driver {

namespace {

/// Thrown inside the parser only; parse() turns it into an llvm::Error.
struct Rejection {
  YAML::Mark Mark;
  std::string Message;
};

[[noreturn]] void reject(const YAML::Node &Node, std::string Message) {
  throw Rejection{Node.Mark(), std::move(Message)};
}

std::vector<std::string> checkIds() {
  std::vector<std::string> Ids;
  for (const catalog::Rule &Rule : catalog::builtinCatalog().rules())
    Ids.push_back(Rule.Id);
  return Ids;
}

const catalog::Rule &knownCheck(const YAML::Node &Where, llvm::StringRef Id) {
  if (const catalog::Rule *Rule = catalog::builtinCatalog().findRule(Id.str()))
    return *Rule;
  reject(Where, "unknown check '" + Id.str() + "'" +
                    catalog::didYouMean(Id, checkIds(), catalog::TypedByUser));
}

std::string scalar(const YAML::Node &Node, const std::string &What) {
  if (!Node.IsScalar())
    reject(Node, What + " must be a single value");
  return Node.as<std::string>();
}

void setOption(ProjectConfig &Config, const YAML::Node &Where,
               llvm::StringRef Check, llvm::StringRef Option,
               const YAML::Node &Value) {
  const catalog::Rule &Rule = knownCheck(Where, Check);
  if (!Rule.findOption(Option.str())) {
    std::vector<std::string> Names;
    for (const catalog::RuleOption &Known : Rule.Options)
      Names.push_back(Known.Name);
    reject(Where, "check '" + Check.str() + "' has no option '" + Option.str() +
                      "'" +
                      catalog::didYouMean(Option, Names, catalog::TypedByUser));
  }
  std::string Text;
  if (Value.IsSequence()) {
    // A list is the natural YAML for a ';'-separated name list.
    for (const YAML::Node &Item : Value)
      Text += (Text.empty() ? "" : ";") + scalar(Item, "a list item");
  } else {
    Text = scalar(Value, "an option value");
  }
  if (auto Problem = optionValueProblem(*Rule.findOption(Option.str()), Text))
    reject(Value,
           "option '" + Check.str() + "." + Option.str() + "' " + *Problem);
  Config.Options[(Check + "." + Option).str()] = Text;
}

void parseInto(ProjectConfig &Config, const YAML::Node &Root) {
  if (Root.IsNull())
    return;
  if (!Root.IsMap())
    reject(Root, "an async-lint configuration must be a mapping");
  static const std::vector<std::string> Keys = {
      "checks",        "severity", "options", "exclude",
      "header-filter", "profiles", "inherit"};
  for (const auto &Item : Root) {
    const std::string Key = Item.first.as<std::string>();
    const YAML::Node &Value = Item.second;
    if (Key == "checks") {
      std::vector<std::pair<std::string, YAML::Node>> Globs;
      if (Value.IsSequence()) {
        for (const YAML::Node &Glob : Value)
          Globs.push_back({scalar(Glob, "a check glob"), Glob});
      } else {
        for (const std::string &Glob :
             catalog::splitList(scalar(Value, "'checks'")))
          Globs.push_back({Glob, Value});
      }
      for (const auto &[Glob, Where] : Globs) {
        llvm::StringRef Positive = llvm::StringRef(Glob).ltrim('-');
        auto Pattern = llvm::GlobPattern::create(Positive);
        bool Matches = false;
        if (Pattern)
          for (const std::string &Id : checkIds())
            Matches |= Pattern->match(Id);
        else
          llvm::consumeError(Pattern.takeError());
        if (!Matches)
          reject(Where, "'" + Glob + "' matches no check" +
                            catalog::didYouMean(Positive, checkIds(),
                                                catalog::TypedByUser));
        Config.Checks.push_back(Glob);
      }
    } else if (Key == "severity") {
      if (!Value.IsMap())
        reject(Value,
               "'severity' must map check ids to error, warning or note");
      for (const auto &Entry : Value) {
        const std::string Check = Entry.first.as<std::string>();
        knownCheck(Entry.first, Check);
        const std::string Level = scalar(Entry.second, "a severity");
        if (Level == "error")
          Config.Severities[Check] = Severity::Error;
        else if (Level == "warning")
          Config.Severities[Check] = Severity::Warning;
        else if (Level == "note")
          Config.Severities[Check] = Severity::Note;
        else
          reject(Entry.second,
                 "severity must be error, warning or note, not '" + Level +
                     "'");
      }
    } else if (Key == "options") {
      if (!Value.IsMap())
        reject(Value, "'options' must be a mapping");
      for (const auto &Entry : Value) {
        const std::string Name = Entry.first.as<std::string>();
        if (Entry.second.IsMap()) {
          for (const auto &Nested : Entry.second)
            setOption(Config, Nested.first, Name,
                      Nested.first.as<std::string>(), Nested.second);
        } else {
          auto [Check, Option] = llvm::StringRef(Name).rsplit('.');
          if (Option.empty())
            reject(Entry.first,
                   "an option is named 'check-id.Option', not '" + Name + "'");
          setOption(Config, Entry.first, Check, Option, Entry.second);
        }
      }
    } else if (Key == "exclude") {
      if (!Value.IsSequence())
        reject(Value, "'exclude' must be a list of path globs");
      for (const YAML::Node &Glob : Value)
        Config.ExcludeTexts.push_back(
            {Config.Directory, scalar(Glob, "a path glob")});
    } else if (Key == "header-filter") {
      Config.HeaderFilter = scalar(Value, "'header-filter'");
      std::string Error;
      if (!llvm::Regex(*Config.HeaderFilter).isValid(Error))
        reject(Value, "'header-filter' is not a regular expression: " + Error);
    } else if (Key == "profiles") {
      std::vector<YAML::Node> Items;
      if (Value.IsSequence())
        for (const YAML::Node &Item : Value)
          Items.push_back(Item);
      else
        Items.push_back(Value);
      for (const YAML::Node &Item : Items) {
        const std::string Named = scalar(Item, "a profile file");
        llvm::SmallString<256> Path(Named);
        if (!llvm::sys::path::is_absolute(Path))
          Path = (llvm::Twine(Config.Directory) + "/" + Named).str();
        llvm::sys::path::remove_dots(Path, true);
        if (!llvm::sys::fs::is_regular_file(Path))
          reject(Item, "profile file '" + Named + "' not found (looked for " +
                           std::string(Path) + ")");
        Config.Profiles.push_back(std::string(Path));
      }
    } else if (Key == "inherit") {
      const std::string Flag = scalar(Value, "'inherit'");
      if (Flag != "true" && Flag != "false")
        reject(Value, "'inherit' must be true or false, not '" + Flag + "'");
      Config.Inherit = Flag == "true";
    } else {
      reject(Item.first,
             "unknown key '" + Key + "'" +
                 catalog::didYouMean(Key, Keys, catalog::TypedByUser));
    }
  }
}

} // namespace

bool ProjectConfig::excludes(llvm::StringRef AbsolutePath) const {
  for (const auto &[Base, Glob] : Excludes) {
    llvm::StringRef Relative = AbsolutePath;
    if (!Base.empty() && Relative.consume_front(Base))
      Relative = Relative.ltrim('/');
    if (Glob.match(Relative) || Glob.match(AbsolutePath))
      return true;
  }
  return false;
}

llvm::Error ProjectConfig::compileExcludes() {
  Excludes.clear();
  for (const ExcludeGlob &Exclude : ExcludeTexts) {
    auto Glob = llvm::GlobPattern::create(Exclude.Text);
    if (!Glob)
      return llvm::createStringError(std::errc::invalid_argument,
                                     "%s: bad exclude glob '%s': %s",
                                     Path.c_str(), Exclude.Text.c_str(),
                                     llvm::toString(Glob.takeError()).c_str());
    Excludes.push_back({Exclude.Directory, std::move(*Glob)});
  }
  return llvm::Error::success();
}

llvm::Expected<ProjectConfig>
ProjectConfig::over(const ProjectConfig &Parent) const {
  ProjectConfig Merged;
  Merged.Path = Path;
  Merged.Directory = Directory;
  Merged.Inherit = Inherit;
  Merged.Checks = Parent.Checks;
  llvm::append_range(Merged.Checks, Checks);
  Merged.Severities = Parent.Severities;
  for (const auto &Entry : Severities)
    Merged.Severities[Entry.getKey()] = Entry.getValue();
  Merged.Options = Parent.Options;
  for (const auto &[Key, Value] : Options)
    Merged.Options[Key] = Value;
  Merged.ExcludeTexts = Parent.ExcludeTexts;
  llvm::append_range(Merged.ExcludeTexts, ExcludeTexts);
  Merged.HeaderFilter = HeaderFilter ? HeaderFilter : Parent.HeaderFilter;
  Merged.Profiles = Parent.Profiles;
  for (const std::string &Profile : Profiles)
    if (!llvm::is_contained(Merged.Profiles, Profile))
      Merged.Profiles.push_back(Profile);
  if (llvm::Error Error = Merged.compileExcludes())
    return std::move(Error);
  return Merged;
}

std::string ProjectConfig::checkGlobs() const {
  return llvm::join(Checks, ",");
}

llvm::Expected<ProjectConfig> ProjectConfig::parse(llvm::StringRef Text,
                                                   llvm::StringRef Path) {
  ProjectConfig Config;
  Config.Path = Path.str();
  llvm::SmallString<256> Directory(Path);
  llvm::sys::fs::make_absolute(Directory);
  llvm::sys::path::remove_dots(Directory, true);
  llvm::sys::path::remove_filename(Directory);
  Config.Directory = std::string(Directory.str().rtrim('/'));
  auto Failure = [&](const YAML::Mark &Mark, const std::string &Message) {
    std::string Where = Path.str();
    if (!Mark.is_null())
      Where += ":" + std::to_string(Mark.line + 1) + ":" +
               std::to_string(Mark.column + 1);
    return llvm::createStringError(std::errc::invalid_argument, "%s: %s",
                                   Where.c_str(), Message.c_str());
  };
  if (nestsTooDeeply(Text))
    return Failure(YAML::Mark::null_mark(), "nested too deeply to be a "
                                            "configuration");
  try {
    parseInto(Config, YAML::Load(Text.str()));
  } catch (const Rejection &R) {
    return Failure(R.Mark, R.Message);
  } catch (const YAML::Exception &E) {
    return Failure(E.mark, E.msg);
  }
  if (llvm::Error Error = Config.compileExcludes())
    return std::move(Error);
  return Config;
}

llvm::Expected<ProjectConfig> ProjectConfig::load(llvm::StringRef Path) {
  auto Text = llvm::MemoryBuffer::getFile(Path);
  if (!Text)
    return llvm::createStringError(Text.getError(), "cannot read '%s': %s",
                                   Path.str().c_str(),
                                   Text.getError().message().c_str());
  return parse((*Text)->getBuffer(), Path);
}

std::string ProjectConfigFinder::nearestFile(llvm::StringRef Directory) {
  std::vector<std::string> Visited;
  std::string Found;
  for (llvm::StringRef Dir = Directory; !Dir.empty();
       Dir = llvm::sys::path::parent_path(Dir)) {
    if (auto It = DirectoryToFile.find(Dir); It != DirectoryToFile.end()) {
      Found = It->second;
      break;
    }
    Visited.push_back(Dir.str());
    llvm::SmallString<256> Candidate(Dir);
    llvm::sys::path::append(Candidate, ProjectConfig::FileName);
    if (llvm::sys::fs::exists(Candidate)) {
      Found = std::string(Candidate);
      break;
    }
  }
  for (const std::string &Dir : Visited)
    DirectoryToFile[Dir] = Found;
  return Found;
}

llvm::Expected<std::shared_ptr<const ProjectConfig>>
ProjectConfigFinder::resolve(const std::string &File) {
  if (auto It = Loaded.find(File); It != Loaded.end())
    return It->second;
  auto Config = ProjectConfig::load(File);
  if (!Config)
    return Config.takeError();
  if (Config->Inherit) {
    // The search restarts above this file's directory, so it ends at the
    // file system root.
    llvm::StringRef Above =
        llvm::sys::path::parent_path(llvm::sys::path::parent_path(File));
    std::string ParentFile = Above.empty() ? "" : nearestFile(Above);
    if (!ParentFile.empty()) {
      auto Parent = resolve(ParentFile);
      if (!Parent)
        return Parent.takeError();
      auto Merged = Config->over(**Parent);
      if (!Merged)
        return Merged.takeError();
      Config = std::move(*Merged);
    }
  }
  auto Shared = std::make_shared<const ProjectConfig>(std::move(*Config));
  Loaded[File] = Shared;
  return Shared;
}

llvm::Expected<std::shared_ptr<const ProjectConfig>>
ProjectConfigFinder::forFile(llvm::StringRef AbsolutePath) {
  if (Fixed)
    return Fixed;
  std::lock_guard<std::mutex> Lock(Mutex);
  llvm::SmallString<256> Directory(AbsolutePath);
  llvm::sys::path::remove_filename(Directory);
  std::string Found = nearestFile(Directory);
  if (Found.empty())
    return nullptr;
  return resolve(Found);
}

} // namespace async_lint::driver
