// 一会一消毒 from booking's events, against the real MariaDB: the handler the safety host
// runs for booking's stream, called with events built as booking publishes them. A
// completed meeting opens one disinfection task (however often its event arrives) and
// publishes DisinfectionDue, in the one transaction that also carries the consumer's
// cursor; the room is blocked for later meetings until the task is done.
#include <string>
#include <vector>

#include "common/api/timestamp.h"
#include "common/db/connection.h"
#include "common/db/transaction.h"
#include "cppconn/prepared_statement.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "huiwu/booking/v1/events.pb.h"
#include "huiwu/events/v1/events.pb.h"
#include "huiwu/safety/v1/events.pb.h"
#include "services/safety/meeting_event_handler.h"
#include "tests/safety/outbox_reader.h"
#include "tests/safety/safety_test_util.h"
#include "tests/support/grpc_errors.h"
#include "tests/support/safety_fixture.h"

namespace huiwu::testing {
namespace {

namespace bv1 = booking::v1;
namespace ev1 = events::v1;

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;

constexpr char kVideoRoom[] = "buildings/citizen-center/rooms/8f-video";
constexpr char kCitizenCenter[] = "buildings/citizen-center";
constexpr char kMeeting[] = "meetings/5b1e0c3a9d7f2e64";

class SafetyMeetingEventTest : public SafetyFixture {
 protected:
  void SetUp() override {
    SafetyFixture::SetUp();
    handler_ = std::make_unique<safety::MeetingEventHandler>(*store_, clock_);
  }
  void TearDown() override {
    handler_.reset();
    SafetyFixture::TearDown();
  }

  // The meeting in the 8th-floor video conference room, 09:00–11:00, as booking's
  // MeetingCompleted carries it (no attendees, no history), completed at `completed`.
  bv1::Meeting CompletedMeeting(absl::Time completed) const {
    bv1::Meeting m;
    m.set_name(kMeeting);
    m.set_title("全市政务服务视频调度会");
    m.set_organizer_unit("市政府办公厅");
    m.set_room(kVideoRoom);
    *m.mutable_start_time() = api::ToTimestamp(start_);
    *m.mutable_end_time() = api::ToTimestamp(end_);
    *m.mutable_occupancy_start_time() = api::ToTimestamp(start_ - absl::Minutes(30));
    *m.mutable_occupancy_end_time() = api::ToTimestamp(end_ + absl::Minutes(30));
    m.set_state(bv1::MEETING_STATE_COMPLETED);
    *m.mutable_update_time() = api::ToTimestamp(completed);
    return m;
  }

  template <typename Payload>
  static ev1::Event EventOf(int64_t cursor, const Payload& payload) {
    ev1::Event e;
    e.set_cursor(cursor);
    e.set_type(Payload::descriptor()->full_name());
    e.add_subjects(kMeeting);
    e.add_subjects(kVideoRoom);
    e.mutable_payload()->PackFrom(payload);
    e.set_source("booking");
    return e;
  }

  ev1::Event Completed(int64_t cursor, absl::Time completed) const {
    bv1::MeetingCompleted payload;
    *payload.mutable_meeting() = CompletedMeeting(completed);
    return EventOf(cursor, payload);
  }

  // Handles `event` as the consumer does: the first transaction the handler commits
  // also records the cursor (here in event_cursors, as the consumer would).
  absl::Status HandleWithCursor(const ev1::Event& event, bool* cursor_committed) {
    const int64_t cursor = event.cursor();
    db::ScopedCommitHook hook([cursor](db::Connection& c) {
      auto& upsert = c.Prepare(
          "INSERT INTO event_cursors (source, position, update_time) VALUES ('booking', ?, "
          "NOW(6)) ON DUPLICATE KEY UPDATE position = VALUES(position)");
      upsert.setInt64(1, cursor);
      upsert.executeUpdate();
      return absl::OkStatus();
    });
    absl::Status status = handler_->Handle(event);
    *cursor_committed = hook.committed();
    return status;
  }

