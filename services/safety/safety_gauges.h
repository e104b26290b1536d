// The safety service's domain gauges (common/metrics/domain_gauges.h), for the
// meeting-affairs dashboard and alerts:
//   huiwu_safety_hazards_open{severity}      hazards not yet resolved or verified
//   huiwu_safety_hazards_overdue{severity}   of those, past their rectification deadline
//   huiwu_safety_disinfections_overdue       tea-set disinfections (一会一消毒) still
//                                            pending kDisinfectionDue after the meeting
// severity is low, medium, high or critical.
#ifndef HUIWU_SERVICES_SAFETY_SAFETY_GAUGES_H_
#define HUIWU_SERVICES_SAFETY_SAFETY_GAUGES_H_

#include <memory>
#include <string>
#include <vector>

#include "common/metrics/domain_gauges.h"
#include "common/time/clock.h"
#include "services/safety/store/safety_store.h"

namespace huiwu::safety {

// The `severity` label: "low", "medium", "high", "critical".
std::string SeverityLabel(Severity severity);

// `clock` must outlive the gauges; the store is shared with them.
std::vector<metrics::DomainGauge> SafetyGauges(std::shared_ptr<SafetyStore> store,
                                               const Clock& clock);

}  // namespace huiwu::safety

#endif  // HUIWU_SERVICES_SAFETY_SAFETY_GAUGES_H_
