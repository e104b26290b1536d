#include "services/booking/api/material_copy_requests.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "common/api/field_checks.h"
#include "common/api/resource_name.h"
#include "common/api/timestamp.h"
#include "common/status/status_macros.h"
#include "services/booking/api/meeting_requests.h"

namespace huiwu::booking {
namespace {

constexpr int kMaxPersonName = 50;
constexpr int kMaxUnit = 100;
constexpr int kMaxReason = 500;
constexpr char kCopyPattern[] = "meetings/{meeting}/materialCopies/{copy}";

// Parses `name` into `command`'s meeting and number, or records the violation.
void ParseCopyName(api::FieldChecks& checks, const std::string& name,
                   CloseMaterialCopyCommand& command) {
  absl::StatusOr<std::vector<std::string>> ids = api::ParseResourceName("name", name, kCopyPattern);
  if (!ids.ok()) {
    checks.AddFrom(ids.status());
    return;
  }
  command.meeting_id = (*ids)[0];
  command.number = (*ids)[1];
}

}  // namespace

absl::StatusOr<IssueMaterialCopyCommand> ParseIssueMaterialCopy(
    const v1::IssueMaterialCopyRequest& request) {
  api::FieldChecks checks;
  IssueMaterialCopyCommand command;
  absl::StatusOr<std::string> meeting = ParseMeetingName("parent", request.parent());
  if (meeting.ok()) {
    command.copy.meeting_id = *meeting;
  } else {
    checks.AddFrom(meeting.status());
  }
  const v1::MaterialCopy& in = request.material_copy();
  if (!request.has_material_copy()) {
    checks.Add("material_copy", "required: the copy's number and holder");
  } else {
    checks.ResourceId("material_copy.number", in.number());
    checks.Text("material_copy.holder", in.holder(), 1, kMaxPersonName);
    checks.Text("material_copy.holder_unit", in.holder_unit(), 0, kMaxUnit);
  }
  checks.RequestId("request_id", request.request_id());
  RETURN_IF_ERROR(checks.status());
  command.copy.number = in.number();
  command.copy.holder = in.holder();
  command.copy.holder_unit = in.holder_unit();
  command.request_id = request.request_id();
  return command;
}

absl::StatusOr<CloseMaterialCopyCommand> ParseRecoverMaterialCopy(
    const v1::RecoverMaterialCopyRequest& request) {
  api::FieldChecks checks;
  CloseMaterialCopyCommand command;
  ParseCopyName(checks, request.name(), command);
  RETURN_IF_ERROR(checks.status());
  return command;
}

absl::StatusOr<CloseMaterialCopyCommand> ParseWriteOffMaterialCopy(
    const v1::WriteOffMaterialCopyRequest& request) {
  api::FieldChecks checks;
  CloseMaterialCopyCommand command;
  ParseCopyName(checks, request.name(), command);
  // A write-off without a reason would leave the archive unable to say where the copy
  // went (保密文件: every copy accounted for).
  checks.Text("reason", request.reason(), 1, kMaxReason);
  RETURN_IF_ERROR(checks.status());
  command.reason = request.reason();
  return command;
}

absl::StatusOr<std::string> ParseListMaterialCopies(const v1::ListMaterialCopiesRequest& request) {
  return ParseMeetingName("parent", request.parent());
}

void ToProto(const MaterialCopy& copy, v1::MaterialCopy* out) {
  out->set_name(absl::StrCat("meetings/", copy.meeting_id, "/materialCopies/", copy.number));
  out->set_number(copy.number);
  out->set_holder(copy.holder);
  out->set_holder_unit(copy.holder_unit);
  out->set_state(static_cast<v1::MaterialCopyState>(static_cast<int>(copy.state)));
  out->set_write_off_reason(copy.write_off_reason);
  *out->mutable_issue_time() = api::ToTimestamp(copy.issue_time);
  if (copy.close_time.has_value()) *out->mutable_close_time() = api::ToTimestamp(*copy.close_time);
  out->set_issued_by(copy.issued_by);
  out->set_closed_by(copy.closed_by);
}

void ToProto(const MaterialCopyList& list, v1::ListMaterialCopiesResponse* out) {
  for (const MaterialCopy& copy : list.copies) ToProto(copy, out->add_material_copies());
  out->set_out_count(static_cast<int>(CopiesOut(list.copies).size()));
  out->set_confidential(list.confidential);
  out->set_organizer_unit(list.organizer_unit);
}

}  // namespace huiwu::booking
