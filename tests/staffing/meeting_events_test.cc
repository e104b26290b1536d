// Staffing following booking's meeting events, against the real MariaDB: the handler
// the staffing host runs for its "booking" subscription is called directly with
// constructed events (Any-packed booking payloads). Confirmed → requirement, people and
// StaffAssigned events; the same event twice → nothing more; too few people → a
// StaffingShortfall event; rescheduled → the assignments follow; cancelled → released;
// completed → closed. Each effect and its events commit together (event_outbox).
#include <prometheus/registry.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/api/timestamp.h"
#include "common/db/pool.h"
#include "common/server/call_gate.h"
#include "common/server/rate_limiter.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "huiwu/booking/v1/events.pb.h"
#include "huiwu/staffing/v1/events.pb.h"
#include "tests/staffing/staffing_fixture.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

namespace bv1 = ::huiwu::booking::v1;
namespace ev1 = ::huiwu::events::v1;

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

constexpr char kRoom[] = "buildings/citizen-center/rooms/8f-video";
constexpr char kOtherRoom[] = "buildings/city-hall/rooms/301";

// A role count as the tests compare them.
std::pair<int, int> RC(sv1::Role role, int count) { return {role, count}; }

class MeetingEventsTest : public StaffingFixture {
 protected:
  void SetUp() override {
    StaffingFixture::SetUp();
    if (HasFatalFailure()) return;
    server_config_.database = database_.config();
    pool_ = std::make_unique<db::ConnectionPool>(database_.config(), nullptr);
    limiter_ = std::make_unique<server::RateLimiter>(server_config_.rate_limit, clock_, nullptr);
    calls_ = std::make_unique<server::CallGate>("huiwu.staffing.v1.StaffingService",
                                                "staffing.huiwu", *pool_, *limiter_);
    context_ = std::make_unique<server::ServiceContext>(
        server::ServiceContext{server_config_, *pool_, registry_, *calls_});
    const server::ServiceSpec spec = MakeSpec();
    ASSERT_EQ(spec.subscriptions.size(), 1u);
    ASSERT_EQ(spec.subscriptions[0].source, "booking");
    handler_ = spec.subscriptions[0].make_handler(*context_);
  }

  void TearDown() override {
    handler_ = nullptr;
    context_.reset();
    pool_.reset();
    StaffingFixture::TearDown();
  }

  // A confirmed internal meeting in the 8th-floor video room.
  static bv1::Meeting Meeting(const std::string& id, absl::Time start, absl::Time end,
                              int participants) {
    bv1::Meeting m;
    m.set_name(absl::StrCat("meetings/", id));
    m.set_title("工作例会");
    m.set_kind(bv1::MEETING_KIND_INTERNAL);
    m.set_organizer_unit("市政府办公厅");
    *m.mutable_start_time() = api::ToTimestamp(start);
    *m.mutable_end_time() = api::ToTimestamp(end);
    m.set_room(kRoom);
    m.set_expected_participants(participants);
    m.set_state(bv1::MEETING_STATE_CONFIRMED);
    return m;
  }

  // Hands `payload` to the handler as booking's stream would deliver it.
  absl::Status Deliver(const google::protobuf::Message& payload) {
    ev1::Event event;
    event.set_cursor(++cursor_);
    event.set_type(payload.GetDescriptor()->full_name());
    event.set_source("booking");
    event.mutable_payload()->PackFrom(payload);
    return handler_(event);
  }

  template <typename T>
  absl::Status Deliver(const bv1::Meeting& meeting) {
    T payload;
    *payload.mutable_meeting() = meeting;
    return Deliver(payload);
  }

  // The events of type T in the outbox, in the order written.
  template <typename T>
  std::vector<T> Published() {
    std::vector<T> messages;
    for (const std::string& hex :
         database_.QueryRows(absl::StrCat("SELECT HEX(payload) FROM event_outbox WHERE type = '",
                                          T::descriptor()->full_name(), "' ORDER BY id"))) {
      T message;
      EXPECT_TRUE(message.ParseFromString(absl::HexStringToBytes(hex)));
      messages.push_back(std::move(message));
    }
    return messages;
  }

  // The subjects of each event of type T, in the order written.
  template <typename T>
  std::vector<std::vector<std::string>> SubjectsOf() {
    std::vector<std::vector<std::string>> subjects;
    for (const std::string& row :
         database_.QueryRows(absl::StrCat("SELECT subjects FROM event_outbox WHERE type = '",
                                          T::descriptor()->full_name(), "' ORDER BY id"))) {
      subjects.push_back(absl::StrSplit(row, '\n'));
    }
    return subjects;
  }

