// Health follows the database: NOT_SERVING while MariaDB is down or hung, SERVING again
// after it comes back, with the same service process alive throughout.
#include <signal.h>

#include "absl/strings/str_cat.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "huiwu/booking/v1/booking_service.grpc.pb.h"
#include "tests/support/booking_fixture.h"
#include "tests/support/child_process.h"
#include "tests/support/poll.h"
#include "tests/support/private_mariadb.h"

namespace huiwu::testing {
namespace {

using grpc::health::v1::HealthCheckResponse;

TEST(BookingHealthTest, FollowsTheDatabaseDownAndBackWithoutARestart) {
  PrivateMariaDb mariadb;
  const char* password = std::getenv("HUIWU_MYSQL_PASSWORD");
  ChildProcess service(
      {HUIWU_BOOKING_BINARY, "--tls=off", "--host=127.0.0.1", "--grpc_port=0", "--metrics_port=-1",
       "--mysql_host=127.0.0.1", absl::StrCat("--mysql_port=", mariadb.port()),
       "--mysql_user=huiwu", absl::StrCat("--mysql_password=", password ? password : "huiwu-local"),
       "--mysql_database=huiwu_booking", "--health_check_interval=100ms"},
      {});
  auto port = service.WaitForLogField("serving", "grpc_port", absl::Seconds(30));
  ASSERT_TRUE(port.has_value()) << service.Log();
  auto channel =
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", *port), grpc::InsecureChannelCredentials());
  auto health = grpc::health::v1::Health::NewStub(channel);
  auto status_of = [&](const std::string& service_name) {
    grpc::health::v1::HealthCheckRequest request;
    request.set_service(service_name);
    HealthCheckResponse response;
    grpc::Status status = health->Check(CallContext().get(), request, &response);
    return status.ok() ? response.status() : HealthCheckResponse::UNKNOWN;
  };
  const std::string kService = "huiwu.booking.v1.BookingService";
  ASSERT_TRUE(PollUntil([&] { return status_of(kService) == HealthCheckResponse::SERVING; },
                        absl::Seconds(10)));
  EXPECT_EQ(status_of(""), HealthCheckResponse::SERVING);

  ASSERT_TRUE(mariadb.Stop());
  EXPECT_TRUE(PollUntil([&] { return status_of(kService) == HealthCheckResponse::NOT_SERVING; },
                        absl::Seconds(15)));
  EXPECT_EQ(status_of(""), HealthCheckResponse::NOT_SERVING);
  auto stub = booking::v1::BookingService::NewStub(channel);
  booking::v1::ListBuildingsRequest list;
  booking::v1::ListBuildingsResponse listed;
  EXPECT_EQ(stub->ListBuildings(CallContext().get(), list, &listed).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_TRUE(service.Running());

  ASSERT_TRUE(mariadb.Start());
  EXPECT_TRUE(PollUntil([&] { return status_of(kService) == HealthCheckResponse::SERVING; },
                        absl::Seconds(30)));
  EXPECT_TRUE(service.Running());
  // The pool healed too: calls work again on the same process.
  EXPECT_TRUE(stub->ListBuildings(CallContext().get(), list, &listed).ok());
  service.Signal(SIGTERM);
  EXPECT_EQ(service.WaitForExit(absl::Seconds(20)), 0) << service.Log();
}

// A database that hangs rather than dies (SIGSTOP: connections stay open, nothing
// answers) is reported within two health intervals, not after the socket's read
// timeout (statement + lock wait timeouts, 16 s by default): the ping has a deadline.
TEST(BookingHealthTest, AHungDatabaseIsNotServingWithinTwoIntervals) {
  PrivateMariaDb mariadb;
  const char* password = std::getenv("HUIWU_MYSQL_PASSWORD");
  constexpr absl::Duration kInterval = absl::Milliseconds(500);
  ChildProcess service(
      {HUIWU_BOOKING_BINARY, "--tls=off", "--host=127.0.0.1", "--grpc_port=0", "--metrics_port=-1",
       "--mysql_host=127.0.0.1", absl::StrCat("--mysql_port=", mariadb.port()),
       "--mysql_user=huiwu", absl::StrCat("--mysql_password=", password ? password : "huiwu-local"),
       "--mysql_database=huiwu_booking",
       absl::StrCat("--health_check_interval=", absl::FormatDuration(kInterval))},
      {});
  auto port = service.WaitForLogField("serving", "grpc_port", absl::Seconds(30));
  ASSERT_TRUE(port.has_value()) << service.Log();
  auto channel =
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", *port), grpc::InsecureChannelCredentials());
  auto health = grpc::health::v1::Health::NewStub(channel);
  auto status = [&] {
    grpc::health::v1::HealthCheckRequest request;
    HealthCheckResponse response;
    return health->Check(CallContext().get(), request, &response).ok()
               ? response.status()
               : HealthCheckResponse::UNKNOWN;
  };
  ASSERT_TRUE(
      PollUntil([&] { return status() == HealthCheckResponse::SERVING; }, absl::Seconds(10)));

  ASSERT_TRUE(mariadb.Pause());
  const absl::Time paused = absl::Now();
  // Two intervals, and one more for the poll and a loaded machine.
  EXPECT_TRUE(
      PollUntil([&] { return status() == HealthCheckResponse::NOT_SERVING; }, 3 * kInterval))
      << "still " << status() << " after " << absl::FormatDuration(absl::Now() - paused);

  ASSERT_TRUE(mariadb.Resume());
  EXPECT_TRUE(
      PollUntil([&] { return status() == HealthCheckResponse::SERVING; }, absl::Seconds(30)));
  EXPECT_TRUE(service.Running());
  service.Signal(SIGTERM);
  EXPECT_EQ(service.WaitForExit(absl::Seconds(30)), 0) << service.Log();
}

}  // namespace
}  // namespace huiwu::testing
