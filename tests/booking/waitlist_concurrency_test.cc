// A freed slot is served from the waitlist exactly once under concurrency (DESIGN §4,
// the shape of meeting_concurrency_test.cc): many clients on their own connections
// cancel the holders and confirm competing notices at the same instant; the database
// lets exactly one notice have the room — the first waiting one — and promotes it once.
#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/barrier.h"
#include "gtest/gtest.h"
#include "tests/booking/meeting_race_util.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/booking/outbox_test_util.h"
#include "tests/booking/waitlist_test_util.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;

constexpr int kClients = 40;
constexpr char kRoom[] = "buildings/city-hall/rooms/301";

// One call of the race: a cancel of a holder or a confirm of a notice.
struct RaceCall {
  bool cancel = false;
  std::string meeting;
};

class WaitlistConcurrencyTest : public BookingFixture {
 protected:
  void SetUp() override {
    BookingFixture::SetUp();
    SeedRooms(*stub_);
    for (int i = 0; i < kClients; ++i) clients_.push_back(NewStub());
  }

  void TearDown() override {
    clients_.clear();
    BookingFixture::TearDown();
  }

  // Every call released at once by a barrier, each from its own thread and client.
  std::vector<grpc::Status> RaceAll(const std::vector<RaceCall>& calls) {
    std::vector<grpc::Status> statuses(calls.size());
    auto* barrier = new absl::Barrier(static_cast<int>(calls.size()));
    std::vector<std::thread> threads;
    for (size_t i = 0; i < calls.size(); ++i) {
      threads.emplace_back([&, i] {
        v1::BookingService::Stub& stub = *clients_[i % clients_.size()];
        auto context = CallContext(kRaceCallDeadline);
        if (barrier->Block()) delete barrier;
        if (calls[i].cancel) {
          v1::CancelMeetingRequest request;
          request.set_name(calls[i].meeting);
          request.set_reason("会议取消");
          v1::CancelMeetingResponse response;
          statuses[i] = stub.CancelMeeting(context.get(), request, &response);
        } else {
          v1::ConfirmMeetingRequest request;
          request.set_name(calls[i].meeting);
          v1::ConfirmMeetingResponse response;
          statuses[i] = stub.ConfirmMeeting(context.get(), request, &response);
        }
      });
    }
    for (std::thread& thread : threads) thread.join();
    return statuses;
  }

  std::string NoticeAt(absl::Time start, absl::Time end) {
    const std::string name = Notice(*stub_, SampleMeeting(kRoom, start, end));
    EXPECT_FALSE(name.empty());
    return name;
  }

  int Promotions() {
    const std::vector<std::string> types = OutboxTypes(database_);
    return static_cast<int>(std::count(types.begin(), types.end(), "MeetingWaitlistPromoted"));
  }

  int ConfirmedOf(const std::vector<std::string>& meetings) {
    int confirmed = 0;
    for (const std::string& name : meetings) {
      if (GetMeeting(*stub_, name).state() == v1::MEETING_STATE_CONFIRMED) ++confirmed;
    }
    return confirmed;
  }

  std::vector<std::unique_ptr<v1::BookingService::Stub>> clients_;
};

