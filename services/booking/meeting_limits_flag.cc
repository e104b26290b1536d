#include "services/booking/meeting_limits_flag.h"

#include <string>
#include <utility>
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
          "no_show_release_after (or 'off'), and notice_counted_in=office_hours|elapsed_time "
          "(how min_notice is counted). E.g. vip_reception.min_notice=48h");

ABSL_FLAG(std::string, office_hours, huiwu::booking::kDefaultOfficeHours,
          "The center's office hours on working days, in its zone: periods HH:MM-HH:MM, "
          "comma-separated, in order. Kinds whose notice is counted in office hours "
          "(--meeting_limits <kind>.notice_counted_in) count only these.");

namespace huiwu::booking {

absl::StatusOr<SchedulingPolicy> PolicyWithOverrides(absl::string_view overrides,
                                                     absl::string_view office_hours) {
  SchedulingPolicy policy;
  absl::StatusOr<OfficeHours> hours = OfficeHours::Parse(office_hours);
  if (!hours.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid --office_hours: ", hours.status().message()));
  }
  policy.SetOfficeHours(*std::move(hours));
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
    if (kind_limit[1] == "notice_counted_in") {
      if (key_value[1] == "office_hours") {
        limits.notice_counted_in = NoticeClock::kOfficeHours;
      } else if (key_value[1] == "elapsed_time") {
        limits.notice_counted_in = NoticeClock::kElapsed;
      } else {
        return bad("notice_counted_in is office_hours or elapsed_time");
      }
      absl::Status set = policy.SetLimits(*kind, limits);
      if (!set.ok()) return bad(set.message());
      continue;
    }
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
          "unknown limit; use min_notice, max_advance, max_length, no_show_release_after or "
          "notice_counted_in");
    }
    absl::Status set = policy.SetLimits(*kind, limits);
    if (!set.ok()) return bad(set.message());
  }
  return policy;
}

absl::StatusOr<SchedulingPolicy> PolicyFromFlags() {
  return PolicyWithOverrides(absl::GetFlag(FLAGS_meeting_limits),
                             absl::GetFlag(FLAGS_office_hours));
}

}  // namespace huiwu::booking
