#include "common/config/config.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/flags/usage.h"
#include "absl/flags/usage_config.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/log/log.h"

extern char** environ;

ABSL_FLAG(std::string, host, "127.0.0.1",
          "Address the gRPC and metrics listeners bind to (0.0.0.0 inside a container).");
ABSL_FLAG(int, grpc_port, 0, "gRPC port; 0 picks a free port (the bound port is logged).");
ABSL_FLAG(int, metrics_port, 0,
          "Prometheus /metrics port; 0 picks a free port, -1 disables the exporter.");
// Many, because the sync server refuses a call outright (RESOURCE_EXHAUSTED "Server
// Threadpool Exhausted") once every thread is busy, while a call that has a thread waits
// in line for a database connection (--mysql_acquire_timeout): the pool, not the thread
// cap, is where excess work should queue. 64 refused ~2 % of reads at 64 callers (issue
// 13); a thread that waits costs its stack, touched only a few pages deep.
ABSL_FLAG(int, max_threads, 1024,
          "Maximum threads serving gRPC calls (1–4096); beyond it calls are refused.");
ABSL_FLAG(absl::Duration, health_check_interval, absl::Seconds(2),
          "How often the database is pinged to decide SERVING / NOT_SERVING.");
ABSL_FLAG(absl::Duration, shutdown_grace, absl::Seconds(10),
          "On SIGTERM/SIGINT, how long in-flight calls may take to finish.");
ABSL_FLAG(absl::Duration, gauge_interval, absl::Seconds(30),
          "How often the domain gauges (today's meetings, open hazards, keys out, …) are "
          "read from the database for /metrics (100ms–1h).");
ABSL_FLAG(bool, migrate_only, false, "Apply the database migrations, then exit.");
ABSL_FLAG(std::string, mysql_host, "127.0.0.1", "MariaDB/MySQL host.");
ABSL_FLAG(int, mysql_port, 3306, "MariaDB/MySQL port.");
ABSL_FLAG(std::string, mysql_user, "huiwu", "Database user.");
ABSL_FLAG(std::string, mysql_password, "", "Database password (prefer HUIWU_MYSQL_PASSWORD).");
ABSL_FLAG(std::string, mysql_database, "",
          "The service's own database (created if missing); default huiwu_<service>.");
ABSL_FLAG(int, mysql_pool_size, 16, "Database connections per process (1–256).");
ABSL_FLAG(absl::Duration, mysql_connect_timeout, absl::Seconds(2),
          "Timeout to open a database connection.");
ABSL_FLAG(absl::Duration, mysql_statement_timeout, absl::Seconds(10),
          "Upper bound for one SQL statement (MariaDB max_statement_time and socket reads).");
ABSL_FLAG(absl::Duration, mysql_lock_wait_timeout, absl::Seconds(5),
          "innodb_lock_wait_timeout; a wait beyond it is retried, then answered ABORTED.");
ABSL_FLAG(absl::Duration, mysql_acquire_timeout, absl::Seconds(5),
          "How long a call waits for a free pooled connection before UNAVAILABLE.");
ABSL_FLAG(std::string, booking_target, "",
          "host:port of the booking service (events it publishes, readiness); empty: none.");
ABSL_FLAG(std::string, staffing_target, "",
          "host:port of the staffing service (readiness); empty: none.");
ABSL_FLAG(std::string, inventory_target, "",
          "host:port of the inventory service (readiness); empty: none.");
ABSL_FLAG(std::string, safety_target, "",
          "host:port of the safety service (room clearance before a confirm, hazard events, "
          "readiness); empty: none.");
ABSL_FLAG(absl::Duration, event_retention, absl::Hours(24 * 30),
          "How long committed events stay readable by StreamEvents (1h–3650d).");
ABSL_FLAG(absl::Duration, event_poll_interval, absl::Milliseconds(200),
          "How often streams look for events committed by other replicas (10ms–10s).");
ABSL_FLAG(double, rate_limit_per_caller_rps, 0,
          "Calls per second each calling system may make (a token bucket per caller; health "
          "checks exempt); 0 disables the limit.");
ABSL_FLAG(int, rate_limit_burst, 200,
          "Calls a caller may make at once above its rate (the bucket's size, 1–100000).");
ABSL_FLAG(absl::Duration, peer_deadline, absl::Seconds(2),
          "Deadline of one synchronous call to another huiwu service (50ms–1m).");

