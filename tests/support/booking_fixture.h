// The booking service in-process (tests/support/service_fixture.h), with the center's
// default scheduling limits and the repository's holiday calendar
// (services/booking/holidays: 2025 and 2026, not 2027).
#ifndef HUIWU_TESTS_SUPPORT_BOOKING_FIXTURE_H_
#define HUIWU_TESTS_SUPPORT_BOOKING_FIXTURE_H_

#include <memory>
#include <utility>

#include "huiwu/booking/v1/booking_service.grpc.pb.h"
#include "services/booking/booking_spec.h"
#include "services/booking/domain/scheduling_limits.h"
#include "services/booking/holiday_files.h"
#include "tests/support/service_fixture.h"
#include "tests/support/test_env.h"

namespace huiwu::testing {

// The calendar the service loads by default, from this checkout.
inline std::shared_ptr<const booking::WorkingCalendar> RepositoryCalendar() {
  absl::StatusOr<booking::WorkingCalendar> calendar =
      booking::LoadHolidayFiles(SourceDir() + "/services/booking/holidays");
  EXPECT_TRUE(calendar.ok()) << calendar.status();
  return std::make_shared<const booking::WorkingCalendar>(
      calendar.ok() ? *std::move(calendar) : booking::WorkingCalendar());
}

class BookingFixture : public ServiceFixture<booking::v1::BookingService> {
 protected:
  BookingFixture() { policy_.SetCalendar(RepositoryCalendar()); }

  server::ServiceSpec MakeSpec() override { return booking::BookingServiceSpec(clock_, policy_); }

  booking::SchedulingPolicy policy_;
};

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_SUPPORT_BOOKING_FIXTURE_H_
