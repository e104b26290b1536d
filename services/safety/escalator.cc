#include "services/safety/escalator.h"

#include "absl/strings/str_cat.h"
#include "common/log/log.h"

namespace huiwu::safety {

int Escalator::RunOnce() {
  const absl::Time now = clock_.Now();
  absl::StatusOr<std::vector<DueHazard>> due = store_.DueHazards(now, kMaxPerPass);
  if (!due.ok()) {
    log::Warning("escalation_pass_failed", {{"message", due.status().message()}});
    return 0;
  }
  int escalated = 0;
  for (const DueHazard& hazard : *due) {
    absl::StatusOr<bool> done = store_.EscalateIfDue(hazard, now);
    const std::string name = absl::StrCat("hazards/", hazard.hazard_id);
    if (!done.ok()) {
      log::Warning("escalation_failed", {{"hazard", name}, {"message", done.status().message()}});
    } else if (*done) {
      ++escalated;
      log::Info("hazard_escalated",
                {{"hazard", name}, {"count", absl::StrCat(hazard.escalation_count + 1)}});
    }
  }
  return escalated;
}

}  // namespace huiwu::safety
