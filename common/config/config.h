// Configuration of a huiwu service: flags, each also settable from the environment as
// HUIWU_<FLAG_IN_UPPER_CASE> (the command line wins). Values are validated at start so
// that an admin learns of a bad value at once, by name, not at the first request.
#ifndef HUIWU_COMMON_CONFIG_CONFIG_H_
#define HUIWU_COMMON_CONFIG_CONFIG_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/config/tls_config.h"

namespace huiwu::config {

struct DatabaseConfig {
  std::string host;
  int port = 3306;
  std::string user;
  std::string password;
  std::string database;
  int pool_size = 16;
  absl::Duration connect_timeout;
  absl::Duration statement_timeout;
  absl::Duration lock_wait_timeout;
  absl::Duration acquire_timeout;
};

// Where the other huiwu services answer (host:port). Empty: not connected — a service
// that needs one says so at start-up and in its answers (e.g. booking's confirm cannot
// check room clearance without safety and refuses, fail closed).
struct PeerTargets {
  std::string booking;
  std::string staffing;
  std::string inventory;
  std::string safety;

  // The target of `service` ("booking", …); empty for an unknown name.
  const std::string& For(absl::string_view service) const;
};

// The event outbox and stream (common/events).
struct EventsConfig {
  // Sequenced events older than this are deleted; a cursor before them is refused.
  absl::Duration retention = absl::Hours(24 * 30);
  // How often an idle stream and the sequencer look for events committed by other
  // replicas (this replica's own commits wake them at once).
  absl::Duration poll_interval = absl::Milliseconds(200);
  // The deadline of one synchronous call to another service (e.g. room clearance).
  absl::Duration peer_deadline = absl::Seconds(2);
};

// Per-caller rate limit (common/server/rate_limiter.h): a token bucket per calling
// system. Off (0) by default: the center's callers are few and known.
struct RateLimitConfig {
  double per_caller_rps = 0;  // tokens per second; 0: no limit
  int burst = 200;            // the bucket's size: calls a caller may make at once
};

// Who may call which method (DESIGN §6): a policy in gRPC's authorization policy format,
// re-read while the service runs (deploy/authz/huiwu-policy.json;
// common/server/authz_policy.h).
// With it, what a caller may see of the records (DataAccessPolicy: the organizer unit
// it acts for, personal data; deploy/authz/huiwu-data-access.json), re-read alike.
struct AuthzConfig {
  std::string policy_file;       // empty: no policy (only with TLS off)
  std::string data_access_file;  // required with a policy
  absl::Duration refresh_interval = absl::Minutes(1);
};

struct ServerConfig {
  std::string host;      // address both listeners bind to
  int grpc_port = 0;     // 0 picks a free port (tests)
  int metrics_port = 0;  // 0 picks a free port; -1 disables /metrics
  int max_threads = 0;   // gRPC sync-server threads
  absl::Duration health_check_interval;
  absl::Duration shutdown_grace;
  bool migrate_only = false;
  // How often the domain gauges (huiwu_<service>_…) are read from the database; zero or
  // infinite: only once, at start-up (the in-process tests refresh them themselves).
  absl::Duration gauge_interval;
  DatabaseConfig database;
  PeerTargets peers;
  EventsConfig events;
  RateLimitConfig rate_limit;
  // The gRPC port's mutual TLS, also used for the channels to peers.
  TlsConfig tls;
  AuthzConfig authz;
  // The metrics interceptor (grpc_server_* and the call_failed log line). Always on in
  // a service; only the benchmark turns it off, to measure what it costs (issue 13).
  bool observe_calls = true;
};

// Appends one line per bad --authz_* / --data_access_file setting to `problems` (a
// policy and a data-access file are required with TLS on). The policy's content is checked when the
// server starts.
void ValidateAuthzConfig(const AuthzConfig& authz, const TlsConfig& tls,
                         std::vector<std::string>& problems);

// Applies HUIWU_* environment variables to the flags, then parses argv (which exits
// on --help and on unknown flags). Exits with status 2 and a message naming the
// variable when an environment value does not parse. Returns the positional args.
std::vector<char*> ParseFlagsAndEnvironment(int argc, char** argv, absl::string_view usage);

// Reads the common server flags; `default_database` is the service's own database
// (e.g. "huiwu_booking") used when --mysql_database is not given.
absl::StatusOr<ServerConfig> LoadServerConfig(absl::string_view default_database);

}  // namespace huiwu::config

#endif  // HUIWU_COMMON_CONFIG_CONFIG_H_
