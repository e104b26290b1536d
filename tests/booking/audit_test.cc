// Booking's audit trail through real gRPC and the real MariaDB: a mutation leaves exactly
// one OK record with who, what and which resource; a replay adds none; a refused one no
// OK record but its refusal; reads none. A request_id reused with another body is
// refused. ListAuditRecords refuses bad input naming the field.
#include "absl/status/status.h"
#include "gtest/gtest.h"
#include "tests/booking/catalog_test_util.h"
#include "tests/support/audit_trail.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;

constexpr char kService[] = "huiwu.booking.v1.BookingService";

class BookingAuditTest : public BookingFixture {
 protected:
  std::vector<common::v1::AuditRecord> Trail(const std::string& method = "") {
    return AuditTrail<v1::ListAuditRecordsRequest, v1::ListAuditRecordsResponse>(*stub_, kService,
                                                                                 method);
  }

  grpc::Status CreateBuildingAs(const std::string& id, const std::string& display_name,
                                const std::string& request_id) {
    v1::CreateBuildingRequest request;
    request.set_building_id(id);
    request.mutable_building()->set_display_name(display_name);
    request.set_request_id(request_id);
    auto context = CallContext();
    context->AddMetadata("x-huiwu-actor", "dispatch/zhangsan");
    v1::CreateBuildingResponse response;
    return stub_->CreateBuilding(context.get(), request, &response);
  }
};

TEST_F(BookingAuditTest, AMutationLeavesExactlyOneRecordWithItsFields) {
  ASSERT_TRUE(CreateBuildingAs("city-hall", "市政府大楼", "req-1").ok());
  std::vector<common::v1::AuditRecord> records = Trail();
  ASSERT_EQ(records.size(), 1u);
  const common::v1::AuditRecord& record = records[0];
  EXPECT_EQ(record.method(), "/huiwu.booking.v1.BookingService/CreateBuilding");
  EXPECT_EQ(record.resource(), "buildings/city-hall");
  EXPECT_EQ(record.request_id(), "req-1");
  EXPECT_EQ(record.person(), "dispatch/zhangsan");
  EXPECT_EQ(record.caller().rfind("ipv4:127.0.0.1:", 0), 0u) << record.caller();
  EXPECT_EQ(record.outcome(), "OK");
  EXPECT_EQ(record.reason(), "");
  EXPECT_EQ(record.name().rfind("auditRecords/", 0), 0u);
  EXPECT_GT(record.record_time().seconds(), 0);

  // The same request again: the first result, and no second record.
  ASSERT_TRUE(CreateBuildingAs("city-hall", "市政府大楼", "req-1").ok());
  EXPECT_EQ(Trail().size(), 1u);

  // Reads are not audited.
  v1::ListBuildingsResponse listed;
  ASSERT_TRUE(stub_->ListBuildings(CallContext().get(), v1::ListBuildingsRequest(), &listed).ok());
  EXPECT_EQ(Trail().size(), 1u);
}

TEST_F(BookingAuditTest, ARequestIdReusedWithAnotherBodyIsRefused) {
  ASSERT_TRUE(CreateBuildingAs("city-hall", "市政府大楼", "req-1").ok());
  const grpc::Status reused = CreateBuildingAs("city-hall", "另一个名字", "req-1");
  ASSERT_EQ(reused.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << reused.error_message();
  EXPECT_NE(reused.error_message().find("request_id already used for a different request"),
            std::string::npos)
      << reused.error_message();
  EXPECT_EQ(DetailsOf(reused).violated_fields, std::vector<std::string>{"request_id"});

  std::vector<common::v1::AuditRecord> records = Trail();
  ASSERT_EQ(OkRecords(records).size(), 1u);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].outcome(), "INVALID_ARGUMENT");  // newest first
  EXPECT_EQ(records[0].request_id(), "req-1");
}

TEST_F(BookingAuditTest, ARefusedMutationLeavesNoOkRecordButItsRefusal) {
  // No such building: the room's transaction rolls back.
  const grpc::Status refused =
      CreateRoom(*stub_, "nowhere", "301", SampleRoom("301会议室", 30), nullptr, "req-2");
  ASSERT_FALSE(refused.ok());
  // Bad input never reaches the database.
  const grpc::Status invalid = CreateRoom(*stub_, "nowhere", "BAD ID", SampleRoom("x", 30));
  ASSERT_EQ(invalid.error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  std::vector<common::v1::AuditRecord> records = Trail("CreateRoom");
  EXPECT_TRUE(OkRecords(records).empty());
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].outcome(), "INVALID_ARGUMENT");
  EXPECT_EQ(records[1].outcome(),
            absl::StatusCodeToString(static_cast<absl::StatusCode>(refused.error_code())));
  EXPECT_EQ(records[1].reason(), DetailsOf(refused).reason);
  EXPECT_EQ(records[1].resource(), "buildings/nowhere");
}

TEST_F(BookingAuditTest, ListAuditRecordsRefusesBadInputNamingTheField) {
  v1::ListAuditRecordsRequest request;
  request.set_page_size(-1);
  request.set_page_token("garbage");
  request.set_resource(std::string(301, 'x'));
  v1::ListAuditRecordsResponse response;
  const grpc::Status status = stub_->ListAuditRecords(CallContext().get(), request, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(DetailsOf(status).violated_fields,
            (std::vector<std::string>{"page_size", "resource", "page_token"}));
}

}  // namespace
}  // namespace huiwu::testing
