// Staffing through issue 12's scenarios 1 and 4 (tests/faults/fault_scenarios.h): meetings
// staffed and leave approved under load while the database crashes, then while the
// service is killed. Afterwards every acknowledged requirement, assignment and leave is
// stored, once, nobody holds two overlapping duties, and nobody is on duty during
// approved leave (tests/faults/staffing_workload.h).
#include "gtest/gtest.h"
#include "tests/faults/fault_scenarios.h"
#include "tests/faults/staffing_workload.h"

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

}  // namespace
}  // namespace huiwu::testing
