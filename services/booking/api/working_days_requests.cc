#include "services/booking/api/working_days_requests.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "common/api/date.h"
#include "common/api/field_checks.h"

namespace huiwu::booking {
namespace {

std::optional<absl::CivilDay> RequiredDate(api::FieldChecks& checks, absl::string_view field,
                                           bool present, const common::v1::Date& date) {
  if (!present) {
    checks.Add(field, "required: a date {year, month, day} in Asia/Shanghai");
    return std::nullopt;
  }
  return api::ParseDate(checks, field, date);
}

v1::DayKind ProtoOf(DayKind kind) {
  switch (kind) {
    case DayKind::kWorkday:
      return v1::DAY_KIND_WORKDAY;
    case DayKind::kWeekend:
      return v1::DAY_KIND_WEEKEND;
    case DayKind::kHoliday:
      return v1::DAY_KIND_HOLIDAY;
    case DayKind::kMakeUpWorkday:
      return v1::DAY_KIND_MAKE_UP_WORKDAY;
  }
  return v1::DAY_KIND_UNSPECIFIED;
}

}  // namespace

absl::StatusOr<DayRange> ParseGetWorkingDays(const v1::GetWorkingDaysRequest& request) {
  api::FieldChecks checks;
  const std::optional<absl::CivilDay> first =
      RequiredDate(checks, "start_date", request.has_start_date(), request.start_date());
  const std::optional<absl::CivilDay> last =
      RequiredDate(checks, "end_date", request.has_end_date(), request.end_date());
  if (first.has_value() && last.has_value()) {
    if (*last < *first) {
      checks.Add("end_date", "is before start_date; send an end_date on or after start_date");
    } else if (*last - *first + 1 > kMaxWorkingDaysRange) {
      checks.Add("end_date",
                 absl::StrCat("the range has ", *last - *first + 1, " days, more than ",
                              kMaxWorkingDaysRange, "; ask for at most a year at a time"));
    }
  }
  if (!checks.ok()) return checks.status();
  return DayRange{*first, *last};
}

absl::Status DescribeRange(const WorkingCalendar& calendar, const DayRange& range,
                           v1::GetWorkingDaysResponse* response) {
  for (absl::CivilDay day = range.first; day <= range.last; ++day) {
    absl::StatusOr<CalendarDay> described = calendar.Describe(day);
    if (!described.ok()) {
      response->Clear();
      return described.status();
    }
    ToProto(*described, response->add_days());
  }
  return absl::OkStatus();
}

void ToProto(const CalendarDay& day, v1::WorkingDay* out) {
  out->mutable_date()->set_year(static_cast<int32_t>(day.date.year()));
  out->mutable_date()->set_month(day.date.month());
  out->mutable_date()->set_day(day.date.day());
  out->set_working(day.working());
  out->set_kind(ProtoOf(day.kind));
  out->set_holiday_name(day.holiday_name);
}

}  // namespace huiwu::booking
