// The authorization policy (common/server/authz_policy*): gRPC's JSON policy format and
// semantics, and its reload from disk while the service runs.
#include "common/server/authz_policy.h"

#include <cstdio>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/server/authz_policy_watcher.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/poll.h"

namespace huiwu::server {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kConfirm[] = "/huiwu.booking.v1.BookingService/ConfirmMeeting";
constexpr char kGetRoom[] = "/huiwu.booking.v1.BookingService/GetRoom";
constexpr char kDeleteRoom[] = "/huiwu.booking.v1.BookingService/DeleteRoom";

constexpr char kPolicy[] = R"json({
  "name": "center",
  "deny_rules": [
    {"name": "no-one-deletes-rooms-but-admin",
     "source": {"principals": ["spiffe://huiwu/dispatch/*", "spiffe://huiwu/operator/*"]},
     "request": {"paths": ["/huiwu.booking.v1.BookingService/DeleteRoom"]}}
  ],
  "allow_rules": [
    {"name": "dispatch-confirms",
     "source": {"principals": ["spiffe://huiwu/dispatch/*"]},
     "request": {"paths": ["/huiwu.booking.v1.BookingService/ConfirmMeeting"]}},
    {"name": "operators-read",
     "source": {"principals": ["spiffe://huiwu/operator/*", "spiffe://huiwu/dispatch/*"]},
     "request": {"paths": ["/huiwu.booking.v1.BookingService/Get*"]}},
    {"name": "admin-everything", "source": {"principals": ["spiffe://huiwu/admin/*"]}},
    {"name": "health-for-anyone", "request": {"paths": ["/grpc.health.v1.Health/*"]}}
  ]
})json";

AuthzPolicy Center() {
  absl::StatusOr<AuthzPolicy> policy = AuthzPolicy::Parse(kPolicy);
  EXPECT_TRUE(policy.ok()) << policy.status();
  return *policy;
}

TEST(AuthzPolicyTest, AllowRulesAdmitTheirPrincipalsOnTheirPathsOnly) {
  const AuthzPolicy policy = Center();
  EXPECT_TRUE(policy.Evaluate("spiffe://huiwu/dispatch/hub", kConfirm).allowed);
  EXPECT_EQ(policy.Evaluate("spiffe://huiwu/dispatch/hub", kConfirm).rule, "dispatch-confirms");
  EXPECT_TRUE(policy.Evaluate("spiffe://huiwu/operator/zhang", kGetRoom).allowed);
  EXPECT_FALSE(policy.Evaluate("spiffe://huiwu/operator/zhang", kConfirm).allowed);
  EXPECT_FALSE(policy.Evaluate("spiffe://huiwu/organizer/u-001", kConfirm).allowed);
  EXPECT_TRUE(policy.Evaluate("spiffe://huiwu/admin/root", kConfirm).allowed);
}

TEST(AuthzPolicyTest, DenyByDefaultAndForTheUnauthenticated) {
  const AuthzPolicy policy = Center();
  const AuthzDecision unknown = policy.Evaluate("spiffe://huiwu/organizer/u-001", kGetRoom);
  EXPECT_FALSE(unknown.allowed);
  EXPECT_EQ(unknown.rule, "");
  // No certificate: no principal matches, not even a prefix of nothing.
  EXPECT_FALSE(policy.Evaluate("", kConfirm).allowed);
  // A rule without a source admits anyone on its paths, as in gRPC's policy.
  EXPECT_TRUE(policy.Evaluate("", "/grpc.health.v1.Health/Check").allowed);
}

TEST(AuthzPolicyTest, ADenyRuleWinsOverEveryAllowRule) {
  const AuthzPolicy policy = Center();
  // dispatch has no allow rule for DeleteRoom anyway; an admin does and is not denied.
  EXPECT_TRUE(policy.Evaluate("spiffe://huiwu/admin/root", kDeleteRoom).allowed);
  const AuthzDecision denied = policy.Evaluate("spiffe://huiwu/operator/zhang", kDeleteRoom);
  EXPECT_FALSE(denied.allowed);
  EXPECT_EQ(denied.rule, "no-one-deletes-rooms-but-admin");
}

TEST(AuthzPolicyTest, ARefusalSaysWhoMayCallTheMethod) {
  const AuthzDecision refused = Center().Evaluate("spiffe://huiwu/organizer/u-001", kConfirm);
  EXPECT_THAT(refused.allowed_principals,
              ElementsAre("spiffe://huiwu/dispatch/*", "spiffe://huiwu/admin/*"));
}

