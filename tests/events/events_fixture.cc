#include "tests/events/events_fixture.h"

#include "absl/time/clock.h"
#include "common/db/transaction.h"
#include "common/events/outbox.h"
#include "huiwu/booking/v1/events.pb.h"
#include "tests/support/service_fixture.h"

namespace huiwu::testing {
namespace {

class NoApi final : public grpc::Service {};

}  // namespace

server::ServiceSpec BareServiceSpec() {
  server::ServiceSpec spec;
  spec.name = "testsvc";
  spec.grpc_service_name = "huiwu.test.NoApi";
  spec.default_database = "unused";
  spec.make_service = [](server::ServiceContext&) { return std::make_unique<NoApi>(); };
  return spec;
}

void EventsTest::SetUp() {
  auto host = StartTestHost(BareServiceSpec(), database_.config());
  ASSERT_TRUE(host.ok()) << host.status();
  host_ = std::move(host).value();
  pool_ = std::make_unique<db::ConnectionPool>(database_.config(), nullptr);
  stub_ = huiwu::events::v1::EventService::NewStub(NewTestChannel(host_->grpc_port()));
}

void EventsTest::TearDown() {
  stub_.reset();
  if (host_ != nullptr) host_->Shutdown(absl::Seconds(1));
  host_.reset();
}

absl::Status PublishLabel(db::ConnectionPool& pool, const std::string& label,
                          const std::vector<std::string>& subjects) {
  huiwu::booking::v1::RoomDeleted payload;
  payload.set_room(label);
  return db::InTransaction(pool, "TestPublish", [&](db::Connection& c) {
    events::Publish(c, payload, subjects, absl::Now());
    return absl::OkStatus();
  });
}

std::vector<huiwu::events::v1::Event> ReadEvents(
    grpc::ClientReaderInterface<huiwu::events::v1::StreamEventsResponse>& reader, size_t count) {
  std::vector<huiwu::events::v1::Event> events;
  huiwu::events::v1::StreamEventsResponse response;
  while (events.size() < count && reader.Read(&response)) {
    for (const auto& event : response.events()) events.push_back(event);
  }
  return events;
}

std::string LabelOf(const huiwu::events::v1::Event& event) {
  huiwu::booking::v1::RoomDeleted payload;
  if (!event.payload().UnpackTo(&payload)) return "<not RoomDeleted: " + event.type() + ">";
  return payload.room();
}

}  // namespace huiwu::testing
