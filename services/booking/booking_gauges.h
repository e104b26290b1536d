// The booking service's domain gauges (common/metrics/domain_gauges.h), for the
// meeting-affairs dashboard:
//   huiwu_booking_meetings_today{state}  meetings starting today (the center's day,
//                                        Asia/Shanghai) by state: submitted, confirmed,
//                                        in_progress, completed, archived, rejected,
//                                        cancelled
//   huiwu_booking_rooms_in_use           rooms held now by a confirmed or in-progress
//                                        meeting (set-up and clean-up included)
#ifndef HUIWU_SERVICES_BOOKING_BOOKING_GAUGES_H_
#define HUIWU_SERVICES_BOOKING_BOOKING_GAUGES_H_

#include <memory>
#include <string>
#include <vector>

#include "common/metrics/domain_gauges.h"
#include "common/time/clock.h"
#include "services/booking/store/booking_store.h"

namespace huiwu::booking {

// The `state` label of a meeting state: the proto name in lower case ("in_progress").
std::string StateLabel(MeetingState state);

// `clock` must outlive the gauges; the store is shared with them.
std::vector<metrics::DomainGauge> BookingGauges(std::shared_ptr<BookingStore> store,
                                                const Clock& clock);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_BOOKING_GAUGES_H_
