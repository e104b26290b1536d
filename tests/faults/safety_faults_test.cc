// Safety through issue 12's scenarios 1 and 4 (tests/faults/fault_scenarios.h): hazards
// reported and re-reported, disinfection tasks opened and done under load, and the
// escalator at work, while the database crashes, then while the service is killed.
// Afterwards every acknowledged write is stored, once, every hazard escalated once per
// step and every overdue one escalated, and each meeting has one disinfection task
// (tests/faults/safety_workload.h).
#include "gtest/gtest.h"
#include "tests/faults/fault_scenarios.h"
#include "tests/faults/safety_workload.h"

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

}  // namespace
}  // namespace huiwu::testing
