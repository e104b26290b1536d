// Staffing's domain gauges against the test MariaDB: leave and the on-call roster set
// through the API on the fixture's clock, read by the collector the host runs.
#include <memory>

#include "absl/strings/str_cat.h"
#include "common/api/timestamp.h"
#include "common/db/pool.h"
#include "common/metrics/domain_gauges.h"
#include "common/time/center_zone.h"
#include "prometheus/registry.h"
#include "services/staffing/staffing_gauges.h"
#include "tests/staffing/staffing_fixture.h"
#include "tests/support/gauge_value.h"

namespace huiwu::testing {
namespace {

class StaffingGaugesTest : public StaffingFixture {
 protected:
  void SetUp() override {
    StaffingFixture::SetUp();
    pool_ = std::make_unique<db::ConnectionPool>(database_.config(), nullptr);
    gauges_ = std::make_unique<metrics::DomainGaugeCollector>(
        registry_,
        staffing::StaffingGauges(
            std::make_shared<staffing::StaffingStore>(*pool_, CenterTimeZone()), clock_));
  }

  void TearDown() override {
    gauges_.reset();
    pool_.reset();
    StaffingFixture::TearDown();
  }

  // Requests leave for staff/{staff}; approves it when `approve`.
  void Leave(const std::string& staff, absl::Time start, absl::Time end, bool approve) {
    sv1::RequestLeaveRequest request;
    request.set_parent(absl::StrCat("staff/", staff));
    *request.mutable_leave()->mutable_start_time() = api::ToTimestamp(start);
    *request.mutable_leave()->mutable_end_time() = api::ToTimestamp(end);
    request.mutable_leave()->set_reason("事假");
    sv1::RequestLeaveResponse requested;
    grpc::Status status = stub_->RequestLeave(CallContext().get(), request, &requested);
    ASSERT_TRUE(status.ok()) << status.error_message();
    if (!approve) return;
    sv1::ApproveLeaveRequest approval;
    approval.set_name(requested.leave().name());
    approval.set_approver("刘科长");
    sv1::ApproveLeaveResponse approved;
    status = stub_->ApproveLeave(CallContext().get(), approval, &approved);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  void OnCall(const std::string& staff, sv1::Role role, absl::Time start, absl::Time end) {
    sv1::SetOnCallRequest request;
    request.mutable_slot()->set_staff(absl::StrCat("staff/", staff));
    request.mutable_slot()->set_role(role);
    *request.mutable_slot()->mutable_start_time() = api::ToTimestamp(start);
    *request.mutable_slot()->mutable_end_time() = api::ToTimestamp(end);
    sv1::SetOnCallResponse response;
    grpc::Status status = stub_->SetOnCall(CallContext().get(), request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  std::optional<double> Gauge(const std::string& name) {
    EXPECT_EQ(gauges_->Refresh(), 0);
    return GaugeValue(registry_, name);
  }

  std::unique_ptr<db::ConnectionPool> pool_;
  prometheus::Registry registry_;
  std::unique_ptr<metrics::DomainGaugeCollector> gauges_;
};

TEST_F(StaffingGaugesTest, OnLeaveCountsApprovedLeaveCoveringNow) {
  AddStaff("zhao", "A-001", sv1::ROLE_ATTENDANT);
  AddStaff("qian", "A-002", sv1::ROLE_ATTENDANT);
  AddStaff("sun", "A-003", sv1::ROLE_ATTENDANT);
  // The clock: 2026-12-01 09:00 in Beijing.
  Leave("zhao", Shanghai(2026, 12, 1, 0), Shanghai(2026, 12, 2, 0), /*approve=*/true);
  Leave("qian", Shanghai(2026, 12, 1, 0), Shanghai(2026, 12, 2, 0), /*approve=*/false);
  Leave("sun", Shanghai(2026, 12, 3, 0), Shanghai(2026, 12, 4, 0), /*approve=*/true);
  EXPECT_EQ(Gauge("huiwu_staffing_staff_on_leave"), 1.0);  // a request is not leave yet

  clock_.Set(Shanghai(2026, 12, 3, 12));
  EXPECT_EQ(Gauge("huiwu_staffing_staff_on_leave"), 1.0);  // sun, not zhao any more
  clock_.Set(Shanghai(2026, 12, 4, 0));                    // leave ends at its end time
  EXPECT_EQ(Gauge("huiwu_staffing_staff_on_leave"), 0.0);
}

TEST_F(StaffingGaugesTest, OnCallCountsEveryRoleOnTheRosterNow) {
  AddStaff("li", "S-001", sv1::ROLE_SUPERVISOR);
  AddStaff("zhou", "T-001", sv1::ROLE_AUDIO_TECHNICIAN);
  AddStaff("wu", "T-002", sv1::ROLE_AUDIO_TECHNICIAN);
  OnCall("li", sv1::ROLE_SUPERVISOR, Shanghai(2026, 12, 1, 8), Shanghai(2026, 12, 1, 18));
  OnCall("zhou", sv1::ROLE_AUDIO_TECHNICIAN, Shanghai(2026, 12, 1, 8), Shanghai(2026, 12, 1, 18));
  OnCall("wu", sv1::ROLE_AUDIO_TECHNICIAN, Shanghai(2026, 12, 1, 18), Shanghai(2026, 12, 2, 8));
  EXPECT_EQ(Gauge("huiwu_staffing_staff_on_call"), 2.0);
  clock_.Set(Shanghai(2026, 12, 1, 23));
  EXPECT_EQ(Gauge("huiwu_staffing_staff_on_call"), 1.0);
  clock_.Set(Shanghai(2026, 12, 2, 9));
  EXPECT_EQ(Gauge("huiwu_staffing_staff_on_call"), 0.0);
}

}  // namespace
}  // namespace huiwu::testing
