// The SQL of service evaluations (服务评价) and complaints (投诉) (migration 0009): each
// change one transaction (db::InTransaction), each read one or two queries (db::ReadOnly).
// The rules are domain/evaluation.h and domain/complaint.h; this file only stores.
#ifndef HUIWU_SERVICES_BOOKING_STORE_FEEDBACK_STORE_H_
#define HUIWU_SERVICES_BOOKING_STORE_FEEDBACK_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/db/pool.h"
#include "services/booking/domain/complaint.h"
#include "services/booking/domain/evaluation.h"
#include "services/booking/domain/feedback_figures.h"
#include "services/booking/domain/time_window.h"

namespace huiwu::booking {

// Which complaints ListComplaints returns; empty fields do not filter.
struct ComplaintFilter {
  std::optional<TimeWindow> recorded_within;
  std::string building_id;  // with room_id: complaints about the room or its meetings
  std::string room_id;
  std::optional<ComplaintState> state;
  std::string organizer_unit;
};

// What the reports read of a period.
struct FeedbackPeriod {
  int meetings_completed = 0;  // starting in the period, COMPLETED or ARCHIVED
  std::vector<ServiceEvaluation> evaluations;
  std::vector<ComplaintFact> complaints;
};

class FeedbackStore final {
 public:
  explicit FeedbackStore(db::ConnectionPool& pool) : pool_(pool) {}

  // Stores `evaluation` (its ratings and comment) for its meeting, which must be
  // `organizer_scope`'s (a unit-bound caller's unit; empty: any — else MEETING_NOT_FOUND)
  // and evaluable (CheckEvaluable); a second one is EVALUATION_EXISTS. With request_id, a
  // retry returns the first.
  absl::StatusOr<ServiceEvaluation> SubmitEvaluation(const ServiceEvaluation& evaluation,
                                                     absl::string_view request_id,
                                                     absl::string_view actor,
                                                     absl::string_view organizer_scope,
                                                     absl::Time now);
  // NOT_FOUND: MEETING_NOT_FOUND (no such meeting, or another unit's), EVALUATION_NOT_FOUND.
  absl::StatusOr<ServiceEvaluation> GetEvaluation(absl::string_view meeting_id,
                                                  absl::string_view organizer_scope);

  // Records `complaint` (RECORDED). With a meeting (which must be `organizer_scope`'s),
  // the meeting's room and unit are taken; without one, the room must exist
  // (ROOM_NOT_FOUND). A unit-bound caller's complaint is its unit's.
  absl::StatusOr<Complaint> RecordComplaint(const Complaint& complaint,
                                            absl::string_view request_id, absl::string_view actor,
                                            absl::string_view organizer_scope, absl::Time now);
  // One step of the lifecycle (ApplyComplaintAction) on the locked row, after the etag.
  absl::StatusOr<Complaint> ChangeComplaint(absl::string_view complaint_id, absl::string_view etag,
                                            ComplaintAction action, const std::string& text,
                                            const std::string& actor,
                                            absl::string_view organizer_scope, absl::Time now);
  // With its history; another unit's is COMPLAINT_NOT_FOUND like a missing one.
  absl::StatusOr<Complaint> GetComplaint(absl::string_view complaint_id,
                                         absl::string_view organizer_scope);
  // Newest first, keyset after (`after_time`, `after_id`) (nullopt: from the newest), at
  // most `limit`, without history.
  absl::StatusOr<std::vector<Complaint>> ListComplaints(const ComplaintFilter& filter,
                                                        std::optional<absl::Time> after_time,
                                                        absl::string_view after_id, int limit);

  // Evaluations of meetings starting in `period`, the number of those meetings completed,
  // and complaints recorded in it (and whether they are closed now).
  absl::StatusOr<FeedbackPeriod> ReadPeriod(TimeWindow period);

 private:
  db::ConnectionPool& pool_;
};

// NOT_FOUND (reason COMPLAINT_NOT_FOUND).
absl::Status ComplaintNotFound(absl::string_view complaint_id);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_STORE_FEEDBACK_STORE_H_
