#include "services/booking/domain/scheduling_limits.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/status/errors.h"
#include "common/status/status_macros.h"
#include "common/time/center_zone.h"

namespace huiwu::booking {
namespace {

bool IsKnownKind(MeetingKind kind) {
  return std::find(kAllMeetingKinds.begin(), kAllMeetingKinds.end(), kind) !=
         kAllMeetingKinds.end();
}

std::size_t IndexOf(MeetingKind kind) { return static_cast<std::size_t>(kind); }

// "180 days", "1 hour", "90 minutes", "7 hours 30 minutes": the largest whole unit, or
// hours and minutes past two hours, for messages people read.
std::string Describe(absl::Duration d) {
  const int64_t minutes = absl::ToInt64Minutes(d);
  const auto count = [](int64_t n, absl::string_view unit) {
    return absl::StrCat(n, " ", unit, n == 1 ? "" : "s");
  };
  if (minutes != 0 && minutes % (24 * 60) == 0) return count(minutes / (24 * 60), "day");
  if (minutes != 0 && minutes % 60 == 0) return count(minutes / 60, "hour");
  if (minutes > 120)
    return absl::StrCat(count(minutes / 60, "hour"), " ", count(minutes % 60, "minute"));
  return count(minutes, "minute");
}

std::string LocalText(absl::Time time) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%S%Ez", time, CenterTimeZone());
}

absl::Status InvalidLimits(MeetingKind kind, absl::string_view problem) {
  const std::string kind_name(MeetingKindName(kind));
  return ErrorWithReason(absl::StatusCode::kInvalidArgument, "INVALID_SCHEDULING_LIMITS",
                         absl::StrCat("scheduling limits for ", kind_name, ": ", problem,
                                      "; fix the booking configuration and restart the service"),
                         {{"kind", kind_name}});
}

}  // namespace

SchedulingPolicy::SchedulingPolicy() {
  constexpr absl::Duration kHalfYear = absl::Hours(24 * 180);
  constexpr absl::Duration kWorkingDay = absl::Hours(12);
  constexpr absl::Duration kNoShowGrace = absl::Minutes(30);
  const absl::Duration kOfficeDay = OfficeHours().PerDay();
  limits_[IndexOf(MeetingKind::kInternal)] = {absl::Hours(2), kHalfYear, kWorkingDay, kNoShowGrace};
  limits_[IndexOf(MeetingKind::kExternalExchange)] = {kOfficeDay, kHalfYear, kWorkingDay,
                                                      std::nullopt, NoticeClock::kOfficeHours};
  // A training day is a long day already; longer courses are a series of meetings.
  limits_[IndexOf(MeetingKind::kTraining)] = {absl::Hours(24), kHalfYear, absl::Hours(10),
                                              kNoShowGrace};
  limits_[IndexOf(MeetingKind::kSeminar)] = {absl::Hours(24), kHalfYear, kWorkingDay, kNoShowGrace};
  limits_[IndexOf(MeetingKind::kVipReception)] = {kOfficeDay, kHalfYear, kWorkingDay, std::nullopt,
                                                  NoticeClock::kOfficeHours};
  limits_[IndexOf(MeetingKind::kVideoConference)] = {absl::Hours(4), kHalfYear, kWorkingDay,
                                                     kNoShowGrace};
}

const KindLimits& SchedulingPolicy::LimitsFor(MeetingKind kind) const {
  return limits_.at(IndexOf(kind));
}

absl::Status SchedulingPolicy::SetLimits(MeetingKind kind, const KindLimits& limits) {
  if (!IsKnownKind(kind)) {
    return ErrorWithReason(absl::StatusCode::kInvalidArgument, "INVALID_SCHEDULING_LIMITS",
                           "scheduling limits name an unknown meeting kind; use one of "
                           "INTERNAL, EXTERNAL_EXCHANGE, TRAINING, SEMINAR, VIP_RECEPTION, "
                           "VIDEO_CONFERENCE");
  }
  const absl::Duration kInfinite = absl::InfiniteDuration();
  if (limits.min_notice < absl::ZeroDuration() || limits.min_notice == kInfinite) {
    return InvalidLimits(kind, "min_notice must be zero or more and finite");
  }
  if (limits.max_advance < limits.min_notice) {
    return InvalidLimits(kind, "max_advance must be at least min_notice");
  }
  if (limits.max_length <= absl::ZeroDuration() || limits.max_length == kInfinite) {
    return InvalidLimits(kind, "max_length must be positive and finite");
  }
  if (limits.no_show_release_after.has_value() &&
      *limits.no_show_release_after <= absl::ZeroDuration()) {
    return InvalidLimits(kind,
                         "no_show_release_after must be positive; leave it unset to never "
                         "release meetings of this kind");
  }
  limits_[IndexOf(kind)] = limits;
  return absl::OkStatus();
}

