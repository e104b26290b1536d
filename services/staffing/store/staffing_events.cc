#include "services/staffing/store/staffing_events.h"

#include "absl/strings/str_cat.h"
#include "common/api/timestamp.h"
#include "common/events/outbox.h"
#include "huiwu/staffing/v1/events.pb.h"
#include "services/staffing/api/duty_requests.h"
#include "services/staffing/api/staff_requests.h"
#include "services/staffing/store/rows.h"

namespace huiwu::staffing {
namespace {

// The meeting, then the room when known, then the people.
std::vector<std::string> Subjects(absl::string_view meeting_id, absl::string_view room,
                                  const std::vector<std::string>& staff_ids) {
  std::vector<std::string> subjects;
  if (!meeting_id.empty()) subjects.push_back(MeetingResource(meeting_id));
  if (!room.empty()) subjects.emplace_back(room);
  for (const std::string& id : staff_ids) subjects.push_back(StaffResource(id));
  return subjects;
}

}  // namespace

std::string RoomResource(const StaffingRequirement& requirement) {
  if (requirement.building_id.empty() || requirement.room_id.empty()) return "";
  return absl::StrCat("buildings/", requirement.building_id, "/rooms/", requirement.room_id);
}

void PublishStaffCreated(db::Connection& c, const Staff& staff, absl::Time now) {
  v1::StaffCreated event;
  ToProto(staff, event.mutable_staff());
  events::Publish(c, event, {StaffResource(staff.id)}, now);
}

void PublishStaffUpdated(db::Connection& c, const Staff& staff, absl::Time now) {
  v1::StaffUpdated event;
  ToProto(staff, event.mutable_staff());
  events::Publish(c, event, {StaffResource(staff.id)}, now);
}

void PublishShiftPatternSet(db::Connection& c, absl::string_view staff_id,
                            const std::vector<Shift>& shifts, absl::Time now) {
  v1::ShiftPatternSet event;
  event.set_staff(StaffResource(staff_id));
  for (const Shift& s : shifts) ToProto(s, event.add_shifts());
  events::Publish(c, event, {StaffResource(staff_id)}, now);
}

void PublishOnCallSet(db::Connection& c, const OnCallSlot& slot, absl::Time now) {
  v1::OnCallSet event;
  ToProto(slot, event.mutable_slot());
  events::Publish(c, event, {StaffResource(slot.staff_id)}, now);
}

void PublishLeave(db::Connection& c, const Leave& leave, absl::Time now) {
  const std::vector<std::string> subjects = {StaffResource(leave.staff_id)};
  switch (leave.state) {
    case LeaveState::kRequested: {
      v1::LeaveRequested event;
      ToProto(leave, event.mutable_leave());
      events::Publish(c, event, subjects, now);
      return;
    }
    case LeaveState::kApproved: {
      v1::LeaveApproved event;
      ToProto(leave, event.mutable_leave());
      events::Publish(c, event, subjects, now);
      return;
    }
    case LeaveState::kRejected: {
      v1::LeaveRejected event;
      ToProto(leave, event.mutable_leave());
      events::Publish(c, event, subjects, now);
      return;
    }
  }
}

void PublishRequirementSet(db::Connection& c, const StaffingRequirement& requirement,
                           absl::Time now) {
  v1::StaffingRequirementSet event;
  ToProto(requirement, event.mutable_requirement());
  events::Publish(c, event, Subjects(requirement.meeting_id, RoomResource(requirement), {}), now);
}

void PublishAssigned(db::Connection& c, const StaffingRequirement& requirement,
                     const Assignment& assignment, absl::Time now) {
  v1::StaffAssigned event;
  ToProto(assignment, event.mutable_assignment());
  event.set_meeting(MeetingResource(assignment.meeting_id));
  event.set_room(RoomResource(requirement));
  events::Publish(c, event, Subjects(assignment.meeting_id, event.room(), {assignment.staff_id}),
                  now);
}

void PublishUnassigned(db::Connection& c, absl::string_view room, const Assignment& assignment,
                       UnassignReason reason, const std::vector<IneligibilityReason>& reasons,
                       absl::Time now) {
  v1::StaffUnassigned event;
  ToProto(assignment, event.mutable_assignment());
  event.set_meeting(MeetingResource(assignment.meeting_id));
  event.set_room(std::string(room));
  event.set_reason(static_cast<v1::UnassignReason>(reason));
  for (const IneligibilityReason& r : reasons) ToProto(r, event.add_reasons());
  events::Publish(c, event, Subjects(assignment.meeting_id, room, {assignment.staff_id}), now);
}

void PublishAssignmentRescheduled(db::Connection& c, const StaffingRequirement& requirement,
                                  const Assignment& assignment, const TimeWindow& previous,
                                  absl::Time now) {
  v1::AssignmentRescheduled event;
  ToProto(assignment, event.mutable_assignment());
  event.set_meeting(MeetingResource(assignment.meeting_id));
  event.set_room(RoomResource(requirement));
  *event.mutable_previous_start_time() = api::ToTimestamp(previous.start);
  *event.mutable_previous_end_time() = api::ToTimestamp(previous.end);
  events::Publish(c, event, Subjects(assignment.meeting_id, event.room(), {assignment.staff_id}),
                  now);
}

void PublishShortfall(db::Connection& c, const StaffingRequirement& requirement,
                      const std::map<Role, int>& assigned, const std::map<Role, int>& missing,
                      absl::Time now) {
  v1::StaffingShortfall event;
  event.set_meeting(MeetingResource(requirement.meeting_id));
  ToProto(RoleCounts(requirement), event.mutable_required());
  ToProto(assigned, event.mutable_assigned());
  ToProto(missing, event.mutable_missing());
  ToProto(requirement, event.mutable_requirement());
  events::Publish(c, event, Subjects(requirement.meeting_id, RoomResource(requirement), {}), now);
}

void PublishCheckedIn(db::Connection& c, absl::string_view room, const Assignment& assignment,
                      absl::Time now) {
  v1::StaffCheckedIn event;
  ToProto(assignment, event.mutable_assignment());
  event.set_meeting(MeetingResource(assignment.meeting_id));
  event.set_room(std::string(room));
  events::Publish(c, event, Subjects(assignment.meeting_id, room, {assignment.staff_id}), now);
}

void PublishAssignmentsClosed(db::Connection& c, const StaffingRequirement& requirement,
                              const std::vector<Assignment>& assignments, absl::Time now) {
  v1::AssignmentsClosed event;
  event.set_meeting(MeetingResource(requirement.meeting_id));
  event.set_room(RoomResource(requirement));
  std::vector<std::string> staff_ids;
  for (const Assignment& a : assignments) {
    ToProto(a, event.add_assignments());
    staff_ids.push_back(a.staff_id);
  }
  *event.mutable_close_time() = api::ToTimestamp(now);
  // Publish keeps the first 16 subjects: the meeting and room always come first.
  events::Publish(c, event, Subjects(requirement.meeting_id, event.room(), staff_ids), now);
}

void PublishDisciplineRecorded(db::Connection& c, const DisciplineRecord& record,
                               const std::vector<Assignment>& ended, absl::Time now) {
  v1::DisciplineRecorded event;
  event.set_staff(StaffResource(record.staff_id));
  ToProto(record, event.mutable_record());
  std::vector<std::string> subjects = {StaffResource(record.staff_id)};
  for (const Assignment& a : ended) {
    ToProto(a, event.add_ended_assignments());
    subjects.push_back(MeetingResource(a.meeting_id));
  }
  events::Publish(c, event, subjects, now);
}

}  // namespace huiwu::staffing
