// Faults on one database server, under a client load that books meetings and retries
// what failed retryably (tests/faults/booking_workload.h): the database crashes and
// comes back; the service is killed and restarted (tests/faults/fault_scenarios.h); a
// statement hangs on a row another session holds. Afterwards every booking the service
// acknowledged must be stored, once, and no room held twice (issue 12's scenarios 1, 4
// and 5).
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include "common/db/pool.h"
#include "common/server/grpc_metrics.h"
#include "gtest/gtest.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/faults/booking_workload.h"
#include "tests/faults/fault_scenarios.h"
#include "tests/faults/fault_util.h"
#include "tests/support/grpc_errors.h"
#include "tests/support/service_fixture.h"
#include "tests/support/test_database.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;
using grpc::health::v1::HealthCheckResponse;

// Scenarios 1 and 4 (fault_scenarios.h) with meetings booked and confirmed.
TEST(BookingFaultTest, DatabaseCrashUnderLoadLosesNothingAndHealsWithoutARestart) {
  BookingWorkload workload(HUIWU_BOOKING_BINARY);
  RunDatabaseCrash(workload);
}

TEST(BookingFaultTest, ServiceKilledUnderLoadKeepsEveryAcknowledgedBooking) {
  BookingWorkload workload(HUIWU_BOOKING_BINARY);
  RunServiceKill(workload);
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
  ServiceReplica booking(args);
  ASSERT_GT(booking.port(), 0) << booking.process().Log();
  // The fault load's rooms, city-hall 301–304.
  BookingWorkload(HUIWU_BOOKING_BINARY).Seed(NewTestChannel(booking.port()), database.config());
  auto stub = v1::BookingService::NewStub(NewTestChannel(booking.port()));
  const absl::Time start = FirstFaultSlot();
  v1::Meeting blocked;
  ASSERT_TRUE(
      CreateMeeting(*stub,
                    SampleMeeting("buildings/city-hall/rooms/301", start, start + absl::Hours(1)),
                    &blocked)
          .ok());

  // Another session holds room 301's row, as a long report or a stuck client could.
  db::ConnectionPool pool(database.config(), nullptr);
  auto holder = pool.OpenConnection();
  ASSERT_TRUE(holder.ok()) << holder.status();
  // Read to the end: a result left unread puts the connection out of sync.
  std::unique_ptr<sql::ResultSet> held(
      (*holder)
          ->Prepare("SELECT booking_seq FROM rooms WHERE building_id = 'city-hall' AND "
                    "room_id = '301' FOR UPDATE")
          .executeQuery());
  ASSERT_TRUE(held->next());
  held.reset();

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
  EXPECT_EQ(HealthOf(booking.port(), kBookingService), HealthCheckResponse::SERVING);
  EXPECT_NE(BookMeeting(*stub, "buildings/city-hall/rooms/302", start, start + absl::Hours(1)), "");

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
  EXPECT_EQ(
      database.QueryInt(absl::StrCat("SELECT COUNT(*) FROM occupancies WHERE meeting_id = '",
                                     blocked.name().substr(blocked.name().find('/') + 1), "'")),
      1);
  std::fprintf(stderr, "fault test, row held: the blocked confirm answered %s after %s\n",
               std::string(server::GoCodeName(static_cast<int>(status.error_code()))).c_str(),
               absl::FormatDuration(took).c_str());
}

}  // namespace
}  // namespace huiwu::testing
