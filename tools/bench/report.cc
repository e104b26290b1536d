#include "tools/bench/report.h"

#include <cstdio>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace huiwu::bench {
namespace {

std::string Milliseconds(absl::Duration d) {
  return absl::StrFormat("%.2f", absl::ToDoubleMilliseconds(d));
}

std::string Ratio(const ReportRow& row) {
  if (row.baseline.empty() || row.baseline_per_second <= 0) return "";
  return absl::StrFormat("%.2f× %s", row.result.PerSecond() / row.baseline_per_second,
                         row.baseline);
}

std::string Line(const ReportRow& row) {
  const LoadResult& r = row.result;
  // A row of single rounds (the hot room) has no rate.
  const std::string rate =
      r.elapsed > absl::ZeroDuration() ? absl::StrFormat("%.0f", r.PerSecond()) : "";
  return absl::StrCat("| ", row.section, " | ", row.path, " | ", r.callers, " | ", rate, " | ",
                      Milliseconds(r.latencies.Quantile(0.50)), " | ",
                      Milliseconds(r.latencies.Quantile(0.95)), " | ",
                      Milliseconds(r.latencies.Quantile(0.99)), " | ", r.ErrorsText(), " | ",
                      Ratio(row), " | ", row.target, " | ", row.note, " |");
}

}  // namespace

void Report::Add(ReportRow row) {
  std::printf("%s\n", Line(row).c_str());
  std::fflush(stdout);
  rows_.push_back(std::move(row));
}

double Report::PerSecond(absl::string_view path, int callers) const {
  for (const ReportRow& row : rows_) {
    if (row.path == path && row.result.callers == callers) return row.result.PerSecond();
  }
  return 0.0;
}

std::string Report::Markdown(const std::vector<std::string>& facts) const {
  std::string out = "# huiwu benchmark\n\n";
  for (const std::string& fact : facts) absl::StrAppend(&out, "- ", fact, "\n");
  absl::StrAppend(&out,
                  "\n| Section | Path | Callers | Calls/s | p50 ms | p95 ms | p99 ms | Errors | "
                  "Ratio to baseline | Target | Note |\n",
                  "|---|---|---:|---:|---:|---:|---:|---|---|---|---|\n");
  for (const ReportRow& row : rows_) absl::StrAppend(&out, Line(row), "\n");
  return out;
}

std::vector<std::string> Report::UnexpectedErrors() const {
  std::vector<std::string> out;
  for (const ReportRow& row : rows_) {
    for (const auto& [label, count] : row.result.errors) {
      if (absl::StartsWith(label, "RESOURCE_EXHAUSTED") ||
          absl::StartsWith(label, "DEADLINE_EXCEEDED")) {
        continue;
      }
      out.push_back(
          absl::StrCat(row.path, " (", row.result.callers, " callers): ", label, " ", count));
    }
  }
  return out;
}

}  // namespace huiwu::bench
