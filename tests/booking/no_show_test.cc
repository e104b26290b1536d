// The no-show release (无人签到) against the real MariaDB, on the fixture's manual clock:
// a NoShowReleaser built here over the fixture's database sweeps exactly as the service's
// periodic job does, without waiting for it.
#include <algorithm>
#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "common/db/pool.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "huiwu/booking/v1/events.pb.h"
#include "services/booking/booking_spec.h"
#include "services/booking/no_show_releaser.h"
#include "services/booking/store/booking_store.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/booking/outbox_test_util.h"
#include "tests/support/grpc_errors.h"
#include "tests/support/poll.h"
#include "tests/support/service_fixture.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;

constexpr char kRoom301[] = "buildings/city-hall/rooms/301";
constexpr char kRoom302[] = "buildings/city-hall/rooms/302";
constexpr char kVipRoom[] = "buildings/city-hall/rooms/vip";

class NoShowTest : public BookingFixture {
 protected:
  void SetUp() override {
    BookingFixture::SetUp();
    SeedRooms(*stub_);
    v1::Room vip = SampleRoom("贵宾室", 20);
    vip.set_vip(true);
    ASSERT_TRUE(CreateRoom(*stub_, "city-hall", "vip", vip).ok());
    pool_ = std::make_unique<db::ConnectionPool>(database_.config(), nullptr);
    store_ = std::make_unique<booking::BookingStore>(*pool_, policy_.LongestMeeting());
    releaser_ = std::make_unique<booking::NoShowReleaser>(*store_, clock_, policy_);
  }

  void TearDown() override {
    releaser_.reset();
    store_.reset();
    pool_.reset();
    BookingFixture::TearDown();
  }

  std::string Book(const v1::Meeting& meeting) {
    v1::Meeting created;
    if (!CreateMeeting(*stub_, meeting, &created).ok()) return "";
    if (!ConfirmMeeting(*stub_, created.name()).ok()) return "";
    return created.name();
  }

  v1::Meeting Get(const std::string& name) {
    v1::GetMeetingRequest request;
    request.set_name(name);
    v1::GetMeetingResponse response;
    EXPECT_TRUE(stub_->GetMeeting(CallContext().get(), request, &response).ok());
    return response.meeting();
  }

  std::unique_ptr<db::ConnectionPool> pool_;
  std::unique_ptr<booking::BookingStore> store_;
  std::unique_ptr<booking::NoShowReleaser> releaser_;
};

TEST_F(NoShowTest, ReleasedAtThirtyMinutesNotAtTwentyNineAndTheRoomIsFree) {
  // An internal meeting is released 30 minutes after its start.
  const std::string meeting = Book(SampleMeeting(kRoom301, Local(2, 9), Local(2, 10)));
  ASSERT_FALSE(meeting.empty());
  // Another notice wants 301 from 09:45: taken while the first holds the room.
  v1::Meeting waiting;
  ASSERT_TRUE(
      CreateMeeting(*stub_, SampleMeeting(kRoom301, Local(2, 9, 45), Local(2, 11)), &waiting).ok());
  EXPECT_EQ(DetailsOf(ConfirmMeeting(*stub_, waiting.name())).reason, "ROOM_CONFLICT");

  clock_.Set(Local(2, 9, 29));
  EXPECT_EQ(releaser_->RunOnce(), 0);
  EXPECT_EQ(Get(meeting).state(), v1::MEETING_STATE_CONFIRMED);

  clock_.Set(Local(2, 9, 30));
  EXPECT_EQ(releaser_->RunOnce(), 1);
  const v1::Meeting released = Get(meeting);
  EXPECT_EQ(released.state(), v1::MEETING_STATE_CANCELLED);
  EXPECT_EQ(released.state_reason(), "无人签到: released 30 minutes after start");
  ASSERT_EQ(released.history_size(), 3);
  EXPECT_EQ(released.history(2).from_state(), v1::MEETING_STATE_CONFIRMED);
  EXPECT_EQ(released.history(2).to_state(), v1::MEETING_STATE_CANCELLED);
  EXPECT_EQ(released.history(2).actor(), "system/no-show");
  EXPECT_EQ(api::FromTimestamp(released.history(2).time()), Local(2, 9, 30));
  EXPECT_FALSE(released.has_occupancy_start_time());

  // Idempotent: a second sweep finds nothing more to do.
  EXPECT_EQ(releaser_->RunOnce(), 0);
  // One MeetingNoShowReleased, with the meeting as GetMeeting answers it (no attendees or
  // history), however many sweeps.
  const std::vector<OutboxRow> released_events = ReadOutbox(database_);
  const std::vector<std::string> types = OutboxTypes(database_);
  ASSERT_EQ(types.back(), "MeetingNoShowReleased");
  EXPECT_EQ(std::count(types.begin(), types.end(), "MeetingNoShowReleased"), 1);
  v1::Meeting expected = released;
  expected.clear_history();
  EXPECT_EQ(released_events.back().PayloadAs<v1::MeetingNoShowReleased>().meeting().DebugString(),
            expected.DebugString());
  // The room is free: the waiting notice can now be confirmed there.
  EXPECT_TRUE(ConfirmMeeting(*stub_, waiting.name()).ok());
}

