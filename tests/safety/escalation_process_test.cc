// Each escalation happens once with two service processes: two real huiwu-safety
// binaries on one database, both escalating every 50 ms on the real clock, over hazards
// whose deadlines passed 60 hours ago. Nothing in either process's memory arbitrates;
// the guarded row write does (SafetyStore::EscalateIfDue).
#include <signal.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "tests/safety/safety_test_util.h"
#include "tests/support/child_process.h"
#include "tests/support/poll.h"
#include "tests/support/test_database.h"

namespace huiwu::testing {
namespace {

constexpr int kHazards = 12;
constexpr absl::Duration kStartTimeout = absl::Seconds(30);

int CountOf(const std::string& text, const std::string& what) {
  int count = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++count;
  return count;
}

TEST(SafetyEscalationProcessTest, TwoProcessesEscalateEachHazardOnceAtEachDeadline) {
  TestDatabase database;
  std::vector<std::string> args = ServiceArgs(HUIWU_SAFETY_BINARY, database.name());
  args.push_back("--metrics_port=-1");
  args.push_back("--escalation_check_interval=50ms");
  args.push_back("--schedule_check_interval=inf");
  ChildProcess first(args, {});
  auto first_port = first.WaitForLogField("serving", "grpc_port", kStartTimeout);
  ASSERT_TRUE(first_port.has_value()) << first.Log();
  auto stub = sv1::SafetyService::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", *first_port), grpc::InsecureChannelCredentials()));
  for (int i = 0; i < kHazards; ++i) {
    Report(*stub, SampleHazard(kRoom301, sv1::HAZARD_SEVERITY_CRITICAL));
  }
  ChildProcess second(args, {});
  ASSERT_TRUE(second.WaitForLogField("serving", "grpc_port", kStartTimeout).has_value())
      << second.Log();

  // Critical hazards (24 h) due 60 h ago: the deadlines −60 h, −36 h and −12 h passed,
  // three escalations each; the next deadline is 12 h ahead.
  database.Execute(
      "UPDATE hazards SET deadline = UTC_TIMESTAMP(6) - INTERVAL 60 HOUR, "
      "create_time = UTC_TIMESTAMP(6) - INTERVAL 84 HOUR");
  const auto escalated_in_logs = [&] {
    return CountOf(first.Log(), "\"hazard_escalated\"") +
           CountOf(second.Log(), "\"hazard_escalated\"");
  };
  ASSERT_TRUE(PollUntil([&] { return escalated_in_logs() >= 3 * kHazards; }, absl::Seconds(30)))
      << first.Log() << second.Log();

  // Exactly three per hazard in the database, at the three deadlines, levels 2, 3, 3;
  // and the two processes together reported exactly that many steps (a step taken by
  // both would show twice in their logs).
  EXPECT_EQ(database.QueryInt("SELECT COUNT(*) FROM hazard_escalations"), 3 * kHazards);
  EXPECT_EQ(database.QueryInt("SELECT COUNT(*) FROM hazards WHERE escalation_count = 3 AND "
                              "escalation_level = 3"),
            kHazards);
  EXPECT_EQ(database.QueryInt(
                "SELECT COUNT(DISTINCT TIMESTAMPDIFF(MINUTE, h.create_time, e.escalate_time)) "
                "FROM hazard_escalations e JOIN hazards h USING (hazard_id)"),
            3);
  EXPECT_EQ(database.QueryInt("SELECT COUNT(*) FROM hazard_escalations WHERE "
                              "(seq = 1 AND level <> 2) OR (seq > 1 AND level <> 3)"),
            0);
  EXPECT_EQ(escalated_in_logs(), 3 * kHazards);

  first.Signal(SIGTERM);
  second.Signal(SIGTERM);
  EXPECT_EQ(first.WaitForExit(absl::Seconds(20)), 0) << first.Log();
  EXPECT_EQ(second.WaitForExit(absl::Seconds(20)), 0) << second.Log();
}

}  // namespace
}  // namespace huiwu::testing
