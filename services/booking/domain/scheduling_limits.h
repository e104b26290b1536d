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
#include "services/booking/domain/time_window.h"
#include "services/booking/domain/working_calendar.h"

namespace huiwu::booking {

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
};

class SchedulingPolicy final {
 public:
  // The center's defaults:
  //   kind               min_notice  max_advance  max_length  no-show release
  //   INTERNAL           2h          180 days     12h         30 min
  //   EXTERNAL_EXCHANGE  24h         180 days     12h         never
  //   TRAINING           24h         180 days     10h         30 min
  //   SEMINAR            24h         180 days     12h         30 min
  //   VIP_RECEPTION      24h         180 days     12h         never
  //   VIDEO_CONFERENCE   4h          180 days     12h         30 min
  // 180 days leaves room for the month of preparation a large meeting needs and for
  // the organizer units' half-year plans. Visiting delegations and VIP guests are not
  // released when late: their arrival depends on travel and protocol, not on sign-in.
  // A video conference needs the audio-control technicians (音控) to test the link.
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
  //   FAILED_PRECONDITION reason NOTICE_TOO_SHORT, metadata {kind, min_notice_minutes},
  //     when it starts sooner than min_notice from now (or already started);
  //   FAILED_PRECONDITION reason TOO_FAR_AHEAD, metadata {kind, max_advance_minutes},
  //     when it starts later than max_advance from now.
  // The bounds are inclusive: exactly min_notice ahead, exactly max_advance ahead and
  // exactly max_length long are all accepted.
  absl::Status CheckWindow(MeetingKind kind, TimeWindow window, absl::Time now) const;

  // The longest max_length over all kinds. The store looks for overlapping meetings in
  // the index range start > query_start - (LongestMeeting() + set-up + clean-up buffers);
  // it adds the buffers itself.
  absl::Duration LongestMeeting() const;

  // The center's working days (法定节假日与调休), loaded at start (--holidays_dir); by
  // default none: every series or query that needs a day's kind is refused naming its
  // year. Shared by the copies of the policy, never changed after start.
  const WorkingCalendar& calendar() const { return *calendar_; }
  void SetCalendar(std::shared_ptr<const WorkingCalendar> calendar) {
    calendar_ = std::move(calendar);
  }

 private:
  std::array<KindLimits, kAllMeetingKinds.size()> limits_;
  std::shared_ptr<const WorkingCalendar> calendar_ = std::make_shared<const WorkingCalendar>();
};

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_DOMAIN_SCHEDULING_LIMITS_H_
