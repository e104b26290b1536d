// Safety's events against the real MariaDB: every change writes its event in its own
// transaction (read back from the test database's event_outbox), a refused change or an
// idempotent retry writes none, and the subjects let a follower filter by the resource,
// its room and its building.
#include <string>
#include <vector>

#include "common/api/timestamp.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "huiwu/safety/v1/events.pb.h"
#include "tests/safety/outbox_reader.h"
#include "tests/safety/safety_test_util.h"
#include "tests/support/safety_fixture.h"

namespace huiwu::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;

class SafetyEventsTest : public SafetyFixture {};

TEST_F(SafetyEventsTest, HazardLifecyclePublishesEachStep) {
  sv1::ReportHazardRequest report;
  *report.mutable_hazard() = SampleHazard(kRoom301, sv1::HAZARD_SEVERITY_HIGH);
  report.set_request_id("report-301-socket");
  sv1::ReportHazardResponse reported;
  ASSERT_TRUE(stub_->ReportHazard(CallContext().get(), report, &reported).ok());
  const std::string name = reported.hazard().name();
  // A retry with the same request_id answers the first hazard and publishes nothing.
  ASSERT_TRUE(stub_->ReportHazard(CallContext().get(), report, &reported).ok());
  EXPECT_EQ(reported.hazard().name(), name);

  sv1::AssignHazardRequest assign;
  assign.set_name(name);
  assign.set_assignee("staff/f-031");
  sv1::AssignHazardResponse assigned;
  ASSERT_TRUE(stub_->AssignHazard(CallContext().get(), assign, &assigned).ok());
  sv1::StartHazardRectificationRequest start;
  start.set_name(name);
  sv1::StartHazardRectificationResponse started;
  ASSERT_TRUE(stub_->StartHazardRectification(CallContext().get(), start, &started).ok());
  sv1::ResolveHazardRequest resolve;
  resolve.set_name(name);
  resolve.set_resolver("staff/f-031");
  resolve.set_resolution("更换插线板");
  sv1::ResolveHazardResponse resolved;
  ASSERT_TRUE(stub_->ResolveHazard(CallContext().get(), resolve, &resolved).ok());

  // Refused (four eyes: the resolver cannot verify): no event.
  sv1::VerifyHazardRequest verify;
  verify.set_name(name);
  verify.set_verifier("staff/f-031");
  sv1::VerifyHazardResponse verified;
  EXPECT_EQ(stub_->VerifyHazard(CallContext().get(), verify, &verified).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  verify.set_verifier("staff/s-001");
  ASSERT_TRUE(stub_->VerifyHazard(CallContext().get(), verify, &verified).ok());

  sv1::ReopenHazardRequest reopen;
  reopen.set_name(name);
  reopen.set_reason("插线板再次发热");
  sv1::ReopenHazardResponse reopened;
  ASSERT_TRUE(stub_->ReopenHazard(CallContext().get(), reopen, &reopened).ok());
  sv1::ReReportHazardRequest rereport;
  rereport.set_name(name);
  rereport.set_reporter("staff/f-012");
  rereport.set_note("仍未整改");
  sv1::ReReportHazardResponse rereported;
  ASSERT_TRUE(stub_->ReReportHazard(CallContext().get(), rereport, &rereported).ok());

  // Past the next deadline the escalator re-reports it once more, automatically.
  clock_.Set(api::FromTimestamp(rereported.hazard().deadline()) + absl::Minutes(1));
  ASSERT_EQ(RunEscalation(), 1);
  const sv1::Hazard final_hazard = GetHazard(*stub_, name);

  const std::vector<OutboxEvent> events = ReadOutbox(database_);
  EXPECT_THAT(
      TypesOf(events),
      ElementsAre("huiwu.safety.v1.HazardOpened", "huiwu.safety.v1.HazardAssigned",
                  "huiwu.safety.v1.HazardRectificationStarted", "huiwu.safety.v1.HazardResolved",
                  "huiwu.safety.v1.HazardVerified", "huiwu.safety.v1.HazardReopened",
                  "huiwu.safety.v1.HazardEscalated", "huiwu.safety.v1.HazardEscalated"));
  ASSERT_THAT(events, SizeIs(8));
  // Subjects: the hazard, its room and the room's building (booking filters by both).
  for (const OutboxEvent& e : events) {
    EXPECT_THAT(e.subjects, ElementsAre(name, kRoom301, kCityHall)) << e.type;
  }
  // Each payload is the hazard as the call that made the change answered it.
  EXPECT_EQ(events[0].As<sv1::HazardOpened>().hazard().state(), sv1::HAZARD_STATE_REPORTED);
  EXPECT_EQ(events[1].As<sv1::HazardAssigned>().hazard().assignee(), "staff/f-031");
  EXPECT_EQ(events[2].As<sv1::HazardRectificationStarted>().hazard().etag(),
            started.hazard().etag());
  EXPECT_EQ(events[3].As<sv1::HazardResolved>().hazard().state(), sv1::HAZARD_STATE_RESOLVED);
  EXPECT_EQ(events[4].As<sv1::HazardVerified>().hazard().verifier(), "staff/s-001");
  EXPECT_EQ(events[5].As<sv1::HazardReopened>().hazard().state(), sv1::HAZARD_STATE_REOPENED);
  const sv1::Hazard by_hand = events[6].As<sv1::HazardEscalated>().hazard();
  ASSERT_THAT(by_hand.escalations(), SizeIs(1));
  EXPECT_TRUE(by_hand.escalations(0).manual());
  const sv1::Hazard automatic = events[7].As<sv1::HazardEscalated>().hazard();
  EXPECT_EQ(automatic.etag(), final_hazard.etag());
  EXPECT_EQ(automatic.escalation_level(), final_hazard.escalation_level());
  ASSERT_THAT(automatic.escalations(), SizeIs(2));
  EXPECT_FALSE(automatic.escalations(1).manual());
}

TEST_F(SafetyEventsTest, BuildingHazardNamesOnlyTheBuilding) {
  const sv1::Hazard hazard = Report(*stub_, SampleHazard(kCityHall, sv1::HAZARD_SEVERITY_CRITICAL));
  const std::vector<OutboxEvent> events = ReadOutbox(database_);
  ASSERT_THAT(events, SizeIs(1));
  EXPECT_THAT(events[0].subjects, ElementsAre(hazard.name(), kCityHall));
  EXPECT_EQ(events[0].As<sv1::HazardOpened>().hazard().severity(), sv1::HAZARD_SEVERITY_CRITICAL);
}

TEST_F(SafetyEventsTest, InspectionPublishesItselfAndTheHazardsItOpens) {
  ASSERT_TRUE(CreatePatrolTemplate(*stub_).ok());
  EXPECT_THAT(ReadOutbox(database_), IsEmpty());
  sv1::SubmitInspectionRequest request;
  request.set_inspection_id("patrol-301-1201");
  sv1::Inspection* in = request.mutable_inspection();
  in->set_checklist_template(kPatrolTemplate);
  in->set_place(kRoom301);
  in->set_inspector("staff/f-021");
  in->set_supervisor("staff/s-001");
  auto* exits = in->add_answers();
  exits->set_item_id("exits-clear");
  exits->set_passed(false);
  auto* pressure = in->add_answers();
  pressure->set_item_id("extinguisher-pressure");
  pressure->set_number(1.2);
  auto* remark = in->add_answers();
  remark->set_item_id("remark");
  remark->set_text("走廊堆放纸箱");
  sv1::SubmitInspectionResponse first;
  ASSERT_TRUE(stub_->SubmitInspection(CallContext().get(), request, &first).ok());
  ASSERT_THAT(first.inspection().hazards(), SizeIs(1));
  // Resubmitted with the same failure: a second InspectionSubmitted, no second hazard.
  sv1::SubmitInspectionResponse second;
  ASSERT_TRUE(stub_->SubmitInspection(CallContext().get(), request, &second).ok());

  const std::vector<OutboxEvent> events = ReadOutbox(database_);
  EXPECT_THAT(TypesOf(events),
              ElementsAre("huiwu.safety.v1.InspectionSubmitted", "huiwu.safety.v1.HazardOpened",
                          "huiwu.safety.v1.InspectionSubmitted"));
  ASSERT_THAT(events, SizeIs(3));
  EXPECT_THAT(events[0].subjects, ElementsAre("inspections/patrol-301-1201", kRoom301, kCityHall));
  EXPECT_THAT(events[0].As<sv1::InspectionSubmitted>().inspection().failed_items(),
              ElementsAre("exits-clear"));
  const sv1::Hazard opened = events[1].As<sv1::HazardOpened>().hazard();
  EXPECT_EQ(opened.name(), first.inspection().hazards(0));
  EXPECT_THAT(events[1].subjects, ElementsAre(opened.name(), kRoom301, kCityHall));
  EXPECT_EQ(events[2].As<sv1::InspectionSubmitted>().inspection().submission(), 2);
}

TEST_F(SafetyEventsTest, DisinfectionByHandPublishesDueAndDone) {
  sv1::CreateDisinfectionTaskRequest create;
  create.mutable_disinfection_task()->set_meeting("meetings/3f9c2a7d5e1b4c08");
  create.mutable_disinfection_task()->set_room(kRoom301);
  *create.mutable_disinfection_task()->mutable_meeting_end_time() =
      api::ToTimestamp(clock_.Now() - absl::Minutes(30));
  sv1::CreateDisinfectionTaskResponse created;
  ASSERT_TRUE(stub_->CreateDisinfectionTask(CallContext().get(), create, &created).ok());
  // A second task for the meeting is refused and publishes nothing.
  EXPECT_EQ(stub_->CreateDisinfectionTask(CallContext().get(), create, &created).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
  const std::string name = created.disinfection_task().name();
  sv1::CompleteDisinfectionRequest complete;
  complete.set_name(name);
  complete.set_performer("staff/f-040");
  complete.set_method(sv1::DISINFECTION_METHOD_STEAM);
  sv1::CompleteDisinfectionResponse completed;
  ASSERT_TRUE(stub_->CompleteDisinfection(CallContext().get(), complete, &completed).ok());

  const std::vector<OutboxEvent> events = ReadOutbox(database_);
  EXPECT_THAT(TypesOf(events),
              ElementsAre("huiwu.safety.v1.DisinfectionDue", "huiwu.safety.v1.DisinfectionDone"));
  ASSERT_THAT(events, SizeIs(2));
  for (const OutboxEvent& e : events) {
    EXPECT_THAT(e.subjects, ElementsAre(name, kRoom301, kCityHall, "meetings/3f9c2a7d5e1b4c08"));
  }
  EXPECT_FALSE(events[0].As<sv1::DisinfectionDue>().disinfection_task().completed());
  const sv1::DisinfectionTask done = events[1].As<sv1::DisinfectionDone>().disinfection_task();
  EXPECT_TRUE(done.completed());
  EXPECT_EQ(done.performer(), "staff/f-040");
  EXPECT_EQ(done.method(), sv1::DISINFECTION_METHOD_STEAM);
}

}  // namespace
}  // namespace huiwu::testing
