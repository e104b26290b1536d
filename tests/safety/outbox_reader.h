// Safety's events as they stand in the test database's outbox (event_outbox), in
// insertion order, with their payloads decoded: what StreamEvents would send.
#ifndef HUIWU_TESTS_SAFETY_OUTBOX_READER_H_
#define HUIWU_TESTS_SAFETY_OUTBOX_READER_H_

#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "tests/support/test_database.h"

namespace huiwu::testing {

struct OutboxEvent {
  std::string type;
  std::vector<std::string> subjects;
  std::string payload;  // the serialized message of `type`

  template <typename T>
  T As() const {
    T message;
    EXPECT_EQ(type, T::descriptor()->full_name());
    EXPECT_TRUE(message.ParseFromString(payload)) << type;
    return message;
  }
};

inline std::vector<OutboxEvent> ReadOutbox(TestDatabase& database) {
  std::vector<OutboxEvent> events;
  // Hex, so the payload's bytes survive QueryRows's '|'-joined text.
  for (const std::string& row :
       database.QueryRows("SELECT type, subjects, HEX(payload) FROM event_outbox ORDER BY id")) {
    std::vector<std::string> columns = absl::StrSplit(row, '|');
    EXPECT_EQ(columns.size(), 3u) << row;
    if (columns.size() != 3) continue;
    events.push_back(OutboxEvent{columns[0], absl::StrSplit(columns[1], '\n', absl::SkipEmpty()),
                                 absl::HexStringToBytes(columns[2])});
  }
  return events;
}

// The types of `events`, in order.
inline std::vector<std::string> TypesOf(const std::vector<OutboxEvent>& events) {
  std::vector<std::string> types;
  for (const OutboxEvent& e : events) types.push_back(e.type);
  return types;
}

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_SAFETY_OUTBOX_READER_H_
