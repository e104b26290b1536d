// Recurring inspections: the daily fire patrol, the patrol every 2 hours of a
// public-gathering venue while it is in use, the quarterly fire inspection (government
// units at least quarterly). A schedule's occurrences become inspection tasks, each due
// when the next one starts. Days and hours are the center's, Asia/Shanghai (UTC+8, no
// daylight saving time since 1991).
#ifndef HUIWU_SERVICES_SAFETY_DOMAIN_SCHEDULE_H_
#define HUIWU_SERVICES_SAFETY_DOMAIN_SCHEDULE_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/time/center_zone.h"
#include "services/safety/domain/place.h"

namespace huiwu::safety {

enum class Frequency { kDaily = 1, kEveryTwoHours, kWeekly, kQuarterly };

// How far ahead the generator creates tasks: a week's tasks are listed in advance.
inline constexpr absl::Duration kGenerationHorizon = absl::Hours(7 * 24);

struct InspectionSchedule {
  std::string id;
  std::string display_name;
  std::string template_id;
  Place place;
  Frequency frequency = Frequency::kDaily;
  absl::Time first_time;
  int active_start_hour = 0;  // kEveryTwoHours: local hours [start, end); 0, 0 = all day
  int active_end_hour = 0;
  bool mandatory = false;
  absl::Time generated_until;  // tasks exist for every occurrence before this
  absl::Time create_time;
};

struct TaskSlot {
  absl::Time start;
  absl::Time due;  // the next occurrence's start
};

// INVALID_ARGUMENT naming the field when the active hours are out of 0–24, reversed, or
// given for a frequency other than every two hours.
absl::Status CheckActiveHours(const InspectionSchedule& schedule, const std::string& field_prefix);

// The occurrences starting in [from, until), at most `limit`, each with its due time.
std::vector<TaskSlot> Occurrences(const InspectionSchedule& schedule, absl::Time from,
                                  absl::Time until, int limit);

}  // namespace huiwu::safety

#endif  // HUIWU_SERVICES_SAFETY_DOMAIN_SCHEDULE_H_
