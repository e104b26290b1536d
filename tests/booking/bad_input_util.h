// Booking's tables of bad requests (tests/support/bad_input.h) in its error domain.
#ifndef HUIWU_TESTS_BOOKING_BAD_INPUT_UTIL_H_
#define HUIWU_TESTS_BOOKING_BAD_INPUT_UTIL_H_

#include <string>
#include <vector>

#include "huiwu/booking/v1/booking_service.grpc.pb.h"
#include "tests/support/bad_input.h"

namespace huiwu::testing {

using BadInput = BadInputFor<booking::v1::BookingService::Stub>;

inline void ExpectEachRefusedAndNothingWritten(booking::v1::BookingService::Stub& stub,
                                               const std::vector<BadInput>& cases,
                                               TestDatabase& database,
                                               const std::vector<std::string>& tables) {
  ExpectEachRefusedAndNothingWritten(stub, cases, database, tables, "booking.huiwu");
}

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_BOOKING_BAD_INPUT_UTIL_H_
