#!/usr/bin/env python3
"""Generates the wrappers of libaio_blockdetect.so from the rule profiles.

The blocking functions that async-blocking-call reports are data in
rules/profiles/*.yaml; the detector interposes the same list, so the two agree
by construction. A symbol is interposed when a profile names it:

  - in an API kind the detector acts on (KIND_ROLES below), by the entry's
    name when the profile is the C library's (namespaces: ['']), or by the
    entry's `interposed-symbols` (the libc or pthread symbols that an inline
    C++ API such as std::condition_variable::wait_for ends in);
  - and SIGNATURES below gives its C declaration. A symbol named by the data
    with no known signature fails the build: add its declaration here.

Two more kinds shape what a wrapper reports, as they shape the static check:
descriptor-io-functions (the call does not wait on a non-blocking descriptor)
and wake-up-write-functions (writing one integer of at most 8 bytes to a pipe
or an eventfd, an event loop's wake-up, does not wait).

usage: generate-interposed-symbols.py --output FILE.inc PROFILE.yaml...
"""

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

try:
    import yaml
except ImportError:
    sys.exit("generate-interposed-symbols.py: error: needs PyYAML "
             "(Debian: python3-yaml)")


@dataclass
class Signature:
    declaration: str
    # A C++ expression over the parameters: the call waits only when true.
    blocks_when: str = ""
    # For a lock: the try-lock to attempt first; the call is reported only
    # when it returns EBUSY (another owner holds the lock).
    contended_unless: str = ""
    # The name in reports, when not the symbol's ("open" for open64).
    reported_as: str = ""
    # dlvsym version of the real symbol, for symbols with several.
    version: str = ""
    # Variadic: "open-mode" (the mode argument that O_CREAT and O_TMPFILE
    # take) or the name of the va_list variant to forward to ("vfprintf").
    variadic: str = ""


STREAM = "stream_blocks(stream)"

# libstdc++'s futex wait behind std::future::wait/get. A non-static member:
# `this` first; the chrono durations are single integers and pass as long.
FUTEX_WAIT = ("bool {name}(void *self, unsigned *address, unsigned expected, "
              "bool has_timeout, long seconds, long nanoseconds)")

