// Hazards (安全隐患) and the center's rule for them: report a problem, and when it is not
// solved report it again and again until it is (再次上报、多次上报直到问题解决). Values
// match the proto enums of huiwu.safety.v1.
#ifndef HUIWU_SERVICES_SAFETY_DOMAIN_HAZARD_H_
#define HUIWU_SERVICES_SAFETY_DOMAIN_HAZARD_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/safety/domain/place.h"

namespace huiwu::safety {

enum class HazardKind { kFire = 1, kElectrical, kWaterLeak, kTheft, kEquipmentFault };
enum class Severity { kLow = 1, kMedium, kHigh, kCritical };
enum class HazardState { kReported = 1, kAssigned, kRectifying, kResolved, kVerified, kReopened };
enum class EscalationLevel { kSection = 1, kCenterLeadership, kSupervisingAuthority };
enum class HazardAction { kAssign, kStartRectification, kResolve, kVerify, kReopen, kReReport };

inline constexpr char kEscalationActor[] = "system/escalation";

struct Escalation {
  EscalationLevel level = EscalationLevel::kSection;
  absl::Time time;
  bool manual = false;
  std::string actor;
  std::string note;
};

struct Hazard {
  std::string id;
  HazardKind kind = HazardKind::kFire;
  Severity severity = Severity::kLow;
  Place place;
  std::string description;
  std::string reporter;
  HazardState state = HazardState::kReported;
  std::string assignee;
  absl::Time deadline;
  EscalationLevel escalation_level = EscalationLevel::kSection;
  int escalation_count = 0;
  std::vector<Escalation> escalations;  // oldest first
  std::string source_inspection_id;     // empty: reported by hand
  std::string source_item_id;
  std::string resolution;
  std::string resolver;
  std::string verifier;
  int64_t version = 0;
  absl::Time create_time;
  absl::Time update_time;
};

// Not yet RESOLVED or VERIFIED: escalates and may block rooms.
bool IsOpen(HazardState state);

// The time allowed to rectify a hazard of `severity`, from its report, reopening or
// last escalation: critical 24 h, high 3 days, medium 7 days, low 30 days.
absl::Duration RectificationPeriod(Severity severity);

// The state after `action`, or FAILED_PRECONDITION (reason HAZARD_TRANSITION_REFUSED,
// metadata state/action) saying which actions the state allows.
absl::StatusOr<HazardState> NextState(HazardState state, HazardAction action);

// One level up; the supervising authority is the top, reported to again at each
// further deadline.
EscalationLevel NextLevel(EscalationLevel level);

// A new hazard as reported at `now`: REPORTED, level SECTION, deadline by severity.
void StartHazard(Hazard& hazard, absl::Time now);

// Applies a re-report (automatic at `when` = the deadline that passed, or manual at
// `when` = now): one level up, recorded, next deadline a full period after `when`.
// The hazard must be open.
void Escalate(Hazard& hazard, absl::Time when, bool manual, const std::string& actor,
              const std::string& note);

// Every automatic escalation due by `now` for an open hazard whose deadline is
// `deadline`: the deadlines deadline, deadline + P, … that are ≤ now (P the severity's
// period). Used by tests and to explain the schedule; the escalator applies them one
// per pass.
std::vector<absl::Time> DueEscalations(absl::Time deadline, Severity severity, absl::Time now);

}  // namespace huiwu::safety

#endif  // HUIWU_SERVICES_SAFETY_DOMAIN_HAZARD_H_
