// Inspections against the real MariaDB: a failed item opens exactly one hazard, however
// often (and however concurrently) the inspection is resubmitted; templates are
// versioned and past inspections keep their revision.
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/safety/safety_test_util.h"
#include "tests/support/grpc_errors.h"
#include "tests/support/safety_fixture.h"

namespace huiwu::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::SizeIs;

class SafetyInspectionTest : public SafetyFixture {
 protected:
  void SetUp() override {
    SafetyFixture::SetUp();
    ASSERT_TRUE(CreatePatrolTemplate(*stub_).ok());
  }

  static sv1::SubmitInspectionRequest Patrol(bool exits_clear, double pressure) {
    sv1::SubmitInspectionRequest request;
    request.set_inspection_id("patrol-301-1201");
    sv1::Inspection* in = request.mutable_inspection();
    in->set_checklist_template(kPatrolTemplate);
    in->set_place(kRoom301);
    in->set_inspector("staff/f-021");
    in->set_supervisor("staff/s-001");
    auto* exits = in->add_answers();
    exits->set_item_id("exits-clear");
    exits->set_passed(exits_clear);
    auto* p = in->add_answers();
    p->set_item_id("extinguisher-pressure");
    p->set_number(pressure);
    auto* remark = in->add_answers();
    remark->set_item_id("remark");
    remark->set_text("走廊堆放纸箱");
    return request;
  }

  grpc::Status Submit(const sv1::SubmitInspectionRequest& request, sv1::Inspection* out) {
    sv1::SubmitInspectionResponse response;
    grpc::Status status = stub_->SubmitInspection(CallContext().get(), request, &response);
    if (out != nullptr) *out = response.inspection();
    return status;
  }
};

TEST_F(SafetyInspectionTest, FailedItemOpensExactlyOneHazardAlsoWhenResubmitted) {
  sv1::Inspection first;
  ASSERT_TRUE(Submit(Patrol(/*exits_clear=*/false, 1.2), &first).ok());
  EXPECT_THAT(first.failed_items(), ElementsAre("exits-clear"));
  ASSERT_THAT(first.hazards(), SizeIs(1));
  EXPECT_EQ(first.submission(), 1);
  const sv1::Hazard hazard = GetHazard(*stub_, first.hazards(0));
  EXPECT_EQ(hazard.severity(), sv1::HAZARD_SEVERITY_HIGH);
  EXPECT_EQ(hazard.kind(), sv1::HAZARD_KIND_FIRE);
  EXPECT_EQ(hazard.place(), kRoom301);
  EXPECT_EQ(hazard.reporter(), "staff/f-021");
  EXPECT_EQ(hazard.source_inspection(), first.name());
  EXPECT_EQ(hazard.source_item(), "exits-clear");

  // Resubmitted three times, four of them at once: still that one hazard.
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(Submit(Patrol(false, 1.2), nullptr).ok());
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([this] {
      auto stub = NewStub();
      sv1::SubmitInspectionResponse response;
      EXPECT_TRUE(stub->SubmitInspection(CallContext().get(), Patrol(false, 1.2), &response).ok());
    });
  }
  for (std::thread& t : threads) t.join();
  sv1::Inspection last;
  ASSERT_TRUE(Submit(Patrol(false, 1.2), &last).ok());
  EXPECT_EQ(last.submission(), 9);
  EXPECT_THAT(last.hazards(), ElementsAre(first.hazards(0)));
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM hazards"), 1);

  // A correction that fails another item opens that item's hazard, once.
  ASSERT_TRUE(Submit(Patrol(false, 0.6), &last).ok());
  ASSERT_TRUE(Submit(Patrol(false, 0.6), &last).ok());
  EXPECT_THAT(last.failed_items(), ElementsAre("exits-clear", "extinguisher-pressure"));
  EXPECT_THAT(last.hazards(), SizeIs(2));
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM hazards"), 2);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM hazards WHERE severity = 4"), 1);
}

