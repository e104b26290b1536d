// Booking's races that only Galera can lose: two writers on two nodes, each holding a row
// lock that exists only on its own node, so that nothing but a row both of them write
// lets certification refuse one at commit (DESIGN §4). Two booking replicas in-process,
// one on node 0 and one on node 1, of one real 3-node cluster on loopback started once
// for all the races (ctest runs this binary as one test); each race has its own database
// and checks every node on its own afterwards.
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/barrier.h"
#include "absl/time/clock.h"
#include "common/db/pool.h"
#include "gtest/gtest.h"
#include "services/booking/booking_spec.h"
#include "services/booking/store/booking_store.h"
#include "tests/booking/catalog_test_util.h"
#include "tests/booking/meeting_race_util.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/booking/room_race_util.h"
#include "tests/booking/sign_in_race_util.h"
#include "tests/booking/waitlist_test_util.h"
#include "tests/support/galera_cluster.h"
#include "tests/support/service_fixture.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;

constexpr int kRounds = 100;
constexpr char kRoom301[] = "buildings/city-hall/rooms/301";

class GaleraBookingRacesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { cluster_ = new GaleraCluster(); }
  static void TearDownTestSuite() {
    delete cluster_;
    cluster_ = nullptr;
  }

  // Replica i (0, 1) on node i of `database`, with a store of its own on node i for what
  // a replica does without an RPC (the no-show sweep). Replica 0 migrates first: the
  // migration lock (GET_LOCK) holds only on its node.
  void StartReplicas(const std::string& database) {
    database_ = database;
    for (int node = 0; node < 2; ++node) {
      if (node == 1) {
        // A causal read: node 1 has the schema before its replica starts.
        ASSERT_EQ(Count(1, "SELECT COUNT(*) FROM schema_migrations"),
                  Count(0, "SELECT COUNT(*) FROM schema_migrations"));
      }
      auto host = StartTestHost(booking::BookingServiceSpec(clock_, policy_),
                                cluster_->NodeConfig(node, database));
      ASSERT_TRUE(host.ok()) << host.status();
      hosts_.push_back(std::move(host).value());
      stubs_.push_back(v1::BookingService::NewStub(NewTestChannel(hosts_.back()->grpc_port())));
      config::DatabaseConfig config = cluster_->NodeConfig(node, database);
      config.pool_size = 4;
      pools_.push_back(std::make_unique<db::ConnectionPool>(config, nullptr));
      stores_.push_back(
          std::make_unique<booking::BookingStore>(*pools_.back(), policy_.LongestMeeting()));
    }
  }

  void TearDown() override {
    stores_.clear();
    pools_.clear();
    stubs_.clear();
    for (auto& host : hosts_) host->Shutdown(absl::Seconds(1));
    hosts_.clear();
  }

  // A causal read of one node (it sees every commit of the cluster so far).
  int64_t Count(int node, const std::string& sql) const {
    return cluster_->QueryInt(node, database_, sql);
  }

  static GaleraCluster* cluster_;
  std::string database_;
  ManualClock clock_{DefaultTestNow()};
  booking::SchedulingPolicy policy_;
  std::vector<std::unique_ptr<server::ServiceHost>> hosts_;
  std::vector<std::unique_ptr<v1::BookingService::Stub>> stubs_;
  std::vector<std::unique_ptr<db::ConnectionPool>> pools_;
  std::vector<std::unique_ptr<booking::BookingStore>> stores_;
};

GaleraCluster* GaleraBookingRacesTest::cluster_ = nullptr;

