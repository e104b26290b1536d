// What the per-method policy cannot say (issue 11), through real mTLS on the real booking
// service with the shipped policy and data-access file: an organizer unit's system sees
// and changes only its own unit's meetings — another unit's is NOT_FOUND, exactly as a
// meeting that does not exist, in Get, List, Update, Cancel, Reschedule, attendance,
// readiness and the event stream; personal data is masked for roles that do not need
// it; refusals are counted by caller.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/api/timestamp.h"
#include "gtest/gtest.h"
#include "huiwu/booking/v1/booking_service.grpc.pb.h"
#include "huiwu/booking/v1/events.pb.h"
#include "huiwu/events/v1/events.grpc.pb.h"
#include "services/booking/booking_spec.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/support/grpc_errors.h"
#include "tests/support/http_get.h"
#include "tests/support/mtls_host.h"
#include "tests/support/service_fixture.h"
#include "tests/support/shipped_principals.h"
#include "tests/support/sql_rows.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;

// Matches organizer/* but is bound to no unit.
constexpr char kUnboundSystem[] = "spiffe://huiwu/organizer/u-999";

class OrganizerScopeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    booking_ = std::make_unique<MtlsHost>();
    MtlsHost::Options options;
    options.metrics = true;  // the refusals are counted there
    const absl::Status started = booking_->Start(booking::BookingServiceSpec(clock_, scheduling_),
                                                 "spiffe://huiwu/service/booking", options);
    ASSERT_TRUE(started.ok()) << started;
    SeedRooms(*Booking(kAdmin));
    office_meeting_ = Create(kOfficeSystem, kOffice, Local(3, 9), Local(3, 10));
    reform_meeting_ = Create(kReformSystem, kReform, Local(3, 14), Local(3, 15));
  }

  static void TearDownTestSuite() { booking_.reset(); }

  static std::shared_ptr<grpc::Channel> ChannelAs(const std::string& principal) {
    return booking_->ChannelAs(principal);
  }
  static std::unique_ptr<v1::BookingService::Stub> Booking(const std::string& principal) {
    return v1::BookingService::NewStub(ChannelAs(principal));
  }

  // A notice of `unit` filed by `system`, with an attendee; its stored form.
  static v1::Meeting Create(const std::string& system, const std::string& unit, absl::Time start,
                            absl::Time end) {
    v1::Meeting meeting = SampleMeeting("buildings/city-hall/rooms/301", start, end);
    meeting.set_organizer_unit(unit);
    meeting.mutable_contact()->set_phone("13800138000");
    meeting.add_attendees()->set_name("王芳");
    v1::Meeting created;
    const grpc::Status status = CreateMeeting(*Booking(system), meeting, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created;
  }

  static v1::Meeting Stored(const std::string& name) {
    v1::GetMeetingRequest request;
    request.set_name(name);
    v1::GetMeetingResponse response;
    EXPECT_TRUE(Booking(kAdmin)->GetMeeting(CallContext().get(), request, &response).ok());
    return response.meeting();
  }

  // NOT_FOUND MEETING_NOT_FOUND naming `name` and nothing else: what a meeting that does
  // not exist gets.
  static void ExpectNotFound(const grpc::Status& status, const std::string& name) {
    EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << status.error_message();
    EXPECT_EQ(DetailsOf(status).reason, "MEETING_NOT_FOUND");
    EXPECT_EQ(status.error_message(),
              absl::StrCat(name, " does not exist; list meetings to find its name"));
  }

  static inline std::unique_ptr<MtlsHost> booking_;
  static inline ManualClock clock_{DefaultTestNow()};
  static inline booking::SchedulingPolicy scheduling_;
  static inline v1::Meeting office_meeting_;
  static inline v1::Meeting reform_meeting_;
};