TEST_F(SafetyInspectionTest, PassingInspectionOpensNoHazard) {
  sv1::Inspection in;
  ASSERT_TRUE(Submit(Patrol(true, 1.2), &in).ok());
  EXPECT_TRUE(in.failed_items().empty());
  EXPECT_TRUE(in.hazards().empty());
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM hazards"), 0);
}

TEST_F(SafetyInspectionTest, ChangedTemplateIsANewRevisionAndPastInspectionsKeepTheirs) {
  sv1::Inspection old_revision;
  ASSERT_TRUE(Submit(Patrol(true, 1.2), &old_revision).ok());
  EXPECT_EQ(old_revision.template_revision(), 1);

  // The same content again is no new revision (seeding twice changes nothing).
  sv1::ChecklistTemplate same;
  ASSERT_TRUE(CreatePatrolTemplate(*stub_, &same).ok());
  EXPECT_EQ(same.revision(), 1);

  sv1::CreateChecklistTemplateRequest change;
  change.set_checklist_template_id("daily-fire-patrol");
  *change.mutable_checklist_template() = PatrolTemplate();
  change.mutable_checklist_template()->mutable_items()->RemoveLast();  // no remark any more
  sv1::CreateChecklistTemplateResponse changed;
  ASSERT_TRUE(stub_->CreateChecklistTemplate(CallContext().get(), change, &changed).ok());
  EXPECT_EQ(changed.checklist_template().revision(), 2);

  // The old inspection is resubmitted against its revision 1 (with the remark) ...
  ASSERT_TRUE(Submit(Patrol(true, 1.3), &old_revision).ok());
  EXPECT_EQ(old_revision.template_revision(), 1);
  // ... while a new one answers revision 2, where the remark is no item any more.
  sv1::SubmitInspectionRequest fresh = Patrol(true, 1.2);
  fresh.set_inspection_id("patrol-301-1202");
  grpc::Status refused = Submit(fresh, nullptr);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(refused).violated_fields, ElementsAre("inspection.answers[2].item_id"));
  fresh.mutable_inspection()->mutable_answers()->RemoveLast();
  sv1::Inspection now;
  ASSERT_TRUE(Submit(fresh, &now).ok());
  EXPECT_EQ(now.template_revision(), 2);

  sv1::ListChecklistTemplatesRequest list;
  sv1::ListChecklistTemplatesResponse listed;
  ASSERT_TRUE(stub_->ListChecklistTemplates(CallContext().get(), list, &listed).ok());
  ASSERT_EQ(listed.checklist_templates_size(), 1);
  EXPECT_EQ(listed.checklist_templates(0).revision(), 2);
  EXPECT_EQ(listed.checklist_templates(0).items_size(), 2);
}

TEST_F(SafetyInspectionTest, RetryWithRequestIdReturnsTheFirstResult) {
  sv1::SubmitInspectionRequest request = Patrol(false, 1.2);
  request.clear_inspection_id();
  request.set_request_id("retry-7f3a");
  sv1::Inspection first;
  sv1::Inspection second;
  ASSERT_TRUE(Submit(request, &first).ok());
  ASSERT_TRUE(Submit(request, &second).ok());
  EXPECT_EQ(first.name(), second.name());
  EXPECT_EQ(second.submission(), 1);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM inspections"), 1);
}

TEST_F(SafetyInspectionTest, WrongAnswerKindAndMissingItemAreRefusedAndNothingIsWritten) {
  sv1::SubmitInspectionRequest request = Patrol(false, 1.2);
  request.mutable_inspection()->mutable_answers(1)->set_text("正常");  // a number is asked
  request.mutable_inspection()->mutable_answers()->RemoveLast();
  grpc::Status status = Submit(request, nullptr);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).violated_fields,
              ElementsAre("inspection.answers[1]", "inspection.answers"));
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM inspections"), 0);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM hazards"), 0);
}

}  // namespace
}  // namespace huiwu::testing
