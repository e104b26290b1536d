#include "tools/bench/baselines.h"

#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <chrono>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/db/sql_time.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"

namespace huiwu::bench {

absl::StatusOr<std::unique_ptr<EchoServer>> EchoServer::Start(const config::ServerConfig& config) {
  auto echo = std::make_unique<EchoServer>();
  grpc::EnableDefaultHealthCheckService(true);
  grpc::ServerBuilder builder;
  builder.AddListeningPort(absl::StrCat(config.host, ":0"), grpc::InsecureServerCredentials(),
                           &echo->port_);
  grpc::ResourceQuota quota("huiwu-bench-echo");
  quota.SetMaxThreads(config.max_threads);
  builder.SetResourceQuota(quota);
  echo->server_ = builder.BuildAndStart();
  if (echo->server_ == nullptr || echo->port_ == 0) {
    return absl::UnavailableError("cannot start the echo server");
  }
  return echo;
}

EchoServer::~EchoServer() {
  if (server_ != nullptr) server_->Shutdown(std::chrono::system_clock::now());
}

CallFn EchoCalls(std::shared_ptr<grpc::Channel> channel) {
  auto stub =
      std::shared_ptr<grpc::health::v1::Health::Stub>(grpc::health::v1::Health::NewStub(channel));
  return [stub](int, int64_t, std::string*) {
    grpc::health::v1::HealthCheckRequest request;
    grpc::health::v1::HealthCheckResponse response;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    return stub->Check(&context, request, &response);
  };
}

SqlBookingBaseline::SqlBookingBaseline(const config::DatabaseConfig& database, int rooms)
    : pool_(database, nullptr), rooms_(rooms) {}

absl::Status SqlBookingBaseline::Prepare() {
  auto connection = pool_.OpenConnection(/*select_database=*/false);
  if (!connection.ok()) return connection.status();
  try {
    (*connection)->SetAutocommit(true);
    // The suite's own database, made on first use like a service's.
    const std::string& database = pool_.config().database;
    (*connection)->Execute(absl::StrCat("CREATE DATABASE IF NOT EXISTS `", database, "`"));
    (*connection)->Execute(absl::StrCat("USE `", database, "`"));
    for (const char* sql :
         {"CREATE TABLE IF NOT EXISTS bench_rooms (building_id VARCHAR(63) NOT NULL, "
          "room_id VARCHAR(63) NOT NULL, version BIGINT NOT NULL, "
          "PRIMARY KEY (building_id, room_id)) ENGINE=InnoDB",
          "CREATE TABLE IF NOT EXISTS bench_holds (meeting_id VARCHAR(32) NOT NULL, "
          "building_id VARCHAR(63) NOT NULL, room_id VARCHAR(63) NOT NULL, "
          "start_time DATETIME(6) NOT NULL, end_time DATETIME(6) NOT NULL, "
          "PRIMARY KEY (meeting_id), KEY holds_by_room (building_id, room_id, start_time)) "
          "ENGINE=InnoDB",
          "CREATE TABLE IF NOT EXISTS bench_meetings (meeting_id VARCHAR(32) NOT NULL, "
          "title VARCHAR(200) NOT NULL, building_id VARCHAR(63) NOT NULL, "
          "room_id VARCHAR(63) NOT NULL, start_time DATETIME(6) NOT NULL, "
          "end_time DATETIME(6) NOT NULL, state TINYINT NOT NULL, version BIGINT NOT NULL, "
          "PRIMARY KEY (meeting_id)) ENGINE=InnoDB",
          "CREATE TABLE IF NOT EXISTS bench_history (meeting_id VARCHAR(32) NOT NULL, "
          "seq INT NOT NULL, to_state TINYINT NOT NULL, actor VARCHAR(200) NOT NULL, "
          "change_time DATETIME(6) NOT NULL, PRIMARY KEY (meeting_id, seq)) ENGINE=InnoDB",
          "DELETE FROM bench_history", "DELETE FROM bench_meetings", "DELETE FROM bench_holds",
          "DELETE FROM bench_rooms"}) {
      (*connection)->Execute(sql);
    }
    for (int room = 0; room < rooms_; ++room) {
      (*connection)
          ->Execute(absl::StrCat("INSERT INTO bench_rooms VALUES ('city-hall', 'r", room, "', 1)"));
    }
  } catch (const sql::SQLException& e) {
    return absl::InternalError(absl::StrCat("preparing the SQL baseline: ", e.what()));
  }
  return absl::OkStatus();
}

absl::Status SqlBookingBaseline::Book(int64_t slot) {
  auto lease = pool_.Acquire();
  if (!lease.ok()) return lease.status();
  db::Connection& connection = **lease;
  const std::string room = absl::StrCat("r", slot % rooms_);
  // Two hours per slot per room, from tomorrow: never an overlap, as in a quiet day.
  const absl::Time start = absl::Now() + absl::Hours(24 + 2 * (slot / rooms_));
  const absl::Time end = start + absl::Hours(1);
  const std::string meeting = absl::StrCat("b", slot, "-", absl::ToUnixMicros(absl::Now()));
  try {
    connection.SetAutocommit(false);
    sql::PreparedStatement& lock = connection.Prepare(
        "SELECT version FROM bench_rooms WHERE building_id = ? AND room_id = ? FOR UPDATE");
    lock.setString(1, "city-hall");
    lock.setString(2, room);
    std::unique_ptr<sql::ResultSet>(lock.executeQuery());
    sql::PreparedStatement& overlap = connection.Prepare(
        "SELECT meeting_id FROM bench_holds WHERE building_id = ? AND room_id = ? "
        "AND start_time > ? AND start_time < ? AND end_time > ? LIMIT 1");
    overlap.setString(1, "city-hall");
    overlap.setString(2, room);
    overlap.setString(3, db::ToSqlDateTime(start - absl::Hours(13)));
    overlap.setString(4, db::ToSqlDateTime(end));
    overlap.setString(5, db::ToSqlDateTime(start));
    if (std::unique_ptr<sql::ResultSet>(overlap.executeQuery())->next()) {
      connection.Rollback();
      return absl::FailedPreconditionError("overlap");
    }
    sql::PreparedStatement& hold = connection.Prepare(
        "INSERT INTO bench_holds (meeting_id, building_id, room_id, start_time, end_time) "
        "VALUES (?, ?, ?, ?, ?)");
    hold.setString(1, meeting);
    hold.setString(2, "city-hall");
    hold.setString(3, room);
    hold.setString(4, db::ToSqlDateTime(start));
    hold.setString(5, db::ToSqlDateTime(end));
    hold.executeUpdate();
    sql::PreparedStatement& insert = connection.Prepare(
        "INSERT INTO bench_meetings (meeting_id, title, building_id, room_id, start_time, "
        "end_time, state, version) VALUES (?, ?, ?, ?, ?, ?, 2, 1)");
    insert.setString(1, meeting);
    insert.setString(2, "周例会");
    insert.setString(3, "city-hall");
    insert.setString(4, room);
    insert.setString(5, db::ToSqlDateTime(start));
    insert.setString(6, db::ToSqlDateTime(end));
    insert.executeUpdate();
    sql::PreparedStatement& history = connection.Prepare(
        "INSERT INTO bench_history (meeting_id, seq, to_state, actor, change_time) "
        "VALUES (?, 1, 2, 'bench', ?)");
    history.setString(1, meeting);
    history.setString(2, db::ToSqlDateTime(absl::Now()));
    history.executeUpdate();
    connection.Commit();
  } catch (const sql::SQLException& e) {
    connection.MarkBroken();
    return absl::InternalError(e.what());
  }
  return absl::OkStatus();
}

CallFn SqlBookingBaseline::Transactions() {
  return [this](int, int64_t, std::string*) {
    const absl::Status status = Book(next_slot_.fetch_add(1));
    return status.ok() ? grpc::Status::OK
                       : grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                                      std::string(status.message()));
  };
}

CallFn SqlBookingBaseline::PointReads() {
  return [this](int caller, int64_t n, std::string*) {
    auto lease = pool_.Acquire(db::ConnectionPool::Work::kRead);
    if (!lease.ok()) return grpc::Status(grpc::StatusCode::UNAVAILABLE, "no connection");
    db::Connection& connection = **lease;
    try {
      connection.SetAutocommit(true);
      sql::PreparedStatement& select = connection.Prepare(
          "SELECT building_id, room_id, version FROM bench_rooms WHERE building_id = ? AND "
          "room_id = ?");
      select.setString(1, "city-hall");
      select.setString(2, absl::StrCat("r", (caller + n) % rooms_));
      std::unique_ptr<sql::ResultSet> row(select.executeQuery());
      if (!row->next()) return grpc::Status(grpc::StatusCode::NOT_FOUND, "no room");
    } catch (const sql::SQLException& e) {
      connection.MarkBroken();
      return grpc::Status(grpc::StatusCode::INTERNAL, e.what());
    }
    return grpc::Status::OK;
  };
}

}  // namespace huiwu::bench
