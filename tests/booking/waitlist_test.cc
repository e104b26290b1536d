// The waitlist (候补) through real gRPC against MariaDB: joining, leaving, and the
// promotion of the first waiting notice that fits when the holder cancels or is
// released as a no-show — in the release's own transaction, with its history entry and
// events — confirmed or only offered per the room's waitlist_mode.
#include <algorithm>
#include <memory>

#include "absl/strings/str_cat.h"
#include "common/db/pool.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "huiwu/booking/v1/events.pb.h"
#include "services/booking/no_show_releaser.h"
#include "services/booking/store/booking_store.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/booking/outbox_test_util.h"
#include "tests/booking/waitlist_test_util.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;

constexpr char kRoom301[] = "buildings/city-hall/rooms/301";
constexpr char kRoom302[] = "buildings/city-hall/rooms/302";

class WaitlistTest : public BookingFixture {
 protected:
  void SetUp() override {
    BookingFixture::SetUp();
    SeedRooms(*stub_);
    // 301 is held 09:30–12:30 (10:00–12:00 and its 30-minute buffers) on Dec 3.
    holder_ = BookMeeting(*stub_, kRoom301, Local(3, 10), Local(3, 12));
    ASSERT_FALSE(holder_.empty());
  }

  std::string Waiting(absl::Time start, absl::Time end) {
    const std::string name = Notice(*stub_, SampleMeeting(kRoom301, start, end));
    EXPECT_FALSE(name.empty());
    grpc::Status status = WaitlistMeeting(*stub_, name);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return name;
  }

