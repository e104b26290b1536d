// Escalation over simulated time (再次上报、多次上报直到问题解决) against the real MariaDB:
// the fixture's manual clock is set, one escalation pass runs, the effect is read back
// through the API.
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/api/timestamp.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/safety/safety_test_util.h"
#include "tests/support/grpc_errors.h"
#include "tests/support/safety_fixture.h"

namespace huiwu::testing {
namespace {

using ::testing::ElementsAre;

class SafetyEscalationTest : public SafetyFixture {
 protected:
  // Levels and instants of a hazard's escalations, oldest first.
  std::vector<std::pair<sv1::EscalationLevel, absl::Time>> Escalations(const std::string& name) {
    std::vector<std::pair<sv1::EscalationLevel, absl::Time>> result;
    const sv1::Hazard hazard = GetHazard(*stub_, name);
    for (const sv1::Escalation& e : hazard.escalations()) {
      result.emplace_back(e.level(), api::FromTimestamp(e.escalate_time()));
    }
    return result;
  }
};

TEST_F(SafetyEscalationTest, CriticalHazardClimbsAtEachDeadlineUntilResolved) {
  const absl::Time reported = clock_.Now();
  const sv1::Hazard hazard = Report(*stub_, SampleHazard(kRoom301, sv1::HAZARD_SEVERITY_CRITICAL));
  EXPECT_EQ(hazard.escalation_level(), sv1::ESCALATION_LEVEL_SECTION);
  EXPECT_EQ(api::FromTimestamp(hazard.deadline()), reported + absl::Hours(24));

  // A minute before the deadline nothing happens.
  clock_.Set(reported + absl::Hours(24) - absl::Minutes(1));
  EXPECT_EQ(RunEscalation(), 0);
  EXPECT_TRUE(Escalations(hazard.name()).empty());

  // At the deadline: one level up, once however many passes run.
  clock_.Set(reported + absl::Hours(24));
  EXPECT_EQ(RunEscalation(), 1);
  EXPECT_EQ(RunEscalation(), 0);
  EXPECT_THAT(
      Escalations(hazard.name()),
      ElementsAre(std::pair{sv1::ESCALATION_LEVEL_CENTER_LEADERSHIP, reported + absl::Hours(24)}));

  // Each further deadline (24 h for critical) reports again, up to the supervising
  // authority and again to it.
  clock_.Set(reported + absl::Hours(48));
  EXPECT_EQ(RunEscalation(), 1);
  clock_.Set(reported + absl::Hours(72) + absl::Minutes(5));
  EXPECT_EQ(RunEscalation(), 1);
  const sv1::Hazard after = GetHazard(*stub_, hazard.name());
  EXPECT_EQ(after.escalation_level(), sv1::ESCALATION_LEVEL_SUPERVISING_AUTHORITY);
  EXPECT_EQ(api::FromTimestamp(after.deadline()), reported + absl::Hours(96));
  EXPECT_THAT(
      Escalations(hazard.name()),
      ElementsAre(
          std::pair{sv1::ESCALATION_LEVEL_CENTER_LEADERSHIP, reported + absl::Hours(24)},
          std::pair{sv1::ESCALATION_LEVEL_SUPERVISING_AUTHORITY, reported + absl::Hours(48)},
          std::pair{sv1::ESCALATION_LEVEL_SUPERVISING_AUTHORITY, reported + absl::Hours(72)}));

  // Resolving stops it: a week later there is no further escalation.
  sv1::AssignHazardRequest assign;
  assign.set_name(hazard.name());
  assign.set_assignee("staff/f-031");
  sv1::AssignHazardResponse assigned;
  ASSERT_TRUE(stub_->AssignHazard(CallContext().get(), assign, &assigned).ok());
  sv1::ResolveHazardRequest resolve;
  resolve.set_name(hazard.name());
  resolve.set_resolver("staff/f-031");
  resolve.set_resolution("更换插线板，线路整改");
  resolve.set_etag(assigned.hazard().etag());
  sv1::ResolveHazardResponse resolved;
  ASSERT_TRUE(stub_->ResolveHazard(CallContext().get(), resolve, &resolved).ok());
  clock_.Set(reported + absl::Hours(24 * 10));
  EXPECT_EQ(RunEscalation(), 0);
  EXPECT_EQ(Escalations(hazard.name()).size(), 3u);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM hazard_escalations"), 3);
}

TEST_F(SafetyEscalationTest, HazardOverdueByManyPeriodsCatchesUpOneStepPerPassAtTheDueInstants) {
  const absl::Time reported = clock_.Now();
  const sv1::Hazard hazard = Report(*stub_, SampleHazard(kRoom301, sv1::HAZARD_SEVERITY_HIGH));
  // High: 3 days. Ten days later three deadlines have passed (day 3, 6, 9).
  clock_.Set(reported + absl::Hours(24 * 10));
  int steps = 0;
  for (int pass = 0; pass < 10; ++pass) steps += RunEscalation();
  EXPECT_EQ(steps, 3);
  const auto escalations = Escalations(hazard.name());
  ASSERT_EQ(escalations.size(), 3u);
  EXPECT_EQ(escalations[0].second, reported + absl::Hours(72));
  EXPECT_EQ(escalations[1].second, reported + absl::Hours(144));
  EXPECT_EQ(escalations[2].second, reported + absl::Hours(216));
}

TEST_F(SafetyEscalationTest, ManualReReportCountsAndRestartsTheDeadline) {
  const absl::Time reported = clock_.Now();
  const sv1::Hazard hazard = Report(*stub_, SampleHazard(kRoom302, sv1::HAZARD_SEVERITY_CRITICAL));
  clock_.Set(reported + absl::Hours(10));
  sv1::ReReportHazardRequest request;
  request.set_name(hazard.name());
  request.set_reporter("staff/f-007");
  request.set_note("漏电仍未处理，再次上报");
  sv1::ReReportHazardResponse response;
  ASSERT_TRUE(stub_->ReReportHazard(CallContext().get(), request, &response).ok());
  EXPECT_EQ(response.hazard().escalation_level(), sv1::ESCALATION_LEVEL_CENTER_LEADERSHIP);
  ASSERT_EQ(response.hazard().escalations_size(), 1);
  EXPECT_TRUE(response.hazard().escalations(0).manual());
  EXPECT_EQ(response.hazard().escalations(0).actor(), "staff/f-007");
  // The original deadline (+24 h) no longer applies: the next is 24 h after the re-report.
  clock_.Set(reported + absl::Hours(25));
  EXPECT_EQ(RunEscalation(), 0);
  clock_.Set(reported + absl::Hours(34));
  EXPECT_EQ(RunEscalation(), 1);
  EXPECT_EQ(GetHazard(*stub_, hazard.name()).escalation_level(),
            sv1::ESCALATION_LEVEL_SUPERVISING_AUTHORITY);
}

// Two replicas' escalators (own pools, as two processes have) race over the same
// overdue hazards: every escalation happens exactly once.
TEST_F(SafetyEscalationTest, TwoEscalatorsRacingEscalateEachHazardOnce) {
  constexpr int kHazards = 20;
  const absl::Time reported = clock_.Now();
  for (int i = 0; i < kHazards; ++i) {
    Report(*stub_, SampleHazard(kRoom301, sv1::HAZARD_SEVERITY_CRITICAL));
  }
  db::ConnectionPool other_pool(database_.config(), nullptr);
  safety::SafetyStore other_store(other_pool);
  safety::Escalator other(other_store, clock_);
  for (int day = 1; day <= 3; ++day) {
    clock_.Set(reported + absl::Hours(24 * day));
    int first = 0;
    int second = 0;
    std::thread a([&] { first = RunEscalation(); });
    std::thread b([&] { second = other.RunOnce(); });
    a.join();
    b.join();
    EXPECT_EQ(first + second, kHazards) << "day " << day;
  }
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM hazard_escalations"), 3 * kHazards);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM hazards WHERE escalation_count = 3"),
            kHazards);
}

}  // namespace
}  // namespace huiwu::testing
