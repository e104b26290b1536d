#include "tools/bench/booking_bench.h"

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include <thread>
#include <utility>

#include "absl/memory/memory.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/barrier.h"
#include "absl/time/clock.h"
#include "common/api/timestamp.h"
#include "common/db/pool.h"
#include "common/time/center_zone.h"
#include "services/booking/booking_spec.h"
#include "services/safety/safety_spec.h"
#include "tools/bench/in_process.h"

namespace huiwu::bench {
namespace {

namespace v1 = booking::v1;

constexpr char kBuilding[] = "city-hall";
constexpr char kHotRoom[] = "buildings/city-hall/rooms/hot";
constexpr char kSignInRoom[] = "buildings/city-hall/rooms/sign-in";

v1::Meeting Notice(const std::string& room, absl::Time start, int attendees) {
  v1::Meeting meeting;
  meeting.set_title("周例会");
  meeting.set_kind(v1::MEETING_KIND_INTERNAL);
  meeting.set_organizer_unit("办公室");
  meeting.mutable_contact()->set_name("王敏");
  meeting.mutable_contact()->set_phone("0571-8888 1234");
  *meeting.mutable_start_time() = api::ToTimestamp(start);
  *meeting.mutable_end_time() = api::ToTimestamp(start + absl::Hours(1));
  meeting.set_room(room);
  meeting.set_expected_participants(std::max(attendees, 10));
  for (int i = 0; i < attendees; ++i) {
    v1::Attendee* attendee = meeting.add_attendees();
    attendee->set_id(absl::StrCat("a-", i));
    attendee->set_name(absl::StrCat("参会人", i));
    attendee->set_unit("办公室");
  }
  if (attendees > 0) {
    for (int i = 0; i < 3; ++i) {
      v1::AgendaItem* item = meeting.add_agenda();
      item->set_title(absl::StrCat("议题", i + 1));
      item->set_presenter("王敏");
      item->set_minutes(20);
    }
  }
  return meeting;
}

}  // namespace

absl::StatusOr<std::unique_ptr<BookingBench>> BookingBench::Start(
    const config::ServerConfig& server, const std::string& prefix, int rooms) {
  auto bench = absl::WrapUnique(new BookingBench());
  const absl::Status dropped = DropDatabases(
      server.database, {absl::StrCat(prefix, "_booking"), absl::StrCat(prefix, "_safety")});
  if (!dropped.ok()) return dropped;
  // Sign-in opens an hour before the start: the bench books its sign-in meeting at half
  // an hour's notice (the center's default for internal meetings is two hours).
  const absl::Status limits = bench->policy_.SetLimits(
      booking::MeetingKind::kInternal,
      {absl::Minutes(30), absl::Hours(24 * 180), absl::Hours(12), absl::Minutes(30)});
  if (!limits.ok()) return limits;

  auto safety = server::ServiceHost::Start(safety::SafetyServiceSpec(bench->clock_),
                                           InProcessConfig(server, absl::StrCat(prefix, "_safety")),
                                           absl::Seconds(30));
  if (!safety.ok()) return safety.status();
  bench->safety_ = std::move(*safety);

  bench->booking_config_ = InProcessConfig(server, absl::StrCat(prefix, "_booking"));
  bench->booking_config_.peers.safety = absl::StrCat("127.0.0.1:", bench->safety_->grpc_port());
  auto booking =
      server::ServiceHost::Start(booking::BookingServiceSpec(bench->clock_, bench->policy_),
                                 bench->booking_config_, absl::Seconds(30));
  if (!booking.ok()) return booking.status();
  bench->booking_ = std::move(*booking);
  bench->stub_ = v1::BookingService::NewStub(LoopbackChannel(bench->booking_->grpc_port()));

  v1::CreateBuildingRequest building;
  building.set_building_id(kBuilding);
  building.mutable_building()->set_display_name("市政府大楼");
  v1::CreateBuildingResponse building_created;
  grpc::Status status =
      bench->stub_->CreateBuilding(CallContext().get(), building, &building_created);
  if (!status.ok()) return absl::InternalError("CreateBuilding: " + status.error_message());
  std::vector<std::string> ids;
  for (int i = 0; i < rooms; ++i) ids.push_back(absl::StrCat("r", i));
  ids.push_back("hot");
  ids.push_back("sign-in");
  for (const std::string& id : ids) {
    v1::CreateRoomRequest request;
    request.set_parent(absl::StrCat("buildings/", kBuilding));
    request.set_room_id(id);
    v1::Room* room = request.mutable_room();
    room->set_display_name(absl::StrCat(id, "会议室"));
    room->set_floor(3);
    room->set_capacity(20 + 10 * (static_cast<int>(bench->rooms_.size()) % 5));
    room->add_seating_layouts(v1::SEATING_LAYOUT_BOARDROOM);
    room->add_equipment(v1::EQUIPMENT_PROJECTOR);
    room->set_default_setup_minutes(30);
    room->set_default_cleanup_minutes(30);
    v1::CreateRoomResponse created;
    status = bench->stub_->CreateRoom(CallContext().get(), request, &created);
    if (!status.ok()) return absl::InternalError("CreateRoom: " + status.error_message());
    if (id != "hot" && id != "sign-in") bench->rooms_.push_back(created.room().name());
  }
  // Reads on the day after tomorrow, writes from the day after.
  const absl::CivilDay today = absl::ToCivilDay(absl::Now(), CenterTimeZone());
  bench->read_day_start_ = absl::FromCivil(today + 2, CenterTimeZone());
  bench->first_slot_ = absl::FromCivil(today + 3, CenterTimeZone());
  return bench;
}

BookingBench::~BookingBench() { Shutdown(); }

void BookingBench::Shutdown() {
  if (unobserved_ != nullptr) unobserved_->Shutdown(absl::Seconds(2));
  if (booking_ != nullptr) booking_->Shutdown(absl::Seconds(2));
  if (safety_ != nullptr) safety_->Shutdown(absl::Seconds(2));
}

grpc::Status BookingBench::Create(absl::Time start, const std::string& room, std::string* name) {
  v1::CreateMeetingRequest request;
  *request.mutable_meeting() = Notice(room, start, 0);
  v1::CreateMeetingResponse response;
  grpc::Status status = stub_->CreateMeeting(CallContext().get(), request, &response);
  if (status.ok()) *name = response.meeting().name();
  return status;
}

void BookingBench::NextSlot(std::string* room, absl::Time* start) {
  const int64_t slot = next_slot_.fetch_add(1);
  *room = rooms_[slot % rooms_.size()];
  *start = first_slot_ + absl::Hours(2 * (slot / static_cast<int64_t>(rooms_.size())));
}

absl::Status BookingBench::SeedReads(int count) {
  for (int i = 0; i < count; ++i) {
    v1::CreateMeetingRequest create;
    // 08:00–20:00 of the read day, two hours apart in each room.
    const int per_room_slots = 6;
    const absl::Time start =
        read_day_start_ + absl::Hours(8) +
        absl::Hours(2 * ((i / static_cast<int>(rooms_.size())) % per_room_slots));
    if (i >= static_cast<int>(rooms_.size()) * per_room_slots) break;
    *create.mutable_meeting() = Notice(rooms_[i % rooms_.size()], start, 10);
    v1::CreateMeetingResponse created;
    grpc::Status status = stub_->CreateMeeting(CallContext().get(), create, &created);
    if (!status.ok()) return absl::InternalError("seeding: " + status.error_message());
    v1::ConfirmMeetingRequest confirm;
    confirm.set_name(created.meeting().name());
    v1::ConfirmMeetingResponse confirmed;
    status = stub_->ConfirmMeeting(CallContext().get(), confirm, &confirmed);
    if (!status.ok()) return absl::InternalError("seeding: " + status.error_message());
    read_meetings_.push_back(created.meeting().name());
  }
  return absl::OkStatus();
}

CallFn BookingBench::GetRoom() {
  return [this](int caller, int64_t n, std::string* label) {
    v1::GetRoomRequest request;
    request.set_name(rooms_[(caller + n) % rooms_.size()]);
    v1::GetRoomResponse response;
    return Labelled(stub_->GetRoom(CallContext().get(), request, &response), label);
  };
}

absl::Status BookingBench::StartUnobserved() {
  config::ServerConfig config = booking_config_;
  config.observe_calls = false;
  auto host = server::ServiceHost::Start(booking::BookingServiceSpec(clock_, policy_), config,
                                         absl::Seconds(30));
  if (!host.ok()) return host.status();
  unobserved_ = std::move(*host);
  unobserved_stub_ = v1::BookingService::NewStub(LoopbackChannel(unobserved_->grpc_port()));
  return absl::OkStatus();
}

CallFn BookingBench::GetRoomUnobserved() {
  return [this](int caller, int64_t n, std::string* label) {
    v1::GetRoomRequest request;
    request.set_name(rooms_[(caller + n) % rooms_.size()]);
    v1::GetRoomResponse response;
    return Labelled(unobserved_stub_->GetRoom(CallContext().get(), request, &response), label);
  };
}

CallFn BookingBench::GetMeeting() {
  return [this](int caller, int64_t n, std::string* label) {
    v1::GetMeetingRequest request;
    request.set_name(read_meetings_[(caller * 7 + n) % read_meetings_.size()]);
    v1::GetMeetingResponse response;
    return Labelled(stub_->GetMeeting(CallContext().get(), request, &response), label);
  };
}

CallFn BookingBench::ListMeetingsOfDay() {
  const absl::CivilDay day = absl::ToCivilDay(read_day_start_, CenterTimeZone());
  return [this, day](int, int64_t, std::string* label) {
    v1::ListMeetingsRequest request;
    request.mutable_date()->set_year(static_cast<int32_t>(day.year()));
    request.mutable_date()->set_month(day.month());
    request.mutable_date()->set_day(day.day());
    request.set_page_size(50);
    v1::ListMeetingsResponse response;
    return Labelled(stub_->ListMeetings(CallContext().get(), request, &response), label);
  };
}

CallFn BookingBench::FindAvailableRooms() {
  return [this](int caller, int64_t n, std::string* label) {
    v1::FindAvailableRoomsRequest request;
    const absl::Time start = read_day_start_ + absl::Hours(8 + (caller + n) % 10);
    *request.mutable_start_time() = api::ToTimestamp(start);
    *request.mutable_end_time() = api::ToTimestamp(start + absl::Hours(1));
    request.mutable_requirements()->set_min_capacity(25);
    v1::FindAvailableRoomsResponse response;
    return Labelled(stub_->FindAvailableRooms(CallContext().get(), request, &response), label);
  };
}

CallFn BookingBench::CreateMeeting() {
  return [this](int, int64_t, std::string* label) {
    std::string room;
    absl::Time start;
    NextSlot(&room, &start);
    std::string name;
    const grpc::Status status = Create(start, room, &name);
    if (status.ok()) {
      absl::MutexLock lock(&notices_mu_);
      notices_.push_back(std::move(name));
    }
    return Labelled(status, label);
  };
}

int64_t BookingBench::available_notices() const {
  absl::MutexLock lock(&notices_mu_);
  return static_cast<int64_t>(notices_.size()) - next_notice_.load();
}

CallFn BookingBench::ConfirmNotices() {
  return [this](int, int64_t, std::string* label) {
    const int64_t index = next_notice_.fetch_add(1);
    std::string name;
    {
      absl::MutexLock lock(&notices_mu_);
      if (index >= static_cast<int64_t>(notices_.size())) {
        *label = "bench ran out of notices";
        return grpc::Status(grpc::StatusCode::CANCELLED, "no notice left");
      }
      name = notices_[index];
    }
    v1::ConfirmMeetingRequest request;
    request.set_name(name);
    v1::ConfirmMeetingResponse response;
    return Labelled(stub_->ConfirmMeeting(CallContext().get(), request, &response), label);
  };
}

CallFn BookingBench::CreateAndConfirm() {
  return [this](int, int64_t, std::string* label) {
    std::string room;
    absl::Time start;
    NextSlot(&room, &start);
    std::string name;
    grpc::Status status = Create(start, room, &name);
    if (!status.ok()) return Labelled(status, label);
    v1::ConfirmMeetingRequest request;
    request.set_name(name);
    v1::ConfirmMeetingResponse response;
    return Labelled(stub_->ConfirmMeeting(CallContext().get(), request, &response), label);
  };
}

grpc::Status BookingBench::CreateNotice(std::string* name) {
  std::string room;
  absl::Time start;
  NextSlot(&room, &start);
  return Create(start, room, name);
}

absl::Status BookingBench::OpenSignIn() {
  // Half an hour from now: sign-in is open (it opens an hour before the start).
  const absl::Time start = absl::Now() + absl::Minutes(31);
  grpc::Status status = Create(start, kSignInRoom, &sign_in_meeting_);
  if (status.ok()) {
    v1::ConfirmMeetingRequest request;
    request.set_name(sign_in_meeting_);
    v1::ConfirmMeetingResponse response;
    status = stub_->ConfirmMeeting(CallContext().get(), request, &response);
  }
  return status.ok() ? absl::OkStatus()
                     : absl::InternalError("opening sign-in: " + status.error_message());
}

CallFn BookingBench::SignIn() {
  return [this](int caller, int64_t n, std::string* label) {
    v1::SignInRequest request;
    request.set_meeting(sign_in_meeting_);
    request.mutable_walk_in()->set_name(absl::StrCat("来宾", caller, "-", n));
    request.mutable_walk_in()->set_unit("来访单位");
    v1::SignInResponse response;
    return Labelled(stub_->SignIn(CallContext().get(), request, &response), label);
  };
}

HotRoomResult BookingBench::HotRoom(int rounds, int callers) {
  HotRoomResult result;
  result.rounds = rounds;
  result.winners.callers = result.losers.callers = callers;
  const absl::Time first = first_slot_ + absl::Hours(24 * 150);
  for (int round = 0; round < rounds; ++round) {
    const absl::Time start = first + absl::Hours(2 * round);
    std::vector<std::string> notices(callers);
    bool created = true;
    for (int i = 0; i < callers; ++i)
      created = created && Create(start, kHotRoom, &notices[i]).ok();
    if (!created) continue;
    std::vector<grpc::Status> statuses(callers);
    std::vector<absl::Duration> took(callers);
    absl::Barrier* barrier = new absl::Barrier(callers);
    std::vector<std::thread> threads;
    for (int i = 0; i < callers; ++i) {
      threads.emplace_back([&, i] {
        if (barrier->Block()) delete barrier;
        v1::ConfirmMeetingRequest request;
        request.set_name(notices[i]);
        v1::ConfirmMeetingResponse response;
        const absl::Time sent = absl::Now();
        statuses[i] = stub_->ConfirmMeeting(CallContext().get(), request, &response);
        took[i] = absl::Now() - sent;
      });
    }
    for (std::thread& thread : threads) thread.join();
    int winners = 0;
    for (int i = 0; i < callers; ++i) {
      if (statuses[i].ok()) {
        ++winners;
        ++result.winners.ok;
        result.winners.latencies.Add(took[i]);
      } else if (ReasonOf(statuses[i]) == "ROOM_CONFLICT") {
        ++result.losers.ok;
        result.losers.latencies.Add(took[i]);
      } else {
        ++result.losers.errors[absl::StrCat(static_cast<int>(statuses[i].error_code()), " ",
                                            ReasonOf(statuses[i]))];
      }
    }
    if (winners == 1) ++result.rounds_with_one_winner;
  }
  db::ConnectionPool pool(booking_config_.database, nullptr);
  auto connection = pool.OpenConnection();
  if (connection.ok()) {
    try {
      (*connection)->SetAutocommit(true);
      std::unique_ptr<sql::Statement> statement((*connection)->raw().createStatement());
      std::unique_ptr<sql::ResultSet> rows(statement->executeQuery(
          "SELECT COUNT(*) FROM occupancies a JOIN occupancies b ON a.building_id = "
          "b.building_id AND a.room_id = b.room_id AND a.start_time < b.end_time AND "
          "b.start_time < a.end_time AND a.meeting_id < b.meeting_id"));
      if (rows->next()) result.overlapping_holds = rows->getInt64(1);
    } catch (const sql::SQLException& e) {
      result.overlapping_holds = -1;
    }
  }
  return result;
}

absl::Status BookingBench::LoadHistory(int64_t meetings) {
  db::ConnectionPool pool(booking_config_.database, nullptr);
  auto connection = pool.OpenConnection();
  if (!connection.ok()) return connection.status();
  (*connection)->SetAutocommit(true);
  const int64_t rooms = static_cast<int64_t>(rooms_.size());
  // Meeting k is in room r(k mod rooms), two hours before the previous one there, ending
  // a day before the read day: the rows a long-running center accumulates, in the
  // indexes every read and overlap check goes through. `seq` counts from 1.
  constexpr int64_t kChunk = 200000;
  for (int64_t from = 1; from <= meetings; from += kChunk) {
    const int64_t to = std::min(meetings, from + kChunk - 1);
    const std::string seq = absl::StrCat("seq_", from, "_to_", to);
    const std::string start = absl::StrCat(
        "TIMESTAMP('", absl::FormatTime("%Y-%m-%d %H:%M:%S", read_day_start_, absl::UTCTimeZone()),
        "') - INTERVAL 1 DAY - INTERVAL 2 * (seq DIV ", rooms, ") HOUR");
    const std::string room = absl::StrCat("CONCAT('r', seq % ", rooms, ")");
    for (const std::string& sql : {
             absl::StrCat(
                 "INSERT INTO meetings (meeting_id, title, kind, organizer_unit, contact_name, "
                 "contact_phone, start_time, end_time, building_id, room_id, "
                 "expected_participants, materials, safety_measures, notes, state, version, "
                 "create_time, update_time) SELECT CONCAT('h', seq), '历史会议', 1, '办公室', "
                 "'王敏', '0571-8888 1234', ",
                 start, ", ", start, " + INTERVAL 1 HOUR, '", kBuilding, "', ", room,
                 ", 10, '', '', '', 5, 1, UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM ", seq),
             absl::StrCat("INSERT INTO occupancies (meeting_id, building_id, room_id, start_time, "
                          "end_time) SELECT CONCAT('h', seq), '",
                          kBuilding, "', ", room, ", ", start, " - INTERVAL 30 MINUTE, ", start,
                          " + INTERVAL 90 MINUTE FROM ", seq),
         }) {
      const absl::Status loaded = ExecuteSql(**connection, sql);
      if (!loaded.ok()) return loaded;
    }
  }
  return ExecuteSql(**connection, "ANALYZE TABLE meetings, occupancies");
}

}  // namespace huiwu::bench