ABSL_FLAG(std::string, authz_policy_file, "",
          "gRPC authorization policy (JSON) deciding which caller may call which method; "
          "deny by default. Required with --tls=on; e.g. deploy/authz/huiwu-policy.json.");
ABSL_FLAG(std::string, data_access_file, "",
          "What callers may see of the records (JSON of huiwu.common.v1.DataAccessPolicy): the "
          "organizer unit a caller acts for, who sees personal data. Required with "
          "--authz_policy_file; e.g. deploy/authz/huiwu-data-access.json.");
ABSL_FLAG(absl::Duration, authz_refresh_interval, absl::Minutes(1),
          "How often --authz_policy_file and --data_access_file are re-read, so that a "
          "change applies without a restart (100ms–1h).");

namespace huiwu::config {

const std::string& PeerTargets::For(absl::string_view service) const {
  static const std::string kNone;
  if (service == "booking") return booking;
  if (service == "staffing") return staffing;
  if (service == "inventory") return inventory;
  if (service == "safety") return safety;
  return kNone;
}

namespace {

constexpr absl::string_view kEnvPrefix = "HUIWU_";

// Flags from common/ and services/ are ours and shown by --help; Abseil's and gRPC's
// internals stay under --helpfull.
bool IsOurFlagFile(absl::string_view file) {
  return absl::StrContains(file, "common/") || absl::StrContains(file, "services/") ||
         absl::StrContains(file, "tools/");
}

void ApplyEnvironment() {
  for (char** entry = environ; *entry != nullptr; ++entry) {
    absl::string_view text(*entry);
    if (!absl::StartsWith(text, kEnvPrefix)) continue;
    const size_t equals = text.find('=');
    if (equals == absl::string_view::npos) continue;
    absl::string_view variable = text.substr(0, equals);
    absl::string_view value = text.substr(equals + 1);
    std::string flag_name = absl::AsciiStrToLower(variable.substr(kEnvPrefix.size()));
    absl::CommandLineFlag* flag = absl::FindCommandLineFlag(flag_name);
    if (flag == nullptr) {
      // HUIWU_TEST_* configure the test suite, not a service.
      if (!absl::StartsWith(variable, "HUIWU_TEST_")) {
        log::Warning("unknown_environment_variable",
                     {{"variable", variable}, {"hint", "no flag --" + flag_name + " exists"}});
      }
      continue;
    }
    std::string error;
    if (!flag->ParseFrom(value, &error)) {
      std::fprintf(stderr, "invalid %.*s=%.*s: %s\n", static_cast<int>(variable.size()),
                   variable.data(), static_cast<int>(value.size()), value.data(), error.c_str());
      std::exit(2);
    }
  }
}

std::string Describe(absl::string_view flag, const std::string& value) {
  return DescribeFlag(flag, value);
}

bool IsDatabaseName(absl::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (!absl::ascii_isalnum(c) && c != '_') return false;
  }
  return true;
}

}  // namespace

void ValidateAuthzConfig(const AuthzConfig& authz, const TlsConfig& tls,
                         std::vector<std::string>& problems) {
  if (authz.policy_file.empty()) {
    // With TLS every caller has a verified identity, and which of them may do what must
    // be written down: no policy would let any certificate do everything.
    if (tls.enabled) {
      problems.push_back(absl::StrCat("missing ", Describe("authz_policy_file", ""),
                                      ": required with --tls=on, e.g. "
                                      "deploy/authz/huiwu-policy.json"));
    }
    return;
  }
  std::string why;
  if (!ReadableFile(authz.policy_file, why)) {
    problems.push_back(absl::StrCat("invalid ", Describe("authz_policy_file", authz.policy_file),
                                    ": cannot read it (", why, ")"));
  }
  // Without it a unit's system would see every unit's meetings: what the policy admits
  // per method is narrowed per record only by this file.
  if (authz.data_access_file.empty()) {
    problems.push_back(absl::StrCat("missing ", Describe("data_access_file", ""),
                                    ": required with --authz_policy_file, e.g. "
                                    "deploy/authz/huiwu-data-access.json"));
  } else if (!ReadableFile(authz.data_access_file, why)) {
    problems.push_back(absl::StrCat("invalid ",
                                    Describe("data_access_file", authz.data_access_file),
                                    ": cannot read it (", why, ")"));
  }
  if (authz.refresh_interval < absl::Milliseconds(100) || authz.refresh_interval > absl::Hours(1)) {
    problems.push_back(absl::StrCat(
        "invalid ",
        Describe("authz_refresh_interval", absl::FormatDuration(authz.refresh_interval)),
        ": must be 100ms–1h (how often the file is re-read), e.g. 1m"));
  }
}