TEST_F(WaitlistConcurrencyTest, RacingCancelsAndConfirmsPromoteTheFirstWaitingNoticeOnce) {
  // The holder has 301 10:00–12:00 on Dec 3. Ten notices wait for overlapping slots (the
  // first joined first); twenty more want the same hours without waiting. Five clients
  // cancel the holder and every notice is confirmed directly, all at the same instant.
  const std::string holder = BookMeeting(*stub_, kRoom, Local(3, 10), Local(3, 12));
  ASSERT_FALSE(holder.empty());
  std::vector<std::string> waiting;
  for (int i = 0; i < 10; ++i) {
    waiting.push_back(NoticeAt(Local(3, 10) + absl::Minutes(i), Local(3, 11, 30)));
    ASSERT_TRUE(WaitlistMeeting(*stub_, waiting.back()).ok());
    clock_.Advance(absl::Seconds(1));  // join order = creation order
  }
  std::vector<std::string> others;
  for (int i = 0; i < 20; ++i) {
    others.push_back(NoticeAt(Local(3, 10) + absl::Minutes(i), Local(3, 11, 45)));
  }
  std::vector<RaceCall> calls;
  for (int i = 0; i < 5; ++i) calls.push_back({true, holder});
  for (const std::string& name : waiting) calls.push_back({false, name});
  for (const std::string& name : others) calls.push_back({false, name});
  const std::vector<grpc::Status> statuses = RaceAll(calls);

  int cancels = 0;
  for (size_t i = 0; i < calls.size(); ++i) {
    SCOPED_TRACE(absl::StrCat(calls[i].cancel ? "cancel " : "confirm ", calls[i].meeting));
    if (calls[i].cancel) {
      if (statuses[i].ok()) {
        ++cancels;
      } else if (statuses[i].error_code() == grpc::StatusCode::FAILED_PRECONDITION) {
        EXPECT_EQ(DetailsOf(statuses[i]).reason, "INVALID_STATE_TRANSITION");
      } else {
        EXPECT_EQ(statuses[i].error_code(), grpc::StatusCode::ABORTED)
            << statuses[i].error_message();
      }
      continue;
    }
    if (statuses[i].ok()) continue;
    if (DetailsOf(statuses[i]).reason == "INVALID_STATE_TRANSITION") {
      // Only the promoted notice can be CONFIRMED already when its own confirm runs.
      EXPECT_EQ(calls[i].meeting, waiting[0]) << statuses[i].error_message();
      continue;
    }
    ExpectCleanLoss(statuses[i]);
  }
  ASSERT_EQ(cancels, 1);
  // Whatever the interleaving, the room has exactly one meeting over those hours: the
  // first waiting notice, promoted once, in the cancel's own transaction (a direct
  // confirm before that commit meets the holder; after it, the promoted notice).
  EXPECT_EQ(database_.QueryInt(kOverlappingHolds), 0);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM occupancies"), 1);
  EXPECT_EQ(ConfirmedOf(others), 0);
  EXPECT_EQ(ConfirmedOf(waiting), 1);
  const v1::Meeting promoted = GetMeeting(*stub_, waiting[0]);
  EXPECT_EQ(promoted.state(), v1::MEETING_STATE_CONFIRMED);
  EXPECT_EQ(std::count_if(promoted.history().begin(), promoted.history().end(),
                          [](const v1::StateChange& change) {
                            return change.to_state() == v1::MEETING_STATE_CONFIRMED;
                          }),
            1);
  EXPECT_EQ(Promotions(), 1);
  // The nine others still wait; the promoted one's entry is gone.
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM waitlist_entries"), 9);
}

TEST_F(WaitlistConcurrencyTest, TwoHoldersCancelledAtOnceFreeTheSlotForExactlyOnePromotion) {
  // Five rounds on five days: holders A (09:00–10:00) and B (11:00–12:00) of 301; a
  // notice waits for 10:00–11:00, whose hold (09:30–11:30) needs both gone. Both are
  // cancelled at once, with direct confirms of the waiting notice and of five rivals.
  for (int day = 3; day < 8; ++day) {
    SCOPED_TRACE(absl::StrCat("Dec ", day));
    const std::string a = BookMeeting(*stub_, kRoom, Local(day, 9), Local(day, 10));
    const std::string b = BookMeeting(*stub_, kRoom, Local(day, 11), Local(day, 12));
    ASSERT_FALSE(a.empty());
    ASSERT_FALSE(b.empty());
    const std::string waiting = NoticeAt(Local(day, 10), Local(day, 11));
    ASSERT_TRUE(WaitlistMeeting(*stub_, waiting).ok());
    const int promotions_before = Promotions();
    std::vector<std::string> rivals;
    for (int i = 0; i < 5; ++i) rivals.push_back(NoticeAt(Local(day, 10), Local(day, 11)));

    std::vector<RaceCall> calls = {{true, a}, {true, b}, {false, waiting}};
    for (const std::string& rival : rivals) calls.push_back({false, rival});
    const std::vector<grpc::Status> statuses = RaceAll(calls);
    ASSERT_TRUE(statuses[0].ok()) << statuses[0].error_message();
    ASSERT_TRUE(statuses[1].ok()) << statuses[1].error_message();

    // The two releases serialize on the room row; the later one reads (READ COMMITTED)
    // the earlier one's release and its own, finds the slot free and promotes the
    // waiting notice before it commits, so no rival ever finds the room free.
    EXPECT_EQ(ConfirmedOf(rivals), 0);
    EXPECT_EQ(GetMeeting(*stub_, waiting).state(), v1::MEETING_STATE_CONFIRMED);
    EXPECT_EQ(Promotions() - promotions_before, 1);
    EXPECT_EQ(database_.QueryInt(kOverlappingHolds), 0);
    const v1::Meeting held = GetMeeting(*stub_, waiting);
    EXPECT_EQ(std::count_if(held.history().begin(), held.history().end(),
                            [](const v1::StateChange& change) {
                              return change.to_state() == v1::MEETING_STATE_CONFIRMED;
                            }),
              1);
  }
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM waitlist_entries"), 0);
}

}  // namespace
}  // namespace huiwu::testing
