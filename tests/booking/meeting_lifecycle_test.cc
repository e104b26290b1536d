// Meetings through a real gRPC channel against the real MariaDB: notice, confirmation
// with room holds and buffers, the lifecycle, and rescheduling.
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;
using ::testing::ElementsAre;

class MeetingLifecycleTest : public BookingFixture {
 protected:
  void SetUp() override {
    BookingFixture::SetUp();
    SeedRooms(*stub_);
  }
};

TEST_F(MeetingLifecycleTest, ANoticeIsSubmittedAndHoldsNoRoom) {
  v1::Meeting meeting = SampleMeeting("buildings/city-hall/rooms/301", Local(2, 9), Local(2, 11));
  meeting.add_attendees()->set_name("李主任");
  auto* named = meeting.add_attendees();
  named->set_id("e1001");
  named->set_name("张科长");
  auto* banner = meeting.add_services();
  banner->set_kind(v1::SERVICE_KIND_BANNER);
  banner->set_notes("2026年第一次周例会");
  v1::Meeting created;
  ASSERT_TRUE(CreateMeeting(*stub_, meeting, &created).ok());
  EXPECT_EQ(created.state(), v1::MEETING_STATE_SUBMITTED);
  EXPECT_FALSE(created.has_occupancy_start_time());
  ASSERT_EQ(created.attendees_size(), 2);
  EXPECT_EQ(created.attendees(0).id(), "a1");
  EXPECT_EQ(created.attendees(1).id(), "e1001");
  EXPECT_EQ(created.services(0).notes(), "2026年第一次周例会");
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM occupancies"), 0);

  v1::GetMeetingRequest get;
  get.set_name(created.name());
  v1::GetMeetingResponse got;
  ASSERT_TRUE(stub_->GetMeeting(CallContext().get(), get, &got).ok());
  EXPECT_EQ(got.meeting().DebugString(), created.DebugString());
}

// CreateMeeting answers from what it wrote, without reading it back: the answer must be
// exactly what a read gives, for every field a notice carries.
TEST_F(MeetingLifecycleTest, TheAnswerToCreateIsWhatAReadGives) {
  v1::Meeting meeting = SampleMeeting("buildings/city-hall/rooms/302", Local(3, 14), Local(3, 16));
  // Sub-microsecond parts: the columns keep microseconds, and so must the answer.
  meeting.mutable_start_time()->set_nanos(123456789);
  meeting.mutable_end_time()->set_nanos(999);
  meeting.set_kind(v1::MEETING_KIND_SEMINAR);
  meeting.mutable_requirements()->set_min_capacity(12);
  meeting.mutable_requirements()->add_equipment(v1::EQUIPMENT_PROJECTOR);
  meeting.mutable_requirements()->add_equipment(v1::EQUIPMENT_RECORDING);
  meeting.mutable_requirements()->set_vip(true);
  meeting.mutable_requirements()->set_preferred_building("buildings/city-hall");
  auto* guest = meeting.add_attendees();
  guest->set_id("e2001");
  guest->set_name("陈副市长");
  guest->set_unit("市政府");
  guest->set_title("副市长");
  guest->set_vip(true);
  guest->set_protocol_rank(1);
  meeting.add_attendees()->set_name("记录员");
  auto* item = meeting.add_agenda();
  item->set_title("听取汇报");
  item->set_presenter("张局长");
  item->set_minutes(30);
  meeting.add_agenda()->set_title("讨论");
  auto* tea = meeting.add_services();
  tea->set_kind(v1::SERVICE_KIND_TEA);
  tea->set_notes("绿茶");
  meeting.set_materials("汇报材料 12 份");
  meeting.set_budget_fen(150000);
  meeting.set_safety_measures("疏散通道畅通");
  meeting.set_notes("  前后留空格  ");
  meeting.set_setup_minutes(45);
  meeting.set_cleanup_minutes(0);
  meeting.set_confidential(true);
  v1::Meeting created;
  ASSERT_TRUE(CreateMeeting(*stub_, meeting, &created).ok());
  EXPECT_EQ(created.start_time().nanos(), 123456000);
  EXPECT_EQ(created.end_time().nanos(), 0);
  ASSERT_EQ(created.history_size(), 1);

  v1::GetMeetingRequest get;
  get.set_name(created.name());
  v1::GetMeetingResponse got;
  ASSERT_TRUE(stub_->GetMeeting(CallContext().get(), get, &got).ok());
  EXPECT_EQ(got.meeting().DebugString(), created.DebugString());
}

