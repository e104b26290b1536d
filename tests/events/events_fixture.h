// A bare service host (no API of its own, only what every host serves: health and the
// event stream) on a fresh database, with a pool of the test's own to publish events as
// a service's store would, inside transactions.
#ifndef HUIWU_TESTS_EVENTS_EVENTS_FIXTURE_H_
#define HUIWU_TESTS_EVENTS_EVENTS_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "common/db/pool.h"
#include "common/server/service_host.h"
#include "huiwu/events/v1/events.grpc.pb.h"
#include "tests/support/test_database.h"

namespace huiwu::testing {

// A service with no API of its own: its host serves only health and the event stream.
server::ServiceSpec BareServiceSpec();

// Commits one event through `pool` whose payload is huiwu.booking.v1.RoomDeleted{room:
// `label`} (any message does), concerning `subjects`.
absl::Status PublishLabel(db::ConnectionPool& pool, const std::string& label,
                          const std::vector<std::string>& subjects = {});

// The label of an event PublishLabel committed.
std::string LabelOf(const huiwu::events::v1::Event& event);

// Reads from `reader` until `count` events arrived or the stream ends.
std::vector<huiwu::events::v1::Event> ReadEvents(
    grpc::ClientReaderInterface<huiwu::events::v1::StreamEventsResponse>& reader, size_t count);

class EventsTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  void PublishCommitted(const std::string& label, const std::vector<std::string>& subjects = {}) {
    absl::Status status = PublishLabel(*pool_, label, subjects);
    ASSERT_TRUE(status.ok()) << status;
  }

  std::string address() const { return "127.0.0.1:" + std::to_string(host_->grpc_port()); }

  TestDatabase database_;
  std::unique_ptr<server::ServiceHost> host_;
  std::unique_ptr<db::ConnectionPool> pool_;
  std::unique_ptr<huiwu::events::v1::EventService::Stub> stub_;
};

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_EVENTS_EVENTS_FIXTURE_H_