SIGNATURES = {
    # Sleeps.
    "sleep": Signature("unsigned int sleep(unsigned int seconds)"),
    "usleep": Signature("int usleep(useconds_t microseconds)"),
    "nanosleep": Signature(
        "int nanosleep(const struct timespec *request, struct timespec *remaining)"),
    "clock_nanosleep": Signature(
        "int clock_nanosleep(clockid_t clock, int flags, "
        "const struct timespec *request, struct timespec *remaining)"),
    # C stdio. Console streams are not file I/O, as the profile's fprintf
    # and fflush entries say; memory streams (fmemopen) have no descriptor.
    "fopen": Signature("FILE *fopen(const char *path, const char *mode)"),
    "fopen64": Signature("FILE *fopen64(const char *path, const char *mode)",
                         reported_as="fopen"),
    "fread": Signature(
        "size_t fread(void *buffer, size_t size, size_t count, FILE *stream)",
        blocks_when=STREAM),
    "fwrite": Signature(
        "size_t fwrite(const void *buffer, size_t size, size_t count, FILE *stream)",
        blocks_when=STREAM),
    "fgets": Signature("char *fgets(char *buffer, int size, FILE *stream)",
                       blocks_when=STREAM),
    "fputs": Signature("int fputs(const char *text, FILE *stream)",
                       blocks_when=STREAM),
    "fclose": Signature("int fclose(FILE *stream)", blocks_when=STREAM),
    "fflush": Signature("int fflush(FILE *stream)", blocks_when=STREAM),
    "fprintf": Signature("int fprintf(FILE *stream, const char *format, ...)",
                         blocks_when=STREAM, variadic="vfprintf"),
    "vfprintf": Signature(
        "int vfprintf(FILE *stream, const char *format, va_list arguments)",
        blocks_when=STREAM, reported_as="fprintf"),
    # POSIX file I/O.
    "open": Signature("int open(const char *path, int flags, ...)",
                      variadic="open-mode"),
    "open64": Signature("int open64(const char *path, int flags, ...)",
                        variadic="open-mode", reported_as="open"),
    "openat": Signature("int openat(int directory, const char *path, int flags, ...)",
                        variadic="open-mode"),
    "openat64": Signature(
        "int openat64(int directory, const char *path, int flags, ...)",
        variadic="open-mode", reported_as="openat"),
    "read": Signature("ssize_t read(int fd, void *buffer, size_t size)"),
    "write": Signature("ssize_t write(int fd, const void *buffer, size_t size)"),
    "writev": Signature(
        "ssize_t writev(int fd, const struct iovec *buffers, int count)",
        blocks_when="descriptor_blocks(fd)"),
    "pread": Signature(
        "ssize_t pread(int fd, void *buffer, size_t size, off_t offset)"),
    "pread64": Signature(
        "ssize_t pread64(int fd, void *buffer, size_t size, off64_t offset)",
        reported_as="pread"),
    "pwrite": Signature(
        "ssize_t pwrite(int fd, const void *buffer, size_t size, off_t offset)"),
    "pwrite64": Signature(
        "ssize_t pwrite64(int fd, const void *buffer, size_t size, off64_t offset)",
        reported_as="pwrite"),
    "fsync": Signature("int fsync(int fd)"),
    "fdatasync": Signature("int fdatasync(int fd)"),
    # Network.
    "connect": Signature(
        "int connect(int fd, const struct sockaddr *address, socklen_t length)"),
    "accept": Signature(
        "int accept(int fd, struct sockaddr *address, socklen_t *length)"),
    "accept4": Signature(
        "int accept4(int fd, struct sockaddr *address, socklen_t *length, int flags)"),
    "recv": Signature("ssize_t recv(int fd, void *buffer, size_t size, int flags)"),
    "recvfrom": Signature(
        "ssize_t recvfrom(int fd, void *buffer, size_t size, int flags, "
        "struct sockaddr *address, socklen_t *length)"),
    "recvmsg": Signature("ssize_t recvmsg(int fd, struct msghdr *message, int flags)"),
    "recvmmsg": Signature(
        "int recvmmsg(int fd, struct mmsghdr *messages, unsigned int count, "
        "int flags, struct timespec *timeout)",
        blocks_when="descriptor_blocks(fd)"),
    "send": Signature(
        "ssize_t send(int fd, const void *buffer, size_t size, int flags)"),
    "sendto": Signature(
        "ssize_t sendto(int fd, const void *buffer, size_t size, int flags, "
        "const struct sockaddr *address, socklen_t length)"),
    "sendmsg": Signature(
        "ssize_t sendmsg(int fd, const struct msghdr *message, int flags)"),
    "sendmmsg": Signature(
        "int sendmmsg(int fd, struct mmsghdr *messages, unsigned int count, int flags)",
        blocks_when="descriptor_blocks(fd)"),
    "sendfile": Signature(
        "ssize_t sendfile(int out, int in, off_t *offset, size_t count)",
        blocks_when="descriptor_blocks(out) || descriptor_blocks(in)"),
    "sendfile64": Signature(
        "ssize_t sendfile64(int out, int in, off64_t *offset, size_t count)",
        blocks_when="descriptor_blocks(out) || descriptor_blocks(in)",
        reported_as="sendfile"),
    "getaddrinfo": Signature(
        "int getaddrinfo(const char *node, const char *service, "
        "const struct addrinfo *hints, struct addrinfo **result)"),
    "gethostbyname": Signature("struct hostent *gethostbyname(const char *name)"),
    "gethostbyname_r": Signature(
        "int gethostbyname_r(const char *name, struct hostent *entry, "
        "char *buffer, size_t size, struct hostent **result, int *error)"),
    "curl_easy_perform": Signature("int curl_easy_perform(void *handle)"),
    # Readiness waits: a zero timeout only looks.
    "poll": Signature("int poll(struct pollfd *fds, nfds_t count, int timeout)",
                      blocks_when="timeout != 0"),
    "ppoll": Signature(
        "int ppoll(struct pollfd *fds, nfds_t count, "
        "const struct timespec *timeout, const sigset_t *mask)",
        blocks_when="waits_for(timeout)"),
    "select": Signature(
        "int select(int count, fd_set *read, fd_set *write, fd_set *error, "
        "struct timeval *timeout)",
        blocks_when="waits_for(timeout)"),
    "pselect": Signature(
        "int pselect(int count, fd_set *read, fd_set *write, fd_set *error, "
        "const struct timespec *timeout, const sigset_t *mask)",
        blocks_when="waits_for(timeout)"),
    # Processes.
    "system": Signature("int system(const char *command)"),
    "popen": Signature("FILE *popen(const char *command, const char *type)"),
    "pclose": Signature("int pclose(FILE *stream)"),
    "wait": Signature("pid_t wait(int *status)"),
    "waitpid": Signature("pid_t waitpid(pid_t pid, int *status, int options)",
                         blocks_when="(options & WNOHANG) == 0"),
    # Threads.
    "pthread_join": Signature("int pthread_join(pthread_t thread, void **result)"),
    "pthread_cond_wait": Signature(
        "int pthread_cond_wait(pthread_cond_t *condition, pthread_mutex_t *mutex)",
        version="GLIBC_2.3.2"),
    "pthread_cond_timedwait": Signature(
        "int pthread_cond_timedwait(pthread_cond_t *condition, "
        "pthread_mutex_t *mutex, const struct timespec *deadline)",
        version="GLIBC_2.3.2"),
    "pthread_cond_clockwait": Signature(
        "int pthread_cond_clockwait(pthread_cond_t *condition, "
        "pthread_mutex_t *mutex, clockid_t clock, const struct timespec *deadline)"),
    "_ZNSt28__atomic_futex_unsigned_base19_M_futex_wait_untilEPjjbNSt6chrono8"
    "durationIlSt5ratioILl1ELl1EEEENS2_IlS3_ILl1ELl1000000000EEEE": Signature(
        FUTEX_WAIT, reported_as="std::future::wait"),
    "_ZNSt28__atomic_futex_unsigned_base26_M_futex_wait_until_steadyEPjjbNSt6"
    "chrono8durationIlSt5ratioILl1ELl1EEEENS2_IlS3_ILl1ELl1000000000EEEE": Signature(
        FUTEX_WAIT, reported_as="std::future::wait"),
    # Locks.
    "pthread_mutex_lock": Signature(
        "int pthread_mutex_lock(pthread_mutex_t *mutex)",
        contended_unless="pthread_mutex_trylock(mutex)"),
    "pthread_mutex_unlock": Signature("int pthread_mutex_unlock(pthread_mutex_t *mutex)"),
    "pthread_rwlock_rdlock": Signature(
        "int pthread_rwlock_rdlock(pthread_rwlock_t *lock)",
        contended_unless="pthread_rwlock_tryrdlock(lock)"),
    "pthread_rwlock_wrlock": Signature(
        "int pthread_rwlock_wrlock(pthread_rwlock_t *lock)",
        contended_unless="pthread_rwlock_trywrlock(lock)"),
    "pthread_rwlock_unlock": Signature("int pthread_rwlock_unlock(pthread_rwlock_t *lock)"),
    "pthread_spin_lock": Signature(
        "int pthread_spin_lock(pthread_spinlock_t *lock)",
        contended_unless="pthread_spin_trylock(lock)"),
    "pthread_spin_unlock": Signature("int pthread_spin_unlock(pthread_spinlock_t *lock)"),
}

