// Every class of bad meeting input gets INVALID_ARGUMENT naming the field
// (google.rpc.BadRequest) and writes nothing.
#include <functional>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/booking/api/meeting_list_requests.h"
#include "tests/booking/bad_input_util.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;

std::string Chinese(int characters) {
  std::string text;
  for (int i = 0; i < characters; ++i) text += "会";
  return text;
}

// `existing` names a SUBMITTED meeting, so that only the spoiled field can be at fault.
std::vector<BadInput> BadInputs(const std::string& existing) {
  using Stub = v1::BookingService::Stub;
  std::vector<BadInput> cases;
  auto create = [&](std::string what, std::string field,
                    std::function<void(v1::CreateMeetingRequest&)> spoil) {
    v1::CreateMeetingRequest r;
    *r.mutable_meeting() =
        SampleMeeting("buildings/city-hall/rooms/301", Local(3, 9), Local(3, 11));
    r.set_request_id("create-1");
    spoil(r);
    cases.push_back(Case(what, field, &Stub::CreateMeeting, r));
  };
  create("missing meeting", "meeting", [](auto& r) { r.clear_meeting(); });
  create("request_id with spaces", "request_id", [](auto& r) { r.set_request_id("a b"); });
  create("empty title", "meeting.title", [](auto& r) { r.mutable_meeting()->set_title(""); });
  create("oversized title", "meeting.title",
         [](auto& r) { r.mutable_meeting()->set_title(Chinese(201)); });
  create("unknown kind 99", "meeting.kind",
         [](auto& r) { r.mutable_meeting()->set_kind(static_cast<v1::MeetingKind>(99)); });
  create("unspecified kind", "meeting.kind",
         [](auto& r) { r.mutable_meeting()->set_kind(v1::MEETING_KIND_UNSPECIFIED); });
  create("empty organizer unit", "meeting.organizer_unit",
         [](auto& r) { r.mutable_meeting()->set_organizer_unit(""); });
  create("oversized organizer unit", "meeting.organizer_unit",
         [](auto& r) { r.mutable_meeting()->set_organizer_unit(Chinese(101)); });
  create("missing contact", "meeting.contact",
         [](auto& r) { r.mutable_meeting()->clear_contact(); });
  create("empty contact name", "meeting.contact.name",
         [](auto& r) { r.mutable_meeting()->mutable_contact()->set_name(""); });
  create("letters in phone", "meeting.contact.phone",
         [](auto& r) { r.mutable_meeting()->mutable_contact()->set_phone("call me"); });
  create("missing start", "meeting.start_time",
         [](auto& r) { r.mutable_meeting()->clear_start_time(); });
  create("missing end", "meeting.end_time", [](auto& r) { r.mutable_meeting()->clear_end_time(); });
  create("end before start", "meeting.end_time",
         [](auto& r) { *r.mutable_meeting()->mutable_end_time() = api::ToTimestamp(Local(3, 8)); });
  create("longer than an internal meeting may be", "meeting.end_time", [](auto& r) {
    *r.mutable_meeting()->mutable_end_time() = api::ToTimestamp(Local(3, 21, 1));
  });
  create("start in 1999", "meeting.start_time", [](auto& r) {
    *r.mutable_meeting()->mutable_start_time() = api::ToTimestamp(
        absl::FromCivil(absl::CivilSecond(1999, 12, 31, 9, 0, 0), absl::UTCTimeZone()));
  });
  create("bad room name", "meeting.room", [](auto& r) { r.mutable_meeting()->set_room("301"); });
  create("SQL in room name", "meeting.room", [](auto& r) {
    r.mutable_meeting()->set_room("buildings/x'; DROP TABLE rooms; --/rooms/301");
  });
  create("zero participants", "meeting.expected_participants",
         [](auto& r) { r.mutable_meeting()->set_expected_participants(0); });
  create("duplicate attendee ids", "meeting.attendees[1].id", [](auto& r) {
    for (int i = 0; i < 2; ++i) {
      auto* a = r.mutable_meeting()->add_attendees();
      a->set_id("e1001");
      a->set_name("张科长");
    }
  });
  create("protocol rank above 1000", "meeting.attendees[0].protocol_rank", [](auto& r) {
    auto* a = r.mutable_meeting()->add_attendees();
    a->set_name("张科长");
    a->set_protocol_rank(1001);
  });
  create("negative protocol rank", "meeting.attendees[0].protocol_rank", [](auto& r) {
    auto* a = r.mutable_meeting()->add_attendees();
    a->set_name("张科长");
    a->set_protocol_rank(-1);
  });
  create("two attendees of one protocol rank", "meeting.attendees[1].protocol_rank", [](auto& r) {
    for (const char* name : {"李市长", "王市长"}) {
      auto* a = r.mutable_meeting()->add_attendees();
      a->set_name(name);
      a->set_protocol_rank(1);
    }
  });
  create("attendee without a name", "meeting.attendees[0].name",
         [](auto& r) { r.mutable_meeting()->add_attendees(); });
  create("unknown service kind", "meeting.services[0].kind", [](auto& r) {
    r.mutable_meeting()->add_services()->set_kind(static_cast<v1::ServiceKind>(42));
  });
  create("duplicate service kind", "meeting.services[1].kind", [](auto& r) {
    r.mutable_meeting()->add_services()->set_kind(v1::SERVICE_KIND_TEA);
    r.mutable_meeting()->add_services()->set_kind(v1::SERVICE_KIND_TEA);
  });
  create("agenda item of 721 minutes", "meeting.agenda[0].minutes", [](auto& r) {
    auto* item = r.mutable_meeting()->add_agenda();
    item->set_title("开幕");
    item->set_minutes(721);
  });
  create("unknown equipment required", "meeting.requirements.equipment[0]", [](auto& r) {
    r.mutable_meeting()->mutable_requirements()->add_equipment(static_cast<v1::Equipment>(77));
  });
  create("negative budget", "meeting.budget_fen",
         [](auto& r) { r.mutable_meeting()->set_budget_fen(-1); });
  create("oversized notes", "meeting.notes",
         [](auto& r) { r.mutable_meeting()->set_notes(std::string(2001, 'n')); });
  create("set-up of 721 minutes", "meeting.setup_minutes",
         [](auto& r) { r.mutable_meeting()->set_setup_minutes(721); });
  create("negative clean-up", "meeting.cleanup_minutes",
         [](auto& r) { r.mutable_meeting()->set_cleanup_minutes(-1); });

  v1::ConfirmMeetingRequest confirm;
  confirm.set_name("meeting/abc");
  cases.push_back(Case("confirm: bad name", "name", &Stub::ConfirmMeeting, confirm));
  confirm.set_name(existing);
  confirm.set_room("rooms/301");
  cases.push_back(Case("confirm: bad room", "room", &Stub::ConfirmMeeting, confirm));
  confirm.set_room("");
  confirm.set_request_id(std::string(65, 'r'));
  cases.push_back(Case("confirm: bad request_id", "request_id", &Stub::ConfirmMeeting, confirm));
  v1::RejectMeetingRequest reject;
  reject.set_name(existing);
  cases.push_back(Case("reject: missing reason", "reason", &Stub::RejectMeeting, reject));
  reject.set_reason(Chinese(501));
  cases.push_back(Case("reject: oversized reason", "reason", &Stub::RejectMeeting, reject));
  v1::CancelMeetingRequest cancel;
  cancel.set_name(existing);
  cases.push_back(Case("cancel: missing reason", "reason", &Stub::CancelMeeting, cancel));
  cancel.set_reason("改期");
  cancel.set_scope(static_cast<v1::SeriesScope>(9));
  cases.push_back(Case("cancel: unknown scope", "scope", &Stub::CancelMeeting, cancel));
  v1::StartMeetingRequest start;
  cases.push_back(Case("start: empty name", "name", &Stub::StartMeeting, start));
  v1::CompleteMeetingRequest complete;
  complete.set_name(existing);
  complete.mutable_summary()->set_actual_attendance(-1);
  cases.push_back(Case("complete: negative attendance", "summary.actual_attendance",
                       &Stub::CompleteMeeting, complete));
  v1::ArchiveMeetingRequest archive;
  archive.set_name(existing);
  archive.set_etag(std::string(65, 'e'));
  cases.push_back(Case("archive: oversized etag", "etag", &Stub::ArchiveMeeting, archive));

  auto reschedule = [&](std::string what, std::string field,
                        std::function<void(v1::RescheduleMeetingRequest&)> spoil) {
    v1::RescheduleMeetingRequest r;
    r.set_name(existing);
    *r.mutable_start_time() = api::ToTimestamp(Local(4, 9));
    *r.mutable_end_time() = api::ToTimestamp(Local(4, 10));
    spoil(r);
    cases.push_back(Case(what, field, &Stub::RescheduleMeeting, r));
  };
  reschedule("reschedule: bad name", "name", [](auto& r) { r.set_name("meetings/"); });
  reschedule("reschedule: missing start", "start_time", [](auto& r) { r.clear_start_time(); });
  reschedule("reschedule: end before start", "end_time",
             [](auto& r) { *r.mutable_end_time() = api::ToTimestamp(Local(4, 8)); });
  reschedule("reschedule: bad room", "room", [](auto& r) { r.set_room("buildings/city-hall"); });

  auto list = [&](std::string what, std::string field,
                  std::function<void(v1::ListMeetingsRequest&)> spoil) {
    v1::ListMeetingsRequest r;
    spoil(r);
    cases.push_back(Case(what, field, &Stub::ListMeetings, r));
  };
  list("list: garbage token", "page_token", [](auto& r) { r.set_page_token("garbage!"); });
  list("list: token of other filters", "page_token", [](auto& r) {
    // A real token of the unfiltered list, replayed with a state filter.
    auto query = booking::ParseListMeetings(r);
    booking::Meeting last;
    last.id = "0123456789abcdef";
    last.window.start = Local(3, 9);
    r.set_page_token(booking::NextMeetingsPageToken(*query, last));
    r.set_state(v1::MEETING_STATE_CONFIRMED);
  });
  list("list: negative page_size", "page_size", [](auto& r) { r.set_page_size(-1); });
  list("list: month 13", "date.month", [](auto& r) {
    r.mutable_date()->set_year(2026);
    r.mutable_date()->set_month(13);
    r.mutable_date()->set_day(1);
  });
  list("list: 30 February", "date.day", [](auto& r) {
    r.mutable_date()->set_year(2026);
    r.mutable_date()->set_month(2);
    r.mutable_date()->set_day(30);
  });
  list("list: year 1999", "date.year", [](auto& r) {
    r.mutable_date()->set_year(1999);
    r.mutable_date()->set_month(1);
    r.mutable_date()->set_day(1);
  });
  list("list: view without date", "view", [](auto& r) { r.set_view(v1::CALENDAR_VIEW_WEEK); });
  list("list: unknown view", "view", [](auto& r) {
    r.mutable_date()->set_year(2026);
    r.mutable_date()->set_month(12);
    r.mutable_date()->set_day(7);
    r.set_view(static_cast<v1::CalendarView>(5));
  });
  list("list: unknown state", "state",
       [](auto& r) { r.set_state(static_cast<v1::MeetingState>(99)); });
  list("list: bad room", "room", [](auto& r) { r.set_room("301"); });
  list("list: oversized title_contains", "title_contains",
       [](auto& r) { r.set_title_contains(Chinese(101)); });
  list("list: oversized organizer_unit", "organizer_unit",
       [](auto& r) { r.set_organizer_unit(Chinese(101)); });

  auto update = [&](std::string what, std::string field,
                    std::function<void(v1::UpdateMeetingRequest&)> spoil) {
    v1::UpdateMeetingRequest r;
    r.mutable_meeting()->set_name(existing);
    r.mutable_meeting()->set_title("新标题");
    r.mutable_update_mask()->add_paths("title");
    spoil(r);
    cases.push_back(Case(what, field, &Stub::UpdateMeeting, r));
  };
  update("update: empty mask", "update_mask", [](auto& r) { r.clear_update_mask(); });
  update("update: unknown path", "update_mask.paths[1]",
         [](auto& r) { r.mutable_update_mask()->add_paths("bogus"); });
  update("update: start_time is not updatable", "update_mask.paths[1]",
         [](auto& r) { r.mutable_update_mask()->add_paths("start_time"); });
  update("update: room is not updatable", "update_mask.paths[1]",
         [](auto& r) { r.mutable_update_mask()->add_paths("room"); });
  update("update: state is output only", "update_mask.paths[1]",
         [](auto& r) { r.mutable_update_mask()->add_paths("state"); });
  update("update: bad value in the mask", "meeting.title",
         [](auto& r) { r.mutable_meeting()->set_title(""); });
  update("update: missing meeting", "meeting", [](auto& r) { r.clear_meeting(); });
  update("update: bad name", "meeting.name",
         [](auto& r) { r.mutable_meeting()->set_name("meetings/a/b"); });
  update("update: summary for following meetings", "scope", [](auto& r) {
    r.mutable_update_mask()->add_paths("summary");
    r.set_scope(v1::SERIES_SCOPE_THIS_AND_FOLLOWING);
  });
  update("update: unknown scope", "scope",
         [](auto& r) { r.set_scope(static_cast<v1::SeriesScope>(7)); });
  return cases;
}

