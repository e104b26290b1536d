// The physical baselines every service measurement is compared with, measured in the same
// run on the same machine (issue 13): what gRPC alone and what the database alone allow.
#ifndef HUIWU_TOOLS_BENCH_BASELINES_H_
#define HUIWU_TOOLS_BENCH_BASELINES_H_

#include <atomic>
#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/config/config.h"
#include "common/db/pool.h"
#include "grpcpp/channel.h"
#include "grpcpp/server.h"
#include "tools/bench/load.h"

namespace huiwu::bench {

// A bare gRPC server with the services' gRPC settings (thread cap, health service) and
// nothing else: no interceptors, no database. grpc.health.v1.Health/Check is its echo —
// an answer from memory.
class EchoServer final {
 public:
  static absl::StatusOr<std::unique_ptr<EchoServer>> Start(const config::ServerConfig& config);
  ~EchoServer();
  int port() const { return port_; }

 private:
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

// One Health/Check per call.
CallFn EchoCalls(std::shared_ptr<grpc::Channel> channel);

// A booking transaction as bare SQL on prepared statements (7 round trips): BEGIN by the
// first statement, the room row locked, the overlap checked in an index range, hold +
// meeting + history inserted, COMMIT. Its own tables (bench_*), `rooms` rooms; every call
// books a fresh slot, so none conflicts.
class SqlBookingBaseline final {
 public:
  SqlBookingBaseline(const config::DatabaseConfig& database, int rooms);
  absl::Status Prepare();  // (re)creates and empties the bench_* tables
  CallFn Transactions();
  // One prepared primary-key SELECT of a room per call, in autocommit: the least any read
  // through a service costs the database (a GetRoom is at best one echo plus one of these).
  CallFn PointReads();

 private:
  absl::Status Book(int64_t slot);

  db::ConnectionPool pool_;
  int rooms_;
  std::atomic<int64_t> next_slot_{0};
};

}  // namespace huiwu::bench

#endif  // HUIWU_TOOLS_BENCH_BASELINES_H_
