// Inspection schedules against the real MariaDB: the generator, run at the manual
// clock's instant, creates the expected tasks for a week; overdue detection at an
// injected instant; a task is done by the inspection that names it.
#include <map>
#include <string>
#include <vector>

#include "common/api/timestamp.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/safety/safety_test_util.h"
#include "tests/support/grpc_errors.h"
#include "tests/support/safety_fixture.h"

namespace huiwu::testing {
namespace {

class SafetyScheduleTest : public SafetyFixture {
 protected:
  void SetUp() override {
    SafetyFixture::SetUp();
    ASSERT_TRUE(CreatePatrolTemplate(*stub_).ok());
  }

  std::string CreateSchedule(const std::string& place, sv1::InspectionFrequency frequency,
                             absl::Time first, int active_start = 0, int active_end = 0) {
    sv1::CreateInspectionScheduleRequest request;
    sv1::InspectionSchedule* s = request.mutable_inspection_schedule();
    s->set_display_name("巡查");
    s->set_checklist_template(kPatrolTemplate);
    s->set_place(place);
    s->set_frequency(frequency);
    *s->mutable_first_time() = api::ToTimestamp(first);
    s->set_active_start_hour(active_start);
    s->set_active_end_hour(active_end);
    s->set_mandatory(true);
    sv1::CreateInspectionScheduleResponse response;
    grpc::Status status = stub_->CreateInspectionSchedule(CallContext().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.inspection_schedule().name();
  }

  // Every task of the listing, all pages (page size 7 to exercise the tokens).
  std::vector<sv1::InspectionTask> Tasks(sv1::ListInspectionTasksRequest request) {
    std::vector<sv1::InspectionTask> tasks;
    request.set_page_size(7);
    for (int page = 0; page < 100; ++page) {
      sv1::ListInspectionTasksResponse response;
      grpc::Status status = stub_->ListInspectionTasks(CallContext().get(), request, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      tasks.insert(tasks.end(), response.inspection_tasks().begin(),
                   response.inspection_tasks().end());
      if (response.next_page_token().empty()) break;
      request.set_page_token(response.next_page_token());
    }
    return tasks;
  }

  std::vector<sv1::InspectionTask> TasksOf(const std::string& schedule) {
    sv1::ListInspectionTasksRequest request;
    request.set_schedule(schedule);
    return Tasks(request);
  }
};

TEST_F(SafetyScheduleTest, GeneratesTheExpectedTasksForAWeek) {
  // Now: Tuesday 2026-12-01 09:00. The daily patrol of city hall at 08:30 from tomorrow,
  // the auditorium every 2 hours 08:00–18:00 from tomorrow, the quarterly fire
  // inspection from 2026-12-15.
  const std::string daily =
      CreateSchedule(kCityHall, sv1::INSPECTION_FREQUENCY_DAILY, Shanghai(2026, 12, 2, 8, 30));
  const std::string venue = CreateSchedule(kAuditorium, sv1::INSPECTION_FREQUENCY_EVERY_TWO_HOURS,
                                           Shanghai(2026, 12, 2, 8, 0), 8, 18);
  const std::string quarterly =
      CreateSchedule(kCityHall, sv1::INSPECTION_FREQUENCY_QUARTERLY, Shanghai(2026, 12, 15, 9, 0));

  // The generator creates up to a week ahead (until 2026-12-08 09:00), once.
  const int created = RunTaskGeneration();
  EXPECT_EQ(RunTaskGeneration(), 0);

  const std::vector<sv1::InspectionTask> daily_tasks = TasksOf(daily);
  ASSERT_EQ(daily_tasks.size(), 7u);  // 12-02 … 12-08, each 08:30
  for (size_t i = 0; i < daily_tasks.size(); ++i) {
    EXPECT_EQ(api::FromTimestamp(daily_tasks[i].start_time()),
              Shanghai(2026, 12, 2 + static_cast<int>(i), 8, 30));
    EXPECT_EQ(api::FromTimestamp(daily_tasks[i].due_time()),
              Shanghai(2026, 12, 3 + static_cast<int>(i), 8, 30));
    EXPECT_EQ(daily_tasks[i].place(), kCityHall);
  }
  // 08, 10, 12, 14, 16 on six days (12-02 … 12-07) and 08:00 on 12-08: 31.
  const std::vector<sv1::InspectionTask> venue_tasks = TasksOf(venue);
  EXPECT_EQ(venue_tasks.size(), 31u);
  std::map<int, int> by_hour;
  for (const auto& t : venue_tasks) {
    ++by_hour[absl::ToCivilHour(api::FromTimestamp(t.start_time()), absl::FixedTimeZone(8 * 3600))
                  .hour()];
  }
  EXPECT_EQ(by_hour, (std::map<int, int>{{8, 7}, {10, 6}, {12, 6}, {14, 6}, {16, 6}}));
  // The 16:00 patrol is due at the next day's 08:00.
  EXPECT_EQ(api::FromTimestamp(venue_tasks[4].due_time()), Shanghai(2026, 12, 3, 8, 0));
  EXPECT_TRUE(TasksOf(quarterly).empty());  // the first is after the week
  EXPECT_EQ(created, 7 + 31);

  // A day later the horizon moved a day: one more daily task, five more venue patrols.
  clock_.Set(Shanghai(2026, 12, 2, 9, 0));
  EXPECT_EQ(RunTaskGeneration(), 1 + 5);
  EXPECT_EQ(TasksOf(daily).size(), 8u);
  // On 12-08 the quarterly fire inspection of 12-15 comes within the week, due 2027-03-15.
  clock_.Set(Shanghai(2026, 12, 8, 10, 0));
  RunTaskGeneration();
  const std::vector<sv1::InspectionTask> fire = TasksOf(quarterly);
  ASSERT_EQ(fire.size(), 1u);
  EXPECT_EQ(api::FromTimestamp(fire[0].due_time()), Shanghai(2027, 3, 15, 9, 0));
}

TEST_F(SafetyScheduleTest, OverdueAtAnInjectedInstantAndDoneByItsInspection) {
  const std::string daily =
      CreateSchedule(kRoom301, sv1::INSPECTION_FREQUENCY_DAILY, Shanghai(2026, 12, 1, 10, 0));
  RunTaskGeneration();
  sv1::ListInspectionTasksRequest overdue;
  overdue.set_overdue_only(true);
  EXPECT_TRUE(Tasks(overdue).empty());

  // 12-03 10:30: the tasks of 12-01 (due 12-02 10:00) and 12-02 (due 12-03 10:00) are
  // overdue; the one of 12-03 is not yet.
  clock_.Set(Shanghai(2026, 12, 3, 10, 30));
  std::vector<sv1::InspectionTask> late = Tasks(overdue);
  ASSERT_EQ(late.size(), 2u);
  EXPECT_TRUE(late[0].overdue());
  EXPECT_EQ(api::FromTimestamp(late[0].start_time()), Shanghai(2026, 12, 1, 10, 0));
  EXPECT_EQ(api::FromTimestamp(late[1].start_time()), Shanghai(2026, 12, 2, 10, 0));

  // Performing the first one takes it off the list.
  sv1::SubmitInspectionRequest submit;
  sv1::Inspection* in = submit.mutable_inspection();
  in->set_checklist_template(kPatrolTemplate);
  in->set_place(kRoom301);
  in->set_task(late[0].name());
  in->set_inspector("staff/f-021");
  in->set_supervisor("staff/s-001");
  in->add_answers()->set_item_id("exits-clear");
  in->mutable_answers(0)->set_passed(true);
  in->add_answers()->set_item_id("extinguisher-pressure");
  in->mutable_answers(1)->set_number(1.2);
  in->add_answers()->set_item_id("remark");
  in->mutable_answers(2)->set_text("");
  sv1::SubmitInspectionResponse submitted;
  grpc::Status status = stub_->SubmitInspection(CallContext().get(), submit, &submitted);
  ASSERT_TRUE(status.ok()) << status.error_message();
  late = Tasks(overdue);
  ASSERT_EQ(late.size(), 1u);
  EXPECT_EQ(api::FromTimestamp(late[0].start_time()), Shanghai(2026, 12, 2, 10, 0));

  // The done task shows its inspection when done tasks are asked for.
  sv1::ListInspectionTasksRequest all;
  all.set_schedule(daily);
  all.set_include_done(true);
  const std::vector<sv1::InspectionTask> tasks = Tasks(all);
  ASSERT_FALSE(tasks.empty());
  EXPECT_EQ(tasks[0].inspection(), submitted.inspection().name());
  EXPECT_FALSE(tasks[0].overdue());

  // A second inspection cannot claim the same task.
  submit.mutable_inspection()->set_task(late[0].name());
  ASSERT_TRUE(stub_->SubmitInspection(CallContext().get(), submit, &submitted).ok());
  grpc::Status taken = stub_->SubmitInspection(CallContext().get(), submit, &submitted);
  EXPECT_EQ(taken.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(DetailsOf(taken).reason, "TASK_ALREADY_DONE");
}

}  // namespace
}  // namespace huiwu::testing
