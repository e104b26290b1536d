// Evaluations (服务评价), complaints (投诉) and calendar feeds as the per-method policy and
// the data-access file decide, through real mTLS on the real booking service (issue 11,
// issue 14): a unit rates and complains about its own meetings only — another unit's is
// NOT_FOUND exactly as one that does not exist; it sees its own complaints and feeds
// only; complaints are handled by the dispatch hub and supervisors, not by units; a
// complainant's phone is masked for roles that do not need it.
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "huiwu/booking/v1/booking_service.grpc.pb.h"
#include "services/booking/booking_spec.h"
#include "tests/booking/feedback_test_util.h"
#include "tests/support/grpc_errors.h"
#include "tests/support/mtls_host.h"
#include "tests/support/service_fixture.h"
#include "tests/support/shipped_principals.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;

constexpr char k301[] = "buildings/city-hall/rooms/301";

class FeedbackScopeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    booking_ = std::make_unique<MtlsHost>();
    const absl::Status started = booking_->Start(booking::BookingServiceSpec(clock_, scheduling_),
                                                 "spiffe://huiwu/service/booking");
    ASSERT_TRUE(started.ok()) << started;
    SeedRooms(*Booking(kAdmin));
    office_meeting_ = Held(kOfficeSystem, kOffice, k301, 1);
    reform_meeting_ = Held(kReformSystem, kReform, "buildings/city-hall/rooms/302", 1);
  }

  static void TearDownTestSuite() { booking_.reset(); }

  static std::shared_ptr<grpc::Channel> ChannelAs(const std::string& principal) {
    return booking_->ChannelAs(principal);
  }
  static std::unique_ptr<v1::BookingService::Stub> Booking(const std::string& principal) {
    return v1::BookingService::NewStub(ChannelAs(principal));
  }

  // A meeting of `unit` filed by `system` on December `day`, 14:00–16:00, confirmed and
  // run to completion by the center; its name.
  static std::string Held(const std::string& system, const std::string& unit,
                          const std::string& room, int day) {
    clock_.Set(Local(day, 9));
    v1::Meeting meeting = SampleMeeting(room, Local(day, 14), Local(day, 16));
    meeting.set_organizer_unit(unit);
    v1::Meeting created;
    EXPECT_TRUE(CreateMeeting(*Booking(system), meeting, &created).ok());
    EXPECT_TRUE(ConfirmMeeting(*Booking(kDispatch), created.name()).ok());
    RunMeeting(*Booking(kAdmin), clock_, created.name(), Local(day, 14), Local(day, 15, 30),
               Local(day, 17));
    return created.name();
  }

  static void ExpectMeetingNotFound(const grpc::Status& status, const std::string& name) {
    EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << status.error_message();
    EXPECT_EQ(DetailsOf(status).reason, "MEETING_NOT_FOUND");
    EXPECT_EQ(status.error_message(),
              absl::StrCat(name, " does not exist; list meetings to find its name"));
  }

  static inline std::unique_ptr<MtlsHost> booking_;
  static inline ManualClock clock_{DefaultTestNow()};
  static inline booking::SchedulingPolicy scheduling_;
  static inline std::string office_meeting_;
  static inline std::string reform_meeting_;
};

