#include "services/booking/booking_spec.h"

#include <functional>
#include <memory>

#include "services/booking/booking_service.h"
#include "services/booking/no_show_releaser.h"

const std::vector<huiwu::db::Migration>& BookingMigrations();

namespace huiwu::booking {

server::ServiceSpec BookingServiceSpec(const Clock& clock, const SchedulingPolicy& policy,
                                       absl::Duration no_show_check_interval) {
  server::ServiceSpec spec;
  spec.name = "booking";
  spec.grpc_service_name = "huiwu.booking.v1.BookingService";
  spec.default_database = "huiwu_booking";
  spec.migrations = BookingMigrations();
  spec.make_service = [&clock, &policy](server::ServiceContext& context) {
    return std::make_unique<BookingService>(context.pool, clock, policy, context.config);
  };
  // 无人签到: rooms booked and not used go back to the other units.
  spec.jobs.push_back(server::PeriodicJob{
      "no_show_release", no_show_check_interval,
      [&clock, &policy](server::ServiceContext& context) -> std::function<void()> {
        auto store = std::make_shared<BookingStore>(context.pool, policy.LongestMeeting());
        auto releaser = std::make_shared<NoShowReleaser>(*store, clock, policy);
        return [store, releaser] { releaser->RunOnce(); };
      }});
  return spec;
}

}  // namespace huiwu::booking
