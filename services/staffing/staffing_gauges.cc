#include "services/staffing/staffing_gauges.h"

namespace huiwu::staffing {
namespace {

metrics::GaugeValues Single(int64_t count) { return {{"", static_cast<double>(count)}}; }

}  // namespace

std::vector<metrics::DomainGauge> StaffingGauges(std::shared_ptr<StaffingStore> store,
                                                 const Clock& clock) {
  std::vector<metrics::DomainGauge> gauges;
  gauges.push_back(metrics::DomainGauge{"huiwu_staffing_staff_on_leave",
                                        "People with approved leave covering now",
                                        "",
                                        {},
                                        [store, &clock]() -> absl::StatusOr<metrics::GaugeValues> {
                                          absl::StatusOr<int64_t> count =
                                              store->CountStaffOnLeave(clock.Now());
                                          if (!count.ok()) return count.status();
                                          return Single(*count);
                                        }});
  gauges.push_back(metrics::DomainGauge{"huiwu_staffing_staff_on_call",
                                        "Active people on the on-call roster now (any role)",
                                        "",
                                        {},
                                        [store, &clock]() -> absl::StatusOr<metrics::GaugeValues> {
                                          absl::StatusOr<int64_t> count =
                                              store->CountStaffOnCall(clock.Now());
                                          if (!count.ok()) return count.status();
                                          return Single(*count);
                                        }});
  return gauges;
}

}  // namespace huiwu::staffing
