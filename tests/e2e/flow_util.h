// What the end-to-end tests share: stubs of the four services of a Suite, a weekday
// ahead in the center's zone, a notice for the 8th-floor video room, and a reader of a
// service's event stream.
#ifndef HUIWU_TESTS_E2E_FLOW_UTIL_H_
#define HUIWU_TESTS_E2E_FLOW_UTIL_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "huiwu/booking/v1/booking_service.grpc.pb.h"
#include "huiwu/events/v1/events.grpc.pb.h"
#include "huiwu/inventory/v1/inventory_service.grpc.pb.h"
#include "huiwu/safety/v1/safety_service.grpc.pb.h"
#include "huiwu/staffing/v1/staffing_service.grpc.pb.h"
#include "tests/e2e/suite.h"

namespace huiwu::testing {

constexpr char kVideoRoom[] = "buildings/citizen-center/rooms/8f-video";

struct Stubs {
  explicit Stubs(const Suite& suite);
  std::unique_ptr<booking::v1::BookingService::Stub> booking;
  std::unique_ptr<staffing::v1::StaffingService::Stub> staffing;
  std::unique_ptr<inventory::v1::InventoryService::Stub> inventory;
  std::unique_ptr<safety::v1::SafetyService::Stub> safety;
};

// `hour`:00 center time on the first Monday–Friday at least `days_ahead` days from now.
absl::Time WeekdayAhead(int days_ahead, int hour);

// A video conference notice for the 8th-floor video room, [start, start + 1h).
booking::v1::CreateMeetingRequest VideoNotice(const std::string& title, absl::Time start,
                                              const std::string& request_id);

// The events of `service` of `type` about `subject` (empty: any), read from the start
// until `count` arrived or 20 s passed.
std::vector<huiwu::events::v1::Event> StreamedEvents(const Suite& suite, const std::string& service,
                                                     const std::string& type,
                                                     const std::string& subject, size_t count);

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_E2E_FLOW_UTIL_H_
