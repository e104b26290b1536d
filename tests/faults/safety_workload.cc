#include "tests/faults/safety_workload.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/api/timestamp.h"
#include "gtest/gtest.h"
#include "huiwu/safety/v1/safety_service.grpc.pb.h"
#include "tests/support/call_context.h"
#include "tests/support/grpc_errors.h"
#include "tests/support/poll.h"
#include "tests/support/sql_rows.h"

namespace huiwu::testing {
namespace {

namespace v1 = safety::v1;
using Stub = v1::SafetyService::Stub;

constexpr const char* kRooms[] = {"buildings/city-hall/rooms/301", "buildings/city-hall/rooms/302",
                                  "buildings/city-hall/rooms/303", "buildings/city-hall/rooms/304"};
constexpr char kReporter[] = "staff/f-012";

// The escalator's share: hazards whose deadlines fall due one every 50 ms for the five
// seconds after seeding, through whatever fault the scenario injects meanwhile.
constexpr int kDueHazards = 100;
constexpr char kDueHazardsFromNow[] =
    "UPDATE hazards SET deadline = UTC_TIMESTAMP(6) + INTERVAL "
    "(CAST(SUBSTRING(description, 5) AS UNSIGNED) * 50000) MICROSECOND "
    "WHERE description LIKE 'due-%'";
constexpr char kNotEscalated[] =
    "SELECT COUNT(*) FROM hazards WHERE description LIKE 'due-%' AND escalation_count = 0";
// Every deadline in this test is days away once passed: a second escalation of any
// hazard is one step taken twice.
constexpr char kEscalatedTwice[] = "SELECT COUNT(*) FROM hazards WHERE escalation_count > 1";
// Each step recorded once, as the step the count says, one level up from SECTION.
constexpr char kEscalationsOffTheirHazard[] =
    "SELECT COUNT(*) FROM hazards h WHERE h.escalation_count <> (SELECT COUNT(*) FROM "
    "hazard_escalations e WHERE e.hazard_id = h.hazard_id) OR EXISTS (SELECT 1 FROM "
    "hazard_escalations e WHERE e.hazard_id = h.hazard_id AND e.seq = 1 AND e.level <> 2)";
constexpr char kMeetingsWithTwoTasks[] =
    "SELECT COUNT(*) FROM (SELECT meeting_id FROM disinfection_tasks GROUP BY meeting_id "
    "HAVING COUNT(*) > 1) twice";

v1::ReReportHazardRequest ReReportRequest(const SafetyRecord& record) {
  v1::ReReportHazardRequest request;
  request.set_name(record.hazard);
  request.set_reporter(kReporter);
  request.set_note("仍未整改，再次上报");
  request.set_etag(record.etag);
  return request;
}

v1::CreateDisinfectionTaskRequest TaskRequest(const SafetyRecord& record) {
  v1::CreateDisinfectionTaskRequest request;
  v1::DisinfectionTask* task = request.mutable_disinfection_task();
  task->set_meeting(absl::StrCat("meetings/", record.key));
  task->set_room(record.room);
  *task->mutable_meeting_end_time() = api::ToTimestamp(record.meeting_end);
  request.set_request_id(absl::StrCat("disinfection-", record.key));
  return request;
}

v1::CompleteDisinfectionRequest CompleteRequest(const SafetyRecord& record) {
  v1::CompleteDisinfectionRequest request;
  request.set_name(record.task);
  request.set_performer("staff/f-020");
  request.set_method(v1::DISINFECTION_METHOD_DISINFECTION_CABINET);
  return request;
}

bool HasReason(const grpc::Status& status, grpc::StatusCode code, const char* reason) {
  return status.error_code() == code && DetailsOf(status).reason == reason;
}

}  // namespace

v1::ReportHazardRequest HazardReport(const std::string& description, const std::string& room,
                                     v1::HazardSeverity severity) {
  v1::ReportHazardRequest request;
  v1::Hazard* hazard = request.mutable_hazard();
  hazard->set_kind(v1::HAZARD_KIND_ELECTRICAL);
  hazard->set_severity(severity);
  hazard->set_place(room);
  hazard->set_description(description);
  hazard->set_reporter(kReporter);
  request.set_request_id(absl::StrCat("hazard-", description));
  return request;
}

std::vector<std::string> SafetyWorkload::extra_args() const {
  return {"--escalation_check_interval=100ms", "--schedule_check_interval=inf"};
}

void SafetyWorkload::Seed(const std::shared_ptr<grpc::Channel>& channel,
                          const config::DatabaseConfig& database) {
  Stub stub(channel);
  for (int i = 0; i < kDueHazards; ++i) {
    v1::ReportHazardResponse reported;
    const grpc::Status status =
        stub.ReportHazard(CallContext().get(),
                          HazardReport(absl::StrCat("due-", i), kRooms[i % std::size(kRooms)],
                                       v1::HAZARD_SEVERITY_HIGH),
                          &reported);
    EXPECT_TRUE(status.ok()) << status.error_message();
  }
  EXPECT_EQ(ExecuteSql(database, kDueHazardsFromNow), kDueHazards);
}

void SafetyWorkload::RunUnit(FaultCaller& caller, int n) {
  SafetyRecord record;
  record.key = absl::StrCat("fault-", caller.worker(), "-", n);
  record.room = kRooms[(caller.worker() + n) % std::size(kRooms)];
  record.meeting_end = absl::Now() - absl::Hours(1);
  ReportAndReReport(caller, record);
  if (!caller.stopping()) Disinfect(caller, record);
  records_.Add(caller.worker(), std::move(record));
}

void SafetyWorkload::ReportAndReReport(FaultCaller& caller, SafetyRecord& record) {
  v1::ReportHazardResponse reported;
  const grpc::Status report =
      Call(caller, &Stub::ReportHazard,
           HazardReport(record.key, record.room, v1::HAZARD_SEVERITY_MEDIUM), &reported);
  if (!report.ok()) {
    if (!Retryable(report)) caller.Unexpected("ReportHazard", report);
    return;
  }
  record.hazard = reported.hazard().name();
  record.etag = reported.hazard().etag();
  if (caller.stopping()) return;
  v1::ReReportHazardResponse re_reported;
  const grpc::Status re_report =
      Call(caller, &Stub::ReReportHazard, ReReportRequest(record), &re_reported);
  // A stale etag after a retry: the attempt whose answer was lost went through (nobody
  // else touches this hazard); a careful client reads the hazard again and sees it.
  if (re_report.ok() ||
      (caller.attempts() > 1 && HasReason(re_report, grpc::StatusCode::ABORTED, "ETAG_MISMATCH"))) {
    record.re_reported = true;
  } else if (!Retryable(re_report)) {
    caller.Unexpected("ReReportHazard", re_report);
  }
}

void SafetyWorkload::Disinfect(FaultCaller& caller, SafetyRecord& record) {
  v1::CreateDisinfectionTaskResponse created;
  const grpc::Status create =
      Call(caller, &Stub::CreateDisinfectionTask, TaskRequest(record), &created);
  if (!create.ok()) {
    if (!Retryable(create)) caller.Unexpected("CreateDisinfectionTask", create);
    return;
  }
  record.task = created.disinfection_task().name();
  if (caller.stopping()) return;
  v1::CompleteDisinfectionResponse completed;
  const grpc::Status complete =
      Call(caller, &Stub::CompleteDisinfection, CompleteRequest(record), &completed);
  if (complete.ok() ||
      (caller.attempts() > 1 && HasReason(complete, grpc::StatusCode::FAILED_PRECONDITION,
                                          "DISINFECTION_ALREADY_COMPLETED"))) {
    record.disinfected = true;
  } else if (!Retryable(complete)) {
    caller.Unexpected("CompleteDisinfection", complete);
  }
}

FaultAudit SafetyWorkload::Audit(const config::DatabaseConfig& database) {
  FaultAudit audit;
  audit.writes = "hazards and disinfections";
  // Every seeded hazard is due by now or soon: the escalator takes them all (bounded:
  // the check below reports what it missed), and is idle during a replay.
  PollUntil([&] { return QueryInt(database, kNotEscalated) == 0; }, absl::Seconds(30),
            absl::Milliseconds(100));
  // description (the unit's key) → "hazards/{id}|escalation_count" of each hazard stored.
  std::map<std::string, std::vector<std::pair<std::string, int>>> hazards;
  for (const std::string& row :
       QueryRows(database,
                 "SELECT description, hazard_id, escalation_count FROM hazards "
                 "WHERE description LIKE 'fault-%'")) {
    std::vector<std::string> columns = absl::StrSplit(row, '|');
    hazards[columns[0]].emplace_back(absl::StrCat("hazards/", columns[1]), std::stoi(columns[2]));
  }
  // meeting → "disinfectionTasks/{id}" and whether it is still pending.
  std::map<std::string, std::pair<std::string, bool>> tasks;
  for (const std::string& row :
       QueryRows(database,
                 "SELECT meeting_id, task_id, is_pending FROM disinfection_tasks "
                 "WHERE meeting_id LIKE 'fault-%'")) {
    std::vector<std::string> columns = absl::StrSplit(row, '|');
    tasks[columns[0]] = {absl::StrCat("disinfectionTasks/", columns[1]), columns[2] == "1"};
  }
  for (const SafetyRecord& record : records_.All()) {
    const auto& stored = hazards[record.key];
    if (stored.size() > 1) {
      audit.duplicated += static_cast<int64_t>(stored.size()) - 1;
      audit.Problem(absl::StrCat(record.key, ": hazard stored ", stored.size(), " times"));
    }
    if (!record.hazard.empty()) {
      ++audit.acknowledged;
      const auto it = std::find_if(stored.begin(), stored.end(), [&](const auto& hazard) {
        return hazard.first == record.hazard;
      });
      const bool found = it != stored.end();
      const int escalations = found ? it->second : 0;
      if (!found || (record.re_reported && escalations == 0)) {
        ++audit.lost;
        audit.Problem(absl::StrCat(record.key, ": ", record.hazard,
                                   record.re_reported ? " re-reported" : " reported",
                                   found ? ", not escalated" : ", not stored"));
      }
      if (record.re_reported) ++audit.acknowledged;
    }
    if (!record.task.empty()) {
      audit.acknowledged += 1 + (record.disinfected ? 1 : 0);
      const auto it = tasks.find(record.key);
      if (it == tasks.end() || it->second.first != record.task ||
          (record.disinfected && it->second.second)) {
        ++audit.lost;
        audit.Problem(absl::StrCat(record.key, ": ", record.task,
                                   record.disinfected ? " done" : " opened", ", not stored so"));
      }
    }
  }
  audit.invariants = {
      {"hazards escalated twice", QueryInt(database, kEscalatedTwice)},
      {"escalations off their hazard", QueryInt(database, kEscalationsOffTheirHazard)},
      {"overdue hazards not escalated", QueryInt(database, kNotEscalated)},
      {"meetings with two disinfection tasks", QueryInt(database, kMeetingsWithTwoTasks)}};
  return audit;
}

int SafetyWorkload::Replay(const std::shared_ptr<grpc::Channel>& channel) {
  Stub stub(channel);
  int replayed = 0;
  for (const SafetyRecord& record : records_.All()) {
    if (record.hazard.empty()) continue;
    SCOPED_TRACE(record.key);
    v1::ReportHazardResponse reported;
    grpc::Status status = stub.ReportHazard(
        CallContext().get(), HazardReport(record.key, record.room, v1::HAZARD_SEVERITY_MEDIUM),
        &reported);
    EXPECT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(reported.hazard().name(), record.hazard);
    ++replayed;
    if (record.re_reported) {
      // The etag first read is stale now: the same re-report cannot escalate again.
      v1::ReReportHazardResponse re_reported;
      status = stub.ReReportHazard(CallContext().get(), ReReportRequest(record), &re_reported);
      EXPECT_TRUE(HasReason(status, grpc::StatusCode::ABORTED, "ETAG_MISMATCH"))
          << status.error_message();
      ++replayed;
    }
    if (!record.task.empty()) {
      v1::CreateDisinfectionTaskResponse created;
      status = stub.CreateDisinfectionTask(CallContext().get(), TaskRequest(record), &created);
      EXPECT_TRUE(status.ok()) << status.error_message();
      EXPECT_EQ(created.disinfection_task().name(), record.task);
      ++replayed;
    }
    if (record.disinfected) {
      // Done once: recording it again is refused, and changes nothing.
      v1::CompleteDisinfectionResponse completed;
      status = stub.CompleteDisinfection(CallContext().get(), CompleteRequest(record), &completed);
      EXPECT_TRUE(HasReason(status, grpc::StatusCode::FAILED_PRECONDITION,
                            "DISINFECTION_ALREADY_COMPLETED"))
          << status.error_message();
      ++replayed;
    }
  }
  return replayed;
}

}  // namespace huiwu::testing
