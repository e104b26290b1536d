#include "services/booking/booking_spec.h"

#include <functional>
#include <memory>

#include "common/log/log.h"
#include "services/booking/booking_gauges.h"
#include "services/booking/booking_service.h"
#include "services/booking/hazard_flagger.h"
#include "services/booking/holiday_files.h"
#include "services/booking/no_show_releaser.h"
#include "services/booking/room_clearance.h"

const std::vector<huiwu::db::Migration>& BookingMigrations();

namespace huiwu::booking {

server::ServiceSpec BookingServiceSpec(const Clock& clock, const SchedulingPolicy& policy,
                                       absl::Duration no_show_check_interval,
                                       const SignInKeyWatcher* sign_in_keys) {
  server::ServiceSpec spec;
  spec.name = "booking";
  spec.grpc_service_name = "huiwu.booking.v1.BookingService";
  spec.default_database = "huiwu_booking";
  spec.migrations = BookingMigrations();
  spec.make_service = [&clock, &policy, sign_in_keys](server::ServiceContext& context) {
    if (context.config.peers.safety.empty()) {
      // Without safety nothing can clear a room: confirms hold rooms unchecked. Said once,
      // here, so that an admin who forgot --safety_target sees it at start-up.
      log::Warning("room clearance not checked: --safety_target is empty");
    }
    if (sign_in_keys == nullptr) {
      // No door-screen codes (扫码签到): only the attendant's desk can sign people in.
      log::Warning("sign-in codes off: --sign_in_key_file is empty");
    }
    return std::make_unique<BookingService>(
        context.calls, context.pool, clock, policy,
        std::make_unique<RoomClearance>(context.config.peers.safety, context.config.tls,
                                        context.config.events.peer_deadline),
        context.config, sign_in_keys);
  };
  // A hazard that blocks a room flags the meetings still to be held there.
  spec.subscriptions.push_back(HazardSubscription(clock, policy));
  // 无人签到: rooms booked and not used go back to the other units.
  spec.jobs.push_back(server::PeriodicJob{
      "no_show_release", no_show_check_interval,
      [&clock, &policy](server::ServiceContext& context) -> std::function<void()> {
        auto store = std::make_shared<BookingStore>(context.pool, policy.LongestMeeting());
        // A released room may confirm a waiting notice: safety clears it first.
        auto clearance = std::make_shared<RoomClearance>(
            context.config.peers.safety, context.config.tls, context.config.events.peer_deadline);
        auto releaser = std::make_shared<NoShowReleaser>(*store, clock, policy, clearance->check());
        return [store, clearance, releaser] { releaser->RunOnce(); };
      }});
  // 法定节假日与调休: without this year's file (and, from December, next year's), weekly
  // and WORKDAYS series into the missing year are refused; health says so, naming it.
  spec.health_details.push_back(server::HealthDetail{kWorkingCalendarHealthName, [&clock, &policy] {
                                                       return CheckCalendarCoversNearYears(
                                                           policy.calendar(), clock.Now());
                                                     }});
  if (sign_in_keys != nullptr) {
    // 扫码签到: a key file broken while rotating keeps the old keys (the door screens keep
    // working) but the new key never arrives; health says so, naming the file and line.
    spec.health_details.push_back(server::HealthDetail{
        kSignInKeysHealthName, [sign_in_keys] { return CheckSignInKeyFile(*sign_in_keys); }});
  }
  spec.make_gauges = [&clock, &policy](server::ServiceContext& context) {
    return BookingGauges(std::make_shared<BookingStore>(context.pool, policy.LongestMeeting()),
                         clock);
  };
  return spec;
}

}  // namespace huiwu::booking
