#include "services/booking/booking_spec.h"

#include "services/booking/booking_service.h"

const std::vector<huiwu::db::Migration>& BookingMigrations();

namespace huiwu::booking {

server::ServiceSpec BookingServiceSpec(const Clock& clock, const SchedulingPolicy& policy) {
  server::ServiceSpec spec;
  spec.name = "booking";
  spec.grpc_service_name = "huiwu.booking.v1.BookingService";
  spec.default_database = "huiwu_booking";
  spec.migrations = BookingMigrations();
  spec.make_service = [&clock, &policy](server::ServiceContext& context) {
    return std::make_unique<BookingService>(context.pool, clock, policy);
  };
  return spec;
}

}  // namespace huiwu::booking
