// GetWorkingDays (法定节假日与调休): a bounded range of days, validated; the calendar's
// days back as resources.
#ifndef HUIWU_SERVICES_BOOKING_API_WORKING_DAYS_REQUESTS_H_
#define HUIWU_SERVICES_BOOKING_API_WORKING_DAYS_REQUESTS_H_

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "huiwu/booking/v1/working_days.pb.h"
#include "services/booking/domain/working_calendar.h"

namespace huiwu::booking {

// The most days one GetWorkingDays answers: a year, leap day included.
inline constexpr int kMaxWorkingDaysRange = 366;

struct DayRange {
  absl::CivilDay first;
  absl::CivilDay last;  // inclusive
};

// INVALID_ARGUMENT naming the field: a missing or invalid start_date or end_date
// (".year", ".month", ".day"), end_date before start_date or more than
// kMaxWorkingDaysRange days in all ("end_date").
absl::StatusOr<DayRange> ParseGetWorkingDays(const v1::GetWorkingDaysRequest& request);

// Every day of `range` from `calendar`, or its error for the first day of a year it does
// not cover (FAILED_PRECONDITION naming the year): never part of an answer.
absl::Status DescribeRange(const WorkingCalendar& calendar, const DayRange& range,
                           v1::GetWorkingDaysResponse* response);

void ToProto(const CalendarDay& day, v1::WorkingDay* out);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_API_WORKING_DAYS_REQUESTS_H_
