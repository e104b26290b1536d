// Confidential meetings (保密会议, issue 14) masked by the proto's own annotations: who
// sees the content, and what everyone else gets, at any depth of an answer.
#include "common/api/confidential.h"

#include "gtest/gtest.h"
#include "huiwu/booking/v1/booking_service.pb.h"
#include "huiwu/booking/v1/events.pb.h"

namespace huiwu::api {
namespace {

constexpr char kUnit[] = "市财政局";

booking::v1::Meeting SecretMeeting(bool confidential) {
  booking::v1::Meeting meeting;
  meeting.set_name("meetings/m-1");
  meeting.set_title("预算调整方案审议");
  meeting.set_organizer_unit(kUnit);
  meeting.set_confidential(confidential);
  meeting.set_room("buildings/city-hall/rooms/301");
  meeting.mutable_start_time()->set_seconds(1790000000);
  meeting.mutable_end_time()->set_seconds(1790003600);
  meeting.add_attendees()->set_name("王芳");
  meeting.add_agenda()->set_title("审议草案");
  meeting.set_materials("草案 20 份");
  meeting.set_notes("不得带手机入场");
  meeting.mutable_summary()->set_notes("通过");
  booking::v1::ServiceRequest* banner = meeting.add_services();
  banner->set_kind(booking::v1::SERVICE_KIND_BANNER);
  banner->set_notes("预算调整方案审议会");
  meeting.mutable_contact()->set_name("李明");
  return meeting;
}

TEST(SeesContentTest, DecidesByRightAndUnit) {
  const struct {
    const char* what;
    ConfidentialViewer viewer;
    bool confidential;
    bool sees;
  } kCases[] = {
      {"not confidential: everybody", ConfidentialViewer::Nobody(), false, true},
      {"entitled principal", ConfidentialViewer{true, ""}, true, true},
      {"the organizer unit's own system", ConfidentialViewer{false, kUnit}, true, true},
      {"another unit's system", ConfidentialViewer{false, "市发展和改革委员会"}, true, false},
      {"door display, operator", ConfidentialViewer{false, ""}, true, false},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(SeesContent(c.viewer, c.confidential, kUnit), c.sees) << c.what;
    EXPECT_EQ(TitleFor(c.viewer, c.confidential, kUnit, "预算调整方案审议"),
              c.sees ? "预算调整方案审议" : kConfidentialTitle)
        << c.what;
  }
  // A meeting without a unit is not seen by a viewer without one.
  EXPECT_FALSE(SeesContent(ConfidentialViewer{false, ""}, true, ""));
}

TEST(MaskConfidentialTest, HidesTheContentButKeepsTimeAndRoom) {
  booking::v1::GetMeetingResponse response;
  *response.mutable_meeting() = SecretMeeting(true);
  MaskConfidential(response, ConfidentialViewer::Nobody());
  const booking::v1::Meeting& m = response.meeting();
  EXPECT_EQ(m.title(), "内部会议");
  EXPECT_EQ(m.attendees_size(), 0);
  EXPECT_EQ(m.agenda_size(), 0);
  EXPECT_EQ(m.materials(), "");
  EXPECT_EQ(m.notes(), "");
  EXPECT_FALSE(m.has_summary());
  ASSERT_EQ(m.services_size(), 1);
  EXPECT_EQ(m.services(0).kind(), booking::v1::SERVICE_KIND_BANNER);
  EXPECT_EQ(m.services(0).notes(), "");
  // What shows that the room is busy, and whom to call, stays.
  EXPECT_EQ(m.room(), "buildings/city-hall/rooms/301");
  EXPECT_EQ(m.start_time().seconds(), 1790000000);
  EXPECT_EQ(m.end_time().seconds(), 1790003600);
  EXPECT_EQ(m.organizer_unit(), kUnit);
  EXPECT_EQ(m.contact().name(), "李明");
  EXPECT_TRUE(m.confidential());
}

TEST(MaskConfidentialTest, LeavesEntitledViewersAndOrdinaryMeetingsAlone) {
  for (const ConfidentialViewer& viewer :
       {ConfidentialViewer::Everything(), ConfidentialViewer{false, kUnit}}) {
    booking::v1::GetMeetingResponse response;
    *response.mutable_meeting() = SecretMeeting(true);
    const std::string before = response.SerializeAsString();
    MaskConfidential(response, viewer);
    EXPECT_EQ(response.SerializeAsString(), before) << viewer.organizer_unit;
  }
  booking::v1::GetMeetingResponse open;
  *open.mutable_meeting() = SecretMeeting(false);
  const std::string before = open.SerializeAsString();
  MaskConfidential(open, ConfidentialViewer::Nobody());
  EXPECT_EQ(open.SerializeAsString(), before);
}

TEST(MaskConfidentialTest, MasksEachMeetingOfAListOnItsOwn) {
  booking::v1::ListMeetingsResponse list;
  *list.add_meetings() = SecretMeeting(true);
  *list.add_meetings() = SecretMeeting(false);
  booking::v1::Meeting other = SecretMeeting(true);
  other.set_organizer_unit("市发展和改革委员会");
  *list.add_meetings() = other;
  MaskConfidential(list, ConfidentialViewer{false, kUnit});
  EXPECT_EQ(list.meetings(0).title(), "预算调整方案审议");
  EXPECT_EQ(list.meetings(1).title(), "预算调整方案审议");
  EXPECT_EQ(list.meetings(2).title(), "内部会议");
  EXPECT_EQ(list.meetings(2).agenda_size(), 0);
}

TEST(MaskConfidentialTest, CoversScheduleBlocksNoticeLinesAndEvents) {
  booking::v1::GetRoomScheduleResponse schedule;
  booking::v1::BusyBlock* block = schedule.add_rooms()->add_busy();
  block->set_title("预算调整方案审议");
  block->set_confidential(true);
  block->set_organizer_unit(kUnit);
  block->mutable_start_time()->set_seconds(1790000000);
  booking::v1::GetDailyServiceNoticeResponse notice;
  booking::v1::NoticeMeeting* line = notice.add_meetings();
  line->set_title("预算调整方案审议");
  line->set_confidential(true);
  line->add_services()->set_notes("预算调整方案审议会");
  booking::v1::GetWeeklyBriefResponse brief;
  booking::v1::NoShowMeeting* no_show = brief.add_no_shows();
  no_show->set_title("预算调整方案审议");
  no_show->set_confidential(true);
  booking::v1::MeetingConfirmed event;
  *event.mutable_meeting() = SecretMeeting(true);

  MaskConfidential(schedule, ConfidentialViewer::Nobody());
  MaskConfidential(notice, ConfidentialViewer::Nobody());
  MaskConfidential(brief, ConfidentialViewer::Nobody());
  MaskConfidential(event, ConfidentialViewer::Nobody());
  EXPECT_EQ(schedule.rooms(0).busy(0).title(), "内部会议");
  EXPECT_EQ(schedule.rooms(0).busy(0).start_time().seconds(), 1790000000);
  EXPECT_EQ(notice.meetings(0).title(), "内部会议");
  EXPECT_EQ(notice.meetings(0).services(0).notes(), "");
  EXPECT_EQ(brief.no_shows(0).title(), "内部会议");
  EXPECT_EQ(event.meeting().title(), "内部会议");
  EXPECT_EQ(event.meeting().agenda_size(), 0);
}

}  // namespace
}  // namespace huiwu::api
