// Every class of bad input to evaluations, complaints, the feedback report and the
// calendar feed gets INVALID_ARGUMENT naming the field (google.rpc.BadRequest) and writes
// nothing: the evaluation lifecycle and the complaint lifecycle, call by call.
#include <functional>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/booking/bad_input_util.h"
#include "tests/booking/feedback_test_util.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;

std::string Chinese(int characters) {
  std::string text;
  for (int i = 0; i < characters; ++i) text += "评";
  return text;
}

void SetDate(huiwu::common::v1::Date* date, int year, int month, int day) {
  date->set_year(year);
  date->set_month(month);
  date->set_day(day);
}

// `meeting` is COMPLETED and `complaint` RECORDED, so that only the spoiled field can be at
// fault.
std::vector<BadInput> BadInputs(const std::string& meeting, const std::string& complaint) {
  using Stub = v1::BookingService::Stub;
  std::vector<BadInput> cases;

  auto evaluate = [&](std::string what, std::string field,
                      std::function<void(v1::SubmitServiceEvaluationRequest&)> spoil) {
    v1::SubmitServiceEvaluationRequest r = Evaluation(meeting, 4);
    r.set_request_id("eval-1");
    spoil(r);
    cases.push_back(Case("evaluate: " + what, field, &Stub::SubmitServiceEvaluation, r));
  };
  evaluate("missing meeting", "meeting", [](auto& r) { r.clear_meeting(); });
  evaluate("SQL in meeting", "meeting",
           [](auto& r) { r.set_meeting("meetings/x'; DELETE FROM meetings; --"); });
  evaluate("missing evaluation", "evaluation", [](auto& r) { r.clear_evaluation(); });
  evaluate("overall 0", "evaluation.overall_rating",
           [](auto& r) { r.mutable_evaluation()->set_overall_rating(0); });
  evaluate("overall 6", "evaluation.overall_rating",
           [](auto& r) { r.mutable_evaluation()->set_overall_rating(6); });
  evaluate("overall negative", "evaluation.overall_rating",
           [](auto& r) { r.mutable_evaluation()->set_overall_rating(-3); });
  evaluate("oversized comment", "evaluation.comment",
           [](auto& r) { r.mutable_evaluation()->set_comment(Chinese(1001)); });
  evaluate("unknown aspect 99", "evaluation.aspects[0].aspect", [](auto& r) {
    r.mutable_evaluation()->mutable_aspects(0)->set_aspect(static_cast<v1::EvaluationAspect>(99));
  });
  evaluate("unspecified aspect", "evaluation.aspects[1].aspect", [](auto& r) {
    r.mutable_evaluation()->mutable_aspects(1)->set_aspect(v1::EVALUATION_ASPECT_UNSPECIFIED);
  });
  evaluate("aspect twice", "evaluation.aspects[2].aspect", [](auto& r) {
    auto* again = r.mutable_evaluation()->add_aspects();
    again->set_aspect(v1::EVALUATION_ASPECT_TEA);
    again->set_rating(3);
  });
  evaluate("aspect rating 7", "evaluation.aspects[1].rating",
           [](auto& r) { r.mutable_evaluation()->mutable_aspects(1)->set_rating(7); });
  evaluate("oversized aspect comment", "evaluation.aspects[0].comment",
           [](auto& r) { r.mutable_evaluation()->mutable_aspects(0)->set_comment(Chinese(501)); });
  evaluate("request_id with spaces", "request_id", [](auto& r) { r.set_request_id("a b"); });

  v1::GetServiceEvaluationRequest get_evaluation;
  get_evaluation.set_meeting("m-1");
  cases.push_back(
      Case("get evaluation: bad name", "meeting", &Stub::GetServiceEvaluation, get_evaluation));

  auto record = [&](std::string what, std::string field,
                    std::function<void(v1::RecordComplaintRequest&)> spoil) {
    v1::RecordComplaintRequest r = ComplaintAbout(meeting);
    r.mutable_complaint()->mutable_contact()->set_name("王敏");
    r.mutable_complaint()->mutable_contact()->set_phone("0571-8888 1234");
    spoil(r);
    cases.push_back(Case("record: " + what, field, &Stub::RecordComplaint, r));
  };
  record("missing complaint", "complaint", [](auto& r) { r.clear_complaint(); });
  record("neither meeting nor room", "complaint.meeting",
         [](auto& r) { r.mutable_complaint()->clear_meeting(); });
  record("meeting and room", "complaint.room",
         [](auto& r) { r.mutable_complaint()->set_room("buildings/city-hall/rooms/301"); });
  record("bad meeting name", "complaint.meeting",
         [](auto& r) { r.mutable_complaint()->set_meeting("meetings/"); });
  record("bad room name", "complaint.room", [](auto& r) {
    r.mutable_complaint()->clear_meeting();
    r.mutable_complaint()->set_room("rooms/301");
    r.mutable_complaint()->set_organizer_unit("市财政局");
  });
  record("room without a unit (dispatch)", "complaint.organizer_unit", [](auto& r) {
    r.mutable_complaint()->clear_meeting();
    r.mutable_complaint()->set_room("buildings/city-hall/rooms/301");
  });
  record("oversized unit", "complaint.organizer_unit",
         [](auto& r) { r.mutable_complaint()->set_organizer_unit(Chinese(101)); });
  record("empty description", "complaint.description",
         [](auto& r) { r.mutable_complaint()->set_description(""); });
  record("oversized description", "complaint.description",
         [](auto& r) { r.mutable_complaint()->set_description(Chinese(2001)); });
  record("letters in phone", "complaint.contact.phone",
         [](auto& r) { r.mutable_complaint()->mutable_contact()->set_phone("call me"); });
  record("empty contact name", "complaint.contact.name",
         [](auto& r) { r.mutable_complaint()->mutable_contact()->set_name(""); });
  record("request_id too long", "request_id",
         [](auto& r) { r.set_request_id(std::string(65, 'a')); });

  auto assign = [&](std::string what, std::string field,
                    std::function<void(v1::AssignComplaintRequest&)> spoil) {
    v1::AssignComplaintRequest r;
    r.set_name(complaint);
    r.set_assignee("staff/s-001");
    spoil(r);
    cases.push_back(Case("assign: " + what, field, &Stub::AssignComplaint, r));
  };
  assign("missing name", "name", [](auto& r) { r.clear_name(); });
  assign("meeting's name", "name", [](auto& r) { r.set_name("meetings/abc"); });
  assign("missing assignee", "assignee", [](auto& r) { r.clear_assignee(); });
  assign("assignee not staff", "assignee", [](auto& r) { r.set_assignee("s-001"); });
  assign("SQL in assignee", "assignee", [](auto& r) { r.set_assignee("staff/x' OR '1'='1"); });
  assign("oversized etag", "etag", [](auto& r) { r.set_etag(std::string(41, '1')); });

  auto answer = [&](std::string what, std::string field,
                    std::function<void(v1::AnswerComplaintRequest&)> spoil) {
    v1::AnswerComplaintRequest r;
    r.set_name(complaint);
    r.set_answer("已处理");
    spoil(r);
    cases.push_back(Case("answer: " + what, field, &Stub::AnswerComplaint, r));
  };
  answer("empty answer", "answer", [](auto& r) { r.clear_answer(); });
  answer("oversized answer", "answer", [](auto& r) { r.set_answer(Chinese(2001)); });
  answer("bad name", "name", [](auto& r) { r.set_name("complaints/-x-"); });

  auto close = [&](std::string what, std::string field,
                   std::function<void(v1::CloseComplaintRequest&)> spoil) {
    v1::CloseComplaintRequest r;
    r.set_name(complaint);
    spoil(r);
    cases.push_back(Case("close: " + what, field, &Stub::CloseComplaint, r));
  };
  close("oversized note", "note", [](auto& r) { r.set_note(Chinese(501)); });
  close("bad name", "name", [](auto& r) { r.set_name("complaints/"); });

  v1::GetComplaintRequest get_complaint;
  get_complaint.set_name("complaint/abc");
  cases.push_back(Case("get complaint: bad name", "name", &Stub::GetComplaint, get_complaint));

  auto list = [&](std::string what, std::string field,
                  std::function<void(v1::ListComplaintsRequest&)> spoil) {
    v1::ListComplaintsRequest r;
    spoil(r);
    cases.push_back(Case("list: " + what, field, &Stub::ListComplaints, r));
  };
  list("garbage token", "page_token", [](auto& r) { r.set_page_token("garbage!"); });
  list("negative page_size", "page_size", [](auto& r) { r.set_page_size(-1); });
  list("unknown state", "state", [](auto& r) { r.set_state(static_cast<v1::ComplaintState>(42)); });
  list("bad room", "room", [](auto& r) { r.set_room("buildings/city-hall"); });
  list("February 30", "start_date.day",
       [](auto& r) { SetDate(r.mutable_start_date(), 2026, 2, 30); });
  list("end before start", "end_date", [](auto& r) {
    SetDate(r.mutable_start_date(), 2026, 12, 2);
    SetDate(r.mutable_end_date(), 2026, 12, 1);
  });
  list("oversized unit", "organizer_unit", [](auto& r) { r.set_organizer_unit(Chinese(101)); });

  auto report = [&](std::string what, std::string field,
                    std::function<void(v1::GetFeedbackReportRequest&)> spoil) {
    v1::GetFeedbackReportRequest r;
    SetDate(r.mutable_start_date(), 2026, 12, 1);
    SetDate(r.mutable_end_date(), 2026, 12, 31);
    spoil(r);
    cases.push_back(Case("report: " + what, field, &Stub::GetFeedbackReport, r));
  };
  report("missing start", "start_date", [](auto& r) { r.clear_start_date(); });
  report("missing end", "end_date", [](auto& r) { r.clear_end_date(); });
  report("month 13", "end_date.month", [](auto& r) { r.mutable_end_date()->set_month(13); });
  report("more than a year", "end_date",
         [](auto& r) { SetDate(r.mutable_end_date(), 2027, 12, 2); });

  auto feed = [&](std::string what, std::string field,
                  std::function<void(v1::GetCalendarFeedRequest&)> spoil) {
    v1::GetCalendarFeedRequest r;
    r.set_room("buildings/city-hall/rooms/301");
    SetDate(r.mutable_start_date(), 2026, 12, 1);
    SetDate(r.mutable_end_date(), 2026, 12, 31);
    spoil(r);
    cases.push_back(Case("feed: " + what, field, &Stub::GetCalendarFeed, r));
  };
  feed("no subject", "room", [](auto& r) { r.clear_subject(); });
  feed("bad room", "room", [](auto& r) { r.set_room("301"); });
  feed("empty unit", "organizer_unit", [](auto& r) { r.set_organizer_unit(""); });
  feed("oversized unit", "organizer_unit", [](auto& r) { r.set_organizer_unit(Chinese(101)); });
  feed("missing start", "start_date", [](auto& r) { r.clear_start_date(); });
  feed("year 1999", "start_date.year",
       [](auto& r) { SetDate(r.mutable_start_date(), 1999, 12, 1); });
  feed("end before start", "end_date",
       [](auto& r) { SetDate(r.mutable_end_date(), 2026, 11, 30); });
  return cases;
}

class FeedbackBadInputTest : public BookingFixture {};

TEST_F(FeedbackBadInputTest, EachIsInvalidArgumentNamingTheFieldAndWritesNothing) {
  SeedRooms(*stub_);
  const std::string meeting =
      BookMeeting(*stub_, "buildings/city-hall/rooms/301", Local(1, 14), Local(1, 16));
  ASSERT_FALSE(meeting.empty());
  RunMeeting(*stub_, clock_, meeting, Local(1, 14), Local(1, 15), Local(1, 16));
  v1::RecordComplaintResponse recorded;
  ASSERT_TRUE(stub_->RecordComplaint(CallContext().get(), ComplaintAbout(meeting), &recorded).ok());
  const std::vector<std::string> tables = {"service_evaluations", "evaluation_aspects",
                                           "complaints", "complaint_history", "idempotency_keys"};
  ExpectEachRefusedAndNothingWritten(*stub_, BadInputs(meeting, recorded.complaint().name()),
                                     database_, tables);
}

}  // namespace
}  // namespace huiwu::testing
