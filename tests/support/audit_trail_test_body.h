// The audit checks every service's test runs on one of its create methods: exactly one
// OK record naming the created resource, none more for a replay, and a request_id reused
// with another body refused (INVALID_ARGUMENT naming request_id) with no OK record.
#ifndef HUIWU_TESTS_SUPPORT_AUDIT_TRAIL_TEST_BODY_H_
#define HUIWU_TESTS_SUPPORT_AUDIT_TRAIL_TEST_BODY_H_

#include <functional>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/support/audit_trail.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {

// `create(request_id, variant)` makes the create call: the same variant is the same body.
// `trail()` lists the service's records of that method.
inline void ExpectCreateAuditedOnceAndReuseRefused(
    const std::function<grpc::Status(const std::string&, int)>& create,
    const std::function<std::vector<common::v1::AuditRecord>()>& trail,
    const std::string& full_method, const std::string& resource_prefix) {
  ASSERT_TRUE(create("audit-req-1", 0).ok());
  std::vector<common::v1::AuditRecord> records = trail();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].method(), full_method);
  EXPECT_EQ(records[0].resource().rfind(resource_prefix, 0), 0u) << records[0].resource();
  EXPECT_EQ(records[0].request_id(), "audit-req-1");
  EXPECT_EQ(records[0].outcome(), "OK");
  EXPECT_FALSE(records[0].caller().empty());

  ASSERT_TRUE(create("audit-req-1", 0).ok());  // a retry: the first result
  EXPECT_EQ(trail().size(), 1u);

  const grpc::Status reused = create("audit-req-1", 1);
  ASSERT_EQ(reused.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << reused.error_message();
  EXPECT_NE(reused.error_message().find("request_id already used for a different request"),
            std::string::npos)
      << reused.error_message();
  EXPECT_EQ(DetailsOf(reused).violated_fields, std::vector<std::string>{"request_id"});
  records = trail();
  EXPECT_EQ(OkRecords(records).size(), 1u);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].outcome(), "INVALID_ARGUMENT");
}

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_SUPPORT_AUDIT_TRAIL_TEST_BODY_H_
