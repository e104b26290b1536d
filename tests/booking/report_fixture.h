// Booking with real staffing, inventory and safety services in-process (each its own
// ServiceHost and database, as their main()s build them), for readiness and the reports.
// Times are local Asia/Shanghai wall-clock times of December 2026 (meeting_test_util.h);
// the clock, shared by all four, starts at 2026-12-01 09:00.
#ifndef HUIWU_TESTS_BOOKING_REPORT_FIXTURE_H_
#define HUIWU_TESTS_BOOKING_REPORT_FIXTURE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/config/config.h"
#include "common/server/service_host.h"
#include "common/time/clock.h"
#include "grpcpp/server.h"
#include "gtest/gtest.h"
#include "huiwu/booking/v1/booking_service.grpc.pb.h"
#include "huiwu/inventory/v1/inventory_service.grpc.pb.h"
#include "huiwu/safety/v1/safety_service.grpc.pb.h"
#include "huiwu/staffing/v1/staffing_service.grpc.pb.h"
#include "services/booking/domain/scheduling_limits.h"
#include "tests/support/service_fixture.h"
#include "tests/support/test_database.h"

namespace huiwu::testing {

// A port nothing listens on (bound once to find it, then closed).
int ClosedPort();

// A safety service that takes every CheckRoomClearance and never answers it (until the
// caller gives up): a peer that is up but too slow. Stopped when destroyed.
class SilentSafety final {
 public:
  SilentSafety();
  ~SilentSafety();
  SilentSafety(const SilentSafety&) = delete;
  SilentSafety& operator=(const SilentSafety&) = delete;
  std::string address() const;

 private:
  std::unique_ptr<safety::v1::SafetyService::CallbackService> service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

class ReportFixture : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Another booking host on the same booking database, with these peers and deadline
  // (a replica configured differently). Stopped at TearDown.
  std::unique_ptr<booking::v1::BookingService::Stub> StartBooking(
      const config::PeerTargets& peers, absl::Duration peer_deadline = absl::Seconds(2));

  config::PeerTargets AllPeers() const;

  // Creates and confirms a meeting in `room` (e.g. "301" of city-hall) with `services`;
  // returns its name. Fails the test on error.
  std::string Book(const std::string& room, const std::string& title, absl::Time start,
                   absl::Time end, const std::vector<booking::v1::ServiceKind>& services = {});
  // staff/{id} named `display_name`, an attendant with fire-safety training, working
  // Monday–Friday 07:00–20:00.
  void AddAttendant(const std::string& id, const std::string& number,
                    const std::string& display_name);
  // The meeting needs `attendants` attendants (and nobody else).
  void RequireAttendants(const std::string& meeting, const std::string& room, absl::Time start,
                         absl::Time end, int attendants);
  void Assign(const std::string& meeting, const std::string& staff);
  // Reports a hazard of `severity` in city-hall/`room`; returns its name.
  std::string ReportHazard(const std::string& room, safety::v1::HazardSeverity severity,
                           const std::string& description);
  grpc::Status RecordServiceDone(const std::string& meeting, booking::v1::ServiceKind kind,
                                 booking::v1::ServiceProgress* out = nullptr);
  booking::v1::MeetingReadiness Readiness(booking::v1::BookingService::Stub& stub,
                                          const std::string& meeting);

  TestDatabase booking_db_;
  TestDatabase staffing_db_;
  TestDatabase inventory_db_;
  TestDatabase safety_db_;
  ManualClock clock_{DefaultTestNow()};
  booking::SchedulingPolicy policy_;
  std::unique_ptr<server::ServiceHost> staffing_host_;
  std::unique_ptr<server::ServiceHost> inventory_host_;
  std::unique_ptr<server::ServiceHost> safety_host_;
  std::unique_ptr<server::ServiceHost> booking_host_;
  std::vector<std::unique_ptr<server::ServiceHost>> other_booking_hosts_;
  std::unique_ptr<booking::v1::BookingService::Stub> booking_;
  std::unique_ptr<staffing::v1::StaffingService::Stub> staffing_;
  std::unique_ptr<inventory::v1::InventoryService::Stub> inventory_;
  std::unique_ptr<safety::v1::SafetyService::Stub> safety_;
};

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_BOOKING_REPORT_FIXTURE_H_
