#include "services/booking/domain/attendance.h"

#include <set>
#include <string>
#include <vector>

#include "common/status/errors.h"
#include "gtest/gtest.h"
#include "services/booking/domain/meeting_state.h"

namespace huiwu::booking {
namespace {

using Ids = std::vector<std::string>;

TEST(AttendanceTest, CountsListedSignInsAndWalkInsSeparately) {
  const AttendanceFigures figures =
      ComputeAttendance({"a", "b", "c", "d"}, {"a", "b", "c"}, /*walk_ins=*/2);
  EXPECT_EQ(figures.expected, 4);
  EXPECT_EQ(figures.signed_in, 3);
  EXPECT_EQ(figures.walk_ins, 2);
  EXPECT_DOUBLE_EQ(figures.rate, 0.75);
  EXPECT_EQ(figures.absentee_ids, Ids{"d"});
}

TEST(AttendanceTest, WalkInsNeverRaiseTheRate) {
  const AttendanceFigures figures = ComputeAttendance({"a", "b"}, {"a"}, /*walk_ins=*/10);
  EXPECT_DOUBLE_EQ(figures.rate, 0.5);
  EXPECT_EQ(figures.walk_ins, 10);
}

TEST(AttendanceTest, AnUnlistedSignInIsAWalkInNotAnAttendee) {
  // "x" signed in instead of "b": b is still absent.
  const AttendanceFigures figures = ComputeAttendance({"a", "b"}, {"a", "x"}, /*walk_ins=*/1);
  EXPECT_EQ(figures.signed_in, 1);
  EXPECT_EQ(figures.walk_ins, 2);
  EXPECT_DOUBLE_EQ(figures.rate, 0.5);
  EXPECT_EQ(figures.absentee_ids, Ids{"b"});
}

TEST(AttendanceTest, NobodyExpectedGivesRateZero) {
  const AttendanceFigures figures = ComputeAttendance({}, {}, /*walk_ins=*/5);
  EXPECT_EQ(figures.expected, 0);
  EXPECT_EQ(figures.signed_in, 0);
  EXPECT_EQ(figures.walk_ins, 5);
  EXPECT_EQ(figures.rate, 0.0);
  EXPECT_TRUE(figures.absentee_ids.empty());
}

TEST(AttendanceTest, EveryoneSignedIn) {
  const AttendanceFigures figures = ComputeAttendance({"a", "b", "c"}, {"c", "b", "a"}, 0);
  EXPECT_EQ(figures.signed_in, 3);
  EXPECT_DOUBLE_EQ(figures.rate, 1.0);
  EXPECT_TRUE(figures.absentee_ids.empty());
}

TEST(AttendanceTest, NobodySignedInListsEveryAbsenteeInListOrder) {
  const AttendanceFigures figures = ComputeAttendance({"z", "a", "m"}, {}, 0);
  EXPECT_EQ(figures.rate, 0.0);
  EXPECT_EQ(figures.absentee_ids, (Ids{"z", "a", "m"}));
}

TEST(AttendanceTest, AnAttendeeListedTwiceCountsOnce) {
  const AttendanceFigures figures = ComputeAttendance({"a", "b", "a", "b"}, {"a"}, 0);
  EXPECT_EQ(figures.expected, 2);
  EXPECT_EQ(figures.signed_in, 1);
  EXPECT_DOUBLE_EQ(figures.rate, 0.5);
  EXPECT_EQ(figures.absentee_ids, Ids{"b"});
}

TEST(AttendanceTest, ANegativeWalkInCountIsZero) {
  EXPECT_EQ(ComputeAttendance({"a"}, {"a"}, -3).walk_ins, 0);
}

Attendee Person(const std::string& id, const std::string& name, bool vip = false) {
  Attendee a;
  a.id = id;
  a.name = name;
  a.unit = "办公室";
  a.vip = vip;
  return a;
}

const absl::Time kT = absl::FromUnixSeconds(1796104800);

std::vector<std::string> IdsOf(const std::vector<SignInSheetLine>& lines) {
  std::vector<std::string> ids;
  for (const SignInSheetLine& line : lines) ids.push_back(line.attendee.id);
  return ids;
}

TEST(SignInSheetTest, VipsFirstThenTheListInOrderThenWalkInsBySignInTime) {
  const std::vector<Attendee> list = {Person("e3", "赵秘书"), Person("e1", "李主任", true),
                                      Person("e4", "孙科员"), Person("e2", "张书记", true),
                                      Person("e3", "赵秘书")};
  const std::vector<SignInRecord> sign_ins = {
      {"w-2", true, "周记者", "日报社", kT + absl::Minutes(9)},
      {"e4", false, "孙科员", "办公室", kT + absl::Minutes(3)},
      {"w-1", true, "钱主任", "市发改委", kT + absl::Minutes(5)},
      {"e1", false, "李主任", "办公室", kT},
  };
  const std::vector<SignInSheetLine> lines = ArrangeSignInSheet(list, sign_ins);
  EXPECT_EQ(IdsOf(lines), (Ids{"e1", "e2", "e3", "e4", "w-1", "w-2"}));
  EXPECT_EQ(lines[0].sign_in_time, kT);
  EXPECT_FALSE(lines[1].sign_in_time.has_value());
  EXPECT_FALSE(lines[2].sign_in_time.has_value());
  EXPECT_EQ(lines[3].sign_in_time, kT + absl::Minutes(3));
  EXPECT_FALSE(lines[3].walk_in);
  EXPECT_TRUE(lines[4].walk_in);
  EXPECT_EQ(lines[4].attendee.name, "钱主任");
  EXPECT_EQ(lines[4].attendee.unit, "市发改委");
  EXPECT_EQ(lines[4].sign_in_time, kT + absl::Minutes(5));
}

TEST(SignInSheetTest, RankedAttendeesComeFirstByRankThenVipsThenTheList) {
  // The organizer ranks the two leaders (排序) but lists them after their staff; the
  // unranked VIP comes after every ranked attendee, before the unranked others.
  std::vector<Attendee> list = {Person("e1", "赵秘书"), Person("e2", "钱嘉宾", true),
                                Person("e3", "孙副市长"), Person("e4", "李市长")};
  list[2].protocol_rank = 2;
  list[3].protocol_rank = 1;
  EXPECT_EQ(IdsOf(ArrangeSignInSheet(list, {})), (Ids{"e4", "e3", "e2", "e1"}));
}

TEST(SignInSheetTest, AnEmptyListShowsOnlyWhoSignedIn) {
  EXPECT_TRUE(ArrangeSignInSheet({}, {}).empty());
  const auto lines =
      ArrangeSignInSheet({}, {{"w-b", true, "乙", "", kT}, {"w-a", true, "甲", "", kT}});
  EXPECT_EQ(IdsOf(lines), (Ids{"w-a", "w-b"}));  // same time: by id
}

Meeting MeetingIn(MeetingState state) {
  Meeting m;
  m.id = "m1";
  m.state = state;
  m.window = TimeWindow{kT, kT + absl::Hours(2)};
  return m;
}

TEST(SignInOpenTest, OpenFromAnHourBeforeTheStartWhileConfirmedOrInProgress) {
  EXPECT_TRUE(CheckSignInOpen(MeetingIn(MeetingState::kConfirmed), kT - absl::Hours(1)).ok());
  const absl::Status early =
      CheckSignInOpen(MeetingIn(MeetingState::kConfirmed), kT - absl::Hours(1) - absl::Seconds(1));
  EXPECT_EQ(early.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(early), "SIGN_IN_CLOSED");
  EXPECT_EQ(MetadataOf(early)["opens_at"], "2026-12-01T05:00:00Z");
  EXPECT_TRUE(CheckSignInOpen(MeetingIn(MeetingState::kInProgress), kT - absl::Hours(3)).ok());
  for (MeetingState closed :
       {MeetingState::kSubmitted, MeetingState::kCompleted, MeetingState::kArchived,
        MeetingState::kRejected, MeetingState::kCancelled}) {
    const absl::Status status = CheckSignInOpen(MeetingIn(closed), kT);
    EXPECT_EQ(ReasonOf(status), "SIGN_IN_CLOSED") << MeetingStateName(closed);
    EXPECT_EQ(MetadataOf(status)["state"], MeetingStateName(closed));
  }
}

// Who may is the data-access file's to say (sign_in_without_code_principals; the shipped
// file is tested in tests/common/data_access_test.cc); the refusal is the domain's.
TEST(SignInOpenTest, WithoutTheDoorsCodeOnlyACallerTheFileListsSignsIn) {
  EXPECT_TRUE(CheckSignInWithoutCode(true, "spiffe://huiwu/attendant/zhao").ok());
  EXPECT_TRUE(CheckSignInWithoutCode(true, "").ok());  // TLS off: no caller is known

  const absl::Status portal = CheckSignInWithoutCode(false, "spiffe://huiwu/signin/portal");
  EXPECT_EQ(portal.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ReasonOf(portal), "SIGN_IN_CODE_REQUIRED");
  EXPECT_EQ(MetadataOf(portal)["caller"], "spiffe://huiwu/signin/portal");
  EXPECT_NE(portal.message().find("pass the scanned sign_in_code"), absl::string_view::npos)
      << "says what to do: " << portal.message();

  const absl::Status anonymous = CheckSignInWithoutCode(false, "");
  EXPECT_EQ(ReasonOf(anonymous), "SIGN_IN_CODE_REQUIRED");
  EXPECT_EQ(MetadataOf(anonymous)["caller"], "a caller without a certificate identity");
}

}  // namespace
}  // namespace huiwu::booking