TEST_F(MeetingLifecycleTest, ANoticeForARoomTheCenterDoesNotHaveIsNotFound) {
  grpc::Status status = CreateMeeting(
      *stub_, SampleMeeting("buildings/city-hall/rooms/999", Local(2, 9), Local(2, 11)));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(DetailsOf(status).metadata["room"], "buildings/city-hall/rooms/999");
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM meetings"), 0);
}

TEST_F(MeetingLifecycleTest, ConfirmingHoldsTheRoomWithBuffers) {
  v1::Meeting created;
  ASSERT_TRUE(CreateMeeting(
                  *stub_, SampleMeeting("buildings/city-hall/rooms/301", Local(2, 9), Local(2, 11)),
                  &created)
                  .ok());
  v1::Meeting confirmed;
  ASSERT_TRUE(ConfirmMeeting(*stub_, created.name(), "", &confirmed).ok());
  EXPECT_EQ(confirmed.state(), v1::MEETING_STATE_CONFIRMED);
  // 301 holds 30 minutes of set-up before and 30 of clean-up after.
  EXPECT_EQ(api::FromTimestamp(confirmed.occupancy_start_time()), Local(2, 8, 30));
  EXPECT_EQ(api::FromTimestamp(confirmed.occupancy_end_time()), Local(2, 11, 30));
  ASSERT_EQ(confirmed.history_size(), 2);
  EXPECT_EQ(confirmed.history(1).from_state(), v1::MEETING_STATE_SUBMITTED);
  EXPECT_EQ(confirmed.history(1).to_state(), v1::MEETING_STATE_CONFIRMED);
  EXPECT_FALSE(confirmed.history(1).actor().empty());
}

TEST_F(MeetingLifecycleTest, BackToBackAtTheBufferEdgeIsAcceptedOneMinuteIntoItIsRefused) {
  const std::string first =
      BookMeeting(*stub_, "buildings/city-hall/rooms/301", Local(2, 9), Local(2, 11));
  ASSERT_FALSE(first.empty());
  // The first holds until 11:30; the next one's set-up may start exactly then (12:00 − 30).
  EXPECT_FALSE(
      BookMeeting(*stub_, "buildings/city-hall/rooms/301", Local(2, 12), Local(2, 13)).empty());
  // One minute into the first's clean-up: refused, naming the holder.
  v1::Meeting late;
  ASSERT_TRUE(
      CreateMeeting(*stub_,
                    SampleMeeting("buildings/city-hall/rooms/301", Local(2, 6), Local(2, 8, 1)),
                    &late)
          .ok());
  grpc::Status status = ConfirmMeeting(*stub_, late.name());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  ErrorDetails details = DetailsOf(status);
  EXPECT_EQ(details.reason, "ROOM_CONFLICT");
  EXPECT_EQ(details.metadata["conflicting_meeting"], first);
  // ... while the same slot in another room is fine.
  EXPECT_TRUE(ConfirmMeeting(*stub_, late.name(), "buildings/city-hall/rooms/302").ok());
}

