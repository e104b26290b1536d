// StreamEvents over a real outbox in MariaDB: commit order, resumption without loss or
// repetition, the late-commit trap, filters, retention.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/db/transaction.h"
#include "common/events/outbox.h"
#include "common/events/sequencer.h"
#include "huiwu/booking/v1/events.pb.h"
#include "tests/events/events_fixture.h"
#include "tests/support/poll.h"

namespace huiwu::testing {
namespace {

using huiwu::events::v1::Event;
using huiwu::events::v1::StreamEventsRequest;

std::unique_ptr<grpc::ClientContext> StreamContext() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  return context;
}

std::vector<std::string> Labels(const std::vector<Event>& events) {
  std::vector<std::string> labels;
  for (const Event& event : events) labels.push_back(LabelOf(event));
  return labels;
}

TEST_F(EventsTest, ClientThatResumesFromItsLastCursorSeesEveryEventOnceInOrder) {
  std::vector<std::string> published;
  for (int i = 0; i < 12; ++i) {
    published.push_back(absl::StrCat("e", i));
    PublishCommitted(published.back());
  }

  auto first_context = StreamContext();
  StreamEventsRequest request;
  request.set_after_cursor(0);
  auto first = stub_->StreamEvents(first_context.get(), request);
  std::vector<Event> seen = ReadEvents(*first, 5);
  ASSERT_GE(seen.size(), 5u);
  seen.resize(5);  // the client processed five, then went away
  first_context->TryCancel();
  first->Finish().ok();

  // Events keep committing while the client is away, and after it is back.
  for (int i = 12; i < 20; ++i) {
    published.push_back(absl::StrCat("e", i));
    PublishCommitted(published.back());
  }
  auto second_context = StreamContext();
  request.set_after_cursor(seen.back().cursor());
  auto second = stub_->StreamEvents(second_context.get(), request);
  std::vector<Event> rest = ReadEvents(*second, 15);
  for (int i = 20; i < 25; ++i) {
    published.push_back(absl::StrCat("e", i));
    PublishCommitted(published.back());
  }
  std::vector<Event> live = ReadEvents(*second, 5);
  rest.insert(rest.end(), live.begin(), live.end());
  second_context->TryCancel();
  second->Finish().ok();

  seen.insert(seen.end(), rest.begin(), rest.end());
  EXPECT_EQ(Labels(seen), published);
  for (size_t i = 1; i < seen.size(); ++i) {
    EXPECT_GT(seen[i].cursor(), seen[i - 1].cursor()) << "cursors increase in stream order";
  }
  EXPECT_EQ(seen.front().source(), "testsvc");
  EXPECT_EQ(seen.front().type(), "huiwu.booking.v1.RoomDeleted");
  EXPECT_TRUE(seen.front().has_commit_time());
}

// One commit of more events than the sequencer numbers in one statement (50): a round
// numbers them in several chunks, and the cursors still follow the commit's order with no
// gap (a reader takes a gap for events not yet visible, or pruned).
TEST_F(EventsTest, AManyEventCommitGetsConsecutiveCursorsInItsOrder) {
  std::vector<std::string> published;
  ASSERT_TRUE(db::InTransaction(*pool_, "TestPublishMany", [&](db::Connection& c) {
                published.clear();
                for (int i = 0; i < 120; ++i) {
                  huiwu::booking::v1::RoomDeleted payload;
                  payload.set_room(absl::StrCat("m", i));
                  events::Publish(c, payload, {}, absl::Now());
                  published.push_back(payload.room());
                }
                return absl::OkStatus();
              }).ok());
  auto context = StreamContext();
  StreamEventsRequest request;
  request.set_after_cursor(0);
  auto stream = stub_->StreamEvents(context.get(), request);
  std::vector<Event> seen = ReadEvents(*stream, published.size());
  context->TryCancel();
  stream->Finish().ok();
  ASSERT_EQ(seen.size(), published.size());
  EXPECT_EQ(Labels(seen), published);
  for (size_t i = 0; i < seen.size(); ++i) {
    EXPECT_EQ(seen[i].cursor(), static_cast<int64_t>(i + 1)) << "event " << i;
  }
}

// The trap: a transaction that took its outbox id first but commits last. A reader that
// went by id would pass over it; cursors are given after commit, so it comes after.
TEST_F(EventsTest, EventThatCommitsLateIsStillStreamedAfterTheOnesBeforeIt) {
  auto lease = pool_->Acquire();
  ASSERT_TRUE(lease.ok()) << lease.status();
  db::Connection& slow = **lease;
  slow.SetAutocommit(false);
  huiwu::booking::v1::RoomDeleted late;
  late.set_room("late");
  events::Publish(slow, late, {}, absl::Now());  // id allocated now, not committed

  PublishCommitted("early");
  auto context = StreamContext();
  StreamEventsRequest request;
  auto reader = stub_->StreamEvents(context.get(), request);
  std::vector<Event> first = ReadEvents(*reader, 1);
  ASSERT_EQ(Labels(first), std::vector<std::string>{"early"});

  slow.Commit();
  std::vector<Event> second = ReadEvents(*reader, 1);
  ASSERT_EQ(Labels(second), std::vector<std::string>{"late"});
  EXPECT_GT(second[0].cursor(), first[0].cursor());
  context->TryCancel();
  reader->Finish().ok();

  // The trap was real: the late event holds the lower row id.
  EXPECT_LT(database_.QueryInt("SELECT id FROM event_outbox WHERE seq = " +
                               std::to_string(second[0].cursor())),
            database_.QueryInt("SELECT id FROM event_outbox WHERE seq = " +
                               std::to_string(first[0].cursor())));
}

TEST_F(EventsTest, FiltersByTypeAndBySubject) {
  PublishCommitted("room-301", {"buildings/city-hall/rooms/301"});
  PublishCommitted("room-302", {"buildings/city-hall/rooms/302"});
  {
    huiwu::booking::v1::AttendeeSignedIn other;
    other.set_meeting("meetings/m-1");
    ASSERT_TRUE(db::InTransaction(*pool_, "TestPublish", [&](db::Connection& c) {
                  events::Publish(c, other, {"buildings/city-hall/rooms/301"}, absl::Now());
                  return absl::OkStatus();
                }).ok());
  }
  PublishCommitted("room-301-again", {"meetings/m-2", "buildings/city-hall/rooms/301"});

  auto context = StreamContext();
  StreamEventsRequest request;
  request.add_types("huiwu.booking.v1.RoomDeleted");
  request.add_subjects("buildings/city-hall/rooms/301");
  auto reader = stub_->StreamEvents(context.get(), request);
  std::vector<Event> events = ReadEvents(*reader, 2);
  EXPECT_EQ(Labels(events), (std::vector<std::string>{"room-301", "room-301-again"}));
  context->TryCancel();
  reader->Finish().ok();
}

TEST_F(EventsTest, CursorOlderThanTheRetentionIsRefusedByName) {
  for (int i = 0; i < 3; ++i) PublishCommitted(absl::StrCat("old", i));
  ASSERT_TRUE(PollUntil(
      [&] {
        return database_.QueryInt("SELECT COUNT(*) FROM event_outbox WHERE seq IS NULL") == 0;
      },
      absl::Seconds(10)));
  // A sequencer whose clock is past the retention deletes all three.
  events::Sequencer pruner(*pool_, config::EventsConfig{}, nullptr);
  absl::StatusOr<int> pruned = pruner.PruneOnce(absl::Now() + absl::Hours(24 * 31));
  ASSERT_TRUE(pruned.ok()) << pruned.status();
  EXPECT_EQ(*pruned, 3);
  PublishCommitted("new");

  auto context = StreamContext();
  StreamEventsRequest request;
  request.set_after_cursor(1);
  auto reader = stub_->StreamEvents(context.get(), request);
  huiwu::events::v1::StreamEventsResponse response;
  EXPECT_FALSE(reader->Read(&response));
  grpc::Status status = reader->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::OUT_OF_RANGE);
  EXPECT_NE(status.error_message().find("older than the retention"), std::string::npos)
      << status.error_message();

