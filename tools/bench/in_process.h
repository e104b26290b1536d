// How the suite hosts and calls the services (issue 13): each service in-process on a free
// loopback port over a database of its own, dropped first so that a run starts empty; every
// call with a deadline and the dispatcher's actor, as an integrating system makes it. Shared
// by the per-service benches (booking_bench, staffing_bench, inventory_bench, safety_bench,
// event_bench).
#ifndef HUIWU_TOOLS_BENCH_IN_PROCESS_H_
#define HUIWU_TOOLS_BENCH_IN_PROCESS_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "common/config/config.h"
#include "common/db/connection.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/status.h"

namespace huiwu::bench {

// A service's settings in the suite: `server`'s gRPC threads and pool, 127.0.0.1 on a free
// port, no /metrics listener, database `database`, and no peers (it follows nobody's
// events: each service's own calls are measured, not a consumer's work meanwhile).
config::ServerConfig InProcessConfig(const config::ServerConfig& server,
                                     const std::string& database);

// Drops each of `databases` on the server `admin` names; the hosts create and migrate
// them again.
absl::Status DropDatabases(const config::DatabaseConfig& admin,
                           const std::vector<std::string>& databases);

// One statement of the suite's own (a bulk load, a check), its error as a status naming
// the start of the statement.
absl::Status ExecuteSql(db::Connection& connection, const std::string& sql);

// A client context with a 30 s deadline and the dispatcher as actor.
std::unique_ptr<grpc::ClientContext> CallContext();

// A channel to a service of the suite.
std::shared_ptr<grpc::Channel> LoopbackChannel(int port);

// google.rpc.ErrorInfo's reason, or "".
std::string ReasonOf(const grpc::Status& status);

// `status`, with its ErrorInfo reason in `*label` when it failed (the error column counts
// reasons apart, e.g. FAILED_PRECONDITION ROOM_CONFLICT).
grpc::Status Labelled(grpc::Status status, std::string* label);

}  // namespace huiwu::bench

#endif  // HUIWU_TOOLS_BENCH_IN_PROCESS_H_
