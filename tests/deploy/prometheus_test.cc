// The deployment's Prometheus side, for real: the four service binaries (tests/e2e's
// Suite) seeded with the center's demo data, and Debian's Prometheus scraping them with
// the deployment's alert rules through the config scripts/run.sh uses. Through
// Prometheus's HTTP API: every service is up, every huiwu_ domain gauge has a value,
// every rule evaluates, and every expression of every dashboard panel evaluates.
#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/e2e/suite.h"
#include "tests/support/child_process.h"
#include "tests/support/http_get.h"
#include "tests/support/poll.h"

namespace huiwu::testing {
namespace {

namespace fs = std::filesystem;
using google::protobuf::ListValue;
using google::protobuf::Struct;
using google::protobuf::Value;

constexpr absl::Duration kScrapeTimeout = absl::Seconds(60);

// Every domain gauge the services export (README "Observe").
const std::vector<std::string>& DomainGauges() {
  static const std::vector<std::string> names{
      "huiwu_booking_meetings_today",    "huiwu_booking_rooms_in_use",
      "huiwu_staffing_staff_on_leave",   "huiwu_staffing_staff_on_call",
      "huiwu_inventory_low_stock_items", "huiwu_inventory_keys_out",
      "huiwu_inventory_keys_overdue",    "huiwu_safety_hazards_open",
      "huiwu_safety_hazards_overdue",    "huiwu_safety_disinfections_overdue"};
  return names;
}

std::optional<Struct> ParseJson(const std::string& text) {
  Struct parsed;
  if (!google::protobuf::util::JsonStringToMessage(text, &parsed).ok()) return std::nullopt;
  return parsed;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string UrlEncode(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      absl::StrAppend(&out, "%", absl::Hex(c, absl::kZeroPad2));
    }
  }
  return out;
}

// Every panel of a dashboard, rows' nested panels included.
void CollectPanels(const ListValue& panels, std::vector<const Struct*>* out) {
  for (const Value& panel : panels.values()) {
    out->push_back(&panel.struct_value());
    auto nested = panel.struct_value().fields().find("panels");
    if (nested != panel.struct_value().fields().end()) {
      CollectPanels(nested->second.list_value(), out);
    }
  }
}

struct PanelExpression {
  std::string dashboard;
  std::string panel;
  std::string expr;  // Grafana's variables replaced
};

// The expressions of every panel of `dashboard_json`, with Grafana's interval variables
// as 1m and the dashboard's own variables as "any value" (.+).
std::vector<PanelExpression> DashboardExpressions(const std::string& file,
                                                  const Struct& dashboard) {
  std::vector<std::pair<std::string, std::string>> variables{
      {"$__rate_interval", "1m"}, {"$__interval", "1m"}, {"$__range", "1m"}};
  auto templating = dashboard.fields().find("templating");
  if (templating != dashboard.fields().end()) {
    for (const Value& variable :
         templating->second.struct_value().fields().at("list").list_value().values()) {
      const std::string name = variable.struct_value().fields().at("name").string_value();
      variables.push_back({absl::StrCat("${", name, "}"), ".+"});
      variables.push_back({absl::StrCat("$", name), ".+"});
    }
  }
  std::vector<const Struct*> panels;
  CollectPanels(dashboard.fields().at("panels").list_value(), &panels);
  std::vector<PanelExpression> expressions;
  for (const Struct* panel : panels) {
    auto targets = panel->fields().find("targets");
    if (targets == panel->fields().end()) continue;
    for (const Value& target : targets->second.list_value().values()) {
      std::string expr = target.struct_value().fields().at("expr").string_value();
      for (const auto& [from, to] : variables) absl::StrReplaceAll({{from, to}}, &expr);
      expressions.push_back({file, panel->fields().at("title").string_value(), expr});
    }
  }
  return expressions;
}

class PrometheusTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / absl::StrCat("huiwu-prometheus-", getpid());
    fs::create_directories(dir_);
    // A gauge refresh every second, so that the seed shows within a scrape or two.
    ASSERT_TRUE(suite_.StartAll({"--metrics_port=0", "--gauge_interval=1s"}))
        << suite_.Log("booking") << suite_.Log("staffing") << suite_.Log("inventory")
        << suite_.Log("safety");
    std::string seed_log;
    ASSERT_TRUE(suite_.Seed(&seed_log)) << seed_log;

