# lit configuration for async-lint's tests. Run through ctest, or by hand:
#   python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv build/test
# (LLVM 22 ships no lit; llvm-19's runs the LLVM 22 build's tests too.)
import os
import shutil
import subprocess

import lit.formats

# Running lit on the source tree (as ctest does) finds this file first; the
# build's site configuration, passed as a parameter, says where the tools are.
if not hasattr(config, "async_lint_driver"):
    site = lit_config.params.get("async_lint_site")
    if not site:
        lit_config.fatal("run lit with --param=async_lint_site="
                         "BUILD/test/lit.site.cfg.py")
    config.async_lint_loading_site = True
    lit_config.load_config(config, site)

config.name = "async-lint"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".test"]
config.excludes = ["Inputs", "lit.cfg.py", "check_async.py", "expect_exit.py",
                   "check-ids.py",
                   "run-on-list.py",
                   "runtime",
                   "unit", "fuzz", "CMakeLists.txt"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.async_lint_binary_root, "test")

# Tools and the paths in substitutions come from the build, never from the
# user's PATH, except for the LLVM testing tools.
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", os.environ["PATH"])])
for name in ("HOME", "TMPDIR", "LANG"):
    if name in os.environ:
        config.environment[name] = os.environ[name]
# No colours, whatever the terminal.
config.environment["TERM"] = "dumb"
# The driver's results cache, shared by the tests (each entry is keyed by
# everything that decides its findings) and kept out of the source tree.
config.environment["ASYNC_LINT_CACHE_DIR"] = os.path.join(
    config.async_lint_binary_root, "test", "results-cache")

inputs = os.path.join(config.test_source_root, "Inputs")
runtime_include = os.path.join(config.async_lint_source_root, "runtime",
                               "include")
check_async = os.path.join(config.test_source_root, "check_async.py")

config.substitutions.append(("%inputs", inputs))
config.substitutions.append(("%runtime_include", runtime_include))
# Headers the runtime's build generates (the blocking-call detector's list).
config.substitutions.append(
    ("%runtime_generated_include",
     os.path.join(config.async_lint_binary_root, "runtime", "blockdetect")))
config.substitutions.append(("%source_root", config.async_lint_source_root))
config.substitutions.append(
    ("%check_async",
     f"{config.python_executable} {check_async}"
     f" --driver={config.async_lint_driver}"
     f" --clang-tidy={config.clang_tidy}"
     f" --plugin={config.async_lint_plugin}"
     f" --inputs={inputs} --runtime-include={runtime_include}"))
config.substitutions.append(("%async-lint", config.async_lint_driver))
# LD_BIND_NOW: a symbol that clang-tidy does not export must fail when the
# plugin is loaded, not in the middle of a run.
config.substitutions.append(
    ("%clang-tidy-plugin",
     f"env LD_BIND_NOW=1 {config.clang_tidy} --load={config.async_lint_plugin}"))
config.substitutions.append(("%clang-tidy", config.clang_tidy))
config.substitutions.append(("%plugin", config.async_lint_plugin))
config.substitutions.append(("%checks_library",
                             config.async_lint_checks_library))
config.substitutions.append(("%embed-catalog",
                             config.async_lint_embed_catalog))
config.substitutions.append(("%python", config.python_executable))
# The LLVM that async-lint was built against, for tests whose output names it;
# `llvm-NN` marks a test that must differ by version (keep those rare).
config.available_features.add(f"llvm-{config.llvm_version_major}")
config.substitutions.append(("%llvm-version-major", config.llvm_version_major))
config.substitutions.append(
    ("%llvm-version",
     f"{config.llvm_version_major}.{config.llvm_version_minor}"))
config.substitutions.append(
    ("%expect-exit",
     f"{config.python_executable} "
     f"{os.path.join(config.test_source_root, 'expect_exit.py')}"))

if config.other_clang_tidy:
    config.available_features.add("other-clang-tidy")
    config.substitutions.append(("%other-clang-tidy", config.other_clang_tidy))
if config.boost_asio_examples:
    config.available_features.add("boost-asio-examples")
    config.substitutions.append(("%boost_asio_examples",
                                 config.boost_asio_examples))
sarif_multitool = os.path.join(config.async_lint_binary_root, "tools",
                               "node_modules", "@microsoft",
                               "sarif-multitool-linux", "Sarif.Multitool")
if os.access(sarif_multitool, os.X_OK):
    config.available_features.add("sarif-multitool")
    config.substitutions.append(("%sarif-multitool", sarif_multitool))
if shutil.which("pre-commit"):
    config.available_features.add("pre-commit")
if shutil.which("script"):
    config.available_features.add("script")
if shutil.which("git"):
    config.available_features.add("git")
if os.path.exists("/usr/include/asio.hpp"):
    config.available_features.add("standalone-asio")
if os.path.exists("/usr/include/boost/asio.hpp"):
    config.available_features.add("boost-asio")
# QCoro 0.8 for Qt 5 (qcoro-qt5-dev) and the Qt modules its tests include;
# Qt's headers refuse to compile without -fPIC.
qcoro_include = "/usr/include/qcoro5"
if os.path.exists(os.path.join(qcoro_include, "qcoro", "qcorotask.h")) and \
        shutil.which("pkg-config"):
    qt = subprocess.run(
        ["pkg-config", "--cflags", "Qt5Core", "Qt5Network", "Qt5Widgets"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    if qt.returncode == 0:
        config.available_features.add("qcoro")
        config.substitutions.append(
            ("%qcoro_flags",
             f"{qt.stdout.strip()} -fPIC -I{qcoro_include}"
             f" -I{qcoro_include}/qcoro -I{qcoro_include}/QCoro"))
