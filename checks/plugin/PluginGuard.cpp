//===--- PluginGuard.cpp - Load the checks only into a matching clang-tidy ===//
//
// This is the file given to `clang-tidy --load`. The checks themselves live in
// async-lint-checks.so beside it and take every Clang and clang-tidy symbol
// from the host process. Loaded into a clang-tidy of another LLVM version they
// would bind to an incompatible ABI and crash, or fail with an unreadable
// "undefined symbol"; so this guard, which needs nothing from LLVM, first
// compares versions and refuses with one clear line.
//
//===----------------------------------------------------------------------===//

#include <dlfcn.h>
#include <link.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#ifndef ASYNC_LINT_LLVM_VERSION_MAJOR
#error "ASYNC_LINT_LLVM_VERSION_MAJOR must be defined by the build"
#endif

namespace {

struct LLVMVersion {
  int Major = -1;
  int Minor = -1;
};

// Parses the version from a library name: libLLVM.so.19.1 or libLLVM-14.so.1.
int findLoadedLLVM(dl_phdr_info *Info, size_t, void *Data) {
  const char *Path = Info->dlpi_name;
  if (!Path)
    return 0;
  const char *Base = std::strrchr(Path, '/');
  Base = Base ? Base + 1 : Path;
  if (std::strncmp(Base, "libLLVM", 7) != 0)
    return 0;
  auto *Version = static_cast<LLVMVersion *>(Data);
  const char *Digits = nullptr;
  if (Base[7] == '-')
    Digits = Base + 8;
  else if (std::strncmp(Base + 7, ".so.", 4) == 0)
    Digits = Base + 11;
  if (!Digits || *Digits < '0' || *Digits > '9')
    return 0;
  char *End = nullptr;
  Version->Major = static_cast<int>(std::strtol(Digits, &End, 10));
  if (End && *End == '.' && End[1] >= '0' && End[1] <= '9')
    Version->Minor = static_cast<int>(std::strtol(End + 1, nullptr, 10));
  return 1;
}

LLVMVersion hostVersion() {
  LLVMVersion Version;
  // LLVM 16 and later export their version through the C API.
  using GetVersionFn = void (*)(unsigned *, unsigned *, unsigned *);
  if (void *Symbol = dlsym(RTLD_DEFAULT, "LLVMGetVersion")) {
    unsigned Major = 0, Minor = 0, Patch = 0;
    reinterpret_cast<GetVersionFn>(Symbol)(&Major, &Minor, &Patch);
    Version.Major = static_cast<int>(Major);
    Version.Minor = static_cast<int>(Minor);
    return Version;
  }
  dl_iterate_phdr(findLoadedLLVM, &Version);
  return Version;
}

[[noreturn]] void refuse(const std::string &Message) {
  std::fprintf(stderr, "async-lint plugin: error: %s\n", Message.c_str());
  std::fflush(stderr);
  // Exiting here, rather than letting clang-tidy go on without the checks,
  // keeps a CI gate from passing silently.
  _exit(1);
}

std::string directoryOfThisLibrary() {
  Dl_info Info;
  if (dladdr(reinterpret_cast<void *>(&directoryOfThisLibrary), &Info) == 0 ||
      !Info.dli_fname)
    return ".";
  std::string Path = Info.dli_fname;
  size_t Slash = Path.rfind('/');
  return Slash == std::string::npos ? "." : Path.substr(0, Slash);
}

__attribute__((constructor)) void loadChecksIntoMatchingHost() {
  const LLVMVersion Host = hostVersion();
  const std::string Built = std::to_string(ASYNC_LINT_LLVM_VERSION_MAJOR) +
                            "." + std::to_string(ASYNC_LINT_LLVM_VERSION_MINOR);
  if (Host.Major >= 0 &&
      (Host.Major != ASYNC_LINT_LLVM_VERSION_MAJOR ||
       (Host.Minor >= 0 && Host.Minor != ASYNC_LINT_LLVM_VERSION_MINOR))) {
    std::string Found = std::to_string(Host.Major);
    if (Host.Minor >= 0)
      Found += "." + std::to_string(Host.Minor);
    refuse("built for clang-tidy " + Built + " but loaded into clang-tidy " +
           Found + "; run clang-tidy-" +
           std::to_string(ASYNC_LINT_LLVM_VERSION_MAJOR) +
           " or rebuild async-lint against LLVM " + Found);
  }
  const std::string Checks = directoryOfThisLibrary() + "/async-lint-checks.so";
  // RTLD_NOW: a symbol the host does not provide fails here, with its name,
  // instead of crashing in the middle of a run.
  if (!dlopen(Checks.c_str(), RTLD_NOW | RTLD_GLOBAL))
    refuse("cannot load the checks: " + std::string(dlerror()));
}

} // namespace
