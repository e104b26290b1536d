// Staffing's rules for booking's meeting events without a database: the requirement a
// booked meeting implies (kind, VIP, sound, size), what the dispatch hub set surviving
// a re-derivation, which event has which effect, and who a change releases.
#include "common/status/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/staffing/domain/meeting_events.h"

namespace huiwu::staffing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const absl::TimeZone kZone = absl::FixedTimeZone(8 * 3600);

absl::Time Local(int day, int hour) {
  return absl::FromCivil(absl::CivilSecond(2026, 12, day, hour, 0, 0), kZone);
}

// A confirmed internal meeting of 40 in 301, Wednesday 10:00–12:00.
BookedMeeting Booked() {
  BookedMeeting m;
  m.meeting_id = "m1";
  m.state = BookedState::kConfirmed;
  m.kind = BookedKind::kInternal;
  m.window = TimeWindow{Local(2, 10), Local(2, 12)};
  m.building_id = "city-hall";
  m.room_id = "301";
  m.expected_participants = 40;
  return m;
}

TEST(DeriveRequirementTest, TakesRoomWindowAndSizeWithDefaultBuffers) {
  absl::StatusOr<StaffingRequirement> r = DeriveRequirement(Booked());
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->meeting_id, "m1");
  EXPECT_EQ(r->meeting.start, Local(2, 10));
  EXPECT_EQ(r->meeting.end, Local(2, 12));
  EXPECT_EQ(r->building_id, "city-hall");
  EXPECT_EQ(r->room_id, "301");
  EXPECT_EQ(r->participants, 40);
  EXPECT_EQ(r->kind, MeetingKind::kInternal);
  EXPECT_FALSE(r->vip);
  EXPECT_FALSE(r->sound_used);
  EXPECT_EQ(r->arrive_before_minutes, kDefaultArriveBeforeMinutes);
  EXPECT_EQ(r->stay_after_minutes, kDefaultStayAfterMinutes);
  EXPECT_THAT(r->overrides, IsEmpty());
  EXPECT_EQ(RoleCounts(*r), (std::map<Role, int>{{Role::kAttendant, 2}}));
}

TEST(DeriveRequirementTest, MapsEveryBookingKind) {
  const std::vector<std::pair<BookedKind, MeetingKind>> cases = {
      {BookedKind::kInternal, MeetingKind::kInternal},
      {BookedKind::kTraining, MeetingKind::kInternal},
      {BookedKind::kExternalExchange, MeetingKind::kExternal},
      {BookedKind::kVipReception, MeetingKind::kExternal},
      {BookedKind::kSeminar, MeetingKind::kConference},
      {BookedKind::kVideoConference, MeetingKind::kVideoConference},
      {static_cast<BookedKind>(99), MeetingKind::kInternal},  // a newer booking's kind
  };
  for (const auto& [booked, staffing] : cases) {
    BookedMeeting m = Booked();
    m.kind = booked;
    absl::StatusOr<StaffingRequirement> r = DeriveRequirement(m);
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(r->kind, staffing) << static_cast<int>(booked);
  }
}

TEST(DeriveRequirementTest, VipFromTheRequirementsOrAVipReception) {
  BookedMeeting m = Booked();
  EXPECT_FALSE(DeriveRequirement(m)->vip);
  m.vip_required = true;
  EXPECT_TRUE(DeriveRequirement(m)->vip);
  m.vip_required = false;
  m.kind = BookedKind::kVipReception;
  EXPECT_TRUE(DeriveRequirement(m)->vip);
  // A VIP meeting gets a lobby manager.
  EXPECT_EQ(RoleCounts(*DeriveRequirement(m)).count(Role::kLobbyManager), 1u);
}

