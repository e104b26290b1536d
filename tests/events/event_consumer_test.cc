// The consumer against a real stream and a real database: each event's effect commits
// with the cursor, once, whatever replays, restarts and failures come.
#include <cppconn/prepared_statement.h>
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/db/transaction.h"
#include "common/events/consumer.h"
#include "huiwu/booking/v1/events.pb.h"
#include "tests/events/events_fixture.h"
#include "tests/support/poll.h"
#include "tests/support/service_fixture.h"

namespace huiwu::testing {
namespace {

using huiwu::events::v1::Event;

class EventConsumerTest : public EventsTest {
 protected:
  void SetUp() override {
    EventsTest::SetUp();
    database_.Execute(
        "CREATE TABLE effects (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, "
        "label VARCHAR(100) NOT NULL, cursor_seen BIGINT NOT NULL) ENGINE=InnoDB");
  }

  // A handler whose effect is one row per application (deliberately not idempotent by
  // itself: exactly-once must come from the consumer).
  events::EventHandler RecordingHandler() {
    return [this](const Event& event) -> absl::Status {
      if (fail_with_.load() != absl::StatusCode::kOk) {
        return absl::Status(fail_with_.load(), "the handler refuses");
      }
      return db::InTransaction(*pool_, "TestEffect", [&](db::Connection& c) {
        auto& insert = c.Prepare("INSERT INTO effects (label, cursor_seen) VALUES (?, ?)");
        insert.setString(1, LabelOf(event));
        insert.setInt64(2, event.cursor());
        insert.executeUpdate();
        return absl::OkStatus();
      });
    };
  }

  std::unique_ptr<events::Consumer> MakeConsumer() {
    return std::make_unique<events::Consumer>("testsvc", address(), PlaintextTls(),
                                              std::vector<std::string>{}, RecordingHandler(),
                                              *pool_, nullptr);
  }

  Event EventAt(int64_t cursor, const std::string& label) {
    Event event;
    event.set_cursor(cursor);
    huiwu::booking::v1::RoomDeleted payload;
    payload.set_room(label);
    event.mutable_payload()->PackFrom(payload);
    event.set_type("huiwu.booking.v1.RoomDeleted");
    return event;
  }

  std::atomic<absl::StatusCode> fail_with_{absl::StatusCode::kOk};
};

TEST_F(EventConsumerTest, SameEventTwiceTakesEffectOnce) {
  auto consumer = MakeConsumer();
  EXPECT_EQ(consumer->Apply(EventAt(1, "a")), events::Applied::kApplied);
  EXPECT_EQ(consumer->Apply(EventAt(1, "a")), events::Applied::kAlreadyApplied);
  // A second consumer replica (its own process, same database) replays it too.
  auto replica = MakeConsumer();
  EXPECT_EQ(replica->Apply(EventAt(1, "a")), events::Applied::kAlreadyApplied);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM effects"), 1);
  EXPECT_EQ(*consumer->StoredCursor(), 1);
}

TEST_F(EventConsumerTest, UnavailableIsRetriedLaterAndAPermanentFailureIsSkipped) {
  auto consumer = MakeConsumer();
  fail_with_ = absl::StatusCode::kUnavailable;
  EXPECT_EQ(consumer->Apply(EventAt(1, "a")), events::Applied::kRetryLater);
  EXPECT_EQ(*consumer->StoredCursor(), 0) << "the event stays to be retried";

  fail_with_ = absl::StatusCode::kFailedPrecondition;
  EXPECT_EQ(consumer->Apply(EventAt(1, "a")), events::Applied::kFailed);
  EXPECT_EQ(*consumer->StoredCursor(), 1) << "a poison event does not stop the stream";
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM effects"), 0);
}

TEST_F(EventConsumerTest, FollowsTheStreamAndResumesAfterARestartWithoutRepeats) {
  for (int i = 0; i < 10; ++i) PublishCommitted(absl::StrCat("e", i));
  {
    auto consumer = MakeConsumer();
    consumer->Start();
    ASSERT_TRUE(PollUntil([&] { return database_.QueryInt("SELECT COUNT(*) FROM effects") == 10; },
                          absl::Seconds(20)));
    // Live events, without polling by the consumer.
    for (int i = 10; i < 15; ++i) PublishCommitted(absl::StrCat("e", i));
    ASSERT_TRUE(PollUntil([&] { return database_.QueryInt("SELECT COUNT(*) FROM effects") == 15; },
                          absl::Seconds(20)));
  }  // stopped, as a process would be
  for (int i = 15; i < 20; ++i) PublishCommitted(absl::StrCat("e", i));
  auto restarted = MakeConsumer();
  restarted->Start();
  ASSERT_TRUE(PollUntil([&] { return database_.QueryInt("SELECT COUNT(*) FROM effects") == 20; },
                        absl::Seconds(20)));
  restarted.reset();
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(DISTINCT label) FROM effects"), 20);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM effects"), 20);
  EXPECT_EQ(database_.QueryInt("SELECT MAX(cursor_seen) FROM effects"),
            database_.QueryInt("SELECT position FROM event_cursors WHERE source = 'testsvc'"));
}

}  // namespace
}  // namespace huiwu::testing
