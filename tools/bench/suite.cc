// The suite (issue 13): the physical baselines, then booking's hot paths at 1, 16 and
// 64 callers (256 for reads) and the hot-room race, staffing's AssignStaff and AutoAssign,
// inventory's ReserveKit, booking's event stream followed while meetings are created,
// the booking reads again with --rows meetings of history and safety's CheckRoomClearance
// with --rows records per table, in one run, as one Markdown table with each row's ratio
// to its baseline. It asserts nothing about speed: the numbers are for reading.
#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
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
#include "tools/bench/event_bench.h"
#include "tools/bench/inventory_bench.h"
#include "tools/bench/report.h"
#include "tools/bench/safety_bench.h"
#include "tools/bench/scenario.h"
#include "tools/bench/staffing_bench.h"
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

// A path's statements per call and how many calls a second it made when they came one at
// a time (what sizes the data a row of it uses up).
struct Counted {
  double statements = 0;
  double per_second = 0;
};

// Counts each path (StatementCounter: 200 calls one at a time) into `counted`, appending
// "path N.N" to `*line` (the fact the table's header carries) and printing them.
absl::Status CountStatements(const config::DatabaseConfig& database,
                             const std::vector<std::pair<std::string, CallFn>>& paths,
                             std::map<std::string, Counted>& counted, std::string* line) {
  constexpr int kCalls = 200;
  StatementCounter counter(database);
  std::string printed;
  for (const auto& [path, call] : paths) {
    const absl::Time start = absl::Now();
    absl::StatusOr<double> per_call = counter.PerCall(call, kCalls);
    if (!per_call.ok()) {
      return absl::InternalError(absl::StrCat(path, ": ", per_call.status().message()));
    }
    counted[path] = {*per_call, kCalls / absl::ToDoubleSeconds(absl::Now() - start)};
    const std::string text = absl::StrCat(path, " ", absl::StrFormat("%.1f", *per_call));
    absl::StrAppend(line, line->empty() ? "" : ", ", text);
    absl::StrAppend(&printed, printed.empty() ? "" : ", ", text);
  }
  std::printf("SQL statements per call: %s\n", printed.c_str());
  return absl::OkStatus();
}

// Rows of calls that use up prepared data (a pair to assign, a requirement to fill), at 1
// and 16 callers, compared with the SQL transaction: before each, `prepare(n)` makes sure n
// more calls have theirs — the row's warm-up and measurement at the expected rate, and half
// again. The rate is the one counted one at a time, then 6 times the row at 1 caller (16
// callers on 2 cores reach less). A row that runs out stops early: its rate holds, its span
// is shorter, and its note says so.
absl::Status MeasureConsuming(Report& report, const std::string& section, const std::string& path,
                              const LoadPlan& base, double one_at_a_time,
                              const std::function<absl::Status(int64_t)>& prepare,
                              const std::function<int64_t()>& left, const CallFn& call) {
  for (int n : {1, 16}) {
    LoadPlan plan = WithCallers(base, n);
    const double expected = n == 1 ? one_at_a_time : 6 * report.PerSecond(path, 1);
    const absl::Status ready =
        prepare(static_cast<int64_t>(std::ceil(
                    expected * absl::ToDoubleSeconds(plan.warm_up + plan.measure) * 1.5)) +
                100);
    if (!ready.ok()) return ready;
    plan.max_calls = left();
    LoadResult result = RunLoad(plan, call);
    report.Add({section, path, std::move(result), kSql, report.PerSecond(kSql, n), "",
                left() > 0 ? "" : "the prepared data ran out: a shorter span"});
  }
  return absl::OkStatus();
}