TEST(AuthzPolicyTest, PatternsAreExactPrefixSuffixOrAny) {
  EXPECT_TRUE(MatchesPolicyPattern("a/b", "a/b"));
  EXPECT_FALSE(MatchesPolicyPattern("a/b", "a/bc"));
  EXPECT_TRUE(MatchesPolicyPattern("a/*", "a/bc"));
  EXPECT_FALSE(MatchesPolicyPattern("a/*", "b/a/"));
  EXPECT_TRUE(MatchesPolicyPattern("*/Check", "/grpc.health.v1.Health/Check"));
  EXPECT_TRUE(MatchesPolicyPattern("*", "x"));
  EXPECT_FALSE(MatchesPolicyPattern("*", ""));
}

TEST(AuthzPolicyTest, AFileThatCannotBeAppliedWhollyIsRefusedNamingWhy) {
  const auto message = [](const char* json) {
    return std::string(AuthzPolicy::Parse(json).status().message());
  };
  EXPECT_THAT(message("{"), HasSubstr("not JSON"));
  EXPECT_THAT(message(R"({"allow_rules": []})"), HasSubstr("\"name\" is missing"));
  EXPECT_THAT(message(R"({"name": "x"})"), HasSubstr("no allow_rules"));
  EXPECT_THAT(message(R"({"name": "x", "allow_rules": [{"source": {}}]})"),
              HasSubstr("allow_rules[0] has no name"));
  EXPECT_THAT(
      message(R"({"name": "x", "allow_rules": [{"name": "h", "request": {"headers": []}}]})"),
      HasSubstr("allow_rules[0].request.headers is not supported"));
  EXPECT_THAT(message(R"({"name": "x", "allow_rules": [{"name": "p",
                          "source": {"principals": "spiffe://huiwu/admin/*"}}]})"),
              HasSubstr("allow_rules[0].source.principals is not a list"));
  EXPECT_THAT(message(R"({"name": "x", "allow": []})"), HasSubstr("unknown field \"allow\""));
}

class AuthzPolicyWatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir[] = "/tmp/huiwu-authz-test.XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    dir_ = dir;
    path_ = dir_ + "/policy.json";
    Write(kPolicy);
  }
  void TearDown() override {
    std::remove(path_.c_str());
    std::remove(dir_.c_str());
  }
  void Write(const std::string& text) {
    // Written beside and renamed, as an admin's editor or a config rollout does: the
    // watcher never reads half a file.
    const std::string temporary = path_ + ".new";
    std::ofstream(temporary) << text;
    ASSERT_EQ(std::rename(temporary.c_str(), path_.c_str()), 0);
  }

  std::string dir_;
  std::string path_;
};

TEST_F(AuthzPolicyWatcherTest, AnEditedFileIsAppliedWithoutARestartABrokenOneIsNot) {
  auto watcher = AuthzPolicyWatcher::Start(path_, absl::Milliseconds(20));
  ASSERT_TRUE(watcher.ok()) << watcher.status();
  const auto organizer_reads = [&] {
    return (*watcher)->current()->Evaluate("spiffe://huiwu/organizer/u-1", kGetRoom).allowed;
  };
  EXPECT_FALSE(organizer_reads());

  Write(R"json({"name": "center-v2", "allow_rules": [
    {"name": "organizers-read", "source": {"principals": ["spiffe://huiwu/organizer/*"]},
     "request": {"paths": ["/huiwu.booking.v1.BookingService/Get*"]}}]})json");
  EXPECT_TRUE(testing::PollUntil(organizer_reads, absl::Seconds(5)));
  EXPECT_EQ((*watcher)->current()->name(), "center-v2");

  // A typo keeps the last good policy in force.
  Write(R"json({"name": "center-v3", "allow_rules": [)json");
  Write(
      R"json({"name": "center-v3", "allow_rules": [{"name": "h", "request": {"headers": []}}]})json");
  const int64_t checked = (*watcher)->checks();
  ASSERT_TRUE(
      testing::PollUntil([&] { return (*watcher)->checks() >= checked + 2; }, absl::Seconds(5)));
  EXPECT_EQ((*watcher)->current()->name(), "center-v2");
  EXPECT_TRUE(organizer_reads());

  Write(kPolicy);
  EXPECT_TRUE(testing::PollUntil([&] { return !organizer_reads(); }, absl::Seconds(5)));
}

TEST_F(AuthzPolicyWatcherTest, AServiceDoesNotStartOnABrokenOrMissingFile) {
  Write("{\"name\": \"x\"}");
  auto broken = AuthzPolicyWatcher::Start(path_, absl::Seconds(1));
  ASSERT_FALSE(broken.ok());
  EXPECT_THAT(std::string(broken.status().message()), HasSubstr(path_));
  EXPECT_FALSE(AuthzPolicyWatcher::Start(dir_ + "/missing.json", absl::Seconds(1)).ok());
}

}  // namespace
}  // namespace huiwu::server
