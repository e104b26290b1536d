// What the fault tests share: a service replica as a real process, its health as a
// load balancer sees it, and the rooms the load books.
#ifndef HUIWU_TESTS_FAULTS_FAULT_UTIL_H_
#define HUIWU_TESTS_FAULTS_FAULT_UTIL_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "huiwu/booking/v1/booking_service.grpc.pb.h"
#include "tests/booking/catalog_test_util.h"
#include "tests/support/child_process.h"

namespace huiwu::testing {

inline constexpr char kBookingService[] = "huiwu.booking.v1.BookingService";
// Short enough that a fault shows in health within a second, as the issue asks of
// "two health intervals".
inline constexpr absl::Duration kHealthInterval = absl::Milliseconds(500);
inline constexpr absl::Duration kStartTimeout = absl::Seconds(60);

// The health of `service` on `port`; UNKNOWN when the process does not answer within
// a second (dead, or stopped).
inline grpc::health::v1::HealthCheckResponse::ServingStatus HealthOf(int port) {
  auto health = grpc::health::v1::Health::NewStub(
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()));
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(kBookingService);
  grpc::health::v1::HealthCheckResponse response;
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(1)));
  return health->Check(&context, request, &response).ok()
             ? response.status()
             : grpc::health::v1::HealthCheckResponse::UNKNOWN;
}

// A huiwu-booking process with `args` (ServiceArgs or ReplicaArgs), health every
// kHealthInterval; port() once it serves.
class BookingReplica final {
 public:
  explicit BookingReplica(std::vector<std::string> args) : args_(std::move(args)) {
    args_.push_back(absl::StrCat("--health_check_interval=", absl::FormatDuration(kHealthInterval)));
    Start();
  }
  // A new process with the same arguments (a restart after a crash); a new port.
  void Start() {
    process_ = std::make_unique<ChildProcess>(args_, std::map<std::string, std::string>{});
    const auto port = process_->WaitForLogField("serving", "grpc_port", kStartTimeout);
    port_ = port.has_value() ? std::stoi(*port) : -1;
  }
  int port() const { return port_; }
  ChildProcess& process() { return *process_; }

 private:
  std::vector<std::string> args_;
  std::unique_ptr<ChildProcess> process_;
  int port_ = -1;
};

// The rooms the load books: city-hall 301–304.
inline std::vector<std::string> SeedFaultRooms(booking::v1::BookingService::Stub& stub) {
  EXPECT_TRUE(CreateBuilding(stub, "city-hall", "市政府大楼").ok());
  std::vector<std::string> rooms;
  for (const char* room : {"301", "302", "303", "304"}) {
    EXPECT_TRUE(
        CreateRoom(stub, "city-hall", room, SampleRoom(absl::StrCat(room, "会议室"), 30)).ok());
    rooms.push_back(absl::StrCat("buildings/city-hall/rooms/", room));
  }
  return rooms;
}

// The processes run on the real clock: book from three days ahead, on the hour.
inline absl::Time FirstFaultSlot() {
  return absl::FromUnixSeconds((absl::ToUnixSeconds(absl::Now() + absl::Hours(72)) / 3600) * 3600);
}

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_FAULTS_FAULT_UTIL_H_
