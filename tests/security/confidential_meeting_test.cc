// Confidential meetings (保密会议, issue 14), through real mTLS on the real booking service
// with the shipped policy and data-access file: callers without the right (dispatch,
// operators, another unit's system) see "内部会议" and the time and room in Get, List, the
// room schedule and the printed daily notice; admins, the meeting office and the
// organizer unit's own system see everything; a confidential meeting is archived only
// once each numbered copy of its materials is recovered or written off.
#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/api/timestamp.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "huiwu/booking/v1/booking_service.grpc.pb.h"
#include "huiwu/booking/v1/events.pb.h"
#include "services/booking/booking_spec.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/booking/outbox_test_util.h"
#include "tests/support/grpc_errors.h"
#include "tests/support/mtls_host.h"
#include "tests/support/service_fixture.h"
#include "tests/support/shipped_principals.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;

constexpr char kMeetingOffice[] = "spiffe://huiwu/office/secrecy";
constexpr char kSecretTitle[] = "预算调整方案审议";
constexpr char kRoom[] = "buildings/city-hall/rooms/301";

class ConfidentialMeetingTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    booking_ = std::make_unique<MtlsHost>();
    const absl::Status started = booking_->Start(booking::BookingServiceSpec(clock_, scheduling_),
                                                 "spiffe://huiwu/service/booking");
    ASSERT_TRUE(started.ok()) << started;
    SeedRooms(*Booking(kAdmin));
    secret_ = CreateSecret(Local(3, 9), Local(3, 10));
    ASSERT_TRUE(ConfirmMeeting(*Booking(kDispatch), secret_.name()).ok());
  }

  static void TearDownTestSuite() { booking_.reset(); }

  static std::unique_ptr<v1::BookingService::Stub> Booking(const std::string& principal) {
    return v1::BookingService::NewStub(booking_->ChannelAs(principal));
  }

  // A confidential notice of the finance bureau, filed by its own system.
  static v1::Meeting CreateSecret(absl::Time start, absl::Time end) {
    v1::Meeting meeting = SampleMeeting(kRoom, start, end);
    meeting.set_title(kSecretTitle);
    meeting.set_organizer_unit(kFinance);
    meeting.set_confidential(true);
    meeting.add_attendees()->set_name("王芳");
    meeting.add_agenda()->set_title("审议草案");
    meeting.set_materials("草案 20 份，编号发放");
    meeting.set_notes("不得携带手机入场");
    v1::ServiceRequest* banner = meeting.add_services();
    banner->set_kind(v1::SERVICE_KIND_BANNER);
    banner->set_notes("预算调整方案审议会");
    v1::Meeting created;
    const grpc::Status status = CreateMeeting(*Booking(kFinanceSystem), meeting, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created;
  }

  static v1::Meeting Get(const std::string& principal, const std::string& name) {
    v1::GetMeetingRequest request;
    request.set_name(name);
    v1::GetMeetingResponse response;
    const grpc::Status status =
        Booking(principal)->GetMeeting(CallContext().get(), request, &response);
    EXPECT_TRUE(status.ok()) << principal << ": " << status.error_message();
    return response.meeting();
  }

  static v1::BusyBlock ScheduleBlock(const std::string& principal, const std::string& name) {
    v1::GetRoomScheduleRequest request;
    request.set_room(kRoom);
    request.mutable_date()->set_year(2026);
    request.mutable_date()->set_month(12);
    request.mutable_date()->set_day(3);
    v1::GetRoomScheduleResponse response;
    const grpc::Status status =
        Booking(principal)->GetRoomSchedule(CallContext().get(), request, &response);
    EXPECT_TRUE(status.ok()) << principal << ": " << status.error_message();
    for (const v1::RoomSchedule& room : response.rooms()) {
      for (const v1::BusyBlock& block : room.busy()) {
        if (block.meeting() == name) return block;
      }
    }
    ADD_FAILURE() << name << " is not in " << principal << "'s schedule";
    return {};
  }

  // The room's iCalendar feed for the meeting's day, as `principal` gets it.
  static std::string RoomFeed(const std::string& principal) {
    v1::GetCalendarFeedRequest request;
    request.set_room(kRoom);
    for (auto* date : {request.mutable_start_date(), request.mutable_end_date()}) {
      date->set_year(2026);
      date->set_month(12);
      date->set_day(3);
    }
    v1::GetCalendarFeedResponse response;
    const grpc::Status status =
        Booking(principal)->GetCalendarFeed(CallContext().get(), request, &response);
    EXPECT_TRUE(status.ok()) << principal << ": " << status.error_message();
    return response.content();
  }

  static std::vector<v1::Meeting> List(const std::string& principal,
                                       const std::string& title_contains = "") {
    v1::ListMeetingsRequest request;
    request.set_title_contains(title_contains);
    v1::ListMeetingsResponse response;
    const grpc::Status status =
        Booking(principal)->ListMeetings(CallContext().get(), request, &response);
    EXPECT_TRUE(status.ok()) << principal << ": " << status.error_message();
    return {response.meetings().begin(), response.meetings().end()};
  }

  static void ExpectMasked(const v1::Meeting& m, const std::string& who) {
    EXPECT_EQ(m.title(), "内部会议") << who;
    EXPECT_EQ(m.agenda_size(), 0) << who;
    EXPECT_EQ(m.attendees_size(), 0) << who;
    EXPECT_EQ(m.materials(), "") << who;
    EXPECT_EQ(m.notes(), "") << who;
    for (const v1::ServiceRequest& service : m.services()) EXPECT_EQ(service.notes(), "") << who;
    EXPECT_TRUE(m.confidential()) << who;
    // The room is still busy, and seen to be.
    EXPECT_EQ(m.room(), kRoom) << who;
    EXPECT_EQ(api::FromTimestamp(m.start_time()), Local(3, 9)) << who;
    EXPECT_EQ(api::FromTimestamp(m.end_time()), Local(3, 10)) << who;
  }

  static inline std::unique_ptr<MtlsHost> booking_;
  static inline ManualClock clock_{DefaultTestNow()};
  static inline booking::SchedulingPolicy scheduling_;
  static inline v1::Meeting secret_;
};

