#include "common/audit/list_audit_records.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/api/field_checks.h"
#include "common/api/page_token.h"
#include "common/api/timestamp.h"
#include "common/status/errors.h"

namespace huiwu::audit {
namespace {

// What a page token is bound to: the same filters, or the token is refused.
std::string FilterText(const ListRequestFields& request) {
  return absl::StrCat("start=", request.has_start_time ? request.start_time.seconds() : -1, ".",
                      request.start_time.nanos(),
                      ";end=", request.has_end_time ? request.end_time.seconds() : -1, ".",
                      request.end_time.nanos(), ";caller=", request.caller.size(), ":",
                      request.caller, ";method=", request.method.size(), ":", request.method,
                      ";resource=", request.resource.size(), ":", request.resource);
}

}  // namespace

absl::StatusOr<RecordQuery> ParseListRequest(const ListRequestFields& request) {
  api::FieldChecks checks;
  RecordQuery query;
  query.limit = checks.PageSize("page_size", request.page_size, kDefaultPageSize, kMaxPageSize);
  if (request.has_start_time) {
    std::optional<absl::Time> start = checks.Time("start_time", true, request.start_time);
    if (start.has_value()) query.start_time = *start;
  }
  if (request.has_end_time) {
    std::optional<absl::Time> end = checks.Time("end_time", true, request.end_time);
    if (end.has_value()) query.end_time = *end;
  }
  if (query.start_time.has_value() && query.end_time.has_value() &&
      *query.end_time <= *query.start_time) {
    checks.Add("end_time", "must be after start_time; swap them or widen the range");
  }
  const std::pair<const char*, const std::string*> filters[] = {
      {"caller", &request.caller}, {"method", &request.method}, {"resource", &request.resource}};
  for (const auto& [field, value] : filters) {
    if (!value->empty()) checks.Text(field, *value, 1, kMaxFilterCharacters);
  }
  query.caller = request.caller;
  query.method = request.method;
  query.resource = request.resource;

  absl::StatusOr<std::vector<std::string>> key =
      api::DecodePageToken("page_token", request.page_token, FilterText(request), 2);
  if (!key.ok()) {
    checks.AddFrom(key.status());
  } else if (!key->empty()) {
    int64_t micros = 0;
    uint64_t id = 0;
    if (!absl::SimpleAtoi((*key)[0], &micros) || !absl::SimpleAtoi((*key)[1], &id)) {
      checks.Add("page_token", "malformed; pass next_page_token unchanged, or omit it");
    } else {
      query.before = std::make_pair(absl::FromUnixMicros(micros), id);
    }
  }
  if (!checks.ok()) return checks.status();
  return query;
}

absl::StatusOr<std::string> ListPage(db::ConnectionPool& pool, const ListRequestFields& request,
                                     RecordQuery query,
                                     std::vector<common::v1::AuditRecord>& records) {
  const int page_size = query.limit;
  query.limit = page_size + 1;  // one more tells whether there is a next page
  absl::StatusOr<std::vector<StoredRecord>> stored = ListRecords(pool, query);
  if (!stored.ok()) return stored.status();
  const bool more = static_cast<int>(stored->size()) > page_size;
  if (more) stored->pop_back();
  for (const StoredRecord& s : *stored) {
    common::v1::AuditRecord& record = records.emplace_back();
    record.set_name(absl::StrCat("auditRecords/", s.id));
    *record.mutable_record_time() = api::ToTimestamp(s.record_time);
    record.set_caller(s.record.caller);
    record.set_person(s.record.person);
    record.set_method(s.record.method);
    record.set_resource(s.record.resource);
    record.set_request_id(s.record.request_id);
    record.set_outcome(s.record.outcome);
    record.set_reason(s.record.reason);
  }
  if (!more) return std::string();
  const StoredRecord& last = stored->back();
  return api::EncodePageToken(
      FilterText(request),
      {absl::StrCat(absl::ToUnixMicros(last.record_time)), absl::StrCat(last.id)});
}

}  // namespace huiwu::audit
