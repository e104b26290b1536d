// The safety commands: demo data, open hazards, room clearance (huiwu.safety.v1).
#ifndef HUIWU_TOOLS_HUIWUCTL_SAFETY_COMMANDS_H_
#define HUIWU_TOOLS_HUIWUCTL_SAFETY_COMMANDS_H_

#include <vector>

#include "tools/huiwuctl/cli.h"

namespace huiwu::ctl {

// seed-safety, hazards, clearance. They call --safety_addr, not --addr.
std::vector<Command> SafetyCommands();

}  // namespace huiwu::ctl

#endif  // HUIWU_TOOLS_HUIWUCTL_SAFETY_COMMANDS_H_