TEST_F(ConfidentialMeetingTest, CallersWithoutTheRightSeeInternalMeetingAndTheTimeAndRoom) {
  for (const char* who : {kDispatch, kOperator}) {
    ExpectMasked(Get(who, secret_.name()), who);
    bool listed = false;
    for (const v1::Meeting& m : List(who)) {
      if (m.name() != secret_.name()) continue;
      listed = true;
      ExpectMasked(m, who);
    }
    EXPECT_TRUE(listed) << who;
    const v1::BusyBlock block = ScheduleBlock(who, secret_.name());
    EXPECT_EQ(block.title(), "内部会议") << who;
    EXPECT_EQ(api::FromTimestamp(block.start_time()), Local(3, 8, 30)) << who;
    // A title search does not find what the title would tell.
    EXPECT_TRUE(List(who, "预算").empty()) << who;
    // Nor does the calendar feed, which is text and masked apart from the messages.
    const std::string feed = RoomFeed(who);
    EXPECT_THAT(feed, ::testing::HasSubstr("SUMMARY:内部会议")) << who;
    EXPECT_THAT(feed, ::testing::Not(::testing::HasSubstr(kSecretTitle))) << who;
  }
}

TEST_F(ConfidentialMeetingTest, AdminsTheMeetingOfficeAndTheOrganizerUnitSeeEverything) {
  for (const char* who : {kAdmin, kMeetingOffice, kFinanceSystem}) {
    const v1::Meeting m = Get(who, secret_.name());
    EXPECT_EQ(m.title(), kSecretTitle) << who;
    EXPECT_EQ(m.agenda_size(), 1) << who;
    EXPECT_EQ(m.materials(), "草案 20 份，编号发放") << who;
    EXPECT_EQ(m.notes(), "不得携带手机入场") << who;
    const std::vector<v1::Meeting> found = List(who, "预算");
    EXPECT_FALSE(found.empty()) << who;
    for (const v1::Meeting& m : found) EXPECT_EQ(m.title(), kSecretTitle) << who;
  }
  for (const char* who : {kAdmin, kMeetingOffice}) {
    EXPECT_EQ(ScheduleBlock(who, secret_.name()).title(), kSecretTitle) << who;
  }
  // The meeting office is not given feeds by the policy; an admin's feed has the title.
  EXPECT_THAT(RoomFeed(kAdmin), ::testing::HasSubstr(absl::StrCat("SUMMARY:", kSecretTitle)));
}

