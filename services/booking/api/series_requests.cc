#include "services/booking/api/series_requests.h"

#include <set>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/api/date.h"
#include "common/api/field_checks.h"
#include "common/api/resource_name.h"
#include "common/api/timestamp.h"
#include "common/status/errors.h"
#include "common/status/status_macros.h"
#include "services/booking/api/catalog_requests.h"
#include "services/booking/api/meeting_requests.h"
#include "services/booking/domain/calendar.h"

namespace huiwu::booking {
namespace {

constexpr int kMaxInterval = 52;
// One series books at most a year of daily meetings; longer plans are a second series.
constexpr int kMaxOccurrences = 366;
// The domain names the recurrence as a field of a series ("series.recurrence.…"); in
// CreateMeetingSeriesRequest it is the top-level field "recurrence".
constexpr absl::string_view kDomainRecurrenceField = "series.recurrence";
constexpr absl::string_view kRecurrenceField = "recurrence";

std::optional<Frequency> FrequencyOf(v1::Frequency frequency) {
  switch (frequency) {
    case v1::FREQUENCY_DAILY:
      return Frequency::kDaily;
    case v1::FREQUENCY_WEEKLY:
      return Frequency::kWeekly;
    case v1::FREQUENCY_MONTHLY:
      return Frequency::kMonthly;
    case v1::FREQUENCY_WORKDAYS:
      return Frequency::kWorkdays;
    default:
      return std::nullopt;
  }
}

v1::Frequency ProtoOf(Frequency frequency) {
  switch (frequency) {
    case Frequency::kDaily:
      return v1::FREQUENCY_DAILY;
    case Frequency::kWeekly:
      return v1::FREQUENCY_WEEKLY;
    case Frequency::kMonthly:
      return v1::FREQUENCY_MONTHLY;
    case Frequency::kWorkdays:
      return v1::FREQUENCY_WORKDAYS;
  }
  return v1::FREQUENCY_UNSPECIFIED;
}

// ISO weekday numbers (the API's Weekday) ↔ absl::Weekday (monday = 0).
absl::Weekday WeekdayOf(int iso) { return static_cast<absl::Weekday>(iso - 1); }
int IsoOf(absl::Weekday weekday) { return static_cast<int>(weekday) + 1; }

RecurrenceRule ParseRecurrence(api::FieldChecks& checks, const v1::Recurrence& in) {
  RecurrenceRule rule;
  checks.Enum("recurrence.frequency", in.frequency(), v1::Frequency_IsValid, false);
  rule.frequency = FrequencyOf(in.frequency()).value_or(Frequency::kWeekly);
  if (in.interval() != 0) {
    checks.Int("recurrence.interval", in.interval(), 1, kMaxInterval);
    rule.interval = in.interval();
  }
  if (in.weekdays_size() > 0 && in.frequency() != v1::FREQUENCY_WEEKLY) {
    checks.Add("recurrence.weekdays",
               "weekdays are only allowed with frequency WEEKLY; clear weekdays or set "
               "frequency WEEKLY");
  }
  std::set<int> seen;
  for (int i = 0; i < in.weekdays_size(); ++i) {
    const std::string field = absl::StrCat("recurrence.weekdays[", i, "]");
    const int weekday = in.weekdays(i);
    checks.Enum(field, weekday, v1::Weekday_IsValid, false);
    if (!seen.insert(weekday).second) checks.Add(field, "duplicate weekday; list each once");
    if (weekday >= 1 && weekday <= 7) rule.weekdays.push_back(WeekdayOf(weekday));
  }
  rule.include_holidays = in.include_holidays();
  const bool has_count = in.count() != 0;
  if (in.has_until() == has_count) {
    const std::string problem = has_count ? "set either until or count, not both; clear one"
                                          : "set exactly one of until (the last day, "
                                            "inclusive) or count (the number of meetings)";
    checks.Add("recurrence.until", problem);
    checks.Add("recurrence.count", problem);
  }
  if (has_count) {
    checks.Int("recurrence.count", in.count(), 1, kMaxOccurrences);
    rule.count = in.count();
  }
  if (in.has_until()) {
    api::FieldChecks date_checks;
    const std::optional<absl::CivilDay> day = api::ParseDate(date_checks, "until", in.until());
    if (!day.has_value()) {
      checks.Add(
          "recurrence.until",
          absl::StrCat("not a valid date between the years ", api::kMinYear, " and ", api::kMaxYear,
                       "; send year, month (1–12) and a day that the month has"));
    }
    rule.until = day.value_or(absl::CivilDay());
  }
  return rule;
}

// The domain's field paths, as the request names them.
absl::Status RenameRecurrenceFields(const absl::Status& status) {
  std::vector<FieldViolation> violations = FieldViolationsOf(status);
  if (violations.empty()) return status;
  for (FieldViolation& violation : violations) {
    if (absl::StartsWith(violation.field, kDomainRecurrenceField)) {
      violation.field =
          absl::StrCat(kRecurrenceField, violation.field.substr(kDomainRecurrenceField.size()));
    }
  }
  return InvalidFieldsError(violations);
}

// The kind's limits for occurrence `index` (0-based), naming the occurrence on failure.
absl::Status CheckOccurrence(const SchedulingPolicy& policy, MeetingKind kind, TimeWindow window,
                             size_t index, size_t total, absl::Time now) {
  const absl::Status limits = policy.CheckWindow(kind, window, now);
  if (limits.ok()) return limits;
  const std::string date = absl::FormatCivilTime(LocalDayOf(window.start, CenterTimeZone()));
  ErrorMetadata metadata = MetadataOf(limits);
  metadata["occurrence"] = absl::StrCat(index + 1);
  metadata["occurrence_date"] = date;
  std::string reason = ReasonOf(limits);
  if (reason.empty()) reason = "INVALID_ARGUMENT";
  return ErrorWithReason(
      limits.code(), reason,
      absl::StrCat("occurrence ", index + 1, " of ", total, " (", date, "): ", limits.message(),
                   "; end the series earlier (recurrence.until or recurrence.count) and book "
                   "the rest later"),
      metadata);
}

}  // namespace

absl::StatusOr<std::string> ParseSeriesName(absl::string_view field, absl::string_view name) {
  ASSIGN_OR_RETURN(std::vector<std::string> ids,
                   api::ParseResourceName(field, name, "meetingSeries/{series}"));
  return ids[0];
}

absl::StatusOr<CreateSeriesCommand> ParseCreateMeetingSeries(
    const v1::CreateMeetingSeriesRequest& request, const SchedulingPolicy& policy, absl::Time now) {
  api::FieldChecks checks;
  checks.RequestId("request_id", request.request_id());
  if (!request.has_meeting()) checks.Add("meeting", "required: the first meeting of the series");
  CreateSeriesCommand command;
  if (request.has_recurrence()) {
    command.rule = ParseRecurrence(checks, request.recurrence());
  } else {
    checks.Add("recurrence", "required: how the meeting repeats (frequency and until or count)");
  }
  if (!request.has_meeting()) return checks.status();
  absl::StatusOr<Meeting> first = ParseMeetingFields(request.meeting(), "meeting", policy, now);
  if (!first.ok()) {
    // Every bad field at once, the meeting's with the recurrence's; a rule violation
    // (e.g. too short notice) only once the input itself is valid.
    checks.AddFrom(first.status());
    RETURN_IF_ERROR(checks.status());
    return first.status();
  }
  RETURN_IF_ERROR(checks.status());
  command.first = *std::move(first);
  absl::StatusOr<SeriesDates> dates = ExpandRecurrence(
      command.rule, command.first.window, CenterTimeZone(), policy.calendar(), kMaxOccurrences);
  if (!dates.ok()) return RenameRecurrenceFields(dates.status());
  for (size_t i = 0; i < dates->windows.size(); ++i) {
    RETURN_IF_ERROR(CheckOccurrence(policy, command.first.kind, dates->windows[i], i,
                                    dates->windows.size(), now));
  }
  command.windows = std::move(dates->windows);
  command.skipped = std::move(dates->skipped);
  command.request_id = request.request_id();
  return command;
}

absl::StatusOr<ConfirmSeriesCommand> ParseConfirmMeetingSeries(
    const v1::ConfirmMeetingSeriesRequest& request) {
  api::FieldChecks checks;
  ConfirmSeriesCommand command;
  auto id = ParseSeriesName("name", request.name());
  if (id.ok()) {
    command.series_id = *id;
  } else {
    checks.AddFrom(id.status());
  }
  if (!request.room().empty()) {
    auto room = ParseRoomName("room", request.room());
    if (room.ok()) {
      command.confirm.building_id = room->building_id;
      command.confirm.room_id = room->room_id;
    } else {
      checks.AddFrom(room.status());
    }
  }
  checks.RequestId("request_id", request.request_id());
  RETURN_IF_ERROR(checks.status());
  command.confirm.action = MeetingAction::kConfirm;
  command.confirm.method = "ConfirmMeetingSeries";
  command.confirm.request_id = request.request_id();
  return command;
}

void ToProto(const MeetingSeriesRecord& series, v1::MeetingSeries* out) {
  out->set_name(absl::StrCat("meetingSeries/", series.id));
  auto* recurrence = out->mutable_recurrence();
  recurrence->set_frequency(ProtoOf(series.rule.frequency));
  recurrence->set_interval(series.rule.interval);
  for (absl::Weekday weekday : series.rule.weekdays) {
    recurrence->add_weekdays(static_cast<v1::Weekday>(IsoOf(weekday)));
  }
  if (series.rule.until.has_value()) {
    recurrence->mutable_until()->set_year(static_cast<int32_t>(series.rule.until->year()));
    recurrence->mutable_until()->set_month(series.rule.until->month());
    recurrence->mutable_until()->set_day(series.rule.until->day());
  }
  if (series.rule.count.has_value()) recurrence->set_count(*series.rule.count);
  recurrence->set_include_holidays(series.rule.include_holidays);
  for (const Meeting& meeting : series.meetings) {
    out->add_meetings(absl::StrCat("meetings/", meeting.id));
  }
}

void ToProto(const SkippedDay& skipped, v1::WorkingDay* out) {
  out->mutable_date()->set_year(static_cast<int32_t>(skipped.date.year()));
  out->mutable_date()->set_month(skipped.date.month());
  out->mutable_date()->set_day(skipped.date.day());
  out->set_working(false);
  out->set_kind(v1::DAY_KIND_HOLIDAY);
  out->set_holiday_name(skipped.holiday_name);
}

void ToProto(const OccurrenceResult& result, v1::OccurrenceResult* out) {
  out->set_meeting(absl::StrCat("meetings/", result.meeting_id));
  *out->mutable_start_time() = api::ToTimestamp(result.start);
  switch (result.outcome) {
    case OccurrenceOutcome::kConfirmed:
      out->set_outcome(v1::OCCURRENCE_OUTCOME_CONFIRMED);
      break;
    case OccurrenceOutcome::kAlreadyConfirmed:
      out->set_outcome(v1::OCCURRENCE_OUTCOME_ALREADY_CONFIRMED);
      break;
    case OccurrenceOutcome::kConflict:
      out->set_outcome(v1::OCCURRENCE_OUTCOME_CONFLICT);
      out->set_conflicting_meeting(result.conflicting_meeting);
      break;
    case OccurrenceOutcome::kNotConfirmable:
      out->set_outcome(v1::OCCURRENCE_OUTCOME_NOT_CONFIRMABLE);
      break;
    case OccurrenceOutcome::kRefused:
      out->set_outcome(v1::OCCURRENCE_OUTCOME_REFUSED);
      out->set_detail(result.detail);
      break;
  }
}

}  // namespace huiwu::booking
