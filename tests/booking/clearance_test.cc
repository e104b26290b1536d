// Room clearance on confirm (DESIGN §2), against a REAL safety service in-process (its own
// host and database, reached over gRPC as in production): booking holds a room only when
// safety clears it, and holds nothing when safety cannot be asked (fail closed).
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/safety/safety_spec.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/booking/outbox_test_util.h"
#include "tests/safety/safety_test_util.h"
#include "tests/support/grpc_errors.h"
#include "tests/support/reserved_port.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;
using ::testing::HasSubstr;

// The events a change of a meeting or room published. Once the host follows safety's
// stream, the hazards these tests report also flag meetings (MeetingFlagged), at a time
// of the consumer's choosing: those are not counted.
size_t ChangeEvents(TestDatabase& database) {
  size_t count = 0;
  for (const OutboxRow& event : ReadOutbox(database)) count += event.type != "MeetingFlagged";
  return count;
}

class RoomClearanceTest : public BookingFixture {
 protected:
  void SetUp() override {
    auto safety = StartTestHost(safety::SafetyServiceSpec(clock_), safety_database_.config());
    ASSERT_TRUE(safety.ok()) << safety.status();
    safety_ = std::move(safety).value();
    safety_stub_ = sv1::SafetyService::NewStub(NewTestChannel(safety_->grpc_port()));
    peers_.safety = absl::StrCat("127.0.0.1:", safety_->grpc_port());
    BookingFixture::SetUp();
    SeedRooms(*stub_);
  }

  void TearDown() override {
    BookingFixture::TearDown();
    safety_stub_.reset();
    if (safety_ != nullptr) safety_->Shutdown(absl::Seconds(1));
    safety_.reset();
  }

  v1::Meeting Notice(const std::string& room, absl::Time start, absl::Time end) {
    v1::Meeting created;
    grpc::Status status = CreateMeeting(*stub_, SampleMeeting(room, start, end), &created);
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

  // The room is not held and nothing was published since `events_before`.
  void ExpectNothingHeld(const std::string& meeting, size_t events_before) {
    EXPECT_EQ(Get(meeting).state(), v1::MEETING_STATE_SUBMITTED);
    EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM occupancies"), 0);
    EXPECT_EQ(ChangeEvents(database_), events_before);
  }

  TestDatabase safety_database_;
  std::unique_ptr<server::ServiceHost> safety_;
  std::unique_ptr<sv1::SafetyService::Stub> safety_stub_;
};

TEST_F(RoomClearanceTest, AClearRoomIsConfirmedAndAHazardInAnotherRoomDoesNotBlockIt) {
  Report(*safety_stub_, SampleHazard(kRoom302, sv1::HAZARD_SEVERITY_HIGH));
  const v1::Meeting notice = Notice(kRoom301, Local(2, 9), Local(2, 11));
  v1::Meeting confirmed;
  grpc::Status status = ConfirmMeeting(*stub_, notice.name(), "", &confirmed);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(confirmed.state(), v1::MEETING_STATE_CONFIRMED);
}

TEST_F(RoomClearanceTest, AHighHazardInTheRoomRefusesTheConfirmAndHoldsNothing) {
  const sv1::Hazard hazard =
      Report(*safety_stub_, SampleHazard(kRoom301, sv1::HAZARD_SEVERITY_HIGH));
  const v1::Meeting notice = Notice(kRoom301, Local(2, 9), Local(2, 11));
  const size_t events_before = ChangeEvents(database_);

  grpc::Status status = ConfirmMeeting(*stub_, notice.name());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  ErrorDetails details = DetailsOf(status);
  EXPECT_EQ(details.reason, "ROOM_NOT_CLEARED");
  EXPECT_EQ(details.domain, "booking.huiwu");
  EXPECT_EQ(details.metadata["room"], kRoom301);
  EXPECT_EQ(details.metadata["blocks"], hazard.name());
  EXPECT_THAT(status.error_message(), HasSubstr(hazard.name()));
  EXPECT_THAT(status.error_message(), HasSubstr("插线板过载"));
  EXPECT_THAT(status.error_message(), HasSubstr("nothing was held"));
  ExpectNothingHeld(notice.name(), events_before);

  // Allocating another room instead is cleared.
  EXPECT_TRUE(ConfirmMeeting(*stub_, notice.name(), kRoom302).ok());
}

TEST_F(RoomClearanceTest, ACriticalHazardElsewhereInTheBuildingBlocksTheRoomToo) {
  const sv1::Hazard hazard =
      Report(*safety_stub_, SampleHazard(kRoom302, sv1::HAZARD_SEVERITY_CRITICAL));
  const v1::Meeting notice = Notice(kRoom301, Local(2, 9), Local(2, 11));
  const size_t events_before = ChangeEvents(database_);
  grpc::Status status = ConfirmMeeting(*stub_, notice.name());
  EXPECT_EQ(DetailsOf(status).reason, "ROOM_NOT_CLEARED");
  EXPECT_THAT(status.error_message(), HasSubstr(hazard.name()));
  ExpectNothingHeld(notice.name(), events_before);
}

TEST_F(RoomClearanceTest, ManyBlocksAreNamedBrieflyWithHowManyMore) {
  sv1::Hazard long_one = SampleHazard(kRoom301, sv1::HAZARD_SEVERITY_HIGH);
  long_one.set_description(std::string(900, 'x'));
  for (int i = 0; i < 12; ++i) Report(*safety_stub_, long_one);
  const v1::Meeting notice = Notice(kRoom301, Local(2, 9), Local(2, 11));
  grpc::Status status = ConfirmMeeting(*stub_, notice.name());
  EXPECT_EQ(DetailsOf(status).reason, "ROOM_NOT_CLEARED");
  EXPECT_EQ(DetailsOf(status).metadata["block_count"], "12");
  EXPECT_THAT(status.error_message(), HasSubstr("and 9 more"));
  EXPECT_LT(status.error_message().size(), 1024u);
}

TEST_F(RoomClearanceTest, EachOccurrenceOfASeriesIsClearedBeforeItsRoomIsHeld) {
  Report(*safety_stub_, SampleHazard(kRoom301, sv1::HAZARD_SEVERITY_HIGH));
  v1::CreateMeetingSeriesRequest create;
  *create.mutable_meeting() = SampleMeeting(kRoom301, Local(7, 9), Local(7, 10));
  create.mutable_recurrence()->set_frequency(v1::FREQUENCY_WEEKLY);
  create.mutable_recurrence()->set_count(3);
  v1::CreateMeetingSeriesResponse series;
  ASSERT_TRUE(stub_->CreateMeetingSeries(CallContext().get(), create, &series).ok());
  const size_t events_before = ChangeEvents(database_);

  v1::ConfirmMeetingSeriesRequest confirm;
  confirm.set_name(series.series().name());
  v1::ConfirmMeetingSeriesResponse refused;
  grpc::Status status = stub_->ConfirmMeetingSeries(CallContext().get(), confirm, &refused);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(refused.results_size(), 3);
  for (const v1::OccurrenceResult& result : refused.results()) {
    EXPECT_EQ(result.outcome(), v1::OCCURRENCE_OUTCOME_REFUSED) << result.meeting();
    EXPECT_THAT(result.detail(), HasSubstr("is not cleared for use by safety"));
  }
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM occupancies"), 0);
  EXPECT_EQ(ChangeEvents(database_), events_before);
}

TEST_F(RoomClearanceTest, MovingAConfirmedMeetingIntoABlockedRoomIsRefusedAndItKeepsItsHold) {
  const v1::Meeting notice = Notice(kRoom302, Local(2, 9), Local(2, 11));
  v1::Meeting confirmed;
  ASSERT_TRUE(ConfirmMeeting(*stub_, notice.name(), "", &confirmed).ok());
  Report(*safety_stub_, SampleHazard(kRoom301, sv1::HAZARD_SEVERITY_HIGH));
  const size_t events_before = ChangeEvents(database_);

  v1::RescheduleMeetingRequest move;
  move.set_name(notice.name());
  *move.mutable_start_time() = api::ToTimestamp(Local(2, 14));
  *move.mutable_end_time() = api::ToTimestamp(Local(2, 16));
  move.set_room(kRoom301);
  v1::RescheduleMeetingResponse moved;
  grpc::Status status = stub_->RescheduleMeeting(CallContext().get(), move, &moved);
  EXPECT_EQ(DetailsOf(status).reason, "ROOM_NOT_CLEARED");
  const v1::Meeting kept = Get(notice.name());
  EXPECT_EQ(kept.room(), kRoom302);
  EXPECT_EQ(kept.occupancy_start_time().DebugString(),
            confirmed.occupancy_start_time().DebugString());
  EXPECT_EQ(ChangeEvents(database_), events_before);
}

class SafetyDownTest : public BookingFixture {
 protected:
  void SetUp() override {
    // Bound, never listened on: every connection is refused, as by a stopped safety.
    peers_.safety = closed_.address();
    BookingFixture::SetUp();
    SeedRooms(*stub_);
  }

