// Room keys (会议室钥匙指定专人谨慎保管): a key that is out cannot go out again; who
// holds which key; overdue keys by the injected clock.
#include "common/api/timestamp.h"
#include "gtest/gtest.h"
#include "tests/inventory/inventory_test_util.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

constexpr char kKey[] = "buildings/city-hall/rooms/301/keys/main";

class KeyTest : public InventoryFixture {
 protected:
  void SetUp() override {
    InventoryFixture::SetUp();
    for (const char* room : {"buildings/city-hall/rooms/301", "buildings/city-hall/rooms/302"}) {
      inv::CreateRoomKeyRequest request;
      request.set_parent(room);
      request.set_key_id("main");
      request.mutable_key()->set_custodian("staff/s-001");
      inv::CreateRoomKeyResponse response;
      grpc::Status status = stub_->CreateRoomKey(CallContext().get(), request, &response);
      ASSERT_TRUE(status.ok()) << status.error_message();
      EXPECT_TRUE(response.key().holder().empty());
    }
  }

  grpc::Status CheckOut(const std::string& key, const std::string& holder, absl::Duration lent,
                        inv::RoomKey* out = nullptr) {
    inv::CheckOutKeyRequest request;
    request.set_name(key);
    request.set_holder(holder);
    *request.mutable_expected_return_time() = api::ToTimestamp(clock_.Now() + lent);
    inv::CheckOutKeyResponse response;
    grpc::Status status = stub_->CheckOutKey(CallContext().get(), request, &response);
    if (out != nullptr) *out = response.key();
    return status;
  }

  std::vector<inv::RoomKey> Holders(bool overdue_only) {
    inv::ListKeyHoldersRequest request;
    request.set_overdue_only(overdue_only);
    inv::ListKeyHoldersResponse response;
    EXPECT_TRUE(stub_->ListKeyHolders(CallContext().get(), request, &response).ok());
    return {response.keys().begin(), response.keys().end()};
  }
};

TEST_F(KeyTest, KeyOutCannotBeCheckedOutAgainUntilReturned) {
  inv::RoomKey key;
  ASSERT_TRUE(CheckOut(kKey, "staff/f-012", absl::Hours(3), &key).ok());
  EXPECT_EQ(key.holder(), "staff/f-012");
  grpc::Status second = CheckOut(kKey, "staff/f-007", absl::Hours(1));
  ASSERT_EQ(second.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  const ErrorDetails details = DetailsOf(second);
  EXPECT_EQ(details.reason, "KEY_ALREADY_OUT");
  EXPECT_EQ(details.metadata.at("holder"), "staff/f-012");
  EXPECT_NE(second.error_message().find("staff/f-012"), std::string::npos);

  inv::ReturnKeyRequest give_back;
  give_back.set_name(kKey);
  inv::ReturnKeyResponse returned;
  ASSERT_TRUE(stub_->ReturnKey(CallContext().get(), give_back, &returned).ok());
  EXPECT_TRUE(returned.key().holder().empty());
  grpc::Status again = stub_->ReturnKey(CallContext().get(), give_back, &returned);
  EXPECT_EQ(DetailsOf(again).reason, "KEY_NOT_OUT");
  ASSERT_TRUE(CheckOut(kKey, "staff/f-007", absl::Hours(1)).ok());
  // Every hand-out and return is logged.
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM key_log"), 3);
}

TEST_F(KeyTest, OverdueKeysAreListedByTheInjectedClock) {
  ASSERT_TRUE(CheckOut(kKey, "staff/f-012", absl::Hours(2)).ok());
  ASSERT_TRUE(
      CheckOut("buildings/city-hall/rooms/302/keys/main", "staff/f-007", absl::Hours(5)).ok());
  EXPECT_EQ(Holders(false).size(), 2u);
  EXPECT_TRUE(Holders(true).empty());

  clock_.Advance(absl::Hours(3));
  std::vector<inv::RoomKey> overdue = Holders(true);
  ASSERT_EQ(overdue.size(), 1u);
  EXPECT_EQ(overdue[0].name(), kKey);
  EXPECT_EQ(overdue[0].holder(), "staff/f-012");
  EXPECT_TRUE(overdue[0].overdue());
  std::vector<inv::RoomKey> all = Holders(false);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_FALSE(all[1].overdue());

  clock_.Advance(absl::Hours(3));
  EXPECT_EQ(Holders(true).size(), 2u);
}

}  // namespace
}  // namespace huiwu::testing
