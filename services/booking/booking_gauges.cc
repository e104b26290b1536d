#include "services/booking/booking_gauges.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/time/civil_time.h"
#include "common/time/center_zone.h"

namespace huiwu::booking {
namespace {

constexpr MeetingState kAllStates[] = {MeetingState::kSubmitted,  MeetingState::kConfirmed,
                                       MeetingState::kInProgress, MeetingState::kCompleted,
                                       MeetingState::kArchived,   MeetingState::kRejected,
                                       MeetingState::kCancelled};

// Today in the center's zone: what the dispatch hub calls "today" at 7 a.m. in Beijing
// is not the UTC day.
TimeWindow CenterToday(absl::Time now) {
  const absl::TimeZone zone = CenterTimeZone();
  const absl::CivilDay day = absl::ToCivilDay(now, zone);
  return TimeWindow{absl::FromCivil(day, zone), absl::FromCivil(day + 1, zone)};
}

}  // namespace

std::string StateLabel(MeetingState state) {
  return absl::AsciiStrToLower(std::string(MeetingStateName(state)));
}

std::vector<metrics::DomainGauge> BookingGauges(std::shared_ptr<BookingStore> store,
                                                const Clock& clock) {
  std::vector<std::string> states;
  for (MeetingState state : kAllStates) states.push_back(StateLabel(state));
  std::vector<metrics::DomainGauge> gauges;
  gauges.push_back(metrics::DomainGauge{
      "huiwu_booking_meetings_today", "Meetings starting today (Asia/Shanghai) by state", "state",
      std::move(states), [store, &clock]() -> absl::StatusOr<metrics::GaugeValues> {
        auto counts = store->CountMeetingsByState(CenterToday(clock.Now()));
        if (!counts.ok()) return counts.status();
        metrics::GaugeValues values;
        for (const auto& [state, count] : *counts) {
          values[StateLabel(state)] = static_cast<double>(count);
        }
        return values;
      }});
  gauges.push_back(metrics::DomainGauge{
      "huiwu_booking_rooms_in_use",
      "Rooms held now by a confirmed or in-progress meeting (set-up and clean-up included)",
      "",
      {},
      [store, &clock]() -> absl::StatusOr<metrics::GaugeValues> {
        absl::StatusOr<int64_t> count = store->CountRoomsInUse(clock.Now());
        if (!count.ok()) return count.status();
        return metrics::GaugeValues{{"", static_cast<double>(*count)}};
      }});
  return gauges;
}

}  // namespace huiwu::booking
