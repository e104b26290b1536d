// ListAuditRecords, the same in every service: each service's proto has its own
// ListAuditRecordsRequest/Response (buf STANDARD: one request and response type per
// RPC) with the same fields, so one template serves all four.
#ifndef HUIWU_COMMON_AUDIT_LIST_AUDIT_RECORDS_H_
#define HUIWU_COMMON_AUDIT_LIST_AUDIT_RECORDS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/audit/audit_table.h"
#include "common/db/pool.h"
#include "google/protobuf/timestamp.pb.h"
#include "huiwu/common/v1/audit.pb.h"

namespace huiwu::audit {

inline constexpr int kDefaultPageSize = 100;
inline constexpr int kMaxPageSize = 500;
inline constexpr int kMaxFilterCharacters = 300;

// The request's fields, whatever its service.
struct ListRequestFields {
  int page_size = 0;
  std::string page_token;
  bool has_start_time = false;
  google::protobuf::Timestamp start_time;
  bool has_end_time = false;
  google::protobuf::Timestamp end_time;
  std::string caller;
  std::string method;
  std::string resource;
};

// The query, or INVALID_ARGUMENT naming every bad field.
absl::StatusOr<RecordQuery> ParseListRequest(const ListRequestFields& request);

// Reads one page (`query.limit` records) into `records`; returns the next page token
// (empty on the last page).
absl::StatusOr<std::string> ListPage(db::ConnectionPool& pool, const ListRequestFields& request,
                                     RecordQuery query,
                                     std::vector<common::v1::AuditRecord>& records);

template <typename Request, typename Response>
absl::Status ServeListAuditRecords(db::ConnectionPool& pool, const Request& request,
                                   Response* response) {
  ListRequestFields fields{request.page_size(),  request.page_token(),   request.has_start_time(),
                           request.start_time(), request.has_end_time(), request.end_time(),
                           request.caller(),     request.method(),       request.resource()};
  absl::StatusOr<RecordQuery> query = ParseListRequest(fields);
  if (!query.ok()) return query.status();
  std::vector<common::v1::AuditRecord> records;
  absl::StatusOr<std::string> next = ListPage(pool, fields, *query, records);
  if (!next.ok()) return next.status();
  for (common::v1::AuditRecord& record : records) {
    *response->add_audit_records() = std::move(record);
  }
  response->set_next_page_token(*next);
  return absl::OkStatus();
}

}  // namespace huiwu::audit

#endif  // HUIWU_COMMON_AUDIT_LIST_AUDIT_RECORDS_H_
