// Room clearance against the real MariaDB: every blocking reason is listed, and each
// goes away when its cause is dealt with; the clearance queries read index ranges.
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/api/timestamp.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/safety/store/clearance_sql.h"
#include "tests/safety/safety_test_util.h"
#include "tests/support/grpc_errors.h"
#include "tests/support/safety_fixture.h"

namespace huiwu::testing {
namespace {

using ::testing::AnyOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

class SafetyClearanceTest : public SafetyFixture {
 protected:
  sv1::CheckRoomClearanceResponse Check(const std::string& room) {
    sv1::CheckRoomClearanceRequest request;
    request.set_room(room);
    *request.mutable_start_time() = api::ToTimestamp(clock_.Now() + absl::Hours(2));
    *request.mutable_end_time() = api::ToTimestamp(clock_.Now() + absl::Hours(4));
    sv1::CheckRoomClearanceResponse response;
    grpc::Status status = stub_->CheckRoomClearance(CallContext().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  static std::vector<std::pair<sv1::ClearanceBlockReason, std::string>> Reasons(
      const sv1::CheckRoomClearanceResponse& response) {
    std::vector<std::pair<sv1::ClearanceBlockReason, std::string>> result;
    for (const sv1::ClearanceBlock& b : response.blocks()) {
      result.emplace_back(b.reason(), b.resource());
    }
    return result;
  }

  sv1::DisinfectionTask CreateDisinfection(const std::string& meeting, const std::string& room) {
    sv1::CreateDisinfectionTaskRequest request;
    request.mutable_disinfection_task()->set_meeting(meeting);
    request.mutable_disinfection_task()->set_room(room);
    *request.mutable_disinfection_task()->mutable_meeting_end_time() =
        api::ToTimestamp(clock_.Now() - absl::Minutes(30));
    sv1::CreateDisinfectionTaskResponse response;
    grpc::Status status = stub_->CreateDisinfectionTask(CallContext().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.disinfection_task();
  }

  // A mandatory daily patrol of `room` from the day before yesterday 21:00: its first task
  // was due yesterday 21:00 and is overdue; the second is due tonight.
  std::string OverdueTask(const std::string& room) {
    EXPECT_TRUE(CreatePatrolTemplate(*stub_).ok());
    sv1::CreateInspectionScheduleRequest request;
    sv1::InspectionSchedule* s = request.mutable_inspection_schedule();
    s->set_display_name("301 每日巡查");
    s->set_checklist_template(kPatrolTemplate);
    s->set_place(room);
    s->set_frequency(sv1::INSPECTION_FREQUENCY_DAILY);
    *s->mutable_first_time() = api::ToTimestamp(clock_.Now() - absl::Hours(36));
    s->set_mandatory(true);
    sv1::CreateInspectionScheduleResponse response;
    EXPECT_TRUE(stub_->CreateInspectionSchedule(CallContext().get(), request, &response).ok());
    RunTaskGeneration();
    sv1::ListInspectionTasksRequest list;
    list.set_place(room);
    list.set_overdue_only(true);
    sv1::ListInspectionTasksResponse listed;
    EXPECT_TRUE(stub_->ListInspectionTasks(CallContext().get(), list, &listed).ok());
    EXPECT_EQ(listed.inspection_tasks_size(), 1);
    return listed.inspection_tasks_size() > 0 ? listed.inspection_tasks(0).name() : "";
  }
};

TEST_F(SafetyClearanceTest, ListsEveryBlockingReasonAndEachClearsWithItsCause) {
  EXPECT_TRUE(Check(kRoom301).clear());

  const sv1::Hazard high = Report(*stub_, SampleHazard(kRoom301, sv1::HAZARD_SEVERITY_HIGH));
  const sv1::Hazard critical_elsewhere =
      Report(*stub_, SampleHazard(kRoom302, sv1::HAZARD_SEVERITY_CRITICAL));
  // Not blocking: a medium hazard in the room, a high one next door, a critical one in
  // another building.
  Report(*stub_, SampleHazard(kRoom301, sv1::HAZARD_SEVERITY_MEDIUM));
  Report(*stub_, SampleHazard(kRoom302, sv1::HAZARD_SEVERITY_HIGH));
  Report(*stub_, SampleHazard(kAuditorium, sv1::HAZARD_SEVERITY_CRITICAL));
  const sv1::DisinfectionTask pending = CreateDisinfection("meetings/3f9c2a7d5e1b4c08", kRoom301);
  CreateDisinfection("meetings/aa00000000000001", kRoom302);
  const std::string overdue = OverdueTask(kRoom301);

  sv1::CheckRoomClearanceResponse blocked = Check(kRoom301);
  EXPECT_FALSE(blocked.clear());
  EXPECT_THAT(
      Reasons(blocked),
      ElementsAre(std::pair{sv1::CLEARANCE_BLOCK_REASON_BUILDING_CRITICAL_HAZARD,
                            critical_elsewhere.name()},
                  std::pair{sv1::CLEARANCE_BLOCK_REASON_ROOM_HAZARD, high.name()},
                  std::pair{sv1::CLEARANCE_BLOCK_REASON_PENDING_DISINFECTION, pending.name()},
                  std::pair{sv1::CLEARANCE_BLOCK_REASON_OVERDUE_INSPECTION, overdue}));
  for (const sv1::ClearanceBlock& b : blocked.blocks()) EXPECT_FALSE(b.description().empty());

  // Completing the disinfection clears that reason and only that one.
  sv1::CompleteDisinfectionRequest complete;
  complete.set_name(pending.name());
  complete.set_performer("staff/f-040");
  complete.set_method(sv1::DISINFECTION_METHOD_DISINFECTION_CABINET);
  sv1::CompleteDisinfectionResponse completed;
  ASSERT_TRUE(stub_->CompleteDisinfection(CallContext().get(), complete, &completed).ok());
  EXPECT_TRUE(completed.disinfection_task().completed());
  EXPECT_THAT(Reasons(Check(kRoom301)),
              Not(::testing::Contains(::testing::Pair(
                  sv1::CLEARANCE_BLOCK_REASON_PENDING_DISINFECTION, ::testing::_))));
  EXPECT_EQ(Check(kRoom301).blocks_size(), 3);

  // A second completion is refused: the record stands.
  grpc::Status again = stub_->CompleteDisinfection(CallContext().get(), complete, &completed);
  EXPECT_EQ(again.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(DetailsOf(again).reason, "DISINFECTION_ALREADY_COMPLETED");

  // Resolving the room's hazard clears it.
  sv1::AssignHazardRequest assign;
  assign.set_name(high.name());
  assign.set_assignee("staff/f-031");
  sv1::AssignHazardResponse assigned;
  ASSERT_TRUE(stub_->AssignHazard(CallContext().get(), assign, &assigned).ok());
  sv1::ResolveHazardRequest resolve;
  resolve.set_name(high.name());
  resolve.set_resolver("staff/f-031");
  resolve.set_resolution("清理通道");
  sv1::ResolveHazardResponse resolved;
  ASSERT_TRUE(stub_->ResolveHazard(CallContext().get(), resolve, &resolved).ok());
  EXPECT_THAT(Reasons(Check(kRoom301)),
              ElementsAre(std::pair{sv1::CLEARANCE_BLOCK_REASON_BUILDING_CRITICAL_HAZARD,
                                    critical_elsewhere.name()},
                          std::pair{sv1::CLEARANCE_BLOCK_REASON_OVERDUE_INSPECTION, overdue}));
}

TEST_F(SafetyClearanceTest, OneDisinfectionTaskPerMeeting) {
  CreateDisinfection("meetings/3f9c2a7d5e1b4c08", kRoom301);
  sv1::CreateDisinfectionTaskRequest request;
  request.mutable_disinfection_task()->set_meeting("meetings/3f9c2a7d5e1b4c08");
  request.mutable_disinfection_task()->set_room(kRoom301);
  *request.mutable_disinfection_task()->mutable_meeting_end_time() = api::ToTimestamp(clock_.Now());
  sv1::CreateDisinfectionTaskResponse response;
  grpc::Status status = stub_->CreateDisinfectionTask(CallContext().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(DetailsOf(status).reason, "DISINFECTION_TASK_EXISTS");
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM disinfection_tasks"), 1);
}

// EXPLAIN of the very statement the store sends (services/safety/store/clearance_sql.h),
// its parameters filled in, over tables with enough rows that the optimizer has a real
// choice: each of its reads is an index range of its own index, never the whole table,
// and none sorts (the index gives the order, so each stops at its LIMIT).
TEST_F(SafetyClearanceTest, ClearanceQueriesReadIndexRanges) {
  database_.Execute(
      "INSERT INTO hazards (hazard_id, kind, severity, building_id, room_id, description, "
      "reporter, state, is_open, assignee, deadline, escalation_level, escalation_count, "
      "resolution, resolver, verifier, version, create_time, update_time) "
      "SELECT CONCAT('h', seq), 1, 1 + seq % 4, IF(seq % 2 = 0, 'city-hall', 'citizen-center'), "
      "CONCAT('r', seq % 50), 'x', 'staff/s-001', IF(seq % 3 = 0, 5, 1), seq % 3 <> 0, '', "
      "NOW(), 1, 0, '', '', '', 1, NOW(), NOW() FROM seq_1_to_3000");
  database_.Execute(
      "INSERT INTO disinfection_tasks (task_id, meeting_id, building_id, room_id, "
      "meeting_end_time, is_pending, performer, method, complete_time, note, create_time) "
      "SELECT CONCAT('d', seq), CONCAT('m', seq), 'city-hall', CONCAT('r', seq % 50), NOW(), "
      "seq % 10 = 0, '', 0, NULL, '', NOW() FROM seq_1_to_3000");
  database_.Execute(
      "INSERT INTO inspection_tasks (task_id, schedule_id, template_id, building_id, room_id, "
      "start_time, due_time, mandatory, is_open, inspection_id) SELECT CONCAT('t', seq), "
      "CONCAT('s', seq % 20), 'p', 'city-hall', CONCAT('r', seq % 50), NOW() + INTERVAL seq "
      "SECOND, "
      "NOW() + INTERVAL (CAST(seq AS SIGNED) - 1500) MINUTE, seq % 2, seq % 5 = 0, '' FROM "
      "seq_1_to_3000");
  database_.Execute(
      "INSERT INTO inspections (inspection_id, template_id, template_revision, building_id, "
      "room_id, task_id, inspector, supervisor, submission, submit_time) SELECT CONCAT('i', "
      "seq), 'p', 1, IF(seq % 2 = 0, 'city-hall', 'citizen-center'), CONCAT('r', seq % 50), '', "
      "'staff/f-021', 'staff/s-001', 1, NOW() - INTERVAL seq MINUTE FROM seq_1_to_3000");
  database_.QueryRows("ANALYZE TABLE hazards, disinfection_tasks, inspection_tasks, inspections");

  std::string sql = std::string("EXPLAIN ") + safety::kClearanceSql;
  for (const char* value : {"'city-hall'", "'city-hall'", "'r7'", "'city-hall'", "'r7'",
                            "'city-hall'", "'r7'", "NOW()", "'city-hall'", "'r7'", "NOW()",
                            "'city-hall'", "'r8'", "NOW() - INTERVAL 6 HOUR", "NOW()"}) {
    const size_t at = sql.find('?');
    ASSERT_NE(at, std::string::npos);
    sql.replace(at, 1, value);
  }
  ASSERT_EQ(sql.find('?'), std::string::npos) << "every parameter filled in";

  // id|select_type|table|type|possible_keys|key|key_len|ref|rows|Extra, one row per read
  // (and none, or a UNION RESULT row, for the union itself).
  const std::vector<std::string> expected_indexes = {
      "hazards_open_by_building",     "hazards_open_by_room",  "hazards_open_by_room",
      "disinfection_pending_by_room", "tasks_overdue_by_room", "inspections_by_room"};
  std::vector<std::string> read_indexes;
  for (const std::string& row : database_.QueryRows(sql)) {
    SCOPED_TRACE(row);
    std::vector<std::string> columns = absl::StrSplit(row, '|');
    ASSERT_GE(columns.size(), 6u);
    if (absl::StartsWith(columns[2], "<union")) continue;
    EXPECT_THAT(columns[3], AnyOf("ref", "range"));
    EXPECT_THAT(row, Not(HasSubstr("filesort")));
    read_indexes.push_back(columns[5]);
  }
  EXPECT_EQ(read_indexes, expected_indexes);
}

}  // namespace
}  // namespace huiwu::testing
