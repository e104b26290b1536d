// Bad input to room rights and the waitlist: each INVALID_ARGUMENT naming the field
// (google.rpc.BadRequest), and nothing written.
#include <functional>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/booking/bad_input_util.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/booking/waitlist_test_util.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;

std::string Chinese(int characters) {
  std::string text;
  for (int i = 0; i < characters; ++i) text += "局";
  return text;
}

std::vector<BadInput> BadInputs(const v1::Room& existing_room, const std::string& meeting) {
  using Stub = v1::BookingService::Stub;
  std::vector<BadInput> cases;
  auto create = [&](std::string what, std::string field, std::function<void(v1::Room&)> spoil) {
    v1::CreateRoomRequest r;
    r.set_parent("buildings/city-hall");
    r.set_room_id("vip");
    *r.mutable_room() = SampleRoom("贵宾室", 20);
    spoil(*r.mutable_room());
    cases.push_back(Case(what, field, &Stub::CreateRoom, r));
  };
  create("empty unit", "room.allowed_organizer_units[1]", [](v1::Room& room) {
    room.add_allowed_organizer_units("办公室");
    room.add_allowed_organizer_units("");
  });
  create("oversized unit", "room.allowed_organizer_units[0]",
         [](v1::Room& room) { room.add_allowed_organizer_units(Chinese(101)); });
  create("line feed in a unit", "room.allowed_organizer_units[0]",
         [](v1::Room& room) { room.add_allowed_organizer_units("办公室\n外事办"); });
  create("duplicate unit", "room.allowed_organizer_units[1]", [](v1::Room& room) {
    room.add_allowed_organizer_units("办公室");
    room.add_allowed_organizer_units("办公室");
  });
  create("fifty-one units", "room.allowed_organizer_units", [](v1::Room& room) {
    for (int i = 0; i < 51; ++i) room.add_allowed_organizer_units(absl::StrCat("单位", i));
  });
  create("unknown kind", "room.allowed_kinds[0]",
         [](v1::Room& room) { room.add_allowed_kinds(static_cast<v1::MeetingKind>(42)); });
  create("unspecified kind", "room.allowed_kinds[0]",
         [](v1::Room& room) { room.add_allowed_kinds(v1::MEETING_KIND_UNSPECIFIED); });
  create("duplicate kind", "room.allowed_kinds[1]", [](v1::Room& room) {
    room.add_allowed_kinds(v1::MEETING_KIND_VIP_RECEPTION);
    room.add_allowed_kinds(v1::MEETING_KIND_VIP_RECEPTION);
  });
  create("unknown waitlist mode", "room.waitlist_mode",
         [](v1::Room& room) { room.set_waitlist_mode(static_cast<v1::WaitlistMode>(7)); });

  auto update = [&](std::string what, std::string field, std::string path,
                    std::function<void(v1::Room&)> spoil) {
    v1::UpdateRoomRequest r;
    *r.mutable_room() = existing_room;
    spoil(*r.mutable_room());
    r.mutable_update_mask()->add_paths(path);
    cases.push_back(Case(what, field, &Stub::UpdateRoom, r));
  };
  update("update: SQL metacharacters are fine but a tab is not", "room.allowed_organizer_units[0]",
         "allowed_organizer_units", [](v1::Room& room) {
           room.add_allowed_organizer_units("办公室\t'; DROP TABLE rooms; --");
         });
  update("update: unknown kind", "room.allowed_kinds[0]", "allowed_kinds",
         [](v1::Room& room) { room.add_allowed_kinds(static_cast<v1::MeetingKind>(-1)); });
  update("update: unknown waitlist mode", "room.waitlist_mode", "waitlist_mode",
         [](v1::Room& room) { room.set_waitlist_mode(static_cast<v1::WaitlistMode>(3)); });
  update("update: misspelled mask path", "update_mask.paths[0]", "allowed_unit", [](v1::Room&) {});

  auto wait = [&](std::string what, std::string field,
                  std::function<void(v1::WaitlistMeetingRequest&)> spoil) {
    v1::WaitlistMeetingRequest r;
    r.set_name(meeting);
    spoil(r);
    cases.push_back(Case(what, field, &Stub::WaitlistMeeting, r));
  };
  wait("empty name", "name", [](auto& r) { r.set_name(""); });
  wait("not a meeting name", "name", [](auto& r) { r.set_name("rooms/301"); });
  wait("SQL in the name", "name", [](auto& r) { r.set_name("meetings/x' OR '1'='1"); });
  wait("oversized etag", "etag", [](auto& r) { r.set_etag(std::string(65, 'e')); });
  wait("request_id with spaces", "request_id", [](auto& r) { r.set_request_id("a b"); });

  auto leave = [&](std::string what, std::string field,
                   std::function<void(v1::LeaveWaitlistRequest&)> spoil) {
    v1::LeaveWaitlistRequest r;
    r.set_name(meeting);
    spoil(r);
    cases.push_back(Case(what, field, &Stub::LeaveWaitlist, r));
  };
  leave("empty name", "name", [](auto& r) { r.set_name(""); });
  leave("oversized etag", "etag", [](auto& r) { r.set_etag(std::string(65, 'e')); });
  leave("request_id too long", "request_id",
        [](auto& r) { r.set_request_id(std::string(65, 'r')); });

  auto find = [&](std::string what, std::string field,
                  std::function<void(v1::FindAvailableRoomsRequest&)> spoil) {
    v1::FindAvailableRoomsRequest r;
    *r.mutable_start_time() = api::ToTimestamp(Local(4, 10));
    *r.mutable_end_time() = api::ToTimestamp(Local(4, 11));
    spoil(r);
    cases.push_back(Case(what, field, &Stub::FindAvailableRooms, r));
  };
  find("oversized organizer unit", "organizer_unit",
       [](auto& r) { r.set_organizer_unit(Chinese(101)); });
  find("unknown kind", "kind", [](auto& r) { r.set_kind(static_cast<v1::MeetingKind>(99)); });
  return cases;
}

class RoomRightsBadInputTest : public BookingFixture {};

TEST_F(RoomRightsBadInputTest, EachIsInvalidArgumentNamingTheFieldAndWritesNothing) {
  SeedRooms(*stub_);
  v1::Room room;
  ASSERT_TRUE(CreateRoom(*stub_, "city-hall", "303", SampleRoom("303会议室", 20), &room).ok());
  const std::string meeting =
      Notice(*stub_, SampleMeeting("buildings/city-hall/rooms/301", Local(3, 9), Local(3, 10)));
  ASSERT_FALSE(meeting.empty());
  const std::vector<std::string> tables = {
      "rooms",       "meetings", "meeting_history", "waitlist_entries", "idempotency_keys",
      "event_outbox"};
  ExpectEachRefusedAndNothingWritten(*stub_, BadInputs(room, meeting), database_, tables);
}

}  // namespace
}  // namespace huiwu::testing