TEST_F(ConfidentialMeetingTest, AnotherUnitsSystemSeesItMaskedWhenMarkedByUpdate) {
  v1::Meeting meeting = SampleMeeting("buildings/city-hall/rooms/302", Local(3, 14), Local(3, 15));
  meeting.set_title("项目评审会");
  meeting.set_organizer_unit(kReform);
  v1::Meeting created;
  ASSERT_TRUE(CreateMeeting(*Booking(kReformSystem), meeting, &created).ok());
  EXPECT_EQ(Get(kDispatch, created.name()).title(), "项目评审会");

  v1::UpdateMeetingRequest update;
  update.mutable_meeting()->set_name(created.name());
  update.mutable_meeting()->set_confidential(true);
  update.mutable_update_mask()->add_paths("confidential");
  v1::UpdateMeetingResponse updated;
  const grpc::Status status =
      Booking(kReformSystem)->UpdateMeeting(CallContext().get(), update, &updated);
  ASSERT_TRUE(status.ok()) << status.error_message();
  // The unit's own system still sees its meeting; dispatch no longer does.
  EXPECT_EQ(updated.meeting().title(), "项目评审会");
  EXPECT_TRUE(updated.meeting().confidential());
  EXPECT_EQ(Get(kDispatch, created.name()).title(), "内部会议");
}

TEST_F(ConfidentialMeetingTest, ThePrintedDailyNoticeKeepsTheTitleOff) {
  v1::GetDailyServiceNoticeRequest request;
  request.mutable_date()->set_year(2026);
  request.mutable_date()->set_month(12);
  request.mutable_date()->set_day(3);
  v1::GetDailyServiceNoticeResponse dispatch;
  ASSERT_TRUE(
      Booking(kDispatch)->GetDailyServiceNotice(CallContext().get(), request, &dispatch).ok());
  bool found = false;
  for (const v1::NoticeMeeting& m : dispatch.meetings()) {
    if (m.meeting() != secret_.name()) continue;
    found = true;
    EXPECT_EQ(m.title(), "内部会议");
    for (const v1::ServiceProgress& s : m.services()) EXPECT_EQ(s.notes(), "");
  }
  EXPECT_TRUE(found);
  EXPECT_FALSE(absl::StrContains(dispatch.rendered_html(), kSecretTitle));
  EXPECT_FALSE(absl::StrContains(dispatch.rendered_html(), "预算调整方案审议会"));
  EXPECT_TRUE(absl::StrContains(dispatch.rendered_html(), "内部会议"));

  v1::GetDailyServiceNoticeResponse admin;
  ASSERT_TRUE(Booking(kAdmin)->GetDailyServiceNotice(CallContext().get(), request, &admin).ok());
  EXPECT_TRUE(absl::StrContains(admin.rendered_html(), kSecretTitle));
}

