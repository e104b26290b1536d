#include "services/booking/holiday_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "common/log/log.h"
#include "common/status/errors.h"
#include "common/time/center_zone.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

#ifndef HUIWU_DEFAULT_HOLIDAYS_DIR
#define HUIWU_DEFAULT_HOLIDAYS_DIR "/usr/share/huiwu/holidays"
#endif

ABSL_FLAG(std::string, holidays_dir, HUIWU_DEFAULT_HOLIDAYS_DIR,
          "Folder of the public-holiday calendar, one <year>.json per year (holiday-cn "
          "layout); the default is the repository's services/booking/holidays, and "
          "/usr/share/huiwu/holidays in the container image. A year without a file is "
          "reported, never guessed.");

namespace huiwu::booking {
namespace {

namespace fs = std::filesystem;

// The State Council publishes next year's arrangement in November or early December;
// from this month on, a missing next year is a problem health reports.
constexpr int kNextYearDueMonth = 12;
using google::protobuf::Value;

absl::Status BadFile(absl::string_view file_name, absl::string_view problem) {
  return ErrorWithReason(absl::StatusCode::kInvalidArgument, "INVALID_HOLIDAY_CALENDAR",
                         absl::StrCat("holiday file ", file_name, ": ", problem,
                                      "; fix it to the holiday-cn layout {\"year\": N, \"days\": "
                                      "[{\"name\", \"date\": \"YYYY-MM-DD\", \"isOffDay\"}]}"),
                         {{"file", std::string(file_name)}});
}

// "2026.json" → 2026; nullopt for any other name.
std::optional<int> YearOfFileName(const std::string& name) {
  constexpr absl::string_view kSuffix = ".json";
  if (name.size() != 4 + kSuffix.size() || !absl::EndsWith(name, kSuffix)) return std::nullopt;
  int year = 0;
  if (!absl::SimpleAtoi(name.substr(0, 4), &year)) return std::nullopt;
  return year;
}

const Value* FieldOf(const google::protobuf::Struct& object, const std::string& key) {
  const auto it = object.fields().find(key);
  return it == object.fields().end() ? nullptr : &it->second;
}

}  // namespace

absl::StatusOr<WorkingCalendar> ParseHolidayFile(absl::string_view file_name,
                                                 absl::string_view json, int expected_year,
                                                 WorkingCalendar calendar) {
  google::protobuf::Struct root;
  const auto parsed = google::protobuf::util::JsonStringToMessage(std::string(json), &root);
  if (!parsed.ok()) {
    return BadFile(file_name,
                   absl::StrCat("not a JSON object (", parsed.message().as_string(), ")"));
  }
  const Value* year = FieldOf(root, "year");
  if (year == nullptr || year->kind_case() != Value::kNumberValue ||
      year->number_value() != expected_year) {
    return BadFile(file_name, absl::StrCat("\"year\" must be the number ", expected_year,
                                           ", the year of the file's name"));
  }
  const Value* days = FieldOf(root, "days");
  if (days == nullptr || days->kind_case() != Value::kListValue) {
    return BadFile(file_name, "\"days\" must be a list");
  }
  std::vector<ListedDay> listed;
  for (int i = 0; i < days->list_value().values_size(); ++i) {
    const Value& entry = days->list_value().values(i);
    const std::string where = absl::StrCat("days[", i, "]");
    if (entry.kind_case() != Value::kStructValue) {
      return BadFile(file_name, absl::StrCat(where, " must be an object"));
    }
    const Value* name = FieldOf(entry.struct_value(), "name");
    const Value* date = FieldOf(entry.struct_value(), "date");
    const Value* off = FieldOf(entry.struct_value(), "isOffDay");
    ListedDay day;
    if (name == nullptr || name->kind_case() != Value::kStringValue) {
      return BadFile(file_name, absl::StrCat(where, ".name must be a string"));
    }
    if (date == nullptr || date->kind_case() != Value::kStringValue ||
        date->string_value().size() != 10 ||
        !absl::ParseCivilTime(date->string_value(), &day.date)) {
      return BadFile(file_name, absl::StrCat(where, ".date must be a date \"YYYY-MM-DD\""));
    }
    if (off == nullptr || off->kind_case() != Value::kBoolValue) {
      return BadFile(file_name, absl::StrCat(where, ".isOffDay must be true or false"));
    }
    day.name = name->string_value();
    day.off_day = off->bool_value();
    listed.push_back(std::move(day));
  }
  const absl::Status added = calendar.AddYear(expected_year, listed);
  if (!added.ok()) return BadFile(file_name, added.message());
  return calendar;
}

absl::StatusOr<WorkingCalendar> LoadHolidayFiles(const std::string& dir) {
  std::error_code error;
  std::vector<std::pair<int, fs::path>> files;
  for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
    const std::optional<int> year = YearOfFileName(it->path().filename().string());
    if (year.has_value()) files.emplace_back(*year, it->path());
  }
  if (error) {
    return ErrorWithReason(
        absl::StatusCode::kInvalidArgument, "INVALID_HOLIDAY_CALENDAR",
        absl::StrCat("cannot read the holiday folder ", dir, " (", error.message(),
                     "); set --holidays_dir to the folder of <year>.json "
                     "files (services/booking/holidays)"),
        {{"folder", dir}});
  }
  std::sort(files.begin(), files.end());
  WorkingCalendar calendar;
  for (const auto& [year, path] : files) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    if (!in.good() && !in.eof()) return BadFile(path.string(), "cannot be read");
    absl::StatusOr<WorkingCalendar> parsed =
        ParseHolidayFile(path.string(), text.str(), year, std::move(calendar));
    if (!parsed.ok()) return parsed.status();
    calendar = *std::move(parsed);
  }
  return calendar;
}

