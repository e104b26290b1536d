// The Chinese words the center's printed documents (每日服务通知, 每周业务简报) and readiness
// details use for the API's enum values. Unknown values print as given, never as a
// wrong word.
#ifndef HUIWU_SERVICES_BOOKING_DOMAIN_REPORT_LABELS_H_
#define HUIWU_SERVICES_BOOKING_DOMAIN_REPORT_LABELS_H_

#include <string>

#include "absl/strings/string_view.h"
#include "services/booking/domain/meeting_kind.h"
#include "services/booking/domain/meeting_state.h"

namespace huiwu::booking {

// ServiceKind numbers (1 = banner …): 会标制作, 会场布置, 名牌打印, 花卉租摆, 礼仪服务, 茶水服务.
std::string ServiceKindLabel(int kind);

// 待确认, 已确认, 进行中, 已结束, 已归档, 已驳回, 已取消.
absl::string_view MeetingStateLabel(MeetingState state);

// 内部会议, 对外交流, 培训, 研讨会, 贵宾接待, 视频会议.
absl::string_view MeetingKindLabel(MeetingKind kind);

// Staffing's roles without prefix ("ATTENDANT" → 会议服务员).
std::string StaffRoleLabel(absl::string_view role);

// Inventory's kit states without prefix ("RESERVED" → 已预留).
std::string KitStateLabel(absl::string_view state);

// Safety's hazard severities without prefix ("CRITICAL" → 重大).
std::string HazardSeverityLabel(absl::string_view severity);

// Safety's escalation levels without prefix ("CENTER_LEADERSHIP" → 中心领导).
std::string EscalationLevelLabel(absl::string_view level);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_DOMAIN_REPORT_LABELS_H_
