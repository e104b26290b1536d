// The seating plan's and the nameplates' HTML (render/seating_html.h) without a database:
// user text escaped, the paper as asked, one card per seated person.
#include <string>

#include "absl/strings/match.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/booking/render/seating_html.h"

namespace huiwu::booking::render {
namespace {

int Count(const std::string& text, const std::string& part) {
  int count = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

v1::GetSeatingPlanResponse TwoOnTheRostrum() {
  v1::GetSeatingPlanResponse plan;
  plan.set_title("<b>推进会</b>");
  for (const char* name : {"李市长", "<script>x</script>王"}) {
    v1::SeatAssignment* seat = plan.add_seats();
    seat->set_area(v1::SEAT_AREA_ROSTRUM);
    seat->set_row(1);
    seat->set_seat(plan.seats_size());
    seat->set_protocol_order(plan.seats_size());
    seat->mutable_attendee()->set_name(name);
  }
  return plan;
}

TEST(SeatingRenderTest, ThePlanEscapesUserTextAndIsLaidOutForThePaperAsked) {
  const v1::GetSeatingPlanResponse plan = TwoOnTheRostrum();
  const std::string a4 = RenderSeatingPlan(plan, absl::UTCTimeZone(), /*a3=*/false);
  EXPECT_THAT(a4, ::testing::HasSubstr("size: A4 landscape"));
  EXPECT_THAT(a4, ::testing::HasSubstr("&lt;script&gt;x&lt;/script&gt;王"));
  EXPECT_THAT(a4, ::testing::HasSubstr("&lt;b&gt;推进会&lt;/b&gt;"));
  EXPECT_FALSE(absl::StrContains(a4, "<script>"));
  EXPECT_THAT(a4, ::testing::HasSubstr("以左为上"));
  EXPECT_THAT(RenderSeatingPlan(plan, absl::UTCTimeZone(), /*a3=*/true),
              ::testing::HasSubstr("size: A3 landscape"));
}

TEST(SeatingRenderTest, NameplatesAreOneCardPerSeatWithTheNameOnBothFaces) {
  const std::string html = RenderNameplates(TwoOnTheRostrum());
  EXPECT_EQ(Count(html, "<div class=\"card\">"), 2);
  EXPECT_EQ(Count(html, "李市长"), 2);  // both faces
  EXPECT_EQ(Count(html, "&lt;script&gt;x&lt;/script&gt;王"), 2);
  EXPECT_FALSE(absl::StrContains(html, "<script>"));
  EXPECT_EQ(Count(html, "class=\"face upper\""), 2);
}

}  // namespace
}  // namespace huiwu::booking::render
