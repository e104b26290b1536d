// The audit trail's common mechanism against the real test MariaDB: a record commits
// with the change or not at all (rollback, retry), the service's own work records only
// what changed, the table refuses UPDATE and DELETE, a request_id reused with another
// body is refused, and ListAuditRecords filters and pages newest first.
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>

#include <functional>

#include "absl/strings/str_cat.h"
#include "common/audit/audit_scope.h"
#include "common/audit/audit_table.h"
#include "common/audit/list_audit_records.h"
#include "common/db/idempotency.h"
#include "common/db/migrations.h"
#include "common/db/sql_error.h"
#include "common/db/transaction.h"
#include "common/events/outbox.h"
#include "common/status/errors.h"
#include "google/protobuf/timestamp.pb.h"
#include "gtest/gtest.h"
#include "tests/support/test_database.h"

namespace huiwu::audit {
namespace {

constexpr char kThings[] = R"sql(
CREATE TABLE things (id VARCHAR(20) NOT NULL PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE idempotency_keys (
  method VARCHAR(100) NOT NULL,
  request_id VARCHAR(64) NOT NULL,
  resource_name VARCHAR(300) NOT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (method, request_id)
) ENGINE=InnoDB;
)sql";

Record CallRecord(absl::string_view resource = "things/t-1") {
  Record record;
  record.caller = "spiffe://huiwu/oa-system";
  record.person = "dispatch/张三";
  record.method = "/huiwu.test.v1.TestService/CreateThing";
  record.resource = std::string(resource);
  record.request_id = "r-1";
  return record;
}

class AuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pool_ = std::make_unique<db::ConnectionPool>(database_.config(), nullptr);
    std::vector<db::Migration> migrations = {db::Migration{1, "things", kThings},
                                             events::EventsMigration()};
    for (const db::Migration& m : AuditMigrations()) migrations.push_back(m);
    ASSERT_TRUE(db::ApplyMigrations(*pool_, migrations).ok());
  }

  absl::Status InsertThing(absl::string_view id) {
    return db::InTransaction(*pool_, "insert", [&](db::Connection& c) {
      auto& insert = c.Prepare("INSERT INTO things (id) VALUES (?)");
      insert.setString(1, std::string(id));
      insert.executeUpdate();
      return absl::OkStatus();
    });
  }

  int64_t Count(const std::string& where = "1 = 1") {
    return database_.QueryInt(absl::StrCat("SELECT COUNT(*) FROM audit_records WHERE ", where));
  }

  testing::TestDatabase database_;
  std::unique_ptr<db::ConnectionPool> pool_;
};

TEST_F(AuditTest, ACommittedMutationLeavesOneRecordWithItsFields) {
  {
    Scope scope(CallRecord(), Scope::Kind::kCall);
    ASSERT_TRUE(InsertThing("t-1").ok());
    EXPECT_TRUE(scope.recorded());
  }
  EXPECT_EQ(database_.QueryRows("SELECT caller, person, method, resource, request_id, outcome, "
                                "reason FROM audit_records"),
            std::vector<std::string>{"spiffe://huiwu/oa-system|dispatch/张三|"
                                     "/huiwu.test.v1.TestService/CreateThing|things/t-1|r-1|OK|"});
  // When: now, to the microsecond, UTC.
  EXPECT_EQ(Count("record_time > UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE AND "
                  "record_time <= UTC_TIMESTAMP(6) + INTERVAL 1 SECOND"),
            1);
}

