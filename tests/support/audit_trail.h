// Reading a service's audit trail through its ListAuditRecords, as an operator does.
// Every service's request and response have the same fields, so one template serves all.
#ifndef HUIWU_TESTS_SUPPORT_AUDIT_TRAIL_H_
#define HUIWU_TESTS_SUPPORT_AUDIT_TRAIL_H_

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "huiwu/common/v1/audit.pb.h"
#include "tests/support/call_context.h"

namespace huiwu::testing {

// Every record (all pages, newest first), optionally of one method (its short name).
template <typename Request, typename Response, typename Stub>
std::vector<common::v1::AuditRecord> AuditTrail(Stub& stub, const std::string& service,
                                                const std::string& method = "") {
  std::vector<common::v1::AuditRecord> records;
  Request request;
  request.set_page_size(50);
  if (!method.empty()) request.set_method("/" + service + "/" + method);
  for (;;) {
    Response response;
    grpc::Status status = stub.ListAuditRecords(CallContext().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    if (!status.ok()) break;
    for (const auto& record : response.audit_records()) records.push_back(record);
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  return records;
}

// The records with outcome OK.
inline std::vector<common::v1::AuditRecord> OkRecords(
    const std::vector<common::v1::AuditRecord>& records) {
  std::vector<common::v1::AuditRecord> ok;
  for (const auto& record : records) {
    if (record.outcome() == "OK") ok.push_back(record);
  }
  return ok;
}

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_SUPPORT_AUDIT_TRAIL_H_
