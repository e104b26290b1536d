// An organizer unit's system acts for its own unit only (issue 11): the refusals that are
// not about one meeting.
#include "services/booking/domain/organizer_scope.h"

#include "common/status/errors.h"
#include "gtest/gtest.h"

namespace huiwu::booking {
namespace {

TEST(OrganizerScopeRuleTest, AUnitMayNameOnlyItselfACenterWideCallerAnyUnit) {
  EXPECT_TRUE(CheckActsFor("meeting.organizer_unit", "市财政局", "市财政局").ok());
  EXPECT_TRUE(CheckActsFor("meeting.organizer_unit", "市财政局", "").ok());
  const absl::Status other = CheckActsFor("meeting.organizer_unit", "市审计局", "市财政局");
  EXPECT_EQ(other.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ReasonOf(other), "OTHER_ORGANIZER_UNIT");
  EXPECT_NE(other.message().find("meeting.organizer_unit"), absl::string_view::npos);
  EXPECT_NE(other.message().find("市财政局"), absl::string_view::npos);
}

TEST(OrganizerScopeRuleTest, AUnitListsItsOwnMeetingsWhateverItAsksFor) {
  EXPECT_EQ(ScopedUnitFilter("", ""), "");
  EXPECT_EQ(ScopedUnitFilter("市审计局", ""), "市审计局");
  EXPECT_EQ(ScopedUnitFilter("", "市财政局"), "市财政局");
  EXPECT_EQ(ScopedUnitFilter("市财政局", "市财政局"), "市财政局");
  EXPECT_EQ(ScopedUnitFilter("市审计局", "市财政局"), std::nullopt);
}

TEST(OrganizerScopeRuleTest, CenterWideViewsAreForCenterWideCallersOnly) {
  EXPECT_TRUE(CheckCenterWide("the weekly brief", "").ok());
  const absl::Status refused = CheckCenterWide("the weekly brief", "市财政局");
  EXPECT_EQ(refused.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ReasonOf(refused), "CENTER_WIDE_VIEW");
  EXPECT_NE(refused.message().find("the weekly brief"), absl::string_view::npos);
}

}  // namespace
}  // namespace huiwu::booking