TEST_F(NoShowTest, VipMeetingsAreNeverReleased) {
  v1::Meeting reception = SampleMeeting(kRoom301, Local(3, 9), Local(3, 10));
  reception.set_kind(v1::MEETING_KIND_VIP_RECEPTION);
  v1::Meeting vip_notice = SampleMeeting(kRoom302, Local(3, 9), Local(3, 10));
  vip_notice.mutable_requirements()->set_vip(true);
  v1::Meeting in_vip_room = SampleMeeting(kVipRoom, Local(3, 9), Local(3, 10));
  const std::string vip[] = {Book(reception), Book(vip_notice), Book(in_vip_room)};
  // The control: an ordinary internal meeting, due at the same time.
  const std::string ordinary = Book(SampleMeeting(kRoom301, Local(3, 11), Local(3, 12)));
  for (const std::string& name : vip) ASSERT_FALSE(name.empty());
  ASSERT_FALSE(ordinary.empty());

  clock_.Set(Local(3, 18));
  EXPECT_EQ(releaser_->RunOnce(), 1);
  EXPECT_EQ(Get(ordinary).state(), v1::MEETING_STATE_CANCELLED);
  for (const std::string& name : vip) {
    SCOPED_TRACE(name);
    EXPECT_EQ(Get(name).state(), v1::MEETING_STATE_CONFIRMED);
  }
}

TEST_F(NoShowTest, AMeetingWithOneSignInIsKept) {
  v1::Meeting meeting = SampleMeeting(kRoom301, Local(2, 9), Local(2, 10));
  meeting.add_attendees()->set_name("李主任");
  meeting.add_attendees()->set_name("张科长");
  const std::string name = Book(meeting);
  ASSERT_FALSE(name.empty());
  // One of the two signs in, through the API.
  clock_.Set(Local(2, 8, 55));
  v1::SignInRequest sign_in;
  sign_in.set_meeting(name);
  sign_in.set_attendee_id("a1");
  v1::SignInResponse signed_in;
  ASSERT_TRUE(stub_->SignIn(CallContext().get(), sign_in, &signed_in).ok());

  clock_.Set(Local(2, 12));
  EXPECT_EQ(releaser_->RunOnce(), 0);
  EXPECT_EQ(Get(name).state(), v1::MEETING_STATE_CONFIRMED);

  // A sweep that read the meeting before the sign-in would still not release it: the
  // release re-checks the sign-ins under the meeting's row lock.
  booking::TransitionCommand release;
  release.action = booking::MeetingAction::kReleaseNoShow;
  release.method = "ReleaseNoShow";
  release.actor = booking::kNoShowActor;
  release.reason = "无人签到";
  auto refused =
      store_->Transition(name.substr(std::string("meetings/").size()), release, clock_.Now());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Get(name).state(), v1::MEETING_STATE_CONFIRMED);
}

TEST_F(NoShowTest, ReplicasSweepingAtOnceReleaseEachMeetingOnce) {
  const std::string first = Book(SampleMeeting(kRoom301, Local(2, 9), Local(2, 10)));
  const std::string second = Book(SampleMeeting(kRoom302, Local(2, 9), Local(2, 10)));
  ASSERT_FALSE(first.empty() || second.empty());
  clock_.Set(Local(2, 10));
  // Each "replica" has its own pool and store, as separate processes would.
  db::ConnectionPool other_pool(database_.config(), nullptr);
  booking::BookingStore other_store(other_pool, policy_.LongestMeeting());
  booking::NoShowReleaser other(other_store, clock_, policy_);
  std::atomic<int> released{0};
  std::thread a([&] { released += releaser_->RunOnce(); });
  std::thread b([&] { released += other.RunOnce(); });
  a.join();
  b.join();
  EXPECT_EQ(released.load(), 2);
  for (const std::string& name : {first, second}) {
    const v1::Meeting meeting = Get(name);
    EXPECT_EQ(meeting.state(), v1::MEETING_STATE_CANCELLED);
    EXPECT_EQ(meeting.history_size(), 3) << "released exactly once";
  }
}

TEST_F(NoShowTest, TheServiceRunsTheReleaseAsAPeriodicJob) {
  const std::string meeting = Book(SampleMeeting(kRoom301, Local(2, 9), Local(2, 10)));
  const std::string later = Book(SampleMeeting(kRoom302, Local(2, 10), Local(2, 11)));
  ASSERT_FALSE(meeting.empty() || later.empty());
  clock_.Set(Local(2, 9, 30));
  // A second replica on the same database, as main() builds it, sweeping every 20 ms.
  config::ServerConfig config;
  config.host = "127.0.0.1";
  config.grpc_port = 0;
  config.metrics_port = -1;
  config.max_threads = 8;
  config.health_check_interval = absl::Milliseconds(200);
  config.database = database_.config();
  config.tls = huiwu::testing::PlaintextTls();
  auto replica = server::ServiceHost::Start(
      booking::BookingServiceSpec(clock_, policy_, absl::Milliseconds(20)), config,
      absl::Seconds(10));
  ASSERT_TRUE(replica.ok()) << replica.status();
  EXPECT_TRUE(PollUntil([&] { return Get(meeting).state() == v1::MEETING_STATE_CANCELLED; },
                        absl::Seconds(10)));
  (*replica)->Shutdown(absl::Seconds(1));
  EXPECT_EQ(Get(later).state(), v1::MEETING_STATE_CONFIRMED);  // not due yet at 09:30
}

}  // namespace
}  // namespace huiwu::testing
