// What a caller may see of the records a method returns (issue 11), as the data-access
// file says (huiwu.common.v1.DataAccessPolicy, deploy/authz/huiwu-data-access.json): the
// authorization policy has already decided that it may call the method at all.
#ifndef HUIWU_COMMON_SERVER_DATA_ACCESS_H_
#define HUIWU_COMMON_SERVER_DATA_ACCESS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/api/confidential.h"
#include "huiwu/common/v1/data_access.pb.h"

namespace huiwu::server {

struct CallerAccess {
  // Not empty: the caller acts for this organizer unit and sees only its meetings.
  std::string organizer_unit;
  // Whether phones and attendee lists are shown unmasked.
  bool personal_data = true;
  // Whether the content of every confidential meeting (保密会议) is shown; a unit-bound
  // caller sees its own unit's anyway (common/api/confidential.h).
  bool confidential = true;
  // Whether the caller may sign an attendee in without the door screen's code (扫码签到):
  // the data-access file's sign_in_without_code_principals.
  bool sign_in_without_code = true;

  bool unit_bound() const { return !organizer_unit.empty(); }
  // Who the caller is for confidential content.
  api::ConfidentialViewer viewer() const {
    return api::ConfidentialViewer{confidential, organizer_unit};
  }
  // Everything: TLS off (the local run, tests), or a caller the file restricts in nothing.
  static CallerAccess Unrestricted() { return CallerAccess{}; }
};

class DataAccessPolicy final {
 public:
  // INVALID_ARGUMENT naming what is wrong: not JSON of DataAccessPolicy, no name, a
  // binding without principal or unit, a principal bound twice, a bound principal that
  // `unit_bound_principals` does not cover (its binding would do nothing).
  static absl::StatusOr<DataAccessPolicy> Parse(absl::string_view json);

  // What `principal` (the caller's certificate identity) may see; PERMISSION_DENIED
  // (reason NO_ORGANIZER_UNIT) for a unit-bound caller that no binding names.
  absl::StatusOr<CallerAccess> For(absl::string_view principal) const;

  const std::string& name() const { return policy_.name(); }

 private:
  common::v1::DataAccessPolicy policy_;
};

}  // namespace huiwu::server

#endif  // HUIWU_COMMON_SERVER_DATA_ACCESS_H_
