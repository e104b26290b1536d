#include "tests/faults/fault_scenarios.h"

#include <signal.h>

#include <algorithm>
#include <cstdio>

#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "tests/faults/fault_util.h"
#include "tests/support/poll.h"
#include "tests/support/private_mariadb.h"
#include "tests/support/sql_rows.h"
#include "tests/support/test_database.h"
#include "tests/support/test_env.h"

namespace huiwu::testing {
namespace {

using grpc::health::v1::HealthCheckResponse;

// Enough acknowledged calls around each fault that it falls on calls in flight; a few
// faults in a row, each on other calls' windows (a commit whose answer is lost, a
// retry that meets its own first attempt).
constexpr int64_t kAcknowledgedPerPhase = 100;
constexpr int kRounds = 3;
constexpr absl::Duration kPhaseTimeout = absl::Seconds(60);

// Runs the load until `more` further calls are acknowledged (bounded in time).
bool AcknowledgeMore(const FaultLoad& load, int64_t more) {
  const int64_t target = load.acknowledged() + more;
  return PollUntil([&] { return load.acknowledged() >= target; }, kPhaseTimeout);
}

std::string Codes(const std::map<std::string, int>& codes) {
  return absl::StrJoin(codes, ", ", absl::PairFormatter(" "));
}

std::vector<std::string> ArgsFor(const FaultWorkload& workload,
                                 const config::DatabaseConfig& database) {
  std::vector<std::string> args = ServiceArgs(workload.binary(), database);
  for (const std::string& arg : workload.extra_args()) args.push_back(arg);
  return args;
}

void PrintSummary(const FaultWorkload& workload, const std::string& scenario, const FaultLoad& load,
                  const FaultAudit& audit, absl::Duration recovery, const std::string& more) {
  const std::string summary =
      FaultSummary(workload.service(), scenario, load.calls(), audit, recovery);
  std::fprintf(stderr, "%s; %s; failures: %s\n", summary.c_str(), more.c_str(),
               Codes(load.failures_by_code()).c_str());
  ::testing::Test::RecordProperty("summary", summary);
}

}  // namespace

ServiceBehindCommitCut::ServiceBehindCommitCut(const std::string& binary)
    : replica([&] {
        config::DatabaseConfig proxied = database.config();
        proxied.port = proxy.port();
        return ServiceArgs(binary, proxied);
      }()) {}

void ExpectAuditClean(const FaultLoad& load, const FaultAudit& audit) {
  const std::string problems = absl::StrJoin(audit.problems, "\n");
  EXPECT_GT(audit.acknowledged, 0);
  EXPECT_EQ(audit.lost, 0) << problems;
  EXPECT_EQ(audit.duplicated, 0) << problems;
  for (const auto& [check, violations] : audit.invariants) {
    EXPECT_EQ(violations, 0) << check << "\n" << problems;
  }
  EXPECT_TRUE(load.unexpected().empty())
      << absl::StrJoin(load.unexpected(), "\n", absl::PairFormatter(" × "));
}

void RunDatabaseCrash(FaultWorkload& workload) {
  const std::string health = workload.health_service();
  PrivateMariaDb mariadb;
  config::DatabaseConfig database =
      TestDatabaseConfig(absl::StrCat("huiwu_", workload.service(), "_faults"));
  database.port = mariadb.port();
  ServiceReplica replica(ArgsFor(workload, database));
  ASSERT_GT(replica.port(), 0) << replica.process().Log();
  FaultTargets targets({replica.port()});
  workload.Seed(targets.For(0), database);
  FaultLoad load({}, &targets, &workload);
  load.Start();
  ASSERT_TRUE(AcknowledgeMore(load, kAcknowledgedPerPhase));

  absl::Duration to_not_serving;  // the slowest of the rounds, as the recovery
  absl::Duration recovery;
  for (int round = 1; round <= kRounds; ++round) {
    SCOPED_TRACE(absl::StrCat("round ", round));
    const absl::Time killed = absl::Now();
    ASSERT_TRUE(mariadb.Kill());
    ASSERT_TRUE(PollUntil(
        [&] { return HealthOf(replica.port(), health) == HealthCheckResponse::NOT_SERVING; },
        absl::Seconds(10), absl::Milliseconds(10)));
    to_not_serving = std::max(to_not_serving, absl::Now() - killed);
    const int64_t failed_before = load.failed();
    ASSERT_TRUE(PollUntil([&] { return load.failed() >= failed_before + 20; }, kPhaseTimeout));

    ASSERT_TRUE(mariadb.Start());
    const absl::Time back = absl::Now();
    ASSERT_TRUE(
        PollUntil([&] { return HealthOf(replica.port(), health) == HealthCheckResponse::SERVING; },
                  absl::Seconds(30), absl::Milliseconds(10)));
    recovery = std::max(recovery, absl::Now() - back);
    ASSERT_TRUE(AcknowledgeMore(load, kAcknowledgedPerPhase));
  }
  load.Stop();
  // Two intervals, and the kill's own wait for the process to be gone.
  EXPECT_LE(to_not_serving, 2 * kHealthInterval + absl::Milliseconds(300));
  EXPECT_LE(recovery, absl::Seconds(5));
  EXPECT_TRUE(replica.process().Running()) << replica.process().Log();

  // In flight when the server died: the connection was lost (UNAVAILABLE), or a
  // transaction rolled back (ABORTED); never another answer. (FAILED_PRECONDITION is the
  // loads' normal refusal — ROOM_CONFLICT, KIT_SHORT, LEAVE_OVERLAPS_ASSIGNMENTS …; any
  // other shows in load.unexpected(), checked with the audit.)
  for (const auto& [code, count] : load.failures_by_code()) {
    EXPECT_TRUE(code == "Unavailable" || code == "Aborted" || code == "FailedPrecondition")
        << code << " × " << count;
  }
  const FaultAudit audit = workload.Audit(database);
  ExpectAuditClean(load, audit);
  PrintSummary(workload, absl::StrCat("database crash ×", kRounds), load, audit, recovery,
               absl::StrCat("NOT_SERVING after ", absl::FormatDuration(to_not_serving)));
}

void RunServiceKill(FaultWorkload& workload) {
  TestDatabase database;
  ServiceReplica replica(ArgsFor(workload, database.config()));
  ASSERT_GT(replica.port(), 0) << replica.process().Log();
  FaultTargets targets({replica.port()});
  workload.Seed(targets.For(0), database.config());
  FaultLoad load({}, &targets, &workload);
  load.Start();
  ASSERT_TRUE(AcknowledgeMore(load, kAcknowledgedPerPhase));

  absl::Duration recovery;  // the slowest of the rounds
  for (int round = 1; round <= kRounds; ++round) {
    SCOPED_TRACE(absl::StrCat("round ", round));
    replica.process().Signal(SIGKILL);
    ASSERT_TRUE(replica.process().WaitForExit(absl::Seconds(10)).has_value());
    const int64_t failed_before = load.failed();
    ASSERT_TRUE(PollUntil([&] { return load.failed() >= failed_before + 10; }, kPhaseTimeout));
    const absl::Time restarted = absl::Now();
    replica.Start();
    ASSERT_GT(replica.port(), 0) << replica.process().Log();
    targets.Set(0, replica.port());
    ASSERT_TRUE(AcknowledgeMore(load, 1));
    recovery = std::max(recovery, absl::Now() - restarted);
    ASSERT_TRUE(AcknowledgeMore(load, kAcknowledgedPerPhase));
  }
  load.Stop();

  const FaultAudit audit = workload.Audit(database.config());
  ExpectAuditClean(load, audit);

  // Every acknowledged write again, with its request_id: the first result, nothing new.
  std::map<std::string, int64_t> rows;
  for (const std::string& table : workload.stored_tables()) {
    rows[table] = database.QueryInt(absl::StrCat("SELECT COUNT(*) FROM ", table));
  }
  const int replayed = workload.Replay(targets.For(0));
  EXPECT_GT(replayed, 0);
  for (const auto& [table, count] : rows) {
    EXPECT_EQ(database.QueryInt(absl::StrCat("SELECT COUNT(*) FROM ", table)), count) << table;
  }
  PrintSummary(workload, absl::StrCat("service killed ×", kRounds), load, audit, recovery,
               absl::StrCat(replayed, " calls replayed, first answers again"));
}

}  // namespace huiwu::testing
