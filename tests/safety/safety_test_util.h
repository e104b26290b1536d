// Requests the safety tests share: a fire-patrol template, hazards, schedules.
#ifndef HUIWU_TESTS_SAFETY_SAFETY_TEST_UTIL_H_
#define HUIWU_TESTS_SAFETY_SAFETY_TEST_UTIL_H_

#include <string>

#include "common/api/timestamp.h"
#include "gtest/gtest.h"
#include "huiwu/safety/v1/safety_service.grpc.pb.h"
#include "tests/support/call_context.h"  // CallContext

namespace huiwu::testing {

namespace sv1 = safety::v1;

inline constexpr char kRoom301[] = "buildings/city-hall/rooms/301";
inline constexpr char kRoom302[] = "buildings/city-hall/rooms/302";
inline constexpr char kCityHall[] = "buildings/city-hall";
inline constexpr char kAuditorium[] = "buildings/citizen-center/rooms/8f-auditorium";
inline constexpr char kPatrolTemplate[] = "checklistTemplates/daily-fire-patrol";

// The daily fire patrol: exits clear (fails → high fire hazard), extinguisher pressure
// 1.0–1.4 MPa (outside → critical fire hazard), a remark.
inline sv1::ChecklistTemplate PatrolTemplate() {
  sv1::ChecklistTemplate t;
  t.set_display_name("每日消防巡查");
  auto* exits = t.add_items();
  exits->set_item_id("exits-clear");
  exits->set_title("安全出口畅通");
  exits->set_kind(sv1::CHECKLIST_ITEM_KIND_PASS_FAIL);
  exits->set_failure_severity(sv1::HAZARD_SEVERITY_HIGH);
  exits->set_failure_hazard_kind(sv1::HAZARD_KIND_FIRE);
  auto* pressure = t.add_items();
  pressure->set_item_id("extinguisher-pressure");
  pressure->set_title("灭火器压力");
  pressure->set_kind(sv1::CHECKLIST_ITEM_KIND_NUMBER);
  pressure->set_min_value(1.0);
  pressure->set_max_value(1.4);
  pressure->set_unit("MPa");
  pressure->set_failure_severity(sv1::HAZARD_SEVERITY_CRITICAL);
  pressure->set_failure_hazard_kind(sv1::HAZARD_KIND_FIRE);
  auto* remark = t.add_items();
  remark->set_item_id("remark");
  remark->set_title("备注");
  remark->set_kind(sv1::CHECKLIST_ITEM_KIND_TEXT);
  return t;
}

inline grpc::Status CreatePatrolTemplate(sv1::SafetyService::Stub& stub,
                                         sv1::ChecklistTemplate* created = nullptr) {
  sv1::CreateChecklistTemplateRequest request;
  request.set_checklist_template_id("daily-fire-patrol");
  *request.mutable_checklist_template() = PatrolTemplate();
  sv1::CreateChecklistTemplateResponse response;
  grpc::Status status = stub.CreateChecklistTemplate(CallContext().get(), request, &response);
  if (created != nullptr) *created = response.checklist_template();
  return status;
}

inline sv1::Hazard SampleHazard(const std::string& place, sv1::HazardSeverity severity) {
  sv1::Hazard h;
  h.set_kind(sv1::HAZARD_KIND_ELECTRICAL);
  h.set_severity(severity);
  h.set_place(place);
  h.set_description("插线板过载，电线发热");
  h.set_reporter("staff/f-012");
  return h;
}

inline sv1::Hazard Report(sv1::SafetyService::Stub& stub, const sv1::Hazard& hazard) {
  sv1::ReportHazardRequest request;
  *request.mutable_hazard() = hazard;
  sv1::ReportHazardResponse response;
  grpc::Status status = stub.ReportHazard(CallContext().get(), request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return response.hazard();
}

inline sv1::Hazard GetHazard(sv1::SafetyService::Stub& stub, const std::string& name) {
  sv1::GetHazardRequest request;
  request.set_name(name);
  sv1::GetHazardResponse response;
  grpc::Status status = stub.GetHazard(CallContext().get(), request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return response.hazard();
}

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_SAFETY_SAFETY_TEST_UTIL_H_