class MeetingBadInputTest : public BookingFixture {};

TEST_F(MeetingBadInputTest, EachIsInvalidArgumentNamingTheFieldAndWritesNothing) {
  SeedRooms(*stub_);
  v1::Meeting existing;
  ASSERT_TRUE(CreateMeeting(
                  *stub_, SampleMeeting("buildings/city-hall/rooms/301", Local(2, 9), Local(2, 11)),
                  &existing)
                  .ok());
  // Nothing changed, so nothing is published either (event_outbox).
  const std::vector<std::string> tables = {
      "meetings",    "meeting_attendees", "meeting_services", "meeting_history",
      "occupancies", "meeting_flags",     "idempotency_keys", "event_outbox"};
  ExpectEachRefusedAndNothingWritten(*stub_, BadInputs(existing.name()), database_, tables);
}

// Only the masked fields are checked: a bad value outside the mask is ignored, not an error.
TEST_F(MeetingBadInputTest, FieldsOutsideTheMaskAreNeitherCheckedNorWritten) {
  SeedRooms(*stub_);
  v1::Meeting existing;
  ASSERT_TRUE(CreateMeeting(*stub_, SampleMeeting("", Local(2, 9), Local(2, 11)), &existing).ok());
  v1::UpdateMeetingRequest request;
  *request.mutable_meeting() = existing;
  request.mutable_meeting()->set_title("");                 // invalid, but not masked
  request.mutable_meeting()->set_expected_participants(0);  // likewise
  request.mutable_meeting()->set_notes("请提前半小时到场");
  request.mutable_update_mask()->add_paths("notes");
  v1::UpdateMeetingResponse response;
  grpc::Status status = stub_->UpdateMeeting(CallContext().get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.meeting().title(), existing.title());
  EXPECT_EQ(response.meeting().expected_participants(), existing.expected_participants());
  EXPECT_EQ(response.meeting().notes(), "请提前半小时到场");
}

}  // namespace
}  // namespace huiwu::testing
