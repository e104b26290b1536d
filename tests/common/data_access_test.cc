// The data-access file (issue 11): which organizer unit a caller acts for and who sees
// personal data; a file that would leave callers unrestricted by mistake is refused.
#include "common/server/data_access.h"

#include "common/status/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/test_env.h"
#include "tests/support/test_pki.h"

namespace huiwu::server {
namespace {

using ::testing::HasSubstr;

constexpr char kFile[] = R"json({
  "name": "test",
  "unit_bound_principals": ["spiffe://huiwu/organizer/*"],
  "units": [
    {"principal": "spiffe://huiwu/organizer/a", "organizer_unit": "市财政局"},
    {"principal": "spiffe://huiwu/organizer/b", "organizer_unit": "市审计局"}
  ],
  "personal_data_principals": ["spiffe://huiwu/dispatch/*", "spiffe://huiwu/organizer/*"]
})json";

TEST(DataAccessTest, ABoundCallerActsForItsUnitAlone) {
  auto policy = DataAccessPolicy::Parse(kFile);
  ASSERT_TRUE(policy.ok()) << policy.status();
  auto a = policy->For("spiffe://huiwu/organizer/a");
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->organizer_unit, "市财政局");
  EXPECT_TRUE(a->unit_bound());
  EXPECT_TRUE(a->personal_data);
  auto b = policy->For("spiffe://huiwu/organizer/b");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->organizer_unit, "市审计局");
}

TEST(DataAccessTest, ACenterWideCallerIsNotBoundAndSeesPersonalDataOnlyWhenListed) {
  auto policy = DataAccessPolicy::Parse(kFile);
  ASSERT_TRUE(policy.ok());
  auto dispatch = policy->For("spiffe://huiwu/dispatch/hub");
  ASSERT_TRUE(dispatch.ok());
  EXPECT_FALSE(dispatch->unit_bound());
  EXPECT_TRUE(dispatch->personal_data);
  auto operator_ = policy->For("spiffe://huiwu/operator/wang");
  ASSERT_TRUE(operator_.ok());
  EXPECT_FALSE(operator_->unit_bound());
  EXPECT_FALSE(operator_->personal_data);
  // TLS off: nobody is authenticated, and the file is not consulted at all; an empty
  // principal under the file is no one's: no personal data.
  auto anonymous = policy->For("");
  ASSERT_TRUE(anonymous.ok());
  EXPECT_FALSE(anonymous->personal_data);
}

// A unit's system the admin forgot to bind must not fall back to seeing every unit.
TEST(DataAccessTest, AnUnboundOrganizerSystemIsRefusedNotGivenEveryUnit) {
  auto policy = DataAccessPolicy::Parse(kFile);
  ASSERT_TRUE(policy.ok());
  auto c = policy->For("spiffe://huiwu/organizer/c");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(c.status().message(), HasSubstr("spiffe://huiwu/organizer/c"));
  EXPECT_EQ(ReasonOf(c.status()), "NO_ORGANIZER_UNIT");
}

TEST(DataAccessTest, AFileThatWouldRestrictLessThanItSaysIsRefused) {
  const struct {
    const char* json;
    const char* expected;
  } kCases[] = {
      {"not json", "data access file"},
      {R"({"units": []})", "\"name\" is missing"},
      {R"({"name": "x", "unit_bound": ["*"]})", "unit_bound"},  // misspelt: unknown field
      {R"({"name": "x", "unit_bound_principals": ["spiffe://huiwu/organizer/*"],
           "units": [{"principal": "spiffe://huiwu/organizer/a"}]})",
       "units[0] has no organizer_unit"},
      {R"({"name": "x", "unit_bound_principals": ["spiffe://huiwu/organizer/*"],
           "units": [{"organizer_unit": "市财政局"}]})",
       "units[0] has no principal"},
      {R"({"name": "x", "unit_bound_principals": ["spiffe://huiwu/organizer/*"],
           "units": [{"principal": "spiffe://huiwu/organizer/a", "organizer_unit": "甲"},
                     {"principal": "spiffe://huiwu/organizer/a", "organizer_unit": "乙"}]})",
       "units[1]: spiffe://huiwu/organizer/a is bound twice"},
      {R"({"name": "x", "units": [{"principal": "spiffe://huiwu/dispatch/hub",
                                   "organizer_unit": "甲"}]})",
       "not among unit_bound_principals"},
  };
  for (const auto& c : kCases) {
    auto parsed = DataAccessPolicy::Parse(c.json);
    ASSERT_FALSE(parsed.ok()) << c.json;
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << c.json;
    EXPECT_THAT(parsed.status().message(), HasSubstr(c.expected)) << c.json;
  }
}

TEST(DataAccessTest, TheShippedFileParsesAndBindsTheExampleUnits) {
  auto shipped = DataAccessPolicy::Parse(
      testing::ReadFile(testing::SourceDir() + "/deploy/authz/huiwu-data-access.json"));
  ASSERT_TRUE(shipped.ok()) << shipped.status();
  auto office = shipped->For("spiffe://huiwu/organizer/u-001");
  ASSERT_TRUE(office.ok());
  EXPECT_EQ(office->organizer_unit, "市政府办公厅");
  auto operator_ = shipped->For("spiffe://huiwu/operator/wang");
  ASSERT_TRUE(operator_.ok());
  EXPECT_FALSE(operator_->personal_data);
}

// 扫码签到: the shipped file lets the attendants' desk and admins sign people in without
// the door screen's code, and nobody else — the sign-in portal least of all.
TEST(DataAccessTest, TheShippedFileLetsOnlyTheDeskAndAdminsSignInWithoutACode) {
  auto shipped = DataAccessPolicy::Parse(
      testing::ReadFile(testing::SourceDir() + "/deploy/authz/huiwu-data-access.json"));
  ASSERT_TRUE(shipped.ok()) << shipped.status();
  for (const char* allowed : {"spiffe://huiwu/attendant/zhao", "spiffe://huiwu/admin/root"}) {
    auto access = shipped->For(allowed);
    ASSERT_TRUE(access.ok()) << allowed;
    EXPECT_TRUE(access->sign_in_without_code) << allowed;
  }
  for (const char* refused : {"spiffe://huiwu/signin/portal", "spiffe://huiwu/organizer/u-001",
                              "spiffe://huiwu/dispatch/hub", "spiffe://huiwu/attendantx/eve",
                              "spiffe://evil/attendant/zhao", ""}) {
    auto access = shipped->For(refused);
    ASSERT_TRUE(access.ok()) << refused;
    EXPECT_FALSE(access->sign_in_without_code) << refused;
  }
  // A file that lists nobody lets nobody; TLS off (no file consulted) lets everyone.
  auto none = DataAccessPolicy::Parse(kFile);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->For("spiffe://huiwu/attendant/zhao")->sign_in_without_code);
  EXPECT_TRUE(CallerAccess::Unrestricted().sign_in_without_code);
}

}  // namespace
}  // namespace huiwu::server
