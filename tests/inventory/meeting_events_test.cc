// Inventory follows booking's meetings: the handler the host runs for the "booking"
// subscription, called directly with the events booking publishes. Confirmed reserves
// the kit (once, however often the event comes), a shortage is kept and published, a
// move or a resize re-reserves, a cancellation gives everything back, a completion
// settles what was used — and the ledger still equals the balances.
#include <memory>

#include "common/api/timestamp.h"
#include "common/db/pool.h"
#include "common/server/call_gate.h"
#include "common/server/rate_limiter.h"
#include "common/server/service_host.h"
#include "common/status/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "huiwu/booking/v1/events.pb.h"
#include "huiwu/inventory/v1/events.pb.h"
#include "prometheus/registry.h"
#include "tests/inventory/inventory_test_util.h"
#include "tests/support/bad_input.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

namespace bk = booking::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kRoom302[] = "buildings/city-hall/rooms/302";
constexpr char kRoom310[] = "buildings/city-hall/rooms/310";

class MeetingEventsTest : public InventoryFixture {
 protected:
  void SetUp() override {
    InventoryFixture::SetUp();
    // The handler exactly as the host builds it for the "booking" subscription.
    const server::ServiceSpec spec = MakeSpec();
    ASSERT_EQ(spec.subscriptions.size(), 1u);
    const events::Subscription& subscription = spec.subscriptions[0];
    EXPECT_EQ(subscription.source, "booking");
    EXPECT_THAT(subscription.types, ::testing::Contains("huiwu.booking.v1.MeetingConfirmed"));
    EXPECT_THAT(subscription.types, ::testing::Contains("huiwu.booking.v1.MeetingCompleted"));
    pool_ = std::make_unique<db::ConnectionPool>(database_.config(), nullptr);
    limiter_ = std::make_unique<server::RateLimiter>(config_.rate_limit, clock_, nullptr);
    calls_ = std::make_unique<server::CallGate>("huiwu.inventory.v1.InventoryService",
                                                "inventory.huiwu", *pool_, *limiter_);
    context_ = std::make_unique<server::ServiceContext>(
        server::ServiceContext{config_, *pool_, registry_, *calls_});
    handle_ = subscription.make_handler(*context_);

    ASSERT_TRUE(
        CreateItem(*stub_, "bottled-water", "矿泉水", "瓶", inv::ITEM_CATEGORY_CONSUMABLE, 150)
            .ok());
    ASSERT_TRUE(CreateItem(*stub_, "tea", "茶叶", "包", inv::ITEM_CATEGORY_CONSUMABLE, 300).ok());
    ASSERT_TRUE(CreateItem(*stub_, "tea-set", "茶具", "套", inv::ITEM_CATEGORY_REUSABLE, 0).ok());
    for (const auto& [item, quantity] : std::vector<std::pair<std::string, int>>{
             {"bottled-water", 30}, {"tea", 20}, {"tea-set", 20}}) {
      ASSERT_TRUE(Receive(*stub_, item, kRoom301, quantity).ok());
      ASSERT_TRUE(Receive(*stub_, item, kRoom302, 100).ok());
    }
    CreateTemplate("internal-small", 1, 20, 1);
    CreateTemplate("internal-large", 21, 100, 2);
  }

  void TearDown() override {
    handle_ = nullptr;
    context_.reset();
    pool_.reset();
    InventoryFixture::TearDown();
  }

