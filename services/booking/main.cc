// huiwu-booking: books the center's meeting rooms. Wiring only.
#include "common/server/service_host.h"
#include "common/time/clock.h"
#include "services/booking/booking_spec.h"

int main(int argc, char** argv) {
  static const huiwu::SystemClock clock;
  return huiwu::server::RunServiceMain(argc, argv, huiwu::booking::BookingServiceSpec(clock));
}
