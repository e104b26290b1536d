// How far ahead, how late and how long a meeting of each kind may be booked. The seed's
// rules: large meetings are prepared up to a month ahead (会议筹备工作应提前一个月开始),
// and the lead time is adjusted to the meeting's scale and nature (可根据会议规模和性质
// 进行调整) — hence limits per kind, overridable by configuration.
#ifndef HUIWU_SERVICES_BOOKING_DOMAIN_SCHEDULING_LIMITS_H_
#define HUIWU_SERVICES_BOOKING_DOMAIN_SCHEDULING_LIMITS_H_

#include <array>
#include <memory>
#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/booking/domain/meeting_kind.h"
#include "services/booking/domain/office_hours.h"
#include "services/booking/domain/time_window.h"
#include "services/booking/domain/working_calendar.h"

namespace huiwu::booking {

// How a kind's minimum notice is counted: by the clock, or in the center's office hours
// on working days (office_hours.h), for kinds whose preparation is office work.
enum class NoticeClock { kElapsed, kOfficeHours };

struct KindLimits {
  // The least time between booking and start, so the attendants, supplies and services
  // (banner, layout, nameplates, flowers, tea) can be prepared.
  absl::Duration min_notice;
  // The furthest ahead a meeting may start, measured from now.
  absl::Duration max_advance;
  // The longest meeting; longer events are booked as several meetings.
  absl::Duration max_length;
  // How long after its start a CONFIRMED meeting with nobody signed in is released
  // (see no_show.h); no value: never released.
  std::optional<absl::Duration> no_show_release_after;
  // How min_notice is counted.
  NoticeClock notice_counted_in = NoticeClock::kElapsed;
};

class SchedulingPolicy final {
 public:
  // The center's defaults:
  //   kind               min_notice            max_advance  max_length  no-show release
  //   INTERNAL           2h                    180 days     12h         30 min
  //   EXTERNAL_EXCHANGE  7h30m of office hours 180 days     12h         never
  //   TRAINING           24h                   180 days     10h         30 min
  //   SEMINAR            24h                   180 days     12h         30 min
  //   VIP_RECEPTION      7h30m of office hours 180 days     12h         never
  //   VIDEO_CONFERENCE   4h                    180 days     12h         30 min
  // 180 days leaves room for the month of preparation a large meeting needs and for
  // the organizer units' half-year plans. Visiting delegations and VIP guests are not
  // released when late: their arrival depends on travel and protocol, not on sign-in.
  // A video conference needs the audio-control technicians (音控) to test the link.
  // A delegation or a VIP guest is received by the protocol office, whose nameplates,
  // flowers and reception plan are office work: one working day of office hours (the
  // default office day, 08:30–12:00 and 13:30–17:30), so a Friday-evening booking for
  // Monday morning is refused although it is three days ahead.
  SchedulingPolicy();

  // The limits for `kind`; `kind` must be one of kAllMeetingKinds.
  const KindLimits& LimitsFor(MeetingKind kind) const;

  // Replaces the limits of `kind` (from configuration). INVALID_ARGUMENT, reason
  // INVALID_SCHEDULING_LIMITS, when they could not be enforced sensibly: a negative or
  // infinite notice, an advance shorter than the notice, a non-positive or infinite
  // length (the store bounds its overlap query with it), or a non-positive release delay.
  absl::Status SetLimits(MeetingKind kind, const KindLimits& limits);

  // Whether a meeting of `kind` over `window`, booked at `now`, respects the limits:
  //   INVALID_ARGUMENT (field meeting.end_time) when the window is empty or longer than
  //     max_length; (field meeting.kind) when `kind` is not a known kind;
  //   FAILED_PRECONDITION reason NOTICE_TOO_SHORT, metadata {kind, min_notice_minutes,
  //     notice_counted_in (ELAPSED_TIME or OFFICE_HOURS), earliest_start (RFC 3339, the
  //     center's zone; absent when the calendar ends first)}, when it starts sooner than
  //     min_notice from now (or already started);
  //   FAILED_PRECONDITION reason WORKING_CALENDAR_YEAR_MISSING (working_calendar.h) when
  //     the notice is counted in office hours and the count reaches a year without a
  //     holiday file before the start: whether the center works those days is not guessed;
  //   FAILED_PRECONDITION reason TOO_FAR_AHEAD, metadata {kind, max_advance_minutes},
  //     when it starts later than max_advance from now.
  // The bounds are inclusive: exactly min_notice ahead, exactly max_advance ahead and
  // exactly max_length long are all accepted.
  absl::Status CheckWindow(MeetingKind kind, TimeWindow window, absl::Time now) const;

  // The longest max_length over all kinds. The store looks for overlapping meetings in
  // the index range start > query_start - (LongestMeeting() + set-up + clean-up buffers);
  // it adds the buffers itself.
  absl::Duration LongestMeeting() const;

  // The center's office hours, for kinds whose notice counts them (--office_hours).
  const OfficeHours& office_hours() const { return office_hours_; }
  void SetOfficeHours(OfficeHours hours) { office_hours_ = std::move(hours); }

  // The center's working days (法定节假日与调休), loaded at start (--holidays_dir); by
  // default none: every series or query that needs a day's kind is refused naming its
  // year. Shared by the copies of the policy, never changed after start.
  const WorkingCalendar& calendar() const { return *calendar_; }
  void SetCalendar(std::shared_ptr<const WorkingCalendar> calendar) {
    calendar_ = std::move(calendar);
  }

 private:
  absl::Status CheckNotice(MeetingKind kind, const KindLimits& limits, absl::Time start,
                           absl::Time now) const;

  std::array<KindLimits, kAllMeetingKinds.size()> limits_;
  OfficeHours office_hours_;
  std::shared_ptr<const WorkingCalendar> calendar_ = std::make_shared<const WorkingCalendar>();
};

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_DOMAIN_SCHEDULING_LIMITS_H_
