// The authorization policy file, re-read while the service runs (reloading_file.h).
#ifndef HUIWU_COMMON_SERVER_AUTHZ_POLICY_WATCHER_H_
#define HUIWU_COMMON_SERVER_AUTHZ_POLICY_WATCHER_H_

#include "common/server/authz_policy.h"
#include "common/server/data_access.h"
#include "common/server/reloading_file.h"

namespace huiwu::server {

using AuthzPolicyWatcher = ReloadingFile<AuthzPolicy>;
using DataAccessWatcher = ReloadingFile<DataAccessPolicy>;

}  // namespace huiwu::server

#endif  // HUIWU_COMMON_SERVER_AUTHZ_POLICY_WATCHER_H_
