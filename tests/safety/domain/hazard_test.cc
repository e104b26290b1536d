// Every allowed and refused hazard transition, deadlines by severity, and the levels of
// escalation (再次上报、多次上报直到问题解决).
#include "services/safety/domain/hazard.h"

#include <map>
#include <utility>

#include "common/status/errors.h"
#include "gtest/gtest.h"

namespace huiwu::safety {
namespace {

using S = HazardState;
using A = HazardAction;

constexpr S kStates[] = {S::kReported, S::kAssigned, S::kRectifying,
                         S::kResolved, S::kVerified, S::kReopened};
constexpr A kActions[] = {A::kAssign,  A::kStartRectification, A::kResolve, A::kVerify, A::kReopen,
                          A::kReReport};

// The whole table: (state, action) → next state; every pair not listed is refused.
const std::map<std::pair<S, A>, S>& Allowed() {
  static const auto* allowed = new std::map<std::pair<S, A>, S>{
      {{S::kReported, A::kAssign}, S::kAssigned},
      {{S::kReported, A::kReReport}, S::kReported},
      {{S::kAssigned, A::kAssign}, S::kAssigned},
      {{S::kAssigned, A::kStartRectification}, S::kRectifying},
      {{S::kAssigned, A::kResolve}, S::kResolved},
      {{S::kAssigned, A::kReReport}, S::kAssigned},
      {{S::kRectifying, A::kResolve}, S::kResolved},
      {{S::kRectifying, A::kReReport}, S::kRectifying},
      {{S::kResolved, A::kVerify}, S::kVerified},
      {{S::kResolved, A::kReopen}, S::kReopened},
      {{S::kVerified, A::kReopen}, S::kReopened},
      {{S::kReopened, A::kAssign}, S::kAssigned},
      {{S::kReopened, A::kReReport}, S::kReopened},
  };
  return *allowed;
}

TEST(HazardTransitionTest, EveryAllowedAndRefusedTransition) {
  int allowed = 0;
  for (S state : kStates) {
    for (A action : kActions) {
      SCOPED_TRACE(testing::Message() << "state " << static_cast<int>(state) << " action "
                                      << static_cast<int>(action));
      auto next = NextState(state, action);
      auto expected = Allowed().find({state, action});
      if (expected != Allowed().end()) {
        ++allowed;
        ASSERT_TRUE(next.ok()) << next.status();
        EXPECT_EQ(*next, expected->second);
      } else {
        ASSERT_FALSE(next.ok());
        EXPECT_EQ(next.status().code(), absl::StatusCode::kFailedPrecondition);
        EXPECT_EQ(ReasonOf(next.status()), "HAZARD_TRANSITION_REFUSED");
        EXPECT_TRUE(MetadataOf(next.status()).contains("state"));
        EXPECT_NE(next.status().message().find("you may"), absl::string_view::npos)
            << "says what is possible instead: " << next.status().message();
      }
    }
  }
  EXPECT_EQ(allowed, 13);
}

TEST(HazardTransitionTest, OpenUntilResolvedOrVerified) {
  EXPECT_TRUE(IsOpen(S::kReported));
  EXPECT_TRUE(IsOpen(S::kAssigned));
  EXPECT_TRUE(IsOpen(S::kRectifying));
  EXPECT_TRUE(IsOpen(S::kReopened));
  EXPECT_FALSE(IsOpen(S::kResolved));
  EXPECT_FALSE(IsOpen(S::kVerified));
}

TEST(HazardDeadlineTest, BySeverityFromTheReport) {
  const absl::Time now = absl::FromUnixSeconds(1'800'000'000);
  const std::pair<Severity, absl::Duration> expected[] = {{Severity::kCritical, absl::Hours(24)},
                                                          {Severity::kHigh, absl::Hours(72)},
                                                          {Severity::kMedium, absl::Hours(7 * 24)},
                                                          {Severity::kLow, absl::Hours(30 * 24)}};
  for (const auto& [severity, period] : expected) {
    Hazard h;
    h.severity = severity;
    StartHazard(h, now);
    EXPECT_EQ(h.deadline, now + period);
    EXPECT_EQ(h.state, S::kReported);
    EXPECT_EQ(h.escalation_level, EscalationLevel::kSection);
  }
}

TEST(HazardEscalationTest, ClimbsToTheSupervisingAuthorityAndStaysThere) {
  Hazard h;
  h.severity = Severity::kCritical;
  const absl::Time now = absl::FromUnixSeconds(1'800'000'000);
  StartHazard(h, now);
  Escalate(h, h.deadline, false, kEscalationActor, "");
  EXPECT_EQ(h.escalation_level, EscalationLevel::kCenterLeadership);
  EXPECT_EQ(h.deadline, now + absl::Hours(48));
  Escalate(h, h.deadline, false, kEscalationActor, "");
  Escalate(h, h.deadline, false, kEscalationActor, "");
  EXPECT_EQ(h.escalation_level, EscalationLevel::kSupervisingAuthority);
  EXPECT_EQ(h.escalation_count, 3);
  ASSERT_EQ(h.escalations.size(), 3u);
  EXPECT_EQ(h.escalations[2].time, now + absl::Hours(72));
  EXPECT_EQ(h.escalations[2].level, EscalationLevel::kSupervisingAuthority);
}

TEST(HazardEscalationTest, DueEscalationsAreTheDeadlinesPassed) {
  const absl::Time deadline = absl::FromUnixSeconds(1'800'000'000);
  EXPECT_TRUE(DueEscalations(deadline, Severity::kHigh, deadline - absl::Seconds(1)).empty());
  EXPECT_EQ(
      DueEscalations(deadline, Severity::kHigh, deadline + absl::Hours(150)),
      (std::vector<absl::Time>{deadline, deadline + absl::Hours(72), deadline + absl::Hours(144)}));
}

}  // namespace
}  // namespace huiwu::safety
