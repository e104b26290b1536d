#include "services/booking/no_show_releaser.h"

#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/log/log.h"
#include "services/booking/domain/no_show.h"

namespace huiwu::booking {
namespace {

// The earliest any kind is released after its start; nullopt when no kind ever is.
std::optional<absl::Duration> SmallestReleaseDelay(const SchedulingPolicy& policy) {
  std::optional<absl::Duration> smallest;
  for (MeetingKind kind : kAllMeetingKinds) {
    const auto& delay = policy.LimitsFor(kind).no_show_release_after;
    if (delay.has_value() && (!smallest.has_value() || *delay < *smallest)) smallest = delay;
  }
  return smallest;
}

}  // namespace

int NoShowReleaser::RunOnce() {
  const std::optional<absl::Duration> smallest = SmallestReleaseDelay(policy_);
  if (!smallest.has_value()) return 0;
  const absl::Time now = clock_.Now();
  absl::StatusOr<std::vector<NoShowCandidate>> candidates =
      store_.ListNoShowCandidates(now - kLookback, now - *smallest, kMaxPerSweep);
  if (!candidates.ok()) {
    log::Warning("no_show_sweep_failed", {{"message", candidates.status().message()}});
    return 0;
  }
  int released = 0;
  for (const NoShowCandidate& candidate : *candidates) {
    // The query returns only meetings without a sign-in row, hence 0 signed in.
    if (!ShouldReleaseNoShow(MeetingState::kConfirmed, candidate.kind, candidate.vip,
                             candidate.start, /*signed_in_count=*/0, now, policy_)) {
      continue;
    }
    const int64_t minutes =
        absl::ToInt64Minutes(*policy_.LimitsFor(candidate.kind).no_show_release_after);
    TransitionCommand command;
    command.action = MeetingAction::kReleaseNoShow;
    command.method = "ReleaseNoShow";
    command.actor = kNoShowActor;
    command.reason = absl::StrCat("无人签到: released ", minutes, " minutes after start");
    absl::StatusOr<Meeting> meeting =
        store_.Transition(candidate.meeting_id, command, now, clearance_);
    const std::string name = absl::StrCat("meetings/", candidate.meeting_id);
    if (meeting.ok()) {
      ++released;
      log::Info(
          "no_show_released",
          {{"meeting", name}, {"room", absl::StrCat(meeting->building_id, "/", meeting->room_id)}});
    } else if (meeting.status().code() != absl::StatusCode::kFailedPrecondition) {
      // FAILED_PRECONDITION is the expected race: another replica released it, it was
      // started or cancelled, or somebody signed in since the read.
      log::Warning("no_show_release_failed",
                   {{"meeting", name}, {"message", meeting.status().message()}});
    }
  }
  return released;
}

}  // namespace huiwu::booking