  void SetWaitlistMode(v1::WaitlistMode mode) {
    v1::UpdateRoomRequest request;
    request.mutable_room()->set_name(kRoom301);
    request.mutable_room()->set_waitlist_mode(mode);
    request.mutable_update_mask()->add_paths("waitlist_mode");
    v1::UpdateRoomResponse response;
    grpc::Status status = stub_->UpdateRoom(CallContext().get(), request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  int Entries() { return database_.QueryInt("SELECT COUNT(*) FROM waitlist_entries"); }

  std::string holder_;
};

TEST_F(WaitlistTest, JoiningShowsThePlaceWithTheHolderInTheHistory) {
  const std::string name = Notice(*stub_, SampleMeeting(kRoom301, Local(3, 11), Local(3, 12)));
  v1::Meeting waiting;
  grpc::Status status = WaitlistMeeting(*stub_, name, &waiting);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(waiting.state(), v1::MEETING_STATE_SUBMITTED);
  EXPECT_EQ(waiting.waitlist().room(), kRoom301);
  EXPECT_EQ(api::FromTimestamp(waiting.waitlist().join_time()), DefaultTestNow());
  EXPECT_EQ(api::FromTimestamp(waiting.waitlist().expire_time()), Local(3, 11));
  EXPECT_FALSE(waiting.waitlist().has_offer_time());
  EXPECT_THAT(waiting.history().rbegin()->reason(), ::testing::HasSubstr(holder_));
  // GetMeeting shows it too.
  EXPECT_EQ(GetMeeting(*stub_, name).waitlist().room(), kRoom301);
}

TEST_F(WaitlistTest, RefusedWhenFreeAlreadyWaitingOrNotANoticeForAFutureSlot) {
  // Free over its slot: confirm instead.
  const std::string free_slot = Notice(*stub_, SampleMeeting(kRoom301, Local(3, 14), Local(3, 15)));
  EXPECT_EQ(DetailsOf(WaitlistMeeting(*stub_, free_slot)).reason, "ROOM_AVAILABLE");
  // A notice waits once.
  const std::string waiting = Waiting(Local(3, 11), Local(3, 12));
  grpc::Status again = WaitlistMeeting(*stub_, waiting);
  EXPECT_EQ(again.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(DetailsOf(again).reason, "ALREADY_WAITLISTED");
  // No room named.
  const std::string roomless = Notice(*stub_, SampleMeeting("", Local(3, 11), Local(3, 12)));
  EXPECT_EQ(DetailsOf(WaitlistMeeting(*stub_, roomless)).reason, "ROOM_REQUIRED");
  // The holder itself is CONFIRMED, not a notice.
  EXPECT_EQ(DetailsOf(WaitlistMeeting(*stub_, holder_)).reason, "INVALID_STATE_TRANSITION");
  // Started already.
  const std::string late = Notice(*stub_, SampleMeeting(kRoom301, Local(3, 11), Local(3, 12)));
  clock_.Set(Local(3, 11));
  EXPECT_EQ(DetailsOf(WaitlistMeeting(*stub_, late)).reason, "SLOT_PASSED");
  EXPECT_EQ(Entries(), 1);
}

TEST_F(WaitlistTest, HolderCancelsAndTheFirstWaitingNoticeIsConfirmedInTheSameTransaction) {
  const std::string first = Waiting(Local(3, 11), Local(3, 12));
  clock_.Advance(absl::Minutes(1));
  const std::string second = Waiting(Local(3, 10, 30), Local(3, 11, 30));
  ASSERT_TRUE(CancelMeeting(*stub_, holder_).ok());

  const v1::Meeting promoted = GetMeeting(*stub_, first);
  EXPECT_EQ(promoted.state(), v1::MEETING_STATE_CONFIRMED);
  EXPECT_FALSE(promoted.has_waitlist());
  const v1::StateChange& change = *promoted.history().rbegin();
  EXPECT_EQ(change.from_state(), v1::MEETING_STATE_SUBMITTED);
  EXPECT_EQ(change.to_state(), v1::MEETING_STATE_CONFIRMED);
  EXPECT_THAT(change.reason(), ::testing::HasSubstr("from the waitlist of"));
  EXPECT_THAT(change.reason(), ::testing::HasSubstr(holder_));
  // The second overlaps the first: it keeps waiting.
  const v1::Meeting still = GetMeeting(*stub_, second);
  EXPECT_EQ(still.state(), v1::MEETING_STATE_SUBMITTED);
  EXPECT_EQ(still.waitlist().room(), kRoom301);

  const std::vector<std::string> types = OutboxTypes(database_);
  ASSERT_GE(types.size(), 3u);
  EXPECT_THAT(
      std::vector<std::string>(types.end() - 3, types.end()),
      ::testing::ElementsAre("MeetingCancelled", "MeetingConfirmed", "MeetingWaitlistPromoted"));
  const auto event = ReadOutbox(database_).back().PayloadAs<v1::MeetingWaitlistPromoted>();
  EXPECT_TRUE(event.confirmed());
  EXPECT_EQ(event.freed_by(), holder_);
  EXPECT_EQ(event.meeting().name(), first);
  EXPECT_EQ(Entries(), 1);
}

TEST_F(WaitlistTest, WaitsForOtherDaysQueuedFirstDoNotHideTheFreedSlotsNotice) {
  // Twelve notices wait for 301 on later days (each day's holder keeps its room), more
  // than one release examines; the freed slot's notice joined after all of them.
  for (int day = 10; day < 22; ++day) {
    ASSERT_FALSE(BookMeeting(*stub_, kRoom301, Local(day, 10), Local(day, 12)).empty());
    Waiting(Local(day, 11), Local(day, 12));
  }
  clock_.Advance(absl::Minutes(1));
  const std::string waiting = Waiting(Local(3, 11), Local(3, 12));
  ASSERT_TRUE(CancelMeeting(*stub_, holder_).ok());
  EXPECT_EQ(GetMeeting(*stub_, waiting).state(), v1::MEETING_STATE_CONFIRMED);
  EXPECT_EQ(Entries(), 12);
}

TEST_F(WaitlistTest, InOfferModeTheSlotIsOfferedAndTheDispatchHubConfirms) {
  SetWaitlistMode(v1::WAITLIST_MODE_OFFER);
  const std::string waiting = Waiting(Local(3, 11), Local(3, 12));
  const std::string etag_before = GetMeeting(*stub_, waiting).etag();
  clock_.Advance(absl::Minutes(5));
  ASSERT_TRUE(CancelMeeting(*stub_, holder_).ok());

  const v1::Meeting offered = GetMeeting(*stub_, waiting);
  EXPECT_EQ(offered.state(), v1::MEETING_STATE_SUBMITTED);
  EXPECT_EQ(api::FromTimestamp(offered.waitlist().offer_time()),
            DefaultTestNow() + absl::Minutes(5));
  EXPECT_NE(offered.etag(), etag_before);
  EXPECT_THAT(offered.history().rbegin()->reason(), ::testing::HasSubstr("offered"));
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM occupancies"), 0);
  const auto event = ReadOutbox(database_).back().PayloadAs<v1::MeetingWaitlistPromoted>();
  EXPECT_FALSE(event.confirmed());

  grpc::Status confirmed = ConfirmMeeting(*stub_, waiting);
  EXPECT_TRUE(confirmed.ok()) << confirmed.error_message();
  EXPECT_FALSE(GetMeeting(*stub_, waiting).has_waitlist());
}

TEST_F(WaitlistTest, LeavingEndsTheWaitAndNothingIsPromoted) {
  const std::string waiting = Waiting(Local(3, 11), Local(3, 12));
  v1::Meeting left;
  ASSERT_TRUE(LeaveWaitlist(*stub_, waiting, &left).ok());
  EXPECT_FALSE(left.has_waitlist());
  EXPECT_THAT(left.history().rbegin()->reason(), ::testing::HasSubstr("left the waitlist"));
  EXPECT_EQ(DetailsOf(LeaveWaitlist(*stub_, waiting)).reason, "NOT_WAITLISTED");
  ASSERT_TRUE(CancelMeeting(*stub_, holder_).ok());
  EXPECT_EQ(GetMeeting(*stub_, waiting).state(), v1::MEETING_STATE_SUBMITTED);
}

TEST_F(WaitlistTest, ANoticeMovedToAnotherRoomNoLongerWaitsAndIsNotPromoted) {
  const std::string waiting = Waiting(Local(3, 11), Local(3, 12));
  v1::RescheduleMeetingRequest request;
  request.set_name(waiting);
  *request.mutable_start_time() = api::ToTimestamp(Local(3, 11));
  *request.mutable_end_time() = api::ToTimestamp(Local(3, 12));
  request.set_room(kRoom302);
  v1::RescheduleMeetingResponse response;
  ASSERT_TRUE(stub_->RescheduleMeeting(CallContext().get(), request, &response).ok());
  EXPECT_FALSE(GetMeeting(*stub_, waiting).has_waitlist());
  ASSERT_TRUE(CancelMeeting(*stub_, holder_).ok());
  EXPECT_EQ(GetMeeting(*stub_, waiting).state(), v1::MEETING_STATE_SUBMITTED);
  EXPECT_EQ(Entries(), 0);  // the stale entry was removed by the release
}

TEST_F(WaitlistTest, NoShowReleasePromotesAWaitingNoticeAndDropsALapsedOne) {
  // The holder is released 30 minutes after its 10:00 start; a notice whose slot began
  // at 10:15 has lapsed by then, one from 11:00 still fits.
  const std::string lapsed = Waiting(Local(3, 10, 15), Local(3, 11));
  clock_.Advance(absl::Minutes(1));
  const std::string later = Waiting(Local(3, 11), Local(3, 12));
  db::ConnectionPool pool(database_.config(), nullptr);
  booking::BookingStore store(pool, policy_.LongestMeeting());
  booking::NoShowReleaser releaser(store, clock_, policy_);
  clock_.Set(Local(3, 10, 30));
  ASSERT_EQ(releaser.RunOnce(), 1);

  EXPECT_EQ(GetMeeting(*stub_, holder_).state(), v1::MEETING_STATE_CANCELLED);
  EXPECT_EQ(GetMeeting(*stub_, lapsed).state(), v1::MEETING_STATE_SUBMITTED);
  EXPECT_FALSE(GetMeeting(*stub_, lapsed).has_waitlist());
  const v1::Meeting promoted = GetMeeting(*stub_, later);
  EXPECT_EQ(promoted.state(), v1::MEETING_STATE_CONFIRMED);
  EXPECT_EQ(promoted.history().rbegin()->actor(), "system/no-show");
  EXPECT_EQ(Entries(), 0);
}

TEST_F(WaitlistTest, RetryWithTheSameRequestIdReturnsTheFirstResult) {
  const std::string name = Notice(*stub_, SampleMeeting(kRoom301, Local(3, 11), Local(3, 12)));
  v1::WaitlistMeetingRequest request;
  request.set_name(name);
  request.set_request_id("wait-1");
  v1::WaitlistMeetingResponse first;
  v1::WaitlistMeetingResponse retry;
  ASSERT_TRUE(stub_->WaitlistMeeting(CallContext().get(), request, &first).ok());
  grpc::Status status = stub_->WaitlistMeeting(CallContext().get(), request, &retry);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(retry.meeting().waitlist().room(), kRoom301);
  EXPECT_EQ(retry.meeting().etag(), first.meeting().etag());
  EXPECT_EQ(Entries(), 1);
}

}  // namespace
}  // namespace huiwu::testing