    std::vector<std::string> config_args{
        "/bin/bash",
        "-c",
        "source \"$0\" && prometheus_local_config \"$@\"",
        absl::StrCat(HUIWU_SOURCE_DIR, "/scripts/lib/prometheus.sh"),
        (dir_ / "prometheus.yml").string(),
        absl::StrCat(HUIWU_SOURCE_DIR, "/deploy/prometheus/rules"),
        "1s"};
    for (const std::string& service : Suite::Services()) {
      std::optional<int> port = suite_.metrics_port(service);
      ASSERT_TRUE(port.has_value()) << suite_.Log(service);
      config_args.push_back(absl::StrCat(service, "=127.0.0.1:", *port));
    }
    ChildProcess config(config_args, {});
    ASSERT_EQ(config.WaitForExit(absl::Seconds(30)), 0) << config.Log();

    prometheus_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{HUIWU_PROMETHEUS_BINARY,
                                 absl::StrCat("--config.file=", (dir_ / "prometheus.yml").string()),
                                 absl::StrCat("--storage.tsdb.path=", (dir_ / "data").string()),
                                 "--web.listen-address=127.0.0.1:0", "--log.format=json"},
        std::map<std::string, std::string>{});
    // Port 0: Prometheus logs the address it got (JSON lines with "msg", not our "event").
    std::optional<std::string> address;
    PollUntil(
        [&] {
          std::istringstream lines(prometheus_->Log());
          for (std::string line; std::getline(lines, line);) {
            if (line.find(R"("msg":"Listening on")") == std::string::npos) continue;
            std::optional<Struct> fields = ParseJson(line);
            if (fields.has_value() && fields->fields().count("address") > 0) {
              address = fields->fields().at("address").string_value();
              return true;
            }
          }
          return !prometheus_->Running();
        },
        absl::Seconds(30));
    ASSERT_TRUE(address.has_value()) << prometheus_->Log();
    ASSERT_TRUE(absl::SimpleAtoi(address->substr(address->rfind(':') + 1), &port_)) << *address;
  }

  void TearDown() override {
    prometheus_.reset();  // SIGKILLed by ChildProcess if still running
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  // GET /api/v1/<path>; the parsed answer, or nullopt when it is not JSON.
  std::optional<Struct> Api(const std::string& path) {
    return ParseJson(HttpGet(port_, absl::StrCat("/api/v1/", path)));
  }

  // An instant query; the result vector, or nullopt with `error` set when it fails.
  std::optional<ListValue> Query(const std::string& expr, std::string* error = nullptr) {
    std::optional<Struct> answer = Api(absl::StrCat("query?query=", UrlEncode(expr)));
    if (!answer.has_value()) {
      if (error != nullptr) *error = "no JSON answer";
      return std::nullopt;
    }
    if (answer->fields().at("status").string_value() != "success") {
      if (error != nullptr) *error = answer->fields().at("error").string_value();
      return std::nullopt;
    }
    const Struct& data = answer->fields().at("data").struct_value();
    if (data.fields().at("resultType").string_value() != "vector") return ListValue();
    return data.fields().at("result").list_value();
  }

  // The value of a one-sample result, e.g. of count(…).
  std::optional<double> Scalar(const std::string& expr) {
    std::optional<ListValue> result = Query(expr);
    if (!result.has_value() || result->values_size() != 1) return std::nullopt;
    double value = 0;
    const ListValue& sample = result->values(0).struct_value().fields().at("value").list_value();
    if (!absl::SimpleAtod(sample.values(1).string_value(), &value)) return std::nullopt;
    return value;
  }

  fs::path dir_;
  Suite suite_;
  std::unique_ptr<ChildProcess> prometheus_;
  int port_ = 0;
};

