// Staffing's rules without a database: default counts, eligibility (every reason), the
// shift coverage across midnight, auto-assignment's exact picks, and the workload sums.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/staffing/domain/auto_assign.h"
#include "services/staffing/domain/eligibility.h"
#include "services/staffing/domain/requirement.h"
#include "services/staffing/domain/workload.h"

namespace huiwu::staffing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const absl::TimeZone kZone = absl::FixedTimeZone(8 * 3600);

absl::Time Local(int day, int hour, int minute = 0) {
  return absl::FromCivil(absl::CivilSecond(2026, 12, day, hour, minute, 0), kZone);
}

// 2026-12-02 (Wednesday) 10:00–12:00: on duty 09:30–12:15.
StaffingRequirement Meeting(int participants = 40) {
  StaffingRequirement r;
  r.meeting_id = "m1";
  r.meeting = TimeWindow{Local(2, 10), Local(2, 12)};
  r.participants = participants;
  return r;
}

std::vector<Shift> Weekdays(int from_hour, int to_hour) {
  std::vector<Shift> shifts;
  for (int d = 1; d <= 5; ++d) shifts.push_back(Shift{d, from_hour * 60, to_hour * 60});
  return shifts;
}

Candidate Person(const std::string& id, const std::string& number, Role role = Role::kAttendant,
                 absl::Duration load = absl::ZeroDuration()) {
  Candidate c;
  c.staff.id = id;
  c.staff.staff_number = number;
  c.staff.role = role;
  c.staff.qualifications = {{QualificationKind::kFireSafety, absl::CivilDay(2027, 1, 1)},
                            {QualificationKind::kVipEtiquette, absl::CivilDay(2027, 1, 1)},
                            {QualificationKind::kAudioConsole, absl::CivilDay(2027, 1, 1)}};
  c.shifts = Weekdays(8, 18);
  c.week_load = load;
  return c;
}

TEST(RoleCountsTest, DefaultsBySizeSoundVipAndOverrides) {
  StaffingRequirement r = Meeting(61);
  EXPECT_EQ(RoleCounts(r), (std::map<Role, int>{{Role::kAttendant, 3}}));
  r.participants = 5;
  EXPECT_EQ(RoleCounts(r), (std::map<Role, int>{{Role::kAttendant, 1}}));
  r.sound_used = true;
  r.vip = true;
  EXPECT_EQ(RoleCounts(r),
            (std::map<Role, int>{
                {Role::kLobbyManager, 1}, {Role::kAudioTechnician, 1}, {Role::kAttendant, 1}}));
  r.overrides = {{Role::kAttendant, 4}, {Role::kLobbyManager, 0}};
  EXPECT_EQ(RoleCounts(r),
            (std::map<Role, int>{{Role::kAudioTechnician, 1}, {Role::kAttendant, 4}}));
}

TEST(RequirementTest, DutyRunsFromArrivalToAfterCheck) {
  const StaffingRequirement r = Meeting();
  EXPECT_EQ(r.Duty().start, Local(2, 9, 30));
  EXPECT_EQ(r.Duty().end, Local(2, 12, 15));
}

TEST(RequiredQualificationsTest, VipEtiquetteForThoseFacingTheGuests) {
  StaffingRequirement r = Meeting();
  r.vip = true;
  using Q = QualificationKind;
  EXPECT_THAT(RequiredQualifications(r, Role::kAttendant),
              ElementsAre(Q::kFireSafety, Q::kVipEtiquette));
  EXPECT_THAT(RequiredQualifications(r, Role::kLobbyManager),
              ElementsAre(Q::kFireSafety, Q::kVipEtiquette));
  EXPECT_THAT(RequiredQualifications(r, Role::kAudioTechnician),
              ElementsAre(Q::kFireSafety, Q::kAudioConsole));
  r.vip = false;
  EXPECT_THAT(RequiredQualifications(r, Role::kAttendant), ElementsAre(Q::kFireSafety));
}

TEST(EligibilityTest, EligiblePersonHasNoReason) {
  EXPECT_THAT(ExplainIneligibility(Person("a", "001"), Meeting(), Role::kAttendant, kZone),
              IsEmpty());
}

TEST(EligibilityTest, EveryReasonIsReported) {
  Candidate c = Person("a", "001", Role::kAudioTechnician);
  c.staff.state = StaffState::kSuspended;
  // Fire-safety training expires the day before the meeting.
  c.staff.qualifications = {{QualificationKind::kFireSafety, absl::CivilDay(2026, 12, 1)}};
  c.shifts = Weekdays(10, 18);  // starts after the 09:30 arrival
  Leave leave;
  leave.id = "leave-1";
  leave.state = LeaveState::kApproved;
  leave.window = TimeWindow{Local(2, 11), Local(2, 13)};
  c.approved_leave.push_back(leave);
  Assignment other;
  other.meeting_id = "m0";
  other.duty = TimeWindow{Local(2, 8), Local(2, 9, 45)};
  c.other_assignments.push_back(other);
  StaffingRequirement r = Meeting();
  r.vip = true;
  EXPECT_THAT(ExplainIneligibility(c, r, Role::kAttendant, kZone),
              ElementsAre(IneligibilityReason{Ineligible::kNotActive, ""},
                          IneligibilityReason{Ineligible::kWrongRole, "AUDIO_TECHNICIAN"},
                          IneligibilityReason{Ineligible::kQualificationMissing, "FIRE_SAFETY"},
                          IneligibilityReason{Ineligible::kQualificationMissing, "VIP_ETIQUETTE"},
                          IneligibilityReason{Ineligible::kOffShift, ""},
                          IneligibilityReason{Ineligible::kOnLeave, "leave-1"},
                          IneligibilityReason{Ineligible::kAlreadyAssigned, "m0"}));
}

