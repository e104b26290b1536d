// Request parsing without a database: locations, staff names, movement rules.
#include "services/inventory/api/requests.h"

#include "gtest/gtest.h"
#include "services/inventory/api/names.h"

namespace huiwu::inventory {
namespace {

TEST(InventoryNamesTest, LocationsAreTheCentralStoreOrARoomCabinet) {
  api::FieldChecks checks;
  EXPECT_EQ(ParseLocation(checks, "l", "locations/central-store"), "locations/central-store");
  EXPECT_EQ(ParseLocation(checks, "l", "buildings/city-hall/rooms/301"),
            "buildings/city-hall/rooms/301");
  EXPECT_TRUE(checks.ok());
  EXPECT_FALSE(ParseLocation(checks, "l", "locations/attic").has_value());
  EXPECT_FALSE(ParseLocation(checks, "l", "buildings/city-hall").has_value());
  EXPECT_FALSE(ParseLocation(checks, "l", "").has_value());
  EXPECT_FALSE(checks.ok());
}

TEST(InventoryNamesTest, StaffAreNamedAsStaffingNamesThem) {
  api::FieldChecks checks;
  EXPECT_EQ(ParseStaffName(checks, "h", "staff/s-001"), "staff/s-001");
  EXPECT_TRUE(checks.ok());
  EXPECT_FALSE(ParseStaffName(checks, "h", "staff/").has_value());
  EXPECT_FALSE(ParseStaffName(checks, "h", "staff/A 1").has_value());
  EXPECT_FALSE(ParseStaffName(checks, "h", "staff/F-012").has_value());
  EXPECT_FALSE(ParseStaffName(checks, "h", "A001").has_value());
}

TEST(InventoryRequestsTest, TransferNeedsAnotherDestinationAndWriteOffAReason) {
  v1::RecordMovementRequest request;
  request.set_item("items/tea");
  request.set_location("locations/central-store");
  request.set_kind(v1::MOVEMENT_KIND_TRANSFER);
  request.set_quantity(3);
  request.set_to_location("buildings/city-hall/rooms/301");
  auto command = ParseRecordMovement(request);
  ASSERT_TRUE(command.ok()) << command.status();
  EXPECT_EQ(command->kind, MovementKind::kTransfer);
  EXPECT_EQ(command->to_location, "buildings/city-hall/rooms/301");

  request.set_kind(v1::MOVEMENT_KIND_WRITE_OFF);
  request.clear_to_location();
  EXPECT_FALSE(ParseRecordMovement(request).ok());
  request.set_reason("过期");
  EXPECT_TRUE(ParseRecordMovement(request).ok());
}

}  // namespace
}  // namespace huiwu::inventory
