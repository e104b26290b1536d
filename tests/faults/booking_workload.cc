#include "tests/faults/booking_workload.h"

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "huiwu/booking/v1/booking_service.grpc.pb.h"
#include "tests/booking/catalog_test_util.h"
#include "tests/booking/meeting_race_util.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/faults/fault_util.h"
#include "tests/support/grpc_errors.h"
#include "tests/support/sql_rows.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;
using Stub = v1::BookingService::Stub;

v1::CreateMeetingRequest CreateRequest(const BookingRecord& record) {
  v1::CreateMeetingRequest create;
  *create.mutable_meeting() =
      SampleMeeting(record.room, record.start, record.start + absl::Hours(1));
  create.mutable_meeting()->set_title(record.title);
  create.set_request_id(absl::StrCat("create-", record.title));
  return create;
}

v1::ConfirmMeetingRequest ConfirmRequest(const BookingRecord& record) {
  v1::ConfirmMeetingRequest confirm;
  confirm.set_name(record.meeting);
  confirm.set_request_id(absl::StrCat("confirm-", record.title));
  return confirm;
}

}  // namespace

void BookingWorkload::Seed(const std::shared_ptr<grpc::Channel>& channel,
                           const config::DatabaseConfig&) {
  Stub stub(channel);
  EXPECT_TRUE(CreateBuilding(stub, "city-hall", "市政府大楼").ok());
  rooms_.clear();
  for (const char* room : {"301", "302", "303", "304"}) {
    EXPECT_TRUE(
        CreateRoom(stub, "city-hall", room, SampleRoom(absl::StrCat(room, "会议室"), 30)).ok());
    rooms_.push_back(absl::StrCat("buildings/city-hall/rooms/", room));
  }
  first_slot_ = FirstFaultSlot();
}

void BookingWorkload::RunUnit(FaultCaller& caller, int n) {
  const int worker = caller.worker();
  std::mt19937 random(worker * 1000003 + n);
  BookingRecord record;
  record.title = absl::StrCat("fault-", worker, "-", n);
  record.room = rooms_[(worker + n) % rooms_.size()];
  record.start =
      first_slot_ + absl::Hours(std::uniform_int_distribution<int>(0, kSlots - 1)(random));

  v1::CreateMeetingResponse created;
  const grpc::Status create_status =
      Call(caller, &Stub::CreateMeeting, CreateRequest(record), &created);
  if (create_status.ok()) {
    record.created = true;
    record.meeting = created.meeting().name();
  } else if (!Retryable(create_status)) {
    caller.Unexpected("CreateMeeting", create_status);
  }
  if (record.created && !caller.stopping()) {
    v1::ConfirmMeetingResponse confirmed;
    const grpc::Status confirm_status =
        Call(caller, &Stub::ConfirmMeeting, ConfirmRequest(record), &confirmed);
    if (confirm_status.ok()) {
      record.confirmed = true;
    } else if (confirm_status.error_code() == grpc::StatusCode::FAILED_PRECONDITION &&
               DetailsOf(confirm_status).reason == "ROOM_CONFLICT") {
      record.refused = true;
    } else if (!Retryable(confirm_status)) {
      caller.Unexpected("ConfirmMeeting", confirm_status);
    }
  }
  records_.Add(worker, std::move(record));
}

FaultAudit BookingWorkload::Audit(const config::DatabaseConfig& database) {
  FaultAudit audit;
  audit.writes = "bookings";
  // title → the meetings stored under it, and which of them hold their room.
  std::map<std::string, std::vector<std::string>> stored;
  for (const std::string& row :
       QueryRows(database, "SELECT title, meeting_id FROM meetings WHERE title LIKE 'fault-%'")) {
    std::vector<std::string> columns = absl::StrSplit(row, '|');
    stored[columns[0]].push_back(absl::StrCat("meetings/", columns[1]));
  }
  std::set<std::string> holding;
  for (const std::string& id : QueryRows(database, "SELECT meeting_id FROM occupancies")) {
    holding.insert(absl::StrCat("meetings/", id));
  }
  int64_t phantom = 0;
  for (const BookingRecord& record : records_.All()) {
    const auto it = stored.find(record.title);
    const std::vector<std::string> none;
    const std::vector<std::string>& meetings = it != stored.end() ? it->second : none;
    if (meetings.size() > 1) {
      audit.duplicated += static_cast<int64_t>(meetings.size()) - 1;
      audit.Problem(absl::StrCat(record.title, " stored ", meetings.size(),
                                 " times: ", absl::StrJoin(meetings, ", ")));
    }
    if (!record.created) continue;
    ++audit.acknowledged;
    if (std::find(meetings.begin(), meetings.end(), record.meeting) == meetings.end()) {
      ++audit.lost;
      audit.Problem(absl::StrCat(record.title, ": created as ", record.meeting, ", not stored"));
    } else if (record.confirmed && holding.count(record.meeting) == 0) {
      ++audit.lost;
      audit.Problem(absl::StrCat(record.title, ": ", record.meeting, " confirmed, holds no room"));
    } else if (record.refused && holding.count(record.meeting) != 0) {
      ++phantom;
      audit.Problem(
          absl::StrCat(record.title, ": ", record.meeting, " refused, yet holds its room"));
    }
  }
  audit.invariants = {{"refused yet stored", phantom},
                      {"overlapping holds", QueryInt(database, kOverlappingHolds)}};
  return audit;
}

int BookingWorkload::Replay(const std::shared_ptr<grpc::Channel>& channel) {
  Stub stub(channel);
  int replayed = 0;
  for (const BookingRecord& record : records_.All()) {
    if (!record.created) continue;
    SCOPED_TRACE(record.title);
    v1::CreateMeetingResponse created;
    const grpc::Status create =
        stub.CreateMeeting(CallContext().get(), CreateRequest(record), &created);
    EXPECT_TRUE(create.ok()) << create.error_message();
    EXPECT_EQ(created.meeting().name(), record.meeting);
    ++replayed;
    if (record.confirmed) {
      v1::ConfirmMeetingResponse confirmed;
      const grpc::Status confirm =
          stub.ConfirmMeeting(CallContext().get(), ConfirmRequest(record), &confirmed);
      EXPECT_TRUE(confirm.ok()) << confirm.error_message();
      EXPECT_EQ(confirmed.meeting().state(), v1::MEETING_STATE_CONFIRMED);
      ++replayed;
    }
  }
  return replayed;
}

}  // namespace huiwu::testing
