#include "services/staffing/api/staff_requests.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/api/date.h"
#include "common/api/etag.h"
#include "common/api/field_checks.h"
#include "common/api/page_token.h"
#include "common/api/resource_name.h"
#include "common/api/timestamp.h"
#include "common/status/status_macros.h"
#include "services/staffing/api/request_util.h"

namespace huiwu::staffing {
namespace {

constexpr char kStaffPattern[] = "staff/{staff}";
constexpr char kLeavePattern[] = "staff/{staff}/leaves/{leave}";
constexpr int kMaxQualifications = 10;
constexpr int kMaxShifts = 28;
constexpr int kMinutesPerDay = 24 * 60;

bool IsStaffNumber(absl::string_view number) {
  if (number.empty() || number.size() > 20) return false;
  return std::all_of(number.begin(), number.end(),
                     [](char c) { return absl::ascii_isalnum(c) || c == '-'; });
}

bool IsPhone(absl::string_view phone) {
  return std::all_of(phone.begin(), phone.end(), [](char c) {
    return absl::ascii_isdigit(c) || c == '+' || c == '-' || c == ' ';
  });
}

void CheckDisplayName(api::FieldChecks& checks, const std::string& prefix, const v1::Staff& s) {
  checks.Text(prefix + "display_name", s.display_name(), 1, 50);
}
void CheckPhone(api::FieldChecks& checks, const std::string& prefix, const v1::Staff& s) {
  checks.Text(prefix + "phone", s.phone(), 3, 30);
  if (!IsPhone(s.phone())) checks.Add(prefix + "phone", "only digits, '+', '-' and spaces");
}
void CheckSection(api::FieldChecks& checks, const std::string& prefix, const v1::Staff& s) {
  checks.Text(prefix + "section", s.section(), 1, 50);
}

std::vector<Qualification> CheckQualifications(api::FieldChecks& checks, const std::string& prefix,
                                               const v1::Staff& s) {
  std::vector<Qualification> result;
  if (s.qualifications_size() > kMaxQualifications) {
    checks.Add(prefix + "qualifications", absl::StrCat("at most ", kMaxQualifications));
    return result;
  }
  std::set<int> kinds;
  for (int i = 0; i < s.qualifications_size(); ++i) {
    const v1::Qualification& q = s.qualifications(i);
    const std::string field = absl::StrCat(prefix, "qualifications[", i, "]");
    checks.Enum(field + ".kind", q.kind(), v1::QualificationKind_IsValid, false);
    std::optional<absl::CivilDay> until =
        api::ParseDate(checks, field + ".valid_until", q.valid_until());
    if (!kinds.insert(q.kind()).second) checks.Add(field + ".kind", "given twice; one per kind");
    if (v1::QualificationKind_IsValid(q.kind()) && q.kind() != 0 && until.has_value()) {
      result.push_back(Qualification{static_cast<QualificationKind>(q.kind()), *until});
    }
  }
  return result;
}

const absl::flat_hash_map<std::string, StaffField>& StaffMaskPaths() {
  static const auto* paths = new absl::flat_hash_map<std::string, StaffField>{
      {"display_name", StaffField::kDisplayName},
      {"phone", StaffField::kPhone},
      {"section", StaffField::kSection},
      {"role", StaffField::kRole},
      {"qualifications", StaffField::kQualifications},
      {"state", StaffField::kState},
  };
  return *paths;
}

}  // namespace

absl::StatusOr<std::string> ParseStaffName(absl::string_view field, absl::string_view name) {
  ASSIGN_OR_RETURN(std::vector<std::string> ids,
                   api::ParseResourceName(field, name, kStaffPattern));
  return ids[0];
}

absl::StatusOr<CreateStaffCommand> ParseCreateStaff(const v1::CreateStaffRequest& request) {
  api::FieldChecks checks;
  CreateStaffCommand command;
  checks.ResourceId("staff_id", request.staff_id());
  checks.RequestId("request_id", request.request_id());
  const v1::Staff& s = request.staff();
  if (!IsStaffNumber(s.staff_number())) {
    checks.Add("staff.staff_number", "required; 1–20 of A-Z, a-z, 0-9 and '-'");
  }
  CheckDisplayName(checks, "staff.", s);
  CheckPhone(checks, "staff.", s);
  CheckSection(checks, "staff.", s);
  std::optional<Role> role = RequiredRole(checks, "staff.role", s.role());
  command.staff.qualifications = CheckQualifications(checks, "staff.", s);
  checks.Enum("staff.state", s.state(), v1::StaffState_IsValid, /*allow_unspecified=*/true);
  RETURN_IF_ERROR(checks.status());
  command.staff.id = request.staff_id();
  command.staff.staff_number = s.staff_number();
  command.staff.display_name = s.display_name();
  command.staff.phone = s.phone();
  command.staff.section = s.section();
  command.staff.role = *role;
  command.staff.state = s.state() == 0 ? StaffState::kActive : static_cast<StaffState>(s.state());
  command.request_id = request.request_id();
  return command;
}

absl::StatusOr<UpdateStaffCommand> ParseUpdateStaff(const v1::UpdateStaffRequest& request) {
  api::FieldChecks checks;
  UpdateStaffCommand command;
  command.staff_id = OneId(checks, "staff.name", request.staff().name(), kStaffPattern);
  command.etag = request.staff().etag();
  const auto& paths = request.update_mask().paths();
  if (paths.empty() || (paths.size() == 1 && paths[0] == "*")) {
    for (const auto& [path, field] : StaffMaskPaths()) command.fields.insert(field);
  } else {
    for (int i = 0; i < paths.size(); ++i) {
      auto it = StaffMaskPaths().find(paths[i]);
      if (it == StaffMaskPaths().end()) {
        checks.Add(absl::StrCat("update_mask.paths[", i, "]"),
                   absl::StrCat("unknown or immutable field \"", paths[i],
                                "\"; use display_name, phone, section, role, qualifications "
                                "or state"));
      } else {
        command.fields.insert(it->second);
      }
    }
  }
  const v1::Staff& s = request.staff();
  const auto has = [&](StaffField f) { return command.fields.count(f) > 0; };
  if (has(StaffField::kDisplayName)) CheckDisplayName(checks, "staff.", s);
  if (has(StaffField::kPhone)) CheckPhone(checks, "staff.", s);
  if (has(StaffField::kSection)) CheckSection(checks, "staff.", s);
  std::optional<Role> role;
  if (has(StaffField::kRole)) role = RequiredRole(checks, "staff.role", s.role());
  if (has(StaffField::kQualifications)) {
    command.patch.qualifications = CheckQualifications(checks, "staff.", s);
  }
  if (has(StaffField::kState)) {
    checks.Enum("staff.state", s.state(), v1::StaffState_IsValid, /*allow_unspecified=*/false);
  }
  RETURN_IF_ERROR(checks.status());
  command.patch.display_name = s.display_name();
  command.patch.phone = s.phone();
  command.patch.section = s.section();
  if (role.has_value()) command.patch.role = *role;
  if (has(StaffField::kState)) command.patch.state = static_cast<StaffState>(s.state());
  return command;
}

void ApplyStaffUpdate(const UpdateStaffCommand& command, Staff& staff) {
  for (StaffField f : command.fields) {
    switch (f) {
      case StaffField::kDisplayName:
        staff.display_name = command.patch.display_name;
        break;
      case StaffField::kPhone:
        staff.phone = command.patch.phone;
        break;
      case StaffField::kSection:
        staff.section = command.patch.section;
        break;
      case StaffField::kRole:
        staff.role = command.patch.role;
        break;
      case StaffField::kQualifications:
        staff.qualifications = command.patch.qualifications;
        break;
      case StaffField::kState:
        staff.state = command.patch.state;
        break;
    }
  }
}

absl::StatusOr<ListStaffQuery> ParseListStaff(const v1::ListStaffRequest& request) {
  api::FieldChecks checks;
  ListStaffQuery query;
  query.page_size =
      checks.PageSize("page_size", request.page_size(), kDefaultPageSize, kMaxPageSize);
  query.filter.role = OptionalRole(checks, "role", request.role());
  checks.Text("section", request.section(), 0, 50);
  query.filter.section = request.section();
  checks.Enum("state", request.state(), v1::StaffState_IsValid, /*allow_unspecified=*/true);
  if (v1::StaffState_IsValid(request.state()) && request.state() != 0) {
    query.filter.state = static_cast<StaffState>(request.state());
  }
  RETURN_IF_ERROR(checks.status());
  query.filter_text =
      absl::StrCat("staff|", request.role(), "|", request.section(), "|", request.state());
  ASSIGN_OR_RETURN(std::vector<std::string> after,
                   api::DecodePageToken("page_token", request.page_token(), query.filter_text, 1));
  if (!after.empty()) query.after_number = after[0];
  return query;
}

std::string NextStaffPageToken(const ListStaffQuery& query, const Staff& last) {
  return api::EncodePageToken(query.filter_text, {last.staff_number});
}

absl::StatusOr<RequestLeaveCommand> ParseRequestLeave(const v1::RequestLeaveRequest& request) {
  api::FieldChecks checks;
  RequestLeaveCommand command;
  command.leave.staff_id = OneId(checks, "parent", request.parent(), kStaffPattern);
  const v1::Leave& leave = request.leave();
  auto start = checks.Time("leave.start_time", leave.has_start_time(), leave.start_time());
  auto end = checks.Time("leave.end_time", leave.has_end_time(), leave.end_time());
  if (start.has_value() && end.has_value()) {
    if (*end <= *start) {
      checks.Add("leave.end_time", "must be after leave.start_time");
    } else if (*end - *start > kLongestLeave) {
      checks.Add("leave.end_time", "at most 90 days after leave.start_time; request it in parts");
    }
  }
  checks.Text("leave.reason", leave.reason(), 1, 500);
  checks.RequestId("request_id", request.request_id());
  RETURN_IF_ERROR(checks.status());
  command.leave.window = TimeWindow{*start, *end};
  command.leave.reason = leave.reason();
  command.request_id = request.request_id();
  return command;
}

namespace {

DecideLeaveCommand ParseDecision(api::FieldChecks& checks, const std::string& name,
                                 const std::string& approver) {
  DecideLeaveCommand command;
  auto ids = api::ParseResourceName("name", name, kLeavePattern);
  if (!ids.ok()) {
    checks.AddFrom(ids.status());
  } else {
    command.staff_id = (*ids)[0];
    command.leave_id = (*ids)[1];
  }
  checks.Text("approver", approver, 1, 50);
  command.approver = approver;
  return command;
}

}  // namespace

absl::StatusOr<DecideLeaveCommand> ParseApproveLeave(const v1::ApproveLeaveRequest& request) {
  api::FieldChecks checks;
  DecideLeaveCommand command = ParseDecision(checks, request.name(), request.approver());
  RETURN_IF_ERROR(checks.status());
  return command;
}

absl::StatusOr<DecideLeaveCommand> ParseRejectLeave(const v1::RejectLeaveRequest& request) {
  api::FieldChecks checks;
  DecideLeaveCommand command = ParseDecision(checks, request.name(), request.approver());
  checks.Text("note", request.note(), 0, 500);
  command.note = request.note();
  RETURN_IF_ERROR(checks.status());
  return command;
}

absl::StatusOr<ListLeaveQuery> ParseListLeave(const v1::ListLeaveRequest& request) {
  api::FieldChecks checks;
  ListLeaveQuery query;
  const std::string staff = OneId(checks, "parent", request.parent(), kStaffPattern, true);
  if (staff != "-") query.filter.staff_id = staff;
  query.page_size =
      checks.PageSize("page_size", request.page_size(), kDefaultPageSize, kMaxPageSize);
  checks.Enum("state", request.state(), v1::LeaveState_IsValid, /*allow_unspecified=*/true);
  if (v1::LeaveState_IsValid(request.state()) && request.state() != 0) {
    query.filter.state = static_cast<LeaveState>(request.state());
  }
  RETURN_IF_ERROR(checks.status());
  query.filter_text = absl::StrCat("leave|", request.parent(), "|", request.state());
  ASSIGN_OR_RETURN(std::vector<std::string> after,
                   api::DecodePageToken("page_token", request.page_token(), query.filter_text, 2));
  if (!after.empty()) {
    int64_t micros = 0;
    if (!absl::SimpleAtoi(after[0], &micros)) {
      return InvalidFieldError("page_token", "not a token of this list; start without one");
    }
    query.after = TimeKey{absl::FromUnixMicros(micros), after[1]};
  }
  return query;
}

std::string NextLeavePageToken(const ListLeaveQuery& query, const Leave& last) {
  return api::EncodePageToken(query.filter_text,
                              {absl::StrCat(absl::ToUnixMicros(last.window.start)), last.id});
}

absl::StatusOr<SetShiftPatternCommand> ParseSetShiftPattern(
    const v1::SetShiftPatternRequest& request) {
  api::FieldChecks checks;
  SetShiftPatternCommand command;
  command.staff_id = OneId(checks, "staff", request.staff(), kStaffPattern);
  if (request.shifts_size() > kMaxShifts) {
    checks.Add("shifts", absl::StrCat("at most ", kMaxShifts, " shifts"));
  } else {
    for (int i = 0; i < request.shifts_size(); ++i) {
      const v1::Shift& s = request.shifts(i);
      const std::string field = absl::StrCat("shifts[", i, "]");
      checks.Int(field + ".weekday", s.weekday(), 1, 7);
      checks.Int(field + ".start_minute", s.start_minute(), 0, kMinutesPerDay - 1);
      checks.Int(field + ".end_minute", s.end_minute(), 1, kMinutesPerDay);
      if (s.end_minute() <= s.start_minute()) {
        checks.Add(field + ".end_minute", "must be after start_minute");
        continue;
      }
      for (const Shift& earlier : command.shifts) {
        if (earlier.weekday == s.weekday() && earlier.start_minute < s.end_minute() &&
            s.start_minute() < earlier.end_minute) {
          checks.Add(field, "overlaps another shift of the same weekday; merge them");
        }
      }
      command.shifts.push_back(Shift{s.weekday(), s.start_minute(), s.end_minute()});
    }
  }
  RETURN_IF_ERROR(checks.status());
  return command;
}

absl::StatusOr<OnCallSlot> ParseSetOnCall(const v1::SetOnCallRequest& request) {
  api::FieldChecks checks;
  OnCallSlot slot;
  const v1::OnCallSlot& s = request.slot();
  slot.staff_id = OneId(checks, "slot.staff", s.staff(), kStaffPattern);
  std::optional<Role> role = RequiredRole(checks, "slot.role", s.role());
  auto start = checks.Time("slot.start_time", s.has_start_time(), s.start_time());
  auto end = checks.Time("slot.end_time", s.has_end_time(), s.end_time());
  if (start.has_value() && end.has_value()) {
    if (*end <= *start) {
      checks.Add("slot.end_time", "must be after slot.start_time");
    } else if (*end - *start > kLongestOnCall) {
      checks.Add("slot.end_time", "at most 31 days after slot.start_time; set it in parts");
    }
  }
  RETURN_IF_ERROR(checks.status());
  slot.role = *role;
  slot.window = TimeWindow{*start, *end};
  return slot;
}

absl::StatusOr<GetOnCallQuery> ParseGetOnCall(const v1::GetOnCallRequest& request, absl::Time now) {
  api::FieldChecks checks;
  GetOnCallQuery query;
  std::optional<Role> role = RequiredRole(checks, "role", request.role());
  std::optional<absl::Time> at = now;
  if (request.has_time()) at = checks.Time("time", true, request.time());
  RETURN_IF_ERROR(checks.status());
  query.role = *role;
  query.at = *at;
  return query;
}

void ToProto(const Staff& staff, v1::Staff* out) {
  out->set_name(absl::StrCat("staff/", staff.id));
  out->set_staff_number(staff.staff_number);
  out->set_display_name(staff.display_name);
  out->set_phone(staff.phone);
  out->set_section(staff.section);
  out->set_role(static_cast<v1::Role>(staff.role));
  for (const Qualification& q : staff.qualifications) {
    v1::Qualification* p = out->add_qualifications();
    p->set_kind(static_cast<v1::QualificationKind>(q.kind));
    p->mutable_valid_until()->set_year(static_cast<int32_t>(q.valid_until.year()));
    p->mutable_valid_until()->set_month(q.valid_until.month());
    p->mutable_valid_until()->set_day(q.valid_until.day());
  }
  out->set_state(static_cast<v1::StaffState>(staff.state));
  out->set_etag(api::EtagOf(staff.version));
  *out->mutable_create_time() = api::ToTimestamp(staff.create_time);
  *out->mutable_update_time() = api::ToTimestamp(staff.update_time);
}

void ToProto(const Leave& leave, v1::Leave* out) {
  out->set_name(absl::StrCat("staff/", leave.staff_id, "/leaves/", leave.id));
  *out->mutable_start_time() = api::ToTimestamp(leave.window.start);
  *out->mutable_end_time() = api::ToTimestamp(leave.window.end);
  out->set_reason(leave.reason);
  out->set_state(static_cast<v1::LeaveState>(leave.state));
  out->set_approver(leave.approver);
  out->set_decision_note(leave.decision_note);
  *out->mutable_create_time() = api::ToTimestamp(leave.create_time);
  if (leave.decide_time != absl::InfinitePast()) {
    *out->mutable_decide_time() = api::ToTimestamp(leave.decide_time);
  }
}

void ToProto(const Shift& shift, v1::Shift* out) {
  out->set_weekday(shift.weekday);
  out->set_start_minute(shift.start_minute);
  out->set_end_minute(shift.end_minute);
}

void ToProto(const OnCallSlot& slot, v1::OnCallSlot* out) {
  out->set_staff(absl::StrCat("staff/", slot.staff_id));
  out->set_role(static_cast<v1::Role>(slot.role));
  *out->mutable_start_time() = api::ToTimestamp(slot.window.start);
  *out->mutable_end_time() = api::ToTimestamp(slot.window.end);
}

}  // namespace huiwu::staffing
