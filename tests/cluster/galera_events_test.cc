// The event stream on a real 3-node Galera cluster: events committed through nodes 0
// and 1 at the same time, numbered by sequencers racing on all three nodes, read from
// node 2 — every event once, cursors increasing, each writer's events in its commit
// order, and a resumed reader sees exactly the rest.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "tests/events/events_fixture.h"
#include "tests/support/galera_cluster.h"
#include "tests/support/service_fixture.h"

namespace huiwu::testing {
namespace {

using huiwu::events::v1::Event;

constexpr char kDatabase[] = "huiwu_events_galera";
constexpr int kPerWriter = 150;

TEST(GaleraEventsTest, ReaderOnAThirdNodeSeesEveryEventOnceInCommitOrder) {
  GaleraCluster cluster;
  // Node by node: migrations take a lock that is local to a node.
  std::vector<std::unique_ptr<server::ServiceHost>> hosts;
  for (int node = 0; node < GaleraCluster::kNodes; ++node) {
    auto host = StartTestHost(BareServiceSpec(), cluster.NodeConfig(node, kDatabase));
    ASSERT_TRUE(host.ok()) << "node " << node << ": " << host.status();
    hosts.push_back(std::move(host).value());
  }
  const int64_t refused_before = cluster.RefusedCommits(kDatabase);

  std::vector<std::thread> writers;
  for (int node : {0, 1}) {
    writers.emplace_back([&cluster, node] {
      db::ConnectionPool pool(cluster.NodeConfig(node, kDatabase), nullptr);
      for (int i = 0; i < kPerWriter; ++i) {
        absl::Status status = PublishLabel(pool, absl::StrCat(node, "-", i));
        ASSERT_TRUE(status.ok()) << status;
      }
    });
  }

  auto stub = huiwu::events::v1::EventService::NewStub(NewTestChannel(hosts[2]->grpc_port()));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(120));
  huiwu::events::v1::StreamEventsRequest request;
  auto reader = stub->StreamEvents(&context, request);
  std::vector<Event> events = ReadEvents(*reader, 2 * kPerWriter);
  for (std::thread& writer : writers) writer.join();
  context.TryCancel();
  reader->Finish().ok();

  ASSERT_EQ(events.size(), 2u * kPerWriter);
  std::set<std::string> labels;
  std::map<int, int> next_of_writer{{0, 0}, {1, 0}};
  for (size_t i = 0; i < events.size(); ++i) {
    if (i > 0) {
      EXPECT_GT(events[i].cursor(), events[i - 1].cursor());
    }
    const std::string label = LabelOf(events[i]);
    EXPECT_TRUE(labels.insert(label).second) << "twice: " << label;
    const int writer = label[0] - '0';
    EXPECT_EQ(label, absl::StrCat(writer, "-", next_of_writer[writer]++))
        << "a writer's events out of its commit order";
  }
  std::printf("galera events: %zu events, %lld commits refused by certification\n", events.size(),
              static_cast<long long>(cluster.RefusedCommits(kDatabase) - refused_before));

  // A reader that stopped halfway resumes, on another node, with exactly the rest.
  auto node0 = huiwu::events::v1::EventService::NewStub(NewTestChannel(hosts[0]->grpc_port()));
  grpc::ClientContext resumed_context;
  resumed_context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  request.set_after_cursor(events[kPerWriter - 1].cursor());
  auto resumed = node0->StreamEvents(&resumed_context, request);
  std::vector<Event> rest = ReadEvents(*resumed, kPerWriter);
  resumed_context.TryCancel();
  resumed->Finish().ok();
  ASSERT_EQ(rest.size(), static_cast<size_t>(kPerWriter));
  for (int i = 0; i < kPerWriter; ++i) {
    EXPECT_EQ(rest[i].cursor(), events[kPerWriter + i].cursor());
  }
  for (auto& host : hosts) host->Shutdown(absl::Seconds(1));
}

}  // namespace
}  // namespace huiwu::testing
