// Safety under the fault tests: each worker reports a hazard and re-reports it one level
// up with the etag it read (ReportHazard with a request_id, ReReportHazard), then opens
// a meeting's disinfection task and records it done (CreateDisinfectionTask with a
// request_id, CompleteDisinfection). Meanwhile the service's own escalator re-reports
// seeded hazards whose deadlines fall due one after another through the fault. The
// invariant: each hazard escalated once per step (再次上报, never twice for one
// deadline, however the escalator's or a client's transaction ended), every overdue
// hazard escalated, and one disinfection task per meeting (一会一消毒).
#ifndef HUIWU_TESTS_FAULTS_SAFETY_WORKLOAD_H_
#define HUIWU_TESTS_FAULTS_SAFETY_WORKLOAD_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "huiwu/safety/v1/safety_service.pb.h"
#include "tests/faults/fault_workload.h"

namespace huiwu::testing {

// One unit of one worker. Its key ("fault-3-17") is the hazard's description and the
// disinfected meeting's id, so that the database shows them (and any duplicate).
struct SafetyRecord {
  std::string key;
  std::string room;
  std::string hazard;        // the name ReportHazard answered ("" when not answered OK)
  std::string etag;          // the hazard's etag as reported
  bool re_reported = false;  // ReReportHazard answered OK, or ETAG_MISMATCH after a retry
  std::string task;          // the name CreateDisinfectionTask answered
  // The meeting's end the task names: fixed once, so that a retry or the replay sends
  // the same body (a request_id with another body is refused).
  absl::Time meeting_end;
  bool disinfected = false;  // answered OK, or ALREADY_COMPLETED after a retry
};

// An electrical hazard of `severity` in `room`, described as `description` (the key the
// audit finds it by), with the request_id "hazard-{description}".
safety::v1::ReportHazardRequest HazardReport(const std::string& description,
                                             const std::string& room,
                                             safety::v1::HazardSeverity severity);

class SafetyWorkload final : public FaultWorkload {
 public:
  explicit SafetyWorkload(std::string binary, int workers = 8)
      : FaultWorkload(std::move(binary), workers), records_(workers) {}

  std::string service() const override { return "safety"; }
  std::string health_service() const override { return "huiwu.safety.v1.SafetyService"; }
  // The escalator every 100 ms; no inspection schedules.
  std::vector<std::string> extra_args() const override;
  // Hazards that fall due one by one over the next seconds.
  void Seed(const std::shared_ptr<grpc::Channel>& channel,
            const config::DatabaseConfig& database) override;
  void RunUnit(FaultCaller& caller, int n) override;
  FaultAudit Audit(const config::DatabaseConfig& database) override;
  int Replay(const std::shared_ptr<grpc::Channel>& channel) override;
  std::vector<std::string> stored_tables() const override {
    return {"hazards", "hazard_escalations", "disinfection_tasks"};
  }

 private:
  void ReportAndReReport(FaultCaller& caller, SafetyRecord& record);
  void Disinfect(FaultCaller& caller, SafetyRecord& record);

  WorkerRecords<SafetyRecord> records_;
};

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_FAULTS_SAFETY_WORKLOAD_H_
