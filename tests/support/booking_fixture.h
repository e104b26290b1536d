// The booking service in-process, exactly as main() assembles it (ServiceHost), on a
// free port and a fresh database, with a manual clock, reached through a real gRPC
// channel.
#ifndef HUIWU_TESTS_SUPPORT_BOOKING_FIXTURE_H_
#define HUIWU_TESTS_SUPPORT_BOOKING_FIXTURE_H_

#include <memory>
#include <string>

#include "common/server/service_host.h"
#include "common/time/clock.h"
#include "grpcpp/channel.h"
#include "gtest/gtest.h"
#include "huiwu/booking/v1/booking_service.grpc.pb.h"
#include "services/booking/domain/scheduling_limits.h"
#include "tests/support/call_context.h"
#include "tests/support/test_database.h"

namespace huiwu::testing {

// 2026-12-01 09:00 Asia/Shanghai, a Tuesday.
absl::Time DefaultTestNow();

class BookingFixture : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // A new channel (own TCP connection) to the service, for concurrency tests.
  std::unique_ptr<booking::v1::BookingService::Stub> NewStub() const;
  std::string address() const;

  TestDatabase database_;
  ManualClock clock_{DefaultTestNow()};
  booking::SchedulingPolicy policy_;
  std::unique_ptr<server::ServiceHost> host_;
  std::unique_ptr<booking::v1::BookingService::Stub> stub_;
};

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_SUPPORT_BOOKING_FIXTURE_H_
