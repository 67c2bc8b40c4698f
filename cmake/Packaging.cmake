# Debian packages, built with `cpack -G DEB` in the build tree
# (docs/install.md): async-lint (the driver, the clang-tidy plugin, the man
# page and the documentation) and aio-dev (the runtime for C++ projects).
# Name and version come from project().
set(ASYNC_LINT_PACKAGE_MAINTAINER "async-lint developers <async-lint@users.noreply.github.com>"
    CACHE STRING "The Maintainer field of the Debian packages")

set(CPACK_PACKAGE_NAME ${PROJECT_NAME})
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${ASYNC_LINT_PACKAGE_MAINTAINER})
set(CPACK_PACKAGE_HOMEPAGE_URL ${ASYNC_LINT_HOMEPAGE_URL})
set(CPACK_GENERATOR DEB)
# The build is RelWithDebInfo; packages ship the code without debug data.
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
if(ASYNC_LINT_BUILD_CHECKS)
  set(CPACK_COMPONENTS_ALL lint aio)
else()
  set(CPACK_COMPONENTS_ALL aio)
endif()
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)

# One package per LLVM version: the plugin takes clang-tidy's ABI as it is.
# LLVM 19's keeps the plain name; another version's names its LLVM and
# replaces it (the same files).
if(LLVM_VERSION_MAJOR EQUAL 19)
  set(CPACK_DEBIAN_LINT_PACKAGE_NAME async-lint)
else()
  set(CPACK_DEBIAN_LINT_PACKAGE_NAME async-lint-llvm${LLVM_VERSION_MAJOR})
  set(CPACK_DEBIAN_LINT_PACKAGE_CONFLICTS async-lint)
  set(CPACK_DEBIAN_LINT_PACKAGE_REPLACES async-lint)
endif()
# The first line of each description is the package's summary. CPack's
# default summary (this very string) keeps CPackDeb from putting one summary,
# the project's, before both descriptions.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CMAKE_PROJECT_NAME} built using CMake")
set(CPACK_DEBIAN_LINT_DESCRIPTION "${PROJECT_DESCRIPTION}
The async-lint command and a clang-tidy-${LLVM_VERSION_MAJOR} plugin with the async-* checks.")
# The driver links LLVM, Clang and yaml-cpp. It parses code with Clang's
# resource headers (libclang-common-19-dev, found where LLVM 19 put them)
# and the C++ standard library's headers; the plugin needs clang-tidy-19.
# The plugin refuses a clang-tidy of another LLVM major.minor.
set(llvm_major ${LLVM_VERSION_MAJOR})
set(llvm_range "(>= 1:${LLVM_VERSION_MAJOR}.${LLVM_VERSION_MINOR})")
string(REGEX MATCH "^[0-9]+\\.[0-9]+" yaml_cpp_soversion "${yaml-cpp_VERSION}")
set(CPACK_DEBIAN_LINT_PACKAGE_DEPENDS
    "libc6, libgcc-s1, libstdc++6"
    "libllvm${llvm_major} ${llvm_range}"
    "libclang-cpp${llvm_major} ${llvm_range}"
    "libyaml-cpp${yaml_cpp_soversion}"
    "libclang-common-${llvm_major}-dev ${llvm_range}"
    "clang-tidy-${llvm_major} ${llvm_range}"
    "libstdc++-12-dev | libstdc++-dev")
list(JOIN CPACK_DEBIAN_LINT_PACKAGE_DEPENDS ", " CPACK_DEBIAN_LINT_PACKAGE_DEPENDS)

set(CPACK_DEBIAN_AIO_PACKAGE_NAME aio-dev)
set(CPACK_DEBIAN_AIO_DESCRIPTION "The aio C++20 coroutine runtime
Headers, static library, CMake package (aio::aio) and pkg-config file of aio,
the reference runtime of async-lint.")
# libbacktrace.a comes with GCC 12's libgcc-12-dev.
set(CPACK_DEBIAN_AIO_PACKAGE_DEPENDS "libc6, libstdc++-12-dev, libgcc-12-dev")

include(CPack)
