//===--- ProjectConfig.cpp - .async-lint.yaml -----------------------------===//

#include "ProjectConfig.h"

#include "catalog/RuleCatalog.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

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

std::string suggestion(llvm::StringRef Word,
                       const std::vector<std::string> &Candidates) {
  unsigned Best = 4;
  std::string Closest;
  for (const std::string &Candidate : Candidates) {
    // A prefix of one name is most likely that name, however short.
    if (!Word.empty() && llvm::StringRef(Candidate).starts_with(Word))
      return "; did you mean '" + Candidate + "'?";
  }
  for (const std::string &Candidate : Candidates) {
    unsigned Distance = Word.edit_distance(Candidate, true, Best);
    if (Distance < Best) {
      Best = Distance;
      Closest = Candidate;
    }
  }
  return Closest.empty() ? "" : "; did you mean '" + Closest + "'?";
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
  reject(Where,
         "unknown check '" + Id.str() + "'" + suggestion(Id, checkIds()));
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
                      "'" + suggestion(Option, Names));
  }
  std::string Text;
  if (Value.IsSequence()) {
    // A list is the natural YAML for a ';'-separated name list.
    for (const YAML::Node &Item : Value)
      Text += (Text.empty() ? "" : ";") + scalar(Item, "a list item");
  } else {
    Text = scalar(Value, "an option value");
  }
  Config.Options[(Check + "." + Option).str()] = Text;
}

void parseInto(ProjectConfig &Config, const YAML::Node &Root) {
  if (Root.IsNull())
    return;
  if (!Root.IsMap())
    reject(Root, "an async-lint configuration must be a mapping");
  static const std::vector<std::string> Keys = {
      "checks", "severity", "options", "exclude", "header-filter", "profiles"};
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
                            suggestion(Positive, checkIds()));
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
        Config.ExcludeTexts.push_back(scalar(Glob, "a path glob"));
    } else if (Key == "header-filter") {
      Config.HeaderFilter = scalar(Value, "'header-filter'");
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
    } else {
      reject(Item.first, "unknown key '" + Key + "'" + suggestion(Key, Keys));
    }
  }
}

} // namespace

bool ProjectConfig::excludes(llvm::StringRef AbsolutePath) const {
  llvm::StringRef Relative = AbsolutePath;
  if (!Directory.empty() && Relative.consume_front(Directory))
    Relative = Relative.ltrim('/');
  for (const llvm::GlobPattern &Glob : Excludes)
    if (Glob.match(Relative) || Glob.match(AbsolutePath))
      return true;
  return false;
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
  // Made once the texts are in place: a GlobPattern refers into its text.
  for (const std::string &Text : Config.ExcludeTexts) {
    auto Glob = llvm::GlobPattern::create(Text);
    if (!Glob)
      return Failure(YAML::Mark::null_mark(),
                     "bad exclude glob '" + Text +
                         "': " + llvm::toString(Glob.takeError()));
    Config.Excludes.push_back(std::move(*Glob));
  }
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

llvm::Expected<std::shared_ptr<const ProjectConfig>>
ProjectConfigFinder::forFile(llvm::StringRef AbsolutePath) {
  if (Fixed)
    return Fixed;
  std::lock_guard<std::mutex> Lock(Mutex);
  llvm::SmallString<256> Directory(AbsolutePath);
  llvm::sys::path::remove_filename(Directory);
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
  if (Found.empty())
    return nullptr;
  if (auto It = Loaded.find(Found); It != Loaded.end())
    return It->second;
  auto Config = ProjectConfig::load(Found);
  if (!Config)
    return Config.takeError();
  auto Shared = std::make_shared<const ProjectConfig>(std::move(*Config));
  Loaded[Found] = Shared;
  return Shared;
}

} // namespace async_lint::driver
