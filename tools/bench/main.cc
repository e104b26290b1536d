// huiwu-bench SCENARIO [--rows=N] [--calls=N] [--mysql_*=…]: runs one load scenario
// against the MariaDB named by the common --mysql_* flags (or HUIWU_MYSQL_*), in a
// database of its own (default huiwu_bench, whose tables it empties). Wiring only.
#include <cstdio>
#include <string>
#include <vector>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/config/config.h"
#include "common/db/pool.h"
#include "common/server/service_host.h"
#include "tools/bench/scenario.h"

ABSL_FLAG(int, rows, 100000, "Rows bulk-loaded per table before measuring.");
ABSL_FLAG(int, calls, 5000, "Measured calls.");
ABSL_FLAG(bool, quick, false, "suite: shorter measurements (scripts/bench.sh --quick).");
ABSL_FLAG(std::string, out, "", "suite: write the Markdown table to this file.");
ABSL_FLAG(absl::Duration, row_time, absl::ZeroDuration(),
          "suite: each row's measurement (default 4s, 1.5s with --quick).");
ABSL_DECLARE_FLAG(huiwu::config::OnOff, tls);

namespace huiwu::bench {
namespace {

std::vector<Scenario> AllScenarios() { return {SafetyClearanceScenario(), SuiteScenario()}; }

int Main(int argc, char** argv) {
  std::string usage = "load scenarios of huiwu. usage: huiwu-bench SCENARIO [flags]\nscenarios:\n";
  for (const Scenario& s : AllScenarios())
    absl::StrAppend(&usage, "  ", s.name, ": ", s.summary, "\n");
  // The bench serves in-process on loopback and measures the service, not TLS: off unless
  // asked for (--tls=on would still demand its files, and the bench's own clients call
  // without TLS).
  absl::SetFlag(&FLAGS_tls, config::OnOff{false});
  std::vector<char*> args = config::ParseFlagsAndEnvironment(argc, argv, usage);
  if (args.size() != 2) {
    std::fprintf(stderr, "huiwu-bench: name one scenario\n%s", usage.c_str());
    return 2;
  }
  auto server = config::LoadServerConfig("huiwu_bench");
  if (!server.ok()) {
    std::fprintf(stderr, "huiwu-bench: %s\n", std::string(server.status().message()).c_str());
    return 2;
  }
  BenchOptions options;
  options.database = server->database;
  options.rows = absl::GetFlag(FLAGS_rows);
  options.calls = absl::GetFlag(FLAGS_calls);
  options.server = *server;
  options.quick = absl::GetFlag(FLAGS_quick);
  options.out = absl::GetFlag(FLAGS_out);
  options.row_time = absl::GetFlag(FLAGS_row_time);
  // The scenarios empty their tables: never point them at a service's real database.
  if (!absl::StartsWith(options.database.database, "huiwu_bench") &&
      !absl::StartsWith(options.database.database, "t_")) {
    std::fprintf(stderr,
                 "huiwu-bench: --mysql_database must start with huiwu_bench (its tables "
                 "are emptied)\n");
    return 2;
  }
  if (options.rows < 1 || options.calls < 1) {
    std::fprintf(stderr, "huiwu-bench: --rows and --calls must be positive\n");
    return 2;
  }
  // The services it hosts run as they do in their own processes.
  server::DisableMutexDeadlockDetection();
  db::InitDriver();
  for (const Scenario& s : AllScenarios()) {
    if (s.name == args[1]) return s.run(options);
  }
  std::fprintf(stderr, "huiwu-bench: unknown scenario \"%s\"\n%s", args[1], usage.c_str());
  return 2;
}

}  // namespace
}  // namespace huiwu::bench

int main(int argc, char** argv) { return huiwu::bench::Main(argc, argv); }
