// The real huiwu-booking binary as a process: concurrent migration by two replicas,
// /metrics, and graceful shutdown on SIGTERM.
#include <signal.h>

#include <future>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/audit/audit_table.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "huiwu/booking/v1/booking_service.grpc.pb.h"
#include "tests/booking/catalog_test_util.h"
#include "tests/support/child_process.h"
#include "tests/support/http_get.h"
#include "tests/support/poll.h"
#include "tests/support/test_database.h"

const std::vector<huiwu::db::Migration>& BookingMigrations();

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;
using ::testing::HasSubstr;

constexpr absl::Duration kStartTimeout = absl::Seconds(30);

std::unique_ptr<v1::BookingService::Stub> StubFor(const std::string& port) {
  grpc::ChannelArguments arguments;
  arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return v1::BookingService::NewStub(grpc::CreateCustomChannel(
      absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials(), arguments));
}

// The value of the sample whose line starts with `name{` and contains every label.
std::optional<double> Sample(const std::string& metrics, const std::string& name,
                             const std::vector<std::string>& labels) {
  std::istringstream lines(metrics);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(name + "{", 0) != 0) continue;
    bool all = true;
    for (const auto& label : labels) all = all && line.find(label) != std::string::npos;
    if (!all) continue;
    double value = 0;
    if (absl::SimpleAtod(line.substr(line.rfind(' ') + 1), &value)) return value;
  }
  return std::nullopt;
}

TEST(BookingProcessTest, TwoReplicasMigratingOneEmptyDatabaseEndWithOneSchema) {
  TestDatabase database;
  std::vector<std::string> args = ServiceArgs(HUIWU_BOOKING_BINARY, database.name());
  args.push_back("--migrate_only");
  ChildProcess first(args, {});
  ChildProcess second(args, {});
  EXPECT_EQ(first.WaitForExit(kStartTimeout), 0) << first.Log();
  EXPECT_EQ(second.WaitForExit(kStartTimeout), 0) << second.Log();
  // The service's own and common's (the event outbox, the audit trail).
  const int64_t migrations =
      static_cast<int64_t>(BookingMigrations().size() + 1 + audit::AuditMigrations().size());
  EXPECT_EQ(database.QueryInt("SELECT COUNT(*) FROM schema_migrations"), migrations);
  EXPECT_EQ(database.QueryInt("SELECT COUNT(DISTINCT version) FROM schema_migrations"), migrations);
  for (const char* table : {"buildings", "rooms", "idempotency_keys"}) {
    EXPECT_EQ(database.QueryInt(absl::StrCat(
                  "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '",
                  database.name(), "' AND table_name = '", table, "'")),
              1)
        << table;
  }
  // Exactly one of the two applied each migration; the other found them recorded.
  const std::string logs = first.Log() + second.Log();
  size_t applying = 0;
  for (size_t at = 0; (at = logs.find("\"migration_applying\"", at)) != std::string::npos; ++at) {
    ++applying;
  }
  EXPECT_EQ(applying, static_cast<size_t>(migrations));
}

