#include "tests/faults/staffing_workload.h"

#include <algorithm>
#include <map>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/api/timestamp.h"
#include "gtest/gtest.h"
#include "huiwu/staffing/v1/staffing_service.grpc.pb.h"
#include "tests/faults/fault_util.h"
#include "tests/support/call_context.h"
#include "tests/support/grpc_errors.h"
#include "tests/support/sql_rows.h"

namespace huiwu::testing {
namespace {

namespace v1 = staffing::v1;
using Stub = v1::StaffingService::Stub;

constexpr int kAttendants = 6;
// Hours the meetings and leaves start at, at random: duty windows (30 min before to
// 15 min after) of neighbouring hours overlap, so people are often busy.
constexpr int kSlots = 160;
constexpr int kLeaveEvery = 4;  // every fourth unit of a worker is a leave
constexpr char kApprover[] = "会务服务科科长";

// Whoever holds two overlapping duties, or a duty during approved leave.
constexpr char kOverlappingDuties[] =
    "SELECT COUNT(*) FROM assignments a JOIN assignments b ON a.staff_id = b.staff_id "
    "AND a.meeting_id < b.meeting_id AND a.start_time < b.end_time AND b.start_time < a.end_time";
constexpr char kDutiesOnLeave[] =
    "SELECT COUNT(*) FROM assignments a JOIN leaves l ON l.staff_id = a.staff_id AND l.state = 2 "
    "AND a.start_time < l.end_time AND l.start_time < a.end_time";

std::string AttendantId(int i) { return absl::StrCat("attendant-", i); }

v1::AutoAssignRequest AutoAssignRequest(const StaffingRecord& record) {
  v1::AutoAssignRequest request;
  request.set_meeting(absl::StrCat("meetings/", record.key));
  return request;
}

v1::RequestLeaveRequest LeaveRequest(const StaffingRecord& record) {
  v1::RequestLeaveRequest request;
  request.set_parent(record.staff);
  *request.mutable_leave()->mutable_start_time() = api::ToTimestamp(record.start);
  *request.mutable_leave()->mutable_end_time() = api::ToTimestamp(record.start + absl::Hours(1));
  request.mutable_leave()->set_reason(record.key);
  request.set_request_id(absl::StrCat("leave-", record.key));
  return request;
}

v1::ApproveLeaveRequest ApproveRequest(const StaffingRecord& record) {
  v1::ApproveLeaveRequest request;
  request.set_name(record.leave_name);
  request.set_approver(kApprover);
  return request;
}

// The staff ids of an answer's assignments.
std::set<std::string> StaffOf(const google::protobuf::RepeatedPtrField<v1::Assignment>& list) {
  std::set<std::string> ids;
  for (const v1::Assignment& a : list) ids.insert(a.staff().substr(a.staff().find('/') + 1));
  return ids;
}

}  // namespace

v1::SetStaffingRequirementRequest OneAttendantRequirement(const std::string& meeting_id,
                                                          absl::Time start) {
  v1::SetStaffingRequirementRequest set;
  v1::StaffingRequirement* requirement = set.mutable_requirement();
  requirement->set_meeting(absl::StrCat("meetings/", meeting_id));
  *requirement->mutable_start_time() = api::ToTimestamp(start);
  *requirement->mutable_end_time() = api::ToTimestamp(start + absl::Hours(1));
  requirement->set_room("buildings/city-hall/rooms/301");
  requirement->set_participants(10);
  requirement->set_kind(v1::MEETING_KIND_INTERNAL);
  v1::RoleCount* attendants = requirement->add_role_counts();
  attendants->set_role(v1::ROLE_ATTENDANT);
  attendants->set_count(1);
  return set;
}

void StaffingWorkload::Seed(const std::shared_ptr<grpc::Channel>& channel,
                            const config::DatabaseConfig&) {
  Stub stub(channel);
  for (int i = 1; i <= kAttendants; ++i) {
    v1::CreateStaffRequest create;
    create.set_staff_id(AttendantId(i));
    v1::Staff* staff = create.mutable_staff();
    staff->set_staff_number(absl::StrCat("F-1", i));
    staff->set_display_name(absl::StrCat("服务员", i));
    staff->set_phone("13800000000");
    staff->set_section("会务服务科");
    staff->set_role(v1::ROLE_ATTENDANT);
    v1::Qualification* fire = staff->add_qualifications();
    fire->set_kind(v1::QUALIFICATION_KIND_FIRE_SAFETY);
    fire->mutable_valid_until()->set_year(2199);
    fire->mutable_valid_until()->set_month(12);
    fire->mutable_valid_until()->set_day(31);
    v1::CreateStaffResponse created;
    const grpc::Status status = stub.CreateStaff(CallContext().get(), create, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    v1::SetShiftPatternRequest shifts;  // around the clock: only duties and leave limit them
    shifts.set_staff(created.staff().name());
    for (int weekday = 1; weekday <= 7; ++weekday) {
      v1::Shift* shift = shifts.add_shifts();
      shift->set_weekday(weekday);
      shift->set_start_minute(0);
      shift->set_end_minute(24 * 60);
    }
    v1::SetShiftPatternResponse set;
    EXPECT_TRUE(stub.SetShiftPattern(CallContext().get(), shifts, &set).ok());
  }
  first_slot_ = FirstFaultSlot();
}

void StaffingWorkload::RunUnit(FaultCaller& caller, int n) {
  const int worker = caller.worker();
  std::mt19937 random(worker * 1000003 + n);
  StaffingRecord record;
  record.key = absl::StrCat("fault-", worker, "-", n);
  record.start =
      first_slot_ + absl::Hours(std::uniform_int_distribution<int>(0, kSlots - 1)(random));
  record.leave = n % kLeaveEvery == kLeaveEvery - 1;
  if (record.leave) {
    record.staff = absl::StrCat(
        "staff/", AttendantId(std::uniform_int_distribution<int>(1, kAttendants)(random)));
    TakeLeave(caller, record);
  } else {
    StaffMeeting(caller, record);
  }
  records_.Add(worker, std::move(record));
}

void StaffingWorkload::StaffMeeting(FaultCaller& caller, StaffingRecord& record) {
  v1::SetStaffingRequirementResponse stored;
  const grpc::Status set_status = Call(caller, &Stub::SetStaffingRequirement,
                                       OneAttendantRequirement(record.key, record.start), &stored);
  if (!set_status.ok()) {
    if (!Retryable(set_status)) caller.Unexpected("SetStaffingRequirement", set_status);
    return;
  }
  record.requirement_set = true;
  if (caller.stopping()) return;
  // A shortfall (everybody busy or on leave) is an answer like any other.
  v1::AutoAssignResponse filled;
  const grpc::Status fill_status =
      Call(caller, &Stub::AutoAssign, AutoAssignRequest(record), &filled);
  if (fill_status.ok()) {
    record.staffed = true;
    record.assigned = StaffOf(filled.assignments());
  } else if (!Retryable(fill_status)) {
    caller.Unexpected("AutoAssign", fill_status);
  }
}

void StaffingWorkload::TakeLeave(FaultCaller& caller, StaffingRecord& record) {
  v1::RequestLeaveResponse requested;
  const grpc::Status request_status =
      Call(caller, &Stub::RequestLeave, LeaveRequest(record), &requested);
  if (!request_status.ok()) {
    if (!Retryable(request_status)) caller.Unexpected("RequestLeave", request_status);
    return;
  }
  record.leave_name = requested.leave().name();
  if (caller.stopping()) return;
  v1::ApproveLeaveResponse approved;
  const grpc::Status approve_status =
      Call(caller, &Stub::ApproveLeave, ApproveRequest(record), &approved);
  if (approve_status.ok()) {
    record.approved = true;
  } else if (approve_status.error_code() == grpc::StatusCode::FAILED_PRECONDITION &&
             DetailsOf(approve_status).reason == "LEAVE_OVERLAPS_ASSIGNMENTS") {
    record.refused = true;
  } else if (!Retryable(approve_status)) {
    caller.Unexpected("ApproveLeave", approve_status);
  }
}

FaultAudit StaffingWorkload::Audit(const config::DatabaseConfig& database) {
  FaultAudit audit;
  audit.writes = "writes";
  std::set<std::string> requirements;
  for (const std::string& id :
       QueryRows(database, "SELECT meeting_id FROM requirements WHERE meeting_id LIKE 'fault-%'")) {
    requirements.insert(id);
  }
  std::map<std::string, std::set<std::string>> assigned;  // meeting → staff ids
  for (const std::string& row :
       QueryRows(database, "SELECT meeting_id, staff_id FROM assignments")) {
    std::vector<std::string> columns = absl::StrSplit(row, '|');
    assigned[columns[0]].insert(columns[1]);
  }
  // reason (the unit's key) → "staff/…/leaves/…" and its state, per leave stored.
  std::map<std::string, std::vector<std::pair<std::string, int>>> leaves;
  for (const std::string& row : QueryRows(
           database,
           "SELECT reason, staff_id, leave_id, state FROM leaves WHERE reason LIKE 'fault-%'")) {
    std::vector<std::string> columns = absl::StrSplit(row, '|');
    leaves[columns[0]].emplace_back(absl::StrCat("staff/", columns[1], "/leaves/", columns[2]),
                                    std::stoi(columns[3]));
  }
  int64_t refused_yet_approved = 0;
  for (const StaffingRecord& record : records_.All()) {
    if (!record.leave) {
      const std::set<std::string>& people = assigned[record.key];
      // One attendant was asked for: more is a fill done twice.
      if (people.size() > 1) {
        audit.duplicated += static_cast<int64_t>(people.size()) - 1;
        audit.Problem(absl::StrCat(record.key, " staffed ", people.size(),
                                   " times: ", absl::StrJoin(people, ", ")));
      }
      audit.acknowledged += (record.requirement_set ? 1 : 0) + (record.staffed ? 1 : 0);
      if (record.requirement_set && requirements.count(record.key) == 0) {
        ++audit.lost;
        audit.Problem(absl::StrCat(record.key, ": requirement set, not stored"));
      }
      if (record.staffed && people != record.assigned) {
        ++audit.lost;
        audit.Problem(absl::StrCat(record.key, ": answered with ",
                                   absl::StrJoin(record.assigned, ", "), ", stored ",
                                   absl::StrJoin(people, ", ")));
      }
      continue;
    }
    const auto& stored = leaves[record.key];
    if (stored.size() > 1) {
      audit.duplicated += static_cast<int64_t>(stored.size()) - 1;
      audit.Problem(absl::StrCat(record.key, ": leave stored ", stored.size(), " times"));
    }
    if (record.leave_name.empty()) continue;
    audit.acknowledged += 1 + (record.approved ? 1 : 0);
    const auto it = std::find_if(stored.begin(), stored.end(), [&](const auto& leave) {
      return leave.first == record.leave_name;
    });
    if (it == stored.end()) {
      ++audit.lost;
      audit.Problem(absl::StrCat(record.key, ": ", record.leave_name, " requested, not stored"));
    } else if (record.approved && it->second != v1::LEAVE_STATE_APPROVED) {
      ++audit.lost;
      audit.Problem(absl::StrCat(record.key, ": ", record.leave_name, " approved, stored in state ",
                                 it->second));
    } else if (record.refused && it->second == v1::LEAVE_STATE_APPROVED) {
      ++refused_yet_approved;
      audit.Problem(absl::StrCat(record.key, ": ", record.leave_name, " refused, yet approved"));
    }
  }
  audit.invariants = {{"overlapping duties", QueryInt(database, kOverlappingDuties)},
                      {"duties during approved leave", QueryInt(database, kDutiesOnLeave)},
                      {"refused yet approved", refused_yet_approved}};
  return audit;
}

int StaffingWorkload::Replay(const std::shared_ptr<grpc::Channel>& channel) {
  Stub stub(channel);
  int replayed = 0;
  for (const StaffingRecord& record : records_.All()) {
    SCOPED_TRACE(record.key);
    if (record.staffed) {
      // AutoAssign again fills nothing: the meeting has its attendant, or nobody freed up.
      v1::AutoAssignResponse filled;
      const grpc::Status status =
          stub.AutoAssign(CallContext().get(), AutoAssignRequest(record), &filled);
      EXPECT_TRUE(status.ok()) << status.error_message();
      EXPECT_EQ(filled.assigned_size(), 0);
      EXPECT_EQ(StaffOf(filled.assignments()), record.assigned);
      ++replayed;
    } else if (!record.leave_name.empty()) {
      v1::RequestLeaveResponse requested;
      const grpc::Status status =
          stub.RequestLeave(CallContext().get(), LeaveRequest(record), &requested);
      EXPECT_TRUE(status.ok()) << status.error_message();
      EXPECT_EQ(requested.leave().name(), record.leave_name);
      ++replayed;
      if (record.approved) {
        v1::ApproveLeaveResponse approved;
        const grpc::Status approve =
            stub.ApproveLeave(CallContext().get(), ApproveRequest(record), &approved);
        EXPECT_TRUE(approve.ok()) << approve.error_message();
        EXPECT_EQ(approved.leave().state(), v1::LEAVE_STATE_APPROVED);
        ++replayed;
      }
    }
  }
  return replayed;
}

}  // namespace huiwu::testing
