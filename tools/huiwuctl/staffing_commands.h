// The staffing commands: the center's people, of the staffing service at
// --staffing_addr.
#ifndef HUIWU_TOOLS_HUIWUCTL_STAFFING_COMMANDS_H_
#define HUIWU_TOOLS_HUIWUCTL_STAFFING_COMMANDS_H_

#include <vector>

#include "tools/huiwuctl/cli.h"

namespace huiwu::ctl {

// seed-staff, staff.
std::vector<Command> StaffingCommands();

}  // namespace huiwu::ctl

#endif  // HUIWU_TOOLS_HUIWUCTL_STAFFING_COMMANDS_H_