std::vector<char*> ParseFlagsAndEnvironment(int argc, char** argv, absl::string_view usage) {
  absl::FlagsUsageConfig usage_config;
  usage_config.contains_help_flags = IsOurFlagFile;
  usage_config.contains_helpshort_flags = IsOurFlagFile;
  usage_config.version_string = [] { return std::string("huiwu 0.1\n"); };
  absl::SetFlagsUsageConfig(usage_config);
  // Abseil allows one usage message per process (tests parse more than once).
  static bool usage_set = false;
  if (!std::exchange(usage_set, true)) {
    absl::SetProgramUsageMessage(
        absl::StrCat(usage,
                     "\n\nEvery flag can also be set in the environment as HUIWU_<FLAG>, e.g. "
                     "HUIWU_MYSQL_PORT=3307; the command line wins."));
  }
  ApplyEnvironment();
  // Both --migrate-only and --migrate_only: admins type dashes, Abseil wants underscores.
  static std::vector<std::string> arguments;
  static std::vector<char*> pointers;
  arguments.assign(argv, argv + argc);
  for (std::string& argument : arguments) {
    if (!absl::StartsWith(argument, "--") || argument == "--") continue;
    const size_t end = std::min(argument.find('='), argument.size());
    std::replace(argument.begin() + 2, argument.begin() + end, '-', '_');
  }
  pointers.clear();
  for (std::string& argument : arguments) pointers.push_back(argument.data());
  return absl::ParseCommandLine(argc, pointers.data());
}

