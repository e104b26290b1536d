// Kit template and kit requests.
#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "common/api/timestamp.h"
#include "common/status/status_macros.h"
#include "services/inventory/api/requests.h"

namespace huiwu::inventory {
namespace {

constexpr int kMaxDisplayName = 100;
constexpr int kMaxParticipants = 5000;
constexpr int kMaxLines = 50;
constexpr int64_t kMaxPerParticipant = 100;
constexpr int64_t kMaxFixed = 10'000;
constexpr int kMaxOrganizerUnit = 100;
constexpr int kMaxReason = 500;
// A meeting is at most a few days long; longer windows are typos.
constexpr absl::Duration kLongestMeeting = absl::Hours(24 * 7);

std::vector<ItemQuantity> CheckQuantities(
    api::FieldChecks& checks, absl::string_view field,
    const google::protobuf::RepeatedPtrField<v1::ItemQuantity>& values, int64_t min_quantity) {
  std::vector<ItemQuantity> result;
  if (values.size() > kMaxLines) {
    checks.Add(field, absl::StrCat("at most ", kMaxLines, " items"));
  }
  std::set<std::string> seen;
  for (int i = 0; i < values.size() && i < kMaxLines; ++i) {
    const std::string at = absl::StrCat(field, "[", i, "]");
    auto item = ParseItemName(checks, at + ".item", values[i].item());
    checks.Int(at + ".quantity", values[i].quantity(), min_quantity, kMaxQuantity);
    if (!item.has_value()) continue;
    if (!seen.insert(*item).second) checks.Add(at + ".item", "duplicate item; list each once");
    result.push_back({*item, values[i].quantity()});
  }
  std::sort(result.begin(), result.end(),
            [](const ItemQuantity& a, const ItemQuantity& b) { return a.item_id < b.item_id; });
  return result;
}

std::optional<std::string> ParseKit(api::FieldChecks& checks, const std::string& name) {
  return ParseKitName(checks, "name", name);
}

}  // namespace

absl::StatusOr<CreateKitTemplateCommand> ParseCreateKitTemplate(
    const v1::CreateKitTemplateRequest& request) {
  api::FieldChecks checks;
  checks.ResourceId("kit_template_id", request.kit_template_id());
  checks.RequestId("request_id", request.request_id());
  if (!request.has_kit_template()) {
    checks.Add("kit_template", "required");
    return checks.status();
  }
  const v1::KitTemplate& t = request.kit_template();
  CreateKitTemplateCommand command;
  KitTemplate& out = command.kit_template;
  checks.Text("kit_template.display_name", t.display_name(), 1, kMaxDisplayName);
  checks.Enum("kit_template.meeting_kind", t.meeting_kind(), v1::MeetingKind_IsValid,
              /*allow_unspecified=*/false);
  checks.Int("kit_template.min_participants", t.min_participants(), 0, kMaxParticipants);
  checks.Int("kit_template.max_participants", t.max_participants(),
             std::max(1, t.min_participants()), kMaxParticipants);
  if (t.lines_size() == 0 || t.lines_size() > kMaxLines) {
    checks.Add("kit_template.lines", absl::StrCat("give 1–", kMaxLines, " lines"));
  }
  std::set<std::string> seen;
  for (int i = 0; i < t.lines_size() && i < kMaxLines; ++i) {
    const std::string at = absl::StrCat("kit_template.lines[", i, "]");
    const v1::KitTemplateLine& line = t.lines(i);
    auto item = ParseItemName(checks, at + ".item", line.item());
    checks.Int(at + ".per_participant", line.per_participant(), 0, kMaxPerParticipant);
    checks.Int(at + ".fixed", line.fixed(), 0, kMaxFixed);
    if (line.per_participant() == 0 && line.fixed() == 0) {
      checks.Add(at + ".per_participant", "a line needs per_participant or fixed above 0");
    }
    if (!item.has_value()) continue;
    if (!seen.insert(*item).second) checks.Add(at + ".item", "duplicate item; list each once");
    out.lines.push_back({*item, line.per_participant(), line.fixed()});
  }
  RETURN_IF_ERROR(checks.status());
  out.id = request.kit_template_id();
  out.display_name = t.display_name();
  out.meeting_kind = static_cast<MeetingKind>(t.meeting_kind());
  out.min_participants = t.min_participants();
  out.max_participants = t.max_participants();
  command.request_id = request.request_id();
  return command;
}

absl::StatusOr<ReserveKitCommand> ParseReserveKit(const v1::ReserveKitRequest& request) {
  api::FieldChecks checks;
  ReserveKitCommand command;
  Kit& kit = command.kit;
  auto meeting = ParseMeetingName(checks, "meeting", request.meeting());
  checks.Enum("meeting_kind", request.meeting_kind(), v1::MeetingKind_IsValid,
              /*allow_unspecified=*/false);
  checks.Int("participant_count", request.participant_count(), 1, kMaxParticipants);
  auto room = ParseRoom(checks, "room", request.room());
  checks.Text("organizer_unit", request.organizer_unit(), 0, kMaxOrganizerUnit);
  const auto start = checks.Time("start_time", request.has_start_time(), request.start_time());
  const auto end = checks.Time("end_time", request.has_end_time(), request.end_time());
  if (start.has_value()) kit.start_time = *start;
  if (end.has_value()) kit.end_time = *end;
  if (start.has_value() && end.has_value() &&
      (kit.end_time <= kit.start_time || kit.end_time - kit.start_time > kLongestMeeting)) {
    checks.Add("end_time", "must be after start_time, within 7 days");
  }
  if (!request.source_location().empty()) {
    auto source = ParseLocation(checks, "source_location", request.source_location());
    if (source.has_value()) kit.source_location = *source;
  }
  if (!request.kit_template().empty()) {
    auto t = ParseKitTemplateName(checks, "kit_template", request.kit_template());
    if (t.has_value()) kit.template_id = *t;
    if (request.lines_size() > 0) {
      checks.Add("lines", "give either kit_template or lines, not both");
    }
  }
  command.lines = CheckQuantities(checks, "lines", request.lines(), 1);
  checks.RequestId("request_id", request.request_id());
  RETURN_IF_ERROR(checks.status());
  kit.meeting_id = *meeting;
  kit.meeting_kind = static_cast<MeetingKind>(request.meeting_kind());
  kit.participant_count = request.participant_count();
  kit.room = room->name();
  kit.organizer_unit = request.organizer_unit();
  // The room's own cabinet first: what is already in the room need not be carried.
  if (kit.source_location.empty()) kit.source_location = kit.room;
  command.request_id = request.request_id();
  return command;
}

absl::StatusOr<std::string> ParseGetMeetingKit(const v1::GetMeetingKitRequest& request) {
  api::FieldChecks checks;
  auto id = ParseKit(checks, request.name());
  RETURN_IF_ERROR(checks.status());
  return *id;
}

absl::StatusOr<KitStepCommand> ParseIssueKit(const v1::IssueKitRequest& request) {
  api::FieldChecks checks;
  auto id = ParseKit(checks, request.name());
  CheckEtagField(checks, "etag", request.etag());
  RETURN_IF_ERROR(checks.status());
  KitStepCommand command;
  command.meeting_id = *id;
  command.etag = request.etag();
  return command;
}

absl::StatusOr<KitStepCommand> ParseSettleKit(const v1::SettleKitRequest& request) {
  api::FieldChecks checks;
  auto id = ParseKit(checks, request.name());
  KitStepCommand command;
  command.consumed = CheckQuantities(checks, "consumed", request.consumed(), 0);
  CheckEtagField(checks, "etag", request.etag());
  RETURN_IF_ERROR(checks.status());
  command.meeting_id = *id;
  command.etag = request.etag();
  return command;
}

absl::StatusOr<KitStepCommand> ParseReleaseKit(const v1::ReleaseKitRequest& request) {
  api::FieldChecks checks;
  auto id = ParseKit(checks, request.name());
  checks.Text("reason", request.reason(), 0, kMaxReason);
  RETURN_IF_ERROR(checks.status());
  KitStepCommand command;
  command.meeting_id = *id;
  command.reason = request.reason();
  return command;
}

}  // namespace huiwu::inventory
