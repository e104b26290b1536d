// Faults on one database server, under a client load that books meetings and retries
// what failed retryably (tests/faults/booking_load.h): the database crashes and comes
// back; the service is killed and restarted; a statement hangs on a row another session
// holds. Afterwards every booking the service acknowledged must be stored, once, and no
// room held twice (issue 12's scenarios 1, 4 and 5).
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <signal.h>

#include "absl/strings/str_join.h"
#include "common/db/pool.h"
#include "common/server/grpc_metrics.h"
#include "gtest/gtest.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/faults/booking_load.h"
#include "tests/faults/fault_util.h"
#include "tests/support/grpc_errors.h"
#include "tests/support/poll.h"
#include "tests/support/private_mariadb.h"
#include "tests/support/service_fixture.h"
#include "tests/support/test_database.h"
#include "tests/support/test_env.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;
using grpc::health::v1::HealthCheckResponse;

// Enough bookings around each fault that it falls on calls in flight.
constexpr int64_t kAcknowledgedPerPhase = 100;
constexpr absl::Duration kPhaseTimeout = absl::Seconds(60);

LoadOptions FaultLoadOptions(std::vector<std::string> rooms) {
  LoadOptions options;
  options.rooms = std::move(rooms);
  options.first_slot = FirstFaultSlot();
  return options;
}

// Runs the load until `more` further calls are acknowledged (bounded in time).
bool AcknowledgeMore(const BookingLoad& load, int64_t more) {
  const int64_t target = load.acknowledged() + more;
  return PollUntil([&] { return load.acknowledged() >= target; }, kPhaseTimeout);
}

void ExpectNothingLostOrDoubled(const BookingLoad& load, const BookingAudit& audit) {
  EXPECT_GT(audit.acknowledged, 0);
  EXPECT_EQ(audit.lost, 0) << absl::StrJoin(audit.problems, "\n");
  EXPECT_EQ(audit.duplicated, 0) << absl::StrJoin(audit.problems, "\n");
  EXPECT_EQ(audit.phantom, 0) << absl::StrJoin(audit.problems, "\n");
  EXPECT_EQ(audit.overlaps, 0);
  EXPECT_TRUE(load.unexpected().empty())
      << absl::StrJoin(load.unexpected(), "\n", absl::PairFormatter(" × "));
}

std::string Codes(const std::map<std::string, int>& codes) {
  return absl::StrJoin(codes, ", ", absl::PairFormatter(" "));
}

// 1. MariaDB killed (SIGKILL) mid-load and started again: health says NOT_SERVING
// within two intervals and SERVING within 5 s of the database's return, on the same
// process; calls in flight fail retryably; nothing acknowledged is lost.
TEST(BookingFaultTest, DatabaseCrashUnderLoadLosesNothingAndHealsWithoutARestart) {
  PrivateMariaDb mariadb;
  config::DatabaseConfig database = TestDatabaseConfig("huiwu_booking_faults");
  database.port = mariadb.port();
  BookingReplica booking(ServiceArgs(HUIWU_BOOKING_BINARY, database));
  ASSERT_GT(booking.port(), 0) << booking.process().Log();
  BookingTargets targets({booking.port()});
  BookingLoad load(FaultLoadOptions(SeedFaultRooms(*targets.For(0))), &targets);
  load.Start();
  ASSERT_TRUE(AcknowledgeMore(load, kAcknowledgedPerPhase));

  const absl::Time killed = absl::Now();
  ASSERT_TRUE(mariadb.Kill());
  ASSERT_TRUE(PollUntil([&] { return HealthOf(booking.port()) == HealthCheckResponse::NOT_SERVING; },
                        absl::Seconds(10), absl::Milliseconds(10)));
  const absl::Duration to_not_serving = absl::Now() - killed;
  // Two intervals, and the kill's own wait for the process to be gone.
  EXPECT_LE(to_not_serving, 2 * kHealthInterval + absl::Milliseconds(300));
  const int64_t failed_before = load.failed();
  ASSERT_TRUE(PollUntil([&] { return load.failed() >= failed_before + 20; }, kPhaseTimeout));

  ASSERT_TRUE(mariadb.Start());
  const absl::Time back = absl::Now();
  ASSERT_TRUE(PollUntil([&] { return HealthOf(booking.port()) == HealthCheckResponse::SERVING; },
                        absl::Seconds(30), absl::Milliseconds(10)));
  const absl::Duration recovery = absl::Now() - back;
  EXPECT_LE(recovery, absl::Seconds(5));
  ASSERT_TRUE(AcknowledgeMore(load, kAcknowledgedPerPhase));
  load.Stop();
  EXPECT_TRUE(booking.process().Running()) << booking.process().Log();

  // In flight when the server died: the connection was lost (UNAVAILABLE), or a
  // transaction rolled back (ABORTED); never another answer.
  // (ROOM_CONFLICT, a FailedPrecondition, is the load's normal answer for a taken slot;
  // any other FailedPrecondition shows in load.unexpected().)
  for (const auto& [code, count] : load.failures_by_code()) {
    EXPECT_TRUE(code == "Unavailable" || code == "Aborted" || code == "FailedPrecondition")
        << code << " × " << count;
  }
  const BookingAudit audit = AuditBookings(load.records(), database);
  ExpectNothingLostOrDoubled(load, audit);
  const std::string summary = FaultSummary("database crash", load.calls(), audit, recovery);
  std::fprintf(stderr, "%s; NOT_SERVING after %s; failures: %s\n", summary.c_str(),
               absl::FormatDuration(to_not_serving).c_str(), Codes(load.failures_by_code()).c_str());
  RecordProperty("summary", summary);
}

