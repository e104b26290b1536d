#include "services/booking/domain/meeting_kind.h"

#include <set>
#include <string_view>

#include "gtest/gtest.h"

namespace huiwu::booking {
namespace {

TEST(MeetingKindTest, NamesAreProtoStyleAndDistinct) {
  EXPECT_EQ(MeetingKindName(MeetingKind::kInternal), "INTERNAL");
  EXPECT_EQ(MeetingKindName(MeetingKind::kExternalExchange), "EXTERNAL_EXCHANGE");
  EXPECT_EQ(MeetingKindName(MeetingKind::kTraining), "TRAINING");
  EXPECT_EQ(MeetingKindName(MeetingKind::kSeminar), "SEMINAR");
  EXPECT_EQ(MeetingKindName(MeetingKind::kVipReception), "VIP_RECEPTION");
  EXPECT_EQ(MeetingKindName(MeetingKind::kVideoConference), "VIDEO_CONFERENCE");
  std::set<std::string_view> names;
  for (MeetingKind kind : kAllMeetingKinds) names.insert(MeetingKindName(kind));
  EXPECT_EQ(names.size(), kAllMeetingKinds.size());
}

}  // namespace
}  // namespace huiwu::booking
