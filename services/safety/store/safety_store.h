// All SQL of the safety service. Statements are named constants, prepared once per
// connection; writes run in db::InTransaction (retried whole on deadlock, Galera
// certification failure or a lost connection), reads in db::ReadOnly.
#ifndef HUIWU_SERVICES_SAFETY_STORE_SAFETY_STORE_H_
#define HUIWU_SERVICES_SAFETY_STORE_SAFETY_STORE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/db/pool.h"
#include "services/safety/domain/checklist.h"
#include "services/safety/domain/facility.h"
#include "services/safety/domain/hazard.h"
#include "services/safety/domain/schedule.h"

namespace huiwu::safety {

struct InspectionTask {
  std::string id;
  std::string schedule_id;
  std::string template_id;
  Place place;
  absl::Time start;
  absl::Time due;
  bool mandatory = false;
  std::string inspection_id;  // empty while open
};

struct TaskFilter {
  std::optional<Place> place;
  std::string schedule_id;
  bool overdue_only = false;  // open and due ≤ now
  bool include_done = false;
};

struct HazardFilter {
  std::string building_id;
  bool open_only = false;
};

// A keyset position: a time and an id.
struct TimeKey {
  absl::Time time = absl::InfinitePast();
  std::string id;
};

// What a transition asks of a hazard, besides its action.
struct HazardChange {
  HazardAction action = HazardAction::kAssign;
  std::string etag;   // empty: unconditional
  std::string staff;  // assignee, resolver, verifier or re-reporter
  std::string text;   // resolution, reopen reason or re-report note
};

// An open hazard whose deadline passed, as the escalator reads it.
struct DueHazard {
  std::string hazard_id;
  Severity severity = Severity::kLow;
  EscalationLevel level = EscalationLevel::kSection;
  int escalation_count = 0;
  absl::Time deadline;
};

// The disinfection task of a completed meeting, and whether this call opened it.
struct OpenedDisinfection {
  DisinfectionTask task;
  bool opened = false;
};

// Open hazards of one severity (CountOpenHazards).
struct OpenHazardCount {
  int64_t open = 0;
  int64_t overdue = 0;  // open and past the rectification deadline
};

class SafetyStore final {
 public:
  explicit SafetyStore(db::ConnectionPool& pool) : pool_(pool) {}

  // Checklists (checklist_store.cc).
  absl::StatusOr<ChecklistTemplate> CreateTemplate(const ChecklistTemplate& tmpl,
                                                   absl::string_view request_id, absl::Time now);
  absl::StatusOr<std::vector<ChecklistTemplate>> ListTemplates(absl::string_view after_id,
                                                               int limit);

  // Schedules and tasks (schedule_store.cc).
  absl::StatusOr<InspectionSchedule> CreateSchedule(const InspectionSchedule& schedule,
                                                    absl::string_view request_id, absl::Time now);
  absl::StatusOr<std::vector<InspectionTask>> ListTasks(const TaskFilter& filter,
                                                        const TimeKey& after, int limit,
                                                        absl::Time now);
  // Schedules whose tasks are generated less far than `until`, at most `limit`.
  absl::StatusOr<std::vector<InspectionSchedule>> SchedulesBehind(absl::Time until, int limit);
  // Inserts the tasks of `slots` and moves generated_until from `expected` to `until`,
  // only if no other replica did meanwhile. Returns how many tasks it inserted.
  absl::StatusOr<int> GenerateTasks(const InspectionSchedule& schedule, absl::Time expected,
                                    absl::Time until, const std::vector<TaskSlot>& slots);

  // Inspections (inspection_store.cc): judged with the domain, failed items open their
  // hazards once (unique per inspection and item).
  absl::StatusOr<Inspection> SubmitInspection(const Inspection& inspection,
                                              absl::string_view request_id, absl::Time now);

  // Hazards (hazard_store.cc).
  absl::StatusOr<Hazard> ReportHazard(const Hazard& hazard, absl::string_view request_id,
                                      absl::Time now);
  absl::StatusOr<Hazard> GetHazard(absl::string_view hazard_id);
  absl::StatusOr<std::vector<Hazard>> ListHazards(const HazardFilter& filter, const TimeKey& after,
                                                  int limit);
  absl::StatusOr<Hazard> ChangeHazard(absl::string_view hazard_id, const HazardChange& change,
                                      absl::Time now);

  // Escalation (escalation_store.cc).
  absl::StatusOr<std::vector<DueHazard>> DueHazards(absl::Time now, int limit);
  // Escalates the hazard at its passed deadline if it is still open and nobody
  // escalated, reopened or re-reported it since it was read (escalation_count and
  // deadline unchanged): a guarded row write,
  // so each escalation happens once across replicas and Galera nodes. True if it did.
  absl::StatusOr<bool> EscalateIfDue(const DueHazard& due, absl::Time now);

  // Disinfection, clearance, emergency plans (facility_store.cc).
  absl::StatusOr<DisinfectionTask> CreateDisinfectionTask(const DisinfectionTask& task,
                                                          absl::string_view request_id,
                                                          absl::Time now);
  // 一会一消毒 after a completed meeting (booking's MeetingCompleted): opens the meeting's
  // task and publishes DisinfectionDue, or, when the meeting already has its task (the
  // event delivered again, or a task made by hand), changes nothing. One transaction.
  absl::StatusOr<OpenedDisinfection> OpenMeetingDisinfection(const DisinfectionTask& task,
                                                             absl::Time now);
  absl::StatusOr<DisinfectionTask> CompleteDisinfection(absl::string_view task_id,
                                                        const DisinfectionTask& done,
                                                        bool time_given, absl::Time now);
  // Every block of `room` for [window_start, window_end) and its pre-meeting inspection.
  absl::StatusOr<Clearance> CheckClearance(const Place& room, absl::Time window_start,
                                           absl::Time window_end, absl::Time now);
  absl::StatusOr<EmergencyPlan> CreatePlan(const EmergencyPlan& plan, absl::string_view request_id,
                                           absl::Time now);
  absl::StatusOr<Drill> RecordDrill(const Drill& drill, absl::string_view request_id,
                                    absl::Time now);

  // What the domain gauges show (gauge_store.cc): open hazards by severity, with how many
  // of them are past their deadline at `now`; disinfection tasks still pending for a
  // meeting that ended before `ended_before`.
  absl::StatusOr<std::map<Severity, OpenHazardCount>> CountOpenHazards(absl::Time now);
  absl::StatusOr<int64_t> CountPendingDisinfections(absl::Time ended_before);

 private:
  db::ConnectionPool& pool_;
};

}  // namespace huiwu::safety

#endif  // HUIWU_SERVICES_SAFETY_STORE_SAFETY_STORE_H_
