#include "services/booking/domain/report_labels.h"

#include <array>
#include <utility>

namespace huiwu::booking {
namespace {

template <size_t N>
std::string Lookup(const std::array<std::pair<absl::string_view, absl::string_view>, N>& table,
                   absl::string_view key) {
  for (const auto& [name, label] : table) {
    if (name == key) return std::string(label);
  }
  return std::string(key);
}

}  // namespace

std::string ServiceKindLabel(int kind) {
  static constexpr std::array<absl::string_view, 7> kLabels = {
      "", "会标制作", "会场布置", "名牌打印", "花卉租摆", "礼仪服务", "茶水服务"};
  if (kind > 0 && kind < static_cast<int>(kLabels.size())) return std::string(kLabels[kind]);
  return "服务" + std::to_string(kind);
}

absl::string_view MeetingStateLabel(MeetingState state) {
  switch (state) {
    case MeetingState::kSubmitted:
      return "待确认";
    case MeetingState::kConfirmed:
      return "已确认";
    case MeetingState::kInProgress:
      return "进行中";
    case MeetingState::kCompleted:
      return "已结束";
    case MeetingState::kArchived:
      return "已归档";
    case MeetingState::kRejected:
      return "已驳回";
    case MeetingState::kCancelled:
      return "已取消";
  }
  return "?";
}

absl::string_view MeetingKindLabel(MeetingKind kind) {
  switch (kind) {
    case MeetingKind::kInternal:
      return "内部会议";
    case MeetingKind::kExternalExchange:
      return "对外交流";
    case MeetingKind::kTraining:
      return "培训";
    case MeetingKind::kSeminar:
      return "研讨会";
    case MeetingKind::kVipReception:
      return "贵宾接待";
    case MeetingKind::kVideoConference:
      return "视频会议";
  }
  return "?";
}

std::string StaffRoleLabel(absl::string_view role) {
  static constexpr std::array<std::pair<absl::string_view, absl::string_view>, 5> kLabels = {{
      {"SUPERVISOR", "主管"},
      {"LOBBY_MANAGER", "大堂经理"},
      {"INFORMATION_CLERK", "信息处理"},
      {"AUDIO_TECHNICIAN", "音控"},
      {"ATTENDANT", "会议服务员"},
  }};
  return Lookup(kLabels, role);
}

std::string KitStateLabel(absl::string_view state) {
  static constexpr std::array<std::pair<absl::string_view, absl::string_view>, 4> kLabels = {{
      {"RESERVED", "已预留"},
      {"ISSUED", "已发放"},
      {"SETTLED", "已结算"},
      {"RELEASED", "已释放"},
  }};
  return Lookup(kLabels, state);
}

std::string HazardSeverityLabel(absl::string_view severity) {
  static constexpr std::array<std::pair<absl::string_view, absl::string_view>, 4> kLabels = {{
      {"LOW", "一般"},
      {"MEDIUM", "较大"},
      {"HIGH", "重大"},
      {"CRITICAL", "特别重大"},
  }};
  return Lookup(kLabels, severity);
}

std::string EscalationLevelLabel(absl::string_view level) {
  static constexpr std::array<std::pair<absl::string_view, absl::string_view>, 3> kLabels = {{
      {"SECTION", "科室"},
      {"CENTER_LEADERSHIP", "中心领导"},
      {"SUPERVISING_AUTHORITY", "上级主管部门"},
  }};
  return Lookup(kLabels, level);
}

}  // namespace huiwu::booking