TEST(EligibilityTest, TouchingWindowsDoNotOverlap) {
  Candidate c = Person("a", "001");
  Assignment before;
  before.meeting_id = "m0";
  before.duty = TimeWindow{Local(2, 8), Local(2, 9, 30)};  // ends when the duty starts
  c.other_assignments.push_back(before);
  EXPECT_THAT(ExplainIneligibility(c, Meeting(), Role::kAttendant, kZone), IsEmpty());
}

TEST(ShiftCoverageTest, AcrossMidnightNeedsBothDays) {
  // Wednesday 22:00 to Thursday 01:00.
  const TimeWindow night{Local(2, 22), Local(3, 1)};
  EXPECT_FALSE(CoveredByShifts({Shift{3, 18 * 60, 24 * 60}}, night, kZone));
  EXPECT_TRUE(CoveredByShifts({Shift{3, 18 * 60, 24 * 60}, Shift{4, 0, 6 * 60}}, night, kZone));
  // Ending exactly at midnight needs nothing of the next day.
  EXPECT_TRUE(
      CoveredByShifts({Shift{3, 18 * 60, 24 * 60}}, TimeWindow{Local(2, 22), Local(3, 0)}, kZone));
  EXPECT_FALSE(CoveredByShifts({Shift{2, 0, 24 * 60}}, TimeWindow{Local(2, 8), Local(2, 9)}, kZone))
      << "a Tuesday shift does not cover a Wednesday";
}

TEST(PlanAutoAssignTest, LeastLoadedFirstThenStaffNumber) {
  const std::vector<Candidate> candidates = {
      Person("c", "003", Role::kAttendant, absl::Hours(2)),
      Person("a", "001", Role::kAttendant, absl::Hours(4)),
      Person("b", "002", Role::kAttendant, absl::Hours(2)),
      Person("d", "004", Role::kAttendant, absl::ZeroDuration()),
      Person("t", "010", Role::kAudioTechnician),
  };
  const AutoAssignPlan plan = PlanAutoAssign(Meeting(), {{Role::kAttendant, 3}}, candidates, kZone);
  EXPECT_THAT(plan.picks, ElementsAre(Pick{"d", Role::kAttendant}, Pick{"b", Role::kAttendant},
                                      Pick{"c", Role::kAttendant}));
  EXPECT_THAT(plan.shortfall, IsEmpty());
  // The same state, in another order, gives the same picks.
  std::vector<Candidate> reversed(candidates.rbegin(), candidates.rend());
  EXPECT_EQ(PlanAutoAssign(Meeting(), {{Role::kAttendant, 3}}, reversed, kZone).picks, plan.picks);
}

TEST(PlanAutoAssignTest, SkipsTheIneligibleAndReportsTheShortfall) {
  Candidate on_leave = Person("a", "001");
  Leave leave;
  leave.id = "l";
  leave.state = LeaveState::kApproved;
  leave.window = TimeWindow{Local(2, 0), Local(3, 0)};
  on_leave.approved_leave.push_back(leave);
  Candidate off_shift = Person("b", "002");
  off_shift.shifts = Weekdays(13, 18);
  Candidate unqualified = Person("c", "003");
  unqualified.staff.qualifications.clear();
  const std::vector<Candidate> candidates = {on_leave, off_shift, unqualified, Person("d", "004"),
                                             Person("m", "020", Role::kLobbyManager)};
  const AutoAssignPlan plan = PlanAutoAssign(
      Meeting(), {{Role::kAttendant, 3}, {Role::kAudioTechnician, 1}}, candidates, kZone);
  EXPECT_THAT(plan.picks, ElementsAre(Pick{"d", Role::kAttendant}));
  EXPECT_EQ(plan.shortfall,
            (std::map<Role, int>{{Role::kAudioTechnician, 1}, {Role::kAttendant, 2}}));
}

TEST(WorkloadTest, HoursInsideTheWeekPerPersonAndSection) {
  const TimeWindow week{Local(7, 0), Local(14, 0)};
  std::vector<DutyRecord> records = {
      {"a", "001", "王丽", "会务服务科", TimeWindow{Local(7, 9), Local(7, 12)}, false},
      {"a", "001", "王丽", "会务服务科", TimeWindow{Local(8, 9), Local(8, 10)}, true},
      // Starts the Sunday before: only the hour after Monday 00:00 counts.
      {"b", "002", "李强", "音控室", TimeWindow{Local(6, 23), Local(7, 1)}, false},
  };
  const Workload w = SummarizeWorkload(records, week);
  ASSERT_EQ(w.staff.size(), 2u);
  EXPECT_EQ(w.staff[0].staff_id, "a");
  EXPECT_EQ(w.staff[0].assigned, absl::Hours(4));
  EXPECT_EQ(w.staff[0].meetings, 2);
  EXPECT_EQ(w.staff[0].late_arrivals, 1);
  EXPECT_EQ(w.staff[1].assigned, absl::Hours(1));
  ASSERT_EQ(w.sections.size(), 2u);
  EXPECT_EQ(w.sections[0].section, "会务服务科");
  EXPECT_EQ(w.sections[1].section, "音控室");
  EXPECT_EQ(w.sections[1].assigned, absl::Hours(1));
}

}  // namespace
}  // namespace huiwu::staffing