  // From 0: the oldest retained event.
  auto from_start = StreamContext();
  request.set_after_cursor(0);
  auto again = stub_->StreamEvents(from_start.get(), request);
  EXPECT_EQ(Labels(ReadEvents(*again, 1)), std::vector<std::string>{"new"});
  from_start->TryCancel();
  again->Finish().ok();
}

TEST_F(EventsTest, BadRequestsAreRefusedNamingTheField) {
  struct Case {
    std::string field;
    StreamEventsRequest request;
  };
  std::vector<Case> cases;
  cases.push_back({"after_cursor", {}});
  cases.back().request.set_after_cursor(-1);
  cases.push_back({"types[0]", {}});
  cases.back().request.add_types("");
  cases.push_back({"subjects[0]", {}});
  cases.back().request.add_subjects(std::string(301, 'x'));
  cases.push_back({"types", {}});
  for (int i = 0; i < 51; ++i) cases.back().request.add_types("t");
  for (const Case& c : cases) {
    auto context = StreamContext();
    auto reader = stub_->StreamEvents(context.get(), c.request);
    huiwu::events::v1::StreamEventsResponse response;
    EXPECT_FALSE(reader->Read(&response));
    grpc::Status status = reader->Finish();
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << c.field;
    EXPECT_NE(status.error_message().find(c.field), std::string::npos)
        << c.field << ": " << status.error_message();
  }
}

// Followers never end their streams by themselves: without ending them, every shutdown
// (a compose `down`, a rolling restart) would wait out its whole grace.
TEST_F(EventsTest, ShutdownEndsOpenStreamsAtOnceWithUnavailable) {
  PublishCommitted("before");
  auto context = StreamContext();
  auto reader = stub_->StreamEvents(context.get(), StreamEventsRequest());
  const std::vector<Event> first = ReadEvents(*reader, 1);
  ASSERT_EQ(Labels(first), std::vector<std::string>{"before"});

  const absl::Duration grace = absl::Minutes(1);
  const absl::Time started = absl::Now();
  host_->Shutdown(grace);
  // The stream's own deadline (20 s) ends it without EndStreams.
  EXPECT_LT(absl::Now() - started, absl::Seconds(10)) << "the shutdown waited for the open stream";

  huiwu::events::v1::StreamEventsResponse response;
  EXPECT_FALSE(reader->Read(&response));
  grpc::Status status = reader->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
  EXPECT_NE(status.error_message().find(absl::StrCat("resume after cursor ", first[0].cursor())),
            std::string::npos)
      << status.error_message();
}

}  // namespace
}  // namespace huiwu::testing