  std::string Snapshot() {
    return database_.Snapshot(
        {"requirements", "requirement_roles", "assignments", "staff", "event_outbox"});
  }

  std::vector<sv1::Assignment> Assignments(const std::string& meeting) {
    sv1::ListAssignmentsRequest request;
    request.set_parent(absl::StrCat("meetings/", meeting));
    sv1::ListAssignmentsResponse response;
    grpc::Status status = stub_->ListAssignments(CallContext().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return {response.assignments().begin(), response.assignments().end()};
  }

  static std::vector<std::string> StaffOf(const std::vector<sv1::Assignment>& list) {
    std::vector<std::string> staff;
    for (const sv1::Assignment& a : list) staff.push_back(a.staff());
    return staff;
  }

  sv1::StaffingRequirement Requirement(const std::string& meeting) {
    sv1::GetStaffingRequirementRequest request;
    request.set_name(absl::StrCat("meetings/", meeting, "/staffingRequirement"));
    sv1::GetStaffingRequirementResponse response;
    grpc::Status status = stub_->GetStaffingRequirement(CallContext().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.requirement();
  }

  void ApproveLeave(const std::string& staff, absl::Time start, absl::Time end) {
    sv1::RequestLeaveRequest request;
    request.set_parent(absl::StrCat("staff/", staff));
    *request.mutable_leave()->mutable_start_time() = api::ToTimestamp(start);
    *request.mutable_leave()->mutable_end_time() = api::ToTimestamp(end);
    request.mutable_leave()->set_reason("事假");
    sv1::RequestLeaveResponse requested;
    ASSERT_TRUE(stub_->RequestLeave(CallContext().get(), request, &requested).ok());
    sv1::ApproveLeaveRequest approve;
    approve.set_name(requested.leave().name());
    approve.set_approver("张科长");
    sv1::ApproveLeaveResponse approved;
    grpc::Status status = stub_->ApproveLeave(CallContext().get(), approve, &approved);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  static std::vector<std::pair<int, int>> Counts(
      const google::protobuf::RepeatedPtrField<sv1::RoleCount>& counts) {
    std::vector<std::pair<int, int>> pairs;
    for (const sv1::RoleCount& c : counts) pairs.emplace_back(c.role(), c.count());
    return pairs;
  }

  config::ServerConfig server_config_;
  prometheus::Registry registry_;
  std::unique_ptr<db::ConnectionPool> pool_;
  std::unique_ptr<server::RateLimiter> limiter_;
  std::unique_ptr<server::CallGate> calls_;
  std::unique_ptr<server::ServiceContext> context_;
  events::EventHandler handler_;
  int64_t cursor_ = 0;
};

// Wednesday 2026-12-02 10:00–12:00 (the fixture's clock is Tuesday 09:00).
const absl::Time kWednesday10 = Shanghai(2026, 12, 2, 10);
const absl::Time kThursday10 = Shanghai(2026, 12, 3, 10);

TEST_F(MeetingEventsTest, ConfirmedDerivesTheRequirementAssignsAndPublishesInOneGo) {
  AddStaff("a1", "A-001", sv1::ROLE_ATTENDANT);
  AddStaff("a2", "A-002", sv1::ROLE_ATTENDANT);
  AddStaff("a3", "A-003", sv1::ROLE_ATTENDANT);
  AddStaff("t1", "D-001", sv1::ROLE_AUDIO_TECHNICIAN, {sv1::QUALIFICATION_KIND_AUDIO_CONSOLE});
  // 40 people (2 attendants), microphones (the sound is used: 1 technician).
  bv1::Meeting meeting = Meeting("m1", kWednesday10, kWednesday10 + absl::Hours(2), 40);
  meeting.mutable_requirements()->add_equipment(bv1::EQUIPMENT_MICROPHONES);
  const int64_t before = database_.QueryInt("SELECT COUNT(*) FROM event_outbox");

  ASSERT_TRUE(Deliver<bv1::MeetingConfirmed>(meeting).ok());

  const sv1::StaffingRequirement r = Requirement("m1");
  EXPECT_EQ(r.room(), kRoom);
  EXPECT_EQ(api::FromTimestamp(r.start_time()), kWednesday10);
  EXPECT_EQ(api::FromTimestamp(r.end_time()), kWednesday10 + absl::Hours(2));
  EXPECT_EQ(r.participants(), 40);
  EXPECT_EQ(r.kind(), sv1::MEETING_KIND_INTERNAL);
  EXPECT_TRUE(r.sound_used());
  EXPECT_FALSE(r.vip());
  EXPECT_EQ(r.state(), sv1::STAFFING_REQUIREMENT_STATE_OPEN);
  EXPECT_THAT(Counts(r.role_counts()),
              ElementsAre(RC(sv1::ROLE_AUDIO_TECHNICIAN, 1), RC(sv1::ROLE_ATTENDANT, 2)));

  const std::vector<sv1::Assignment> assigned = Assignments("m1");
  EXPECT_THAT(StaffOf(assigned), UnorderedElementsAre("staff/a1", "staff/a2", "staff/t1"));
  for (const sv1::Assignment& a : assigned) {
    EXPECT_EQ(api::FromTimestamp(a.start_time()), kWednesday10 - absl::Minutes(30));
    EXPECT_EQ(api::FromTimestamp(a.end_time()), kWednesday10 + absl::Hours(2) + absl::Minutes(15));
  }

  // The requirement, then one StaffAssigned per person, each naming the meeting, the
  // room and the person; no shortfall.
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM event_outbox") - before, 4);
  ASSERT_EQ(Published<sv1::StaffingRequirementSet>().size(), 1u);
  EXPECT_EQ(Published<sv1::StaffingRequirementSet>()[0].requirement().meeting(), "meetings/m1");
  std::vector<sv1::StaffAssigned> events = Published<sv1::StaffAssigned>();
  ASSERT_EQ(events.size(), 3u);
  const auto subjects = SubjectsOf<sv1::StaffAssigned>();
  for (size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].meeting(), "meetings/m1");
    EXPECT_EQ(events[i].room(), kRoom);
    EXPECT_THAT(subjects[i], ElementsAre("meetings/m1", kRoom, events[i].assignment().staff()));
  }
  EXPECT_THAT(Published<sv1::StaffingShortfall>(), IsEmpty());
}

TEST_F(MeetingEventsTest, TheSameEventTwiceChangesNothingTheSecondTime) {
  AddStaff("a1", "A-001", sv1::ROLE_ATTENDANT);
  AddStaff("a2", "A-002", sv1::ROLE_ATTENDANT);
  // 100 people want 4 attendants: a shortfall of 2, reported once.
  const bv1::Meeting meeting = Meeting("m1", kWednesday10, kWednesday10 + absl::Hours(2), 100);
  ASSERT_TRUE(Deliver<bv1::MeetingConfirmed>(meeting).ok());
  EXPECT_EQ(Assignments("m1").size(), 2u);
  const std::string after_first = Snapshot();

  ASSERT_TRUE(Deliver<bv1::MeetingConfirmed>(meeting).ok());
  ASSERT_TRUE(Deliver<bv1::MeetingUpdated>(meeting).ok());  // nothing changed either
  EXPECT_EQ(Snapshot(), after_first);
  EXPECT_EQ(Assignments("m1").size(), 2u);
  EXPECT_EQ(Published<sv1::StaffAssigned>().size(), 2u);
  EXPECT_EQ(Published<sv1::StaffingShortfall>().size(), 1u);
}

TEST_F(MeetingEventsTest, TooFewAttendantsIsAShortfallEventNeverSilent) {
  AddStaff("a1", "A-001", sv1::ROLE_ATTENDANT);
  // 100 people: 4 attendants; a VIP meeting: a lobby manager too (nobody of that role).
  bv1::Meeting meeting = Meeting("m1", kWednesday10, kWednesday10 + absl::Hours(2), 100);
  meeting.mutable_requirements()->set_vip(true);
  AddStaff("a1-vip", "A-002", sv1::ROLE_ATTENDANT, {sv1::QUALIFICATION_KIND_VIP_ETIQUETTE});
  ASSERT_TRUE(Deliver<bv1::MeetingConfirmed>(meeting).ok());

  // Only the attendant with VIP etiquette can serve a VIP meeting.
  EXPECT_THAT(StaffOf(Assignments("m1")), ElementsAre("staff/a1-vip"));
  std::vector<sv1::StaffingShortfall> shortfalls = Published<sv1::StaffingShortfall>();
  ASSERT_EQ(shortfalls.size(), 1u);
  const sv1::StaffingShortfall& s = shortfalls[0];
  EXPECT_EQ(s.meeting(), "meetings/m1");
  EXPECT_THAT(Counts(s.required()),
              ElementsAre(RC(sv1::ROLE_LOBBY_MANAGER, 1), RC(sv1::ROLE_ATTENDANT, 4)));
  EXPECT_THAT(Counts(s.assigned()), ElementsAre(RC(sv1::ROLE_ATTENDANT, 1)));
  EXPECT_THAT(Counts(s.missing()),
              ElementsAre(RC(sv1::ROLE_LOBBY_MANAGER, 1), RC(sv1::ROLE_ATTENDANT, 3)));
  EXPECT_TRUE(s.requirement().vip());
  EXPECT_THAT(SubjectsOf<sv1::StaffingShortfall>()[0], ElementsAre("meetings/m1", kRoom));

  // More people join and the meeting shrinks to 60 (2 attendants): the next event fills
  // the places and reports what is still missing, as a new shortfall.
  AddStaff("a2-vip", "A-003", sv1::ROLE_ATTENDANT, {sv1::QUALIFICATION_KIND_VIP_ETIQUETTE});
  AddStaff("a3-vip", "A-004", sv1::ROLE_ATTENDANT, {sv1::QUALIFICATION_KIND_VIP_ETIQUETTE});
  meeting.set_expected_participants(60);
  ASSERT_TRUE(Deliver<bv1::MeetingUpdated>(meeting).ok());
  EXPECT_THAT(StaffOf(Assignments("m1")), ElementsAre("staff/a1-vip", "staff/a2-vip"));
  shortfalls = Published<sv1::StaffingShortfall>();
  ASSERT_EQ(shortfalls.size(), 2u);
  EXPECT_THAT(Counts(shortfalls[1].missing()), ElementsAre(RC(sv1::ROLE_LOBBY_MANAGER, 1)));
}

TEST_F(MeetingEventsTest, RescheduledAssignmentsFollowWhoNoLongerFitsIsReplaced) {
  AddStaff("a1", "A-001", sv1::ROLE_ATTENDANT);
  AddStaff("a2", "A-002", sv1::ROLE_ATTENDANT);
  AddStaff("a3", "A-003", sv1::ROLE_ATTENDANT);
  ApproveLeave("a1", Shanghai(2026, 12, 3, 0), Shanghai(2026, 12, 4, 0));  // all Thursday
  bv1::Meeting meeting = Meeting("m1", kWednesday10, kWednesday10 + absl::Hours(2), 40);
  ASSERT_TRUE(Deliver<bv1::MeetingConfirmed>(meeting).ok());
  ASSERT_THAT(StaffOf(Assignments("m1")), ElementsAre("staff/a1", "staff/a2"));

  // Moved to Thursday, in another room: a1 is on leave then.
  bv1::MeetingRescheduled moved;
  *moved.mutable_meeting() = meeting;
  *moved.mutable_meeting()->mutable_start_time() = api::ToTimestamp(kThursday10);
  *moved.mutable_meeting()->mutable_end_time() = api::ToTimestamp(kThursday10 + absl::Hours(2));
  moved.mutable_meeting()->set_room(kOtherRoom);
  *moved.mutable_previous_start_time() = meeting.start_time();
  *moved.mutable_previous_end_time() = meeting.end_time();
  moved.set_previous_room(kRoom);
  ASSERT_TRUE(Deliver(moved).ok());

  const sv1::StaffingRequirement r = Requirement("m1");
  EXPECT_EQ(api::FromTimestamp(r.start_time()), kThursday10);
  EXPECT_EQ(r.room(), kOtherRoom);
  const std::vector<sv1::Assignment> now = Assignments("m1");
  EXPECT_THAT(StaffOf(now), UnorderedElementsAre("staff/a2", "staff/a3"));
  for (const sv1::Assignment& a : now) {
    EXPECT_EQ(api::FromTimestamp(a.start_time()), kThursday10 - absl::Minutes(30));
  }
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM assignments WHERE meeting_start = "
                               "'2026-12-03 02:00:00'"),
            2);

  const std::vector<sv1::StaffUnassigned> released = Published<sv1::StaffUnassigned>();
  ASSERT_EQ(released.size(), 1u);
  EXPECT_EQ(released[0].assignment().staff(), "staff/a1");
  EXPECT_EQ(released[0].reason(), sv1::UNASSIGN_REASON_NO_LONGER_ELIGIBLE);
  EXPECT_EQ(released[0].room(), kRoom);  // where the person was going to serve
  ASSERT_EQ(released[0].reasons_size(), 1);
  EXPECT_EQ(released[0].reasons(0).reason(), sv1::INELIGIBILITY_REASON_ON_LEAVE);
  const std::vector<sv1::AssignmentRescheduled> followed = Published<sv1::AssignmentRescheduled>();
  ASSERT_EQ(followed.size(), 1u);
  EXPECT_EQ(followed[0].assignment().staff(), "staff/a2");
  EXPECT_EQ(followed[0].room(), kOtherRoom);
  EXPECT_EQ(api::FromTimestamp(followed[0].previous_start_time()),
            kWednesday10 - absl::Minutes(30));
  EXPECT_EQ(api::FromTimestamp(followed[0].assignment().start_time()),
            kThursday10 - absl::Minutes(30));
  EXPECT_EQ(Published<sv1::StaffAssigned>().back().assignment().staff(), "staff/a3");
  EXPECT_THAT(Published<sv1::StaffingShortfall>(), IsEmpty());
}

