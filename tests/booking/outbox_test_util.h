// The events booking wrote to its outbox (common/events/outbox.h), read back from the
// test database in the order they were written.
#ifndef HUIWU_TESTS_BOOKING_OUTBOX_TEST_UTIL_H_
#define HUIWU_TESTS_BOOKING_OUTBOX_TEST_UTIL_H_

#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "gtest/gtest.h"
#include "tests/support/test_database.h"

namespace huiwu::testing {

struct OutboxRow {
  std::string type;  // without "huiwu.booking.v1."
  std::vector<std::string> subjects;
  std::string payload;  // the serialized message
  std::string full_type;

  template <typename T>
  T PayloadAs() const {
    T message;
    EXPECT_EQ(full_type, T::descriptor()->full_name());
    EXPECT_TRUE(message.ParseFromString(payload)) << full_type;
    return message;
  }
};

// Every event in the outbox, oldest first. Subjects and payload travel as hex so that no
// byte of them collides with QueryRows' column separator.
inline std::vector<OutboxRow> ReadOutbox(TestDatabase& database) {
  std::vector<OutboxRow> events;
  for (const std::string& row : database.QueryRows(
           "SELECT type, HEX(subjects), HEX(payload) FROM event_outbox ORDER BY id")) {
    std::vector<std::string> columns = absl::StrSplit(row, '|');
    EXPECT_EQ(columns.size(), 3u) << row;
    if (columns.size() != 3) continue;
    OutboxRow event;
    event.full_type = columns[0];
    event.type = std::string(absl::StripPrefix(columns[0], "huiwu.booking.v1."));
    event.subjects = absl::StrSplit(absl::HexStringToBytes(columns[1]), '\n', absl::SkipEmpty());
    event.payload = absl::HexStringToBytes(columns[2]);
    events.push_back(std::move(event));
  }
  return events;
}

// The types of the events, oldest first, without "huiwu.booking.v1.".
inline std::vector<std::string> OutboxTypes(TestDatabase& database) {
  std::vector<std::string> types;
  for (const OutboxRow& event : ReadOutbox(database)) types.push_back(event.type);
  return types;
}

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_BOOKING_OUTBOX_TEST_UTIL_H_