# What an API kind makes a wrapper do.
KIND_ROLES = {
    "lock-functions": "locks",
    "unlock-functions": "unlocks",
    "descriptor-io-functions": "descriptor",
    "wake-up-write-functions": "wake-up",
}
BLOCKING_KIND_PREFIX = "blocking-call-"
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


class DataError(Exception):
    pass


@dataclass
class Symbol:
    name: str
    roles: set = field(default_factory=set)
    # "file: kind entry" lines, for the generated comment.
    sources: list = field(default_factory=list)


def role_of(kind):
    if kind.startswith(BLOCKING_KIND_PREFIX):
        return "blocks"
    return KIND_ROLES.get(kind)


def symbols_of(entry, global_namespace):
    """The symbols an API entry names, or [] when it names none."""
    if isinstance(entry, str):
        entry = {"name": entry}
    if "interposed-symbols" in entry:
        return list(entry["interposed-symbols"])
    # A constructed type is no function, even in the global namespace
    # (Qt's QMutexLocker).
    if entry.get("kind") == "construct":
        return []
    name = str(entry["name"])
    # A C function is its own symbol; a C++ name needs the data to say.
    return [name] if global_namespace and IDENTIFIER.match(name) else []


def collect(profile_paths):
    symbols = {}
    for path in profile_paths:
        profile = yaml.safe_load(Path(path).read_text())
        if not isinstance(profile, dict) or "profile" not in profile:
            raise DataError(f"{path}: error: not a runtime profile")
        global_namespace = profile.get("namespaces") == [""]
        for kind, entries in (profile.get("apis") or {}).items():
            role = role_of(kind)
            if role is None:
                continue
            for entry in entries:
                for name in symbols_of(entry, global_namespace):
                    symbol = symbols.setdefault(name, Symbol(name))
                    symbol.roles.add(role)
                    label = entry if isinstance(entry, str) else entry["name"]
                    symbol.sources.append(f"{Path(path).name}: {kind} {label}")
    # Modifiers alone interpose nothing: `write` is a descriptor call, but
    # it is interposed because a blocking kind lists it.
    interposed = {name: s for name, s in symbols.items()
                  if s.roles & {"blocks", "locks", "unlocks"}}
    unknown = sorted(name for name in interposed if name not in SIGNATURES)
    if unknown:
        raise DataError(
            "generate-interposed-symbols.py: error: the profiles name "
            f"{', '.join(unknown)}, which the detector has no signature for; "
            "add the declaration to SIGNATURES in "
            "runtime/scripts/generate-interposed-symbols.py")
    return [interposed[name] for name in sorted(interposed)]


