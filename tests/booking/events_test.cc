// The events booking publishes (transactional outbox, DESIGN §2), read back from its
// outbox in the test MariaDB: one per change, in order, carrying the meeting as the API
// answers it (without attendees and history), and none for a call that changed nothing.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "huiwu/booking/v1/events.pb.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/booking/outbox_test_util.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr char kRoom301[] = "buildings/city-hall/rooms/301";
constexpr char kRoom302[] = "buildings/city-hall/rooms/302";

// The meeting as an event carries it: the API's answer without attendees and history.
v1::Meeting AsInEvent(v1::Meeting meeting) {
  meeting.clear_attendees();
  meeting.clear_history();
  return meeting;
}

MATCHER_P(EqualsProto, expected, "") {
  return google::protobuf::util::MessageDifferencer::Equals(arg, expected);
}

class MeetingEventsTest : public BookingFixture {
 protected:
  void SetUp() override {
    BookingFixture::SetUp();
    SeedRooms(*stub_);
    Mark();
  }

  // From now on, NewEvents() returns what is published after this point.
  void Mark() { seen_ = ReadOutbox(database_).size(); }
  std::vector<OutboxRow> NewEvents() {
    std::vector<OutboxRow> all = ReadOutbox(database_);
    return std::vector<OutboxRow>(all.begin() + static_cast<std::ptrdiff_t>(seen_), all.end());
  }
  std::vector<std::string> NewTypes() {
    std::vector<std::string> types;
    for (const OutboxRow& event : NewEvents()) types.push_back(event.type);
    return types;
  }