TEST_F(PrometheusTest, ScrapesTheSuiteAndEvaluatesEveryRuleAndDashboardPanel) {
  // Every service up.
  EXPECT_TRUE(PollUntil(
      [&] { return Scalar(R"(count(up{job=~"booking|staffing|inventory|safety"} == 1))") == 4.0; },
      kScrapeTimeout, absl::Milliseconds(250)))
      << HttpGet(port_, "/api/v1/query?query=up") << prometheus_->Log();

  // Every domain gauge has a value (the label values of a labelled one at 0 at least).
  for (const std::string& gauge : DomainGauges()) {
    EXPECT_TRUE(PollUntil([&] { return Scalar(absl::StrCat("count(", gauge, ")")) >= 1.0; },
                          kScrapeTimeout, absl::Milliseconds(250)))
        << gauge << " has no value in Prometheus";
  }
  EXPECT_EQ(Scalar(R"(huiwu_safety_hazards_open{severity="critical"})"), 0.0);

  // The deployment's rules are loaded and every one evaluates against real series.
  std::set<std::string> unhealthy;
  size_t rules = 0;
  ASSERT_TRUE(PollUntil(
      [&] {
        std::optional<Struct> answer = Api("rules");
        if (!answer.has_value()) return false;
        unhealthy.clear();
        rules = 0;
        for (const Value& group : answer->fields()
                                      .at("data")
                                      .struct_value()
                                      .fields()
                                      .at("groups")
                                      .list_value()
                                      .values()) {
          for (const Value& rule :
               group.struct_value().fields().at("rules").list_value().values()) {
            ++rules;
            const auto& fields = rule.struct_value().fields();
            if (fields.at("health").string_value() != "ok") {
              unhealthy.insert(absl::StrCat(fields.at("name").string_value(), ": ",
                                            fields.at("health").string_value()));
            }
          }
        }
        return rules > 0 && unhealthy.empty();
      },
      kScrapeTimeout, absl::Milliseconds(250)))
      << rules << " rules; unhealthy: " << ::testing::PrintToString(unhealthy);
  EXPECT_GE(rules, 16u);

  // Every panel of both dashboards evaluates, and names only metrics that exist (a
  // misspelt metric would evaluate, to nothing). mysqld_exporter's and ALERTS are not in
  // a local run.
  std::set<std::string> names;
  {
    std::optional<Struct> answer = Api("label/__name__/values");
    ASSERT_TRUE(answer.has_value());
    for (const Value& name : answer->fields().at("data").list_value().values()) {
      names.insert(name.string_value());
    }
  }
  int expressions = 0;
  for (const char* file : {"huiwu-services.json", "huiwu-today.json"}) {
    const fs::path path = fs::path(HUIWU_SOURCE_DIR) / "deploy/grafana/dashboards" / file;
    std::optional<Struct> dashboard = ParseJson(ReadFile(path));
    ASSERT_TRUE(dashboard.has_value()) << path << " is not JSON";
    for (const PanelExpression& e : DashboardExpressions(file, *dashboard)) {
      ++expressions;
      EXPECT_EQ(e.expr.find('$'), std::string::npos)
          << e.dashboard << " / " << e.panel << ": a Grafana variable left in " << e.expr;
      std::string error;
      EXPECT_TRUE(Query(e.expr, &error).has_value())
          << e.dashboard << " / " << e.panel << ": " << e.expr << " → " << error;
      for (size_t at = e.expr.find("huiwu_"); at != std::string::npos;
           at = e.expr.find("huiwu_", at + 1)) {
        if (at > 0 && (std::isalnum(e.expr[at - 1]) || e.expr[at - 1] == '_')) continue;
        size_t end = at;
        while (end < e.expr.size() && (std::isalnum(e.expr[end]) || e.expr[end] == '_')) ++end;
        const std::string metric = e.expr.substr(at, end - at);
        EXPECT_TRUE(names.count(metric) > 0)
            << e.dashboard << " / " << e.panel << ": no metric " << metric << " is exported";
      }
    }
  }
  EXPECT_GE(expressions, 30);
}

}  // namespace
}  // namespace huiwu::testing