// A late arrival signs in through one node while the other node's replica releases the
// meeting as a no-show (无人签到). Each holds the meeting row locked on its own node only;
// the sign-in writes that row too (sign_in_seq), so the later commit is refused, retried,
// and then sees the winner: never a sign-in recorded in a meeting released as a no-show.
TEST_F(GaleraBookingRacesTest, SignInAgainstNoShowReleaseOnTwoNodesNeverBothWin) {
  ASSERT_NO_FATAL_FAILURE(StartReplicas("huiwu_booking_sign_in_race"));
  ASSERT_TRUE(CreateBuilding(*stubs_[0], "city-hall", "市政府大楼").ok());
  ASSERT_TRUE(CreateRoom(*stubs_[0], "city-hall", "301", SampleRoom("301会议室", 30)).ok());
  std::vector<std::string> meetings;
  for (int i = 0; i < kRounds; ++i) {
    const absl::Time start = Local(2, 8) + absl::Hours(3 * i);
    v1::Meeting notice = SampleMeeting(kRoom301, start, start + absl::Hours(1));
    notice.add_attendees()->set_name("李主任");
    v1::Meeting created;
    ASSERT_TRUE(CreateMeeting(*stubs_[0], notice, &created).ok());
    ASSERT_TRUE(ConfirmMeeting(*stubs_[0], created.name()).ok());
    meetings.push_back(created.name());
  }
  ASSERT_EQ(Count(1, "SELECT COUNT(*) FROM occupancies"), kRounds);
  // After every start: each sign-in is open (CONFIRMED) and each release is due.
  clock_.Set(Local(28, 9));

  const int64_t refused_before = cluster_->RefusedCommits(database_);
  const absl::Time race_start = absl::Now();
  int sign_ins_won = 0;
  int releases_won = 0;
  int both_won = 0;
  for (int i = 0; i < kRounds; ++i) {
    SCOPED_TRACE(meetings[i]);
    // The attendee through node i % 2, the sweep on the other node.
    const int door = i % 2;
    const SignInRace race =
        RaceSignInAgainstRelease(*stubs_[door], *stores_[1 - door], meetings[i], clock_.Now());
    ExpectOneWinner(race);
    sign_ins_won += race.sign_in.ok();
    releases_won += race.release.ok();
    both_won += race.sign_in.ok() && race.release.ok();
  }
  const absl::Duration race_time = absl::Now() - race_start;
  EXPECT_EQ(both_won, 0);
  for (int node = 0; node < GaleraCluster::kNodes; ++node) {
    SCOPED_TRACE(absl::StrCat("node ", node));
    EXPECT_EQ(Count(node, kReleasedDespiteSignIn), 0);
    EXPECT_EQ(Count(node, "SELECT COUNT(*) FROM sign_ins"), sign_ins_won);
    EXPECT_EQ(Count(node, "SELECT COUNT(*) FROM meeting_history WHERE actor = 'system/no-show'"),
              releases_won);
  }
  const int64_t refused = cluster_->RefusedCommits(database_) - refused_before;
  RecordProperty("race_ms", absl::StrCat(absl::ToInt64Milliseconds(race_time)));
  std::fprintf(stderr,
               "%d rounds in %s: sign-in won %d, release won %d, both %d; %lld commits refused "
               "by the cluster (the losers, and the outbox sequencers of the two replicas)\n",
               kRounds, absl::FormatDuration(race_time).c_str(), sign_ins_won, releases_won,
               both_won, static_cast<long long>(refused));
}

// A notice naming a room is submitted through one node while the other node's replica
// deletes the room. DeleteRoom locks the room row on its own node only, and the notice
// reads it there; the notice writes the room row too (notice_seq), so the later commit
// is refused, retried, and then sees the winner: the room gone (ROOM_NOT_FOUND) or the
// notice there (ROOM_HAS_FUTURE_MEETINGS), never a notice naming a deleted room.
TEST_F(GaleraBookingRacesTest, NoticeAgainstDeleteRoomOnTwoNodesNeverBothWin) {
  ASSERT_NO_FATAL_FAILURE(StartReplicas("huiwu_booking_room_race"));
  ASSERT_TRUE(CreateBuilding(*stubs_[0], "city-hall", "市政府大楼").ok());
  for (int i = 0; i < kRounds; ++i) {
    ASSERT_TRUE(
        CreateRoom(*stubs_[0], "city-hall", absl::StrCat("r", i), SampleRoom("会议室", 30)).ok());
  }
  ASSERT_EQ(Count(1, "SELECT COUNT(*) FROM rooms"), kRounds);

  const int64_t refused_before = cluster_->RefusedCommits(database_);
  const absl::Time race_start = absl::Now();
  int notices_won = 0;
  int deletes_won = 0;
  int both_won = 0;
  for (int i = 0; i < kRounds; ++i) {
    const std::string room = absl::StrCat("buildings/city-hall/rooms/r", i);
    SCOPED_TRACE(room);
    // The organizer through node i % 2, the admin through the other node.
    const int organizer = i % 2;
    const RoomRace race = RaceNoticeAgainstDeleteRoom(
        *stubs_[organizer], *stubs_[1 - organizer], SampleMeeting(room, Local(3, 9), Local(3, 10)));
    ExpectOneWinner(race);
    notices_won += race.notice.ok();
    deletes_won += race.delete_room.ok();
    both_won += race.notice.ok() && race.delete_room.ok();
  }
  const absl::Duration race_time = absl::Now() - race_start;
  EXPECT_EQ(both_won, 0);
  for (int node = 0; node < GaleraCluster::kNodes; ++node) {
    SCOPED_TRACE(absl::StrCat("node ", node));
    EXPECT_EQ(Count(node, kMeetingsInDeletedRooms), 0);
    EXPECT_EQ(Count(node, "SELECT COUNT(*) FROM meetings"), notices_won);
    EXPECT_EQ(Count(node, "SELECT COUNT(*) FROM rooms"), kRounds - deletes_won);
  }
  const int64_t refused = cluster_->RefusedCommits(database_) - refused_before;
  RecordProperty("race_ms", absl::StrCat(absl::ToInt64Milliseconds(race_time)));
  std::fprintf(stderr,
               "%d rounds in %s: notice won %d, delete won %d, both %d; %lld commits refused "
               "by the cluster (the losers, and the outbox sequencers of the two replicas)\n",
               kRounds, absl::FormatDuration(race_time).c_str(), notices_won, deletes_won, both_won,
               static_cast<long long>(refused));
}

