// The suite (issue 13): the physical baselines, then booking's hot paths at 1, 16 and
// 64 callers (256 for reads), the hot-room race, and the reads again with --rows
// meetings of history, in one run, as one Markdown table with each row's ratio to its
// baseline. It asserts nothing about speed: the numbers are for reading.
#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "common/db/pool.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/security/credentials.h"
#include "tools/bench/baselines.h"
#include "tools/bench/booking_bench.h"
#include "tools/bench/report.h"
#include "tools/bench/scenario.h"
#include "tools/bench/statement_count.h"

namespace huiwu::bench {
namespace {

constexpr char kEcho[] = "gRPC echo";
constexpr char kSql[] = "SQL booking transaction";
constexpr char kSqlRead[] = "SQL point read";
const std::vector<int> kReadCallers = {1, 16, 64, 256};
const std::vector<int> kWriteCallers = {1, 16, 64};

struct Sizes {
  LoadPlan plan;
  int rooms = 50;
  int read_meetings = 200;
  int hot_rounds = 30;
};

Sizes SizesFor(const BenchOptions& options) {
  Sizes sizes;
  sizes.plan.warm_up = options.quick ? absl::Milliseconds(200) : absl::Milliseconds(500);
  sizes.plan.measure = options.quick ? absl::Milliseconds(1500) : absl::Seconds(4);
  sizes.hot_rounds = options.quick ? 8 : 30;
  if (options.row_time > absl::ZeroDuration()) {
    sizes.plan.measure = options.row_time;
    sizes.plan.warm_up = options.row_time / 4;
  }
  return sizes;
}

LoadPlan WithCallers(LoadPlan plan, int callers) {
  plan.callers = callers;
  return plan;
}

std::string Fact(const char* command) {
  std::string out;
  if (FILE* pipe = popen(command, "r")) {
    char buffer[256];
    while (fgets(buffer, sizeof buffer, pipe) != nullptr) out += buffer;
    pclose(pipe);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

std::string DatabaseVersion(const config::DatabaseConfig& database) {
  db::ConnectionPool pool(database, nullptr);
  auto connection = pool.OpenConnection(/*select_database=*/false);
  if (!connection.ok()) return "unknown";
  try {
    std::unique_ptr<sql::Statement> statement((*connection)->raw().createStatement());
    std::unique_ptr<sql::ResultSet> rows(statement->executeQuery("SELECT VERSION()"));
    return rows->next() ? std::string(rows->getString(1)) : "unknown";
  } catch (const sql::SQLException&) {
    return "unknown";
  }
}

// Reads: compared with the echo at the same number of callers.
void MeasureRead(Report& report, const std::string& section, const std::string& path,
                 const LoadPlan& plan, const std::vector<int>& callers, const CallFn& call,
                 const std::string& target) {
  for (int n : callers) {
    report.Add({section, path, RunLoad(WithCallers(plan, n), call), kEcho,
                report.PerSecond(kEcho, n), target, ""});
  }
}

// What the metrics interceptor and the call log cost: GetRoom through a server with them
// and through one without, in alternating short rounds (a difference of a few percent
// drowns in the drift of one long row after another on a shared machine). The second row's
// ratio is to the first: 1.03× means observing costs 3 % of throughput.
void MeasureObservingCost(Report& report, const LoadPlan& plan, const CallFn& observed,
                          const CallFn& unobserved) {
  constexpr int kRounds = 6;
  for (int n : {1, 64}) {
    LoadPlan round = WithCallers(plan, n);
    round.measure = plan.measure / 3;
    round.warm_up = plan.warm_up / 2;
    LoadResult with;
    LoadResult without;
    for (int i = 0; i < kRounds; ++i) {
      with.Add(RunLoad(round, observed));
      without.Add(RunLoad(round, unobserved));
    }
    const std::string path = "GetRoom, metrics interceptor on (alternating rounds)";
    report.Add({"booking", path, with, "", 0, "", ""});
    report.Add({"booking", "GetRoom, metrics interceptor off (alternating rounds)", without,
                "interceptor on", report.PerSecond(path, n), "≤ 1.03× (it costs < 3 %)", ""});
  }
}

int Run(const BenchOptions& options) {
  const Sizes sizes = SizesFor(options);
  Report report;
  std::printf(
      "| Section | Path | Callers | Calls/s | p50 ms | p95 ms | p99 ms | Errors | Ratio | "
      "Target | Note |\n");

  // 1. Baselines.
  {
    auto echo = EchoServer::Start(options.server);
    if (!echo.ok()) {
      std::fprintf(stderr, "%s\n", std::string(echo.status().message()).c_str());
      return 1;
    }
    auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", (*echo)->port()),
                                       grpc::InsecureChannelCredentials());
    for (int n : kReadCallers) {
      report.Add({"baseline", kEcho, RunLoad(WithCallers(sizes.plan, n), EchoCalls(channel)), "", 0,
                  "", "Health/Check on a bare server, same gRPC settings"});
    }
  }
  SqlBookingBaseline sql(options.database, sizes.rooms);
  if (absl::Status prepared = sql.Prepare(); !prepared.ok()) {
    std::fprintf(stderr, "%s\n", std::string(prepared.message()).c_str());
    return 1;
  }
  for (int n : kWriteCallers) {
    report.Add({"baseline", kSql, RunLoad(WithCallers(sizes.plan, n), sql.Transactions()), "", 0,
                "", "7 round trips on prepared statements"});
  }
  for (int n : kReadCallers) {
    report.Add({"baseline", kSqlRead, RunLoad(WithCallers(sizes.plan, n), sql.PointReads()), "", 0,
                "", "one primary-key SELECT on a prepared statement, autocommit"});
  }

  // 2. Booking's hot paths.
  auto bench = BookingBench::Start(options.server, options.database.database, sizes.rooms);
  if (!bench.ok()) {
    std::fprintf(stderr, "cannot start booking: %s\n",
                 std::string(bench.status().message()).c_str());
    return 1;
  }
  BookingBench& booking = **bench;
  if (absl::Status seeded = booking.SeedReads(sizes.read_meetings); !seeded.ok()) {
    std::fprintf(stderr, "%s\n", std::string(seeded.message()).c_str());
    return 1;
  }
  // Before the load rows: where a call's time goes, in round trips to the database.
  std::string statement_counts =
      "SQL statements per call, counted by the server over 200 calls made one at a time: ";
  {
    StatementCounter counter(options.database);
    const std::vector<std::pair<std::string, CallFn>> counted = {
        {kSqlRead, sql.PointReads()},
        {kSql, sql.Transactions()},
        {"GetRoom", booking.GetRoom()},
        {"GetMeeting", booking.GetMeeting()},
        {"ListMeetings (a day)", booking.ListMeetingsOfDay()},
        {"FindAvailableRooms", booking.FindAvailableRooms()},
        {"CreateMeeting", booking.CreateMeeting()},
        {"CreateMeeting + ConfirmMeeting", booking.CreateAndConfirm()}};
    for (size_t i = 0; i < counted.size(); ++i) {
      absl::StatusOr<double> per_call = counter.PerCall(counted[i].second, 200);
      if (!per_call.ok()) {
        std::fprintf(stderr, "%s: %s\n", counted[i].first.c_str(),
                     std::string(per_call.status().message()).c_str());
        return 1;
      }
      absl::StrAppend(&statement_counts, i == 0 ? "" : ", ", counted[i].first, " ",
                      absl::StrFormat("%.1f", *per_call));
    }
    std::printf("%s\n", statement_counts.c_str());
  }
  MeasureRead(report, "booking", "GetRoom", sizes.plan, kReadCallers, booking.GetRoom(),
              "≥ 0.7× at 1 and 64");
  MeasureRead(report, "booking", "GetMeeting", sizes.plan, kReadCallers, booking.GetMeeting(),
              "≥ 0.7× at 1 and 64");
  if (absl::Status started = booking.StartUnobserved(); !started.ok()) {
    std::fprintf(stderr, "cannot start the unobserved booking server: %s\n",
                 std::string(started.message()).c_str());
    return 1;
  }
  MeasureObservingCost(report, sizes.plan, booking.GetRoom(), booking.GetRoomUnobserved());
  MeasureRead(report, "booking", "ListMeetings (a day)", sizes.plan, kWriteCallers,
              booking.ListMeetingsOfDay(), "");
  MeasureRead(report, "booking", "FindAvailableRooms", sizes.plan, kWriteCallers,
              booking.FindAvailableRooms(), "");
  for (int n : kWriteCallers) {
    report.Add({"booking", "CreateMeeting",
                RunLoad(WithCallers(sizes.plan, n), booking.CreateMeeting()), kSql,
                report.PerSecond(kSql, n), "", ""});
    LoadPlan confirm = WithCallers(sizes.plan, n);
    confirm.max_calls = booking.available_notices();
    report.Add({"booking", "ConfirmMeeting", RunLoad(confirm, booking.ConfirmNotices()), kSql,
                report.PerSecond(kSql, n), n == 16 ? "≥ 0.8×" : "",
                "confirms the notices just created"});
  }
  report.Add({"booking", "CreateMeeting + ConfirmMeeting",
              RunLoad(WithCallers(sizes.plan, 16), booking.CreateAndConfirm()), kSql,
              report.PerSecond(kSql, 16), "≥ 0.6×", "one pair per call"});
  const HotRoomResult hot = booking.HotRoom(sizes.hot_rounds, 16);
  const std::string hot_note =
      absl::StrFormat("%d rounds, %d with exactly one winner; %d overlapping holds in the room",
                      hot.rounds, hot.rounds_with_one_winner, hot.overlapping_holds);
  report.Add({"booking", "hot room: the winning confirm", hot.winners, "", 0, "", hot_note});
  report.Add({"booking", "hot room: the losing confirms", hot.losers, "", 0,
              "0 overlaps; p99 ≤ 20 ms", "answered ROOM_CONFLICT"});
  if (absl::Status opened = booking.OpenSignIn(); !opened.ok()) {
    std::fprintf(stderr, "%s\n", std::string(opened.message()).c_str());
    return 1;
  }
  for (int n : kWriteCallers) {
    report.Add({"booking", "SignIn (walk-ins)",
                RunLoad(WithCallers(sizes.plan, n), booking.SignIn()), kSql,
                report.PerSecond(kSql, n), "", ""});
  }

  // 3. The same reads with years of history in the tables.
  const absl::Time load_start = absl::Now();
  if (absl::Status loaded = booking.LoadHistory(options.rows); !loaded.ok()) {
    std::fprintf(stderr, "loading history: %s\n", std::string(loaded.message()).c_str());
    return 1;
  }
  const std::string section = absl::StrCat("booking, ", options.rows, " more meetings");
  std::printf("loaded %d meetings of history in %.1f s\n", options.rows,
              absl::ToDoubleSeconds(absl::Now() - load_start));
  MeasureRead(report, section, "GetMeeting", sizes.plan, {1, 64}, booking.GetMeeting(), "");
  MeasureRead(report, section, "ListMeetings (a day)", sizes.plan, {1}, booking.ListMeetingsOfDay(),
              "");
  MeasureRead(report, section, "FindAvailableRooms", sizes.plan, {1}, booking.FindAvailableRooms(),
              "p99 ≤ 2 ms at 1");
  report.Add({section, "CreateMeeting + ConfirmMeeting",
              RunLoad(WithCallers(sizes.plan, 16), booking.CreateAndConfirm()), kSql,
              report.PerSecond(kSql, 16), "≥ 0.6×", ""});

  const std::vector<std::string> facts = {
      absl::StrCat(
          "Run: ", absl::FormatTime("%Y-%m-%d %H:%M UTC", absl::Now(), absl::UTCTimeZone()),
          options.quick ? ", --quick" : "", "; each row ", absl::FormatDuration(sizes.plan.measure),
          " after ", absl::FormatDuration(sizes.plan.warm_up), " of warm-up"),
      absl::StrCat("Machine: ", Fact("nproc"), " cores, ",
                   Fact("sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1"), ", ",
                   Fact("free -g | awk '/^Mem:/ {print $2}'"), " GiB; ", Fact("uname -sr"),
                   "; load average at the end ", Fact("cut -d' ' -f1-3 /proc/loadavg"),
                   " (anything else running shows here)"),
      absl::StrCat("MariaDB ", DatabaseVersion(options.database), " (the same machine); gRPC ",
                   grpc::Version(), "; --max_threads ", options.server.max_threads,
                   ", --mysql_pool_size ", options.database.pool_size),
      statement_counts,
      "Clients, services and the database share the machine's cores: the ratios within one "
      "run are what count (absolute numbers vary ±20 % between runs).",
      "Callers are closed-loop: each calls again as soon as its previous call returned.",
  };
  const std::string markdown = report.Markdown(facts);
  if (!options.out.empty()) {
    std::ofstream out(options.out);
    out << markdown;
    if (!out) {
      std::fprintf(stderr, "cannot write %s\n", options.out.c_str());
      return 1;
    }
    std::printf("wrote %s\n", options.out.c_str());
  }
  // What the smoke test (tests/CMakeLists.txt) checks: the suite still measures what it
  // says, without double bookings or broken calls. Nothing about speed.
  for (const std::string& error : report.UnexpectedErrors()) {
    std::fprintf(stderr, "huiwu-bench: unexpected errors: %s\n", error.c_str());
  }
  if (hot.overlapping_holds != 0) {
    std::fprintf(stderr, "huiwu-bench: %lld overlapping holds in the hot room\n",
                 static_cast<long long>(hot.overlapping_holds));
    return 3;
  }
  return report.UnexpectedErrors().empty() ? 0 : 4;
}

}  // namespace

Scenario SuiteScenario() {
  return {"suite",
          "baselines and booking's hot paths at 1-256 callers, then reads with --rows meetings",
          Run};
}

}  // namespace huiwu::bench