TEST_F(MeetingEventsTest, RescheduledWhereNobodyCanRefillIsAShortfall) {
  AddStaff("a1", "A-001", sv1::ROLE_ATTENDANT);
  AddStaff("a2", "A-002", sv1::ROLE_ATTENDANT);
  // a2 is busy on Thursday at that time with another meeting.
  ASSERT_TRUE(
      SetRequirement("other", kThursday10 - absl::Hours(1), kThursday10 + absl::Hours(1), 10).ok());
  ASSERT_TRUE(Assign("other", "a2").ok());
  ApproveLeave("a1", Shanghai(2026, 12, 3, 0), Shanghai(2026, 12, 4, 0));
  bv1::Meeting meeting = Meeting("m1", kWednesday10, kWednesday10 + absl::Hours(2), 20);
  ASSERT_TRUE(Deliver<bv1::MeetingConfirmed>(meeting).ok());
  ASSERT_THAT(StaffOf(Assignments("m1")), ElementsAre("staff/a1"));

  *meeting.mutable_start_time() = api::ToTimestamp(kThursday10);
  *meeting.mutable_end_time() = api::ToTimestamp(kThursday10 + absl::Hours(2));
  ASSERT_TRUE(Deliver<bv1::MeetingRescheduled>(meeting).ok());

  EXPECT_THAT(Assignments("m1"), IsEmpty());
  const std::vector<sv1::StaffingShortfall> shortfalls = Published<sv1::StaffingShortfall>();
  ASSERT_EQ(shortfalls.size(), 1u);
  EXPECT_THAT(Counts(shortfalls[0].missing()), ElementsAre(RC(sv1::ROLE_ATTENDANT, 1)));
  EXPECT_THAT(Counts(shortfalls[0].assigned()), IsEmpty());
  EXPECT_EQ(api::FromTimestamp(shortfalls[0].requirement().start_time()), kThursday10);
}

