// One meeting through the four real service binaries, as the center runs it: notice →
// confirm (clearance asked of safety) → staff assigned and kit reserved (from booking's
// events) → sign-in → complete → disinfection due (the room is blocked for the next
// meeting) → disinfection done → kit settled; and what happens when a service is down
// or killed at the wrong moment.
#include <gtest/gtest.h>

#include <set>

#include "absl/strings/str_cat.h"
#include "common/time/center_zone.h"
#include "huiwu/safety/v1/events.pb.h"
#include "tests/e2e/flow_util.h"
#include "tests/support/audit_trail.h"
#include "tests/support/call_context.h"
#include "tests/support/grpc_errors.h"
#include "tests/support/poll.h"

namespace huiwu::testing {
namespace {

namespace bv1 = booking::v1;

constexpr absl::Duration kFlowTimeout = absl::Seconds(30);

class MeetingFlowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(suite_.StartAll()) << suite_.Log("booking") << suite_.Log("staffing")
                                   << suite_.Log("inventory") << suite_.Log("safety");
    std::string log;
    ASSERT_TRUE(suite_.Seed(&log)) << log;
    stubs_ = std::make_unique<Stubs>(suite_);
  }

  bv1::Meeting Create(const std::string& title, absl::Time start) {
    bv1::CreateMeetingResponse response;
    grpc::Status status = stubs_->booking->CreateMeeting(
        CallContext().get(), VideoNotice(title, start, "e2e-" + std::to_string(++requests_)),
        &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.meeting();
  }

  grpc::Status Confirm(const std::string& meeting, bv1::Meeting* confirmed = nullptr) {
    bv1::ConfirmMeetingRequest request;
    request.set_name(meeting);
    bv1::ConfirmMeetingResponse response;
    grpc::Status status = stubs_->booking->ConfirmMeeting(CallContext().get(), request, &response);
    if (confirmed != nullptr) *confirmed = response.meeting();
    return status;
  }

  std::vector<staffing::v1::Assignment> Assignments(const std::string& meeting) {
    staffing::v1::ListAssignmentsRequest request;
    request.set_parent(meeting);
    request.set_page_size(200);
    staffing::v1::ListAssignmentsResponse response;
    grpc::Status status =
        stubs_->staffing->ListAssignments(CallContext().get(), request, &response);
    if (!status.ok()) return {};
    return {response.assignments().begin(), response.assignments().end()};
  }

  // The staffing database's own view: assignments of `meeting`, and distinct people.
  std::pair<int64_t, int64_t> AssignmentRows(const std::string& meeting_id);

  // Events of `type` about `meeting` in `service`'s outbox (a stream never ends, so a
  // count of what is there is read from the database).
  int64_t PublishedAbout(const std::string& service, const std::string& type,
                         const std::string& meeting) {
    return suite_.database(service).QueryInt(
        absl::StrCat("SELECT COUNT(*) FROM event_outbox WHERE type = '", type,
                     "' AND CONCAT(subjects, '\n') LIKE '%", meeting, "\n%'"));
  }

  // "Method outcome" of every audit record `service` holds about `resource`, oldest
  // first: a mutation is exactly one record, a refusal one of its own.
  template <typename Request, typename Response, typename Stub>
  std::vector<std::string> AuditOf(Stub& stub, const std::string& resource) {
    std::vector<std::string> seen;
    Request request;
    request.set_resource(resource);
    request.set_page_size(500);
    Response response;
    grpc::Status status = stub.ListAuditRecords(CallContext().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    for (const auto& record : response.audit_records()) {
      seen.insert(seen.begin(), absl::StrCat(record.method().substr(record.method().rfind('/') + 1),
                                             " ", record.outcome()));
    }
    return seen;
  }

  Suite suite_;
  std::unique_ptr<Stubs> stubs_;
  int requests_ = 0;
};

std::string IdOf(const std::string& name) { return name.substr(name.rfind('/') + 1); }

TEST_F(MeetingFlowTest, OneMeetingThroughTheWholeCenter) {
  const absl::Time start = WeekdayAhead(2, 10);
  bv1::Meeting meeting = Create("市政府常务会议（视频）", start);
  ASSERT_EQ(meeting.state(), bv1::MEETING_STATE_SUBMITTED);

  bv1::Meeting confirmed;
  grpc::Status confirm = Confirm(meeting.name(), &confirmed);
  ASSERT_TRUE(confirm.ok()) << confirm.error_message();
  EXPECT_EQ(confirmed.state(), bv1::MEETING_STATE_CONFIRMED);

  // Staffing derives the requirement and assigns, from booking's MeetingConfirmed.
  ASSERT_TRUE(PollUntil([&] { return !Assignments(meeting.name()).empty(); }, kFlowTimeout))
      << suite_.Log("staffing");
  // Inventory reserves the video conference kit.
  ASSERT_TRUE(PollUntil(
      [&] {
        return !StreamedEvents(suite_, "inventory", "huiwu.inventory.v1.KitReserved",
                               meeting.name(), 1)
                    .empty();
      },
      kFlowTimeout))
      << suite_.Log("inventory");

  // Readiness asks staffing, inventory and safety in parallel.
  bv1::GetMeetingReadinessRequest readiness_request;
  readiness_request.set_name(meeting.name());
  bv1::GetMeetingReadinessResponse readiness;
  grpc::Status ready =
      stubs_->booking->GetMeetingReadiness(CallContext().get(), readiness_request, &readiness);
  ASSERT_TRUE(ready.ok()) << ready.error_message();
  EXPECT_EQ(readiness.readiness().room().status(), bv1::READINESS_STATUS_READY);
  EXPECT_EQ(readiness.readiness().clearance().status(), bv1::READINESS_STATUS_READY);
  EXPECT_NE(readiness.readiness().staffing().status(), bv1::READINESS_STATUS_UNKNOWN);
  // The video conference kit, reserved in full from the stock huiwuctl's demo data gives.
  EXPECT_EQ(readiness.readiness().supplies().status(), bv1::READINESS_STATUS_READY)
      << readiness.readiness().supplies().detail();
  EXPECT_EQ(readiness.readiness().supplies().kit(), meeting.name() + "/kit");
  EXPECT_EQ(readiness.readiness().supplies().kit_state(), "RESERVED");
  EXPECT_FALSE(readiness.readiness().supplies().lines().empty());
  // Nobody inspected the room yet: safety says so.
  EXPECT_EQ(readiness.readiness().inspection().status(), bv1::READINESS_STATUS_NOT_READY);

  // On the day (here: early): start, sign in, complete.
  bv1::StartMeetingRequest start_request;
  start_request.set_name(meeting.name());
  bv1::StartMeetingResponse started;
  ASSERT_TRUE(stubs_->booking->StartMeeting(CallContext().get(), start_request, &started).ok());
  bv1::SignInRequest sign_in;
  sign_in.set_meeting(meeting.name());
  sign_in.set_attendee_id("a-1");
  bv1::SignInResponse signed_in;
  grpc::Status sign = stubs_->booking->SignIn(CallContext().get(), sign_in, &signed_in);
  ASSERT_TRUE(sign.ok()) << sign.error_message();
  bv1::CompleteMeetingRequest complete;
  complete.set_name(meeting.name());
  complete.mutable_summary()->set_actual_attendance(11);
  bv1::CompleteMeetingResponse completed;
  ASSERT_TRUE(stubs_->booking->CompleteMeeting(CallContext().get(), complete, &completed).ok());

  // 一会一消毒: safety opens the disinfection task from MeetingCompleted.
  std::vector<huiwu::events::v1::Event> due =
      StreamedEvents(suite_, "safety", "huiwu.safety.v1.DisinfectionDue", meeting.name(), 1);
  ASSERT_EQ(due.size(), 1u) << suite_.Log("safety");
  safety::v1::DisinfectionDue task;
  ASSERT_TRUE(due[0].payload().UnpackTo(&task));

  // The next meeting in that room cannot be confirmed until the tea sets are done.
  bv1::Meeting next = Create("下午视频调度会", start + absl::Hours(4));
  grpc::Status blocked = Confirm(next.name());
  EXPECT_EQ(blocked.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(DetailsOf(blocked).reason, "ROOM_NOT_CLEARED") << blocked.error_message();

  safety::v1::CompleteDisinfectionRequest disinfect;
  disinfect.set_name(task.disinfection_task().name());
  disinfect.set_performer("staff/f-001");
  disinfect.set_method(safety::v1::DISINFECTION_METHOD_DISINFECTION_CABINET);
  safety::v1::CompleteDisinfectionResponse disinfected;
  grpc::Status done =
      stubs_->safety->CompleteDisinfection(CallContext().get(), disinfect, &disinfected);
  ASSERT_TRUE(done.ok()) << done.error_message();
  grpc::Status cleared = Confirm(next.name());
  EXPECT_TRUE(cleared.ok()) << cleared.error_message();

  // Inventory settles the kit from what the meeting used.
  EXPECT_EQ(StreamedEvents(suite_, "inventory", "huiwu.inventory.v1.KitSettled", meeting.name(), 1)
                .size(),
            1u)
      << suite_.Log("inventory");

  // The day's notice and the week's brief show it.
  const absl::CivilDay day = absl::ToCivilDay(start, CenterTimeZone());
  bv1::GetDailyServiceNoticeRequest notice_request;
  notice_request.mutable_date()->set_year(static_cast<int>(day.year()));
  notice_request.mutable_date()->set_month(day.month());
  notice_request.mutable_date()->set_day(day.day());
  bv1::GetDailyServiceNoticeResponse notice;
  grpc::Status noticed =
      stubs_->booking->GetDailyServiceNotice(CallContext().get(), notice_request, &notice);
  ASSERT_TRUE(noticed.ok()) << noticed.error_message();
  ASSERT_EQ(notice.meetings_size(), 2);
  EXPECT_EQ(notice.meetings(0).meeting(), meeting.name());
  EXPECT_EQ(notice.meetings(1).meeting(), next.name());
  const size_t first_at = notice.rendered_html().find(meeting.title());
  const size_t second_at = notice.rendered_html().find(next.title());
  ASSERT_NE(first_at, std::string::npos);
  ASSERT_NE(second_at, std::string::npos);
  EXPECT_LT(first_at, second_at) << "in time order on the printed notice";

  bv1::GetWeeklyBriefRequest brief_request;
  *brief_request.mutable_week() = notice_request.date();
  bv1::GetWeeklyBriefResponse brief;
  grpc::Status briefed =
      stubs_->booking->GetWeeklyBrief(CallContext().get(), brief_request, &brief);
  ASSERT_TRUE(briefed.ok()) << briefed.error_message();
  EXPECT_EQ(brief.meetings_held(), 1);
  EXPECT_EQ(brief.attendees_signed_in(), 1);
  EXPECT_NE(brief.rendered_html().find("每周业务简报"), std::string::npos);

  // Every mutation above left exactly one audit record in the service it changed, with
  // its outcome; the reads (readiness, notice, brief) none.
  EXPECT_EQ((AuditOf<bv1::ListAuditRecordsRequest, bv1::ListAuditRecordsResponse>(*stubs_->booking,
                                                                                  meeting.name())),
            (std::vector<std::string>{"CreateMeeting OK", "ConfirmMeeting OK", "StartMeeting OK",
                                      "SignIn OK", "CompleteMeeting OK"}));
  EXPECT_EQ((AuditOf<bv1::ListAuditRecordsRequest, bv1::ListAuditRecordsResponse>(*stubs_->booking,
                                                                                  next.name())),
            (std::vector<std::string>{"CreateMeeting OK", "ConfirmMeeting FAILED_PRECONDITION",
                                      "ConfirmMeeting OK"}));
  EXPECT_EQ((AuditOf<safety::v1::ListAuditRecordsRequest, safety::v1::ListAuditRecordsResponse>(
                *stubs_->safety, task.disinfection_task().name())),
            (std::vector<std::string>{"huiwu.booking.v1.MeetingCompleted OK",
                                      "CompleteDisinfection OK"}));
}

TEST_F(MeetingFlowTest, ConfirmFailsClosedWhileSafetyIsDown) {
  bv1::Meeting meeting = Create("安全服务停机时的确认", WeekdayAhead(3, 15));
  suite_.Kill("safety");
  grpc::Status refused = Confirm(meeting.name());
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_NE(refused.error_message().find("safety"), std::string::npos) << refused.error_message();
  bv1::GetMeetingRequest get;
  get.set_name(meeting.name());
  bv1::GetMeetingResponse got;
  ASSERT_TRUE(stubs_->booking->GetMeeting(CallContext().get(), get, &got).ok());
  EXPECT_EQ(got.meeting().state(), bv1::MEETING_STATE_SUBMITTED) << "nothing held";
  EXPECT_FALSE(got.meeting().has_occupancy_start_time());

  // Readiness still answers, the safety part unknown.
  bv1::GetMeetingReadinessRequest readiness_request;
  readiness_request.set_name(meeting.name());
  bv1::GetMeetingReadinessResponse readiness;
  grpc::Status ready =
      stubs_->booking->GetMeetingReadiness(CallContext().get(), readiness_request, &readiness);
  ASSERT_TRUE(ready.ok()) << ready.error_message();
  EXPECT_EQ(readiness.readiness().clearance().status(), bv1::READINESS_STATUS_UNKNOWN);
  EXPECT_EQ(readiness.readiness().inspection().status(), bv1::READINESS_STATUS_UNKNOWN);
  EXPECT_NE(readiness.readiness().staffing().status(), bv1::READINESS_STATUS_UNKNOWN);
  EXPECT_FALSE(readiness.readiness().ready());

  ASSERT_TRUE(suite_.Start("safety")) << suite_.Log("safety");
  ASSERT_TRUE(PollUntil([&] { return Confirm(meeting.name()).ok(); }, kFlowTimeout));
}

std::pair<int64_t, int64_t> MeetingFlowTest::AssignmentRows(const std::string& meeting_id) {
  TestDatabase& db = suite_.database("staffing");
  const std::string where = absl::StrCat(" FROM assignments WHERE meeting_id = '", meeting_id, "'");
  return {db.QueryInt("SELECT COUNT(*)" + where),
          db.QueryInt("SELECT COUNT(DISTINCT staff_id)" + where)};
}

TEST_F(MeetingFlowTest, StaffingKilledRightAfterAConfirmAssignsExactlyOnce) {
  bv1::Meeting meeting = Create("人手服务重启", WeekdayAhead(2, 14));
  ASSERT_TRUE(Confirm(meeting.name()).ok());
  suite_.Kill("staffing");
  ASSERT_TRUE(suite_.Start("staffing")) << suite_.Log("staffing");
  ASSERT_TRUE(PollUntil([&] { return !Assignments(meeting.name()).empty(); }, kFlowTimeout))
      << suite_.Log("staffing");
  // Let staffing catch up with everything booking has published, then count.
  const int64_t head =
      suite_.database("booking").QueryInt("SELECT last_seq FROM event_sequence WHERE id = 1");
  ASSERT_TRUE(PollUntil(
      [&] {
        return suite_.database("staffing")
                   .QueryInt("SELECT position FROM event_cursors WHERE source = 'booking'") >= head;
      },
      kFlowTimeout));
  const auto [rows, people] = AssignmentRows(IdOf(meeting.name()));
  EXPECT_GT(rows, 0);
  EXPECT_EQ(rows, people) << "one assignment per person";
  EXPECT_EQ(static_cast<int64_t>(Assignments(meeting.name()).size()), rows);
  EXPECT_EQ(PublishedAbout("staffing", "huiwu.staffing.v1.StaffAssigned", meeting.name()), rows)
      << "each assignment announced once";
}

TEST_F(MeetingFlowTest, BookingKilledWhileItsEventsAreConsumedLosesAndRepeatsNothing) {
  std::vector<std::string> meetings;
  for (int i = 0; i < 8; ++i) {
    bv1::Meeting meeting =
        Create(absl::StrCat("连续确认 ", i), WeekdayAhead(i < 4 ? 4 : 8, 9 + 2 * (i % 4)));
    grpc::Status confirmed = Confirm(meeting.name());
    ASSERT_TRUE(confirmed.ok()) << confirmed.error_message();
    meetings.push_back(meeting.name());
  }
  suite_.Kill("booking");  // while staffing, inventory and safety are still taking them in
  ASSERT_TRUE(suite_.Start("booking")) << suite_.Log("booking");
  // Events committed before the kill but not yet given a cursor get theirs from the
  // restarted booking's sequencer: the head to catch up with is read after that.
  TestDatabase& booking = suite_.database("booking");
  ASSERT_TRUE(PollUntil(
      [&] { return booking.QueryInt("SELECT COUNT(*) FROM event_outbox WHERE seq IS NULL") == 0; },
      kFlowTimeout))
      << suite_.Log("booking");
  const int64_t head = booking.QueryInt("SELECT last_seq FROM event_sequence WHERE id = 1");
  for (const std::string service : {"staffing", "inventory", "safety"}) {
    ASSERT_TRUE(PollUntil(
        [&] {
          return suite_.database(service).QueryInt(
                     "SELECT position FROM event_cursors WHERE source = 'booking'") >= head;
        },
        kFlowTimeout))
        << service << " did not catch up:\n"
        << suite_.Log(service);
  }
  for (const std::string& meeting : meetings) {
    const auto [rows, people] = AssignmentRows(IdOf(meeting));
    EXPECT_GT(rows, 0) << meeting;
    EXPECT_EQ(rows, people) << meeting;
    EXPECT_EQ(PublishedAbout("inventory", "huiwu.inventory.v1.KitReserved", meeting), 1)
        << meeting << ": one kit reserved, once";
  }
}

}  // namespace
}  // namespace huiwu::testing