absl::Status CheckCalendarCoversNearYears(const WorkingCalendar& calendar, absl::Time now) {
  const absl::CivilDay today = absl::ToCivilDay(now, CenterTimeZone());
  std::vector<absl::civil_year_t> needed = {today.year()};
  if (today.month() >= kNextYearDueMonth) needed.push_back(today.year() + 1);
  const std::vector<absl::civil_year_t> missing = calendar.MissingOf(needed);
  if (missing.empty()) return absl::OkStatus();
  return ErrorWithReason(
      absl::StatusCode::kFailedPrecondition, "WORKING_CALENDAR_YEAR_MISSING",
      absl::StrCat("no holiday file for ", absl::StrJoin(missing, " and "),
                   ": weekly and WORKDAYS series and GetWorkingDays reaching ",
                   missing.size() == 1 ? "it" : "them",
                   " are refused; add <year>.json to --holidays_dir from the State Council's "
                   "notice, and restart"),
      {{"year", absl::StrJoin(missing, ",")}});
}

absl::StatusOr<WorkingCalendar> CalendarFromFlags(absl::Time now) {
  const std::string dir = absl::GetFlag(FLAGS_holidays_dir);
  absl::StatusOr<WorkingCalendar> calendar = LoadHolidayFiles(dir);
  if (!calendar.ok()) return calendar.status();
  log::Info("working_calendar_loaded",
            {{"folder", dir}, {"years", absl::StrJoin(calendar->Years(), ",")}});
  const absl::civil_year_t year = absl::ToCivilDay(now, CenterTimeZone()).year();
  for (absl::civil_year_t missing : calendar->MissingOf({year, year + 1})) {
    log::Warning("working_calendar_year_missing",
                 {{"year", absl::StrCat(missing)},
                  {"message", absl::StrCat("no holiday file for ", missing,
                                           ": series and GetWorkingDays reaching it are "
                                           "refused until <year>.json is added to ",
                                           dir)}});
  }
  return calendar;
}

}  // namespace huiwu::booking
