// The booking service in-process (tests/support/service_fixture.h), with the center's
// default scheduling limits.
#ifndef HUIWU_TESTS_SUPPORT_BOOKING_FIXTURE_H_
#define HUIWU_TESTS_SUPPORT_BOOKING_FIXTURE_H_

#include "huiwu/booking/v1/booking_service.grpc.pb.h"
#include "services/booking/booking_spec.h"
#include "services/booking/domain/scheduling_limits.h"
#include "tests/support/service_fixture.h"

namespace huiwu::testing {

class BookingFixture : public ServiceFixture<booking::v1::BookingService> {
 protected:
  server::ServiceSpec MakeSpec() override { return booking::BookingServiceSpec(clock_, policy_); }

  booking::SchedulingPolicy policy_;
};

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_SUPPORT_BOOKING_FIXTURE_H_
