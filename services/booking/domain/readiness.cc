#include "services/booking/domain/readiness.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/booking/domain/report_labels.h"

namespace huiwu::booking {
namespace {

// A peer's error text goes into a printed line: keep it to one short line, cut on a
// UTF-8 character boundary.
std::string ShortMessage(absl::string_view message) {
  constexpr size_t kMaxBytes = 120;
  if (message.size() <= kMaxBytes) return std::string(message);
  size_t cut = kMaxBytes;
  while (cut > 0 && (static_cast<unsigned char>(message[cut]) & 0xC0) == 0x80) --cut;
  return absl::StrCat(message.substr(0, cut), "…");
}

PartVerdict Ready() { return PartVerdict{Readiness::kReady, ""}; }
PartVerdict NotReady(std::string detail) {
  return PartVerdict{Readiness::kNotReady, std::move(detail)};
}

}  // namespace

absl::string_view PeerServiceLabel(PeerService service) {
  switch (service) {
    case PeerService::kStaffing:
      return "人员服务 (staffing)";
    case PeerService::kInventory:
      return "物资服务 (inventory)";
    case PeerService::kSafety:
      return "安全服务 (safety)";
  }
  return "?";
}

PartVerdict UnknownVerdict(PeerService service, PeerFailure failure, absl::Duration deadline,
                           absl::string_view message) {
  const absl::string_view who = PeerServiceLabel(service);
  std::string detail;
  switch (failure) {
    case PeerFailure::kNotConfigured:
      detail = absl::StrCat(who, " 未配置地址，无法查询");
      break;
    case PeerFailure::kDeadline:
      detail = absl::StrCat(who, " 未在 ", absl::FormatDuration(deadline),
                            " 内应答 (DEADLINE_EXCEEDED)");
      break;
    case PeerFailure::kUnavailable:
      detail = absl::StrCat(who, " 不可用 (UNAVAILABLE)");
      break;
    case PeerFailure::kError:
      detail = absl::StrCat(who, " 返回错误");
      break;
    case PeerFailure::kNotSupported:
      detail = absl::StrCat(who, " 尚未提供此项信息");
      break;
  }
  if (!message.empty()) absl::StrAppend(&detail, ": ", ShortMessage(message));
  return PartVerdict{Readiness::kUnknown, std::move(detail)};
}

PartVerdict RoomVerdict(MeetingState state, bool has_room) {
  switch (state) {
    case MeetingState::kSubmitted:
      return NotReady(has_room ? "会议尚未确认，会议室未锁定" : "会议尚未确认，未指定会议室");
    case MeetingState::kRejected:
      return NotReady("会议已驳回，不占用会议室");
    case MeetingState::kCancelled:
      return NotReady("会议已取消，会议室已释放");
    case MeetingState::kConfirmed:
    case MeetingState::kInProgress:
    case MeetingState::kCompleted:
    case MeetingState::kArchived:
      break;
  }
  return OccupiesRoom(state) ? Ready() : NotReady("会议室未锁定");
}

std::optional<TimeWindow> ClearanceWindow(const Meeting& meeting) {
  if (!meeting.has_room()) return std::nullopt;
  if (meeting.occupancy.has_value()) return meeting.occupancy;
  return meeting.window;
}

PartVerdict ClearanceVerdict(const std::vector<std::string>& block_descriptions) {
  if (block_descriptions.empty()) return Ready();
  return NotReady(absl::StrCat("会议室不可用: ", absl::StrJoin(block_descriptions, "；")));
}

PartVerdict NoRoomToClear() { return NotReady("未指定会议室，无法进行安全核查"); }

std::vector<RoleNeed> CountRoles(const std::vector<std::pair<std::string, int>>& required,
                                 const std::vector<std::string>& assigned_roles) {
  std::vector<RoleNeed> roles;
  for (const auto& [role, count] : required) roles.push_back(RoleNeed{role, count, 0});
  for (const std::string& role : assigned_roles) {
    auto it = std::find_if(roles.begin(), roles.end(),
                           [&](const RoleNeed& need) { return need.role == role; });
    if (it == roles.end()) {
      roles.push_back(RoleNeed{role, 0, 1});
    } else {
      ++it->assigned;
    }
  }
  return roles;
}

PartVerdict StaffingVerdict(bool requirement_set, const std::vector<RoleNeed>& roles) {
  if (!requirement_set) return NotReady("尚未确定人员需求");
  std::vector<std::string> open;
  for (const RoleNeed& need : roles) {
    if (need.assigned < need.required) {
      open.push_back(absl::StrCat("缺 ", StaffRoleLabel(need.role), " ",
                                  need.required - need.assigned, " 人"));
    }
  }
  if (open.empty()) return Ready();
  return NotReady(absl::StrJoin(open, "，"));
}

PartVerdict SuppliesVerdict(bool kit_exists, bool kit_released,
                            const std::vector<SupplyNeed>& lines) {
  if (!kit_exists) return NotReady("尚未预留会议物资");
  if (kit_released) return NotReady("会议物资已释放");
  std::vector<std::string> short_lines;
  for (const SupplyNeed& line : lines) {
    if (line.reserved < line.needed) {
      short_lines.push_back(absl::StrCat(line.item_label, " 缺 ", line.needed - line.reserved));
    }
  }
  if (short_lines.empty()) return Ready();
  return NotReady(absl::StrCat("物资不足: ", absl::StrJoin(short_lines, "，")));
}

PartVerdict ServicesVerdict(const std::vector<std::pair<int, bool>>& kind_done) {
  std::vector<std::string> pending;
  for (const auto& [kind, done] : kind_done) {
    if (!done) pending.push_back(ServiceKindLabel(kind));
  }
  if (pending.empty()) return Ready();
  return NotReady(absl::StrCat("未落实: ", absl::StrJoin(pending, "、")));
}

PartVerdict InspectionVerdict(bool done) {
  return done ? Ready() : NotReady("会前安全检查尚未完成");
}

bool AllReady(std::initializer_list<Readiness> parts) {
  return std::all_of(parts.begin(), parts.end(),
                     [](Readiness part) { return part == Readiness::kReady; });
}

}  // namespace huiwu::booking