TEST_F(FeedbackScopeTest, AUnitRatesItsOwnMeetingAndAnotherUnitsIsNotFound) {
  v1::SubmitServiceEvaluationResponse response;
  ExpectMeetingNotFound(
      Booking(kReformSystem)
          ->SubmitServiceEvaluation(CallContext().get(), Evaluation(office_meeting_, 1), &response),
      office_meeting_);
  ExpectMeetingNotFound(Booking(kReformSystem)
                            ->SubmitServiceEvaluation(CallContext().get(),
                                                      Evaluation("meetings/m-none", 1), &response),
                        "meetings/m-none");
  ASSERT_TRUE(
      Booking(kOfficeSystem)
          ->SubmitServiceEvaluation(CallContext().get(), Evaluation(office_meeting_, 5), &response)
          .ok());
  EXPECT_EQ(response.evaluation().submitted_by(), kOfficeSystem);
  EXPECT_EQ(response.evaluation().organizer_unit(), kOffice);

  // Its evaluation is as hidden from the other unit as its meeting; the center reads it.
  v1::GetServiceEvaluationRequest get;
  get.set_meeting(office_meeting_);
  v1::GetServiceEvaluationResponse got;
  ExpectMeetingNotFound(
      Booking(kReformSystem)->GetServiceEvaluation(CallContext().get(), get, &got),
      office_meeting_);
  ASSERT_TRUE(Booking(kOperator)->GetServiceEvaluation(CallContext().get(), get, &got).ok());
  EXPECT_EQ(got.evaluation().overall_rating(), 5);
  // The center does not rate in a unit's place.
  EXPECT_EQ(
      Booking(kDispatch)
          ->SubmitServiceEvaluation(CallContext().get(), Evaluation(reform_meeting_, 3), &response)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(FeedbackScopeTest, AUnitComplainsInItsOwnNameAndSeesOnlyItsOwnComplaints) {
  v1::RecordComplaintResponse recorded;
  ExpectMeetingNotFound(
      Booking(kReformSystem)
          ->RecordComplaint(CallContext().get(), ComplaintAbout(office_meeting_), &recorded),
      office_meeting_);
  const grpc::Status other_name =
      Booking(kReformSystem)
          ->RecordComplaint(CallContext().get(), ComplaintAbout("", k301, kOffice), &recorded);
  EXPECT_EQ(other_name.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(DetailsOf(other_name).reason, "OTHER_ORGANIZER_UNIT");

  v1::RecordComplaintRequest office_request = ComplaintAbout(office_meeting_);
  office_request.mutable_complaint()->mutable_contact()->set_name("王芳");
  office_request.mutable_complaint()->mutable_contact()->set_phone("13800138000");
  ASSERT_TRUE(
      Booking(kOfficeSystem)->RecordComplaint(CallContext().get(), office_request, &recorded).ok());
  const std::string office_complaint = recorded.complaint().name();
  // A room's complaint without a unit is the caller's unit's.
  ASSERT_TRUE(Booking(kReformSystem)
                  ->RecordComplaint(CallContext().get(), ComplaintAbout("", k301), &recorded)
                  .ok());
  EXPECT_EQ(recorded.complaint().organizer_unit(), kReform);
  const std::string reform_complaint = recorded.complaint().name();

  v1::GetComplaintRequest get;
  get.set_name(office_complaint);
  v1::GetComplaintResponse got;
  const grpc::Status hidden = Booking(kReformSystem)->GetComplaint(CallContext().get(), get, &got);
  EXPECT_EQ(hidden.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(DetailsOf(hidden).reason, "COMPLAINT_NOT_FOUND");

  v1::ListComplaintsRequest list;
  v1::ListComplaintsResponse listed;
  ASSERT_TRUE(Booking(kReformSystem)->ListComplaints(CallContext().get(), list, &listed).ok());
  ASSERT_EQ(listed.complaints_size(), 1);
  EXPECT_EQ(listed.complaints(0).name(), reform_complaint);
  list.set_organizer_unit(kOffice);
  ASSERT_TRUE(Booking(kReformSystem)->ListComplaints(CallContext().get(), list, &listed).ok());
  EXPECT_EQ(listed.complaints_size(), 0) << "another unit's complaints do not exist for it";

  // The complainant's phone: whole for the dispatch hub, masked for an operator.
  ASSERT_TRUE(Booking(kDispatch)->GetComplaint(CallContext().get(), get, &got).ok());
  EXPECT_EQ(got.complaint().contact().phone(), "13800138000");
  ASSERT_TRUE(Booking(kOperator)->GetComplaint(CallContext().get(), get, &got).ok());
  EXPECT_EQ(got.complaint().contact().phone(), "138****8000");
}

TEST_F(FeedbackScopeTest, ComplaintsAreHandledByTheCenterNotByUnits) {
  v1::RecordComplaintResponse recorded;
  ASSERT_TRUE(
      Booking(kDispatch)
          ->RecordComplaint(CallContext().get(), ComplaintAbout("", k301, kOffice), &recorded)
          .ok());
  v1::AssignComplaintRequest assign;
  assign.set_name(recorded.complaint().name());
  assign.set_assignee("staff/s-001");
  v1::AssignComplaintResponse assigned;
  EXPECT_EQ(
      Booking(kReformSystem)->AssignComplaint(CallContext().get(), assign, &assigned).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(
      Booking(kOperator)->AssignComplaint(CallContext().get(), assign, &assigned).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(Booking(kSupervisor)->AssignComplaint(CallContext().get(), assign, &assigned).ok());
  EXPECT_EQ(assigned.complaint().history(1).actor(), kSupervisor);

  v1::GetFeedbackReportRequest report;
  report.mutable_start_date()->set_year(2026);
  report.mutable_start_date()->set_month(12);
  report.mutable_start_date()->set_day(1);
  *report.mutable_end_date() = report.start_date();
  v1::GetFeedbackReportResponse figures;
  EXPECT_EQ(
      Booking(kOfficeSystem)->GetFeedbackReport(CallContext().get(), report, &figures).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(Booking(kOperator)->GetFeedbackReport(CallContext().get(), report, &figures).ok());
}

TEST_F(FeedbackScopeTest, AUnitsCalendarFeedsShowOnlyItsOwnMeetings) {
  const auto feed = [](const std::string& principal, v1::GetCalendarFeedRequest request) {
    request.mutable_start_date()->set_year(2026);
    request.mutable_start_date()->set_month(12);
    request.mutable_start_date()->set_day(1);
    *request.mutable_end_date() = request.start_date();
    v1::GetCalendarFeedResponse response;
    const grpc::Status status =
        Booking(principal)->GetCalendarFeed(CallContext().get(), request, &response);
    EXPECT_TRUE(status.ok()) << principal << ": " << status.error_message();
    return response;
  };
  v1::GetCalendarFeedRequest office_feed;
  office_feed.set_organizer_unit(kOffice);
  EXPECT_EQ(feed(kOfficeSystem, office_feed).event_count(), 1);
  EXPECT_EQ(feed(kReformSystem, office_feed).event_count(), 0);
  v1::GetCalendarFeedRequest room;
  room.set_room(k301);
  EXPECT_EQ(feed(kOfficeSystem, room).event_count(), 1);
  const v1::GetCalendarFeedResponse reform_view = feed(kReformSystem, room);
  EXPECT_EQ(reform_view.event_count(), 0);
  EXPECT_EQ(reform_view.content().find(office_meeting_.substr(9)), std::string::npos);
  EXPECT_EQ(feed(kOperator, room).event_count(), 1);
}

}  // namespace
}  // namespace huiwu::testing
