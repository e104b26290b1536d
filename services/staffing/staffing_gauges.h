// The staffing service's domain gauges (common/metrics/domain_gauges.h), for the
// meeting-affairs dashboard:
//   huiwu_staffing_staff_on_leave  people with approved leave covering now (请假报备)
//   huiwu_staffing_staff_on_call   active people on the on-call roster now (24h reachable)
#ifndef HUIWU_SERVICES_STAFFING_STAFFING_GAUGES_H_
#define HUIWU_SERVICES_STAFFING_STAFFING_GAUGES_H_

#include <memory>
#include <vector>

#include "common/metrics/domain_gauges.h"
#include "common/time/clock.h"
#include "services/staffing/store/staffing_store.h"

namespace huiwu::staffing {

// `clock` must outlive the gauges; the store is shared with them.
std::vector<metrics::DomainGauge> StaffingGauges(std::shared_ptr<StaffingStore> store,
                                                 const Clock& clock);

}  // namespace huiwu::staffing

#endif  // HUIWU_SERVICES_STAFFING_STAFFING_GAUGES_H_