TEST(BookingProcessTest, MetricsCountHandledCallsByCodeWithLatencyHistogram) {
  TestDatabase database;
  ChildProcess service(ServiceArgs(HUIWU_BOOKING_BINARY, database.name()), {});
  auto grpc_port = service.WaitForLogField("serving", "grpc_port", kStartTimeout);
  auto metrics_port = service.WaitForLogField("serving", "metrics_port", kStartTimeout);
  ASSERT_TRUE(grpc_port.has_value() && metrics_port.has_value()) << service.Log();
  auto stub = StubFor(*grpc_port);

  v1::ListBuildingsRequest list;
  v1::ListBuildingsResponse listed;
  ASSERT_TRUE(stub->ListBuildings(CallContext().get(), list, &listed).ok());
  v1::GetBuildingRequest bad;
  bad.set_name("not a name");
  v1::GetBuildingResponse got;
  ASSERT_EQ(stub->GetBuilding(CallContext().get(), bad, &got).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  ASSERT_EQ(stub->GetBuilding(CallContext().get(), bad, &got).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  int port = 0;
  ASSERT_TRUE(absl::SimpleAtoi(*metrics_port, &port));
  const std::string metrics = HttpGet(port, "/metrics");
  const std::vector<std::string> list_labels = {"grpc_method=\"ListBuildings\"",
                                                "grpc_service=\"huiwu.booking.v1.BookingService\"",
                                                "grpc_type=\"unary\""};
  auto with = [](std::vector<std::string> labels, const std::string& extra) {
    labels.push_back(extra);
    return labels;
  };
  EXPECT_EQ(Sample(metrics, "grpc_server_handled_total", with(list_labels, "grpc_code=\"OK\"")),
            1.0)
      << metrics;
  EXPECT_EQ(Sample(metrics, "grpc_server_started_total", list_labels), 1.0);
  EXPECT_EQ(Sample(metrics, "grpc_server_handled_total",
                   {"grpc_method=\"GetBuilding\"", "grpc_code=\"InvalidArgument\""}),
            2.0);
  // Every code of every method exists from the start, at zero.
  EXPECT_EQ(Sample(metrics, "grpc_server_handled_total",
                   {"grpc_method=\"DeleteRoom\"", "grpc_code=\"FailedPrecondition\""}),
            0.0);
  EXPECT_EQ(Sample(metrics, "grpc_server_handling_seconds_count", list_labels), 1.0);
  EXPECT_EQ(
      Sample(metrics, "grpc_server_handling_seconds_bucket", with(list_labels, "le=\"+Inf\"")),
      1.0);
  EXPECT_TRUE(
      Sample(metrics, "grpc_server_handling_seconds_bucket", with(list_labels, "le=\"0.005\""))
          .has_value());
  EXPECT_TRUE(Sample(metrics, "huiwu_db_pool_connections", {"state=\"max\""}).has_value());
  // The failed calls were logged, one structured line each, with method, code and peer;
  // at info: a caller's mistake is not for the operator to act on (no warning).
  EXPECT_THAT(
      service.Log(),
      HasSubstr("\"level\":\"info\",\"event\":\"call_failed\",\"method\":\"/"
                "huiwu.booking.v1.BookingService/GetBuilding\",\"code\":\"InvalidArgument\""));
  service.Signal(SIGTERM);
  EXPECT_EQ(service.WaitForExit(absl::Seconds(20)), 0);
}

TEST(BookingProcessTest, SigtermLetsASlowCallFinishAndRefusesNewCalls) {
  TestDatabase database;
  std::vector<std::string> args = ServiceArgs(HUIWU_BOOKING_BINARY, database.name());
  args.push_back("--shutdown_grace=30s");
  args.push_back("--mysql_lock_wait_timeout=60s");
  args.push_back("--mysql_statement_timeout=60s");
  args.push_back("--metrics_port=-1");
  ChildProcess service(args, {});
  auto grpc_port = service.WaitForLogField("serving", "grpc_port", kStartTimeout);
  ASSERT_TRUE(grpc_port.has_value()) << service.Log();
  auto stub = StubFor(*grpc_port);
  ASSERT_TRUE(CreateBuilding(*stub, "city-hall", "市政府大楼").ok());
  v1::Room room;
  ASSERT_TRUE(CreateRoom(*stub, "city-hall", "301", SampleRoom("301", 30), &room).ok());

  // The test holds the room's row, so an update of it is slow for as long as it likes.
  database.Execute("START TRANSACTION");
  ASSERT_EQ(database
                .QueryRows("SELECT room_id FROM rooms WHERE building_id = 'city-hall' AND "
                           "room_id = '301' FOR UPDATE")
                .size(),
            1u);
  auto slow_call = std::async(std::launch::async, [&] {
    v1::UpdateRoomRequest update;
    update.mutable_room()->set_name(room.name());
    update.mutable_room()->set_capacity(33);
    update.mutable_update_mask()->add_paths("capacity");
    v1::UpdateRoomResponse response;
    return stub->UpdateRoom(CallContext().get(), update, &response);
  });
  ASSERT_TRUE(PollUntil(
      [&] {
        // The service's locking read of the room is in flight (waiting for our lock).
        return database.QueryInt(
                   absl::StrCat("SELECT COUNT(*) FROM information_schema.processlist WHERE db = '",
                                database.name(),
                                "' AND info LIKE 'SELECT%FOR UPDATE' AND id <> "
                                "CONNECTION_ID()")) == 1;
      },
      absl::Seconds(20)))
      << (slow_call.wait_for(std::chrono::seconds(0)) == std::future_status::ready
              ? "the call did not wait: " + slow_call.get().error_message()
              : "the call waits, but not for the row lock");

  service.Signal(SIGTERM);
  // New calls are refused once shutdown has begun (fresh channels, short deadlines).
  EXPECT_TRUE(PollUntil(
      [&] {
        auto fresh = StubFor(*grpc_port);
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(1));
        v1::ListBuildingsRequest request;
        v1::ListBuildingsResponse response;
        return fresh->ListBuildings(&context, request, &response).error_code() ==
               grpc::StatusCode::UNAVAILABLE;
      },
      absl::Seconds(20)));
  EXPECT_EQ(slow_call.wait_for(std::chrono::seconds(0)), std::future_status::timeout)
      << "the slow call must still be waiting";
  EXPECT_TRUE(service.Running());

  database.Execute("COMMIT");  // the slow call may now finish
  grpc::Status finished = slow_call.get();
  EXPECT_TRUE(finished.ok()) << finished.error_message();
  EXPECT_EQ(service.WaitForExit(absl::Seconds(30)), 0) << service.Log();
  EXPECT_EQ(database.QueryInt("SELECT capacity FROM rooms WHERE room_id = '301'"), 33);
}

}  // namespace
}  // namespace huiwu::testing
