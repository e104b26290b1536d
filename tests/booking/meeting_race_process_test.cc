// No double booking across replicas: two real huiwu-booking processes on one database,
// fifty clients alternating between them, all confirming overlapping meetings of one room
// at the same instant. Nothing in either process's memory can arbitrate; only the
// database does (DESIGN §4).
#include <signal.h>

#include "absl/strings/str_cat.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "tests/booking/catalog_test_util.h"
#include "tests/booking/meeting_race_util.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/support/child_process.h"
#include "tests/support/test_database.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;

constexpr int kClients = 50;
constexpr absl::Duration kStartTimeout = absl::Seconds(30);

std::unique_ptr<v1::BookingService::Stub> ClientOf(const std::string& port) {
  grpc::ChannelArguments arguments;
  arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);  // one connection per client
  return v1::BookingService::NewStub(grpc::CreateCustomChannel(
      absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials(), arguments));
}

TEST(MeetingRaceProcessTest, TwoReplicasFiftyClientsOneRoomExactlyOneWins) {
  TestDatabase database;
  std::vector<std::string> args = ServiceArgs(HUIWU_BOOKING_BINARY, database.name());
  args.push_back("--metrics_port=-1");
  ChildProcess first(args, {});
  ChildProcess second(args, {});
  auto first_port = first.WaitForLogField("serving", "grpc_port", kStartTimeout);
  auto second_port = second.WaitForLogField("serving", "grpc_port", kStartTimeout);
  ASSERT_TRUE(first_port.has_value()) << first.Log();
  ASSERT_TRUE(second_port.has_value()) << second.Log();

  std::vector<std::unique_ptr<v1::BookingService::Stub>> clients;
  for (int i = 0; i < kClients; ++i)
    clients.push_back(ClientOf(i % 2 == 0 ? *first_port : *second_port));
  ASSERT_TRUE(CreateBuilding(*clients[0], "city-hall", "市政府大楼").ok());
  ASSERT_TRUE(CreateRoom(*clients[1], "city-hall", "301", SampleRoom("301会议室", 30)).ok());

  // The processes run on the real clock: book three days ahead, on the hour.
  const absl::Time base =
      absl::FromUnixSeconds((absl::ToUnixSeconds(absl::Now() + absl::Hours(72)) / 3600) * 3600);
  std::vector<std::string> meetings;
  for (int i = 0; i < kClients; ++i) {
    const absl::Time start = base + absl::Minutes(i);
    v1::Meeting created;
    grpc::Status status = CreateMeeting(
        *clients[i], SampleMeeting("buildings/city-hall/rooms/301", start, start + absl::Hours(2)),
        &created);
    ASSERT_TRUE(status.ok()) << status.error_message();
    meetings.push_back(created.name());
  }

  const std::vector<grpc::Status> statuses = ConfirmAllAtOnce(clients, meetings);
  int winners = 0;
  for (size_t i = 0; i < statuses.size(); ++i) {
    if (statuses[i].ok()) {
      ++winners;
    } else {
      SCOPED_TRACE(meetings[i]);
      ExpectCleanLoss(statuses[i]);
    }
  }
  EXPECT_EQ(winners, 1);
  EXPECT_EQ(database.QueryInt(kOverlappingHolds), 0);
  EXPECT_EQ(database.QueryInt("SELECT COUNT(*) FROM occupancies"), 1);

  first.Signal(SIGTERM);
  second.Signal(SIGTERM);
  EXPECT_EQ(first.WaitForExit(absl::Seconds(20)), 0) << first.Log();
  EXPECT_EQ(second.WaitForExit(absl::Seconds(20)), 0) << second.Log();
}

}  // namespace
}  // namespace huiwu::testing
