// Plain-text tables for the terminal. Columns are padded by display width, so that
// Chinese names (two columns per character) stay aligned.
#ifndef HUIWU_TOOLS_HUIWUCTL_TABLE_H_
#define HUIWU_TOOLS_HUIWUCTL_TABLE_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace huiwu::ctl {

// Terminal columns that the UTF-8 text takes: 2 for East Asian wide characters.
int DisplayWidth(absl::string_view utf8);

// Prints the header and the rows to stdout, columns separated by two spaces.
void PrintTable(const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows);

}  // namespace huiwu::ctl

#endif  // HUIWU_TOOLS_HUIWUCTL_TABLE_H_
