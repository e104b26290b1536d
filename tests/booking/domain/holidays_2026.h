// 2026's arrangement (国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04), as the
// domain tests' calendar: the same days as services/booking/holidays/2026.json, which
// the service loads (tests/booking/holiday_files_test.cc checks that file).
#ifndef HUIWU_TESTS_BOOKING_DOMAIN_HOLIDAYS_2026_H_
#define HUIWU_TESTS_BOOKING_DOMAIN_HOLIDAYS_2026_H_

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "services/booking/domain/working_calendar.h"

namespace huiwu::booking {

inline std::vector<ListedDay> Listed2026() {
  std::vector<ListedDay> days;
  const auto off = [&](const std::string& name, absl::CivilDay from, absl::CivilDay to) {
    for (absl::CivilDay day = from; day <= to; ++day) days.push_back(ListedDay{day, name, true});
  };
  const auto worked = [&](const std::string& name, absl::CivilDay day) {
    days.push_back(ListedDay{day, name, false});
  };
  off("元旦", absl::CivilDay(2026, 1, 1), absl::CivilDay(2026, 1, 3));
  worked("元旦", absl::CivilDay(2026, 1, 4));
  off("春节", absl::CivilDay(2026, 2, 15), absl::CivilDay(2026, 2, 23));
  worked("春节", absl::CivilDay(2026, 2, 14));
  worked("春节", absl::CivilDay(2026, 2, 28));
  off("清明节", absl::CivilDay(2026, 4, 4), absl::CivilDay(2026, 4, 6));
  off("劳动节", absl::CivilDay(2026, 5, 1), absl::CivilDay(2026, 5, 5));
  worked("劳动节", absl::CivilDay(2026, 5, 9));
  off("端午节", absl::CivilDay(2026, 6, 19), absl::CivilDay(2026, 6, 21));
  off("中秋节", absl::CivilDay(2026, 9, 25), absl::CivilDay(2026, 9, 27));
  off("国庆节", absl::CivilDay(2026, 10, 1), absl::CivilDay(2026, 10, 7));
  worked("国庆节", absl::CivilDay(2026, 9, 20));
  worked("国庆节", absl::CivilDay(2026, 10, 10));
  return days;
}

// Covers 2026 only: 2027 is the year without a file.
inline WorkingCalendar Calendar2026() {
  WorkingCalendar calendar;
  calendar.AddYear(2026, Listed2026()).IgnoreError();
  return calendar;
}

}  // namespace huiwu::booking

#endif  // HUIWU_TESTS_BOOKING_DOMAIN_HOLIDAYS_2026_H_
