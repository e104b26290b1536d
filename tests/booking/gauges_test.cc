// Booking's domain gauges against the test MariaDB: meetings created through the API
// on the fixture's clock, the gauges read by the same collector the host runs.
#include <memory>

#include "common/db/pool.h"
#include "common/metrics/domain_gauges.h"
#include "prometheus/registry.h"
#include "services/booking/booking_gauges.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/support/gauge_value.h"

namespace huiwu::testing {
namespace {

class BookingGaugesTest : public BookingFixture {
 protected:
  void SetUp() override {
    BookingFixture::SetUp();
    pool_ = std::make_unique<db::ConnectionPool>(database_.config(), nullptr);
    gauges_ = std::make_unique<metrics::DomainGaugeCollector>(
        registry_,
        booking::BookingGauges(
            std::make_shared<booking::BookingStore>(*pool_, policy_.LongestMeeting()), clock_));
    SeedRooms(*stub_);
  }

  void TearDown() override {
    gauges_.reset();
    pool_.reset();
    BookingFixture::TearDown();
  }

  std::unique_ptr<db::ConnectionPool> pool_;
  prometheus::Registry registry_;
  std::unique_ptr<metrics::DomainGaugeCollector> gauges_;
};

TEST_F(BookingGaugesTest, MeetingsTodayCountsTheCenterDayByState) {
  // The clock: Tuesday 2026-12-01 09:00 in Beijing.
  ASSERT_FALSE(
      BookMeeting(*stub_, "buildings/city-hall/rooms/301", Local(1, 12), Local(1, 13)).empty());
  ASSERT_TRUE(CreateMeeting(*stub_, SampleMeeting("buildings/city-hall/rooms/302", Local(1, 14),
                                                  Local(1, 15)))
                  .ok());
  booking::v1::Meeting withdrawn;
  ASSERT_TRUE(
      CreateMeeting(*stub_,
                    SampleMeeting("buildings/city-hall/rooms/302", Local(1, 16), Local(1, 17)),
                    &withdrawn)
          .ok());
  booking::v1::CancelMeetingRequest cancel;
  cancel.set_name(withdrawn.name());
  cancel.set_reason("主办单位取消");
  booking::v1::CancelMeetingResponse cancelled;
  ASSERT_TRUE(stub_->CancelMeeting(CallContext().get(), cancel, &cancelled).ok());
  // Wednesday 07:30 in Beijing is still Tuesday in UTC: not today for the center.
  ASSERT_FALSE(
      BookMeeting(*stub_, "buildings/city-hall/rooms/302", Local(2, 7, 30), Local(2, 8, 30))
          .empty());

  ASSERT_EQ(gauges_->Refresh(), 0);
  auto today = [&](const std::string& state) {
    return GaugeValue(registry_, "huiwu_booking_meetings_today", {{"state", state}});
  };
  EXPECT_EQ(today("confirmed"), 1.0);
  EXPECT_EQ(today("submitted"), 1.0);
  EXPECT_EQ(today("cancelled"), 1.0);
  EXPECT_EQ(today("in_progress"), 0.0);  // every state has its series, at 0

  // The next day at 06:00 in Beijing: Wednesday's one meeting.
  clock_.Set(Local(2, 6));
  ASSERT_EQ(gauges_->Refresh(), 0);
  EXPECT_EQ(today("confirmed"), 1.0);
  EXPECT_EQ(today("submitted"), 0.0);
  EXPECT_EQ(today("cancelled"), 0.0);
}

TEST_F(BookingGaugesTest, RoomsInUseCountsConfirmedHoldsWithTheirBuffers) {
  // 12:00–13:00 with 30 min set-up and 30 min clean-up: 301 is held 11:30–13:30.
  ASSERT_FALSE(
      BookMeeting(*stub_, "buildings/city-hall/rooms/301", Local(1, 12), Local(1, 13)).empty());
  // A notice holds nothing until the dispatch hub confirms it.
  ASSERT_TRUE(CreateMeeting(*stub_, SampleMeeting("buildings/city-hall/rooms/302", Local(1, 12),
                                                  Local(1, 13)))
                  .ok());
  auto in_use = [&] {
    EXPECT_EQ(gauges_->Refresh(), 0);
    return GaugeValue(registry_, "huiwu_booking_rooms_in_use");
  };
  EXPECT_EQ(in_use(), 0.0);
  clock_.Set(Local(1, 11, 45));  // setting up
  EXPECT_EQ(in_use(), 1.0);
  clock_.Set(Local(1, 13, 29));  // cleaning up
  EXPECT_EQ(in_use(), 1.0);
  clock_.Set(Local(1, 13, 30));
  EXPECT_EQ(in_use(), 0.0);
}

}  // namespace
}  // namespace huiwu::testing
