// Safety's domain gauges against the test MariaDB: hazards and disinfection tasks
// through the API on the fixture's clock, read by the collector the host runs.
#include <memory>

#include "common/api/timestamp.h"
#include "common/metrics/domain_gauges.h"
#include "prometheus/registry.h"
#include "services/safety/safety_gauges.h"
#include "tests/safety/safety_test_util.h"
#include "tests/support/gauge_value.h"
#include "tests/support/safety_fixture.h"

namespace huiwu::testing {
namespace {

class SafetyGaugesTest : public SafetyFixture {
 protected:
  void SetUp() override {
    SafetyFixture::SetUp();
    gauges_ = std::make_unique<metrics::DomainGaugeCollector>(
        registry_, safety::SafetyGauges(std::make_shared<safety::SafetyStore>(*pool_), clock_));
  }

  void TearDown() override {
    gauges_.reset();
    SafetyFixture::TearDown();
  }

  std::optional<double> Gauge(const std::string& name, const std::string& severity = "") {
    EXPECT_EQ(gauges_->Refresh(), 0);
    if (severity.empty()) return GaugeValue(registry_, name);
    return GaugeValue(registry_, name, {{"severity", severity}});
  }

  sv1::DisinfectionTask Disinfection(const std::string& meeting, absl::Time meeting_end) {
    sv1::CreateDisinfectionTaskRequest request;
    request.mutable_disinfection_task()->set_meeting(meeting);
    request.mutable_disinfection_task()->set_room(kRoom301);
    *request.mutable_disinfection_task()->mutable_meeting_end_time() =
        api::ToTimestamp(meeting_end);
    sv1::CreateDisinfectionTaskResponse response;
    grpc::Status status = stub_->CreateDisinfectionTask(CallContext().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.disinfection_task();
  }

  prometheus::Registry registry_;
  std::unique_ptr<metrics::DomainGaugeCollector> gauges_;
};

TEST_F(SafetyGaugesTest, OpenAndOverdueHazardsBySeverity) {
  const sv1::Hazard critical =
      Report(*stub_, SampleHazard(kRoom301, sv1::HAZARD_SEVERITY_CRITICAL));
  Report(*stub_, SampleHazard(kRoom302, sv1::HAZARD_SEVERITY_HIGH));
  Report(*stub_, SampleHazard(kCityHall, sv1::HAZARD_SEVERITY_HIGH));
  EXPECT_EQ(Gauge("huiwu_safety_hazards_open", "critical"), 1.0);
  EXPECT_EQ(Gauge("huiwu_safety_hazards_open", "high"), 2.0);
  EXPECT_EQ(Gauge("huiwu_safety_hazards_open", "low"), 0.0);
  EXPECT_EQ(Gauge("huiwu_safety_hazards_overdue", "critical"), 0.0);

  // A critical hazard has 24 hours to be rectified, a high one three days.
  clock_.Advance(absl::Hours(25));
  EXPECT_EQ(Gauge("huiwu_safety_hazards_overdue", "critical"), 1.0);
  EXPECT_EQ(Gauge("huiwu_safety_hazards_overdue", "high"), 0.0);

  // Resolved is no longer open, nor overdue.
  sv1::AssignHazardRequest assign;
  assign.set_name(critical.name());
  assign.set_assignee("staff/f-031");
  sv1::AssignHazardResponse assigned;
  ASSERT_TRUE(stub_->AssignHazard(CallContext().get(), assign, &assigned).ok());
  sv1::ResolveHazardRequest resolve;
  resolve.set_name(critical.name());
  resolve.set_resolver("staff/f-031");
  resolve.set_resolution("更换插线板");
  sv1::ResolveHazardResponse resolved;
  ASSERT_TRUE(stub_->ResolveHazard(CallContext().get(), resolve, &resolved).ok());
  EXPECT_EQ(Gauge("huiwu_safety_hazards_open", "critical"), 0.0);
  EXPECT_EQ(Gauge("huiwu_safety_hazards_overdue", "critical"), 0.0);
  EXPECT_EQ(Gauge("huiwu_safety_hazards_open", "high"), 2.0);
}

TEST_F(SafetyGaugesTest, DisinfectionOverdueAnHourAfterTheMeetingEnded) {
  const sv1::DisinfectionTask late =
      Disinfection("meetings/m-morning", clock_.Now() - absl::Hours(2));
  Disinfection("meetings/m-just-ended", clock_.Now() - absl::Minutes(20));
  EXPECT_EQ(Gauge("huiwu_safety_disinfections_overdue"), 1.0);

  clock_.Advance(absl::Minutes(41));  // the second meeting ended 61 minutes ago
  EXPECT_EQ(Gauge("huiwu_safety_disinfections_overdue"), 2.0);

  sv1::CompleteDisinfectionRequest complete;
  complete.set_name(late.name());
  complete.set_performer("staff/f-040");
  complete.set_method(sv1::DISINFECTION_METHOD_DISINFECTION_CABINET);
  sv1::CompleteDisinfectionResponse completed;
  ASSERT_TRUE(stub_->CompleteDisinfection(CallContext().get(), complete, &completed).ok());
  EXPECT_EQ(Gauge("huiwu_safety_disinfections_overdue"), 1.0);
}

}  // namespace
}  // namespace huiwu::testing