TEST_F(MeetingLifecycleTest, TheWholeLifecycleIsRecordedInTheHistory) {
  const std::string name =
      BookMeeting(*stub_, "buildings/city-hall/rooms/301", Local(1, 14), Local(1, 16));
  ASSERT_FALSE(name.empty());
  clock_.Set(Local(1, 14));
  v1::StartMeetingRequest start;
  start.set_name(name);
  v1::StartMeetingResponse started;
  ASSERT_TRUE(stub_->StartMeeting(CallContext().get(), start, &started).ok());
  clock_.Set(Local(1, 15));  // ends an hour early
  v1::CompleteMeetingRequest complete;
  complete.set_name(name);
  complete.mutable_summary()->set_actual_attendance(9);
  complete.mutable_summary()->set_problems("投影仪偏色");
  v1::CompleteMeetingResponse completed;
  ASSERT_TRUE(stub_->CompleteMeeting(CallContext().get(), complete, &completed).ok());
  // Clean-up is held after the actual end: 15:00 + 30 minutes.
  EXPECT_EQ(api::FromTimestamp(completed.meeting().occupancy_end_time()), Local(1, 15, 30));
  v1::ArchiveMeetingRequest archive;
  archive.set_name(name);
  v1::ArchiveMeetingResponse archived;
  ASSERT_TRUE(stub_->ArchiveMeeting(CallContext().get(), archive, &archived).ok());
  std::vector<v1::MeetingState> states;
  for (const auto& change : archived.meeting().history()) states.push_back(change.to_state());
  EXPECT_THAT(states, ElementsAre(v1::MEETING_STATE_SUBMITTED, v1::MEETING_STATE_CONFIRMED,
                                  v1::MEETING_STATE_IN_PROGRESS, v1::MEETING_STATE_COMPLETED,
                                  v1::MEETING_STATE_ARCHIVED));
  // The archived meeting still holds its clean-up (一会一消毒): 301 is free from 15:30,
  // not a minute before. (Notices are dated back so the 2-hour notice is respected.)
  clock_.Set(Local(1, 8));
  v1::Meeting during_cleanup;
  ASSERT_TRUE(
      CreateMeeting(*stub_,
                    SampleMeeting("buildings/city-hall/rooms/301", Local(1, 15, 59), Local(1, 17)),
                    &during_cleanup)
          .ok());
  EXPECT_EQ(
      DetailsOf(ConfirmMeeting(*stub_, during_cleanup.name())).metadata["conflicting_meeting"],
      name);
  EXPECT_FALSE(
      BookMeeting(*stub_, "buildings/city-hall/rooms/301", Local(1, 16), Local(1, 17)).empty());
  // Archived is final: no further transition.
  v1::CancelMeetingRequest cancel;
  cancel.set_name(name);
  cancel.set_reason("too late");
  v1::CancelMeetingResponse cancelled;
  grpc::Status refused = stub_->CancelMeeting(CallContext().get(), cancel, &cancelled);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(DetailsOf(refused).metadata["current_state"], "ARCHIVED");
}

// A transition answers with the meeting it wrote, not a second read of it: the answer
// must be exactly what GetMeeting reads afterwards, at every step.
TEST_F(MeetingLifecycleTest, EveryTransitionAnswersTheMeetingAsItIsStored) {
  v1::Meeting meeting = SampleMeeting("buildings/city-hall/rooms/301", Local(1, 14), Local(1, 16));
  meeting.add_attendees()->set_name("李华");
  meeting.mutable_attendees(0)->set_unit("办公室");
  meeting.add_agenda()->set_title("工作部署");
  meeting.mutable_agenda(0)->set_minutes(30);
  v1::Meeting created;
  ASSERT_TRUE(CreateMeeting(*stub_, meeting, &created).ok());
  const auto expect_stored = [&](const v1::Meeting& answered, const char* step) {
    v1::GetMeetingRequest get;
    get.set_name(created.name());
    v1::GetMeetingResponse stored;
    ASSERT_TRUE(stub_->GetMeeting(CallContext().get(), get, &stored).ok());
    std::string differences;
    google::protobuf::util::MessageDifferencer differ;
    differ.ReportDifferencesToString(&differences);
    EXPECT_TRUE(differ.Compare(answered, stored.meeting())) << step << ": " << differences;
  };
  v1::Meeting confirmed;
  ASSERT_TRUE(ConfirmMeeting(*stub_, created.name(), "", &confirmed).ok());
  expect_stored(confirmed, "confirm");
  clock_.Set(Local(1, 14));
  v1::StartMeetingRequest start;
  start.set_name(created.name());
  v1::StartMeetingResponse started;
  ASSERT_TRUE(stub_->StartMeeting(CallContext().get(), start, &started).ok());
  expect_stored(started.meeting(), "start");
  clock_.Set(Local(1, 15, 7));
  v1::CompleteMeetingRequest complete;
  complete.set_name(created.name());
  complete.mutable_summary()->set_actual_attendance(1);
  v1::CompleteMeetingResponse completed;
  ASSERT_TRUE(stub_->CompleteMeeting(CallContext().get(), complete, &completed).ok());
  expect_stored(completed.meeting(), "complete");
  v1::ArchiveMeetingRequest archive;
  archive.set_name(created.name());
  v1::ArchiveMeetingResponse archived;
  ASSERT_TRUE(stub_->ArchiveMeeting(CallContext().get(), archive, &archived).ok());
  expect_stored(archived.meeting(), "archive");
}