TEST_F(MeetingEventsTest, CancelledAndNoShowReleaseEverybody) {
  AddStaff("a1", "A-001", sv1::ROLE_ATTENDANT);
  AddStaff("a2", "A-002", sv1::ROLE_ATTENDANT);
  const bv1::Meeting m1 = Meeting("m1", kWednesday10, kWednesday10 + absl::Hours(2), 20);
  const bv1::Meeting m2 = Meeting("m2", kThursday10, kThursday10 + absl::Hours(2), 20);
  ASSERT_TRUE(Deliver<bv1::MeetingConfirmed>(m1).ok());
  ASSERT_TRUE(Deliver<bv1::MeetingConfirmed>(m2).ok());
  ASSERT_EQ(Assignments("m1").size(), 1u);
  ASSERT_EQ(Assignments("m2").size(), 1u);

  bv1::Meeting cancelled = m1;
  cancelled.set_state(bv1::MEETING_STATE_CANCELLED);
  ASSERT_TRUE(Deliver<bv1::MeetingCancelled>(cancelled).ok());
  bv1::Meeting released = m2;
  released.set_state(bv1::MEETING_STATE_CANCELLED);
  ASSERT_TRUE(Deliver<bv1::MeetingNoShowReleased>(released).ok());

  EXPECT_THAT(Assignments("m1"), IsEmpty());
  EXPECT_THAT(Assignments("m2"), IsEmpty());
  EXPECT_EQ(Requirement("m1").state(), sv1::STAFFING_REQUIREMENT_STATE_CANCELLED);
  EXPECT_EQ(Requirement("m2").state(), sv1::STAFFING_REQUIREMENT_STATE_CANCELLED);
  const std::vector<sv1::StaffUnassigned> events = Published<sv1::StaffUnassigned>();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].meeting(), "meetings/m1");
  EXPECT_EQ(events[0].reason(), sv1::UNASSIGN_REASON_MEETING_CANCELLED);
  EXPECT_EQ(events[1].meeting(), "meetings/m2");
  EXPECT_EQ(events[1].reason(), sv1::UNASSIGN_REASON_MEETING_RELEASED);

  // Late or repeated events change nothing, and the staffing no longer takes people.
  const std::string after = Snapshot();
  ASSERT_TRUE(Deliver<bv1::MeetingCancelled>(cancelled).ok());
  ASSERT_TRUE(Deliver<bv1::MeetingConfirmed>(m1).ok());
  EXPECT_EQ(Snapshot(), after);
  sv1::AutoAssignRequest request;
  request.set_meeting("meetings/m1");
  sv1::AutoAssignResponse response;
  const grpc::Status refused = stub_->AutoAssign(CallContext().get(), request, &response);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(DetailsOf(refused).reason, "REQUIREMENT_NOT_OPEN");
  const grpc::Status reset = SetRequirement("m1", kWednesday10, kWednesday10 + absl::Hours(1), 5);
  EXPECT_EQ(DetailsOf(reset).reason, "REQUIREMENT_NOT_OPEN");
  EXPECT_EQ(Snapshot(), after);
}