// The event stream reaches every service of the center and other units' systems: it
// carries the meeting as a caller without the right sees it.
TEST_F(ConfidentialMeetingTest, EventsCarryTheMeetingMasked) {
  int confirmed = 0;
  for (const OutboxRow& event : ReadOutbox(booking_->database())) {
    if (event.type != "MeetingConfirmed") continue;
    const v1::Meeting m = event.PayloadAs<v1::MeetingConfirmed>().meeting();
    if (m.name() != secret_.name()) continue;
    ++confirmed;
    EXPECT_TRUE(m.confidential());
    EXPECT_EQ(m.title(), "内部会议");
    EXPECT_EQ(m.agenda_size(), 0);
    EXPECT_EQ(m.materials(), "");
    EXPECT_EQ(m.notes(), "");
    EXPECT_EQ(m.room(), kRoom);
    EXPECT_EQ(api::FromTimestamp(m.start_time()), Local(3, 9));
  }
  EXPECT_EQ(confirmed, 1);
}

v1::MaterialCopy Issue(v1::BookingService::Stub& stub, const std::string& meeting,
                       const std::string& number, const std::string& holder) {
  v1::IssueMaterialCopyRequest request;
  request.set_parent(meeting);
  request.mutable_material_copy()->set_number(number);
  request.mutable_material_copy()->set_holder(holder);
  request.mutable_material_copy()->set_holder_unit(kFinance);
  v1::IssueMaterialCopyResponse response;
  const grpc::Status status = stub.IssueMaterialCopy(CallContext().get(), request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return response.material_copy();
}

TEST_F(ConfidentialMeetingTest, ArchiveIsRefusedWhileACopyIsOutAndAllowedOnceEachIsAccountedFor) {
  const v1::Meeting meeting = CreateSecret(Local(4, 9), Local(4, 10));
  auto dispatch = Booking(kDispatch);
  auto admin = Booking(kAdmin);
  auto office = Booking(kMeetingOffice);
  ASSERT_TRUE(ConfirmMeeting(*dispatch, meeting.name()).ok());
  EXPECT_EQ(Issue(*office, meeting.name(), "2026-001", "王芳").state(),
            v1::MATERIAL_COPY_STATE_OUT);
  Issue(*office, meeting.name(), "2026-002", "李强");
  Issue(*Booking(kFinanceSystem), meeting.name(), "2026-003", "赵敏");

  clock_.Set(Local(4, 9));
  v1::StartMeetingRequest start;
  start.set_name(meeting.name());
  v1::StartMeetingResponse started;
  ASSERT_TRUE(admin->StartMeeting(CallContext().get(), start, &started).ok());
  clock_.Set(Local(4, 10));
  v1::CompleteMeetingRequest complete;
  complete.set_name(meeting.name());
  complete.mutable_summary()->set_actual_attendance(3);
  v1::CompleteMeetingResponse completed;
  ASSERT_TRUE(admin->CompleteMeeting(CallContext().get(), complete, &completed).ok());

  v1::ArchiveMeetingRequest archive;
  archive.set_name(meeting.name());
  v1::ArchiveMeetingResponse archived;
  grpc::Status refused = dispatch->ArchiveMeeting(CallContext().get(), archive, &archived);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  ErrorDetails details = DetailsOf(refused);
  EXPECT_EQ(details.reason, "MATERIAL_COPIES_OUT");
  EXPECT_EQ(details.metadata["count"], "3");
  EXPECT_EQ(details.metadata["copies"], "2026-001, 2026-002, 2026-003");
  EXPECT_TRUE(absl::StrContains(refused.error_message(), "2026-002")) << refused.error_message();

  // Dispatch may list the copies but, not seeing the meeting's content, not who holds them.
  v1::ListMaterialCopiesRequest list;
  list.set_parent(meeting.name());
  v1::ListMaterialCopiesResponse listed;
  ASSERT_TRUE(dispatch->ListMaterialCopies(CallContext().get(), list, &listed).ok());
  ASSERT_EQ(listed.material_copies_size(), 3);
  EXPECT_EQ(listed.out_count(), 3);
  EXPECT_EQ(listed.material_copies(0).number(), "2026-001");
  EXPECT_EQ(listed.material_copies(0).holder(), "");
  ASSERT_TRUE(office->ListMaterialCopies(CallContext().get(), list, &listed).ok());
  EXPECT_EQ(listed.material_copies(0).holder(), "王芳");

  v1::RecoverMaterialCopyRequest recover;
  recover.set_name(meeting.name() + "/materialCopies/2026-001");
  v1::RecoverMaterialCopyResponse recovered;
  ASSERT_TRUE(office->RecoverMaterialCopy(CallContext().get(), recover, &recovered).ok());
  EXPECT_EQ(recovered.material_copy().state(), v1::MATERIAL_COPY_STATE_RECOVERED);
  // Recovered once; a second recovery is refused, not recorded twice.
  const grpc::Status again = office->RecoverMaterialCopy(CallContext().get(), recover, &recovered);
  EXPECT_EQ(again.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(DetailsOf(again).reason, "MATERIAL_COPY_NOT_OUT");
  recover.set_name(meeting.name() + "/materialCopies/2026-003");
  ASSERT_TRUE(office->RecoverMaterialCopy(CallContext().get(), recover, &recovered).ok());

  refused = dispatch->ArchiveMeeting(CallContext().get(), archive, &archived);
  EXPECT_EQ(DetailsOf(refused).reason, "MATERIAL_COPIES_OUT");
  EXPECT_EQ(DetailsOf(refused).metadata["copies"], "2026-002");

  v1::WriteOffMaterialCopyRequest write_off;
  write_off.set_name(meeting.name() + "/materialCopies/2026-002");
  write_off.set_reason("持有人出差途中遗失，已报保密办");
  v1::WriteOffMaterialCopyResponse written_off;
  ASSERT_TRUE(office->WriteOffMaterialCopy(CallContext().get(), write_off, &written_off).ok());
  EXPECT_EQ(written_off.material_copy().state(), v1::MATERIAL_COPY_STATE_WRITTEN_OFF);
  EXPECT_EQ(written_off.material_copy().write_off_reason(), "持有人出差途中遗失，已报保密办");

  const grpc::Status ok = dispatch->ArchiveMeeting(CallContext().get(), archive, &archived);
  ASSERT_TRUE(ok.ok()) << ok.error_message();
  EXPECT_EQ(archived.meeting().state(), v1::MEETING_STATE_ARCHIVED);
  // An archived meeting is read-only: no more copies are handed out.
  v1::IssueMaterialCopyRequest late;
  late.set_parent(meeting.name());
  late.mutable_material_copy()->set_number("2026-004");
  late.mutable_material_copy()->set_holder("钱进");
  v1::IssueMaterialCopyResponse issued;
  const grpc::Status read_only = office->IssueMaterialCopy(CallContext().get(), late, &issued);
  EXPECT_EQ(read_only.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(DetailsOf(read_only).reason, "MEETING_READ_ONLY");
}

TEST_F(ConfidentialMeetingTest, ANumberIsHandedOutOnceAndAnotherUnitCannotTouchTheCopies) {
  auto office = Booking(kMeetingOffice);
  Issue(*office, secret_.name(), "x-1", "王芳");
  v1::IssueMaterialCopyRequest request;
  request.set_parent(secret_.name());
  request.mutable_material_copy()->set_number("x-1");
  request.mutable_material_copy()->set_holder("李强");
  v1::IssueMaterialCopyResponse response;
  const grpc::Status twice = office->IssueMaterialCopy(CallContext().get(), request, &response);
  EXPECT_EQ(twice.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(DetailsOf(twice).reason, "MATERIAL_COPY_EXISTS");
  // Another unit's system: the meeting does not exist for it.
  request.mutable_material_copy()->set_number("x-2");
  const grpc::Status other =
      Booking(kReformSystem)->IssueMaterialCopy(CallContext().get(), request, &response);
  EXPECT_EQ(other.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(DetailsOf(other).reason, "MEETING_NOT_FOUND");
}

}  // namespace
}  // namespace huiwu::testing
