// Issue 12's scenarios on one database server, the same for every service: its
// workload's load runs while the fault is injected; afterwards every write the
// service acknowledged must be stored, once, and the service's invariant hold. Each
// prints the summary line (FaultSummary) to stderr and records it as the test's
// "summary" property.
#ifndef HUIWU_TESTS_FAULTS_FAULT_SCENARIOS_H_
#define HUIWU_TESTS_FAULTS_FAULT_SCENARIOS_H_

#include <string>
#include <vector>

#include "tests/faults/commit_cut_proxy.h"
#include "tests/faults/fault_load.h"
#include "tests/faults/fault_util.h"
#include "tests/faults/fault_workload.h"
#include "tests/support/test_database.h"

namespace huiwu::testing {

// 1. MariaDB killed (SIGKILL) mid-load and started again: health says NOT_SERVING
// within two intervals and SERVING within 5 s of the database's return, on the same
// process; calls in flight fail retryably; nothing acknowledged is lost.
void RunDatabaseCrash(FaultWorkload& workload);

// 4. The service killed (SIGKILL) mid-load and started again: every call it
// acknowledged is stored, and a retry with the same request_id returns the first
// result — also for the calls whose answer the crash swallowed.
void RunServiceKill(FaultWorkload& workload);

// The answer to a COMMIT lost (the server or the network gone right after it): a
// service whose connections to a fresh test database pass through a CommitCutProxy.
struct ServiceBehindCommitCut {
  explicit ServiceBehindCommitCut(const std::string& binary);
  TestDatabase database;
  CommitCutProxy proxy{database.config().port};
  ServiceReplica replica;
};

// The audit found nothing lost, doubled or broken, and the load no answer it did not
// expect.
void ExpectAuditClean(const FaultLoad& load, const FaultAudit& audit);

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_FAULTS_FAULT_SCENARIOS_H_
