// Seating by rank (座次) through the real service: ranks stored with the list, the plan's
// seats by the layout and rule, too small a layout refused, and every bad request
// INVALID_ARGUMENT naming the field.
#include <functional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/booking/bad_input_util.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/support/booking_fixture.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;

class SeatingPlanTest : public BookingFixture {
 protected:
  void SetUp() override {
    BookingFixture::SetUp();
    SeedRooms(*stub_);
  }

  // A notice for 301 listing the people, each {name, rank}; returns the meeting.
  v1::Meeting Notice(const std::vector<std::pair<std::string, int>>& people) {
    v1::Meeting meeting = SampleMeeting("buildings/city-hall/rooms/301", Local(3, 9), Local(3, 11),
                                        static_cast<int>(people.size()));
    for (const auto& [name, rank] : people) {
      v1::Attendee* a = meeting.add_attendees();
      a->set_name(name);
      a->set_protocol_rank(rank);
    }
    v1::Meeting created;
    grpc::Status status = CreateMeeting(*stub_, meeting, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created;
  }

  grpc::Status Plan(const std::string& meeting, int rostrum, int rows, int per_row,
                    v1::SeniorSide side, v1::GetSeatingPlanResponse* plan) {
    v1::GetSeatingPlanRequest request;
    request.set_meeting(meeting);
    request.mutable_layout()->set_rostrum_seats(rostrum);
    request.mutable_layout()->set_hall_rows(rows);
    request.mutable_layout()->set_hall_seats_per_row(per_row);
    request.mutable_rule()->set_senior_side(side);
    return stub_->GetSeatingPlan(CallContext().get(), request, plan);
  }
};

// "name@R1.3" (rostrum, row 1, seat 3) or "name@H2.1", in the response's order.
std::vector<std::string> Seats(const v1::GetSeatingPlanResponse& plan) {
  std::vector<std::string> seats;
  for (const v1::SeatAssignment& s : plan.seats()) {
    seats.push_back(absl::StrCat(s.attendee().name(),
                                 s.area() == v1::SEAT_AREA_ROSTRUM ? "@R" : "@H", s.row(), ".",
                                 s.seat()));
  }
  return seats;
}

TEST_F(SeatingPlanTest, RanksAreKeptWithTheListAndThePlanSeatsByThem) {
  const v1::Meeting meeting =
      Notice({{"赵秘书", 0}, {"王副市长", 2}, {"李市长", 1}, {"张副市长", 3}, {"钱科长", 0}});
  // The ranks come back as given, on the list's order.
  v1::GetMeetingRequest get;
  get.set_name(meeting.name());
  v1::GetMeetingResponse got;
  ASSERT_TRUE(stub_->GetMeeting(CallContext().get(), get, &got).ok());
  ASSERT_EQ(got.meeting().attendees_size(), 5);
  EXPECT_EQ(got.meeting().attendees(1).protocol_rank(), 2);
  EXPECT_EQ(got.meeting().attendees(2).protocol_rank(), 1);
  EXPECT_EQ(got.meeting().attendees(0).protocol_rank(), 0);

  // 以左为上 (the default): the principal in the centre of three, No. 2 on the hall's
  // right; the unranked in the hall in list order from the centre out.
  v1::GetSeatingPlanResponse plan;
  grpc::Status status = Plan(meeting.name(), 3, 1, 4, v1::SENIOR_SIDE_UNSPECIFIED, &plan);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_THAT(Seats(plan), ::testing::ElementsAre("李市长@R1.2", "王副市长@R1.3", "张副市长@R1.1",
                                                  "赵秘书@H1.1", "钱科长@H1.2"));
  EXPECT_EQ(plan.rule().senior_side(), v1::SENIOR_SIDE_LEFT);
  EXPECT_EQ(plan.rule().even_centring(), v1::EVEN_CENTRING_PAIR);
  EXPECT_EQ(plan.seats(0).protocol_order(), 1);
  EXPECT_EQ(plan.room_display_name(), "市政府大楼 301会议室");
  EXPECT_THAT(plan.rendered_html(), ::testing::HasSubstr("李市长"));
  EXPECT_THAT(plan.nameplates_html(), ::testing::HasSubstr("王副市长"));

  // 以右为尊: the rostrum and the hall row mirrored.
  status = Plan(meeting.name(), 3, 1, 4, v1::SENIOR_SIDE_RIGHT, &plan);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_THAT(Seats(plan), ::testing::ElementsAre("李市长@R1.2", "王副市长@R1.1", "张副市长@R1.3",
                                                  "赵秘书@H1.2", "钱科长@H1.1"));
}

TEST_F(SeatingPlanTest, ARankChangedByUpdateMeetingMovesTheSeats) {
  v1::Meeting meeting = Notice({{"李市长", 1}, {"王副市长", 2}});
  // The organizer swaps the two (a change of ranks only: same people, same list order).
  meeting.mutable_attendees(0)->set_protocol_rank(2);
  meeting.mutable_attendees(1)->set_protocol_rank(1);
  v1::UpdateMeetingRequest update;
  *update.mutable_meeting() = meeting;
  update.mutable_update_mask()->add_paths("attendees");
  v1::UpdateMeetingResponse updated;
  grpc::Status status = stub_->UpdateMeeting(CallContext().get(), update, &updated);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_NE(updated.meeting().etag(), meeting.etag());

  v1::GetSeatingPlanResponse plan;
  status = Plan(meeting.name(), 2, 0, 0, v1::SENIOR_SIDE_LEFT, &plan);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_THAT(Seats(plan), ::testing::ElementsAre("王副市长@R1.1", "李市长@R1.2"));
}

TEST_F(SeatingPlanTest, ALayoutTooSmallForTheListIsAFailedPreconditionWithTheCounts) {
  const v1::Meeting meeting = Notice({{"李市长", 1}, {"王副市长", 2}, {"赵秘书", 0}});
  v1::GetSeatingPlanResponse plan;
  const grpc::Status status = Plan(meeting.name(), 2, 0, 0, v1::SENIOR_SIDE_LEFT, &plan);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  const ErrorDetails details = DetailsOf(status);
  EXPECT_EQ(details.reason, "NOT_ENOUGH_SEATS");
  EXPECT_EQ(details.metadata.at("seats"), "2");
  EXPECT_EQ(details.metadata.at("attendees"), "3");
}

TEST_F(SeatingPlanTest, AnUnknownMeetingIsNotFound) {
  v1::GetSeatingPlanResponse plan;
  EXPECT_EQ(Plan("meetings/nope", 3, 0, 0, v1::SENIOR_SIDE_LEFT, &plan).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(SeatingPlanTest, EachBadRequestIsInvalidArgumentNamingTheFieldAndWritesNothing) {
  const v1::Meeting meeting = Notice({{"李市长", 1}});
  using Stub = v1::BookingService::Stub;
  std::vector<BadInput> cases;
  auto plan = [&](std::string what, std::string field,
                  std::function<void(v1::GetSeatingPlanRequest&)> spoil) {
    v1::GetSeatingPlanRequest r;
    r.set_meeting(meeting.name());
    r.mutable_layout()->set_rostrum_seats(5);
    r.mutable_layout()->set_hall_rows(2);
    r.mutable_layout()->set_hall_seats_per_row(10);
    spoil(r);
    cases.push_back(Case(what, field, &Stub::GetSeatingPlan, r));
  };
  plan("missing meeting", "meeting", [](auto& r) { r.clear_meeting(); });
  plan("not a meeting name", "meeting", [](auto& r) { r.set_meeting("rooms/301"); });
  plan("SQL in the meeting name", "meeting",
       [](auto& r) { r.set_meeting("meetings/x'; DROP TABLE meetings; --"); });
  plan("no seats at all", "layout", [](auto& r) { r.clear_layout(); });
  plan("negative rostrum", "layout.rostrum_seats",
       [](auto& r) { r.mutable_layout()->set_rostrum_seats(-1); });
  plan("rostrum of 51", "layout.rostrum_seats",
       [](auto& r) { r.mutable_layout()->set_rostrum_seats(51); });
  plan("101 hall rows", "layout.hall_rows",
       [](auto& r) { r.mutable_layout()->set_hall_rows(101); });
  plan("hall rows without seats", "layout.hall_seats_per_row",
       [](auto& r) { r.mutable_layout()->set_hall_seats_per_row(0); });
  plan("seats per row without rows", "layout.hall_rows",
       [](auto& r) { r.mutable_layout()->set_hall_rows(0); });
  plan("101 seats per row", "layout.hall_seats_per_row",
       [](auto& r) { r.mutable_layout()->set_hall_seats_per_row(101); });
  plan("unknown senior side", "rule.senior_side",
       [](auto& r) { r.mutable_rule()->set_senior_side(static_cast<v1::SeniorSide>(9)); });
  plan("unknown even centring", "rule.even_centring",
       [](auto& r) { r.mutable_rule()->set_even_centring(static_cast<v1::EvenCentring>(9)); });
  plan("unknown paper", "paper_size",
       [](auto& r) { r.set_paper_size(static_cast<v1::PaperSize>(7)); });
  ExpectEachRefusedAndNothingWritten(*stub_, cases, database_,
                                     {"meetings", "meeting_attendees", "event_outbox"});
}

}  // namespace
}  // namespace huiwu::testing
