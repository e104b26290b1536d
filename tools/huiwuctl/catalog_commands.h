// The catalog commands: buildings and rooms of the booking service.
#ifndef HUIWU_TOOLS_HUIWUCTL_CATALOG_COMMANDS_H_
#define HUIWU_TOOLS_HUIWUCTL_CATALOG_COMMANDS_H_

#include <vector>

#include "tools/huiwuctl/cli.h"

namespace huiwu::ctl {

// seed-catalog, buildings, rooms.
std::vector<Command> CatalogCommands();

}  // namespace huiwu::ctl

#endif  // HUIWU_TOOLS_HUIWUCTL_CATALOG_COMMANDS_H_