// 4. The service killed (SIGKILL) mid-load and started again: every call it
// acknowledged is stored, and a retry with the same request_id returns the first
// result — also for the calls whose answer the crash swallowed.
TEST(BookingFaultTest, ServiceKilledUnderLoadKeepsEveryAcknowledgedBooking) {
  TestDatabase database;
  BookingReplica booking(ServiceArgs(HUIWU_BOOKING_BINARY, database.name()));
  ASSERT_GT(booking.port(), 0) << booking.process().Log();
  BookingTargets targets({booking.port()});
  BookingLoad load(FaultLoadOptions(SeedFaultRooms(*targets.For(0))), &targets);
  load.Start();
  ASSERT_TRUE(AcknowledgeMore(load, kAcknowledgedPerPhase));

  booking.process().Signal(SIGKILL);
  ASSERT_TRUE(booking.process().WaitForExit(absl::Seconds(10)).has_value());
  const int64_t failed_before = load.failed();
  ASSERT_TRUE(PollUntil([&] { return load.failed() >= failed_before + 10; }, kPhaseTimeout));
  const absl::Time restarted = absl::Now();
  booking.Start();
  ASSERT_GT(booking.port(), 0) << booking.process().Log();
  targets.Set(0, booking.port());
  ASSERT_TRUE(AcknowledgeMore(load, 1));
  const absl::Duration recovery = absl::Now() - restarted;
  ASSERT_TRUE(AcknowledgeMore(load, kAcknowledgedPerPhase));
  load.Stop();

  const BookingAudit audit = AuditBookings(load.records(), database.config());
  ExpectNothingLostOrDoubled(load, audit);

  // Every booking again, with its request_ids: the first result, nothing new.
  auto stub = targets.For(0);
  const int64_t meetings = database.QueryInt("SELECT COUNT(*) FROM meetings");
  int replayed = 0;
  for (const BookingRecord& record : load.records()) {
    if (!record.created) continue;
    SCOPED_TRACE(record.title);
    v1::CreateMeetingRequest create;
    *create.mutable_meeting() = SampleMeeting(record.room, FirstFaultSlot(),
                                              FirstFaultSlot() + absl::Hours(1));
    create.mutable_meeting()->set_title(record.title);
    create.set_request_id(absl::StrCat("create-", record.title));
    v1::CreateMeetingResponse created;
    ASSERT_TRUE(stub->CreateMeeting(CallContext().get(), create, &created).ok());
    EXPECT_EQ(created.meeting().name(), record.meeting);
    if (record.confirmed) {
      v1::ConfirmMeetingRequest confirm;
      confirm.set_name(record.meeting);
      confirm.set_request_id(absl::StrCat("confirm-", record.title));
      v1::ConfirmMeetingResponse confirmed;
      EXPECT_TRUE(stub->ConfirmMeeting(CallContext().get(), confirm, &confirmed).ok());
      EXPECT_EQ(confirmed.meeting().state(), v1::MEETING_STATE_CONFIRMED);
    }
    ++replayed;
  }
  EXPECT_GT(replayed, 0);
  EXPECT_EQ(database.QueryInt("SELECT COUNT(*) FROM meetings"), meetings);

  const std::string summary = FaultSummary("service killed", load.calls(), audit, recovery);
  std::fprintf(stderr, "%s; %d bookings replayed; failures: %s\n", summary.c_str(), replayed,
               Codes(load.failures_by_code()).c_str());
  RecordProperty("summary", summary);
}