TEST_F(AuditTest, ARolledBackMutationLeavesNoRecord) {
  Scope scope(CallRecord(), Scope::Kind::kCall);
  absl::Status status = db::InTransaction(*pool_, "refused", [&](db::Connection& c) {
    c.Prepare("INSERT INTO things (id) VALUES ('t-2')").executeUpdate();
    return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "NO", "refused");
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_FALSE(scope.recorded());
  EXPECT_EQ(Count(), 0);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM things"), 0);
}

TEST_F(AuditTest, ARetriedTransactionLeavesOneRecord) {
  Scope scope(CallRecord(), Scope::Kind::kCall);
  int attempts = 0;
  absl::Status status = db::InTransaction(*pool_, "retried", [&](db::Connection& c) {
    c.Prepare("INSERT INTO things (id) VALUES ('t-3')").executeUpdate();
    if (++attempts == 1) throw sql::SQLException("lost a race", "40001", db::kErLockDeadlock);
    return absl::OkStatus();
  });
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_EQ(attempts, 2);
  EXPECT_EQ(Count(), 1);
}

TEST_F(AuditTest, OneCallIsOneRecordHoweverManyTransactionsItCommits) {
  {
    Scope scope(CallRecord(""), Scope::Kind::kCall, "", "things");
    ASSERT_TRUE(InsertThing("t-4").ok());
    ASSERT_TRUE(InsertThing("t-5").ok());
  }
  // No name in the request and nothing created or published: the container.
  EXPECT_EQ(database_.QueryRows("SELECT resource FROM audit_records"),
            std::vector<std::string>{"things"});
}

TEST_F(AuditTest, SystemWorkRecordsEachChangeAndNothingElse) {
  google::protobuf::Timestamp payload;  // any message will do as an event
  {
    Scope scope(SystemRecord("no_show_release", "system/no_show_release"), Scope::Kind::kSystem);
    // A run that only looked: nothing recorded.
    ASSERT_TRUE(db::InTransaction(*pool_, "look", [&](db::Connection& c) {
                  c.Prepare("SELECT COUNT(*) FROM things").executeQuery();
                  return absl::OkStatus();
                }).ok());
    for (const char* id : {"meetings/m-1", "meetings/m-2"}) {
      ASSERT_TRUE(db::InTransaction(*pool_, "release", [&](db::Connection& c) {
                    events::Publish(c, payload, {id, "buildings/b/rooms/r"}, absl::Now());
                    return absl::OkStatus();
                  }).ok());
    }
  }
  EXPECT_EQ(
      database_.QueryRows("SELECT caller, method, resource FROM audit_records ORDER BY id"),
      (std::vector<std::string>{"system/no_show_release|system/no_show_release|meetings/m-1",
                                "system/no_show_release|system/no_show_release|meetings/m-2"}));
}

TEST_F(AuditTest, TheTableRefusesUpdateAndDelete) {
  {
    Scope scope(CallRecord(), Scope::Kind::kCall);
    ASSERT_TRUE(InsertThing("t-6").ok());
  }
  for (const char* sql :
       {"UPDATE audit_records SET outcome = 'FORGED'", "DELETE FROM audit_records"}) {
    try {
      database_.Execute(sql);
      ADD_FAILURE() << sql << " was allowed";
    } catch (const sql::SQLException& e) {
      EXPECT_EQ(e.getSQLState(), "45000") << sql;
      EXPECT_NE(std::string(e.what()).find("append-only"), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(database_.QueryRows("SELECT outcome FROM audit_records"),
            std::vector<std::string>{"OK"});
}

TEST_F(AuditTest, ARequestIdReusedWithAnotherBodyIsRefusedAndTheSameBodyReplays) {
  auto create = [&](absl::string_view fingerprint, absl::string_view id) {
    Scope scope(CallRecord(""), Scope::Kind::kCall, std::string(fingerprint));
    std::optional<std::string> earlier;
    absl::Status status = db::InTransaction(*pool_, "create", [&](db::Connection& c) {
      earlier =
          db::ClaimRequestId(c, "CreateThing", "r-1", absl::StrCat("things/", id), absl::Now());
      if (earlier.has_value()) return absl::OkStatus();
      auto& insert = c.Prepare("INSERT INTO things (id) VALUES (?)");
      insert.setString(1, std::string(id));
      insert.executeUpdate();
      return absl::OkStatus();
    });
    return std::make_pair(status, earlier);
  };
  const std::string body_a(32, 'a');
  const std::string body_b(32, 'b');
  auto first = create(body_a, "t-7");
  ASSERT_TRUE(first.first.ok()) << first.first;
  EXPECT_FALSE(first.second.has_value());

  auto replay = create(body_a, "t-8");
  ASSERT_TRUE(replay.first.ok()) << replay.first;
  EXPECT_EQ(replay.second, "things/t-7");

  auto reused = create(body_b, "t-9");
  EXPECT_EQ(reused.first.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(reused.first.message().find("request_id already used for a different request"),
            std::string::npos)
      << reused.first;
  ASSERT_EQ(FieldViolationsOf(reused.first).size(), 1u);
  EXPECT_EQ(FieldViolationsOf(reused.first)[0].field, "request_id");

  // One create, one record naming what it created; the replay and the refusal add none.
  EXPECT_EQ(database_.QueryRows("SELECT resource, outcome FROM audit_records"),
            std::vector<std::string>{"things/t-7|OK"});
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM things"), 1);
}

TEST_F(AuditTest, ListsNewestFirstWithFiltersAndPages) {
  for (int i = 1; i <= 5; ++i) {
    Record record = CallRecord(absl::StrCat("things/t-", i % 2));
    record.caller = i <= 3 ? "spiffe://huiwu/a" : "spiffe://huiwu/b";
    Scope scope(record, Scope::Kind::kCall);
    ASSERT_TRUE(InsertThing(absl::StrCat("l-", i)).ok());
  }
  ListRequestFields request;
  request.page_size = 2;
  std::vector<std::string> seen;
  for (int page = 0; page < 5; ++page) {
    absl::StatusOr<RecordQuery> query = ParseListRequest(request);
    ASSERT_TRUE(query.ok()) << query.status();
    std::vector<common::v1::AuditRecord> records;
    absl::StatusOr<std::string> next = ListPage(*pool_, request, *query, records);
    ASSERT_TRUE(next.ok()) << next.status();
    for (const auto& r : records) seen.push_back(r.name());
    if (next->empty()) break;
    request.page_token = *next;
  }
  ASSERT_EQ(seen.size(), 5u);
  // Newest first: names (ids) descending.
  for (size_t i = 1; i < seen.size(); ++i) {
    EXPECT_GT(std::stoll(seen[i - 1].substr(13)), std::stoll(seen[i].substr(13)));
  }

  ListRequestFields filtered;
  filtered.caller = "spiffe://huiwu/a";
  filtered.resource = "things/t-1";
  absl::StatusOr<RecordQuery> query = ParseListRequest(filtered);
  ASSERT_TRUE(query.ok());
  std::vector<common::v1::AuditRecord> records;
  ASSERT_TRUE(ListPage(*pool_, filtered, *query, records).ok());
  EXPECT_EQ(records.size(), 2u);  // i = 1 and 3

  // A time range that ends before everything: nothing.
  ListRequestFields past;
  past.has_end_time = true;
  past.end_time.set_seconds(absl::ToUnixSeconds(absl::Now() - absl::Hours(1)));
  query = ParseListRequest(past);
  ASSERT_TRUE(query.ok());
  records.clear();
  ASSERT_TRUE(ListPage(*pool_, past, *query, records).ok());
  EXPECT_TRUE(records.empty());
}

TEST_F(AuditTest, BadListRequestsNameTheField) {
  struct Case {
    const char* field;
    std::function<void(ListRequestFields&)> spoil;
  };
  const Case cases[] = {
      {"page_size", [](ListRequestFields& r) { r.page_size = -1; }},
      {"page_token", [](ListRequestFields& r) { r.page_token = "not-a-token"; }},
      {"start_time",
       [](ListRequestFields& r) {
         r.has_start_time = true;
         r.start_time.set_nanos(-1);
       }},
      {"end_time",
       [](ListRequestFields& r) {
         r.has_start_time = r.has_end_time = true;
         r.start_time.set_seconds(1900000000);
         r.end_time.set_seconds(1800000000);
       }},
      {"caller", [](ListRequestFields& r) { r.caller = std::string(301, 'x'); }},
      {"method", [](ListRequestFields& r) { r.method = std::string("a\0b", 3); }},
      {"resource", [](ListRequestFields& r) { r.resource = std::string(301, 'x'); }},
  };
  for (const Case& c : cases) {
    ListRequestFields request;
    c.spoil(request);
    absl::StatusOr<RecordQuery> query = ParseListRequest(request);
    ASSERT_FALSE(query.ok()) << c.field;
    EXPECT_EQ(query.status().code(), absl::StatusCode::kInvalidArgument) << c.field;
    ASSERT_FALSE(FieldViolationsOf(query.status()).empty()) << c.field;
    EXPECT_EQ(FieldViolationsOf(query.status())[0].field, c.field) << query.status();
  }
  // A token of other filters is refused too.
  ListRequestFields first;
  first.page_size = 1;
  for (int i = 0; i < 2; ++i) {
    Scope scope(CallRecord(), Scope::Kind::kCall);
    ASSERT_TRUE(InsertThing(absl::StrCat("b-", i)).ok());
  }
  std::vector<common::v1::AuditRecord> records;
  absl::StatusOr<std::string> next = ListPage(*pool_, first, *ParseListRequest(first), records);
  ASSERT_TRUE(next.ok());
  ASSERT_FALSE(next->empty());
  ListRequestFields other;
  other.caller = "someone-else";
  other.page_token = *next;
  EXPECT_EQ(ParseListRequest(other).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace huiwu::audit
