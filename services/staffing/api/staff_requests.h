// Requests about people, leave, working hours and the on-call roster ↔ domain values:
// every field checked (all violations at once, common/api/field_checks.h), resource
// names parsed, page tokens bound to their filters.
#ifndef HUIWU_SERVICES_STAFFING_API_STAFF_REQUESTS_H_
#define HUIWU_SERVICES_STAFFING_API_STAFF_REQUESTS_H_

#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "huiwu/staffing/v1/staffing_service.pb.h"
#include "services/staffing/domain/staff.h"
#include "services/staffing/store/staffing_store.h"

namespace huiwu::staffing {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 200;

// "staff/{staff}" → the id; INVALID_ARGUMENT naming `field`.
absl::StatusOr<std::string> ParseStaffName(absl::string_view field, absl::string_view name);

struct CreateStaffCommand {
  Staff staff;
  std::string request_id;
};
absl::StatusOr<CreateStaffCommand> ParseCreateStaff(const v1::CreateStaffRequest& request);

enum class StaffField { kDisplayName, kPhone, kSection, kRole, kQualifications, kState };
struct UpdateStaffCommand {
  std::string staff_id;
  std::string etag;
  std::set<StaffField> fields;
  Staff patch;
};
absl::StatusOr<UpdateStaffCommand> ParseUpdateStaff(const v1::UpdateStaffRequest& request);
void ApplyStaffUpdate(const UpdateStaffCommand& command, Staff& staff);

struct ListStaffQuery {
  StaffFilter filter;
  int page_size = kDefaultPageSize;
  std::string after_number;
  std::string filter_text;
};
absl::StatusOr<ListStaffQuery> ParseListStaff(const v1::ListStaffRequest& request);
std::string NextStaffPageToken(const ListStaffQuery& query, const Staff& last);

struct RequestLeaveCommand {
  Leave leave;
  std::string request_id;
};
absl::StatusOr<RequestLeaveCommand> ParseRequestLeave(const v1::RequestLeaveRequest& request);

struct DecideLeaveCommand {
  std::string staff_id;
  std::string leave_id;
  std::string approver;
  std::string note;
};
absl::StatusOr<DecideLeaveCommand> ParseApproveLeave(const v1::ApproveLeaveRequest& request);
absl::StatusOr<DecideLeaveCommand> ParseRejectLeave(const v1::RejectLeaveRequest& request);

struct ListLeaveQuery {
  LeaveFilter filter;
  int page_size = kDefaultPageSize;
  TimeKey after;
  std::string filter_text;
};
absl::StatusOr<ListLeaveQuery> ParseListLeave(const v1::ListLeaveRequest& request);
std::string NextLeavePageToken(const ListLeaveQuery& query, const Leave& last);

struct SetShiftPatternCommand {
  std::string staff_id;
  std::vector<Shift> shifts;
};
absl::StatusOr<SetShiftPatternCommand> ParseSetShiftPattern(
    const v1::SetShiftPatternRequest& request);

absl::StatusOr<OnCallSlot> ParseSetOnCall(const v1::SetOnCallRequest& request);

struct GetOnCallQuery {
  Role role = Role::kAttendant;
  absl::Time at;
};
// `now` when the request names no instant.
absl::StatusOr<GetOnCallQuery> ParseGetOnCall(const v1::GetOnCallRequest& request, absl::Time now);

void ToProto(const Staff& staff, v1::Staff* out);
void ToProto(const Leave& leave, v1::Leave* out);
void ToProto(const Shift& shift, v1::Shift* out);
void ToProto(const OnCallSlot& slot, v1::OnCallSlot* out);

}  // namespace huiwu::staffing

#endif  // HUIWU_SERVICES_STAFFING_API_STAFF_REQUESTS_H_
