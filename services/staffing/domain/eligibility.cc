#include "services/staffing/domain/eligibility.h"

#include <algorithm>

namespace huiwu::staffing {
namespace {

constexpr int kMinutesPerDay = 24 * 60;

int WeekdayNumber(absl::CivilDay day) {
  switch (absl::GetWeekday(day)) {
    case absl::Weekday::monday:
      return 1;
    case absl::Weekday::tuesday:
      return 2;
    case absl::Weekday::wednesday:
      return 3;
    case absl::Weekday::thursday:
      return 4;
    case absl::Weekday::friday:
      return 5;
    case absl::Weekday::saturday:
      return 6;
    case absl::Weekday::sunday:
      return 7;
  }
  return 0;
}

// Minutes after local midnight of `day`, clamped to the day.
int MinuteOfDay(absl::Time t, absl::CivilDay day, absl::TimeZone zone) {
  const absl::Duration since = t - absl::FromCivil(day, zone);
  return std::clamp(static_cast<int>(absl::ToInt64Minutes(since)), 0, kMinutesPerDay);
}

bool HasValid(const Staff& staff, QualificationKind kind, absl::CivilDay needed_until) {
  return std::any_of(
      staff.qualifications.begin(), staff.qualifications.end(),
      [&](const Qualification& q) { return q.kind == kind && q.valid_until >= needed_until; });
}

}  // namespace

absl::string_view IneligibleName(Ineligible reason) {
  switch (reason) {
    case Ineligible::kNotActive:
      return "NOT_ACTIVE";
    case Ineligible::kWrongRole:
      return "WRONG_ROLE";
    case Ineligible::kQualificationMissing:
      return "QUALIFICATION_MISSING";
    case Ineligible::kOffShift:
      return "OFF_SHIFT";
    case Ineligible::kOnLeave:
      return "ON_LEAVE";
    case Ineligible::kAlreadyAssigned:
      return "ALREADY_ASSIGNED";
  }
  return "UNKNOWN";
}

bool CoveredByShifts(const std::vector<Shift>& shifts, const TimeWindow& window,
                     absl::TimeZone zone) {
  const absl::CivilDay last = absl::ToCivilDay(window.end - absl::Nanoseconds(1), zone);
  for (absl::CivilDay day = absl::ToCivilDay(window.start, zone); day <= last; ++day) {
    const int from = MinuteOfDay(window.start, day, zone);
    // A window ending at a later midnight needs this day's shift to run to 24:00.
    const int to = MinuteOfDay(window.end, day, zone);
    const int weekday = WeekdayNumber(day);
    const bool covered = std::any_of(shifts.begin(), shifts.end(), [&](const Shift& s) {
      return s.weekday == weekday && s.start_minute <= from && s.end_minute >= to;
    });
    if (!covered) return false;
  }
  return true;
}

std::vector<IneligibilityReason> ExplainIneligibility(const Candidate& candidate,
                                                      const StaffingRequirement& requirement,
                                                      Role role, absl::TimeZone zone) {
  std::vector<IneligibilityReason> reasons;
  const Staff& staff = candidate.staff;
  const TimeWindow duty = requirement.Duty();
  if (staff.state != StaffState::kActive) reasons.push_back({Ineligible::kNotActive, ""});
  if (staff.role != role) {
    reasons.push_back({Ineligible::kWrongRole, std::string(RoleName(staff.role))});
  }
  // A qualification must still be valid on the last day of the duty.
  const absl::CivilDay last_day = absl::ToCivilDay(duty.end - absl::Nanoseconds(1), zone);
  for (QualificationKind kind : RequiredQualifications(requirement, role)) {
    if (!HasValid(staff, kind, last_day)) {
      reasons.push_back({Ineligible::kQualificationMissing, std::string(QualificationName(kind))});
    }
  }
  if (!CoveredByShifts(candidate.shifts, duty, zone)) {
    reasons.push_back({Ineligible::kOffShift, ""});
  }
  for (const Leave& leave : candidate.approved_leave) {
    if (leave.state == LeaveState::kApproved && leave.window.Overlaps(duty)) {
      reasons.push_back({Ineligible::kOnLeave, leave.id});
    }
  }
  for (const Assignment& other : candidate.other_assignments) {
    if (other.meeting_id != requirement.meeting_id && other.duty.Overlaps(duty)) {
      reasons.push_back({Ineligible::kAlreadyAssigned, other.meeting_id});
    }
  }
  return reasons;
}

}  // namespace huiwu::staffing