TEST_F(OrganizerScopeTest, AUnitReadsItsOwnMeetingsAndAnotherUnitsAreNotFound) {
  auto reform = Booking(kReformSystem);
  v1::GetMeetingRequest get;
  v1::GetMeetingResponse got;
  get.set_name(reform_meeting_.name());
  ASSERT_TRUE(reform->GetMeeting(CallContext().get(), get, &got).ok());
  EXPECT_EQ(got.meeting().organizer_unit(), kReform);

  get.set_name(office_meeting_.name());
  ExpectNotFound(reform->GetMeeting(CallContext().get(), get, &got), office_meeting_.name());
  // The same answer as for a meeting that never existed: nothing tells them apart.
  get.set_name("meetings/m-nonexistent");
  ExpectNotFound(reform->GetMeeting(CallContext().get(), get, &got), "meetings/m-nonexistent");

  v1::GetAttendanceRequest attendance;
  attendance.set_meeting(office_meeting_.name());
  v1::GetAttendanceResponse attended;
  ExpectNotFound(reform->GetAttendance(CallContext().get(), attendance, &attended),
                 office_meeting_.name());
  v1::GetMeetingReadinessRequest readiness;
  readiness.set_name(office_meeting_.name());
  v1::GetMeetingReadinessResponse ready;
  ExpectNotFound(reform->GetMeetingReadiness(CallContext().get(), readiness, &ready),
                 office_meeting_.name());
}

TEST_F(OrganizerScopeTest, AUnitListsOnlyItsOwnMeetings) {
  v1::ListMeetingsRequest request;
  v1::ListMeetingsResponse response;
  ASSERT_TRUE(Booking(kReformSystem)->ListMeetings(CallContext().get(), request, &response).ok());
  ASSERT_GE(response.meetings_size(), 1);
  for (const v1::Meeting& meeting : response.meetings()) {
    EXPECT_EQ(meeting.organizer_unit(), kReform) << meeting.name();
  }
  // Asking for the other unit by name finds nothing, as if it had no meetings.
  request.set_organizer_unit(kOffice);
  response.Clear();
  ASSERT_TRUE(Booking(kReformSystem)->ListMeetings(CallContext().get(), request, &response).ok());
  EXPECT_EQ(response.meetings_size(), 0);
  // The dispatch hub sees both units.
  request.clear_organizer_unit();
  response.Clear();
  ASSERT_TRUE(Booking(kDispatch)->ListMeetings(CallContext().get(), request, &response).ok());
  std::vector<std::string> units;
  for (const v1::Meeting& meeting : response.meetings()) units.push_back(meeting.organizer_unit());
  EXPECT_NE(std::find(units.begin(), units.end(), kOffice), units.end());
  EXPECT_NE(std::find(units.begin(), units.end(), kReform), units.end());
}

TEST_F(OrganizerScopeTest, AUnitCannotChangeAnotherUnitsMeeting) {
  auto reform = Booking(kReformSystem);
  const v1::Meeting before = Stored(office_meeting_.name());

  v1::UpdateMeetingRequest update;
  update.mutable_meeting()->set_name(office_meeting_.name());
  update.mutable_meeting()->set_title("改掉别人的会议");
  update.mutable_update_mask()->add_paths("title");
  v1::UpdateMeetingResponse updated;
  ExpectNotFound(reform->UpdateMeeting(CallContext().get(), update, &updated),
                 office_meeting_.name());

  v1::CancelMeetingRequest cancel;
  cancel.set_name(office_meeting_.name());
  cancel.set_reason("不是我们的");
  v1::CancelMeetingResponse cancelled;
  ExpectNotFound(reform->CancelMeeting(CallContext().get(), cancel, &cancelled),
                 office_meeting_.name());

  v1::RescheduleMeetingRequest reschedule;
  reschedule.set_name(office_meeting_.name());
  *reschedule.mutable_start_time() = api::ToTimestamp(Local(4, 9));
  *reschedule.mutable_end_time() = api::ToTimestamp(Local(4, 10));
  v1::RescheduleMeetingResponse rescheduled;
  ExpectNotFound(reform->RescheduleMeeting(CallContext().get(), reschedule, &rescheduled),
                 office_meeting_.name());

  const v1::Meeting after = Stored(office_meeting_.name());
  EXPECT_EQ(after.etag(), before.etag());
  EXPECT_EQ(after.title(), before.title());
  EXPECT_EQ(after.state(), before.state());
  // Its own unit's system still can.
  update.mutable_meeting()->set_title("周例会（改）");
  ASSERT_TRUE(Booking(kOfficeSystem)->UpdateMeeting(CallContext().get(), update, &updated).ok());
  EXPECT_EQ(updated.meeting().title(), "周例会（改）");
}