  ReservedPort closed_;
};

TEST_F(SafetyDownTest, ConfirmFailsUnavailableSayingSoAndHoldsNothing) {
  v1::Meeting notice;
  ASSERT_TRUE(
      CreateMeeting(*stub_, SampleMeeting(kRoom301, Local(2, 9), Local(2, 11)), &notice).ok());
  const size_t events_before = ChangeEvents(database_);
  grpc::Status status = ConfirmMeeting(*stub_, notice.name());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(DetailsOf(status).reason, "SAFETY_UNAVAILABLE");
  EXPECT_EQ(DetailsOf(status).metadata["room"], kRoom301);
  EXPECT_THAT(status.error_message(), HasSubstr("could not be checked"));
  EXPECT_THAT(status.error_message(), HasSubstr("nothing was held"));
  EXPECT_THAT(status.error_message(), HasSubstr("retry when the safety service is back"));
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM occupancies"), 0);
  EXPECT_EQ(database_.QueryInt("SELECT state FROM meetings"), 1);  // SUBMITTED
  EXPECT_EQ(ChangeEvents(database_), events_before);

  // Calls that hold no room do not need safety.
  v1::RejectMeetingRequest reject;
  reject.set_name(notice.name());
  reject.set_reason("会议室维修");
  v1::RejectMeetingResponse rejected;
  EXPECT_TRUE(stub_->RejectMeeting(CallContext().get(), reject, &rejected).ok());
}

TEST_F(SafetyDownTest, ASeriesConfirmStopsUnavailableAndHoldsNothing) {
  v1::CreateMeetingSeriesRequest create;
  *create.mutable_meeting() = SampleMeeting(kRoom301, Local(7, 9), Local(7, 10));
  create.mutable_recurrence()->set_frequency(v1::FREQUENCY_WEEKLY);
  create.mutable_recurrence()->set_count(2);
  v1::CreateMeetingSeriesResponse series;
  ASSERT_TRUE(stub_->CreateMeetingSeries(CallContext().get(), create, &series).ok());
  v1::ConfirmMeetingSeriesRequest confirm;
  confirm.set_name(series.series().name());
  v1::ConfirmMeetingSeriesResponse response;
  grpc::Status status = stub_->ConfirmMeetingSeries(CallContext().get(), confirm, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(DetailsOf(status).reason, "SAFETY_UNAVAILABLE");
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM occupancies"), 0);
}

}  // namespace
}  // namespace huiwu::testing
