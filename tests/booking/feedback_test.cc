// Service evaluation (服务评价) and complaints (投诉) through real gRPC against MariaDB:
// an evaluation only after completion and only once; the complaint lifecycle with its
// history; listings by period, room and state; the report per room and the weekly
// brief's section.
#include <set>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/booking/feedback_test_util.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;
using ::testing::ElementsAre;

constexpr char k301[] = "buildings/city-hall/rooms/301";
constexpr char k302[] = "buildings/city-hall/rooms/302";

class FeedbackTest : public BookingFixture {
 protected:
  void SetUp() override {
    BookingFixture::SetUp();
    SeedRooms(*stub_);
  }

  // A meeting in `room` on December `day`, 14:00–16:00, completed at 15:30.
  std::string CompletedMeeting(const char* room, int day) {
    clock_.Set(Local(day, 9));
    const std::string name = BookMeeting(*stub_, room, Local(day, 14), Local(day, 16));
    EXPECT_FALSE(name.empty());
    RunMeeting(*stub_, clock_, name, Local(day, 14), Local(day, 15, 30), Local(day, 17));
    return name;
  }

  grpc::Status Submit(const v1::SubmitServiceEvaluationRequest& request,
                      v1::ServiceEvaluation* out = nullptr) {
    v1::SubmitServiceEvaluationResponse response;
    grpc::Status status = stub_->SubmitServiceEvaluation(CallContext().get(), request, &response);
    if (out != nullptr) *out = response.evaluation();
    return status;
  }

  grpc::Status Get(const std::string& meeting, v1::ServiceEvaluation* out = nullptr) {
    v1::GetServiceEvaluationRequest request;
    request.set_meeting(meeting);
    v1::GetServiceEvaluationResponse response;
    grpc::Status status = stub_->GetServiceEvaluation(CallContext().get(), request, &response);
    if (out != nullptr) *out = response.evaluation();
    return status;
  }

