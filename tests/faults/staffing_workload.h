// Staffing under the fault tests: each worker staffs meetings one after another (sets a
// meeting's requirement of one attendant, then AutoAssign), and every fourth unit asks
// leave for one of the attendants and has it approved (RequestLeave with a request_id,
// ApproveLeave). Six attendants and meetings at random hours, so that duty windows
// overlap and leave collides with duties. The invariant: nobody on two overlapping
// duties, nor on duty during approved leave (DESIGN §1: staff obey assignments; leave
// must be approved; StaffingService: no person in two overlapping duty windows).
#ifndef HUIWU_TESTS_FAULTS_STAFFING_WORKLOAD_H_
#define HUIWU_TESTS_FAULTS_STAFFING_WORKLOAD_H_

#include <set>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "huiwu/staffing/v1/staffing_service.pb.h"
#include "tests/faults/fault_workload.h"

namespace huiwu::testing {

// One unit of one worker: a meeting staffed, or a leave asked and decided. Its key
// ("fault-3-17") names the meeting, or is the leave's reason, so that the database
// shows it (and any duplicate) without the service's answer.
struct StaffingRecord {
  std::string key;
  bool leave = false;  // a leave unit, else a meeting unit
  absl::Time start;    // of the meeting or the leave, one hour long
  std::string staff;   // the leave's person, "staff/…"
  // A meeting: its requirement set (OK), AutoAssign answered, and whom it assigned.
  bool requirement_set = false;
  bool staffed = false;
  std::set<std::string> assigned;  // staff ids of every assignment AutoAssign answered
  // A leave: requested (OK, named `leave_name`), then approved, or refused because it
  // overlaps the person's duties (a normal answer).
  std::string leave_name;
  bool approved = false;
  bool refused = false;
};

// Meetings/{meeting_id}'s requirement: one attendant, an hour from `start`, in 301.
staffing::v1::SetStaffingRequirementRequest OneAttendantRequirement(const std::string& meeting_id,
                                                                    absl::Time start);

class StaffingWorkload final : public FaultWorkload {
 public:
  explicit StaffingWorkload(std::string binary, int workers = 8)
      : FaultWorkload(std::move(binary), workers), records_(workers) {}

  std::string service() const override { return "staffing"; }
  std::string health_service() const override { return "huiwu.staffing.v1.StaffingService"; }
  // Six attendants, fire-safety trained, working around the clock.
  void Seed(const std::shared_ptr<grpc::Channel>& channel,
            const config::DatabaseConfig& database) override;
  void RunUnit(FaultCaller& caller, int n) override;
  FaultAudit Audit(const config::DatabaseConfig& database) override;
  int Replay(const std::shared_ptr<grpc::Channel>& channel) override;
  std::vector<std::string> stored_tables() const override {
    return {"requirements", "assignments", "leaves"};
  }

 private:
  void StaffMeeting(FaultCaller& caller, StaffingRecord& record);
  void TakeLeave(FaultCaller& caller, StaffingRecord& record);

  absl::Time first_slot_;
  WorkerRecords<StaffingRecord> records_;
};

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_FAULTS_STAFFING_WORKLOAD_H_