TEST_F(OrganizerScopeTest, AUnitCannotFileOrHandOverAMeetingInAnotherUnitsName) {
  auto reform = Booking(kReformSystem);
  const int before =
      QueryRows(booking_->database().config(), "SELECT meeting_id FROM meetings").size();
  v1::Meeting notice = SampleMeeting("", Local(5, 9), Local(5, 10));
  notice.set_organizer_unit(kOffice);
  const grpc::Status created = CreateMeeting(*reform, notice);
  EXPECT_EQ(created.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(DetailsOf(created).reason, "OTHER_ORGANIZER_UNIT");
  EXPECT_TRUE(absl::StrContains(created.error_message(), "meeting.organizer_unit"))
      << created.error_message();
  EXPECT_EQ(QueryRows(booking_->database().config(), "SELECT meeting_id FROM meetings").size(),
            before);

  v1::UpdateMeetingRequest update;
  update.mutable_meeting()->set_name(reform_meeting_.name());
  update.mutable_meeting()->set_organizer_unit(kOffice);
  update.mutable_update_mask()->add_paths("organizer_unit");
  v1::UpdateMeetingResponse updated;
  const grpc::Status handed = reform->UpdateMeeting(CallContext().get(), update, &updated);
  EXPECT_EQ(handed.error_code(), grpc::StatusCode::PERMISSION_DENIED) << handed.error_message();
  EXPECT_EQ(Stored(reform_meeting_.name()).organizer_unit(), kReform);
}

TEST_F(OrganizerScopeTest, CenterWideViewsAreRefusedToAUnit) {
  v1::GetDailyServiceNoticeRequest notice;
  notice.mutable_date()->set_year(2026);
  notice.mutable_date()->set_month(12);
  notice.mutable_date()->set_day(3);
  v1::GetDailyServiceNoticeResponse response;
  const grpc::Status refused =
      Booking(kReformSystem)->GetDailyServiceNotice(CallContext().get(), notice, &response);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

// A unit's system the admin did not bind is refused every call, not given every unit.
TEST_F(OrganizerScopeTest, AnUnboundUnitSystemIsRefusedAndCountedByCaller) {
  v1::ListMeetingsRequest request;
  v1::ListMeetingsResponse response;
  const grpc::Status refused =
      Booking(kUnboundSystem)->ListMeetings(CallContext().get(), request, &response);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(DetailsOf(refused).reason, "NO_ORGANIZER_UNIT");
  EXPECT_EQ(response.meetings_size(), 0);
  // Both kinds of refusal, the policy's and the file's, counted under the caller.
  v1::ConfirmMeetingRequest confirm;
  confirm.set_name(reform_meeting_.name());
  v1::ConfirmMeetingResponse confirmed;
  EXPECT_EQ(
      Booking(kOperator)->ConfirmMeeting(CallContext().get(), confirm, &confirmed).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  const std::string metrics = HttpGet(booking_->host().metrics_port(), "/metrics");
  EXPECT_TRUE(absl::StrContains(
      metrics, absl::StrCat("huiwu_authz_refusals_total{caller=\"", kUnboundSystem, "\"} 1")))
      << metrics;
  EXPECT_TRUE(absl::StrContains(
      metrics, absl::StrCat("huiwu_authz_refusals_total{caller=\"", kOperator, "\"} 1")));
}

TEST_F(OrganizerScopeTest, PersonalDataIsMaskedForRolesThatDoNotNeedIt) {
  v1::GetMeetingRequest request;
  request.set_name(office_meeting_.name());
  v1::GetMeetingResponse seen_by_operator;
  ASSERT_TRUE(Booking(kOperator)->GetMeeting(CallContext().get(), request, &seen_by_operator).ok());
  EXPECT_EQ(seen_by_operator.meeting().contact().phone(), "138****8000");
  EXPECT_EQ(seen_by_operator.meeting().attendees_size(), 0);
  EXPECT_EQ(seen_by_operator.meeting().title(), Stored(office_meeting_.name()).title());

  v1::GetMeetingResponse seen_by_dispatch;
  ASSERT_TRUE(Booking(kDispatch)->GetMeeting(CallContext().get(), request, &seen_by_dispatch).ok());
  EXPECT_EQ(seen_by_dispatch.meeting().contact().phone(), "13800138000");
  EXPECT_EQ(seen_by_dispatch.meeting().attendees_size(), 1);

  // Lists too.
  v1::ListMeetingsRequest list;
  v1::ListMeetingsResponse listed;
  ASSERT_TRUE(Booking(kOperator)->ListMeetings(CallContext().get(), list, &listed).ok());
  ASSERT_GE(listed.meetings_size(), 1);
  for (const v1::Meeting& meeting : listed.meetings()) {
    EXPECT_TRUE(absl::StrContains(meeting.contact().phone(), "****")) << meeting.name();
  }

  // The seating plan (座次) and its documents name people: withheld from the operator, not
  // from the dispatch hub or the organizer unit; another unit's plan is NOT_FOUND.
  v1::GetSeatingPlanRequest seating;
  seating.set_meeting(office_meeting_.name());
  seating.mutable_layout()->set_rostrum_seats(3);
  v1::GetSeatingPlanResponse plan;
  ASSERT_TRUE(Booking(kOperator)->GetSeatingPlan(CallContext().get(), seating, &plan).ok());
  EXPECT_EQ(plan.seats_size(), 0);
  EXPECT_TRUE(plan.rendered_html().empty());
  EXPECT_TRUE(plan.nameplates_html().empty());
  EXPECT_EQ(plan.title(), Stored(office_meeting_.name()).title());
  for (const char* caller : {kDispatch, kOfficeSystem}) {
    v1::GetSeatingPlanResponse seen;
    ASSERT_TRUE(Booking(caller)->GetSeatingPlan(CallContext().get(), seating, &seen).ok());
    EXPECT_EQ(seen.seats_size(), 1) << caller;
    EXPECT_FALSE(seen.nameplates_html().empty()) << caller;
  }
  v1::GetSeatingPlanResponse other;
  EXPECT_EQ(
      Booking(kReformSystem)->GetSeatingPlan(CallContext().get(), seating, &other).error_code(),
      grpc::StatusCode::NOT_FOUND);
}

// A unit's system following booking's events gets its own unit's, never another's: the
// other unit's notice was filed first, so it would be the first event sent if it were
// sent at all.
TEST_F(OrganizerScopeTest, AUnitsEventStreamCarriesOnlyItsOwnMeetings) {
  auto events = events::v1::EventService::NewStub(ChannelAs(kReformSystem));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  events::v1::StreamEventsRequest request;
  auto stream = events->StreamEvents(&context, request);
  events::v1::StreamEventsResponse response;
  bool saw_own = false;
  while (!saw_own && stream->Read(&response)) {
    for (const events::v1::Event& event : response.events()) {
      EXPECT_NE(std::find(event.subjects().begin(), event.subjects().end(),
                          absl::StrCat("organizerUnits/", kReform)),
                event.subjects().end())
          << event.type() << " cursor " << event.cursor();
      EXPECT_EQ(std::find(event.subjects().begin(), event.subjects().end(), office_meeting_.name()),
                event.subjects().end());
      saw_own = saw_own || std::find(event.subjects().begin(), event.subjects().end(),
                                     reform_meeting_.name()) != event.subjects().end();
    }
  }
  EXPECT_TRUE(saw_own);
  context.TryCancel();
  stream->Finish();
}

// Room rights: an organizer unit's system searches as its own unit, so a room kept for
// another unit is no answer to it; it cannot search as another unit.
TEST_F(OrganizerScopeTest, AUnitsSearchLeavesOutRoomsKeptForOtherUnits) {
  v1::Room kept = SampleRoom("贵宾室", 20);
  kept.add_allowed_organizer_units(kOffice);
  ASSERT_TRUE(CreateRoom(*Booking(kAdmin), "city-hall", "kept-for-office", kept).ok());
  const std::string kept_name = "buildings/city-hall/rooms/kept-for-office";
  const auto free_rooms = [](const std::string& system, const std::string& unit,
                             grpc::Status* status) {
    v1::FindAvailableRoomsRequest request;
    *request.mutable_start_time() = api::ToTimestamp(Local(5, 10));
    *request.mutable_end_time() = api::ToTimestamp(Local(5, 11));
    request.set_organizer_unit(unit);
    request.set_max_results(50);
    v1::FindAvailableRoomsResponse response;
    *status = Booking(system)->FindAvailableRooms(CallContext().get(), request, &response);
    std::vector<std::string> names;
    for (const v1::AvailableRoom& room : response.rooms()) names.push_back(room.room().name());
    return names;
  };
  grpc::Status status;
  std::vector<std::string> reform = free_rooms(kReformSystem, "", &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(std::count(reform.begin(), reform.end(), kept_name), 0);
  EXPECT_EQ(std::count(reform.begin(), reform.end(), "buildings/city-hall/rooms/301"), 1);
  std::vector<std::string> office = free_rooms(kOfficeSystem, "", &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(std::count(office.begin(), office.end(), kept_name), 1);
  free_rooms(kReformSystem, kOffice, &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << status.error_message();
}

}  // namespace
}  // namespace huiwu::testing