TEST_F(MeetingEventsTest, CompletedClosesTheAssignments) {
  AddStaff("a1", "A-001", sv1::ROLE_ATTENDANT);
  const bv1::Meeting meeting = Meeting("m1", kWednesday10, kWednesday10 + absl::Hours(2), 20);
  ASSERT_TRUE(Deliver<bv1::MeetingConfirmed>(meeting).ok());
  clock_.Set(kWednesday10 - absl::Minutes(40));
  sv1::CheckInRequest check_in;
  check_in.set_name("meetings/m1/assignments/a1");
  sv1::CheckInResponse checked_in;
  ASSERT_TRUE(stub_->CheckIn(CallContext().get(), check_in, &checked_in).ok());

  clock_.Set(kWednesday10 + absl::Hours(2));
  bv1::Meeting completed = meeting;
  completed.set_state(bv1::MEETING_STATE_COMPLETED);
  ASSERT_TRUE(Deliver<bv1::MeetingCompleted>(completed).ok());

  EXPECT_EQ(Requirement("m1").state(), sv1::STAFFING_REQUIREMENT_STATE_CLOSED);
  EXPECT_THAT(StaffOf(Assignments("m1")), ElementsAre("staff/a1"));  // the record stays
  const std::vector<sv1::AssignmentsClosed> closed = Published<sv1::AssignmentsClosed>();
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0].meeting(), "meetings/m1");
  EXPECT_EQ(closed[0].room(), kRoom);
  ASSERT_EQ(closed[0].assignments_size(), 1);
  EXPECT_TRUE(closed[0].assignments(0).has_check_in_time());
  EXPECT_EQ(api::FromTimestamp(closed[0].close_time()), kWednesday10 + absl::Hours(2));
  EXPECT_THAT(SubjectsOf<sv1::AssignmentsClosed>()[0],
              ElementsAre("meetings/m1", kRoom, "staff/a1"));

  // Closed: a second completion, a late update and a manual change all change nothing.
  const std::string after = Snapshot();
  ASSERT_TRUE(Deliver<bv1::MeetingCompleted>(completed).ok());
  ASSERT_TRUE(Deliver<bv1::MeetingUpdated>(meeting).ok());
  sv1::UnassignStaffRequest unassign;
  unassign.set_name("meetings/m1/assignments/a1");
  sv1::UnassignStaffResponse unassigned;
  const grpc::Status refused = stub_->UnassignStaff(CallContext().get(), unassign, &unassigned);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(DetailsOf(refused).reason, "REQUIREMENT_NOT_OPEN");
  AddStaff("a2", "A-002", sv1::ROLE_ATTENDANT);
  const std::string with_a2 = Snapshot();
  EXPECT_EQ(DetailsOf(Assign("m1", "a2")).reason, "REQUIREMENT_NOT_OPEN");
  EXPECT_EQ(Snapshot(), with_a2);
}

