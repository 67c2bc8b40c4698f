//===--- UserProfiles.h - Profiles of runtimes the user describes -*- C++
//-*-===//
//
// A team describes its in-house runtime once, in a profile file of its own in
// the schema of rules/profiles/*.yaml, and names it in its configuration
// (the global check option async-lint.Profiles, or `profiles:` in
// .async-lint.yaml). Every check then reads the built-in profiles and the
// user's together: the effective catalog.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CATALOG_USERPROFILES_H
#define ASYNC_LINT_CATALOG_USERPROFILES_H

#include "RuleCatalog.h"

#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace async_lint::catalog {

/// The global check option that names the user's profile files,
/// ';'-separated.
inline constexpr std::string_view ProfilesOption = "async-lint.Profiles";

/// The files a Profiles option value names. An absolute path is kept; a
/// relative one is looked up in the directory of the analysed file and then
/// in each of its ancestors, the nearest that has it winning (clang-tidy does
/// not tell which .clang-tidy an option came from), and otherwise taken
/// relative to the working directory.
std::vector<std::string> resolveProfilePaths(std::string_view OptionValue,
                                             std::string_view AnalysedFile);

/// The built-in catalog with the profiles of these files added, or the first
/// error: a file that cannot be read, or one that is not a valid profile.
/// Each file and each combination is parsed once per process (while the file
/// is unchanged); safe to call from several threads.
std::variant<std::shared_ptr<const Catalog>, CatalogError>
effectiveCatalog(const std::vector<std::string> &ProfileFiles);

} // namespace async_lint::catalog

#endif // ASYNC_LINT_CATALOG_USERPROFILES_H
