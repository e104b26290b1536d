#include "services/safety/domain/hazard.h"

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"

namespace huiwu::safety {
namespace {

const char* StateName(HazardState state) {
  switch (state) {
    case HazardState::kReported:
      return "REPORTED";
    case HazardState::kAssigned:
      return "ASSIGNED";
    case HazardState::kRectifying:
      return "RECTIFYING";
    case HazardState::kResolved:
      return "RESOLVED";
    case HazardState::kVerified:
      return "VERIFIED";
    case HazardState::kReopened:
      return "REOPENED";
  }
  return "UNKNOWN";
}

const char* ActionName(HazardAction action) {
  switch (action) {
    case HazardAction::kAssign:
      return "assign";
    case HazardAction::kStartRectification:
      return "start rectification of";
    case HazardAction::kResolve:
      return "resolve";
    case HazardAction::kVerify:
      return "verify";
    case HazardAction::kReopen:
      return "reopen";
    case HazardAction::kReReport:
      return "re-report";
  }
  return "change";
}

// What each state allows, for the refusal message.
const char* Allowed(HazardState state) {
  switch (state) {
    case HazardState::kReported:
    case HazardState::kReopened:
      return "assign it or re-report it";
    case HazardState::kAssigned:
      return "reassign it, start rectification, resolve it or re-report it";
    case HazardState::kRectifying:
      return "resolve it or re-report it";
    case HazardState::kResolved:
      return "verify it or reopen it";
    case HazardState::kVerified:
      return "reopen it if the problem came back";
  }
  return "read it again";
}

}  // namespace

bool IsOpen(HazardState state) {
  return state != HazardState::kResolved && state != HazardState::kVerified;
}

absl::Duration RectificationPeriod(Severity severity) {
  switch (severity) {
    case Severity::kCritical:
      return absl::Hours(24);
    case Severity::kHigh:
      return absl::Hours(3 * 24);
    case Severity::kMedium:
      return absl::Hours(7 * 24);
    case Severity::kLow:
      return absl::Hours(30 * 24);
  }
  return absl::Hours(24);
}

absl::StatusOr<HazardState> NextState(HazardState state, HazardAction action) {
  std::optional<HazardState> next;
  switch (action) {
    case HazardAction::kAssign:
      if (state == HazardState::kReported || state == HazardState::kAssigned ||
          state == HazardState::kReopened) {
        next = HazardState::kAssigned;
      }
      break;
    case HazardAction::kStartRectification:
      if (state == HazardState::kAssigned) next = HazardState::kRectifying;
      break;
    case HazardAction::kResolve:
      if (state == HazardState::kAssigned || state == HazardState::kRectifying) {
        next = HazardState::kResolved;
      }
      break;
    case HazardAction::kVerify:
      if (state == HazardState::kResolved) next = HazardState::kVerified;
      break;
    case HazardAction::kReopen:
      if (state == HazardState::kResolved || state == HazardState::kVerified) {
        next = HazardState::kReopened;
      }
      break;
    case HazardAction::kReReport:
      // Re-reporting keeps the state: it raises who knows, not who works on it.
      if (IsOpen(state)) next = state;
      break;
  }
  if (next.has_value()) return *next;
  return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "HAZARD_TRANSITION_REFUSED",
                         absl::StrCat("cannot ", ActionName(action), " a hazard in state ",
                                      StateName(state), "; in this state you may ", Allowed(state)),
                         {{"state", StateName(state)}, {"action", ActionName(action)}});
}

EscalationLevel NextLevel(EscalationLevel level) {
  switch (level) {
    case EscalationLevel::kSection:
      return EscalationLevel::kCenterLeadership;
    case EscalationLevel::kCenterLeadership:
    case EscalationLevel::kSupervisingAuthority:
      return EscalationLevel::kSupervisingAuthority;
  }
  return EscalationLevel::kSupervisingAuthority;
}

void StartHazard(Hazard& hazard, absl::Time now) {
  hazard.state = HazardState::kReported;
  hazard.escalation_level = EscalationLevel::kSection;
  hazard.escalation_count = 0;
  hazard.deadline = now + RectificationPeriod(hazard.severity);
  hazard.create_time = hazard.update_time = now;
  hazard.version = 1;
}

void Escalate(Hazard& hazard, absl::Time when, bool manual, const std::string& actor,
              const std::string& note) {
  hazard.escalation_level = NextLevel(hazard.escalation_level);
  ++hazard.escalation_count;
  hazard.deadline = when + RectificationPeriod(hazard.severity);
  hazard.escalations.push_back(Escalation{hazard.escalation_level, when, manual, actor, note});
}

std::vector<absl::Time> DueEscalations(absl::Time deadline, Severity severity, absl::Time now) {
  std::vector<absl::Time> due;
  for (absl::Time t = deadline; t <= now; t += RectificationPeriod(severity)) due.push_back(t);
  return due;
}

}  // namespace huiwu::safety
