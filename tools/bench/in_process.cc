#include "tools/bench/in_process.h"

#include <cppconn/exception.h>

#include <chrono>

#include "absl/strings/str_cat.h"
#include "common/db/pool.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/error_details.h"

namespace huiwu::bench {

config::ServerConfig InProcessConfig(const config::ServerConfig& server,
                                     const std::string& database) {
  config::ServerConfig config = server;
  config.host = "127.0.0.1";
  config.grpc_port = 0;
  config.metrics_port = -1;
  config.database.database = database;
  config.peers = config::PeerTargets{};
  return config;
}

absl::Status DropDatabases(const config::DatabaseConfig& admin,
                           const std::vector<std::string>& databases) {
  db::ConnectionPool pool(admin, nullptr);
  auto connection = pool.OpenConnection(/*select_database=*/false);
  if (!connection.ok()) return connection.status();
  (*connection)->SetAutocommit(true);
  for (const std::string& database : databases) {
    const absl::Status dropped =
        ExecuteSql(**connection, absl::StrCat("DROP DATABASE IF EXISTS `", database, "`"));
    if (!dropped.ok()) return dropped;
  }
  return absl::OkStatus();
}

absl::Status ExecuteSql(db::Connection& connection, const std::string& sql) {
  try {
    connection.Execute(sql);
  } catch (const sql::SQLException& e) {
    return absl::InternalError(absl::StrCat(e.what(), " in: ", sql.substr(0, 200)));
  }
  return absl::OkStatus();
}

std::unique_ptr<grpc::ClientContext> CallContext() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  context->AddMetadata("x-huiwu-actor", "bench/dispatcher");
  return context;
}

std::shared_ptr<grpc::Channel> LoopbackChannel(int port) {
  return grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials());
}

std::string ReasonOf(const grpc::Status& status) {
  google::rpc::Status rich;
  if (!grpc::ExtractErrorDetails(status, &rich).ok()) return "";
  for (const auto& detail : rich.details()) {
    google::rpc::ErrorInfo info;
    if (detail.UnpackTo(&info)) return info.reason();
  }
  return "";
}

grpc::Status Labelled(grpc::Status status, std::string* label) {
  if (!status.ok()) *label = ReasonOf(status);
  return status;
}

}  // namespace huiwu::bench
