//===--- ResultCache.h - Findings of unchanged translation units -*- C++ -*-=//
//
// A pre-commit hook or an editor runs the linter again and again over mostly
// unchanged code. A unit's findings are kept under a key made of everything
// but file contents that decides them (compile command, configuration,
// profiles, cross-file facts, version), with the list of files the unit read
// and a hash of each; an entry is used only when every one of those files
// still has the content it had. A damaged or foreign entry is ignored.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_RESULTCACHE_H
#define ASYNC_LINT_DRIVER_RESULTCACHE_H

#include "Findings.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace async_lint::driver {

/// A file system that remembers every file opened through it: the files a
/// translation unit read, whatever the include paths and macros made of it.
class RecordingFileSystem : public llvm::vfs::ProxyFileSystem {
public:
  explicit RecordingFileSystem(
      llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Underlying)
      : ProxyFileSystem(std::move(Underlying)) {}

  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>>
  openFileForRead(const llvm::Twine &Path) override;

  /// The absolute paths of the files read so far, sorted, each once.
  std::vector<std::string> filesRead() const;

private:
  mutable std::mutex Mutex;
  llvm::StringSet<> Files;
};

/// Builds a cache key from named parts; the names keep "a"+"bc" apart from
/// "ab"+"c".
class CacheKey {
public:
  CacheKey &add(llvm::StringRef Name, llvm::StringRef Value);
  std::string digest() const;

private:
  std::string Material;
};

/// What the cache keeps of one translation unit.
struct CachedUnit {
  std::vector<Finding> Findings;
  /// Whatever else the run needs again (the unit's project facts).
  std::string Attachment;
};

class ResultCache {
public:
  struct Counts {
    std::atomic<unsigned> Hits{0};
    std::atomic<unsigned> Misses{0};
    /// Entries that could not be read, were damaged, or were written by
    /// another version: ignored and replaced.
    std::atomic<unsigned> Ignored{0};
    std::atomic<unsigned> Stored{0};
  };

  /// Directory is created when the first entry is stored. MaxBytes bounds
  /// the directory's size after trim().
  ResultCache(std::string Directory, uint64_t MaxBytes);

  /// What is stored under Key, when every file it depends on is unchanged.
  std::optional<CachedUnit> lookup(llvm::StringRef Key);

  /// Stores Findings (and Attachment) under Key with the contents of
  /// FilesRead as they are now. A failure to write is returned and changes
  /// nothing else.
  llvm::Error store(llvm::StringRef Key,
                    const std::vector<std::string> &FilesRead,
                    const std::vector<Finding> &Findings,
                    llvm::StringRef Attachment = "");

  /// Removes the least recently used entries until the cache fits in
  /// MaxBytes; returns how many it removed.
  unsigned trim();

  const Counts &counts() const { return Tally; }
  const std::string &directory() const { return Directory; }

  /// The default size bound: 256 MiB.
  static constexpr uint64_t DefaultMaxBytes = 256ull << 20;

private:
  std::string entryPath(llvm::StringRef Key) const;
  /// The hash of a file's content, read once per run; empty when it cannot
  /// be read.
  std::string contentHash(llvm::StringRef Path);

  std::string Directory;
  uint64_t MaxBytes;
  Counts Tally;
  std::mutex HashMutex;
  llvm::StringMap<std::string> Hashes;
};

/// Findings as the cache stores them (every field, paths absolute).
std::string findingsToJson(const std::vector<Finding> &Findings);
std::optional<std::vector<Finding>>
findingsFromJson(const llvm::json::Value &V);

} // namespace async_lint::driver

#endif // ASYNC_LINT_DRIVER_RESULTCACHE_H
