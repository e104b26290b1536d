#include "services/booking/api/meeting_requests.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/api/etag.h"
#include "common/api/resource_name.h"
#include "common/api/timestamp.h"
#include "common/status/errors.h"
#include "common/status/status_macros.h"
#include "services/booking/api/catalog_requests.h"

namespace huiwu::booking {
namespace {

constexpr int kMaxTitle = 200;
constexpr int kMaxUnit = 100;
constexpr int kMaxPersonName = 50;
constexpr int kMaxLongText = 2000;
constexpr int kMaxReason = 500;
constexpr int kMaxParticipants = 5000;
constexpr int kMaxAttendees = 1000;
constexpr int kMaxAgendaItems = 100;
constexpr int kMaxBufferMinutes = 720;
constexpr int64_t kMaxBudgetFen = 1'000'000'000'000;

std::string Path(absl::string_view prefix, absl::string_view field) {
  return prefix.empty() ? std::string(field) : absl::StrCat(prefix, ".", field);
}

bool IsPhone(absl::string_view phone) {
  for (char c : phone) {
    if (!(absl::ascii_isdigit(c) || c == ' ' || c == '+' || c == '-' || c == '(' || c == ')')) {
      return false;
    }
  }
  return true;
}

void CheckReason(api::FieldChecks& checks, const std::string& reason) {
  checks.Text("reason", reason, 1, kMaxReason);
}

absl::StatusOr<TransitionCommand> Transition(MeetingAction action, absl::string_view method,
                                             const std::string& name, const std::string& etag,
                                             const std::string& request_id,
                                             api::FieldChecks& checks) {
  TransitionCommand command;
  command.action = action;
  command.method = std::string(method);
  auto id = ParseMeetingName("name", name);
  if (!id.ok()) checks.AddFrom(id.status());
  if (etag.size() > 64) checks.Add("etag", "not an etag of this service; pass the meeting's etag");
  checks.RequestId("request_id", request_id);
  RETURN_IF_ERROR(checks.status());
  command.etag = etag;
  command.request_id = request_id;
  return command;
}

}  // namespace

absl::StatusOr<std::string> ParseMeetingName(absl::string_view field, absl::string_view name) {
  ASSIGN_OR_RETURN(std::vector<std::string> ids,
                   api::ParseResourceName(field, name, "meetings/{meeting}"));
  return ids[0];
}

absl::StatusOr<std::string> MeetingIdOf(absl::string_view name) {
  return ParseMeetingName("name", name);
}

RoomRequirements ParseRequirements(api::FieldChecks& checks, absl::string_view field,
                                   const v1::RoomRequirements& requirements) {
  RoomRequirements out;
  checks.Int(Path(field, "min_capacity"), requirements.min_capacity(), 0, kMaxParticipants);
  out.min_capacity = requirements.min_capacity();
  for (int i = 0; i < requirements.equipment_size(); ++i) {
    const std::string item = absl::StrCat(Path(field, "equipment"), "[", i, "]");
    checks.Enum(item, requirements.equipment(i), v1::Equipment_IsValid, false);
    if (!out.equipment.insert(requirements.equipment(i)).second) {
      checks.Add(item, "duplicate value; list each once");
    }
  }
  out.vip = requirements.vip();
  if (!requirements.preferred_building().empty()) {
    auto building =
        ParseBuildingName(Path(field, "preferred_building"), requirements.preferred_building());
    if (building.ok()) {
      out.preferred_building_id = *building;
    } else {
      checks.AddFrom(building.status());
    }
  }
  return out;
}

MeetingSummary ParseSummary(api::FieldChecks& checks, absl::string_view field,
                            const v1::MeetingSummary& summary) {
  checks.Int(Path(field, "actual_attendance"), summary.actual_attendance(), 0, kMaxParticipants);
  checks.Text(Path(field, "notes"), summary.notes(), 0, kMaxLongText);
  checks.Text(Path(field, "problems"), summary.problems(), 0, kMaxLongText);
  return MeetingSummary{summary.actual_attendance(), summary.notes(), summary.problems()};
}

void CheckMeetingDetails(api::FieldChecks& checks, const v1::Meeting& in, absl::string_view field,
                         uint32_t details, Meeting& m) {
  if (details & kMeetingTitle) {
    checks.Text(Path(field, "title"), in.title(), 1, kMaxTitle);
    m.title = in.title();
  }
  if (details & kMeetingKind) {
    checks.Enum(Path(field, "kind"), in.kind(), v1::MeetingKind_IsValid, false);
    m.kind = MeetingKindFromNumber(in.kind()).value_or(MeetingKind::kInternal);
  }
  if (details & kMeetingOrganizerUnit) {
    checks.Text(Path(field, "organizer_unit"), in.organizer_unit(), 1, kMaxUnit);
    m.organizer_unit = in.organizer_unit();
  }
  if (details & kMeetingContact) {
    if (!in.has_contact()) {
      checks.Add(Path(field, "contact"), "required: whom the dispatch hub calls");
    } else {
      checks.Text(Path(field, "contact.name"), in.contact().name(), 1, kMaxPersonName);
      checks.Text(Path(field, "contact.phone"), in.contact().phone(), 3, 30);
      if (!IsPhone(in.contact().phone())) {
        checks.Add(Path(field, "contact.phone"), "only digits, spaces and + - ( ) are allowed");
      }
      m.contact_name = in.contact().name();
      m.contact_phone = in.contact().phone();
    }
  }
  if (details & kMeetingRequirements) {
    m.requirements = ParseRequirements(checks, Path(field, "requirements"), in.requirements());
  }
  if (details & kMeetingExpectedParticipants) {
    checks.Int(Path(field, "expected_participants"), in.expected_participants(), 1,
               kMaxParticipants);
    m.expected_participants = in.expected_participants();
  }
  if (details & kMeetingAttendees) {
    m.attendees.clear();
    if (in.attendees_size() > kMaxAttendees) {
      checks.Add(Path(field, "attendees"), absl::StrCat("at most ", kMaxAttendees, " attendees"));
    }
    std::set<std::string> ids;
    for (const auto& a : in.attendees()) {
      if (!a.id().empty()) ids.insert(a.id());
    }
    int next_generated = 1;
    std::set<std::string> seen;
    std::set<int> ranks;
    for (int i = 0; i < in.attendees_size() && i < kMaxAttendees; ++i) {
      const auto& a = in.attendees(i);
      const std::string item = absl::StrCat(Path(field, "attendees"), "[", i, "]");
      Attendee attendee{a.id(), a.name(), a.unit(), a.title(), a.vip(), a.protocol_rank()};
      if (attendee.id.empty()) {
        // Generated ids skip those the caller chose.
        do {
          attendee.id = absl::StrCat("a", next_generated++);
        } while (ids.contains(attendee.id));
      } else {
        checks.ResourceId(item + ".id", a.id());
      }
      if (!seen.insert(attendee.id).second) checks.Add(item + ".id", "duplicate attendee id");
      checks.Text(item + ".name", a.name(), 1, kMaxPersonName);
      checks.Text(item + ".unit", a.unit(), 0, kMaxUnit);
      checks.Text(item + ".title", a.title(), 0, kMaxPersonName);
      checks.Int(item + ".protocol_rank", a.protocol_rank(), 0, kMaxAttendees);
      // Two people with one rank would have no seat order between them (座次).
      if (a.protocol_rank() > 0 && !ranks.insert(a.protocol_rank()).second) {
        checks.Add(item + ".protocol_rank", "each protocol_rank once per meeting");
      }
      m.attendees.push_back(std::move(attendee));
    }
  }
  if (details & kMeetingAgenda) {
    m.agenda.clear();
    if (in.agenda_size() > kMaxAgendaItems) {
      checks.Add(Path(field, "agenda"), absl::StrCat("at most ", kMaxAgendaItems, " items"));
    }
    for (int i = 0; i < in.agenda_size() && i < kMaxAgendaItems; ++i) {
      const auto& item = in.agenda(i);
      const std::string path = absl::StrCat(Path(field, "agenda"), "[", i, "]");
      checks.Text(path + ".title", item.title(), 1, kMaxTitle);
      checks.Text(path + ".presenter", item.presenter(), 0, kMaxPersonName);
      checks.Int(path + ".minutes", item.minutes(), 0, kMaxBufferMinutes);
      m.agenda.push_back(AgendaItem{item.title(), item.presenter(), item.minutes()});
    }
  }
  if (details & kMeetingServices) {
    m.services.clear();
    std::set<int> kinds;
    for (int i = 0; i < in.services_size(); ++i) {
      const auto& service = in.services(i);
      const std::string path = absl::StrCat(Path(field, "services"), "[", i, "]");
      checks.Enum(path + ".kind", service.kind(), v1::ServiceKind_IsValid, false);
      if (!kinds.insert(service.kind()).second) {
        checks.Add(path + ".kind", "each service kind once; put details in notes");
      }
      checks.Int(path + ".quantity", service.quantity(), 0, 10000);
      checks.Text(path + ".notes", service.notes(), 0, kMaxReason);
      m.services.push_back(ServiceRequest{service.kind(), service.quantity(), service.notes()});
    }
  }
  if (details & kMeetingMaterials) {
    checks.Text(Path(field, "materials"), in.materials(), 0, kMaxLongText);
    m.materials = in.materials();
  }
  if (details & kMeetingBudget) {
    checks.Int(Path(field, "budget_fen"), in.budget_fen(), 0, kMaxBudgetFen);
    m.budget_fen = in.budget_fen();
  }
  if (details & kMeetingSafetyMeasures) {
    checks.Text(Path(field, "safety_measures"), in.safety_measures(), 0, kMaxLongText);
    m.safety_measures = in.safety_measures();
  }
  if (details & kMeetingNotes) {
    checks.Text(Path(field, "notes"), in.notes(), 0, kMaxLongText);
    m.notes = in.notes();
  }
  if (details & kMeetingSummary) {
    m.summary = ParseSummary(checks, Path(field, "summary"), in.summary());
  }
  if (details & kMeetingConfidential) m.confidential = in.confidential();
}

absl::StatusOr<Meeting> ParseMeetingFields(const v1::Meeting& in, absl::string_view field,
                                           const SchedulingPolicy& policy, absl::Time now) {
  api::FieldChecks checks;
  Meeting m;
  // The summary is output-only on a notice: it is written after the meeting.
  CheckMeetingDetails(checks, in, field, kAllMeetingDetails & ~kMeetingSummary, m);
  checks.Time(Path(field, "start_time"), in.has_start_time(), in.start_time());
  checks.Time(Path(field, "end_time"), in.has_end_time(), in.end_time());
  m.window = TimeWindow{api::FromTimestamp(in.start_time()), api::FromTimestamp(in.end_time())};
  if (!in.room().empty()) {
    auto room = ParseRoomName(Path(field, "room"), in.room());
    if (room.ok()) {
      m.building_id = room->building_id;
      m.room_id = room->room_id;
    } else {
      checks.AddFrom(room.status());
    }
  }
  if (in.has_setup_minutes()) {
    checks.Int(Path(field, "setup_minutes"), in.setup_minutes(), 0, kMaxBufferMinutes);
    m.setup_minutes = in.setup_minutes();
  }
  if (in.has_cleanup_minutes()) {
    checks.Int(Path(field, "cleanup_minutes"), in.cleanup_minutes(), 0, kMaxBufferMinutes);
    m.cleanup_minutes = in.cleanup_minutes();
  }
  RETURN_IF_ERROR(checks.status());
  // The center's limits for this kind: notice, how far ahead, how long.
  RETURN_IF_ERROR(policy.CheckWindow(m.kind, m.window, now));
  return m;
}

absl::StatusOr<CreateMeetingCommand> ParseCreateMeeting(const v1::CreateMeetingRequest& request,
                                                        const SchedulingPolicy& policy,
                                                        absl::Time now) {
  api::FieldChecks checks;
  checks.RequestId("request_id", request.request_id());
  if (!request.has_meeting()) checks.Add("meeting", "required: the meeting notice");
  RETURN_IF_ERROR(checks.status());
  CreateMeetingCommand command;
  ASSIGN_OR_RETURN(command.meeting, ParseMeetingFields(request.meeting(), "meeting", policy, now));
  command.request_id = request.request_id();
  return command;
}

absl::StatusOr<TransitionCommand> ParseConfirm(const v1::ConfirmMeetingRequest& request) {
  api::FieldChecks checks;
  RoomKey room;
  if (!request.room().empty()) {
    auto parsed = ParseRoomName("room", request.room());
    if (parsed.ok()) {
      room = *parsed;
    } else {
      checks.AddFrom(parsed.status());
    }
  }
  ASSIGN_OR_RETURN(TransitionCommand command,
                   Transition(MeetingAction::kConfirm, "ConfirmMeeting", request.name(),
                              request.etag(), request.request_id(), checks));
  command.building_id = room.building_id;
  command.room_id = room.room_id;
  return command;
}

absl::StatusOr<TransitionCommand> ParseReject(const v1::RejectMeetingRequest& request) {
  api::FieldChecks checks;
  CheckReason(checks, request.reason());
  ASSIGN_OR_RETURN(TransitionCommand command,
                   Transition(MeetingAction::kReject, "RejectMeeting", request.name(),
                              request.etag(), request.request_id(), checks));
  command.reason = request.reason();
  return command;
}

absl::StatusOr<TransitionCommand> ParseCancel(const v1::CancelMeetingRequest& request) {
  api::FieldChecks checks;
  CheckReason(checks, request.reason());
  checks.Enum("scope", request.scope(), v1::SeriesScope_IsValid, true);
  ASSIGN_OR_RETURN(TransitionCommand command,
                   Transition(MeetingAction::kCancel, "CancelMeeting", request.name(),
                              request.etag(), request.request_id(), checks));
  command.reason = request.reason();
  return command;
}

absl::StatusOr<TransitionCommand> ParseStart(const v1::StartMeetingRequest& request) {
  api::FieldChecks checks;
  return Transition(MeetingAction::kStart, "StartMeeting", request.name(), request.etag(),
                    request.request_id(), checks);
}

absl::StatusOr<TransitionCommand> ParseComplete(const v1::CompleteMeetingRequest& request) {
  api::FieldChecks checks;
  std::optional<MeetingSummary> summary;
  if (request.has_summary()) summary = ParseSummary(checks, "summary", request.summary());
  ASSIGN_OR_RETURN(TransitionCommand command,
                   Transition(MeetingAction::kComplete, "CompleteMeeting", request.name(),
                              request.etag(), request.request_id(), checks));
  command.summary = summary;
  return command;
}

absl::StatusOr<TransitionCommand> ParseArchive(const v1::ArchiveMeetingRequest& request) {
  api::FieldChecks checks;
  return Transition(MeetingAction::kArchive, "ArchiveMeeting", request.name(), request.etag(),
                    request.request_id(), checks);
}

absl::StatusOr<RescheduleCommand> ParseReschedule(const v1::RescheduleMeetingRequest& request,
                                                  const SchedulingPolicy& policy, MeetingKind kind,
                                                  absl::Time now) {
  api::FieldChecks checks;
  RescheduleCommand command;
  auto id = ParseMeetingName("name", request.name());
  if (id.ok()) {
    command.meeting_id = *id;
  } else {
    checks.AddFrom(id.status());
  }
  if (request.etag().size() > 64) checks.Add("etag", "not an etag of this service");
  checks.RequestId("request_id", request.request_id());
  checks.Time("start_time", request.has_start_time(), request.start_time());
  checks.Time("end_time", request.has_end_time(), request.end_time());
  if (!request.room().empty()) {
    auto room = ParseRoomName("room", request.room());
    if (room.ok()) {
      command.building_id = room->building_id;
      command.room_id = room->room_id;
    } else {
      checks.AddFrom(room.status());
    }
  }
  RETURN_IF_ERROR(checks.status());
  command.window =
      TimeWindow{api::FromTimestamp(request.start_time()), api::FromTimestamp(request.end_time())};
  absl::Status limits = policy.CheckWindow(kind, command.window, now);
  if (!limits.ok()) {
    // The domain names the create request's fields ("meeting.end_time"); here they are
    // top-level fields of the request.
    if (limits.code() == absl::StatusCode::kInvalidArgument) {
      std::vector<FieldViolation> violations = FieldViolationsOf(limits);
      for (FieldViolation& v : violations) {
        absl::StrReplaceAll({{"meeting.", ""}}, &v.field);
        absl::StrReplaceAll({{"meeting.", ""}}, &v.description);
      }
      if (!violations.empty()) return InvalidFieldsError(violations);
    }
    return limits;
  }
  command.etag = request.etag();
  command.request_id = request.request_id();
  return command;
}

void ToProto(const Meeting& m, v1::Meeting* out) {
  out->set_name(absl::StrCat("meetings/", m.id));
  out->set_title(m.title);
  out->set_kind(static_cast<v1::MeetingKind>(NumberOf(m.kind)));
  out->set_organizer_unit(m.organizer_unit);
  out->mutable_contact()->set_name(m.contact_name);
  out->mutable_contact()->set_phone(m.contact_phone);
  *out->mutable_start_time() = api::ToTimestamp(m.window.start);
  *out->mutable_end_time() = api::ToTimestamp(m.window.end);
  if (m.has_room()) out->set_room(RoomName(m.building_id, m.room_id));
  auto* requirements = out->mutable_requirements();
  requirements->set_min_capacity(m.requirements.min_capacity);
  for (int e : m.requirements.equipment) requirements->add_equipment(static_cast<v1::Equipment>(e));
  requirements->set_vip(m.requirements.vip);
  if (!m.requirements.preferred_building_id.empty()) {
    requirements->set_preferred_building(BuildingName(m.requirements.preferred_building_id));
  }
  out->set_expected_participants(m.expected_participants);
  for (const Attendee& a : m.attendees) {
    auto* attendee = out->add_attendees();
    attendee->set_id(a.id);
    attendee->set_name(a.name);
    attendee->set_unit(a.unit);
    attendee->set_title(a.title);
    attendee->set_vip(a.vip);
    attendee->set_protocol_rank(a.protocol_rank);
  }
  for (const AgendaItem& item : m.agenda) {
    auto* agenda = out->add_agenda();
    agenda->set_title(item.title);
    agenda->set_presenter(item.presenter);
    agenda->set_minutes(item.minutes);
  }
  for (const ServiceRequest& s : m.services) {
    auto* service = out->add_services();
    service->set_kind(static_cast<v1::ServiceKind>(s.kind));
    service->set_quantity(s.quantity);
    service->set_notes(s.notes);
  }
  out->set_materials(m.materials);
  out->set_budget_fen(m.budget_fen);
  out->set_safety_measures(m.safety_measures);
  out->set_notes(m.notes);
  if (m.setup_minutes.has_value()) out->set_setup_minutes(*m.setup_minutes);
  if (m.cleanup_minutes.has_value()) out->set_cleanup_minutes(*m.cleanup_minutes);
  out->set_state(static_cast<v1::MeetingState>(NumberOf(m.state)));
  out->set_state_reason(m.state_reason);
  if (!m.series_id.empty()) out->set_series(absl::StrCat("meetingSeries/", m.series_id));
  if (m.summary.has_value()) {
    out->mutable_summary()->set_actual_attendance(m.summary->actual_attendance);
    out->mutable_summary()->set_notes(m.summary->notes);
    out->mutable_summary()->set_problems(m.summary->problems);
  }
  for (const StateChange& change : m.history) {
    auto* history = out->add_history();
    history->set_from_state(static_cast<v1::MeetingState>(NumberOf(change.from)));
    history->set_to_state(static_cast<v1::MeetingState>(NumberOf(change.to)));
    history->set_actor(change.actor);
    history->set_reason(change.reason);
    *history->mutable_time() = api::ToTimestamp(change.time);
  }
  if (m.occupancy.has_value()) {
    *out->mutable_occupancy_start_time() = api::ToTimestamp(m.occupancy->start);
    *out->mutable_occupancy_end_time() = api::ToTimestamp(m.occupancy->end);
  }
  out->set_confidential(m.confidential);
  out->set_etag(api::EtagOf(m.version));
  *out->mutable_create_time() = api::ToTimestamp(m.create_time);
  *out->mutable_update_time() = api::ToTimestamp(m.update_time);
  for (const MeetingFlag& f : m.flags) {
    auto* flag = out->add_flags();
    flag->set_hazard(f.hazard);
    flag->set_reason(f.reason);
    *flag->mutable_create_time() = api::ToTimestamp(f.create_time);
  }
  if (m.waitlist.has_value()) {
    auto* wait = out->mutable_waitlist();
    wait->set_room(RoomName(m.waitlist->building_id, m.waitlist->room_id));
    *wait->mutable_join_time() = api::ToTimestamp(m.waitlist->join_time);
    if (m.waitlist->offer_time.has_value()) {
      *wait->mutable_offer_time() = api::ToTimestamp(*m.waitlist->offer_time);
    }
    *wait->mutable_expire_time() = api::ToTimestamp(m.window.start);
  }
}

}  // namespace huiwu::booking
