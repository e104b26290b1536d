// Room clearance on confirm (DESIGN §2), against a REAL safety service in-process (its own
// host and database, reached over gRPC as in production): booking holds a room only when
// safety clears it, and holds nothing when safety cannot be asked (fail closed) — also
// when a release promotes a waiting notice (候补): a room safety does not clear gets an
// offer, not a confirmed meeting.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/db/pool.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "huiwu/booking/v1/events.pb.h"
#include "services/booking/no_show_releaser.h"
#include "services/booking/room_clearance.h"
#include "services/booking/store/booking_store.h"
#include "services/safety/safety_spec.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/booking/outbox_test_util.h"
#include "tests/booking/waitlist_test_util.h"
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

// 候补: 301 is held 09:30–12:30 on 3 December (cleared when it was confirmed) and a
// notice for 11:00–12:00 waits for it; the room confirms waiting notices itself
// (WAITLIST_MODE_AUTO_CONFIRM, the default).
class WaitlistClearanceTest : public RoomClearanceTest {
 protected:
  void SetUp() override {
    RoomClearanceTest::SetUp();
    holder_ = BookMeeting(*stub_, kRoom301, Local(3, 10), Local(3, 12));
    ASSERT_FALSE(holder_.empty());
    waiting_ = Notice(kRoom301, Local(3, 11), Local(3, 12)).name();
    const grpc::Status joined = WaitlistMeeting(*stub_, waiting_);
    ASSERT_TRUE(joined.ok()) << joined.error_message();
  }

  // The waiting notice was offered the slot, not confirmed, and its history says why.
  void ExpectOfferedBecause(const std::string& why) {
    const v1::Meeting offered = Get(waiting_);
    EXPECT_EQ(offered.state(), v1::MEETING_STATE_SUBMITTED);
    EXPECT_TRUE(offered.waitlist().has_offer_time());
    const std::string& reason = offered.history().rbegin()->reason();
    EXPECT_THAT(reason, HasSubstr("offered from the waitlist of buildings/city-hall/rooms/301"));
    EXPECT_THAT(reason, HasSubstr(holder_));
    EXPECT_THAT(reason, HasSubstr("not confirmed"));
    EXPECT_THAT(reason, HasSubstr(why));
    EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM occupancies"), 0) << "nothing is held";
    std::vector<OutboxRow> events = ReadOutbox(database_);
    // The hazard's flags are written whenever booking's consumer gets to them.
    std::erase_if(events, [](const OutboxRow& e) { return e.type == "MeetingFlagged"; });
    ASSERT_FALSE(events.empty());
    const OutboxRow& last = events.back();
    ASSERT_EQ(last.type, "MeetingWaitlistPromoted");
    const auto promoted = last.PayloadAs<v1::MeetingWaitlistPromoted>();
    EXPECT_FALSE(promoted.confirmed());
    EXPECT_EQ(promoted.freed_by(), holder_);
  }

  std::string holder_;
  std::string waiting_;
};

TEST_F(WaitlistClearanceTest, AnOpenBlockingHazardMakesThePromotionAnOfferSayingWhy) {
  const sv1::Hazard hazard =
      Report(*safety_stub_, SampleHazard(kRoom301, sv1::HAZARD_SEVERITY_HIGH));
  const grpc::Status cancelled = CancelMeeting(*stub_, holder_);
  ASSERT_TRUE(cancelled.ok()) << cancelled.error_message();
  EXPECT_EQ(Get(holder_).state(), v1::MEETING_STATE_CANCELLED);
  ExpectOfferedBecause(
      absl::StrCat("safety has not cleared the room (ROOM_NOT_CLEARED: ", hazard.name(), ")"));
  // The dispatch hub confirms it once safety clears the room; until then it is refused.
  EXPECT_EQ(DetailsOf(ConfirmMeeting(*stub_, waiting_)).reason, "ROOM_NOT_CLEARED");
}

TEST_F(WaitlistClearanceTest, AClearRoomConfirmsTheWaitingNoticeAsBefore) {
  Report(*safety_stub_, SampleHazard(kRoom302, sv1::HAZARD_SEVERITY_HIGH));  // another room
  ASSERT_TRUE(CancelMeeting(*stub_, holder_).ok());
  const v1::Meeting promoted = Get(waiting_);
  EXPECT_EQ(promoted.state(), v1::MEETING_STATE_CONFIRMED);
  EXPECT_EQ(promoted.history().rbegin()->reason(),
            absl::StrCat("confirmed from the waitlist of buildings/city-hall/rooms/301: ", holder_,
                         " gave the room up"));
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM occupancies"), 1);
}

