#include "tools/bench/inventory_bench.h"

#include <utility>

#include "absl/memory/memory.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/api/timestamp.h"
#include "services/inventory/inventory_spec.h"
#include "tools/bench/in_process.h"

namespace huiwu::bench {
namespace {

namespace v1 = inventory::v1;

constexpr struct {
  const char* id;
  const char* display_name;
  const char* unit;
} kItems[] = {{"bottled-water", "矿泉水", "瓶"},
              {"tea-bag", "茶包", "包"},
              {"paper-cup", "纸杯", "个"},
              {"notepad", "记事本", "本"},
              {"pen", "签字笔", "支"}};
constexpr int kRooms = 10;
constexpr int kParticipants = 20;
// The most one movement may post; each cabinet gets it of every item: 50,000 kits of 20.
constexpr int64_t kStockPerCabinet = 1000000;

std::string Cabinet(int64_t room) { return absl::StrCat("buildings/city-hall/rooms/r", room); }

}  // namespace

absl::StatusOr<std::unique_ptr<InventoryBench>> InventoryBench::Start(
    const config::ServerConfig& server, const std::string& prefix) {
  auto bench = absl::WrapUnique(new InventoryBench());
  const std::string database = absl::StrCat(prefix, "_inventory");
  const absl::Status dropped = DropDatabases(server.database, {database});
  if (!dropped.ok()) return dropped;
  auto host = server::ServiceHost::Start(inventory::InventoryServiceSpec(bench->clock_),
                                         InProcessConfig(server, database), absl::Seconds(30));
  if (!host.ok()) return host.status();
  bench->host_ = std::move(*host);
  bench->stub_ = v1::InventoryService::NewStub(LoopbackChannel(bench->host_->grpc_port()));
  bench->first_start_ = absl::Now() + absl::Hours(48);
  const absl::Status seeded = bench->Seed();
  if (!seeded.ok()) return seeded;
  return bench;
}

InventoryBench::~InventoryBench() { Shutdown(); }

void InventoryBench::Shutdown() {
  if (host_ != nullptr) host_->Shutdown(absl::Seconds(2));
}

absl::Status InventoryBench::Seed() {
  v1::CreateKitTemplateRequest kit_template;
  kit_template.set_kit_template_id("internal-standard");
  v1::KitTemplate* t = kit_template.mutable_kit_template();
  t->set_display_name("内部会议标准配置");
  t->set_meeting_kind(v1::MEETING_KIND_INTERNAL);
  t->set_min_participants(1);
  t->set_max_participants(50);
  for (const auto& item : kItems) {
    v1::CreateItemRequest create;
    create.set_item_id(item.id);
    create.mutable_item()->set_display_name(item.display_name);
    create.mutable_item()->set_unit(item.unit);
    create.mutable_item()->set_category(v1::ITEM_CATEGORY_CONSUMABLE);
    create.mutable_item()->set_unit_cost_fen(100);
    v1::CreateItemResponse created;
    grpc::Status status = stub_->CreateItem(CallContext().get(), create, &created);
    if (!status.ok()) return absl::InternalError("CreateItem: " + status.error_message());
    v1::KitTemplateLine* line = t->add_lines();
    line->set_item(created.item().name());
    line->set_per_participant(1);
    for (int room = 0; room < kRooms; ++room) {
      v1::RecordMovementRequest receive;
      receive.set_item(created.item().name());
      receive.set_location(Cabinet(room));
      receive.set_kind(v1::MOVEMENT_KIND_RECEIVE);
      receive.set_quantity(kStockPerCabinet);
      v1::RecordMovementResponse received;
      status = stub_->RecordMovement(CallContext().get(), receive, &received);
      if (!status.ok()) return absl::InternalError("RecordMovement: " + status.error_message());
    }
  }
  v1::CreateKitTemplateResponse created;
  const grpc::Status status = stub_->CreateKitTemplate(CallContext().get(), kit_template, &created);
  if (!status.ok()) return absl::InternalError("CreateKitTemplate: " + status.error_message());
  return absl::OkStatus();
}

CallFn InventoryBench::ReserveKit() {
  return [this](int, int64_t, std::string* label) {
    const int64_t k = next_meeting_.fetch_add(1);
    const absl::Time start = first_start_ + absl::Hours(2 * (k / kRooms));
    v1::ReserveKitRequest request;
    request.set_meeting(absl::StrCat("meetings/kit-", k));
    request.set_meeting_kind(v1::MEETING_KIND_INTERNAL);
    request.set_participant_count(kParticipants);
    request.set_room(Cabinet(k % kRooms));
    request.set_organizer_unit("办公室");
    *request.mutable_start_time() = api::ToTimestamp(start);
    *request.mutable_end_time() = api::ToTimestamp(start + absl::Hours(1));
    v1::ReserveKitResponse response;
    return Labelled(stub_->ReserveKit(CallContext().get(), request, &response), label);
  };
}

}  // namespace huiwu::bench
