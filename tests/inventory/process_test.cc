// The real huiwu-inventory binary as a process: two replicas migrating one empty
// database at once, serving, and a graceful exit on SIGTERM.
#include <signal.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/audit/audit_table.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "tests/inventory/inventory_test_util.h"
#include "tests/support/child_process.h"
#include "tests/support/http_get.h"
#include "tests/support/poll.h"
#include "tests/support/test_database.h"

const std::vector<huiwu::db::Migration>& InventoryMigrations();

namespace huiwu::testing {
namespace {

constexpr absl::Duration kStartTimeout = absl::Seconds(30);

TEST(InventoryProcessTest, TwoReplicasMigratingOneEmptyDatabaseEndWithOneSchema) {
  TestDatabase database;
  std::vector<std::string> args = ServiceArgs(HUIWU_INVENTORY_BINARY, database.name());
  args.push_back("--migrate_only");
  ChildProcess first(args, {});
  ChildProcess second(args, {});
  EXPECT_EQ(first.WaitForExit(kStartTimeout), 0) << first.Log();
  EXPECT_EQ(second.WaitForExit(kStartTimeout), 0) << second.Log();
  // The service's own and common's (the event outbox, the audit trail).
  const int64_t migrations =
      static_cast<int64_t>(InventoryMigrations().size() + 1 + audit::AuditMigrations().size());
  EXPECT_EQ(database.QueryInt("SELECT COUNT(*) FROM schema_migrations"), migrations);
  for (const char* table : {"items", "balances", "movements", "kits", "room_keys"}) {
    EXPECT_EQ(database.QueryInt(absl::StrCat(
                  "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '",
                  database.name(), "' AND table_name = '", table, "'")),
              1)
        << table;
  }
}

TEST(InventoryProcessTest, ServesAndExitsCleanlyOnSigterm) {
  TestDatabase database;
  std::vector<std::string> args = ServiceArgs(HUIWU_INVENTORY_BINARY, database.name());
  args.push_back("--metrics_port=-1");
  ChildProcess service(args, {});
  auto port = service.WaitForLogField("serving", "grpc_port", kStartTimeout);
  ASSERT_TRUE(port.has_value()) << service.Log();
  auto stub = inv::InventoryService::NewStub(
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", *port), grpc::InsecureChannelCredentials()));
  ASSERT_TRUE(CreateItem(*stub, "tea", "茶叶", "包").ok());
  ASSERT_TRUE(Receive(*stub, "tea", kCentral, 3).ok());
  EXPECT_EQ(BalanceOf(*stub, "tea", kCentral).on_hand(), 3);
  service.Signal(SIGTERM);
  EXPECT_EQ(service.WaitForExit(absl::Seconds(20)), 0) << service.Log();
}

TEST(InventoryProcessTest, LowStockGaugeCountsItemsAtOrUnderTheirMinimum) {
  TestDatabase database;
  std::vector<std::string> args = ServiceArgs(HUIWU_INVENTORY_BINARY, database.name());
  args.push_back("--gauge_interval=0.1s");
  ChildProcess service(args, {});
  auto grpc_port = service.WaitForLogField("serving", "grpc_port", kStartTimeout);
  auto metrics_port = service.WaitForLogField("serving", "metrics_port", kStartTimeout);
  ASSERT_TRUE(grpc_port.has_value() && metrics_port.has_value()) << service.Log();
  int port = 0;
  ASSERT_TRUE(absl::SimpleAtoi(*metrics_port, &port));
  auto gauge_is = [&](const std::string& value) {
    return HttpGet(port, "/metrics").find("huiwu_inventory_low_stock_items " + value) !=
           std::string::npos;
  };
  EXPECT_TRUE(PollUntil([&] { return gauge_is("0"); }, absl::Seconds(10)));

  auto stub = inv::InventoryService::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", *grpc_port), grpc::InsecureChannelCredentials()));
  // Two minimums, no stock yet: both are low.
  ASSERT_TRUE(CreateItem(*stub, "tea", "茶叶", "包", inv::ITEM_CATEGORY_CONSUMABLE, 300,
                         {Limit(kCentral, 5), Limit(kRoom301, 2)})
                  .ok());
  EXPECT_TRUE(PollUntil([&] { return gauge_is("2"); }, absl::Seconds(10)))
      << HttpGet(port, "/metrics");
  ASSERT_TRUE(Receive(*stub, "tea", kCentral, 20).ok());
  EXPECT_TRUE(PollUntil([&] { return gauge_is("1"); }, absl::Seconds(10)));
  service.Signal(SIGTERM);
  EXPECT_EQ(service.WaitForExit(absl::Seconds(20)), 0) << service.Log();
}

}  // namespace
}  // namespace huiwu::testing
