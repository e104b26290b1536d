#include "services/booking/domain/readiness.h"

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/booking/domain/report_labels.h"

namespace huiwu::booking {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST(ReadinessTest, RoomIsReadyOnlyWhileHeld) {
  EXPECT_EQ(RoomVerdict(MeetingState::kConfirmed, true).status, Readiness::kReady);
  EXPECT_EQ(RoomVerdict(MeetingState::kInProgress, true).status, Readiness::kReady);
  EXPECT_EQ(RoomVerdict(MeetingState::kCompleted, true).status, Readiness::kReady);
  const PartVerdict notice = RoomVerdict(MeetingState::kSubmitted, false);
  EXPECT_EQ(notice.status, Readiness::kNotReady);
  EXPECT_THAT(notice.detail, HasSubstr("尚未确认"));
  EXPECT_EQ(RoomVerdict(MeetingState::kCancelled, true).status, Readiness::kNotReady);
  EXPECT_EQ(RoomVerdict(MeetingState::kRejected, true).status, Readiness::kNotReady);
}

TEST(ReadinessTest, ClearanceWindowIsTheHoldOrTheMeeting) {
  Meeting meeting;
  meeting.window = TimeWindow{absl::FromUnixSeconds(3600), absl::FromUnixSeconds(7200)};
  EXPECT_FALSE(ClearanceWindow(meeting).has_value()) << "no room: nothing to clear";
  meeting.building_id = "city-hall";
  meeting.room_id = "301";
  EXPECT_EQ(ClearanceWindow(meeting), meeting.window);
  meeting.occupancy = TimeWindow{absl::FromUnixSeconds(1800), absl::FromUnixSeconds(9000)};
  EXPECT_EQ(ClearanceWindow(meeting), meeting.occupancy) << "set-up and clean-up included";
}

TEST(ReadinessTest, ClearanceNamesEveryBlock) {
  EXPECT_EQ(ClearanceVerdict({}), (PartVerdict{Readiness::kReady, ""}));
  const PartVerdict blocked = ClearanceVerdict({"301 漏水", "茶具待消毒"});
  EXPECT_EQ(blocked.status, Readiness::kNotReady);
  EXPECT_THAT(blocked.detail, HasSubstr("301 漏水"));
  EXPECT_THAT(blocked.detail, HasSubstr("茶具待消毒"));
}

TEST(ReadinessTest, CountRolesKeepsTheRequirementOrderAndExtraRoles) {
  const std::vector<RoleNeed> roles =
      CountRoles({{"SUPERVISOR", 1}, {"ATTENDANT", 3}},
                 {"ATTENDANT", "ATTENDANT", "SUPERVISOR", "AUDIO_TECHNICIAN"});
  EXPECT_EQ(roles, (std::vector<RoleNeed>{
                       {"SUPERVISOR", 1, 1}, {"ATTENDANT", 3, 2}, {"AUDIO_TECHNICIAN", 0, 1}}));
}

TEST(ReadinessTest, StaffingNamesTheOpenPlaces) {
  EXPECT_EQ(StaffingVerdict(true, {{"ATTENDANT", 2, 2}}).status, Readiness::kReady);
  EXPECT_EQ(StaffingVerdict(true, {{"ATTENDANT", 2, 3}}).status, Readiness::kReady);
  const PartVerdict open = StaffingVerdict(true, {{"SUPERVISOR", 1, 1}, {"ATTENDANT", 3, 1}});
  EXPECT_EQ(open.status, Readiness::kNotReady);
  EXPECT_EQ(open.detail, "缺 会议服务员 2 人");
  const PartVerdict none = StaffingVerdict(false, {});
  EXPECT_EQ(none.status, Readiness::kNotReady);
  EXPECT_THAT(none.detail, HasSubstr("人员需求"));
}

TEST(ReadinessTest, SuppliesNeedAKitWithEveryLineReserved) {
  EXPECT_EQ(SuppliesVerdict(false, false, {}).status, Readiness::kNotReady);
  EXPECT_EQ(SuppliesVerdict(true, true, {}).status, Readiness::kNotReady);
  EXPECT_EQ(SuppliesVerdict(true, false, {{"矿泉水", 20, 20}}).status, Readiness::kReady);
  const PartVerdict short_kit = SuppliesVerdict(true, false, {{"矿泉水", 20, 12}, {"纸杯", 5, 5}});
  EXPECT_EQ(short_kit.status, Readiness::kNotReady);
  EXPECT_EQ(short_kit.detail, "物资不足: 矿泉水 缺 8");
}

TEST(ReadinessTest, ServicesAreReadyWhenAllDoneOrNoneOrdered) {
  EXPECT_EQ(ServicesVerdict({}).status, Readiness::kReady);
  EXPECT_EQ(ServicesVerdict({{1, true}, {6, true}}).status, Readiness::kReady);
  const PartVerdict pending = ServicesVerdict({{1, true}, {3, false}, {6, false}});
  EXPECT_EQ(pending.status, Readiness::kNotReady);
  EXPECT_EQ(pending.detail, "未落实: 名牌打印、茶水服务");
}

TEST(ReadinessTest, UnknownSaysWhichServiceAndWhy) {
  const PartVerdict slow =
      UnknownVerdict(PeerService::kSafety, PeerFailure::kDeadline, absl::Seconds(2));
  EXPECT_EQ(slow.status, Readiness::kUnknown);
  EXPECT_THAT(slow.detail, HasSubstr("safety"));
  EXPECT_THAT(slow.detail, HasSubstr("2s"));
  EXPECT_THAT(slow.detail, HasSubstr("DEADLINE_EXCEEDED"));
  const PartVerdict absent =
      UnknownVerdict(PeerService::kStaffing, PeerFailure::kNotConfigured, absl::Seconds(2));
  EXPECT_THAT(absent.detail, HasSubstr("staffing"));
  EXPECT_THAT(absent.detail, HasSubstr("未配置"));
  const PartVerdict down = UnknownVerdict(PeerService::kInventory, PeerFailure::kUnavailable,
                                          absl::Seconds(2), "connection refused");
  EXPECT_THAT(down.detail, HasSubstr("UNAVAILABLE"));
  EXPECT_THAT(down.detail, HasSubstr("connection refused"));
}

TEST(ReadinessTest, APeersLongMessageIsCutOnACharacterBoundary) {
  std::string message;
  for (int i = 0; i < 100; ++i) message += "错";  // 3 bytes each
  const PartVerdict verdict =
      UnknownVerdict(PeerService::kSafety, PeerFailure::kError, absl::Seconds(2), message);
  EXPECT_LT(verdict.detail.size(), 200u);
  EXPECT_THAT(verdict.detail, HasSubstr("错…"));
}

TEST(ReadinessTest, ReadyOnlyWhenEveryPartIs) {
  EXPECT_TRUE(AllReady({Readiness::kReady, Readiness::kReady}));
  EXPECT_FALSE(AllReady({Readiness::kReady, Readiness::kUnknown}));
  EXPECT_FALSE(AllReady({Readiness::kNotReady, Readiness::kReady}));
}

TEST(ReportLabelsTest, KnownValuesInChineseUnknownOnesAsGiven) {
  EXPECT_EQ(ServiceKindLabel(1), "会标制作");
  EXPECT_EQ(ServiceKindLabel(6), "茶水服务");
  EXPECT_EQ(ServiceKindLabel(42), "服务42");
  EXPECT_EQ(StaffRoleLabel("AUDIO_TECHNICIAN"), "音控");
  EXPECT_EQ(StaffRoleLabel("ASTRONAUT"), "ASTRONAUT");
  EXPECT_EQ(KitStateLabel("RESERVED"), "已预留");
  EXPECT_EQ(HazardSeverityLabel("CRITICAL"), "特别重大");
  EXPECT_EQ(EscalationLevelLabel("CENTER_LEADERSHIP"), "中心领导");
  EXPECT_EQ(MeetingStateLabel(MeetingState::kConfirmed), "已确认");
  EXPECT_THAT(std::string(MeetingKindLabel(MeetingKind::kVideoConference)), "视频会议");
}

}  // namespace
}  // namespace huiwu::booking
