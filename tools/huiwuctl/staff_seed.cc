// Names are drawn in a fixed order from common surnames and given names, so they are
// plausible and the same on every run. Everybody holds fire-safety training (消防培训);
// the supervisor, the lobby managers and a dozen attendants VIP etiquette; the audio
// technicians the audio console. Office hours for the supervisor and the clerks, long
// days for those who serve meetings, and every other attendant on Saturdays.
#include "tools/huiwuctl/staff_seed.h"

#include <array>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "common/time/center_zone.h"

namespace huiwu::ctl {
namespace {

namespace v1 = staffing::v1;

constexpr std::array<const char*, 20> kSurnames = {"王", "李", "张", "刘", "陈", "杨", "黄",
                                                   "赵", "吴", "周", "徐", "孙", "马", "朱",
                                                   "胡", "郭", "何", "高", "林", "罗"};
constexpr std::array<const char*, 23> kGivenNames = {"丽", "强", "静", "伟", "敏", "磊", "芳", "洋",
                                                     "娟", "勇", "艳", "杰", "婷", "军", "霞", "涛",
                                                     "丹", "超", "萍", "鹏", "颖", "浩", "倩"};

struct Group {
  v1::Role role;
  const char* prefix;  // of the staff number and id
  const char* section;
  int count;
};

constexpr Group kGroups[] = {
    {v1::ROLE_SUPERVISOR, "S", "综合管理科", 1},
    {v1::ROLE_LOBBY_MANAGER, "L", "综合管理科", 3},
    {v1::ROLE_INFORMATION_CLERK, "I", "信息处理中心", 6},
    {v1::ROLE_AUDIO_TECHNICIAN, "AV", "音控室", 4},
    {v1::ROLE_ATTENDANT, "F", "会务服务科", 46},
};

constexpr int kVipAttendants = 12;

void AddQualification(v1::Staff& staff, v1::QualificationKind kind, int year, int month) {
  v1::Qualification* q = staff.add_qualifications();
  q->set_kind(kind);
  q->mutable_valid_until()->set_year(year);
  q->mutable_valid_until()->set_month(month);
  q->mutable_valid_until()->set_day(month == 6 ? 30 : 31);
}

std::vector<v1::Shift> Shifts(int weekdays_to, int from_minute, int to_minute) {
  std::vector<v1::Shift> shifts;
  for (int d = 1; d <= weekdays_to; ++d) {
    v1::Shift s;
    s.set_weekday(d);
    s.set_start_minute(from_minute);
    s.set_end_minute(to_minute);
    shifts.push_back(s);
  }
  return shifts;
}

std::vector<StaffSeed> Build() {
  // Certificates run to next year, counted from the day of the first load, so the demo
  // staff are qualified whenever it is tried (the same within a year: loads stay
  // idempotent).
  const int next_year = absl::ToCivilYear(absl::Now(), CenterTimeZone()).year() + 1;
  std::vector<StaffSeed> people;
  int n = 0;  // the person's place in the whole list: picks the name and phone
  for (const Group& group : kGroups) {
    for (int i = 1; i <= group.count; ++i, ++n) {
      StaffSeed seed;
      const std::string number = absl::StrFormat("%s-%03d", group.prefix, i);
      seed.staff_id = absl::AsciiStrToLower(number);
      v1::Staff& s = seed.staff;
      s.set_staff_number(number);
      // Surname and given name walk at different strides: no two people share a name.
      s.set_display_name(
          absl::StrCat(kSurnames[n % kSurnames.size()], kGivenNames[(n * 7) % kGivenNames.size()]));
      s.set_phone(absl::StrFormat("139%08d", 10270000 + n * 37));
      s.set_section(group.section);
      s.set_role(group.role);
      s.set_state(v1::STAFF_STATE_ACTIVE);
      AddQualification(s, v1::QUALIFICATION_KIND_FIRE_SAFETY, next_year, 6);
      const bool vip = group.role == v1::ROLE_SUPERVISOR || group.role == v1::ROLE_LOBBY_MANAGER ||
                       (group.role == v1::ROLE_ATTENDANT && i <= kVipAttendants);
      if (vip) AddQualification(s, v1::QUALIFICATION_KIND_VIP_ETIQUETTE, next_year, 12);
      if (group.role == v1::ROLE_AUDIO_TECHNICIAN) {
        AddQualification(s, v1::QUALIFICATION_KIND_AUDIO_CONSOLE, next_year, 12);
      }
      if (group.role == v1::ROLE_SUPERVISOR || group.role == v1::ROLE_INFORMATION_CLERK) {
        seed.shifts = Shifts(5, 8 * 60 + 30, 17 * 60 + 30);
      } else if (group.role == v1::ROLE_ATTENDANT && i % 2 == 0) {
        seed.shifts = Shifts(6, 7 * 60, 21 * 60);
      } else {
        seed.shifts = Shifts(5, 7 * 60, 21 * 60);
      }
      people.push_back(std::move(seed));
    }
  }
  return people;
}

}  // namespace

const std::vector<StaffSeed>& SeedStaff() {
  static const auto* const kStaff = new std::vector<StaffSeed>(Build());
  return *kStaff;
}

}  // namespace huiwu::ctl