// A critical hazard elsewhere in the building blocks the room too (what clearance
// blocks), and the no-show release asks safety as a cancel does.
TEST_F(WaitlistClearanceTest, ANoShowReleaseOffersWhenTheBuildingHasACriticalHazard) {
  const sv1::Hazard hazard =
      Report(*safety_stub_, SampleHazard(kRoom302, sv1::HAZARD_SEVERITY_CRITICAL));
  db::ConnectionPool pool(database_.config(), nullptr);
  booking::BookingStore store(pool, policy_.LongestMeeting());
  booking::RoomClearance clearance(peers_.safety, PlaintextTls(), absl::Seconds(5));
  booking::NoShowReleaser releaser(store, clock_, policy_, clearance.check());
  clock_.Set(Local(3, 10, 30));
  ASSERT_EQ(releaser.RunOnce(), 1);
  EXPECT_EQ(Get(holder_).state(), v1::MEETING_STATE_CANCELLED);
  ExpectOfferedBecause(hazard.name());
  EXPECT_EQ(Get(waiting_).history().rbegin()->actor(), "system/no-show");
}

// Safety does not answer: the cancel still goes through (a release never waits on
// safety's good will), and the waiting notice is offered, not confirmed unchecked.
TEST_F(WaitlistClearanceTest, WhenSafetyCannotBeAskedTheCancelGoesThroughAndTheNoticeIsOffered) {
  safety_->Shutdown(absl::Seconds(1));
  const grpc::Status cancelled = CancelMeeting(*stub_, holder_);
  ASSERT_TRUE(cancelled.ok()) << cancelled.error_message();
  EXPECT_EQ(Get(holder_).state(), v1::MEETING_STATE_CANCELLED);
  ExpectOfferedBecause("safety could not be asked whether the room is clear (SAFETY_UNAVAILABLE)");
}

// The rest of a series given up at once: each freed room's waiting notice is cleared
// first, like a single cancel's.
TEST_F(WaitlistClearanceTest, CancellingTheRestOfASeriesOffersInABlockedRoom) {
  v1::CreateMeetingSeriesRequest create;
  *create.mutable_meeting() = SampleMeeting(kRoom301, Local(7, 9), Local(7, 10));
  create.mutable_recurrence()->set_frequency(v1::FREQUENCY_WEEKLY);
  create.mutable_recurrence()->set_count(2);
  v1::CreateMeetingSeriesResponse series;
  ASSERT_TRUE(stub_->CreateMeetingSeries(CallContext().get(), create, &series).ok());
  v1::ConfirmMeetingSeriesRequest confirm;
  confirm.set_name(series.series().name());
  v1::ConfirmMeetingSeriesResponse confirmed;
  ASSERT_TRUE(stub_->ConfirmMeetingSeries(CallContext().get(), confirm, &confirmed).ok());
  ASSERT_EQ(confirmed.results(1).outcome(), v1::OCCURRENCE_OUTCOME_CONFIRMED);
  // A notice waits for the second occurrence's slot; then a hazard is reported.
  const std::string later = Notice(kRoom301, Local(14, 9, 30), Local(14, 10, 30)).name();
  ASSERT_TRUE(WaitlistMeeting(*stub_, later).ok());
  const sv1::Hazard hazard =
      Report(*safety_stub_, SampleHazard(kRoom301, sv1::HAZARD_SEVERITY_HIGH));

  v1::CancelMeetingRequest cancel;
  cancel.set_name(confirmed.results(0).meeting());
  cancel.set_reason("例会取消");
  cancel.set_scope(v1::SERIES_SCOPE_THIS_AND_FOLLOWING);
  v1::CancelMeetingResponse cancelled;
  ASSERT_TRUE(stub_->CancelMeeting(CallContext().get(), cancel, &cancelled).ok());
  ASSERT_EQ(cancelled.cancelled_meetings_size(), 2);
  const v1::Meeting offered = Get(later);
  EXPECT_EQ(offered.state(), v1::MEETING_STATE_SUBMITTED);
  EXPECT_TRUE(offered.waitlist().has_offer_time());
  EXPECT_THAT(offered.history().rbegin()->reason(), HasSubstr(hazard.name()));
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