absl::StatusOr<ServerConfig> LoadServerConfig(absl::string_view default_database) {
  ServerConfig config;
  std::vector<std::string> problems;
  auto check = [&](bool ok, absl::string_view flag, const std::string& value,
                   absl::string_view rule) {
    if (!ok) problems.push_back(absl::StrCat("invalid ", Describe(flag, value), ": ", rule));
  };
  auto positive = [&](absl::string_view flag, absl::Duration d) {
    check(d > absl::ZeroDuration() && d <= absl::Hours(1), flag, absl::FormatDuration(d),
          "must be above 0 and at most 1h, e.g. 5s or 500ms");
  };

  config.host = absl::GetFlag(FLAGS_host);
  check(!config.host.empty(), "host", config.host, "must not be empty, e.g. 127.0.0.1");
  config.grpc_port = absl::GetFlag(FLAGS_grpc_port);
  check(config.grpc_port >= 0 && config.grpc_port <= 65535, "grpc_port",
        absl::StrCat(config.grpc_port), "must be 0–65535 (0 picks a free port)");
  config.metrics_port = absl::GetFlag(FLAGS_metrics_port);
  check(config.metrics_port >= -1 && config.metrics_port <= 65535, "metrics_port",
        absl::StrCat(config.metrics_port), "must be -1 (off) or 0–65535 (0 picks a free port)");
  config.max_threads = absl::GetFlag(FLAGS_max_threads);
  check(config.max_threads >= 1 && config.max_threads <= 4096, "max_threads",
        absl::StrCat(config.max_threads), "must be 1–4096");
  config.health_check_interval = absl::GetFlag(FLAGS_health_check_interval);
  positive("health_check_interval", config.health_check_interval);
  config.shutdown_grace = absl::GetFlag(FLAGS_shutdown_grace);
  positive("shutdown_grace", config.shutdown_grace);
  config.migrate_only = absl::GetFlag(FLAGS_migrate_only);
  config.gauge_interval = absl::GetFlag(FLAGS_gauge_interval);
  check(config.gauge_interval >= absl::Milliseconds(100) && config.gauge_interval <= absl::Hours(1),
        "gauge_interval", absl::FormatDuration(config.gauge_interval),
        "must be 100ms–1h, e.g. 30s");

  DatabaseConfig& db = config.database;
  db.host = absl::GetFlag(FLAGS_mysql_host);
  check(!db.host.empty(), "mysql_host", db.host, "must not be empty, e.g. 127.0.0.1");
  db.port = absl::GetFlag(FLAGS_mysql_port);
  check(db.port >= 1 && db.port <= 65535, "mysql_port", absl::StrCat(db.port), "must be 1–65535");
  db.user = absl::GetFlag(FLAGS_mysql_user);
  check(!db.user.empty() && db.user.size() <= 80, "mysql_user", db.user, "must be 1–80 characters");
  db.password = absl::GetFlag(FLAGS_mysql_password);
  db.database = absl::GetFlag(FLAGS_mysql_database);
  if (db.database.empty()) db.database = std::string(default_database);
  check(IsDatabaseName(db.database), "mysql_database", db.database,
        "must be 1–64 of A-Z, a-z, 0-9 and _");
  db.pool_size = absl::GetFlag(FLAGS_mysql_pool_size);
  check(db.pool_size >= 1 && db.pool_size <= 256, "mysql_pool_size", absl::StrCat(db.pool_size),
        "must be 1–256");
  db.connect_timeout = absl::GetFlag(FLAGS_mysql_connect_timeout);
  positive("mysql_connect_timeout", db.connect_timeout);
  db.statement_timeout = absl::GetFlag(FLAGS_mysql_statement_timeout);
  positive("mysql_statement_timeout", db.statement_timeout);
  db.lock_wait_timeout = absl::GetFlag(FLAGS_mysql_lock_wait_timeout);
  positive("mysql_lock_wait_timeout", db.lock_wait_timeout);
  db.acquire_timeout = absl::GetFlag(FLAGS_mysql_acquire_timeout);
  positive("mysql_acquire_timeout", db.acquire_timeout);

  config.peers.booking = absl::GetFlag(FLAGS_booking_target);
  config.peers.staffing = absl::GetFlag(FLAGS_staffing_target);
  config.peers.inventory = absl::GetFlag(FLAGS_inventory_target);
  config.peers.safety = absl::GetFlag(FLAGS_safety_target);
  EventsConfig& events = config.events;
  events.retention = absl::GetFlag(FLAGS_event_retention);
  check(events.retention >= absl::Hours(1) && events.retention <= absl::Hours(24 * 3650),
        "event_retention", absl::FormatDuration(events.retention), "must be 1h–87600h, e.g. 720h");
  events.poll_interval = absl::GetFlag(FLAGS_event_poll_interval);
  check(events.poll_interval >= absl::Milliseconds(10) && events.poll_interval <= absl::Seconds(10),
        "event_poll_interval", absl::FormatDuration(events.poll_interval),
        "must be 10ms–10s, e.g. 200ms");
  events.peer_deadline = absl::GetFlag(FLAGS_peer_deadline);
  check(events.peer_deadline >= absl::Milliseconds(50) && events.peer_deadline <= absl::Minutes(1),
        "peer_deadline", absl::FormatDuration(events.peer_deadline), "must be 50ms–1m, e.g. 2s");

  RateLimitConfig& rate_limit = config.rate_limit;
  rate_limit.per_caller_rps = absl::GetFlag(FLAGS_rate_limit_per_caller_rps);
  check(rate_limit.per_caller_rps >= 0 && rate_limit.per_caller_rps <= 1e6,
        "rate_limit_per_caller_rps", absl::StrCat(rate_limit.per_caller_rps),
        "must be 0 (off) to 1000000, e.g. 50");
  rate_limit.burst = absl::GetFlag(FLAGS_rate_limit_burst);
  check(rate_limit.burst >= 1 && rate_limit.burst <= 100000, "rate_limit_burst",
        absl::StrCat(rate_limit.burst), "must be 1–100000, e.g. 200");
  config.tls = TlsConfigFromFlags();
  ValidateTlsConfig(config.tls, problems);
  config.authz.policy_file = absl::GetFlag(FLAGS_authz_policy_file);
  config.authz.data_access_file = absl::GetFlag(FLAGS_data_access_file);
  config.authz.refresh_interval = absl::GetFlag(FLAGS_authz_refresh_interval);
  ValidateAuthzConfig(config.authz, config.tls, problems);

  if (!problems.empty()) return absl::InvalidArgumentError(absl::StrJoin(problems, "\n"));
  return config;
}

}  // namespace huiwu::config