  // Water `water_each` per participant, one tea and one tea set each.
  void CreateTemplate(const std::string& id, int min, int max, int water_each) {
    inv::CreateKitTemplateRequest create;
    create.set_kit_template_id(id);
    inv::KitTemplate* t = create.mutable_kit_template();
    t->set_display_name(id);
    t->set_meeting_kind(inv::MEETING_KIND_INTERNAL);
    t->set_min_participants(min);
    t->set_max_participants(max);
    for (const auto& [item, each] : std::vector<std::pair<std::string, int>>{
             {"bottled-water", water_each}, {"tea", 1}, {"tea-set", 1}}) {
      inv::KitTemplateLine* line = t->add_lines();
      line->set_item("items/" + item);
      line->set_per_participant(each);
    }
    inv::CreateKitTemplateResponse created;
    grpc::Status status = stub_->CreateKitTemplate(CallContext().get(), create, &created);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  // A confirmed internal meeting tomorrow 09:00–11:00 (the center's zone).
  bk::Meeting Meeting(const std::string& id, int participants, const std::string& room = kRoom301,
                      bk::MeetingState state = bk::MEETING_STATE_CONFIRMED) {
    bk::Meeting meeting;
    meeting.set_name("meetings/" + id);
    meeting.set_title("周例会");
    meeting.set_kind(bk::MEETING_KIND_INTERNAL);
    meeting.set_organizer_unit("办公室");
    const absl::Time start = DefaultTestNow() + absl::Hours(24);
    *meeting.mutable_start_time() = api::ToTimestamp(start);
    *meeting.mutable_end_time() = api::ToTimestamp(start + absl::Hours(2));
    meeting.set_room(room);
    meeting.set_expected_participants(participants);
    meeting.set_state(state);
    return meeting;
  }

  // Booking's event of `meeting` as the consumer hands it over.
  template <typename Payload>
  events::v1::Event Event(const bk::Meeting& meeting) {
    Payload payload;
    *payload.mutable_meeting() = meeting;
    events::v1::Event event;
    event.set_cursor(++cursor_);
    event.set_type(Payload::descriptor()->full_name());
    event.set_source("booking");
    event.add_subjects(meeting.name());
    event.add_subjects(meeting.room());
    *event.mutable_commit_time() = api::ToTimestamp(clock_.Now());
    event.mutable_payload()->PackFrom(payload);
    return event;
  }

  template <typename Payload>
  absl::Status Handle(const bk::Meeting& meeting) {
    return handle_(Event<Payload>(meeting));
  }

  grpc::Status GetKit(const std::string& meeting_id, inv::Kit* kit) {
    inv::GetMeetingKitRequest request;
    request.set_name("meetings/" + meeting_id + "/kit");
    inv::GetMeetingKitResponse response;
    grpc::Status status = stub_->GetMeetingKit(CallContext().get(), request, &response);
    *kit = response.kit();
    return status;
  }

  inv::Kit KitOf(const std::string& meeting_id) {
    inv::Kit kit;
    grpc::Status status = GetKit(meeting_id, &kit);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return kit;
  }

  void IssueByHand(const std::string& meeting_id) {
    inv::IssueKitRequest request;
    request.set_name("meetings/" + meeting_id + "/kit");
    inv::IssueKitResponse response;
    grpc::Status status = stub_->IssueKit(CallContext().get(), request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  int64_t Count(const std::string& type) {
    return database_.QueryInt(
        "SELECT COUNT(*) FROM event_outbox WHERE type = 'huiwu.inventory.v1." + type + "'");
  }

  config::ServerConfig config_;
  prometheus::Registry registry_;
  std::unique_ptr<db::ConnectionPool> pool_;
  std::unique_ptr<server::RateLimiter> limiter_;
  std::unique_ptr<server::CallGate> calls_;
  std::unique_ptr<server::ServiceContext> context_;
  events::EventHandler handle_;
  int64_t cursor_ = 0;
};

// Lines as "item reserved/needed", by item.
std::vector<std::string> Lines(const inv::Kit& kit) {
  std::vector<std::string> lines;
  for (const inv::KitLine& line : kit.lines()) {
    lines.push_back(absl::StrCat(line.item(), " ", line.quantity(), "/", line.needed()));
  }
  return lines;
}

std::vector<std::string> Shorts(const inv::Kit& kit) {
  std::vector<std::string> shorts;
  for (const inv::KitShortLine& line : kit.short_lines()) {
    shorts.push_back(absl::StrCat(line.item(), " missing ", line.missing()));
  }
  return shorts;
}

TEST_F(MeetingEventsTest, ConfirmedReservesTheKitInOneTransactionAndPublishesKitReserved) {
  ASSERT_TRUE(Handle<bk::MeetingConfirmed>(Meeting("m-1", 10)).ok());

  const inv::Kit kit = KitOf("m-1");
  EXPECT_EQ(kit.name(), "meetings/m-1/kit");
  EXPECT_EQ(kit.state(), inv::KIT_STATE_RESERVED);
  EXPECT_EQ(kit.kit_template(), "kitTemplates/internal-small");
  EXPECT_EQ(kit.source_location(), kRoom301) << "the room's own cabinet, as ReserveKit does";
  EXPECT_EQ(kit.participant_count(), 10);
  EXPECT_EQ(kit.organizer_unit(), "办公室");
  EXPECT_THAT(Lines(kit),
              ElementsAre("items/bottled-water 10/10", "items/tea 10/10", "items/tea-set 10/10"));
  EXPECT_TRUE(kit.short_lines().empty());
  EXPECT_EQ(BalanceOf(*stub_, "bottled-water", kRoom301).reserved(), 10);

  const auto reserved = Published<inv::KitReserved>(database_);
  ASSERT_EQ(reserved.size(), 1u);
  EXPECT_EQ(reserved[0].kit().name(), "meetings/m-1/kit");
  EXPECT_EQ(reserved[0].kit().lines_size(), 3);
  EXPECT_THAT(SubjectsOf<inv::KitReserved>(database_),
              ElementsAre(absl::StrCat("meetings/m-1\n", kRoom301)));
  EXPECT_EQ(Count("KitShort"), 0);
}

TEST_F(MeetingEventsTest, TheSameConfirmationTwiceReservesOneKit) {
  const events::v1::Event event = Event<bk::MeetingConfirmed>(Meeting("m-1", 10));
  ASSERT_TRUE(handle_(event).ok());
  ASSERT_TRUE(handle_(event).ok());
  // Redelivered under another cursor (e.g. after booking's outbox was replayed).
  ASSERT_TRUE(Handle<bk::MeetingConfirmed>(Meeting("m-1", 10)).ok());

  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM kits"), 1);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM kit_lines"), 3);
  EXPECT_EQ(BalanceOf(*stub_, "bottled-water", kRoom301).reserved(), 10);
  EXPECT_EQ(BalanceOf(*stub_, "tea-set", kRoom301).reserved(), 10);
  EXPECT_EQ(Count("KitReserved"), 1);
}

TEST_F(MeetingEventsTest, ShortStockKeepsAShortKitPublishesKitShortAndTopsUpLater) {
  // 25 people: the large norm, 50 bottles, 25 tea, 25 tea sets; 301 has 30, 20, 20.
  ASSERT_TRUE(Handle<bk::MeetingConfirmed>(Meeting("m-big", 25)).ok());

  inv::Kit kit = KitOf("m-big");
  EXPECT_EQ(kit.state(), inv::KIT_STATE_RESERVED);
  EXPECT_EQ(kit.kit_template(), "kitTemplates/internal-large");
  EXPECT_THAT(Lines(kit),
              ElementsAre("items/bottled-water 30/50", "items/tea 20/25", "items/tea-set 20/25"));
  EXPECT_THAT(Shorts(kit), ElementsAre("items/bottled-water missing 20", "items/tea missing 5",
                                       "items/tea-set missing 5"));
  ASSERT_EQ(kit.short_lines_size(), 3);
  EXPECT_EQ(kit.short_lines(0).needed(), 50);
  EXPECT_EQ(kit.short_lines(0).reserved(), 30);
  EXPECT_EQ(BalanceOf(*stub_, "bottled-water", kRoom301).available(), 0);

  // Never silent: KitShort names the short lines, and whoever follows an item sees it.
  const auto shorts = Published<inv::KitShort>(database_);
  ASSERT_EQ(shorts.size(), 1u);
  EXPECT_THAT(Shorts(shorts[0].kit()),
              ElementsAre("items/bottled-water missing 20", "items/tea missing 5",
                          "items/tea-set missing 5"));
  EXPECT_THAT(SubjectsOf<inv::KitShort>(database_)[0], HasSubstr("items/bottled-water"));
  EXPECT_EQ(Count("KitReserved"), 1);

  // The same event again changes nothing and publishes nothing.
  ASSERT_TRUE(Handle<bk::MeetingConfirmed>(Meeting("m-big", 25)).ok());
  EXPECT_EQ(Count("KitShort"), 1);

  // Water arrives; the meeting's next event (here a change of its details) tops it up.
  ASSERT_TRUE(Receive(*stub_, "bottled-water", kRoom301, 25).ok());
  bk::Meeting renamed = Meeting("m-big", 25);
  renamed.set_title("周例会（扩大）");
  ASSERT_TRUE(Handle<bk::MeetingUpdated>(renamed).ok());
  kit = KitOf("m-big");
  EXPECT_THAT(Lines(kit),
              ElementsAre("items/bottled-water 50/50", "items/tea 20/25", "items/tea-set 20/25"));
  EXPECT_THAT(Shorts(kit), ElementsAre("items/tea missing 5", "items/tea-set missing 5"));
  EXPECT_EQ(BalanceOf(*stub_, "bottled-water", kRoom301).available(), 5);
  EXPECT_EQ(Count("KitReserved"), 2);
  EXPECT_EQ(Count("KitShort"), 2);
  EXPECT_EQ(database_.QueryInt(kBadBalances), 0);
}

TEST_F(MeetingEventsTest, ReservationTakingStockUnderItsMinimumIsPublishedOnce) {
  inv::UpdateItemRequest limits;
  limits.mutable_item()->set_name("items/tea");
  *limits.mutable_item()->add_stock_limits() = Limit(kRoom301, 5, 30);
  limits.mutable_update_mask()->add_paths("stock_limits");
  inv::UpdateItemResponse updated;
  ASSERT_TRUE(stub_->UpdateItem(CallContext().get(), limits, &updated).ok());

  ASSERT_TRUE(Handle<bk::MeetingConfirmed>(Meeting("m-a", 10)).ok());  // tea 20 → 10
  EXPECT_EQ(Count("StockBelowMinimum"), 0);
  ASSERT_TRUE(Handle<bk::MeetingConfirmed>(Meeting("m-b", 8)).ok());  // 10 → 2: crossed
  ASSERT_TRUE(Handle<bk::MeetingConfirmed>(Meeting("m-c", 1)).ok());  // 2 → 1: still low

  const auto below = Published<inv::StockBelowMinimum>(database_);
  ASSERT_EQ(below.size(), 1u);
  EXPECT_EQ(below[0].balance().item(), "items/tea");
  EXPECT_EQ(below[0].balance().location(), kRoom301);
  EXPECT_EQ(below[0].balance().available(), 2);
  EXPECT_EQ(below[0].balance().minimum(), 5);
  EXPECT_EQ(below[0].meeting(), "meetings/m-b");
  ASSERT_FALSE(below[0].replenishment_request().empty());
  const auto requested = Published<inv::ReplenishmentRequested>(database_);
  ASSERT_EQ(requested.size(), 1u);
  EXPECT_EQ(requested[0].replenishment_request().name(), below[0].replenishment_request());
  EXPECT_EQ(requested[0].replenishment_request().quantity(), 30 - 2);
}

TEST_F(MeetingEventsTest, CancelledOrNoShowReleasesTheKitAndTheBalancesComeBack) {
  ASSERT_TRUE(Handle<bk::MeetingConfirmed>(Meeting("m-cancel", 10)).ok());
  bk::Meeting cancelled = Meeting("m-cancel", 10, kRoom301, bk::MEETING_STATE_CANCELLED);
  cancelled.set_state_reason("领导临时出差");
  ASSERT_TRUE(Handle<bk::MeetingCancelled>(cancelled).ok());

  inv::Kit kit = KitOf("m-cancel");
  EXPECT_EQ(kit.state(), inv::KIT_STATE_RELEASED);
  EXPECT_TRUE(kit.short_lines().empty());
  for (const char* item : {"bottled-water", "tea", "tea-set"}) {
    const inv::Balance balance = BalanceOf(*stub_, item, kRoom301);
    EXPECT_EQ(balance.reserved(), 0) << item;
  }
  EXPECT_EQ(BalanceOf(*stub_, "bottled-water", kRoom301).on_hand(), 30);
  const auto released = Published<inv::KitReleased>(database_);
  ASSERT_EQ(released.size(), 1u);
  EXPECT_THAT(released[0].reason(), HasSubstr("领导临时出差"));

  // Again: nothing more to give back.
  ASSERT_TRUE(Handle<bk::MeetingCancelled>(cancelled).ok());
  EXPECT_EQ(Count("KitReleased"), 1);

  // A no-show whose kit was already handed out: all of it comes back to the cabinet.
  ASSERT_TRUE(Handle<bk::MeetingConfirmed>(Meeting("m-noshow", 12)).ok());
  IssueByHand("m-noshow");
  EXPECT_EQ(BalanceOf(*stub_, "bottled-water", kRoom301).on_hand(), 18);
  ASSERT_TRUE(Handle<bk::MeetingNoShowReleased>(
                  Meeting("m-noshow", 12, kRoom301, bk::MEETING_STATE_CANCELLED))
                  .ok());
  kit = KitOf("m-noshow");
  EXPECT_EQ(kit.state(), inv::KIT_STATE_RELEASED);
  EXPECT_EQ(kit.lines(0).returned(), 12);
  EXPECT_EQ(kit.lines(0).consumed(), 0);
  EXPECT_EQ(BalanceOf(*stub_, "bottled-water", kRoom301).on_hand(), 30);
  EXPECT_EQ(database_.QueryInt("SELECT SUM(quantity) FROM movements WHERE meeting_id = 'm-noshow'"),
            0);
  EXPECT_EQ(database_.QueryInt(kBalancesOffLedger), 0);

  // A meeting inventory never reserved for: nothing to release, and that is fine.
  EXPECT_TRUE(Handle<bk::MeetingCancelled>(Meeting("m-never", 5)).ok());
}

TEST_F(MeetingEventsTest, CompletedSettlesWhatWasIssuedAndTheLedgerStillEqualsTheBalances) {
  ASSERT_TRUE(Handle<bk::MeetingConfirmed>(Meeting("m-done", 10)).ok());
  IssueByHand("m-done");
  ASSERT_TRUE(
      Handle<bk::MeetingCompleted>(Meeting("m-done", 10, kRoom301, bk::MEETING_STATE_COMPLETED))
          .ok());

  const inv::Kit kit = KitOf("m-done");
  EXPECT_EQ(kit.state(), inv::KIT_STATE_SETTLED);
  ASSERT_EQ(kit.lines_size(), 3);
  // Water and tea are used up; the tea sets come back (they are washed, not consumed).
  EXPECT_EQ(kit.lines(0).consumed(), 10);
  EXPECT_EQ(kit.lines(1).consumed(), 10);
  EXPECT_EQ(kit.lines(2).consumed(), 0);
  EXPECT_EQ(kit.lines(2).returned(), 10);
  EXPECT_EQ(BalanceOf(*stub_, "bottled-water", kRoom301).on_hand(), 20);
  EXPECT_EQ(BalanceOf(*stub_, "tea-set", kRoom301).on_hand(), 20);
  EXPECT_EQ(database_.QueryInt("SELECT SUM(quantity) FROM movements WHERE meeting_id = 'm-done'"),
            -20);
  EXPECT_EQ(database_.QueryInt(kBalancesOffLedger), 0);
  EXPECT_EQ(database_.QueryInt(kBadBalances), 0);
  const auto settled = Published<inv::KitSettled>(database_);
  ASSERT_EQ(settled.size(), 1u);
  EXPECT_TRUE(settled[0].settled_on_completion());
  EXPECT_EQ(settled[0].kit().lines(0).consumed(), 10);

  // Completed again: settled already.
  ASSERT_TRUE(
      Handle<bk::MeetingCompleted>(Meeting("m-done", 10, kRoom301, bk::MEETING_STATE_COMPLETED))
          .ok());
  EXPECT_EQ(Count("KitSettled"), 1);
}

TEST_F(MeetingEventsTest, CompletedWithoutIssueCountsTheReservationAsUsedInPlace) {
  ASSERT_TRUE(Handle<bk::MeetingConfirmed>(Meeting("m-inplace", 6)).ok());
  ASSERT_TRUE(
      Handle<bk::MeetingCompleted>(Meeting("m-inplace", 6, kRoom301, bk::MEETING_STATE_COMPLETED))
          .ok());

  const inv::Kit kit = KitOf("m-inplace");
  EXPECT_EQ(kit.state(), inv::KIT_STATE_SETTLED);
  EXPECT_EQ(kit.lines(0).issued(), 6);
  EXPECT_EQ(kit.lines(0).consumed(), 6);
  EXPECT_EQ(kit.lines(2).consumed(), 0);
  EXPECT_EQ(kit.lines(2).returned(), 6);
  for (const char* item : {"bottled-water", "tea", "tea-set"}) {
    EXPECT_EQ(BalanceOf(*stub_, item, kRoom301).reserved(), 0) << item;
  }
  EXPECT_EQ(BalanceOf(*stub_, "bottled-water", kRoom301).on_hand(), 24);
  EXPECT_EQ(BalanceOf(*stub_, "tea-set", kRoom301).on_hand(), 20) << "never left the cabinet";
  EXPECT_EQ(
      database_.QueryInt("SELECT SUM(quantity) FROM movements WHERE meeting_id = 'm-inplace'"),
      -12);
  EXPECT_EQ(database_.QueryInt(kBalancesOffLedger), 0);

  // The consumption report counts it like any settled kit.
  inv::GetConsumptionReportRequest report_request;
  report_request.set_meeting("meetings/m-inplace");
  inv::GetConsumptionReportResponse report;
  ASSERT_TRUE(stub_->GetConsumptionReport(CallContext().get(), report_request, &report).ok());
  EXPECT_EQ(report.meeting_count(), 1);
  EXPECT_EQ(report.total_cost_fen(), 6 * 150 + 6 * 300);
}

TEST_F(MeetingEventsTest, ACountMadeByHandBeforeTheCompletionStands) {
  ASSERT_TRUE(Handle<bk::MeetingConfirmed>(Meeting("m-counted", 10)).ok());
  IssueByHand("m-counted");
  inv::SettleKitRequest settle;
  settle.set_name("meetings/m-counted/kit");
  *settle.add_consumed() = Quantity("bottled-water", 7);
  inv::SettleKitResponse settled;
  ASSERT_TRUE(stub_->SettleKit(CallContext().get(), settle, &settled).ok());

  ASSERT_TRUE(
      Handle<bk::MeetingCompleted>(Meeting("m-counted", 10, kRoom301, bk::MEETING_STATE_COMPLETED))
          .ok());
  const inv::Kit kit = KitOf("m-counted");
  EXPECT_EQ(kit.lines(0).consumed(), 7);
  EXPECT_EQ(kit.lines(1).consumed(), 0);
  const auto events = Published<inv::KitSettled>(database_);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_FALSE(events[0].settled_on_completion());
}

TEST_F(MeetingEventsTest, RescheduledKitFollowsTheNewRoomOrReportsWhatNoLongerFits) {
  ASSERT_TRUE(Handle<bk::MeetingConfirmed>(Meeting("m-move", 10)).ok());

  // Same room, later: the window follows, the reservation stays.
  bk::Meeting later = Meeting("m-move", 10);
  const absl::Time start = DefaultTestNow() + absl::Hours(48);
  *later.mutable_start_time() = api::ToTimestamp(start);
  *later.mutable_end_time() = api::ToTimestamp(start + absl::Hours(2));
  ASSERT_TRUE(Handle<bk::MeetingRescheduled>(later).ok());
  inv::Kit kit = KitOf("m-move");
  EXPECT_EQ(kit.start_time().seconds(), absl::ToUnixSeconds(start));
  EXPECT_EQ(BalanceOf(*stub_, "bottled-water", kRoom301).reserved(), 10);
  EXPECT_EQ(Count("KitReserved"), 2);

  // To 302: given back in 301's cabinet, reserved from 302's.
  bk::Meeting moved = later;
  moved.set_room(kRoom302);
  ASSERT_TRUE(Handle<bk::MeetingRescheduled>(moved).ok());
  kit = KitOf("m-move");
  EXPECT_EQ(kit.room(), kRoom302);
  EXPECT_EQ(kit.source_location(), kRoom302);
  EXPECT_THAT(Lines(kit),
              ElementsAre("items/bottled-water 10/10", "items/tea 10/10", "items/tea-set 10/10"));
  EXPECT_EQ(BalanceOf(*stub_, "bottled-water", kRoom301).reserved(), 0);
  EXPECT_EQ(BalanceOf(*stub_, "bottled-water", kRoom302).reserved(), 10);

  // To 310, whose cabinet is empty: what no longer fits is reported, not dropped.
  moved.set_room(kRoom310);
  ASSERT_TRUE(Handle<bk::MeetingRescheduled>(moved).ok());
  kit = KitOf("m-move");
  EXPECT_EQ(kit.source_location(), kRoom310);
  EXPECT_THAT(Shorts(kit), ElementsAre("items/bottled-water missing 10", "items/tea missing 10",
                                       "items/tea-set missing 10"));
  EXPECT_EQ(BalanceOf(*stub_, "bottled-water", kRoom302).reserved(), 0);
  const auto shorts = Published<inv::KitShort>(database_);
  ASSERT_EQ(shorts.size(), 1u);
  EXPECT_EQ(shorts[0].kit().room(), kRoom310);
  EXPECT_EQ(database_.QueryInt(kBadBalances), 0);
}

TEST_F(MeetingEventsTest, IssuedKitGoesWithItsMeetingAsItIs) {
  ASSERT_TRUE(Handle<bk::MeetingConfirmed>(Meeting("m-issued", 10)).ok());
  IssueByHand("m-issued");
  bk::Meeting moved = Meeting("m-issued", 15, kRoom302);
  ASSERT_TRUE(Handle<bk::MeetingRescheduled>(moved).ok());
  const inv::Kit kit = KitOf("m-issued");
  EXPECT_EQ(kit.state(), inv::KIT_STATE_ISSUED);
  EXPECT_EQ(kit.room(), kRoom302);
  EXPECT_EQ(kit.source_location(), kRoom301) << "its stock returns where it came from";
  EXPECT_EQ(kit.lines(0).issued(), 10);
  EXPECT_EQ(BalanceOf(*stub_, "bottled-water", kRoom302).reserved(), 0);
  EXPECT_EQ(Count("KitUpdated"), 1);
}

TEST_F(MeetingEventsTest, MoreParticipantsReReserveByTheNormThatFitsNow) {
  ASSERT_TRUE(Handle<bk::MeetingConfirmed>(Meeting("m-grow", 10)).ok());
  ASSERT_TRUE(Handle<bk::MeetingUpdated>(Meeting("m-grow", 15)).ok());
  inv::Kit kit = KitOf("m-grow");
  EXPECT_EQ(kit.kit_template(), "kitTemplates/internal-small");
  EXPECT_THAT(Lines(kit),
              ElementsAre("items/bottled-water 15/15", "items/tea 15/15", "items/tea-set 15/15"));

  // 22 people: another template (two bottles each), short of water in 301.
  ASSERT_TRUE(Handle<bk::MeetingUpdated>(Meeting("m-grow", 22)).ok());
  kit = KitOf("m-grow");
  EXPECT_EQ(kit.kit_template(), "kitTemplates/internal-large");
  EXPECT_EQ(kit.participant_count(), 22);
  EXPECT_THAT(Lines(kit),
              ElementsAre("items/bottled-water 30/44", "items/tea 20/22", "items/tea-set 20/22"));

  // Fewer again: the surplus goes back.
  ASSERT_TRUE(Handle<bk::MeetingUpdated>(Meeting("m-grow", 4)).ok());
  kit = KitOf("m-grow");
  EXPECT_THAT(Lines(kit),
              ElementsAre("items/bottled-water 4/4", "items/tea 4/4", "items/tea-set 4/4"));
  EXPECT_EQ(BalanceOf(*stub_, "bottled-water", kRoom301).reserved(), 4);
  EXPECT_EQ(database_.QueryInt(kBadBalances), 0);

  // A notice changed before it is confirmed holds no supplies.
  ASSERT_TRUE(
      Handle<bk::MeetingUpdated>(Meeting("m-notice", 10, kRoom301, bk::MEETING_STATE_SUBMITTED))
          .ok());
  inv::Kit none;
  EXPECT_EQ(GetKit("m-notice", &none).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(MeetingEventsTest, BadEventsAreRefusedAndWriteNothing) {
  const std::vector<std::string> tables = {"balances",  "movements",    "kits",
                                           "kit_lines", "event_outbox", "replenishment_requests"};
  const std::string before = database_.Snapshot(tables);

  bk::Meeting no_room = Meeting("m-bad", 10);
  no_room.clear_room();
  absl::Status status = Handle<bk::MeetingConfirmed>(no_room);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr("meeting.room"));

  bk::Meeting bad_name = Meeting("m-bad", 10);
  bad_name.set_name("meetings/x'; DROP TABLE kits;--");
  EXPECT_EQ(Handle<bk::MeetingConfirmed>(bad_name).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Handle<bk::MeetingCompleted>(bad_name).code(), absl::StatusCode::kInvalidArgument);

  // The type says Confirmed, the payload holds another message.
  events::v1::Event mislabelled = Event<bk::MeetingCancelled>(Meeting("m-bad", 10));
  mislabelled.set_type("huiwu.booking.v1.MeetingConfirmed");
  EXPECT_EQ(handle_(mislabelled).code(), absl::StatusCode::kInvalidArgument);

  // No norm for a 300-person meeting: said so (the consumer logs and counts it).
  status = Handle<bk::MeetingConfirmed>(Meeting("m-huge", 300));
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(status), "NO_KIT_TEMPLATE");

  // A type inventory does not follow is nothing to do.
  EXPECT_TRUE(Handle<bk::MeetingStarted>(Meeting("m-bad", 10)).ok());

  EXPECT_EQ(database_.Snapshot(tables), before);
}

TEST_F(MeetingEventsTest, GetMeetingKitBadInputIsNamedAndUnknownIsNotFound) {
  using Stub = inv::InventoryService::Stub;
  std::vector<BadInputFor<Stub>> cases;
  for (const auto& [what, name] : std::vector<std::pair<std::string, std::string>>{
           {"empty name", ""},
           {"the meeting, not its kit", "meetings/m-1"},
           {"upper-case meeting id", "meetings/M-1/kit"},
           {"SQL in the meeting id", "meetings/x'; DROP TABLE kits;--/kit"},
           {"another collection", "items/tea/kit"},
           {"trailing segment", "meetings/m-1/kit/lines"},
           {"oversized id", "meetings/" + std::string(64, 'a') + "/kit"}}) {
    inv::GetMeetingKitRequest request;
    request.set_name(name);
    cases.push_back(Case(what, "name", &Stub::GetMeetingKit, request));
  }
  ExpectEachRefusedAndNothingWritten(*stub_, cases, database_, {"kits", "kit_lines"},
                                     "inventory.huiwu");

  inv::Kit kit;
  grpc::Status status = GetKit("m-unknown", &kit);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(DetailsOf(status).reason, "KIT_NOT_FOUND");
}

}  // namespace
}  // namespace huiwu::testing
