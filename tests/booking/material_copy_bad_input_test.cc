// Every class of bad input to the numbered material copies (保密文件编号发放、回收) gets
// INVALID_ARGUMENT naming the field (google.rpc.BadRequest) and writes nothing.
#include <functional>

#include "gtest/gtest.h"
#include "tests/booking/bad_input_util.h"
#include "tests/booking/meeting_test_util.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;

std::string Chinese(int characters) {
  std::string text;
  for (int i = 0; i < characters; ++i) text += "密";
  return text;
}

// `existing` names a meeting, so that only the spoiled field can be at fault.
std::vector<BadInput> BadInputs(const std::string& existing) {
  using Stub = v1::BookingService::Stub;
  std::vector<BadInput> cases;
  auto issue = [&](std::string what, std::string field,
                   std::function<void(v1::IssueMaterialCopyRequest&)> spoil) {
    v1::IssueMaterialCopyRequest r;
    r.set_parent(existing);
    r.mutable_material_copy()->set_number("2026-001");
    r.mutable_material_copy()->set_holder("王芳");
    r.set_request_id("issue-1");
    spoil(r);
    cases.push_back(Case(what, field, &Stub::IssueMaterialCopy, r));
  };
  issue("issue: empty parent", "parent", [](auto& r) { r.set_parent(""); });
  issue("issue: parent not a meeting", "parent",
        [](auto& r) { r.set_parent("buildings/city-hall"); });
  issue("issue: missing copy", "material_copy", [](auto& r) { r.clear_material_copy(); });
  issue("issue: empty number", "material_copy.number",
        [](auto& r) { r.mutable_material_copy()->set_number(""); });
  issue("issue: number with spaces", "material_copy.number",
        [](auto& r) { r.mutable_material_copy()->set_number("No 1"); });
  issue("issue: number with SQL", "material_copy.number",
        [](auto& r) { r.mutable_material_copy()->set_number("1'; DROP TABLE meetings; --"); });
  issue("issue: oversized number", "material_copy.number",
        [](auto& r) { r.mutable_material_copy()->set_number(std::string(64, '7')); });
  issue("issue: empty holder", "material_copy.holder",
        [](auto& r) { r.mutable_material_copy()->set_holder(""); });
  issue("issue: oversized holder", "material_copy.holder",
        [](auto& r) { r.mutable_material_copy()->set_holder(Chinese(51)); });
  issue("issue: oversized holder unit", "material_copy.holder_unit",
        [](auto& r) { r.mutable_material_copy()->set_holder_unit(Chinese(101)); });
  issue("issue: request_id with spaces", "request_id", [](auto& r) { r.set_request_id("a b"); });

  v1::RecoverMaterialCopyRequest recover;
  cases.push_back(Case("recover: empty name", "name", &Stub::RecoverMaterialCopy, recover));
  recover.set_name(existing);
  cases.push_back(
      Case("recover: a meeting, not a copy", "name", &Stub::RecoverMaterialCopy, recover));
  recover.set_name(existing + "/materialCopies/No 1");
  cases.push_back(Case("recover: bad number", "name", &Stub::RecoverMaterialCopy, recover));

  v1::WriteOffMaterialCopyRequest write_off;
  write_off.set_name(existing + "/materialCopies/2026-001");
  cases.push_back(
      Case("write-off: missing reason", "reason", &Stub::WriteOffMaterialCopy, write_off));
  write_off.set_reason(Chinese(501));
  cases.push_back(
      Case("write-off: oversized reason", "reason", &Stub::WriteOffMaterialCopy, write_off));
  write_off.set_reason("遗失");
  write_off.set_name("meetings//materialCopies/2026-001");
  cases.push_back(Case("write-off: bad name", "name", &Stub::WriteOffMaterialCopy, write_off));

  v1::ListMaterialCopiesRequest list;
  list.set_parent("meetings/");
  cases.push_back(Case("list: bad parent", "parent", &Stub::ListMaterialCopies, list));
  return cases;
}

class MaterialCopyBadInputTest : public BookingFixture {};

TEST_F(MaterialCopyBadInputTest, EachIsInvalidArgumentNamingTheFieldAndWritesNothing) {
  SeedRooms(*stub_);
  v1::Meeting meeting = SampleMeeting("buildings/city-hall/rooms/301", Local(2, 9), Local(2, 11));
  meeting.set_confidential(true);
  v1::Meeting existing;
  ASSERT_TRUE(CreateMeeting(*stub_, meeting, &existing).ok());
  EXPECT_TRUE(existing.confidential());
  const std::vector<std::string> tables = {"meetings", "material_copies", "idempotency_keys",
                                           "event_outbox"};
  ExpectEachRefusedAndNothingWritten(*stub_, BadInputs(existing.name()), database_, tables);
}

}  // namespace
}  // namespace huiwu::testing
