#include "services/booking/meeting_limits_flag.h"

#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

ABSL_FLAG(std::string, meeting_limits, "",
          "Overrides of the scheduling limits per meeting kind, comma-separated "
          "<kind>.<limit>=<duration>: kinds internal, external_exchange, training, seminar, "
          "vip_reception, video_conference; limits min_notice, max_advance, max_length, "
          "no_show_release_after (or 'off'). E.g. vip_reception.min_notice=48h");

namespace huiwu::booking {

absl::StatusOr<SchedulingPolicy> PolicyWithOverrides(absl::string_view overrides) {
  SchedulingPolicy policy;
  for (absl::string_view entry : absl::StrSplit(overrides, ',', absl::SkipWhitespace())) {
    entry = absl::StripAsciiWhitespace(entry);
    auto bad = [&](absl::string_view why) {
      return absl::InvalidArgumentError(
          absl::StrCat("invalid --meeting_limits entry \"", entry, "\": ", why));
    };
    std::vector<std::string> key_value = absl::StrSplit(entry, absl::MaxSplits('=', 1));
    std::vector<std::string> kind_limit = absl::StrSplit(key_value[0], absl::MaxSplits('.', 1));
    if (key_value.size() != 2 || kind_limit.size() != 2) {
      return bad("expected <kind>.<limit>=<duration>");
    }
    const MeetingKind* kind = nullptr;
    for (const MeetingKind& k : kAllMeetingKinds) {
      if (absl::AsciiStrToUpper(kind_limit[0]) == std::string(MeetingKindName(k))) kind = &k;
    }
    if (kind == nullptr) return bad("unknown meeting kind");
    KindLimits limits = policy.LimitsFor(*kind);
    absl::Duration value;
    const bool off = key_value[1] == "off";
    if (!off && !absl::ParseDuration(key_value[1], &value)) {
      return bad("not a duration (e.g. 30m, 2h, 4320h)");
    }
    const std::string& limit = kind_limit[1];
    if (limit == "no_show_release_after") {
      limits.no_show_release_after = off ? std::nullopt : std::optional<absl::Duration>(value);
    } else if (off) {
      return bad("only no_show_release_after can be off");
    } else if (limit == "min_notice") {
      limits.min_notice = value;
    } else if (limit == "max_advance") {
      limits.max_advance = value;
    } else if (limit == "max_length") {
      limits.max_length = value;
    } else {
      return bad(
          "unknown limit; use min_notice, max_advance, max_length or "
          "no_show_release_after");
    }
    absl::Status set = policy.SetLimits(*kind, limits);
    if (!set.ok()) return bad(set.message());
  }
  return policy;
}

absl::StatusOr<SchedulingPolicy> PolicyFromFlags() {
  return PolicyWithOverrides(absl::GetFlag(FLAGS_meeting_limits));
}

}  // namespace huiwu::booking