  v1::Meeting Create(v1::Meeting meeting) {
    v1::Meeting created;
    grpc::Status status = CreateMeeting(*stub_, meeting, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created;
  }

  v1::Meeting Get(const std::string& name) {
    v1::GetMeetingRequest request;
    request.set_name(name);
    v1::GetMeetingResponse response;
    EXPECT_TRUE(stub_->GetMeeting(CallContext().get(), request, &response).ok());
    return response.meeting();
  }

  std::vector<std::string> SubjectsOf(const v1::Meeting& meeting, const std::string& room) {
    return {meeting.name(), room, "organizerUnits/" + meeting.organizer_unit()};
  }

  size_t seen_ = 0;
};

TEST_F(MeetingEventsTest, ALifecyclePublishesOneEventPerChangeWithTheMeetingAsTheApiAnswers) {
  v1::Meeting notice = SampleMeeting(kRoom301, Local(1, 14), Local(1, 16));
  auto* attendee = notice.add_attendees();
  attendee->set_id("e1001");
  attendee->set_name("张科长");
  const v1::Meeting created = Create(notice);

  v1::Meeting confirmed;
  ASSERT_TRUE(ConfirmMeeting(*stub_, created.name(), "", &confirmed).ok());

  v1::UpdateMeetingRequest update;
  *update.mutable_meeting() = confirmed;
  update.mutable_meeting()->set_notes("请提前半小时到场");
  update.mutable_update_mask()->add_paths("notes");
  v1::UpdateMeetingResponse updated;
  ASSERT_TRUE(stub_->UpdateMeeting(CallContext().get(), update, &updated).ok());

  v1::RescheduleMeetingRequest reschedule;
  reschedule.set_name(created.name());
  *reschedule.mutable_start_time() = api::ToTimestamp(Local(1, 14, 30));
  *reschedule.mutable_end_time() = api::ToTimestamp(Local(1, 16, 30));
  reschedule.set_room(kRoom302);
  v1::RescheduleMeetingResponse rescheduled;
  grpc::Status moved = stub_->RescheduleMeeting(CallContext().get(), reschedule, &rescheduled);
  ASSERT_TRUE(moved.ok()) << moved.error_message();

  clock_.Set(Local(1, 14));
  v1::SignInRequest sign_in;
  sign_in.set_meeting(created.name());
  sign_in.set_attendee_id("e1001");
  v1::SignInResponse signed_in;
  ASSERT_TRUE(stub_->SignIn(CallContext().get(), sign_in, &signed_in).ok());
  ASSERT_TRUE(stub_->SignIn(CallContext().get(), sign_in, &signed_in).ok());  // again: no event
  ASSERT_TRUE(signed_in.already_signed_in());

  clock_.Set(Local(1, 14, 30));
  v1::StartMeetingRequest start;
  start.set_name(created.name());
  v1::StartMeetingResponse started;
  ASSERT_TRUE(stub_->StartMeeting(CallContext().get(), start, &started).ok());

  clock_.Set(Local(1, 16));
  v1::CompleteMeetingRequest complete;
  complete.set_name(created.name());
  complete.mutable_summary()->set_actual_attendance(9);
  v1::CompleteMeetingResponse completed;
  ASSERT_TRUE(stub_->CompleteMeeting(CallContext().get(), complete, &completed).ok());

  v1::ArchiveMeetingRequest archive;
  archive.set_name(created.name());
  v1::ArchiveMeetingResponse archived;
  ASSERT_TRUE(stub_->ArchiveMeeting(CallContext().get(), archive, &archived).ok());

  const std::vector<OutboxRow> events = NewEvents();
  ASSERT_THAT(NewTypes(), ElementsAre("MeetingSubmitted", "MeetingConfirmed", "MeetingUpdated",
                                      "MeetingRescheduled", "AttendeeSignedIn", "MeetingStarted",
                                      "MeetingCompleted", "MeetingArchived"));
  // Each carries the meeting exactly as the call that made the change answered it.
  EXPECT_THAT(events[0].PayloadAs<v1::MeetingSubmitted>().meeting(),
              EqualsProto(AsInEvent(created)));
  EXPECT_TRUE(events[0].PayloadAs<v1::MeetingSubmitted>().meeting().attendees().empty());
  EXPECT_THAT(events[1].PayloadAs<v1::MeetingConfirmed>().meeting(),
              EqualsProto(AsInEvent(confirmed)));
  EXPECT_TRUE(events[1].PayloadAs<v1::MeetingConfirmed>().meeting().has_occupancy_start_time());
  EXPECT_THAT(events[2].PayloadAs<v1::MeetingUpdated>().meeting(),
              EqualsProto(AsInEvent(updated.meeting())));
  const auto moved_event = events[3].PayloadAs<v1::MeetingRescheduled>();
  EXPECT_THAT(moved_event.meeting(), EqualsProto(AsInEvent(rescheduled.meeting())));
  EXPECT_EQ(api::FromTimestamp(moved_event.previous_start_time()), Local(1, 14));
  EXPECT_EQ(api::FromTimestamp(moved_event.previous_end_time()), Local(1, 16));
  EXPECT_EQ(moved_event.previous_room(), kRoom301);
  const auto sign_in_event = events[4].PayloadAs<v1::AttendeeSignedIn>();
  EXPECT_EQ(sign_in_event.meeting(), created.name());
  EXPECT_EQ(sign_in_event.attendee_id(), "e1001");
  EXPECT_FALSE(sign_in_event.walk_in());
  EXPECT_EQ(api::FromTimestamp(sign_in_event.sign_in_time()), Local(1, 14));
  EXPECT_THAT(events[5].PayloadAs<v1::MeetingStarted>().meeting(),
              EqualsProto(AsInEvent(started.meeting())));
  EXPECT_THAT(events[6].PayloadAs<v1::MeetingCompleted>().meeting(),
              EqualsProto(AsInEvent(completed.meeting())));
  EXPECT_THAT(events[7].PayloadAs<v1::MeetingArchived>().meeting(),
              EqualsProto(AsInEvent(archived.meeting())));
  EXPECT_THAT(events[7].PayloadAs<v1::MeetingArchived>().meeting(),
              EqualsProto(AsInEvent(Get(created.name()))));

  // Subjects: the meeting, its room, its organizer unit; a move names the room it left.
  EXPECT_EQ(events[0].subjects, SubjectsOf(created, kRoom301));
  EXPECT_EQ(events[1].subjects, SubjectsOf(created, kRoom301));
  EXPECT_EQ(events[3].subjects, std::vector<std::string>(
                                    {created.name(), kRoom302, "organizerUnits/办公室", kRoom301}));
  for (size_t i = 4; i < events.size(); ++i) {
    EXPECT_EQ(events[i].subjects, SubjectsOf(created, kRoom302)) << events[i].type;
  }
}

TEST_F(MeetingEventsTest, RejectingAndCancellingPublishTheirEvents) {
  const v1::Meeting rejected_notice = Create(SampleMeeting(kRoom301, Local(2, 9), Local(2, 10)));
  const v1::Meeting cancelled_notice = Create(SampleMeeting("", Local(2, 14), Local(2, 15)));
  Mark();
  v1::RejectMeetingRequest reject;
  reject.set_name(rejected_notice.name());
  reject.set_reason("会议室已安排其他重要会议");
  v1::RejectMeetingResponse rejected;
  ASSERT_TRUE(stub_->RejectMeeting(CallContext().get(), reject, &rejected).ok());
  ASSERT_TRUE(ConfirmMeeting(*stub_, cancelled_notice.name(), kRoom302).ok());
  v1::CancelMeetingRequest cancel;
  cancel.set_name(cancelled_notice.name());
  cancel.set_reason("主要领导临时外出");
  v1::CancelMeetingResponse cancelled;
  ASSERT_TRUE(stub_->CancelMeeting(CallContext().get(), cancel, &cancelled).ok());

  const std::vector<OutboxRow> events = NewEvents();
  ASSERT_THAT(NewTypes(), ElementsAre("MeetingRejected", "MeetingConfirmed", "MeetingCancelled"));
  EXPECT_THAT(events[0].PayloadAs<v1::MeetingRejected>().meeting(),
              EqualsProto(AsInEvent(rejected.meeting())));
  // Confirmed in the room the dispatch hub allocated, which the notice did not name.
  EXPECT_EQ(events[1].subjects, SubjectsOf(cancelled_notice, kRoom302));
  const v1::Meeting in_event = events[2].PayloadAs<v1::MeetingCancelled>().meeting();
  EXPECT_THAT(in_event, EqualsProto(AsInEvent(cancelled.meeting())));
  EXPECT_EQ(in_event.state_reason(), "主要领导临时外出");
  EXPECT_FALSE(in_event.has_occupancy_start_time());  // the room is free again
}

TEST_F(MeetingEventsTest, ASeriesPublishesOneEventPerOccurrenceAndPerCancelledMeeting) {
  v1::CreateMeetingSeriesRequest create;
  *create.mutable_meeting() = SampleMeeting(kRoom301, Local(7, 9), Local(7, 10));
  create.mutable_recurrence()->set_frequency(v1::FREQUENCY_WEEKLY);
  create.mutable_recurrence()->set_count(3);
  v1::CreateMeetingSeriesResponse series;
  ASSERT_TRUE(stub_->CreateMeetingSeries(CallContext().get(), create, &series).ok());
  ASSERT_EQ(series.meetings_size(), 3);
  v1::ConfirmMeetingSeriesRequest confirm;
  confirm.set_name(series.series().name());
  v1::ConfirmMeetingSeriesResponse confirmed;
  ASSERT_TRUE(stub_->ConfirmMeetingSeries(CallContext().get(), confirm, &confirmed).ok());
  v1::CancelMeetingRequest cancel;
  cancel.set_name(series.meetings(1).name());
  cancel.set_reason("例会调整为双周一次");
  cancel.set_scope(v1::SERIES_SCOPE_THIS_AND_FOLLOWING);
  v1::CancelMeetingResponse cancelled;
  ASSERT_TRUE(stub_->CancelMeeting(CallContext().get(), cancel, &cancelled).ok());

  const std::vector<OutboxRow> events = NewEvents();
  ASSERT_THAT(NewTypes(), ElementsAre("MeetingSubmitted", "MeetingSubmitted", "MeetingSubmitted",
                                      "MeetingConfirmed", "MeetingConfirmed", "MeetingConfirmed",
                                      "MeetingCancelled", "MeetingCancelled"));
  for (int i = 0; i < 3; ++i) {
    EXPECT_THAT(events[i].PayloadAs<v1::MeetingSubmitted>().meeting(),
                EqualsProto(AsInEvent(series.meetings(i))));
    EXPECT_EQ(events[3 + i].PayloadAs<v1::MeetingConfirmed>().meeting().name(),
              series.meetings(i).name());
  }
  EXPECT_EQ(events[6].PayloadAs<v1::MeetingCancelled>().meeting().name(),
            series.meetings(1).name());
  EXPECT_EQ(events[7].PayloadAs<v1::MeetingCancelled>().meeting().name(),
            series.meetings(2).name());
  EXPECT_THAT(events[7].PayloadAs<v1::MeetingCancelled>().meeting(),
              EqualsProto(AsInEvent(Get(series.meetings(2).name()))));
}

TEST_F(MeetingEventsTest, ACallThatChangesNothingPublishesNothing) {
  const std::string booked = BookMeeting(*stub_, kRoom301, Local(2, 9), Local(2, 11));
  ASSERT_FALSE(booked.empty());
  const v1::Meeting clashing = Create(SampleMeeting(kRoom301, Local(2, 10), Local(2, 12)));
  Mark();

  // A taken slot.
  grpc::Status conflict = ConfirmMeeting(*stub_, clashing.name());
  EXPECT_EQ(DetailsOf(conflict).reason, "ROOM_CONFLICT");
  // A stale etag.
  v1::ConfirmMeetingRequest stale;
  stale.set_name(clashing.name());
  stale.set_room(kRoom302);
  stale.set_etag("\"99\"");
  v1::ConfirmMeetingResponse ignored;
  EXPECT_EQ(stub_->ConfirmMeeting(CallContext().get(), stale, &ignored).error_code(),
            grpc::StatusCode::ABORTED);
  // A step the lifecycle does not allow.
  v1::RejectMeetingRequest reject;
  reject.set_name(booked);
  reject.set_reason("重复");
  v1::RejectMeetingResponse not_rejected;
  EXPECT_EQ(stub_->RejectMeeting(CallContext().get(), reject, &not_rejected).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  // Sign-in before it opens.
  v1::SignInRequest early;
  early.set_meeting(booked);
  early.mutable_walk_in()->set_name("李主任");
  v1::SignInResponse not_signed_in;
  EXPECT_EQ(stub_->SignIn(CallContext().get(), early, &not_signed_in).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(NewEvents(), IsEmpty());

  // A retried confirm (same request_id) is one change, one event.
  v1::ConfirmMeetingRequest confirm;
  confirm.set_name(clashing.name());
  confirm.set_room(kRoom302);
  confirm.set_request_id("confirm-302-once");
  v1::ConfirmMeetingResponse first;
  v1::ConfirmMeetingResponse retried;
  ASSERT_TRUE(stub_->ConfirmMeeting(CallContext().get(), confirm, &first).ok());
  ASSERT_TRUE(stub_->ConfirmMeeting(CallContext().get(), confirm, &retried).ok());
  EXPECT_THAT(NewTypes(), ElementsAre("MeetingConfirmed"));
}

TEST_F(MeetingEventsTest, RoomChangesPublishRoomEvents) {
  v1::Room created;
  ASSERT_TRUE(CreateRoom(*stub_, "city-hall", "319", SampleRoom("319会议室", 40), &created).ok());
  v1::UpdateRoomRequest update;
  *update.mutable_room() = created;
  update.mutable_room()->set_capacity(36);
  update.mutable_update_mask()->add_paths("capacity");
  v1::UpdateRoomResponse updated;
  ASSERT_TRUE(stub_->UpdateRoom(CallContext().get(), update, &updated).ok());
  v1::DeleteRoomRequest remove;
  remove.set_name(created.name());
  v1::DeleteRoomResponse removed;
  ASSERT_TRUE(stub_->DeleteRoom(CallContext().get(), remove, &removed).ok());
  // A room that is not there changes nothing.
  EXPECT_EQ(stub_->DeleteRoom(CallContext().get(), remove, &removed).error_code(),
            grpc::StatusCode::NOT_FOUND);

  const std::vector<OutboxRow> events = NewEvents();
  ASSERT_THAT(NewTypes(), ElementsAre("RoomCreated", "RoomUpdated", "RoomDeleted"));
  EXPECT_THAT(events[0].PayloadAs<v1::RoomCreated>().room(), EqualsProto(created));
  EXPECT_THAT(events[1].PayloadAs<v1::RoomUpdated>().room(), EqualsProto(updated.room()));
  EXPECT_EQ(events[2].PayloadAs<v1::RoomDeleted>().room(), "buildings/city-hall/rooms/319");
  for (const OutboxRow& event : events) {
    EXPECT_EQ(event.subjects,
              std::vector<std::string>({"buildings/city-hall/rooms/319", "buildings/city-hall"}));
  }
}

}  // namespace
}  // namespace huiwu::testing
