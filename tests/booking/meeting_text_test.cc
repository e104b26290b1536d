// Text is data: quotes, backslashes, emoji and SQL fragments are stored and returned
// verbatim; and a retried CreateMeeting (same request_id) returns the first meeting.
#include "gtest/gtest.h"
#include "tests/booking/meeting_test_util.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;

class MeetingTextTest : public BookingFixture {
 protected:
  void SetUp() override {
    BookingFixture::SetUp();
    SeedRooms(*stub_);
  }
};

TEST_F(MeetingTextTest, AwkwardTextIsStoredAndReturnedVerbatim) {
  const std::string title = "O'Brien \"专题\" 会 \\ 100% a_b 🎉'); DROP TABLE meetings; --";
  const std::string notes =
      "line 1\nline 2\t\\n is not a newline; \\' ' \" `x` /* c */ # h 👍🏻";
  const std::string attendee = "Robert'); DELETE FROM meeting_attendees; --";
  v1::Meeting meeting = SampleMeeting("buildings/city-hall/rooms/301", Local(2, 9), Local(2, 11));
  meeting.set_title(title);
  meeting.set_notes(notes);
  meeting.add_attendees()->set_name(attendee);
  meeting.add_attendees()->set_name("王\"小\"明 🙂");
  v1::Meeting created;
  grpc::Status status = CreateMeeting(*stub_, meeting, &created);
  ASSERT_TRUE(status.ok()) << status.error_message();

  v1::GetMeetingRequest get;
  get.set_name(created.name());
  v1::GetMeetingResponse got;
  ASSERT_TRUE(stub_->GetMeeting(CallContext().get(), get, &got).ok());
  EXPECT_EQ(got.meeting().title(), title);
  EXPECT_EQ(got.meeting().notes(), notes);
  ASSERT_EQ(got.meeting().attendees_size(), 2);
  EXPECT_EQ(got.meeting().attendees(0).name(), attendee);
  EXPECT_EQ(got.meeting().attendees(1).name(), "王\"小\"明 🙂");
  // Nothing was executed: both tables are there, with one meeting and its two attendees.
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM meetings"), 1);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM meeting_attendees"), 2);

  // The same text finds it as a title filter, matched literally.
  v1::ListMeetingsRequest list;
  list.set_title_contains("\\ 100% a_b 🎉'); DROP");
  v1::ListMeetingsResponse listed;
  ASSERT_TRUE(stub_->ListMeetings(CallContext().get(), list, &listed).ok());
  ASSERT_EQ(listed.meetings_size(), 1);
  EXPECT_EQ(listed.meetings(0).title(), title);

  // And an update writes it back unchanged.
  v1::UpdateMeetingRequest update;
  *update.mutable_meeting() = got.meeting();
  update.mutable_meeting()->set_safety_measures(notes);
  update.mutable_update_mask()->add_paths("safety_measures");
  v1::UpdateMeetingResponse updated;
  ASSERT_TRUE(stub_->UpdateMeeting(CallContext().get(), update, &updated).ok());
  EXPECT_EQ(updated.meeting().safety_measures(), notes);
  EXPECT_EQ(updated.meeting().title(), title);
}

TEST_F(MeetingTextTest, ARetriedCreateReturnsTheFirstMeetingAndWritesOneRow) {
  v1::CreateMeetingRequest request;
  *request.mutable_meeting() =
      SampleMeeting("buildings/city-hall/rooms/301", Local(2, 9), Local(2, 11));
  request.set_request_id("oa-2026-12-0001");
  v1::CreateMeetingResponse first;
  ASSERT_TRUE(stub_->CreateMeeting(CallContext().get(), request, &first).ok());
  v1::CreateMeetingResponse retried;
  ASSERT_TRUE(stub_->CreateMeeting(CallContext().get(), request, &retried).ok());
  EXPECT_EQ(retried.meeting().name(), first.meeting().name());
  EXPECT_EQ(retried.meeting().title(), first.meeting().title());
  // A different body under the same id is not a retry but another request (issue 11):
  // refused, rather than answered with a meeting the client did not ask for.
  request.mutable_meeting()->set_title("重试时改了标题");
  v1::CreateMeetingResponse reused;
  const grpc::Status refused = stub_->CreateMeeting(CallContext().get(), request, &reused);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << refused.error_message();
  EXPECT_NE(refused.error_message().find("request_id already used for a different request"),
            std::string::npos);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM meetings"), 1);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM meeting_history"), 1);
}

}  // namespace
}  // namespace huiwu::testing
