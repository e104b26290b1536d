#include "services/staffing/store/rows.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "common/db/sql_time.h"
#include "common/status/errors.h"
#include "common/time/center_zone.h"

namespace huiwu::staffing {
namespace {

constexpr char kSelectStaff[] = "WHERE staff_id = ?";
constexpr char kSelectQualifications[] =
    "SELECT kind, valid_until FROM staff_qualifications WHERE staff_id = ? ORDER BY kind";
constexpr char kDeleteQualifications[] = "DELETE FROM staff_qualifications WHERE staff_id = ?";
constexpr char kInsertQualification[] =
    "INSERT INTO staff_qualifications (staff_id, kind, valid_until) VALUES (?, ?, ?)";
constexpr char kSelectShifts[] =
    "SELECT weekday, start_minute, end_minute FROM shifts WHERE staff_id = ? "
    "ORDER BY weekday, start_minute";
constexpr char kSelectRequirement[] =
    "SELECT meeting_id, start_time, end_time, building_id, room_id, participants, kind, vip, "
    "sound_used, arrive_before_minutes, stay_after_minutes, version, state FROM requirements "
    "WHERE meeting_id = ?";
constexpr char kSelectRequirementRoles[] =
    "SELECT role, role_count FROM requirement_roles WHERE meeting_id = ? ORDER BY role";
constexpr char kWhereAssignment[] = "WHERE a.meeting_id = ? AND a.staff_id = ?";
constexpr char kWhereMeetingAssignments[] =
    "WHERE a.meeting_id = ? ORDER BY a.role, a.start_time, a.staff_id";
// Duties of the person overlapping [?, ?): start_time > window start − longest duty
// keeps it an index range on (staff_id, start_time).
constexpr char kWhereOverlapping[] =
    "WHERE a.staff_id = ? AND a.start_time < ? AND a.start_time > ? AND a.end_time > ? "
    "ORDER BY a.start_time";
// Bounded below by kLongestLeave (domain/staff.h).
constexpr char kSelectApprovedLeave[] =
    "SELECT leave_id, start_time, end_time FROM leaves WHERE staff_id = ? AND state = 2 "
    "AND start_time < ? AND start_time > ? AND end_time > ? ORDER BY start_time";
constexpr char kSelectWeekLoad[] =
    "SELECT start_time, end_time FROM assignments WHERE staff_id = ? AND start_time >= ? "
    "AND start_time < ?";
constexpr char kBumpAssignmentSeq[] =
    "UPDATE staff SET assignment_seq = assignment_seq + 1 WHERE staff_id = ?";

absl::Time TimeOf(sql::ResultSet& row, int column) {
  return db::FromSqlDateTime(std::string(row.getString(column)));
}

absl::CivilDay DayOf(const std::string& text) {
  absl::CivilDay day;
  if (!absl::ParseCivilTime(text, &day)) return absl::CivilDay(2000, 1, 1);
  return day;
}

}  // namespace

std::string NewRecordId() {
  thread_local std::mt19937_64 random(std::random_device{}());
  return absl::StrFormat("%016x", random());
}

std::string StaffResource(absl::string_view staff_id) { return absl::StrCat("staff/", staff_id); }
std::string MeetingResource(absl::string_view meeting_id) {
  return absl::StrCat("meetings/", meeting_id);
}
std::string AssignmentResource(absl::string_view meeting_id, absl::string_view staff_id) {
  return absl::StrCat("meetings/", meeting_id, "/assignments/", staff_id);
}

absl::Status StaffNotFound(absl::string_view staff_id) {
  return ErrorWithReason(
      absl::StatusCode::kNotFound, "STAFF_NOT_FOUND",
      absl::StrCat(StaffResource(staff_id), " does not exist; list staff to find the person"),
      {{"staff", StaffResource(staff_id)}});
}

absl::Status RequirementNotFound(absl::string_view meeting_id) {
  return ErrorWithReason(absl::StatusCode::kNotFound, "REQUIREMENT_NOT_FOUND",
                         absl::StrCat(MeetingResource(meeting_id),
                                      " has no staffing requirement; set it with "
                                      "SetStaffingRequirement first"),
                         {{"meeting", MeetingResource(meeting_id)}});
}

absl::Status AssignmentNotFound(absl::string_view meeting_id, absl::string_view staff_id) {
  return ErrorWithReason(absl::StatusCode::kNotFound, "ASSIGNMENT_NOT_FOUND",
                         absl::StrCat(AssignmentResource(meeting_id, staff_id),
                                      " does not exist; list the meeting's assignments"),
                         {{"assignment", AssignmentResource(meeting_id, staff_id)}});
}

Assignment ReadAssignment(sql::ResultSet& row) {
  Assignment a;
  a.meeting_id = row.getString(1);
  a.staff_id = row.getString(2);
  a.staff_display_name = row.getString(3);
  a.role = static_cast<Role>(row.getInt(4));
  a.duty = TimeWindow{TimeOf(row, 5), TimeOf(row, 6)};
  if (!row.isNull(7)) a.check_in_time = TimeOf(row, 7);
  a.late = row.getBoolean(8);
  return a;
}

Staff ReadStaff(sql::ResultSet& row) {
  Staff s;
  s.id = row.getString(1);
  s.staff_number = row.getString(2);
  s.display_name = row.getString(3);
  s.phone = row.getString(4);
  s.section = row.getString(5);
  s.role = static_cast<Role>(row.getInt(6));
  s.state = static_cast<StaffState>(row.getInt(7));
  s.version = row.getInt64(8);
  s.create_time = TimeOf(row, 9);
  s.update_time = TimeOf(row, 10);
  return s;
}

std::optional<Staff> LoadStaff(db::Connection& c, absl::string_view staff_id) {
  auto& select = c.Prepare(absl::StrCat("SELECT ", kStaffColumns, kSelectStaff));
  select.setString(1, std::string(staff_id));
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  if (!row->next()) return std::nullopt;
  Staff staff = ReadStaff(*row);
  staff.qualifications = LoadQualifications(c, staff_id);
  return staff;
}

std::vector<Qualification> LoadQualifications(db::Connection& c, absl::string_view staff_id) {
  auto& select = c.Prepare(kSelectQualifications);
  select.setString(1, std::string(staff_id));
  std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
  std::vector<Qualification> qualifications;
  while (rows->next()) {
    qualifications.push_back(Qualification{static_cast<QualificationKind>(rows->getInt(1)),
                                           DayOf(std::string(rows->getString(2)))});
  }
  return qualifications;
}

void SaveQualifications(db::Connection& c, const Staff& staff) {
  auto& remove = c.Prepare(kDeleteQualifications);
  remove.setString(1, staff.id);
  remove.executeUpdate();
  for (const Qualification& q : staff.qualifications) {
    auto& insert = c.Prepare(kInsertQualification);
    insert.setString(1, staff.id);
    insert.setInt(2, static_cast<int>(q.kind));
    insert.setString(3, absl::FormatCivilTime(q.valid_until));
    insert.executeUpdate();
  }
}

std::vector<Shift> LoadShifts(db::Connection& c, absl::string_view staff_id) {
  auto& select = c.Prepare(kSelectShifts);
  select.setString(1, std::string(staff_id));
  std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
  std::vector<Shift> shifts;
  while (rows->next()) {
    shifts.push_back(Shift{rows->getInt(1), rows->getInt(2), rows->getInt(3)});
  }
  return shifts;
}

std::optional<StaffingRequirement> LoadRequirement(db::Connection& c,
                                                   absl::string_view meeting_id) {
  auto& select = c.Prepare(kSelectRequirement);
  select.setString(1, std::string(meeting_id));
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  if (!row->next()) return std::nullopt;
  StaffingRequirement r;
  r.meeting_id = row->getString(1);
  r.meeting = TimeWindow{TimeOf(*row, 2), TimeOf(*row, 3)};
  r.building_id = row->getString(4);
  r.room_id = row->getString(5);
  r.participants = row->getInt(6);
  r.kind = static_cast<MeetingKind>(row->getInt(7));
  r.vip = row->getBoolean(8);
  r.sound_used = row->getBoolean(9);
  r.arrive_before_minutes = row->getInt(10);
  r.stay_after_minutes = row->getInt(11);
  r.version = row->getInt64(12);
  r.state = static_cast<RequirementState>(row->getInt(13));
  auto& roles = c.Prepare(kSelectRequirementRoles);
  roles.setString(1, std::string(meeting_id));
  std::unique_ptr<sql::ResultSet> counts(roles.executeQuery());
  while (counts->next()) r.overrides[static_cast<Role>(counts->getInt(1))] = counts->getInt(2);
  return r;
}

std::optional<Assignment> LoadAssignment(db::Connection& c, absl::string_view meeting_id,
                                         absl::string_view staff_id) {
  auto& select = c.Prepare(absl::StrCat("SELECT ", kAssignmentColumns, kWhereAssignment));
  select.setString(1, std::string(meeting_id));
  select.setString(2, std::string(staff_id));
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  if (!row->next()) return std::nullopt;
  return ReadAssignment(*row);
}

std::vector<Assignment> LoadMeetingAssignments(db::Connection& c, absl::string_view meeting_id) {
  auto& select = c.Prepare(absl::StrCat("SELECT ", kAssignmentColumns, kWhereMeetingAssignments));
  select.setString(1, std::string(meeting_id));
  std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
  std::vector<Assignment> assignments;
  while (rows->next()) assignments.push_back(ReadAssignment(*rows));
  return assignments;
}

std::vector<Assignment> LoadOverlappingAssignments(db::Connection& c, absl::string_view staff_id,
                                                   const TimeWindow& window) {
  auto& select = c.Prepare(absl::StrCat("SELECT ", kAssignmentColumns, kWhereOverlapping));
  select.setString(1, std::string(staff_id));
  select.setDateTime(2, db::ToSqlDateTime(window.end));
  select.setDateTime(3, db::ToSqlDateTime(window.start - kLongestDuty));
  select.setDateTime(4, db::ToSqlDateTime(window.start));
  std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
  std::vector<Assignment> assignments;
  while (rows->next()) assignments.push_back(ReadAssignment(*rows));
  return assignments;
}

bool BumpAssignmentSeq(db::Connection& c, absl::string_view staff_id) {
  auto& bump = c.Prepare(kBumpAssignmentSeq);
  bump.setString(1, std::string(staff_id));
  return bump.executeUpdate() > 0;
}

TimeWindow WeekOf(absl::Time t, absl::TimeZone zone) {
  const absl::CivilDay monday = CenterWeekStart(absl::ToCivilDay(t, zone));
  return TimeWindow{absl::FromCivil(monday, zone), absl::FromCivil(monday + 7, zone)};
}

Candidate LoadCandidate(db::Connection& c, const Staff& staff,
                        const StaffingRequirement& requirement, absl::TimeZone zone) {
  Candidate candidate;
  candidate.staff = staff;
  candidate.shifts = LoadShifts(c, staff.id);
  const TimeWindow duty = requirement.Duty();
  {
    auto& select = c.Prepare(kSelectApprovedLeave);
    select.setString(1, staff.id);
    select.setDateTime(2, db::ToSqlDateTime(duty.end));
    select.setDateTime(3, db::ToSqlDateTime(duty.start - kLongestLeave));
    select.setDateTime(4, db::ToSqlDateTime(duty.start));
    std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
    while (rows->next()) {
      Leave leave;
      leave.id = rows->getString(1);
      leave.staff_id = staff.id;
      leave.window = TimeWindow{TimeOf(*rows, 2), TimeOf(*rows, 3)};
      leave.state = LeaveState::kApproved;
      candidate.approved_leave.push_back(std::move(leave));
    }
  }
  for (Assignment& a : LoadOverlappingAssignments(c, staff.id, duty)) {
    if (a.meeting_id != requirement.meeting_id) {
      candidate.other_assignments.push_back(std::move(a));
    }
  }
  const TimeWindow week = WeekOf(requirement.meeting.start, zone);
  auto& load = c.Prepare(kSelectWeekLoad);
  load.setString(1, staff.id);
  load.setDateTime(2, db::ToSqlDateTime(week.start));
  load.setDateTime(3, db::ToSqlDateTime(week.end));
  std::unique_ptr<sql::ResultSet> rows(load.executeQuery());
  while (rows->next()) candidate.week_load += TimeOf(*rows, 2) - TimeOf(*rows, 1);
  return candidate;
}

absl::Status NotEligible(absl::string_view staff_id, absl::string_view meeting_id,
                         const std::vector<IneligibilityReason>& reasons) {
  std::vector<std::string> names;
  std::vector<std::string> meetings;
  std::vector<std::string> texts;
  for (const IneligibilityReason& r : reasons) {
    names.emplace_back(IneligibleName(r.reason));
    texts.push_back(r.detail.empty() ? names.back()
                                     : absl::StrCat(names.back(), " (", r.detail, ")"));
    if (r.reason == Ineligible::kAlreadyAssigned) meetings.push_back(MeetingResource(r.detail));
  }
  ErrorMetadata metadata = {{"staff", StaffResource(staff_id)},
                            {"meeting", MeetingResource(meeting_id)},
                            {"reasons", absl::StrJoin(names, ",")}};
  if (!meetings.empty()) metadata["conflicting_meetings"] = absl::StrJoin(meetings, ",");
  return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "STAFF_NOT_ELIGIBLE",
                         absl::StrCat(StaffResource(staff_id), " cannot serve ",
                                      MeetingResource(meeting_id), ": ", absl::StrJoin(texts, ", "),
                                      "; choose another person (ExplainEligibility tells why)"),
                         metadata);
}

}  // namespace huiwu::staffing