// 5. A statement that hangs on a row another session holds: the call ends after one
// lock wait (not one per retry) with ABORTED LOCK_WAIT_TIMEOUT, which a client may
// retry; the service stays healthy and keeps answering other calls meanwhile, and once
// the row is free the same call goes through.
TEST(BookingFaultTest, StatementBlockedByAHeldRowEndsRetryablyAndThePoolRecovers) {
  TestDatabase database;
  std::vector<std::string> args = ServiceArgs(HUIWU_BOOKING_BINARY, database.name());
  constexpr absl::Duration kLockWait = absl::Seconds(1);
  args.push_back("--mysql_lock_wait_timeout=1s");
  BookingReplica booking(args);
  ASSERT_GT(booking.port(), 0) << booking.process().Log();
  BookingTargets targets({booking.port()});
  auto stub = targets.For(0);
  SeedFaultRooms(*stub);
  const absl::Time start = FirstFaultSlot();
  v1::Meeting blocked;
  ASSERT_TRUE(CreateMeeting(*stub, SampleMeeting("buildings/city-hall/rooms/301", start,
                                                 start + absl::Hours(1)),
                            &blocked)
                  .ok());

  // Another session holds room 301's row, as a long report or a stuck client could.
  db::ConnectionPool pool(database.config(), nullptr);
  auto holder = pool.OpenConnection();
  ASSERT_TRUE(holder.ok()) << holder.status();
  {
    std::unique_ptr<sql::ResultSet> held(
        (*holder)
            ->Prepare("SELECT booking_seq FROM rooms WHERE building_id = 'city-hall' AND "
                      "room_id = '301' FOR UPDATE")
            .executeQuery());
    ASSERT_TRUE(held->next());
  }

  v1::ConfirmMeetingRequest confirm;
  confirm.set_name(blocked.name());
  confirm.set_request_id("confirm-blocked");
  v1::ConfirmMeetingResponse confirmed;
  constexpr absl::Duration kDeadline = absl::Seconds(8);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + kDeadline));
  const absl::Time sent = absl::Now();
  const grpc::Status status = stub->ConfirmMeeting(&context, confirm, &confirmed);
  const absl::Duration took = absl::Now() - sent;
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED) << status.error_message();
  EXPECT_EQ(DetailsOf(status).reason, "LOCK_WAIT_TIMEOUT");
  EXPECT_LE(took, kLockWait + absl::Seconds(1)) << "the call waited for the row more than once";

  // Meanwhile: healthy, and other rooms book normally on the pool's other connections.
  EXPECT_EQ(HealthOf(booking.port()), HealthCheckResponse::SERVING);
  EXPECT_NE(BookMeeting(*stub, "buildings/city-hall/rooms/302", start, start + absl::Hours(1)),
            "");

  (*holder)->Rollback();
  v1::ConfirmMeetingResponse retried;
  const grpc::Status retry = stub->ConfirmMeeting(CallContext().get(), confirm, &retried);
  ASSERT_TRUE(retry.ok()) << retry.error_message();
  EXPECT_EQ(retried.meeting().state(), v1::MEETING_STATE_CONFIRMED);
  // The connection that waited went back to the pool in working order.
  for (int i = 0; i < 40; ++i) {
    v1::GetMeetingRequest get;
    get.set_name(blocked.name());
    v1::GetMeetingResponse got;
    ASSERT_TRUE(stub->GetMeeting(CallContext().get(), get, &got).ok()) << i;
  }
  EXPECT_EQ(database.QueryInt(
                absl::StrCat("SELECT COUNT(*) FROM occupancies WHERE meeting_id = '",
                             blocked.name().substr(blocked.name().find('/') + 1), "'")),
            1);
  std::fprintf(stderr, "fault test, row held: the blocked confirm answered %s after %s\n",
               std::string(server::GoCodeName(static_cast<int>(status.error_code()))).c_str(),
               absl::FormatDuration(took).c_str());
}

}  // namespace
}  // namespace huiwu::testing