TEST(DeriveRequirementTest, SoundFromAudioEquipmentOrTheMaterialsText) {
  for (BookedEquipment e : {BookedEquipment::kSoundSystem, BookedEquipment::kMicrophones,
                            BookedEquipment::kSimultaneousInterpretation,
                            BookedEquipment::kRecording, BookedEquipment::kVideoConferencing}) {
    BookedMeeting m = Booked();
    m.equipment = {BookedEquipment::kProjector, e};
    EXPECT_TRUE(DeriveRequirement(m)->sound_used) << static_cast<int>(e);
  }
  BookedMeeting m = Booked();
  m.equipment = {BookedEquipment::kProjector, BookedEquipment::kWhiteboard,
                 BookedEquipment::kDisplayScreen, BookedEquipment::kPaperlessSystem};
  EXPECT_FALSE(DeriveRequirement(m)->sound_used);
  m.materials = "会议材料40份，无线话筒2支";
  EXPECT_TRUE(DeriveRequirement(m)->sound_used);
  m.materials = "会议材料40份，桌签";
  EXPECT_FALSE(DeriveRequirement(m)->sound_used);
  // Sound needs an audio technician.
  m.equipment = {BookedEquipment::kMicrophones};
  EXPECT_EQ(RoleCounts(*DeriveRequirement(m)).count(Role::kAudioTechnician), 1u);
}

TEST(DeriveRequirementTest, ParticipantsKeptWithinTheLimits) {
  BookedMeeting m = Booked();
  m.expected_participants = 0;
  EXPECT_EQ(DeriveRequirement(m)->participants, 1);
  m.expected_participants = 9000;
  EXPECT_EQ(DeriveRequirement(m)->participants, kMaxParticipants);
}

TEST(DeriveRequirementTest, RefusesWhatCannotBeOneDuty) {
  BookedMeeting no_room = Booked();
  no_room.room_id.clear();
  BookedMeeting backwards = Booked();
  backwards.window = TimeWindow{Local(2, 12), Local(2, 10)};
  BookedMeeting too_long = Booked();
  too_long.window = TimeWindow{Local(2, 10), Local(3, 11)};
  for (const BookedMeeting& m : {no_room, backwards, too_long}) {
    absl::StatusOr<StaffingRequirement> r = DeriveRequirement(m);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_EQ(ReasonOf(r.status()), "MEETING_NOT_STAFFABLE");
    EXPECT_THAT(std::string(r.status().message()), ::testing::HasSubstr("meetings/m1"));
  }
  BookedMeeting exactly_a_day = Booked();
  exactly_a_day.window = TimeWindow{Local(2, 10), Local(3, 10)};
  EXPECT_TRUE(DeriveRequirement(exactly_a_day).ok());
}

TEST(MergeDerivedTest, KeepsTheDispatchHubsBuffersCountsAndState) {
  StaffingRequirement derived = *DeriveRequirement(Booked());
  EXPECT_TRUE(SameRequirement(MergeDerived(derived, std::nullopt), derived));

  StaffingRequirement current = derived;
  current.arrive_before_minutes = 60;
  current.stay_after_minutes = 0;
  current.overrides = {{Role::kAttendant, 5}};
  current.state = RequirementState::kOpen;
  current.version = 7;
  current.participants = 10;  // booking's figure wins
  StaffingRequirement merged = MergeDerived(derived, current);
  EXPECT_EQ(merged.arrive_before_minutes, 60);
  EXPECT_EQ(merged.stay_after_minutes, 0);
  EXPECT_EQ(merged.overrides, (std::map<Role, int>{{Role::kAttendant, 5}}));
  EXPECT_EQ(merged.version, 7);
  EXPECT_EQ(merged.participants, 40);
  EXPECT_FALSE(SameRequirement(merged, current));
  current.participants = 40;
  EXPECT_TRUE(SameRequirement(merged, current));
}

TEST(SameRequirementTest, AnyFactThatDecidesWhoOrWhenDiffers) {
  const StaffingRequirement base = *DeriveRequirement(Booked());
  std::vector<StaffingRequirement> changed(8, base);
  changed[0].meeting.start = Local(2, 9);
  changed[1].meeting.end = Local(2, 13);
  changed[2].room_id = "302";
  changed[3].participants = 41;
  changed[4].vip = true;
  changed[5].sound_used = true;
  changed[6].kind = MeetingKind::kExternal;
  changed[7].overrides = {{Role::kSupervisor, 1}};
  for (const StaffingRequirement& other : changed) EXPECT_FALSE(SameRequirement(base, other));
  StaffingRequirement bookkeeping = base;
  bookkeeping.version = 9;
  bookkeeping.state = RequirementState::kClosed;
  EXPECT_TRUE(SameRequirement(base, bookkeeping));
}

