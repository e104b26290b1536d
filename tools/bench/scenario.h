// huiwu-bench: load generators for the services' speed goals (DESIGN §10), one scenario
// per file, each measuring through real gRPC against a real MariaDB. Scenarios register
// in AllScenarios() (main.cc); a new service's benchmark is one more file.
#ifndef HUIWU_TOOLS_BENCH_SCENARIO_H_
#define HUIWU_TOOLS_BENCH_SCENARIO_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "common/config/config.h"

namespace huiwu::bench {

struct BenchOptions {
  config::DatabaseConfig database;  // a database of its own: scenarios empty its tables
  int rows = 100000;                // rows per bulk-loaded table
  int calls = 5000;                 // measured calls
  config::ServerConfig server;      // the services' settings (gRPC threads, pool size)
  bool quick = false;               // the suite: shorter measurements, fewer rows
  absl::Duration row_time;          // the suite: each row's measurement, when set
  std::string out;                  // the suite: where its Markdown table goes (or none)
};

struct Scenario {
  std::string name;
  std::string summary;
  int (*run)(const BenchOptions& options);  // exit status
};

// safety_clearance.cc
Scenario SafetyClearanceScenario();
// suite.cc
Scenario SuiteScenario();

}  // namespace huiwu::bench

#endif  // HUIWU_TOOLS_BENCH_SCENARIO_H_
