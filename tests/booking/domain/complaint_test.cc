#include "services/booking/domain/complaint.h"

#include <map>
#include <string>
#include <utility>

#include "common/status/errors.h"
#include "gtest/gtest.h"

namespace huiwu::booking {
namespace {

constexpr ComplaintState kAllStates[] = {ComplaintState::kRecorded, ComplaintState::kAssigned,
                                         ComplaintState::kAnswered, ComplaintState::kClosed};
constexpr ComplaintAction kAllActions[] = {ComplaintAction::kAssign, ComplaintAction::kAnswer,
                                           ComplaintAction::kClose};

const absl::Time kT0 = absl::FromUnixSeconds(1'795'000'000);

// The lifecycle written out apart from the implementation's switch.
const std::map<std::pair<ComplaintState, ComplaintAction>, ComplaintState> kAllowed = {
    {{ComplaintState::kRecorded, ComplaintAction::kAssign}, ComplaintState::kAssigned},
    {{ComplaintState::kAssigned, ComplaintAction::kAssign}, ComplaintState::kAssigned},
    {{ComplaintState::kAssigned, ComplaintAction::kAnswer}, ComplaintState::kAnswered},
    {{ComplaintState::kAnswered, ComplaintAction::kClose}, ComplaintState::kClosed},
};

Complaint Draft(std::string id, std::string unit, std::string description) {
  Complaint c;
  c.id = std::move(id);
  c.organizer_unit = std::move(unit);
  c.description = std::move(description);
  return c;
}

Complaint InState(ComplaintState state) {
  Complaint c = RecordedComplaint(Draft("c1", "市财政局", "茶水凉了"), "organizer", kT0);
  c.state = state;
  return c;
}

TEST(ComplaintTest, EveryStateAndActionIsAllowedExactlyAsTheTableSays) {
  for (ComplaintState from : kAllStates) {
    for (ComplaintAction action : kAllActions) {
      SCOPED_TRACE(std::string(ComplaintStateName(from)) + " " +
                   std::string(ComplaintActionName(action)));
      Complaint c = InState(from);
      const Complaint before = c;
      const absl::Status status = ApplyComplaintAction(c, action, "x", "hub", kT0 + absl::Hours(1));
      auto allowed = kAllowed.find({from, action});
      if (allowed == kAllowed.end()) {
        EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
        EXPECT_EQ(ReasonOf(status), "COMPLAINT_STATE_CONFLICT");
        EXPECT_EQ(MetadataOf(status).at("state"), ComplaintStateName(from));
        EXPECT_EQ(c.state, before.state);
        EXPECT_EQ(c.history.size(), before.history.size());
        EXPECT_EQ(c.version, before.version);
      } else {
        ASSERT_TRUE(status.ok()) << status;
        EXPECT_EQ(c.state, allowed->second);
        EXPECT_EQ(c.version, before.version + 1);
      }
    }
  }
}

TEST(ComplaintTest, TheWholeLifecycleKeepsWhoWhenAndWhatOfEveryStep) {
  Complaint c = RecordedComplaint(Draft("c1", "市财政局", "投影仪无信号"),
                                  "spiffe://huiwu/organizer/u-003", kT0);
  ASSERT_EQ(c.history.size(), 1u);
  EXPECT_EQ(c.history[0].to, ComplaintState::kRecorded);
  EXPECT_EQ(c.history[0].actor, "spiffe://huiwu/organizer/u-003");
  EXPECT_EQ(c.version, 1);

  ASSERT_TRUE(
      ApplyComplaintAction(c, ComplaintAction::kAssign, "staff/s-01", "hub", kT0 + absl::Minutes(5))
          .ok());
  // Reassigned before it is answered: the handler changes, the state stays.
  ASSERT_TRUE(ApplyComplaintAction(c, ComplaintAction::kAssign, "staff/s-07", "lead",
                                   kT0 + absl::Minutes(6))
                  .ok());
  EXPECT_EQ(c.assignee, "staff/s-07");
  ASSERT_TRUE(ApplyComplaintAction(c, ComplaintAction::kAnswer, "已更换投影仪线缆", "s-07",
                                   kT0 + absl::Hours(2))
                  .ok());
  EXPECT_EQ(c.answer, "已更换投影仪线缆");
  ASSERT_TRUE(
      ApplyComplaintAction(c, ComplaintAction::kClose, "单位满意", "hub", kT0 + absl::Hours(3))
          .ok());
  EXPECT_EQ(c.state, ComplaintState::kClosed);
  EXPECT_EQ(c.version, 5);
  EXPECT_EQ(c.update_time, kT0 + absl::Hours(3));
  ASSERT_EQ(c.history.size(), 5u);
  EXPECT_EQ(c.history[1].from, ComplaintState::kRecorded);
  EXPECT_EQ(c.history[1].to, ComplaintState::kAssigned);
  EXPECT_EQ(c.history[1].note, "staff/s-01");
  EXPECT_EQ(c.history[2].from, ComplaintState::kAssigned);
  EXPECT_EQ(c.history[2].to, ComplaintState::kAssigned);
  EXPECT_EQ(c.history[2].actor, "lead");
  EXPECT_EQ(c.history[3].to, ComplaintState::kAnswered);
  EXPECT_EQ(c.history[3].time, kT0 + absl::Hours(2));
  EXPECT_EQ(c.history[4].note, "单位满意");
}

TEST(ComplaintTest, ARefusalSaysWhatToDoInstead) {
  Complaint c = InState(ComplaintState::kRecorded);
  const absl::Status status = ApplyComplaintAction(c, ComplaintAction::kClose, "", "hub", kT0);
  EXPECT_NE(status.message().find("AssignComplaint"), absl::string_view::npos) << status;
  EXPECT_NE(status.message().find("complaints/c1"), absl::string_view::npos) << status;
}

}  // namespace
}  // namespace huiwu::booking