  v1::Complaint Record(const v1::RecordComplaintRequest& request) {
    v1::RecordComplaintResponse response;
    grpc::Status status = stub_->RecordComplaint(CallContext().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.complaint();
  }

  grpc::Status Assign(const std::string& name, const std::string& who, v1::Complaint* out = nullptr,
                      const std::string& etag = "") {
    v1::AssignComplaintRequest request;
    request.set_name(name);
    request.set_assignee(who);
    request.set_etag(etag);
    v1::AssignComplaintResponse response;
    grpc::Status status = stub_->AssignComplaint(CallContext().get(), request, &response);
    if (out != nullptr) *out = response.complaint();
    return status;
  }

  grpc::Status Answer(const std::string& name, const std::string& answer,
                      v1::Complaint* out = nullptr) {
    v1::AnswerComplaintRequest request;
    request.set_name(name);
    request.set_answer(answer);
    v1::AnswerComplaintResponse response;
    grpc::Status status = stub_->AnswerComplaint(CallContext().get(), request, &response);
    if (out != nullptr) *out = response.complaint();
    return status;
  }

  grpc::Status Close(const std::string& name, v1::Complaint* out = nullptr) {
    v1::CloseComplaintRequest request;
    request.set_name(name);
    request.set_note("主办单位表示满意");
    v1::CloseComplaintResponse response;
    grpc::Status status = stub_->CloseComplaint(CallContext().get(), request, &response);
    if (out != nullptr) *out = response.complaint();
    return status;
  }

  std::vector<std::string> List(v1::ListComplaintsRequest request) {
    std::vector<std::string> names;
    request.set_page_size(2);
    do {
      v1::ListComplaintsResponse response;
      grpc::Status status = stub_->ListComplaints(CallContext().get(), request, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      for (const v1::Complaint& c : response.complaints()) {
        EXPECT_TRUE(c.history().empty()) << "listings leave the history out";
        names.push_back(c.name());
      }
      request.set_page_token(response.next_page_token());
    } while (!request.page_token().empty());
    return names;
  }
};

TEST_F(FeedbackTest, AMeetingIsRatedOnlyOnceItIsCompletedAndOnlyOnce) {
  clock_.Set(Local(1, 9));
  const std::string name = BookMeeting(*stub_, k301, Local(1, 14), Local(1, 16));
  ASSERT_FALSE(name.empty());
  // CONFIRMED: too early, and nothing is stored.
  grpc::Status early = Submit(Evaluation(name, 5));
  EXPECT_EQ(early.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << early.error_message();
  EXPECT_EQ(DetailsOf(early).reason, "MEETING_NOT_COMPLETED");
  EXPECT_EQ(DetailsOf(early).metadata["state"], "CONFIRMED");
  EXPECT_EQ(DetailsOf(Get(name)).reason, "EVALUATION_NOT_FOUND");

  RunMeeting(*stub_, clock_, name, Local(1, 14), Local(1, 15, 30), Local(1, 17));
  v1::SubmitServiceEvaluationRequest request = Evaluation(name, 4);
  request.set_request_id("eval-1");
  v1::ServiceEvaluation stored;
  ASSERT_TRUE(Submit(request, &stored).ok());
  EXPECT_EQ(stored.name(), name + "/evaluation");
  EXPECT_EQ(stored.meeting(), name);
  EXPECT_EQ(stored.overall_rating(), 4);
  EXPECT_EQ(stored.organizer_unit(), "办公室");
  EXPECT_EQ(stored.room(), k301);
  EXPECT_FALSE(stored.submitted_by().empty());
  EXPECT_EQ(api::FromTimestamp(stored.submit_time()), Local(1, 17));
  ASSERT_EQ(stored.aspects_size(), 2);
  EXPECT_EQ(stored.aspects(0).aspect(), v1::EVALUATION_ASPECT_VENUE);
  EXPECT_EQ(stored.aspects(0).comment(), "桌牌准确");
  EXPECT_EQ(stored.aspects(1).aspect(), v1::EVALUATION_ASPECT_TEA);

  // A retried call gets the first answer; another evaluation is refused.
  clock_.Set(Local(1, 18));
  v1::ServiceEvaluation retried;
  ASSERT_TRUE(Submit(request, &retried).ok());
  EXPECT_EQ(retried.submit_time().seconds(), stored.submit_time().seconds());
  const grpc::Status again = Submit(Evaluation(name, 1));
  EXPECT_EQ(again.error_code(), grpc::StatusCode::ALREADY_EXISTS) << again.error_message();
  EXPECT_EQ(DetailsOf(again).reason, "EVALUATION_EXISTS");
  v1::ServiceEvaluation read;
  ASSERT_TRUE(Get(name, &read).ok());
  EXPECT_EQ(read.overall_rating(), 4);
  EXPECT_EQ(read.aspects_size(), 2);

  // A meeting that does not exist is not found.
  EXPECT_EQ(DetailsOf(Submit(Evaluation("meetings/0000000000000000", 3))).reason,
            "MEETING_NOT_FOUND");
}

TEST_F(FeedbackTest, AComplaintIsRecordedAssignedAnsweredAndClosedWithItsHistory) {
  const std::string meeting = CompletedMeeting(k301, 1);
  const v1::Complaint recorded = Record(ComplaintAbout(meeting));
  EXPECT_EQ(recorded.state(), v1::COMPLAINT_STATE_RECORDED);
  EXPECT_EQ(recorded.room(), k301) << "a meeting's complaint is about its room";
  EXPECT_EQ(recorded.organizer_unit(), "办公室");
  const std::string name = recorded.name();

  // Out of order: refused, with what to do.
  grpc::Status early = Answer(name, "已处理");
  EXPECT_EQ(early.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(DetailsOf(early).reason, "COMPLAINT_STATE_CONFLICT");
  EXPECT_EQ(DetailsOf(Close(name)).reason, "COMPLAINT_STATE_CONFLICT");

  clock_.Set(Local(1, 17, 10));
  v1::Complaint assigned;
  ASSERT_TRUE(Assign(name, "staff/s-012", &assigned, recorded.etag()).ok());
  // A stale etag loses.
  const grpc::Status stale = Assign(name, "staff/s-013", nullptr, recorded.etag());
  EXPECT_EQ(stale.error_code(), grpc::StatusCode::ABORTED) << stale.error_message();
  clock_.Set(Local(1, 17, 20));
  ASSERT_TRUE(Assign(name, "staff/s-013", &assigned, assigned.etag()).ok());
  EXPECT_EQ(assigned.assignee(), "staff/s-013");
  clock_.Set(Local(2, 10));
  ASSERT_TRUE(Answer(name, "已检修信号线，今后会前再试一次投影").ok());
  clock_.Set(Local(2, 11));
  v1::Complaint closed;
  ASSERT_TRUE(Close(name, &closed).ok());
  EXPECT_EQ(closed.state(), v1::COMPLAINT_STATE_CLOSED);
  EXPECT_EQ(closed.answer(), "已检修信号线，今后会前再试一次投影");
  EXPECT_EQ(DetailsOf(Assign(name, "staff/s-001")).reason, "COMPLAINT_STATE_CONFLICT");

  v1::GetComplaintRequest get;
  get.set_name(name);
  v1::GetComplaintResponse read;
  ASSERT_TRUE(stub_->GetComplaint(CallContext().get(), get, &read).ok());
  std::vector<v1::ComplaintState> states;
  std::vector<std::string> notes;
  for (const v1::ComplaintChange& change : read.complaint().history()) {
    states.push_back(change.to_state());
    notes.push_back(change.note());
    EXPECT_FALSE(change.actor().empty());
  }
  EXPECT_THAT(states, ElementsAre(v1::COMPLAINT_STATE_RECORDED, v1::COMPLAINT_STATE_ASSIGNED,
                                  v1::COMPLAINT_STATE_ASSIGNED, v1::COMPLAINT_STATE_ANSWERED,
                                  v1::COMPLAINT_STATE_CLOSED));
  EXPECT_THAT(notes, ElementsAre("", "staff/s-012", "staff/s-013",
                                 "已检修信号线，今后会前再试一次投影", "主办单位表示满意"));
  EXPECT_EQ(api::FromTimestamp(read.complaint().history(3).change_time()), Local(2, 10));
  EXPECT_EQ(api::FromTimestamp(read.complaint().update_time()), Local(2, 11));

  get.set_name("complaints/0000000000000000");
  EXPECT_EQ(DetailsOf(stub_->GetComplaint(CallContext().get(), get, &read)).reason,
            "COMPLAINT_NOT_FOUND");
}

TEST_F(FeedbackTest, ComplaintsAreListedNewestFirstByPeriodRoomAndState) {
  const std::string meeting = CompletedMeeting(k301, 1);
  clock_.Set(Local(1, 18));
  const std::string about_meeting = Record(ComplaintAbout(meeting)).name();
  clock_.Set(Local(2, 9));
  const std::string about_room = Record(ComplaintAbout("", k301, "市财政局")).name();
  clock_.Set(Local(3, 9));
  const std::string about_302 = Record(ComplaintAbout("", k302, "市财政局")).name();
  ASSERT_TRUE(Assign(about_302, "staff/s-001").ok());

  EXPECT_THAT(List({}), ElementsAre(about_302, about_room, about_meeting));
  v1::ListComplaintsRequest by_room;
  by_room.set_room(k301);
  EXPECT_THAT(List(by_room), ElementsAre(about_room, about_meeting));
  v1::ListComplaintsRequest by_state;
  by_state.set_state(v1::COMPLAINT_STATE_ASSIGNED);
  EXPECT_THAT(List(by_state), ElementsAre(about_302));
  v1::ListComplaintsRequest by_day;
  by_day.mutable_start_date()->set_year(2026);
  by_day.mutable_start_date()->set_month(12);
  by_day.mutable_start_date()->set_day(2);
  *by_day.mutable_end_date() = by_day.start_date();
  EXPECT_THAT(List(by_day), ElementsAre(about_room));
  v1::ListComplaintsRequest by_unit;
  by_unit.set_organizer_unit("办公室");
  EXPECT_THAT(List(by_unit), ElementsAre(about_meeting));

  // A token is bound to its filters.
  v1::ListComplaintsRequest first;
  first.set_page_size(1);
  v1::ListComplaintsResponse page;
  ASSERT_TRUE(stub_->ListComplaints(CallContext().get(), first, &page).ok());
  ASSERT_FALSE(page.next_page_token().empty());
  by_room.set_page_token(page.next_page_token());
  EXPECT_EQ(stub_->ListComplaints(CallContext().get(), by_room, &page).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(FeedbackTest, TheReportAndTheWeeklyBriefShowRatingsAndComplaintsPerRoom) {
  const std::string a = CompletedMeeting(k301, 1);
  const std::string b = CompletedMeeting(k301, 2);
  CompletedMeeting(k302, 3);  // completed, not rated
  ASSERT_TRUE(Submit(Evaluation(a, 5)).ok());
  ASSERT_TRUE(Submit(Evaluation(b, 2)).ok());
  const std::string closed = Record(ComplaintAbout(b)).name();
  ASSERT_TRUE(Assign(closed, "staff/s-001").ok());
  ASSERT_TRUE(Answer(closed, "已致歉").ok());
  ASSERT_TRUE(Close(closed).ok());
  Record(ComplaintAbout("", k302, "市财政局"));

  v1::GetFeedbackReportRequest request;
  request.mutable_start_date()->set_year(2026);
  request.mutable_start_date()->set_month(11);
  request.mutable_start_date()->set_day(30);
  request.mutable_end_date()->set_year(2026);
  request.mutable_end_date()->set_month(12);
  request.mutable_end_date()->set_day(6);
  v1::GetFeedbackReportResponse report;
  ASSERT_TRUE(stub_->GetFeedbackReport(CallContext().get(), request, &report).ok());
  const v1::FeedbackFigures& f = report.figures();
  EXPECT_EQ(f.meetings_completed(), 3);
  EXPECT_EQ(f.evaluations(), 2);
  EXPECT_DOUBLE_EQ(f.average_overall(), 3.5);
  EXPECT_EQ(f.complaints_recorded(), 2);
  EXPECT_EQ(f.complaints_closed(), 1);
  ASSERT_EQ(f.rooms_size(), 2);
  const v1::RoomFeedback& r301 = f.rooms(0);
  EXPECT_EQ(r301.room(), k301);
  EXPECT_EQ(r301.room_display_name(), "市政府大楼 301会议室");
  EXPECT_EQ(r301.evaluations(), 2);
  EXPECT_DOUBLE_EQ(r301.average_overall(), 3.5);
  EXPECT_EQ(r301.dissatisfied(), 1);
  ASSERT_EQ(r301.aspects_size(), 2);
  EXPECT_EQ(r301.aspects(0).aspect(), v1::EVALUATION_ASPECT_VENUE);
  EXPECT_DOUBLE_EQ(r301.aspects(0).average(), 5);
  EXPECT_EQ(r301.aspects(0).count(), 2);
  EXPECT_EQ(r301.complaints_recorded(), 1);
  EXPECT_EQ(r301.complaints_closed(), 1);
  EXPECT_EQ(f.rooms(1).room(), k302);
  EXPECT_EQ(f.rooms(1).evaluations(), 0);
  EXPECT_EQ(f.rooms(1).complaints_recorded(), 1);

  // The next week has none of it.
  request.mutable_start_date()->set_month(12);
  request.mutable_start_date()->set_day(7);
  request.mutable_end_date()->set_day(13);
  ASSERT_TRUE(stub_->GetFeedbackReport(CallContext().get(), request, &report).ok());
  EXPECT_EQ(report.figures().evaluations(), 0);
  EXPECT_EQ(report.figures().complaints_recorded(), 0);
  EXPECT_TRUE(report.figures().rooms().empty());

  // The weekly brief (每周业务简报) carries the same figures, and prints them.
  v1::GetWeeklyBriefRequest brief_request;
  brief_request.mutable_week()->set_year(2026);
  brief_request.mutable_week()->set_month(12);
  brief_request.mutable_week()->set_day(2);
  v1::GetWeeklyBriefResponse brief;
  const grpc::Status status = stub_->GetWeeklyBrief(CallContext().get(), brief_request, &brief);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(brief.feedback().evaluations(), 2);
  EXPECT_EQ(brief.feedback().complaints_recorded(), 2);
  ASSERT_EQ(brief.feedback().rooms_size(), 2);
  EXPECT_NE(brief.rendered_html().find("七、服务评价与投诉"), std::string::npos);
  EXPECT_NE(brief.rendered_html().find("<td class=\"num\">3.50</td>"), std::string::npos);
}

}  // namespace
}  // namespace huiwu::testing
