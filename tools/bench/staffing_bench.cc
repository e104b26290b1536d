#include "tools/bench/staffing_bench.h"

#include <algorithm>
#include <utility>

#include "absl/memory/memory.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "common/api/timestamp.h"
#include "common/time/center_zone.h"
#include "services/staffing/staffing_spec.h"
#include "tools/bench/in_process.h"

namespace huiwu::bench {
namespace {

namespace v1 = staffing::v1;

// The property-service staffing plan (DESIGN §1): 1 supervisor, 3 lobby managers, 6
// information clerks, 4 audio technicians, 46 attendants.
constexpr struct {
  v1::Role role;
  int count;
} kPlan[] = {{v1::ROLE_SUPERVISOR, 1},
             {v1::ROLE_LOBBY_MANAGER, 3},
             {v1::ROLE_INFORMATION_CLERK, 6},
             {v1::ROLE_AUDIO_TECHNICIAN, 4},
             {v1::ROLE_ATTENDANT, 46}};
constexpr int kAttendants = 46;
// AssignStaff's meetings come 16 at a time: 16 concurrent calls go to 16 meetings.
constexpr int kChunk = 16;
constexpr int64_t kPairsPerChunk = int64_t{kChunk} * kAttendants;
// Two-hour slots from 08:00 to 18:00: with 30 minutes before and 15 after, every duty
// window lies inside the 07:00–20:00 shifts.
constexpr int kSlotsPerDay = 6;

}  // namespace

absl::StatusOr<std::unique_ptr<StaffingBench>> StaffingBench::Start(
    const config::ServerConfig& server, const std::string& prefix) {
  auto bench = absl::WrapUnique(new StaffingBench());
  const std::string database = absl::StrCat(prefix, "_staffing");
  const absl::Status dropped = DropDatabases(server.database, {database});
  if (!dropped.ok()) return dropped;
  auto host = server::ServiceHost::Start(staffing::StaffingServiceSpec(bench->clock_),
                                         InProcessConfig(server, database), absl::Seconds(30));
  if (!host.ok()) return host.status();
  bench->host_ = std::move(*host);
  bench->stub_ = v1::StaffingService::NewStub(LoopbackChannel(bench->host_->grpc_port()));
  // The first Monday two days or more ahead: the slots run over working days from it.
  absl::CivilDay day = absl::ToCivilDay(absl::Now(), CenterTimeZone()) + 2;
  while (absl::GetWeekday(day) != absl::Weekday::monday) ++day;
  bench->first_monday_ = day;
  const absl::Status seeded = bench->SeedStaff();
  if (!seeded.ok()) return seeded;
  return bench;
}

StaffingBench::~StaffingBench() { Shutdown(); }

void StaffingBench::Shutdown() {
  if (host_ != nullptr) host_->Shutdown(absl::Seconds(2));
}

absl::Status StaffingBench::SeedStaff() {
  // Valid past the last slot a full run reaches (a few thousand slots, six a working day).
  const absl::CivilDay valid_until = absl::ToCivilDay(absl::Now(), CenterTimeZone()) + 5 * 365;
  int number = 0;
  for (const auto& [role, count] : kPlan) {
    for (int i = 0; i < count; ++i) {
      ++number;
      v1::CreateStaffRequest create;
      create.set_staff_id(absl::StrFormat("f-%03d", number));
      v1::Staff* staff = create.mutable_staff();
      staff->set_staff_number(absl::StrFormat("F-%03d", number));
      staff->set_display_name(absl::StrCat("员工", number));
      staff->set_phone("13800000000");
      staff->set_section("会务服务科");
      staff->set_role(role);
      std::vector<v1::QualificationKind> kinds = {v1::QUALIFICATION_KIND_FIRE_SAFETY};
      if (role == v1::ROLE_AUDIO_TECHNICIAN) kinds.push_back(v1::QUALIFICATION_KIND_AUDIO_CONSOLE);
      if (role == v1::ROLE_LOBBY_MANAGER) kinds.push_back(v1::QUALIFICATION_KIND_VIP_ETIQUETTE);
      for (v1::QualificationKind kind : kinds) {
        v1::Qualification* qualification = staff->add_qualifications();
        qualification->set_kind(kind);
        qualification->mutable_valid_until()->set_year(static_cast<int32_t>(valid_until.year()));
        qualification->mutable_valid_until()->set_month(valid_until.month());
        qualification->mutable_valid_until()->set_day(valid_until.day());
      }
      v1::CreateStaffResponse created;
      grpc::Status status = stub_->CreateStaff(CallContext().get(), create, &created);
      if (!status.ok()) return absl::InternalError("CreateStaff: " + status.error_message());
      v1::SetShiftPatternRequest shifts;
      shifts.set_staff(created.staff().name());
      for (int weekday = 1; weekday <= 5; ++weekday) {
        v1::Shift* shift = shifts.add_shifts();
        shift->set_weekday(weekday);
        shift->set_start_minute(7 * 60);
        shift->set_end_minute(20 * 60);
      }
      v1::SetShiftPatternResponse set;
      status = stub_->SetShiftPattern(CallContext().get(), shifts, &set);
      if (!status.ok()) return absl::InternalError("SetShiftPattern: " + status.error_message());
      if (role == v1::ROLE_ATTENDANT) attendants_.push_back(created.staff().name());
    }
  }
  return absl::OkStatus();
}

absl::Status StaffingBench::SetRequirement(const std::string& meeting_id, int attendants) {
  const int64_t slot = next_slot_.fetch_add(1);
  const int64_t working_day = slot / kSlotsPerDay;
  const absl::CivilDay day = first_monday_ + 7 * (working_day / 5) + working_day % 5;
  const absl::Time start =
      absl::FromCivil(absl::CivilHour(day) + 8 + 2 * (slot % kSlotsPerDay), CenterTimeZone());
  v1::SetStaffingRequirementRequest request;
  v1::StaffingRequirement* requirement = request.mutable_requirement();
  requirement->set_meeting(absl::StrCat("meetings/", meeting_id));
  *requirement->mutable_start_time() = api::ToTimestamp(start);
  *requirement->mutable_end_time() = api::ToTimestamp(start + absl::Hours(1));
  requirement->set_room(absl::StrCat("buildings/city-hall/rooms/r", slot % 10));
  requirement->set_participants(20);
  requirement->set_kind(v1::MEETING_KIND_INTERNAL);
  if (attendants > 0) {
    v1::RoleCount* count = requirement->add_role_counts();
    count->set_role(v1::ROLE_ATTENDANT);
    count->set_count(attendants);
  }
  v1::SetStaffingRequirementResponse response;
  const grpc::Status status =
      stub_->SetStaffingRequirement(CallContext().get(), request, &response);
  if (!status.ok()) return absl::InternalError("SetStaffingRequirement: " + status.error_message());
  return absl::OkStatus();
}

absl::Status StaffingBench::PrepareAssignments(int64_t calls) {
  while (assignments_left() < calls) {
    std::vector<std::string> chunk;
    for (int i = 0; i < kChunk; ++i) {
      const std::string id = absl::StrCat("assign-", next_slot_.load());
      const absl::Status set = SetRequirement(id, kAttendants);
      if (!set.ok()) return set;
      chunk.push_back(absl::StrCat("meetings/", id));
    }
    absl::MutexLock lock(&mu_);
    assign_meetings_.insert(assign_meetings_.end(), chunk.begin(), chunk.end());
  }
  return absl::OkStatus();
}

int64_t StaffingBench::assignments_left() const {
  absl::MutexLock lock(&mu_);
  const int64_t pairs = static_cast<int64_t>(assign_meetings_.size()) * kAttendants;
  return std::max<int64_t>(0, pairs - next_assignment_.load());
}

CallFn StaffingBench::AssignStaff() {
  return [this](int, int64_t, std::string* label) {
    const int64_t k = next_assignment_.fetch_add(1);
    // Pair k: in its chunk, meeting j % 16 with attendant (j % 16 + j / 16) % 46 — every
    // (meeting, attendant) of the chunk once, consecutive calls on different meetings and
    // different people.
    const int64_t j = k % kPairsPerChunk;
    v1::AssignStaffRequest request;
    {
      absl::MutexLock lock(&mu_);
      const int64_t meeting = k / kPairsPerChunk * kChunk + j % kChunk;
      if (meeting >= static_cast<int64_t>(assign_meetings_.size())) {
        *label = "bench ran out of meetings to staff";
        return grpc::Status(grpc::StatusCode::CANCELLED, "no pair left");
      }
      request.set_meeting(assign_meetings_[meeting]);
    }
    request.set_staff(attendants_[(j % kChunk + j / kChunk) % kAttendants]);
    v1::AssignStaffResponse response;
    return Labelled(stub_->AssignStaff(CallContext().get(), request, &response), label);
  };
}

absl::Status StaffingBench::PrepareAutoAssign(int64_t calls) {
  while (auto_assign_left() < calls) {
    const std::string id = absl::StrCat("auto-", next_slot_.load());
    const absl::Status set = SetRequirement(id, 0);
    if (!set.ok()) return set;
    absl::MutexLock lock(&mu_);
    auto_meetings_.push_back(absl::StrCat("meetings/", id));
  }
  return absl::OkStatus();
}

int64_t StaffingBench::auto_assign_left() const {
  absl::MutexLock lock(&mu_);
  return std::max<int64_t>(0, static_cast<int64_t>(auto_meetings_.size()) - next_auto_.load());
}

CallFn StaffingBench::AutoAssign() {
  return [this](int, int64_t, std::string* label) {
    const int64_t k = next_auto_.fetch_add(1);
    v1::AutoAssignRequest request;
    {
      absl::MutexLock lock(&mu_);
      if (k >= static_cast<int64_t>(auto_meetings_.size())) {
        *label = "bench ran out of meetings to staff";
        return grpc::Status(grpc::StatusCode::CANCELLED, "no requirement left");
      }
      request.set_meeting(auto_meetings_[k]);
    }
    v1::AutoAssignResponse response;
    const grpc::Status status = stub_->AutoAssign(CallContext().get(), request, &response);
    if (status.ok() && response.shortfall_size() > 0) shortfalls_.fetch_add(1);
    return Labelled(status, label);
  };
}

}  // namespace huiwu::bench
