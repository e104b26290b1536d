// Complaints (投诉): recorded, assigned to a staff member, answered, closed — the seed's
// 第十三条 (complaints handled promptly through a feedback channel) and DB44/T 2394-2022
// §9.1 (投诉管理). The lifecycle is this file's table; every step keeps who, when and
// what in the complaint's history. Pure rules, unit-tested without a database.
#ifndef HUIWU_SERVICES_BOOKING_DOMAIN_COMPLAINT_H_
#define HUIWU_SERVICES_BOOKING_DOMAIN_COMPLAINT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace huiwu::booking {

// Numbered as the proto's ComplaintState (UNSPECIFIED = 0).
enum class ComplaintState { kRecorded = 1, kAssigned = 2, kAnswered = 3, kClosed = 4 };

enum class ComplaintAction { kAssign, kAnswer, kClose };

absl::string_view ComplaintStateName(ComplaintState state);
absl::string_view ComplaintActionName(ComplaintAction action);

struct ComplaintChange {
  ComplaintState from = ComplaintState::kRecorded;
  ComplaintState to = ComplaintState::kRecorded;
  std::string actor;
  absl::Time time;
  std::string note;  // the assignee, the answer, or the closing note
};

struct Complaint {
  std::string id;
  std::string meeting_id;   // empty: about a room only
  std::string building_id;  // the room (the meeting's, for a meeting's complaint)
  std::string room_id;
  std::string organizer_unit;
  std::string description;
  std::string contact_name;
  std::string contact_phone;
  ComplaintState state = ComplaintState::kRecorded;
  std::string assignee;  // `staff/{staff}`
  std::string answer;
  std::vector<ComplaintChange> history;  // oldest first; the recording is the first
  int64_t version = 1;
  absl::Time create_time;
  absl::Time update_time;
};

// The state `action` leads to from `from`, or FAILED_PRECONDITION (reason
// COMPLAINT_STATE_CONFLICT, metadata "state") saying what may be done instead:
//   assign: RECORDED or ASSIGNED → ASSIGNED (a handler may be replaced until answered);
//   answer: ASSIGNED → ANSWERED (someone must own the answer: assign first);
//   close:  ANSWERED → CLOSED (no complaint is closed unanswered).
absl::Status CheckComplaintStep(ComplaintState from, ComplaintAction action,
                                const std::string& complaint_name);
ComplaintState StateAfter(ComplaintAction action);

// A new complaint, RECORDED, with the recording as its first history entry.
Complaint RecordedComplaint(Complaint complaint, const std::string& actor, absl::Time now);

// Applies `action` to `complaint`: checks the step, sets the assignee (kAssign) or the
// answer (kAnswer) to `text` (kClose: `text` is the closing note), appends the change,
// bumps the version. On error the complaint is unchanged.
absl::Status ApplyComplaintAction(Complaint& complaint, ComplaintAction action,
                                  const std::string& text, const std::string& actor,
                                  absl::Time now);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_DOMAIN_COMPLAINT_H_