TEST(EffectOfTest, StaffsOnlyConfirmedMeetingsReleasesAndCloses) {
  using T = MeetingEventType;
  using S = BookedState;
  for (T type : {T::kConfirmed, T::kRescheduled, T::kUpdated}) {
    EXPECT_EQ(EffectOf(type, S::kConfirmed), MeetingEffect::kStaff);
    EXPECT_EQ(EffectOf(type, S::kSubmitted), MeetingEffect::kNone);
    EXPECT_EQ(EffectOf(type, S::kInProgress), MeetingEffect::kNone);
  }
  for (T type : {T::kCancelled, T::kRejected, T::kNoShowReleased}) {
    EXPECT_EQ(EffectOf(type, S::kCancelled), MeetingEffect::kRelease);
  }
  EXPECT_EQ(EffectOf(T::kCompleted, S::kCompleted), MeetingEffect::kClose);
  EXPECT_EQ(ReleaseReasonOf(T::kCancelled), UnassignReason::kMeetingCancelled);
  EXPECT_EQ(ReleaseReasonOf(T::kRejected), UnassignReason::kMeetingCancelled);
  EXPECT_EQ(ReleaseReasonOf(T::kNoShowReleased), UnassignReason::kMeetingReleased);
}

Assignment On(const std::string& staff, Role role, bool checked_in = false) {
  Assignment a;
  a.meeting_id = "m1";
  a.staff_id = staff;
  a.role = role;
  if (checked_in) a.check_in_time = Local(2, 9);
  return a;
}

std::vector<std::string> StaffOf(const std::vector<Assignment>& list) {
  std::vector<std::string> ids;
  for (const Assignment& a : list) ids.push_back(a.staff_id);
  return ids;
}

TEST(PlanReconcileTest, ReleasesWhoNoLongerFitsWithTheReasons) {
  const StaffingRequirement r = *DeriveRequirement(Booked());  // 2 attendants
  const ReconcilePlan plan =
      PlanReconcile(r, {{On("a1", Role::kAttendant), {}},
                        {On("a2", Role::kAttendant), {{Ineligible::kOnLeave, "leave-1"}}}});
  EXPECT_THAT(StaffOf(plan.keep), ElementsAre("a1"));
  ASSERT_EQ(plan.release.size(), 1u);
  EXPECT_EQ(plan.release[0].assignment.staff_id, "a2");
  EXPECT_EQ(plan.release[0].reason, UnassignReason::kNoLongerEligible);
  EXPECT_THAT(plan.release[0].reasons,
              ElementsAre(IneligibilityReason{Ineligible::kOnLeave, "leave-1"}));
}

TEST(PlanReconcileTest, ReleasesTheSurplusKeepingWhoCheckedInFirst) {
  BookedMeeting m = Booked();
  m.expected_participants = 25;  // 1 attendant, no technician any more
  const StaffingRequirement r = *DeriveRequirement(m);
  const ReconcilePlan plan = PlanReconcile(r, {{On("a1", Role::kAttendant), {}},
                                               {On("a2", Role::kAttendant, true), {}},
                                               {On("a3", Role::kAttendant), {}},
                                               {On("t1", Role::kAudioTechnician), {}}});
  EXPECT_THAT(StaffOf(plan.keep), ElementsAre("a2"));
  std::vector<std::string> released;
  for (const Release& release : plan.release) {
    EXPECT_EQ(release.reason, UnassignReason::kNotNeeded);
    EXPECT_THAT(release.reasons, IsEmpty());
    released.push_back(release.assignment.staff_id);
  }
  EXPECT_THAT(released, ElementsAre("t1", "a1", "a3"));  // by role, then staff id
}

TEST(ShortfallKeyTest, StableTextOfTheOpenPlaces) {
  EXPECT_EQ(ShortfallKey({}), "");
  EXPECT_EQ(ShortfallKey({{Role::kAttendant, 0}}), "");
  EXPECT_EQ(ShortfallKey({{Role::kAttendant, 2}, {Role::kLobbyManager, 1}}),
            "LOBBY_MANAGER:1,ATTENDANT:2");
  EXPECT_EQ(AssignedCounts({On("a1", Role::kAttendant), On("a2", Role::kAttendant),
                            On("t1", Role::kAudioTechnician)}),
            (std::map<Role, int>{{Role::kAudioTechnician, 1}, {Role::kAttendant, 2}}));
}

}  // namespace
}  // namespace huiwu::staffing