// The two holders around a waiting notice's slot are cancelled at once, one through each
// node, with a rival confirming the same slot through node 0. Each cancel frees its hold
// and serves the room's waitlist under a room row lock that holds only on its own node;
// both write that row (booking_seq), so the later commit is refused, retried, and then
// reads the earlier release: the waiting notice is promoted exactly once, by the second
// release, and never both it and the rival hold the room (0010_room_rights_waitlist.sql).
TEST_F(GaleraBookingRacesTest, TwoReleasesOnTwoNodesPromoteTheWaitingNoticeOnce) {
  constexpr int kPromotionRounds = 30;
  ASSERT_NO_FATAL_FAILURE(StartReplicas("huiwu_booking_waitlist_race"));
  ASSERT_TRUE(CreateBuilding(*stubs_[0], "city-hall", "市政府大楼").ok());
  ASSERT_TRUE(CreateRoom(*stubs_[0], "city-hall", "301", SampleRoom("301会议室", 30)).ok());
  struct Round {
    std::string first, second, waiting, rival;
  };
  std::vector<Round> rounds;
  for (int i = 0; i < kPromotionRounds; ++i) {
    // Holders 09:00–10:00 and 11:00–12:00; the waiting notice's 10:00–11:00 hold
    // (09:30–11:30) needs both gone.
    const absl::Time day = Local(2, 0) + absl::Hours(24 * i);
    Round round;
    round.first = BookMeeting(*stubs_[0], kRoom301, day + absl::Hours(9), day + absl::Hours(10));
    round.second = BookMeeting(*stubs_[0], kRoom301, day + absl::Hours(11), day + absl::Hours(12));
    round.waiting =
        Notice(*stubs_[0], SampleMeeting(kRoom301, day + absl::Hours(10), day + absl::Hours(11)));
    round.rival =
        Notice(*stubs_[0], SampleMeeting(kRoom301, day + absl::Hours(10), day + absl::Hours(11)));
    ASSERT_FALSE(round.first.empty() || round.second.empty());
    ASSERT_TRUE(WaitlistMeeting(*stubs_[0], round.waiting).ok());
    rounds.push_back(round);
  }
  ASSERT_EQ(Count(1, "SELECT COUNT(*) FROM waitlist_entries"), kPromotionRounds);

  const int64_t refused_before = cluster_->RefusedCommits(database_);
  for (const Round& round : rounds) {
    SCOPED_TRACE(round.waiting);
    grpc::Status cancels[2];
    grpc::Status rival;
    auto* barrier = new absl::Barrier(3);
    std::vector<std::thread> threads;
    for (int node = 0; node < 2; ++node) {
      threads.emplace_back([&, node] {
        if (barrier->Block()) delete barrier;
        cancels[node] = CancelMeeting(*stubs_[node], node == 0 ? round.first : round.second);
      });
    }
    threads.emplace_back([&] {
      if (barrier->Block()) delete barrier;
      rival = ConfirmMeeting(*stubs_[0], round.rival);
    });
    for (std::thread& thread : threads) thread.join();
    EXPECT_TRUE(cancels[0].ok()) << cancels[0].error_message();
    EXPECT_TRUE(cancels[1].ok()) << cancels[1].error_message();
    EXPECT_FALSE(rival.ok());
    // A causal read: a replica's own read may not have the other node's commit yet.
    EXPECT_EQ(Count(1, absl::StrCat("SELECT state FROM meetings WHERE meeting_id = '",
                                    round.waiting.substr(std::string("meetings/").size()), "'")),
              v1::MEETING_STATE_CONFIRMED);
  }
  for (int node = 0; node < GaleraCluster::kNodes; ++node) {
    SCOPED_TRACE(absl::StrCat("node ", node));
    EXPECT_EQ(Count(node, kOverlappingHolds), 0);
    EXPECT_EQ(Count(node, "SELECT COUNT(*) FROM waitlist_entries"), 0);
    EXPECT_EQ(Count(node, "SELECT COUNT(*) FROM occupancies"), kPromotionRounds);
    EXPECT_EQ(Count(node,
                    "SELECT COUNT(*) FROM event_outbox "
                    "WHERE type = 'huiwu.booking.v1.MeetingWaitlistPromoted'"),
              kPromotionRounds);
    EXPECT_EQ(Count(node,
                    "SELECT COUNT(*) FROM meeting_history WHERE to_state = 2 AND reason LIKE "
                    "'confirmed from the waitlist%'"),
              kPromotionRounds);
  }
  std::fprintf(stderr, "%d promotion rounds; %lld commits refused by the cluster\n",
               kPromotionRounds,
               static_cast<long long>(cluster_->RefusedCommits(database_) - refused_before));
}

}  // namespace
}  // namespace huiwu::testing
