// Plain-text tables for the terminal. Columns are padded by display width, so that
// Chinese names (two columns per character) stay aligned.
#ifndef HUIWU_TOOLS_HUIWUCTL_TABLE_H_
#define HUIWU_TOOLS_HUIWUCTL_TABLE_H_

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/string_view.h"

namespace huiwu::ctl {

// Terminal columns that the UTF-8 text takes: 2 for East Asian wide characters.
// An enum value's name for a table cell: "ROLE_ATTENDANT" with prefix "ROLE_" →
// "ATTENDANT". A value this build does not know has no name: "" stays "".
inline std::string WithoutPrefix(const std::string& name, absl::string_view prefix) {
  return absl::StartsWith(name, prefix) ? name.substr(prefix.size()) : name;
}

int DisplayWidth(absl::string_view utf8);

// Prints the header and the rows to stdout, columns separated by two spaces.
void PrintTable(const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows);

}  // namespace huiwu::ctl

#endif  // HUIWU_TOOLS_HUIWUCTL_TABLE_H_