TEST_F(MeetingLifecycleTest, ARoomKeepsTheSeatsItsConfirmedMeetingsNeed) {
  v1::Meeting big;
  ASSERT_TRUE(CreateMeeting(*stub_,
                            SampleMeeting("buildings/city-hall/rooms/301", Local(3, 9),
                                          Local(3, 10), /*participants=*/28),
                            &big)
                  .ok());
  ASSERT_TRUE(ConfirmMeeting(*stub_, big.name()).ok());
  v1::UpdateRoomRequest shrink;
  shrink.mutable_room()->set_name("buildings/city-hall/rooms/301");
  shrink.mutable_room()->set_capacity(20);
  shrink.mutable_update_mask()->add_paths("capacity");
  v1::UpdateRoomResponse updated;
  grpc::Status refused = stub_->UpdateRoom(CallContext().get(), shrink, &updated);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(DetailsOf(refused).metadata["meeting"], big.name());
  shrink.mutable_room()->set_capacity(28);  // still enough
  EXPECT_TRUE(stub_->UpdateRoom(CallContext().get(), shrink, &updated).ok());
}

TEST_F(MeetingLifecycleTest, CancellingFreesTheRoom) {
  const std::string name =
      BookMeeting(*stub_, "buildings/city-hall/rooms/301", Local(3, 9), Local(3, 10));
  ASSERT_FALSE(name.empty());
  v1::CancelMeetingRequest cancel;
  cancel.set_name(name);
  cancel.set_reason("领导出差");
  v1::CancelMeetingResponse cancelled;
  ASSERT_TRUE(stub_->CancelMeeting(CallContext().get(), cancel, &cancelled).ok());
  EXPECT_EQ(cancelled.meeting().state(), v1::MEETING_STATE_CANCELLED);
  EXPECT_EQ(cancelled.meeting().state_reason(), "领导出差");
  EXPECT_FALSE(
      BookMeeting(*stub_, "buildings/city-hall/rooms/301", Local(3, 9), Local(3, 10)).empty());
}

TEST_F(MeetingLifecycleTest, RescheduleOntoATakenSlotChangesNothingOntoAFreeOneMoves) {
  const std::string taken =
      BookMeeting(*stub_, "buildings/city-hall/rooms/301", Local(4, 9), Local(4, 10));
  const std::string moving =
      BookMeeting(*stub_, "buildings/city-hall/rooms/301", Local(4, 14), Local(4, 15));
  ASSERT_FALSE(taken.empty() || moving.empty());
  const std::vector<std::string> tables = {"meetings", "occupancies", "meeting_history"};
  const std::string before = database_.Snapshot(tables);

  v1::RescheduleMeetingRequest onto_taken;
  onto_taken.set_name(moving);
  *onto_taken.mutable_start_time() = api::ToTimestamp(Local(4, 9, 30));
  *onto_taken.mutable_end_time() = api::ToTimestamp(Local(4, 10, 30));
  v1::RescheduleMeetingResponse response;
  grpc::Status status = stub_->RescheduleMeeting(CallContext().get(), onto_taken, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(DetailsOf(status).metadata["conflicting_meeting"], taken);
  EXPECT_EQ(database_.Snapshot(tables), before);

  v1::RescheduleMeetingRequest onto_free = onto_taken;
  onto_free.set_room("buildings/city-hall/rooms/302");
  ASSERT_TRUE(stub_->RescheduleMeeting(CallContext().get(), onto_free, &response).ok());
  EXPECT_EQ(response.meeting().room(), "buildings/city-hall/rooms/302");
  EXPECT_EQ(api::FromTimestamp(response.meeting().occupancy_start_time()), Local(4, 9));
  // 301's afternoon is free again.
  EXPECT_FALSE(
      BookMeeting(*stub_, "buildings/city-hall/rooms/301", Local(4, 14), Local(4, 15)).empty());
}

}  // namespace
}  // namespace huiwu::testing