// What a read that asks the database `statements` times can reach at `callers`, as a
// ratio to the echo: an echo plus that many point reads, one after the other
// (1 / (1/echo + statements/point read)). The ceiling the read's ratio is read against.
std::string ReadCeiling(const Report& report, int callers, double statements) {
  const double echo = report.PerSecond(kEcho, callers);
  const double read = report.PerSecond(kSqlRead, callers);
  if (echo <= 0 || read <= 0) return "";
  const double ceiling = 1.0 / (1.0 / echo + statements / read);
  return absl::StrFormat("ceiling %.2f× gRPC echo (echo + %.1f SQL point reads)", ceiling / echo,
                         statements);
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

// The services the suite hosts, kept to the end of the run and shut down together before
// any of them is destroyed, as main() does with its one service: no host's background work
// (a sequencer round, a subscription) runs on while another's is being torn down. (The
// teardown of a host mid-run once corrupted the heap here: the transaction counters were
// process-wide; they are the pool's now.)
struct Hosts {
  std::unique_ptr<BookingBench> booking;
  std::unique_ptr<StaffingBench> staffing;
  std::unique_ptr<InventoryBench> inventory;
  std::unique_ptr<SafetyBench> safety;

  ~Hosts() {
    if (safety != nullptr) safety->Shutdown();
    if (inventory != nullptr) inventory->Shutdown();
    if (staffing != nullptr) staffing->Shutdown();
    if (booking != nullptr) booking->Shutdown();
  }
};

int Run(const BenchOptions& options) {
  const Sizes sizes = SizesFor(options);
  Report report;
  Hosts hosts;
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
  hosts.booking = *std::move(bench);
  BookingBench& booking = *hosts.booking;
  if (absl::Status seeded = booking.SeedReads(sizes.read_meetings); !seeded.ok()) {
    std::fprintf(stderr, "%s\n", std::string(seeded.message()).c_str());
    return 1;
  }
  // Before the load rows: where a call's time goes, in round trips to the database.
  std::map<std::string, Counted> counted;
  std::string statement_counts;
  if (absl::Status status =
          CountStatements(options.database,
                          {{kSqlRead, sql.PointReads()},
                           {kSql, sql.Transactions()},
                           {"GetRoom", booking.GetRoom()},
                           {"GetMeeting", booking.GetMeeting()},
                           {"ListMeetings (a day)", booking.ListMeetingsOfDay()},
                           {"FindAvailableRooms", booking.FindAvailableRooms()},
                           {"CreateMeeting", booking.CreateMeeting()},
                           {"CreateMeeting + ConfirmMeeting", booking.CreateAndConfirm()}},
                          counted, &statement_counts);
      !status.ok()) {
    std::fprintf(stderr, "%s\n", std::string(status.message()).c_str());
    return 1;
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

  // 3. Staffing: the dispatcher's AssignStaff and staffing's own AutoAssign, both writes.
  {
    auto started = StaffingBench::Start(options.server, options.database.database);
    if (!started.ok()) {
      std::fprintf(stderr, "cannot start staffing: %s\n",
                   std::string(started.status().message()).c_str());
      return 1;
    }
    hosts.staffing = *std::move(started);
    StaffingBench& staffing = *hosts.staffing;
    absl::Status prepared = staffing.PrepareAssignments(200);
    if (prepared.ok()) prepared = staffing.PrepareAutoAssign(200);
    if (prepared.ok()) {
      prepared = CountStatements(
          options.database,
          {{"AssignStaff", staffing.AssignStaff()}, {"AutoAssign", staffing.AutoAssign()}}, counted,
          &statement_counts);
    }
    if (!prepared.ok()) {
      std::fprintf(stderr, "staffing: %s\n", std::string(prepared.message()).c_str());
      return 1;
    }
    absl::Status measured = MeasureConsuming(
        report, "staffing", "AssignStaff", sizes.plan, counted["AssignStaff"].per_second,
        [&](int64_t calls) { return staffing.PrepareAssignments(calls); },
        [&] { return staffing.assignments_left(); }, staffing.AssignStaff());
    if (measured.ok()) {
      measured = MeasureConsuming(
          report, "staffing", "AutoAssign", sizes.plan, counted["AutoAssign"].per_second,
          [&](int64_t calls) { return staffing.PrepareAutoAssign(calls); },
          [&] { return staffing.auto_assign_left(); }, staffing.AutoAssign());
    }
    if (!measured.ok()) {
      std::fprintf(stderr, "staffing: %s\n", std::string(measured.message()).c_str());
      return 1;
    }
    if (staffing.shortfalls() > 0) {
      std::printf("staffing: %lld AutoAssign answers left a place open\n",
                  static_cast<long long>(staffing.shortfalls()));
    }
  }

  // 4. Inventory: a meeting's kit reserved, all or nothing, a write.
  {
    auto started = InventoryBench::Start(options.server, options.database.database);
    if (!started.ok()) {
      std::fprintf(stderr, "cannot start inventory: %s\n",
                   std::string(started.status().message()).c_str());
      return 1;
    }
    hosts.inventory = *std::move(started);
    InventoryBench& inventory = *hosts.inventory;
    if (absl::Status status = CountStatements(
            options.database, {{"ReserveKit", inventory.ReserveKit()}}, counted, &statement_counts);
        !status.ok()) {
      std::fprintf(stderr, "inventory: %s\n", std::string(status.message()).c_str());
      return 1;
    }
    for (int n : {1, 16}) {
      report.Add({"inventory", "ReserveKit",
                  RunLoad(WithCallers(sizes.plan, n), inventory.ReserveKit()), kSql,
                  report.PerSecond(kSql, n), "", "a kit of 5 items for 20 participants"});
    }
  }

  // 5. Booking's event stream, followed while meetings are created.
  for (int n : {1, 16}) {
    EventStreamResult events = MeasureEventStream(booking, WithCallers(sizes.plan, n));
    const std::string created = "CreateMeeting, followed by a StreamEvents client";
    report.Add({"events", created, std::move(events.created), "", 0, "", ""});
    report.Add({"events", "StreamEvents: MeetingSubmitted received", std::move(events.received),
                "meetings created", report.PerSecond(created, n), "",
                absl::StrCat("events/s; p50/p95/p99: lag from CreateMeeting's answer to the "
                             "event's receipt (",
                             events.before_answer, " came before their answer: lag 0)")});
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

  // 7. Safety's CheckRoomClearance (booking asks it before every confirm), with --rows
  // records per table.
  {
    auto started =
        SafetyBench::Start(options.server, absl::StrCat(options.database.database, "_clearance"));
    if (!started.ok()) {
      std::fprintf(stderr, "cannot start safety: %s\n",
                   std::string(started.status().message()).c_str());
      return 1;
    }
    hosts.safety = *std::move(started);
    SafetyBench& safety = *hosts.safety;
    if (absl::Status status =
            CountStatements(options.database, {{"CheckRoomClearance", safety.CheckRoomClearance()}},
                            counted, &statement_counts);
        !status.ok()) {
      std::fprintf(stderr, "safety: %s\n", std::string(status.message()).c_str());
      return 1;
    }
    const absl::Time safety_start = absl::Now();
    if (absl::Status loaded = safety.LoadRecords(options.rows); !loaded.ok()) {
      std::fprintf(stderr, "loading safety records: %s\n", std::string(loaded.message()).c_str());
      return 1;
    }
    std::printf("loaded %d hazards, inspection tasks and disinfection tasks in %.1f s\n",
                options.rows, absl::ToDoubleSeconds(absl::Now() - safety_start));
    const std::string safety_section = absl::StrCat("safety, ", options.rows, " records per table");
    for (int n : {1, 16}) {
      const int64_t blocked = safety.blocked();
      const int64_t answered = safety.answered();
      LoadResult result = RunLoad(WithCallers(sizes.plan, n), safety.CheckRoomClearance());
      const int64_t all = safety.answered() - answered;
      report.Add({safety_section, "CheckRoomClearance", std::move(result), kEcho,
                  report.PerSecond(kEcho, n), n == 1 ? "p99 ≤ 2 ms at 1" : "",
                  absl::StrCat(ReadCeiling(report, n, counted["CheckRoomClearance"].statements),
                               "; ", all > 0 ? 100 * (safety.blocked() - blocked) / all : 0,
                               " % of answers not clear")});
    }
  }

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
      absl::StrCat("SQL statements per call, counted by the server over 200 calls made one at a "
                   "time: ",
                   statement_counts),
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