DECLARATION = re.compile(r"(?P<return_type>.*?)\s*\b(?P<name>\w+)\((?P<params>.*)\)\Z")
PARAMETER = re.compile(r"(?P<type>.*?)\s*(?P<name>\w+)\Z")


def parse_declaration(text, symbol):
    match = DECLARATION.match(text.format(name=symbol))
    if not match:
        raise DataError(f"cannot parse the declaration '{text}'")
    params = []
    variadic = False
    for param in match["params"].split(","):
        param = param.strip()
        if param == "...":
            variadic = True
            continue
        part = PARAMETER.match(param)
        if not part:
            raise DataError(f"cannot parse the parameter '{param}' of {symbol}")
        params.append((part["type"], part["name"]))
    return match["return_type"], match["name"], params, variadic


def wrapper(symbol):
    sig = SIGNATURES[symbol.name]
    return_type, name, params, variadic = parse_declaration(sig.declaration,
                                                       symbol.name)
    types = ", ".join(t for t, _ in params)
    names = [n for _, n in params]
    param_list = ", ".join(t + ("" if t.endswith("*") else " ") + n
                           for t, n in params)
    if variadic:
        param_list += ", ..."
    reported = sig.reported_as or symbol.name
    if sig.version:
        lookup = (f'next_versioned<{return_type} (*)({types})>("{symbol.name}", '
                  f'"{sig.version}")')
    elif sig.variadic == "open-mode":
        lookup = f'next<{return_type} (*)({types}, ...)>("{symbol.name}")'
    elif sig.variadic:
        # A variadic call cannot be forwarded; its va_list variant can.
        lookup = f'next<{return_type} (*)({types}, va_list)>("{sig.variadic}")'
    else:
        lookup = f'next<{return_type} (*)({types})>("{symbol.name}")'

    conditions = []
    if sig.blocks_when:
        conditions.append(sig.blocks_when)
    elif "descriptor" in symbol.roles:
        conditions.append(f"descriptor_blocks({names[0]})")
    if "wake-up" in symbol.roles:
        conditions.append(f"!wakes_up({names[0]}, {names[2]})")
    condition = "".join(f" && ({c})" for c in conditions)

    if name != symbol.name:
        raise DataError(f"the declaration of {symbol.name} names {name}")
    lines = [f"// {source}" for source in symbol.sources]
    lines.append(f"AIO_INTERPOSED {return_type} {name}({param_list}) {{")
    lines.append(f"  static const auto real = {lookup};")
    first = names[0] if names else ""
    if "blocks" in symbol.roles and sig.contended_unless:
        lines += [
            "  if (watching()) {",
            f"    int attempt = {sig.contended_unless};",
            "    if (attempt != EBUSY) {",
        ]
        if "locks" in symbol.roles:
            lines += ["      if (attempt == 0) {",
                      f"        note_locked({first});", "      }"]
        lines += ["      return attempt;", "    }",
                  f'    report("{reported}");', "  }"]
    elif "blocks" in symbol.roles:
        lines.append(f'  if (watching(){condition}) {{')
        lines.append(f'    report("{reported}");')
        lines.append("  }")
    if "unlocks" in symbol.roles:
        lines.append(f"  note_unlocked({first});")

    if sig.variadic == "open-mode":
        flags = names[-1]
        lines += ["  va_list arguments;", f"  va_start(arguments, {flags});",
                  f"  mode_t mode = mode_argument({flags}, arguments);",
                  "  va_end(arguments);",
                  f"  {return_type} returned = real({', '.join(names)}, mode);"]
    elif sig.variadic:
        lines += ["  va_list arguments;", f"  va_start(arguments, {names[-1]});",
                  f"  {return_type} returned = real({', '.join(names)}, arguments);",
                  "  va_end(arguments);"]
    else:
        lines.append(f"  {return_type} returned = real({', '.join(names)});")
    if "locks" in symbol.roles:
        lines += ["  if (returned == 0) {", f"    note_locked({first});", "  }"]
    lines += ["  return returned;", "}", ""]
    return "\n".join(lines)


def generate(symbols):
    out = ["// Generated from rules/profiles/*.yaml by",
           "// runtime/scripts/generate-interposed-symbols.py; edit those.",
           "// Included by runtime/src/blockdetect/interposer.cpp.", ""]
    out += [wrapper(symbol) for symbol in symbols]
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", required=True)
    parser.add_argument("profiles", nargs="+")
    args = parser.parse_args()
    try:
        text = generate(collect(args.profiles))
    except (DataError, yaml.YAMLError, KeyError, TypeError) as error:
        sys.exit(str(error))
    output = Path(args.output)
    # Write only on change so that the library is not rebuilt needlessly.
    if not output.exists() or output.read_text() != text:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text)


if __name__ == "__main__":
    main()