TEST_F(MeetingEventsTest, TheDispatchHubsCountsAndBuffersSurviveBookingsChanges) {
  AddStaff("a1", "A-001", sv1::ROLE_ATTENDANT);
  AddStaff("a2", "A-002", sv1::ROLE_ATTENDANT);
  // Set by hand before the confirmation: one attendant is enough, arriving 60 min early.
  sv1::SetStaffingRequirementRequest set;
  sv1::StaffingRequirement* r = set.mutable_requirement();
  r->set_meeting("meetings/m1");
  *r->mutable_start_time() = api::ToTimestamp(kWednesday10);
  *r->mutable_end_time() = api::ToTimestamp(kWednesday10 + absl::Hours(1));
  r->set_room(kRoom);
  r->set_participants(10);
  r->set_kind(sv1::MEETING_KIND_INTERNAL);
  r->set_arrive_before_minutes(60);
  sv1::RoleCount* count = r->add_role_counts();
  count->set_role(sv1::ROLE_ATTENDANT);
  count->set_count(1);
  sv1::SetStaffingRequirementResponse stored;
  ASSERT_TRUE(stub_->SetStaffingRequirement(CallContext().get(), set, &stored).ok());

  ASSERT_TRUE(
      Deliver<bv1::MeetingConfirmed>(Meeting("m1", kWednesday10, kWednesday10 + absl::Hours(2), 60))
          .ok());
  const sv1::StaffingRequirement now = Requirement("m1");
  EXPECT_EQ(now.participants(), 60);
  EXPECT_EQ(now.arrive_before_minutes(), 60);
  EXPECT_THAT(Counts(now.role_counts()), ElementsAre(RC(sv1::ROLE_ATTENDANT, 1)));
  const std::vector<sv1::Assignment> assigned = Assignments("m1");
  ASSERT_EQ(assigned.size(), 1u);
  EXPECT_EQ(api::FromTimestamp(assigned[0].start_time()), kWednesday10 - absl::Hours(1));
}

