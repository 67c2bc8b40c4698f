//===--- CatalogParsing.h - What the catalog's parsers share ----*- C++ -*-===//
//
// The rules, the API kinds and the runtime profiles are parsed by
// RuleCatalog.cpp and ProfileParser.cpp with the same helpers: each reads a
// field of a YAML mapping or rejects the file at the field's position.
// Internal to the catalog; its users include RuleCatalog.h.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_CATALOG_CATALOGPARSING_H
#define ASYNC_LINT_CHECKS_CATALOG_CATALOGPARSING_H

#include "RuleCatalog.h"

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

namespace async_lint::catalog::parsing {

/// Thrown inside the parser only; parseCatalog turns it into a CatalogError.
struct Rejection {
  YAML::Mark Mark;
  std::string Message;
};

[[noreturn]] void reject(const YAML::Node &Node, std::string Message);
/// Rejects the first key of Map that Allowed does not list.
void rejectUnknownKeys(const YAML::Node &Map,
                       const std::vector<std::string> &Allowed,
                       const std::string &What);
const YAML::Node &expectMap(const YAML::Node &Node, const std::string &What);
std::string requireString(const YAML::Node &Map, const std::string &Key,
                          const std::string &What);
/// Empty when Map has no Key.
std::string optionalString(const YAML::Node &Map, const std::string &Key,
                           const std::string &What);
std::vector<std::string> stringList(const YAML::Node &Node,
                                    const std::string &What);
SourcePosition positionOf(const std::string &File, const YAML::Mark &Mark);

/// An API kind, or the key of a hint, that a profile uses; checked once
/// every file is read.
struct PendingKind {
  std::string Kind;
  YAML::Mark Mark;
  std::string File;
};

/// An API that a hint's fix replaces, checked once every profile is read.
struct PendingFixCall {
  std::string Kind;
  std::string Name;
  YAML::Mark Mark;
  std::string File;
};

/// Parses a profile file's Root; what it uses of the rest of the catalog is
/// added to KindsUsed, HintsUsed and FixCallsUsed.
Profile parseProfile(const YAML::Node &Root, const std::string &File,
                     std::vector<PendingKind> &KindsUsed,
                     std::vector<PendingKind> &HintsUsed,
                     std::vector<PendingFixCall> &FixCallsUsed);

} // namespace async_lint::catalog::parsing

#endif // ASYNC_LINT_CHECKS_CATALOG_CATALOGPARSING_H
