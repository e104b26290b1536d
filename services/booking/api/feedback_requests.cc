#include "services/booking/api/feedback_requests.h"

#include <algorithm>
#include <set>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/api/date.h"
#include "common/api/etag.h"
#include "common/api/page_token.h"
#include "common/api/timestamp.h"
#include "common/status/errors.h"
#include "common/status/status_macros.h"
#include "common/time/center_zone.h"
#include "services/booking/api/catalog_requests.h"
#include "services/booking/api/meeting_requests.h"
#include "services/booking/domain/calendar.h"

namespace huiwu::booking {
namespace {

constexpr int kMaxEvaluationComment = 1000;
constexpr int kMaxAspectComment = 500;
constexpr int kMaxComplaintText = 2000;
constexpr int kMaxClosingNote = 500;
constexpr int kMaxUnit = 100;
constexpr int kMaxPersonName = 50;
constexpr char kComplaintPrefix[] = "complaints/";
constexpr char kStaffPrefix[] = "staff/";

bool IsPhone(absl::string_view phone) {
  for (char c : phone) {
    if (!(absl::ascii_isdigit(c) || c == ' ' || c == '+' || c == '-' || c == '(' || c == ')')) {
      return false;
    }
  }
  return true;
}

void CheckRating(api::FieldChecks& checks, absl::string_view field, int rating) {
  if (rating < kLowestRating || rating > kHighestRating) {
    checks.Add(
        field,
        absl::StrCat("must be ", kLowestRating, "–", kHighestRating,
                     " (5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意); got ", rating));
  }
}

std::optional<std::string> CheckComplaintName(api::FieldChecks& checks, absl::string_view field,
                                              absl::string_view name) {
  if (!absl::StartsWith(name, kComplaintPrefix) ||
      !api::IsResourceId(name.substr(sizeof(kComplaintPrefix) - 1))) {
    checks.Add(field, "required: a complaint's name, complaints/{complaint}");
    return std::nullopt;
  }
  return std::string(name.substr(sizeof(kComplaintPrefix) - 1));
}

// One part of the canonical filter text, length-prefixed so that no value can be
// mistaken for two.
std::string Part(absl::string_view value) { return absl::StrCat(value.size(), ":", value, "|"); }

absl::StatusOr<ComplaintStepCommand> Step(api::FieldChecks& checks, absl::string_view name,
                                          absl::string_view etag, ComplaintAction action,
                                          std::string text) {
  std::optional<std::string> id = CheckComplaintName(checks, "name", name);
  if (etag.size() > 40) checks.Add("etag", "at most 40 characters; pass the etag read unchanged");
  if (!checks.ok()) return checks.status();
  return ComplaintStepCommand{*id, std::string(etag), action, std::move(text)};
}

}  // namespace

std::optional<std::pair<absl::CivilDay, absl::CivilDay>> CheckDayRange(
    api::FieldChecks& checks, absl::string_view start_field, bool has_start,
    const common::v1::Date& start, absl::string_view end_field, bool has_end,
    const common::v1::Date& end) {
  std::optional<absl::CivilDay> first;
  std::optional<absl::CivilDay> last;
  if (has_start) {
    first = api::ParseDate(checks, start_field, start);
  } else {
    checks.Add(start_field, "required: a date {year, month, day} in Asia/Shanghai");
  }
  if (has_end) {
    last = api::ParseDate(checks, end_field, end);
  } else {
    checks.Add(end_field, "required: a date {year, month, day} in Asia/Shanghai");
  }
  if (!first.has_value() || !last.has_value()) return std::nullopt;
  if (*last < *first) {
    checks.Add(end_field, absl::StrCat("is before ", start_field, "; send a later ", end_field));
    return std::nullopt;
  }
  if (*last - *first + 1 > kMaxFeedbackRangeDays) {
    checks.Add(end_field,
               absl::StrCat("the range has ", *last - *first + 1, " days, more than ",
                            kMaxFeedbackRangeDays, "; ask for at most a year at a time"));
    return std::nullopt;
  }
  return std::make_pair(*first, *last);
}

absl::StatusOr<SubmitEvaluationCommand> ParseSubmitServiceEvaluation(
    const v1::SubmitServiceEvaluationRequest& request) {
  api::FieldChecks checks;
  SubmitEvaluationCommand command;
  absl::StatusOr<std::string> meeting = ParseMeetingName("meeting", request.meeting());
  if (meeting.ok()) {
    command.evaluation.meeting_id = *meeting;
  } else {
    checks.AddFrom(meeting.status());
  }
  checks.RequestId("request_id", request.request_id());
  if (!request.has_evaluation()) {
    checks.Add("evaluation", "required: the ratings (overall_rating 1–5, aspects, comment)");
    return checks.status();
  }
  const v1::ServiceEvaluation& in = request.evaluation();
  CheckRating(checks, "evaluation.overall_rating", in.overall_rating());
  command.evaluation.overall_rating = in.overall_rating();
  checks.Text("evaluation.comment", in.comment(), 0, kMaxEvaluationComment);
  command.evaluation.comment = in.comment();
  std::set<int> seen;
  for (int i = 0; i < in.aspects_size(); ++i) {
    const v1::AspectRating& a = in.aspects(i);
    const std::string field = absl::StrCat("evaluation.aspects[", i, "]");
    checks.Enum(field + ".aspect", a.aspect(), v1::EvaluationAspect_IsValid,
                /*allow_unspecified=*/false);
    if (a.aspect() != v1::EVALUATION_ASPECT_UNSPECIFIED &&
        v1::EvaluationAspect_IsValid(a.aspect()) && !seen.insert(a.aspect()).second) {
      checks.Add(field + ".aspect", absl::StrCat(v1::EvaluationAspect_Name(a.aspect()),
                                                 " is rated twice; rate each aspect at most once"));
    }
    CheckRating(checks, field + ".rating", a.rating());
    checks.Text(field + ".comment", a.comment(), 0, kMaxAspectComment);
    command.evaluation.aspects.push_back(
        AspectRating{static_cast<EvaluationAspect>(a.aspect()), a.rating(), a.comment()});
  }
  if (!checks.ok()) return checks.status();
  std::sort(command.evaluation.aspects.begin(), command.evaluation.aspects.end(),
            [](const AspectRating& x, const AspectRating& y) { return x.aspect < y.aspect; });
  command.request_id = request.request_id();
  return command;
}

absl::StatusOr<std::string> ParseGetServiceEvaluation(
    const v1::GetServiceEvaluationRequest& request) {
  return ParseMeetingName("meeting", request.meeting());
}

absl::StatusOr<RecordComplaintCommand> ParseRecordComplaint(
    const v1::RecordComplaintRequest& request, absl::string_view organizer_scope) {
  api::FieldChecks checks;
  RecordComplaintCommand command;
  checks.RequestId("request_id", request.request_id());
  if (!request.has_complaint()) {
    checks.Add("complaint",
               "required: what the complaint is about (meeting or room) and what "
               "went wrong (description)");
    return checks.status();
  }
  const v1::Complaint& in = request.complaint();
  Complaint& c = command.complaint;
  if (!in.meeting().empty()) {
    absl::StatusOr<std::string> meeting = ParseMeetingName("complaint.meeting", in.meeting());
    if (meeting.ok()) {
      c.meeting_id = *meeting;
    } else {
      checks.AddFrom(meeting.status());
    }
    if (!in.room().empty()) {
      checks.Add("complaint.room",
                 "give the meeting or the room, not both: a meeting's complaint is about its "
                 "room already");
    }
  } else if (!in.room().empty()) {
    absl::StatusOr<RoomKey> room = ParseRoomName("complaint.room", in.room());
    if (room.ok()) {
      c.building_id = room->building_id;
      c.room_id = room->room_id;
    } else {
      checks.AddFrom(room.status());
    }
  } else {
    checks.Add("complaint.meeting",
               "required: the meeting (meetings/{meeting}) or the room "
               "(complaint.room) the complaint is about");
  }
  if (!in.organizer_unit().empty()) {
    checks.Text("complaint.organizer_unit", in.organizer_unit(), 1, kMaxUnit);
    c.organizer_unit = in.organizer_unit();
  } else if (organizer_scope.empty() && in.meeting().empty()) {
    // The dispatch hub records a phoned-in complaint about a room in the unit's name.
    checks.Add("complaint.organizer_unit",
               "required for a complaint about a room: the complaining organizer unit");
  }
  checks.Text("complaint.description", in.description(), 1, kMaxComplaintText);
  c.description = in.description();
  if (in.has_contact()) {
    checks.Text("complaint.contact.name", in.contact().name(), 1, kMaxPersonName);
    checks.Text("complaint.contact.phone", in.contact().phone(), 3, 30);
    if (!IsPhone(in.contact().phone())) {
      checks.Add("complaint.contact.phone", "only digits, spaces and + - ( ) are allowed");
    }
    c.contact_name = in.contact().name();
    c.contact_phone = in.contact().phone();
  }
  if (!checks.ok()) return checks.status();
  command.request_id = request.request_id();
  return command;
}

absl::StatusOr<ComplaintStepCommand> ParseAssignComplaint(
    const v1::AssignComplaintRequest& request) {
  api::FieldChecks checks;
  const absl::string_view assignee = request.assignee();
  if (!absl::StartsWith(assignee, kStaffPrefix) ||
      !api::IsResourceId(assignee.substr(sizeof(kStaffPrefix) - 1))) {
    checks.Add("assignee", "required: the staff member who handles it, staff/{staff}");
  }
  return Step(checks, request.name(), request.etag(), ComplaintAction::kAssign, request.assignee());
}

absl::StatusOr<ComplaintStepCommand> ParseAnswerComplaint(
    const v1::AnswerComplaintRequest& request) {
  api::FieldChecks checks;
  checks.Text("answer", request.answer(), 1, kMaxComplaintText);
  return Step(checks, request.name(), request.etag(), ComplaintAction::kAnswer, request.answer());
}

absl::StatusOr<ComplaintStepCommand> ParseCloseComplaint(const v1::CloseComplaintRequest& request) {
  api::FieldChecks checks;
  checks.Text("note", request.note(), 0, kMaxClosingNote);
  return Step(checks, request.name(), request.etag(), ComplaintAction::kClose, request.note());
}

absl::StatusOr<std::string> ParseGetComplaint(const v1::GetComplaintRequest& request) {
  api::FieldChecks checks;
  std::optional<std::string> id = CheckComplaintName(checks, "name", request.name());
  if (!checks.ok()) return checks.status();
  return *id;
}

absl::StatusOr<ListComplaintsQuery> ParseListComplaints(const v1::ListComplaintsRequest& request) {
  api::FieldChecks checks;
  ListComplaintsQuery query;
  query.page_size =
      checks.PageSize("page_size", request.page_size(), kDefaultPageSize, kMaxPageSize);
  const absl::TimeZone zone = CenterTimeZone();
  std::optional<absl::CivilDay> first;
  std::optional<absl::CivilDay> last;
  if (request.has_start_date()) first = api::ParseDate(checks, "start_date", request.start_date());
  if (request.has_end_date()) last = api::ParseDate(checks, "end_date", request.end_date());
  if (first.has_value() && last.has_value() && *last < *first) {
    checks.Add("end_date", "is before start_date; send a later end_date");
  }
  if (first.has_value() || last.has_value()) {
    query.filter.recorded_within =
        TimeWindow{first.has_value() ? DayWindow(*first, zone).start : absl::UnixEpoch(),
                   last.has_value() ? DayWindow(*last, zone).end
                                    : absl::FromCivil(absl::CivilDay(2201, 1, 1), zone)};
  }
  if (!request.room().empty()) {
    absl::StatusOr<RoomKey> room = ParseRoomName("room", request.room());
    if (room.ok()) {
      query.filter.building_id = room->building_id;
      query.filter.room_id = room->room_id;
    } else {
      checks.AddFrom(room.status());
    }
  }
  checks.Enum("state", request.state(), v1::ComplaintState_IsValid, /*allow_unspecified=*/true);
  if (request.state() != v1::COMPLAINT_STATE_UNSPECIFIED &&
      v1::ComplaintState_IsValid(request.state())) {
    query.filter.state = static_cast<ComplaintState>(request.state());
  }
  if (!request.organizer_unit().empty()) {
    checks.Text("organizer_unit", request.organizer_unit(), 1, kMaxUnit);
    query.filter.organizer_unit = request.organizer_unit();
  }
  RETURN_IF_ERROR(checks.status());
  const ComplaintFilter& f = query.filter;
  query.filter_text =
      absl::StrCat("complaints|",
                   Part(f.recorded_within.has_value()
                            ? absl::StrCat(absl::ToUnixMicros(f.recorded_within->start), "-",
                                           absl::ToUnixMicros(f.recorded_within->end))
                            : ""),
                   Part(f.building_id), Part(f.room_id),
                   Part(f.state.has_value() ? absl::StrCat(static_cast<int>(*f.state)) : ""),
                   Part(f.organizer_unit));
  ASSIGN_OR_RETURN(std::vector<std::string> after,
                   api::DecodePageToken("page_token", request.page_token(), query.filter_text, 2));
  if (!after.empty()) {
    int64_t micros = 0;
    if (!absl::SimpleAtoi(after[0], &micros) || after[1].empty()) {
      return InvalidFieldError("page_token",
                               "not a page token of this list; pass next_page_token unchanged");
    }
    query.after_time = absl::FromUnixMicros(micros);
    query.after_id = after[1];
  }
  return query;
}

std::string NextComplaintsPageToken(const ListComplaintsQuery& query, const Complaint& last) {
  return api::EncodePageToken(query.filter_text,
                              {absl::StrCat(absl::ToUnixMicros(last.create_time)), last.id});
}

absl::StatusOr<std::pair<absl::CivilDay, absl::CivilDay>> ParseGetFeedbackReport(
    const v1::GetFeedbackReportRequest& request) {
  api::FieldChecks checks;
  auto range = CheckDayRange(checks, "start_date", request.has_start_date(), request.start_date(),
                             "end_date", request.has_end_date(), request.end_date());
  if (!checks.ok()) return checks.status();
  return *range;
}

void ToProto(const ServiceEvaluation& e, v1::ServiceEvaluation* out) {
  out->set_name(absl::StrCat("meetings/", e.meeting_id, "/evaluation"));
  out->set_meeting(absl::StrCat("meetings/", e.meeting_id));
  out->set_overall_rating(e.overall_rating);
  for (const AspectRating& a : e.aspects) {
    v1::AspectRating* rating = out->add_aspects();
    rating->set_aspect(static_cast<v1::EvaluationAspect>(a.aspect));
    rating->set_rating(a.rating);
    rating->set_comment(a.comment);
  }
  out->set_comment(e.comment);
  out->set_organizer_unit(e.organizer_unit);
  if (!e.room_id.empty()) out->set_room(RoomName(e.building_id, e.room_id));
  out->set_submitted_by(e.submitted_by);
  *out->mutable_submit_time() = api::ToTimestamp(e.submit_time);
}

void ToProto(const Complaint& c, bool with_history, v1::Complaint* out) {
  out->set_name(absl::StrCat(kComplaintPrefix, c.id));
  if (!c.meeting_id.empty()) out->set_meeting(absl::StrCat("meetings/", c.meeting_id));
  if (!c.room_id.empty()) out->set_room(RoomName(c.building_id, c.room_id));
  out->set_organizer_unit(c.organizer_unit);
  out->set_description(c.description);
  if (!c.contact_name.empty() || !c.contact_phone.empty()) {
    out->mutable_contact()->set_name(c.contact_name);
    out->mutable_contact()->set_phone(c.contact_phone);
  }
  out->set_state(static_cast<v1::ComplaintState>(c.state));
  out->set_assignee(c.assignee);
  out->set_answer(c.answer);
  if (with_history) {
    for (const ComplaintChange& change : c.history) {
      v1::ComplaintChange* h = out->add_history();
      h->set_from_state(static_cast<v1::ComplaintState>(change.from));
      h->set_to_state(static_cast<v1::ComplaintState>(change.to));
      h->set_actor(change.actor);
      *h->mutable_change_time() = api::ToTimestamp(change.time);
      h->set_note(change.note);
    }
  }
  *out->mutable_create_time() = api::ToTimestamp(c.create_time);
  *out->mutable_update_time() = api::ToTimestamp(c.update_time);
  out->set_etag(api::EtagOf(c.version));
}

void ToProto(const FeedbackFigures& figures, const std::map<RoomKey2, std::string>& room_names,
             v1::FeedbackFigures* out) {
  out->set_meetings_completed(figures.meetings_completed);
  out->set_evaluations(figures.evaluations);
  out->set_average_overall(figures.average_overall);
  out->set_complaints_recorded(figures.complaints_recorded);
  out->set_complaints_closed(figures.complaints_closed);
  for (const RoomFeedback& row : figures.rooms) {
    v1::RoomFeedback* room = out->add_rooms();
    if (!row.room.second.empty()) {
      room->set_room(RoomName(row.room.first, row.room.second));
      auto name = room_names.find(row.room);
      room->set_room_display_name(name != room_names.end() ? name->second : room->room());
    } else {
      room->set_room_display_name("无会议室");
    }
    room->set_evaluations(row.evaluations);
    room->set_average_overall(row.average_overall);
    for (const AspectAverage& a : row.aspects) {
      v1::AspectAverage* average = room->add_aspects();
      average->set_aspect(static_cast<v1::EvaluationAspect>(a.aspect));
      average->set_average(a.average);
      average->set_count(a.count);
    }
    room->set_complaints_recorded(row.complaints_recorded);
    room->set_complaints_closed(row.complaints_closed);
    room->set_dissatisfied(row.dissatisfied);
  }
}

}  // namespace huiwu::booking