TEST_F(MeetingEventsTest, WhatStaffingCannotUseChangesNothing) {
  AddStaff("a1", "A-001", sv1::ROLE_ATTENDANT);
  const std::string before = Snapshot();
  // A notice not yet confirmed needs nobody yet.
  bv1::Meeting submitted = Meeting("m1", kWednesday10, kWednesday10 + absl::Hours(2), 20);
  submitted.set_state(bv1::MEETING_STATE_SUBMITTED);
  EXPECT_TRUE(Deliver<bv1::MeetingUpdated>(submitted).ok());
  // Completed or cancelled without ever being staffed: nothing to close or release.
  EXPECT_TRUE(Deliver<bv1::MeetingCompleted>(submitted).ok());
  EXPECT_TRUE(Deliver<bv1::MeetingCancelled>(submitted).ok());
  EXPECT_EQ(Snapshot(), before);

  // A meeting longer than any duty: skipped with a reason that names it.
  const absl::Status too_long = Deliver<bv1::MeetingConfirmed>(
      Meeting("m2", kWednesday10, kWednesday10 + absl::Hours(30), 20));
  EXPECT_EQ(too_long.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(too_long.message()), ::testing::HasSubstr("meetings/m2"));
  // A payload that is not of the event's type, and a malformed meeting name.
  ev1::Event mismatched;
  mismatched.set_type(bv1::MeetingConfirmed::descriptor()->full_name());
  mismatched.mutable_payload()->PackFrom(bv1::RoomDeleted());
  EXPECT_EQ(handler_(mismatched).code(), absl::StatusCode::kInvalidArgument);
  bv1::Meeting unnamed = Meeting("m3", kWednesday10, kWednesday10 + absl::Hours(1), 20);
  unnamed.set_name("m3");
  EXPECT_EQ(Deliver<bv1::MeetingConfirmed>(unnamed).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(MeetingEventsTest, EveryStateChangeOfTheApiPublishesItsEvent) {
  AddStaff("a1", "A-001", sv1::ROLE_ATTENDANT);  // StaffCreated + ShiftPatternSet
  AddStaff("a2", "A-002", sv1::ROLE_ATTENDANT);
  ASSERT_EQ(Published<sv1::StaffCreated>().size(), 2u);
  ASSERT_EQ(Published<sv1::ShiftPatternSet>().size(), 2u);
  EXPECT_THAT(SubjectsOf<sv1::StaffCreated>()[0], ElementsAre("staff/a1"));

  sv1::SetOnCallRequest on_call;
  on_call.mutable_slot()->set_staff("staff/a1");
  on_call.mutable_slot()->set_role(sv1::ROLE_ATTENDANT);
  *on_call.mutable_slot()->mutable_start_time() = api::ToTimestamp(Shanghai(2026, 12, 5, 0));
  *on_call.mutable_slot()->mutable_end_time() = api::ToTimestamp(Shanghai(2026, 12, 6, 0));
  sv1::SetOnCallResponse on_call_set;
  ASSERT_TRUE(stub_->SetOnCall(CallContext().get(), on_call, &on_call_set).ok());
  ASSERT_EQ(Published<sv1::OnCallSet>().size(), 1u);

  // Leave: requested (a retry with the same request_id publishes nothing more), rejected.
  sv1::RequestLeaveRequest leave;
  leave.set_parent("staff/a2");
  *leave.mutable_leave()->mutable_start_time() = api::ToTimestamp(Shanghai(2026, 12, 7, 0));
  *leave.mutable_leave()->mutable_end_time() = api::ToTimestamp(Shanghai(2026, 12, 8, 0));
  leave.mutable_leave()->set_reason("病假");
  leave.set_request_id("leave-a2");
  sv1::RequestLeaveResponse requested;
  ASSERT_TRUE(stub_->RequestLeave(CallContext().get(), leave, &requested).ok());
  ASSERT_TRUE(stub_->RequestLeave(CallContext().get(), leave, &requested).ok());
  EXPECT_EQ(Published<sv1::LeaveRequested>().size(), 1u);
  sv1::RejectLeaveRequest reject;
  reject.set_name(requested.leave().name());
  reject.set_approver("张科长");
  sv1::RejectLeaveResponse rejected;
  ASSERT_TRUE(stub_->RejectLeave(CallContext().get(), reject, &rejected).ok());
  ASSERT_EQ(Published<sv1::LeaveRejected>().size(), 1u);
  EXPECT_EQ(Published<sv1::LeaveRejected>()[0].leave().state(), sv1::LEAVE_STATE_REJECTED);
  ApproveLeave("a2", Shanghai(2026, 12, 9, 0), Shanghai(2026, 12, 10, 0));
  EXPECT_EQ(Published<sv1::LeaveApproved>().size(), 1u);

  // Requirement, manual assignment, check-in, manual unassignment.
  ASSERT_TRUE(SetRequirement("m1", kWednesday10, kWednesday10 + absl::Hours(1), 10).ok());
  ASSERT_EQ(Published<sv1::StaffingRequirementSet>().size(), 1u);
  ASSERT_TRUE(Assign("m1", "a1").ok());
  ASSERT_EQ(Published<sv1::StaffAssigned>().size(), 1u);
  clock_.Set(kWednesday10 - absl::Minutes(45));
  sv1::CheckInRequest check_in;
  check_in.set_name("meetings/m1/assignments/a1");
  sv1::CheckInResponse checked_in;
  ASSERT_TRUE(stub_->CheckIn(CallContext().get(), check_in, &checked_in).ok());
  ASSERT_TRUE(stub_->CheckIn(CallContext().get(), check_in, &checked_in).ok());
  ASSERT_EQ(Published<sv1::StaffCheckedIn>().size(), 1u);  // the first arrival only
  EXPECT_THAT(SubjectsOf<sv1::StaffCheckedIn>()[0],
              ElementsAre("meetings/m1", "buildings/city-hall/rooms/301", "staff/a1"));
  sv1::UnassignStaffRequest unassign;
  unassign.set_name("meetings/m1/assignments/a1");
  sv1::UnassignStaffResponse unassigned;
  ASSERT_TRUE(stub_->UnassignStaff(CallContext().get(), unassign, &unassigned).ok());
  ASSERT_EQ(Published<sv1::StaffUnassigned>().size(), 1u);
  EXPECT_EQ(Published<sv1::StaffUnassigned>()[0].reason(), sv1::UNASSIGN_REASON_MANUAL);

  // A transfer (调离岗位) ends the person's future assignments: each published.
  ASSERT_TRUE(SetRequirement("m2", kThursday10, kThursday10 + absl::Hours(1), 10).ok());
  ASSERT_TRUE(Assign("m2", "a1").ok());
  sv1::RecordDisciplineRequest discipline;
  discipline.set_parent("staff/a1");
  discipline.mutable_record()->set_kind(sv1::DISCIPLINE_KIND_TRANSFER);
  discipline.mutable_record()->set_reason("多次脱岗");
  discipline.mutable_record()->set_recorder("王主管");
  sv1::RecordDisciplineResponse recorded;
  ASSERT_TRUE(stub_->RecordDiscipline(CallContext().get(), discipline, &recorded).ok());
  const std::vector<sv1::DisciplineRecorded> records = Published<sv1::DisciplineRecorded>();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].staff(), "staff/a1");
  ASSERT_EQ(records[0].ended_assignments_size(), 1);
  const std::vector<sv1::StaffUnassigned> ended = Published<sv1::StaffUnassigned>();
  ASSERT_EQ(ended.size(), 2u);
  EXPECT_EQ(ended[1].meeting(), "meetings/m2");
  EXPECT_EQ(ended[1].reason(), sv1::UNASSIGN_REASON_TRANSFERRED);

  // Each change once, in commit order.
  const std::string p = "huiwu.staffing.v1.";
  EXPECT_THAT(database_.QueryRows("SELECT type FROM event_outbox ORDER BY id"),
              ElementsAre(p + "StaffCreated", p + "ShiftPatternSet", p + "StaffCreated",
                          p + "ShiftPatternSet", p + "OnCallSet", p + "LeaveRequested",
                          p + "LeaveRejected", p + "LeaveRequested", p + "LeaveApproved",
                          p + "StaffingRequirementSet", p + "StaffAssigned", p + "StaffCheckedIn",
                          p + "StaffUnassigned", p + "StaffingRequirementSet", p + "StaffAssigned",
                          p + "StaffUnassigned", p + "DisciplineRecorded"));
}

}  // namespace
}  // namespace huiwu::testing
