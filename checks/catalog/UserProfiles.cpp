//===--- UserProfiles.cpp - Profiles of runtimes the user describes -------===//

#include "UserProfiles.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <tuple>

namespace async_lint::catalog {

namespace fs = std::filesystem;

std::vector<std::string> resolveProfilePaths(std::string_view OptionValue,
                                             std::string_view AnalysedFile) {
  std::vector<std::string> Paths;
  std::error_code Ignored;
  fs::path Start = fs::path(AnalysedFile).parent_path();
  if (!Start.empty())
    Start = fs::absolute(Start, Ignored);
  for (const std::string &Item : splitList(OptionValue)) {
    fs::path Named(Item);
    fs::path Found;
    if (Named.is_absolute()) {
      Found = Named;
    } else {
      for (fs::path Dir = Start; !Dir.empty(); Dir = Dir.parent_path()) {
        if (fs::exists(Dir / Named, Ignored)) {
          Found = Dir / Named;
          break;
        }
        if (Dir == Dir.parent_path())
          break;
      }
      if (Found.empty())
        Found = fs::absolute(Named, Ignored);
    }
    Paths.push_back(Found.lexically_normal().string());
  }
  return Paths;
}

namespace {

using ParsedProfile = std::variant<Profile, CatalogError>;
using EffectiveCatalog =
    std::variant<std::shared_ptr<const Catalog>, CatalogError>;

/// A file as last read: a file edited while a long-lived host (clangd) keeps
/// the plugin loaded is read again.
struct FileVersion {
  std::string Path;
  fs::file_time_type Modified;

  bool operator<(const FileVersion &Other) const {
    return std::tie(Path, Modified) < std::tie(Other.Path, Other.Modified);
  }
};

ParsedProfile readProfile(const FileVersion &File) {
  std::ifstream In(File.Path, std::ios::binary);
  if (!In)
    return CatalogError{{File.Path, 0, 0},
                        std::string("cannot read profile file: ") +
                            std::strerror(errno ? errno : ENOENT)};
  std::ostringstream Text;
  Text << In.rdbuf();
  return parseUserProfile(builtinCatalog(), {File.Path, Text.str()});
}

/// The parsed files and the catalogs made of them. Checks are created for
/// every translation unit, on several threads in the driver, and nothing
/// outlives them but the process: the cache is shared by all.
class ProfileCache {
public:
  EffectiveCatalog get(const std::vector<std::string> &Paths) {
    std::vector<FileVersion> Files;
    for (const std::string &Path : Paths) {
      std::error_code Missing;
      Files.push_back({Path, fs::last_write_time(Path, Missing)});
    }
    std::lock_guard<std::mutex> Lock(Mutex);
    if (auto It = Catalogs.find(Files); It != Catalogs.end())
      return It->second;
    EffectiveCatalog Result = build(Files);
    Catalogs.emplace(Files, Result);
    return Result;
  }

private:
  EffectiveCatalog build(const std::vector<FileVersion> &Files) {
    std::vector<Profile> Added;
    std::vector<std::string> Seen;
    for (const FileVersion &File : Files) {
      // The same file named twice (by two configuration files) is one.
      if (std::find(Seen.begin(), Seen.end(), File.Path) != Seen.end())
        continue;
      Seen.push_back(File.Path);
      auto It = Parsed.find(File);
      if (It == Parsed.end())
        It = Parsed.emplace(File, readProfile(File)).first;
      if (const auto *Error = std::get_if<CatalogError>(&It->second))
        return *Error;
      Added.push_back(std::get<Profile>(It->second));
    }
    auto Merged = withProfiles(builtinCatalog(), std::move(Added));
    if (const auto *Error = std::get_if<CatalogError>(&Merged))
      return *Error;
    return std::make_shared<const Catalog>(
        std::get<Catalog>(std::move(Merged)));
  }

  std::mutex Mutex;
  std::map<FileVersion, ParsedProfile> Parsed;
  std::map<std::vector<FileVersion>, EffectiveCatalog> Catalogs;
};

} // namespace

EffectiveCatalog effectiveCatalog(const std::vector<std::string> &Files) {
  if (Files.empty())
    // The built-in catalog lives as long as the process: nothing to own.
    return std::shared_ptr<const Catalog>(std::shared_ptr<const Catalog>(),
                                          &builtinCatalog());
  static ProfileCache Cache;
  return Cache.get(Files);
}

} // namespace async_lint::catalog
