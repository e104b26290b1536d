// The inventory commands: supplies, kits and room keys of the inventory service.
#ifndef HUIWU_TOOLS_HUIWUCTL_INVENTORY_COMMANDS_H_
#define HUIWU_TOOLS_HUIWUCTL_INVENTORY_COMMANDS_H_

#include <vector>

#include "tools/huiwuctl/cli.h"

namespace huiwu::ctl {

// seed-inventory, low-stock, key-holders. They talk to --inventory_addr.
std::vector<Command> InventoryCommands();

}  // namespace huiwu::ctl

#endif  // HUIWU_TOOLS_HUIWUCTL_INVENTORY_COMMANDS_H_
