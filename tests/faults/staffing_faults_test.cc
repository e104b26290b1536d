// Staffing through issue 12's scenarios 1 and 4 (tests/faults/fault_scenarios.h): meetings
// staffed and leave approved under load while the database crashes, then while the
// service is killed. Afterwards every acknowledged requirement, assignment and leave is
// stored, once, nobody holds two overlapping duties, and nobody is on duty during
// approved leave (tests/faults/staffing_workload.h).
#include "gtest/gtest.h"
#include "huiwu/staffing/v1/staffing_service.grpc.pb.h"
#include "tests/faults/fault_scenarios.h"
#include "tests/faults/staffing_workload.h"
#include "tests/support/call_context.h"
#include "tests/support/service_fixture.h"

namespace huiwu::testing {
namespace {

TEST(StaffingFaultTest, DatabaseCrashUnderLoadLosesNothingAndHealsWithoutARestart) {
  StaffingWorkload workload(HUIWU_STAFFING_BINARY);
  RunDatabaseCrash(workload);
}

TEST(StaffingFaultTest, ServiceKilledUnderLoadKeepsEveryAcknowledgedAssignment) {
  StaffingWorkload workload(HUIWU_STAFFING_BINARY);
  RunServiceKill(workload);
}

// An assignment whose COMMIT the server took but whose answer was lost — the server or
// the network gone right after it — is answered as made (or UNAVAILABLE, the outcome
// unknown), never ALREADY_ASSIGNED_HERE as if someone else had made it. (Before
// common/db answered such a COMMIT UNAVAILABLE, InTransaction ran the whole transaction
// again and the second run found the first one's row.)
TEST(StaffingFaultTest, AssignmentWhoseCommitAnswerIsLostIsAnsweredAsMade) {
  namespace v1 = staffing::v1;
  ServiceBehindCommitCut service(HUIWU_STAFFING_BINARY);
  ASSERT_GT(service.replica.port(), 0) << service.replica.process().Log();
  StaffingWorkload people(HUIWU_STAFFING_BINARY, 1);
  people.Seed(NewTestChannel(service.replica.port()), service.database.config());
  auto stub = v1::StaffingService::NewStub(NewTestChannel(service.replica.port()));
  v1::SetStaffingRequirementResponse stored;
  ASSERT_TRUE(stub->SetStaffingRequirement(CallContext().get(),
                                           OneAttendantRequirement("cut-meeting", FirstFaultSlot()),
                                           &stored)
                  .ok());

  service.proxy.CutCommitOf("cut-meeting");
  v1::AssignStaffRequest assign;
  assign.set_meeting("meetings/cut-meeting");
  assign.set_staff("staff/attendant-1");
  v1::AssignStaffResponse assigned;
  const grpc::Status status = stub->AssignStaff(CallContext().get(), assign, &assigned);
  EXPECT_EQ(service.proxy.cuts(), 1);
  EXPECT_TRUE(status.ok() || status.error_code() == grpc::StatusCode::UNAVAILABLE)
      << status.error_message();
  EXPECT_EQ(service.database.QueryInt("SELECT COUNT(*) FROM assignments"), 1);
}

}  // namespace
}  // namespace huiwu::testing