absl::Status SchedulingPolicy::CheckWindow(MeetingKind kind, TimeWindow window,
                                           absl::Time now) const {
  if (!IsKnownKind(kind)) {
    return InvalidFieldError("meeting.kind",
                             "unknown meeting kind; use one of INTERNAL, EXTERNAL_EXCHANGE, "
                             "TRAINING, SEMINAR, VIP_RECEPTION, VIDEO_CONFERENCE");
  }
  const KindLimits& limits = LimitsFor(kind);
  const std::string kind_name(MeetingKindName(kind));
  if (window.end <= window.start) {
    return InvalidFieldError("meeting.end_time",
                             "must be later than meeting.start_time; send an end time after "
                             "the start time");
  }
  if (window.end - window.start > limits.max_length) {
    return InvalidFieldError("meeting.end_time",
                             absl::StrCat("a meeting of kind ", kind_name, " may last at most ",
                                          Describe(limits.max_length),
                                          "; end it earlier or book it as several "
                                          "meetings"));
  }
  RETURN_IF_ERROR(CheckNotice(kind, limits, window.start, now));
  const absl::Duration lead = window.start - now;
  if (lead > limits.max_advance) {
    return ErrorWithReason(
        absl::StatusCode::kFailedPrecondition, "TOO_FAR_AHEAD",
        absl::StrCat("a meeting of kind ", kind_name, " may be booked at most ",
                     Describe(limits.max_advance),
                     " ahead; choose an earlier start time or book it closer to the date"),
        {{"kind", kind_name},
         {"max_advance_minutes", absl::StrCat(absl::ToInt64Minutes(limits.max_advance))}});
  }
  return absl::OkStatus();
}

absl::Status SchedulingPolicy::CheckNotice(MeetingKind kind, const KindLimits& limits,
                                           absl::Time start, absl::Time now) const {
  const bool office = limits.notice_counted_in == NoticeClock::kOfficeHours;
  std::optional<absl::Time> earliest = now + limits.min_notice;
  if (office) {
    absl::Time calendar_ends;
    absl::StatusOr<absl::Time> end =
        EndOfOfficeNotice(*calendar_, office_hours_, now, limits.min_notice, &calendar_ends);
    if (end.ok()) {
      earliest = *end;
    } else if (start < calendar_ends) {
      earliest.reset();  // later than the start, though not known when
    } else {
      return end.status();
    }
  }
  if (earliest.has_value() && start >= *earliest) return absl::OkStatus();
  const std::string kind_name(MeetingKindName(kind));
  ErrorMetadata metadata{
      {"kind", kind_name},
      {"min_notice_minutes", absl::StrCat(absl::ToInt64Minutes(limits.min_notice))},
      {"notice_counted_in", office ? "OFFICE_HOURS" : "ELAPSED_TIME"}};
  std::string how_long = Describe(limits.min_notice);
  if (office) {
    absl::StrAppend(&how_long, " of office hours (", office_hours_.Describe(), " on working days)");
  }
  std::string then = "; choose a start time at least that far from now";
  if (earliest.has_value()) {
    metadata.emplace("earliest_start", LocalText(*earliest));
    then = absl::StrCat("; choose a start time at or after ", LocalText(*earliest));
  }
  return ErrorWithReason(
      absl::StatusCode::kFailedPrecondition, "NOTICE_TOO_SHORT",
      absl::StrCat("a meeting of kind ", kind_name, " must be booked at least ", how_long,
                   " before it starts, so the room and services can be "
                   "prepared",
                   then),
      metadata);
}

absl::Duration SchedulingPolicy::LongestMeeting() const {
  absl::Duration longest = absl::ZeroDuration();
  for (const KindLimits& limits : limits_) longest = std::max(longest, limits.max_length);
  return longest;
}

}  // namespace huiwu::booking
