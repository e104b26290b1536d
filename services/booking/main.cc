// huiwu-booking: books the center's meeting rooms. Wiring only.
#include <memory>
#include <optional>
#include <utility>

#include "absl/flags/flag.h"
#include "common/server/service_host.h"
#include "common/time/clock.h"
#include "services/booking/booking_spec.h"
#include "services/booking/holiday_files.h"
#include "services/booking/meeting_limits_flag.h"
#include "services/booking/sign_in_key_flag.h"

ABSL_FLAG(absl::Duration, no_show_check_interval, absl::Seconds(60),
          "How often to release confirmed meetings nobody signed in to (无人签到); 'inf' "
          "turns the release off.");

int main(int argc, char** argv) {
  static const huiwu::SystemClock clock;
  static std::optional<huiwu::booking::SchedulingPolicy> policy;
  static std::unique_ptr<huiwu::booking::SignInKeyWatcher> sign_in_keys;
  return huiwu::server::RunServiceMain(
      argc, argv,
      "the booking service of huiwu (会务): rooms, meetings, sign-in. Serves gRPC "
      "(huiwu.booking.v1.BookingService, health, reflection) and Prometheus /metrics.",
      []() -> absl::StatusOr<huiwu::server::ServiceSpec> {
        auto from_flags = huiwu::booking::PolicyFromFlags();
        if (!from_flags.ok()) return from_flags.status();
        policy.emplace(*std::move(from_flags));
        // 法定节假日与调休: series and GetWorkingDays judge days by it.
        auto calendar = huiwu::booking::CalendarFromFlags(clock.Now());
        if (!calendar.ok()) return calendar.status();
        policy->SetCalendar(
            std::make_shared<const huiwu::booking::WorkingCalendar>(*std::move(calendar)));
        const absl::Duration no_show_interval = absl::GetFlag(FLAGS_no_show_check_interval);
        if (no_show_interval <= absl::ZeroDuration()) {
          return absl::InvalidArgumentError(
              "--no_show_check_interval must be positive (e.g. 60s), or inf to turn the "
              "no-show release off");
        }
        auto keys = huiwu::booking::SignInKeysFromFlags();
        if (!keys.ok()) return keys.status();
        sign_in_keys = *std::move(keys);
        return huiwu::booking::BookingServiceSpec(clock, *policy, no_show_interval,
                                                  sign_in_keys.get());
      });
}
