// Safety through issue 12's scenarios 1 and 4 (tests/faults/fault_scenarios.h): hazards
// reported and re-reported, disinfection tasks opened and done under load, and the
// escalator at work, while the database crashes, then while the service is killed.
// Afterwards every acknowledged write is stored, once, every hazard escalated once per
// step and every overdue one escalated, and each meeting has one disinfection task
// (tests/faults/safety_workload.h).
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "huiwu/safety/v1/safety_service.grpc.pb.h"
#include "tests/faults/fault_scenarios.h"
#include "tests/faults/safety_workload.h"
#include "tests/support/call_context.h"
#include "tests/support/service_fixture.h"
#include "tests/support/sql_rows.h"

namespace huiwu::testing {
namespace {

TEST(SafetyFaultTest, DatabaseCrashUnderLoadLosesNothingAndHealsWithoutARestart) {
  SafetyWorkload workload(HUIWU_SAFETY_BINARY);
  RunDatabaseCrash(workload);
}

TEST(SafetyFaultTest, ServiceKilledUnderLoadKeepsEveryAcknowledgedWrite) {
  SafetyWorkload workload(HUIWU_SAFETY_BINARY);
  RunServiceKill(workload);
}

// A re-report (再次上报) whose COMMIT the server took but whose answer was lost — the
// server or the network gone right after it — is not made a second time: the hazard
// is one level up, once. Without an etag nothing else guards it: before common/db
// answered such a COMMIT UNAVAILABLE (outcome unknown), InTransaction ran the whole
// transaction again: escalated twice, answered OK.
TEST(SafetyFaultTest, ReReportWhoseCommitAnswerIsLostEscalatesOnce) {
  ServiceBehindCommitCut service(HUIWU_SAFETY_BINARY);
  ASSERT_GT(service.replica.port(), 0) << service.replica.process().Log();
  auto stub = safety::v1::SafetyService::NewStub(NewTestChannel(service.replica.port()));
  safety::v1::ReportHazardResponse reported;
  ASSERT_TRUE(stub->ReportHazard(CallContext().get(),
                                 HazardReport("cut-hazard", "buildings/city-hall/rooms/301",
                                              safety::v1::HAZARD_SEVERITY_MEDIUM),
                                 &reported)
                  .ok());
  const std::string id = reported.hazard().name().substr(sizeof("hazards/") - 1);

  service.proxy.CutCommitOf(id);
  safety::v1::ReReportHazardRequest re_report;
  re_report.set_name(reported.hazard().name());
  re_report.set_reporter("staff/f-012");
  safety::v1::ReReportHazardResponse re_reported;
  const grpc::Status status = stub->ReReportHazard(CallContext().get(), re_report, &re_reported);
  EXPECT_EQ(service.proxy.cuts(), 1);
  // OK, or UNAVAILABLE (the outcome unknown; the client reads the hazard): not done twice.
  EXPECT_TRUE(status.ok() || status.error_code() == grpc::StatusCode::UNAVAILABLE)
      << status.error_message();
  EXPECT_EQ(
      QueryInt(service.database.config(),
               absl::StrCat("SELECT escalation_count FROM hazards WHERE hazard_id = '", id, "'")),
      1);
}

}  // namespace
}  // namespace huiwu::testing
