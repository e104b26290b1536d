// No double assignment (DESIGN §4): forty clients, each on its own connection, assign
// one person to forty meetings at the same instant. The meetings form four sets; the
// duty windows of one set all overlap and the sets are apart. Exactly one assignment
// per set may win, and the table must hold no overlap, whatever the interleaving.
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/barrier.h"
#include "gtest/gtest.h"
#include "tests/staffing/staffing_fixture.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

constexpr int kClients = 40;
constexpr int kSets = 4;

// Every pair of one person's assignments whose duty windows overlap.
constexpr char kOverlaps[] =
    "SELECT COUNT(*) FROM assignments a JOIN assignments b ON a.staff_id = b.staff_id "
    "AND a.meeting_id < b.meeting_id AND a.start_time < b.end_time AND b.start_time < a.end_time";

using StaffingRaceTest = StaffingFixture;

TEST_F(StaffingRaceTest, FortyConcurrentAssignmentsOneWinnerPerOverlappingSet) {
  AddStaff("wang-li", "A-001", sv1::ROLE_ATTENDANT);
  // Set k: Wednesday 2 December from 08:00 + 3k hours; meeting i of a set starts i
  // minutes later, lasts an hour: every two of a set overlap, no two sets do (the duty
  // adds 30 min before and 15 after).
  std::vector<std::string> meetings;
  for (int i = 0; i < kClients; ++i) {
    const int set = i % kSets;
    const absl::Time start = Shanghai(2026, 12, 2, 8 + 3 * set) + absl::Minutes(i / kSets);
    const std::string meeting = absl::StrCat("race-", i);
    ASSERT_TRUE(SetRequirement(meeting, start, start + absl::Hours(1), 10).ok());
    meetings.push_back(meeting);
  }
  std::vector<std::unique_ptr<sv1::StaffingService::Stub>> clients;
  for (int i = 0; i < kClients; ++i) clients.push_back(NewStub());

  std::vector<grpc::Status> statuses(kClients);
  absl::Barrier* start = new absl::Barrier(kClients);
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      sv1::AssignStaffRequest request;
      request.set_meeting(absl::StrCat("meetings/", meetings[i]));
      request.set_staff("staff/wang-li");
      sv1::AssignStaffResponse response;
      if (start->Block()) delete start;
      statuses[i] = clients[i]->AssignStaff(CallContext().get(), request, &response);
    });
  }
  for (std::thread& t : threads) t.join();

  std::vector<int> winners_per_set(kSets, 0);
  for (int i = 0; i < kClients; ++i) {
    if (statuses[i].ok()) {
      ++winners_per_set[i % kSets];
      continue;
    }
    SCOPED_TRACE(meetings[i]);
    // A loser is told why: the person is taken (or, after bounded retries, ABORTED).
    if (statuses[i].error_code() == grpc::StatusCode::FAILED_PRECONDITION) {
      const ErrorDetails details = DetailsOf(statuses[i]);
      EXPECT_EQ(details.reason, "STAFF_NOT_ELIGIBLE");
      EXPECT_EQ(details.metadata.at("reasons"), "ALREADY_ASSIGNED");
    } else {
      EXPECT_EQ(statuses[i].error_code(), grpc::StatusCode::ABORTED) << statuses[i].error_message();
    }
  }
  for (int set = 0; set < kSets; ++set) EXPECT_EQ(winners_per_set[set], 1) << "set " << set;
  EXPECT_EQ(database_.QueryInt(kOverlaps), 0);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM assignments"), kSets);
}

}  // namespace
}  // namespace huiwu::testing