  sv1::CheckRoomClearanceResponse Check(absl::Time start, absl::Time end) {
    sv1::CheckRoomClearanceRequest request;
    request.set_room(kVideoRoom);
    *request.mutable_start_time() = api::ToTimestamp(start);
    *request.mutable_end_time() = api::ToTimestamp(end);
    sv1::CheckRoomClearanceResponse response;
    grpc::Status status = stub_->CheckRoomClearance(CallContext().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  const absl::Time start_ = Shanghai(2026, 12, 1, 9);
  const absl::Time end_ = Shanghai(2026, 12, 1, 11);
  std::unique_ptr<safety::MeetingEventHandler> handler_;
};

TEST_F(SafetyMeetingEventTest, CompletedMeetingOpensOneTaskAndBlocksTheRoomUntilDone) {
  clock_.Set(end_ + absl::Minutes(2));
  bool committed = false;
  ASSERT_TRUE(HandleWithCursor(Completed(41, end_), &committed).ok());
  EXPECT_TRUE(committed) << "the effect and the cursor commit in one transaction";
  EXPECT_EQ(database_.QueryInt("SELECT position FROM event_cursors WHERE source = 'booking'"), 41);

  std::vector<OutboxEvent> events = ReadOutbox(database_);
  ASSERT_THAT(TypesOf(events), ElementsAre("huiwu.safety.v1.DisinfectionDue"));
  const sv1::DisinfectionTask task = events[0].As<sv1::DisinfectionDue>().disinfection_task();
  EXPECT_EQ(task.meeting(), kMeeting);
  EXPECT_EQ(task.room(), kVideoRoom);
  EXPECT_EQ(api::FromTimestamp(task.meeting_end_time()), end_);
  EXPECT_FALSE(task.completed());
  EXPECT_THAT(events[0].subjects, ElementsAre(task.name(), kVideoRoom, kCitizenCenter, kMeeting));

  // At least once: the same event again (a consumer restarted before its cursor
  // committed elsewhere), and again under a later cursor. Still one task, one event;
  // the cursor still advances with the (empty) transaction.
  ASSERT_TRUE(HandleWithCursor(Completed(41, end_), &committed).ok());
  ASSERT_TRUE(HandleWithCursor(Completed(57, end_), &committed).ok());
  EXPECT_TRUE(committed);
  EXPECT_EQ(database_.QueryInt("SELECT position FROM event_cursors WHERE source = 'booking'"), 57);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM disinfection_tasks"), 1);
  EXPECT_THAT(ReadOutbox(database_), SizeIs(1));

  // The next meeting in the room, any window after this one ended, is blocked by it.
  for (const absl::Time next_start : {end_, end_ + absl::Minutes(30), end_ + absl::Hours(26)}) {
    const sv1::CheckRoomClearanceResponse blocked = Check(next_start, next_start + absl::Hours(1));
    EXPECT_FALSE(blocked.clear());
    ASSERT_THAT(blocked.blocks(), SizeIs(1));
    EXPECT_EQ(blocked.blocks(0).reason(), sv1::CLEARANCE_BLOCK_REASON_PENDING_DISINFECTION);
    EXPECT_EQ(blocked.blocks(0).resource(), task.name());
  }
  // A window that ended before this meeting did is not its business.
  EXPECT_TRUE(Check(start_ - absl::Hours(3), start_ - absl::Hours(1)).clear());

  sv1::CompleteDisinfectionRequest complete;
  complete.set_name(task.name());
  complete.set_performer("staff/f-040");
  complete.set_method(sv1::DISINFECTION_METHOD_DISINFECTION_CABINET);
  sv1::CompleteDisinfectionResponse completed;
  ASSERT_TRUE(stub_->CompleteDisinfection(CallContext().get(), complete, &completed).ok());
  EXPECT_TRUE(Check(end_ + absl::Minutes(30), end_ + absl::Hours(2)).clear());
  EXPECT_THAT(TypesOf(ReadOutbox(database_)),
              ElementsAre("huiwu.safety.v1.DisinfectionDue", "huiwu.safety.v1.DisinfectionDone"));

  // Delivered once more after it was done: the meeting's task stands, nothing reopens.
  ASSERT_TRUE(HandleWithCursor(Completed(58, end_), &committed).ok());
  EXPECT_TRUE(Check(end_ + absl::Minutes(30), end_ + absl::Hours(2)).clear());
  EXPECT_THAT(ReadOutbox(database_), SizeIs(2));
}

TEST_F(SafetyMeetingEventTest, EarlyCompletionDatesTheTaskFromTheActualEnd) {
  // Completed at 10:30, half an hour before its planned end: tea sets may be
  // disinfected from 10:30 on.
  const absl::Time ended = end_ - absl::Minutes(30);
  clock_.Set(ended + absl::Minutes(20));
  ASSERT_TRUE(handler_->Handle(Completed(3, ended)).ok());
  std::vector<OutboxEvent> events = ReadOutbox(database_);
  ASSERT_THAT(events, SizeIs(1));
  const sv1::DisinfectionTask task = events[0].As<sv1::DisinfectionDue>().disinfection_task();
  EXPECT_EQ(api::FromTimestamp(task.meeting_end_time()), ended);
  sv1::CompleteDisinfectionRequest complete;
  complete.set_name(task.name());
  complete.set_performer("staff/f-040");
  complete.set_method(sv1::DISINFECTION_METHOD_STEAM);
  sv1::CompleteDisinfectionResponse completed;
  grpc::Status status = stub_->CompleteDisinfection(CallContext().get(), complete, &completed);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(SafetyMeetingEventTest, TaskMadeByHandFirstIsTheMeetingsTask) {
  sv1::CreateDisinfectionTaskRequest create;
  create.mutable_disinfection_task()->set_meeting(kMeeting);
  create.mutable_disinfection_task()->set_room(kVideoRoom);
  *create.mutable_disinfection_task()->mutable_meeting_end_time() = api::ToTimestamp(end_);
  sv1::CreateDisinfectionTaskResponse created;
  clock_.Set(end_ + absl::Minutes(1));
  ASSERT_TRUE(stub_->CreateDisinfectionTask(CallContext().get(), create, &created).ok());
  ASSERT_TRUE(handler_->Handle(Completed(9, end_)).ok());
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM disinfection_tasks"), 1);
  EXPECT_THAT(TypesOf(ReadOutbox(database_)), ElementsAre("huiwu.safety.v1.DisinfectionDue"));
}

TEST_F(SafetyMeetingEventTest, OtherEventsChangeNothingAndBadPayloadsAreRefused) {
  clock_.Set(end_ + absl::Minutes(2));
  bv1::MeetingConfirmed confirmed;
  *confirmed.mutable_meeting() = CompletedMeeting(end_);
  EXPECT_TRUE(handler_->Handle(EventOf(1, confirmed)).ok());

  // A MeetingCompleted that holds something else.
  ev1::Event mislabelled = EventOf(2, confirmed);
  mislabelled.set_type("huiwu.booking.v1.MeetingCompleted");
  EXPECT_EQ(handler_->Handle(mislabelled).code(), absl::StatusCode::kInvalidArgument);

  // A completed meeting without a room, or with a malformed name: the consumer logs
  // and skips it (INVALID_ARGUMENT is not retried).
  bv1::MeetingCompleted roomless;
  *roomless.mutable_meeting() = CompletedMeeting(end_);
  roomless.mutable_meeting()->clear_room();
  absl::Status status = handler_->Handle(EventOf(3, roomless));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  bv1::MeetingCompleted misnamed;
  *misnamed.mutable_meeting() = CompletedMeeting(end_);
  misnamed.mutable_meeting()->set_name("5b1e0c3a9d7f2e64");
  EXPECT_EQ(handler_->Handle(EventOf(4, misnamed)).code(), absl::StatusCode::kInvalidArgument);

  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM disinfection_tasks"), 0);
  EXPECT_THAT(ReadOutbox(database_), IsEmpty());
}

TEST_F(SafetyMeetingEventTest, TheServiceFollowsBookingsCompletedMeetings) {
  const server::ServiceSpec spec = safety::SafetyServiceSpec(clock_);
  ASSERT_THAT(spec.subscriptions, SizeIs(1));
  EXPECT_EQ(spec.subscriptions[0].source, "booking");
  EXPECT_THAT(spec.subscriptions[0].types, ElementsAre("huiwu.booking.v1.MeetingCompleted"));
}

// 会前检查: readiness asks CheckRoomClearance whether the room was inspected shortly
// before the meeting (4 hours), or during its set-up.
TEST_F(SafetyMeetingEventTest, ClearanceReportsThePreMeetingInspection) {
  ASSERT_TRUE(CreatePatrolTemplate(*stub_).ok());
  const absl::Time meeting = Shanghai(2026, 12, 2, 14);
  clock_.Set(meeting - absl::Hours(5));
  auto submit = [&](const std::string& id, const std::string& place) {
    sv1::SubmitInspectionRequest request;
    request.set_inspection_id(id);
    sv1::Inspection* in = request.mutable_inspection();
    in->set_checklist_template(kPatrolTemplate);
    in->set_place(place);
    in->set_inspector("staff/f-021");
    in->set_supervisor("staff/s-001");
    in->add_answers()->set_item_id("exits-clear");
    in->mutable_answers(0)->set_passed(true);
    in->add_answers()->set_item_id("extinguisher-pressure");
    in->mutable_answers(1)->set_number(1.2);
    in->add_answers()->set_item_id("remark");
    in->mutable_answers(2)->set_text("正常");
    sv1::SubmitInspectionResponse response;
    grpc::Status status = stub_->SubmitInspection(CallContext().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
  };
  // Five hours before: too early to count; another room's check never counts.
  submit("early", kVideoRoom);
  clock_.Set(meeting - absl::Hours(1));
  submit("next-door", "buildings/citizen-center/rooms/8f-auditorium");
  sv1::CheckRoomClearanceResponse response = Check(meeting, meeting + absl::Hours(2));
  EXPECT_TRUE(response.clear());
  EXPECT_FALSE(response.pre_meeting_inspection_done());
  EXPECT_THAT(response.pre_meeting_inspection(), IsEmpty());

  // The check an hour before counts; so does one during set-up, the latest named.
  submit("before", kVideoRoom);
  response = Check(meeting, meeting + absl::Hours(2));
  EXPECT_TRUE(response.pre_meeting_inspection_done());
  EXPECT_EQ(response.pre_meeting_inspection(), "inspections/before");
  clock_.Set(meeting - absl::Minutes(10));
  submit("set-up", kVideoRoom);
  response = Check(meeting - absl::Minutes(30), meeting + absl::Hours(2));
  EXPECT_TRUE(response.pre_meeting_inspection_done());
  EXPECT_EQ(response.pre_meeting_inspection(), "inspections/set-up");
  // Not for the next day's meeting.
  EXPECT_FALSE(
      Check(meeting + absl::Hours(24), meeting + absl::Hours(26)).pre_meeting_inspection_done());
}

}  // namespace
}  // namespace huiwu::testing
