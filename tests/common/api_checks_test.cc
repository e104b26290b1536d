#include "common/api/field_checks.h"
#include "common/api/page_token.h"
#include "common/api/resource_name.h"
#include "common/status/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace huiwu::api {
namespace {

using ::testing::ElementsAre;

TEST(ResourceIdTest, AcceptsLabelsAndRefusesEverythingElse) {
  EXPECT_TRUE(IsResourceId("301"));
  EXPECT_TRUE(IsResourceId("city-hall"));
  EXPECT_TRUE(IsResourceId(std::string(63, 'a')));
  EXPECT_FALSE(IsResourceId(""));
  EXPECT_FALSE(IsResourceId(std::string(64, 'a')));
  EXPECT_FALSE(IsResourceId("-301"));
  EXPECT_FALSE(IsResourceId("301-"));
  EXPECT_FALSE(IsResourceId("City"));
  EXPECT_FALSE(IsResourceId("a/b"));
  EXPECT_FALSE(IsResourceId("a'; DROP TABLE rooms; --"));
  EXPECT_FALSE(IsResourceId("会议室"));
}

TEST(CharacterCountTest, CountsCodePointsNotBytes) {
  EXPECT_EQ(CharacterCount("abc"), 3u);
  EXPECT_EQ(CharacterCount("会议室"), 3u);
  EXPECT_EQ(CharacterCount("🎉x"), 2u);
}

TEST(Utf8Test, AcceptsWellFormedTextOnly) {
  EXPECT_TRUE(IsValidUtf8("dispatch/赵敏 🎉"));
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_FALSE(IsValidUtf8("\xff"));
  EXPECT_FALSE(IsValidUtf8("\xe8\xb5"));          // truncated 赵
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // a UTF-16 surrogate
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // past U+10FFFF
}

TEST(FieldChecksTest, CollectsEveryViolationWithItsField) {
  FieldChecks checks;
  checks.Text("room.display_name", "", 1, 100);
  checks.Int("room.capacity", -1, 1, 5000);
  checks.Text("room.note", std::string(101, 'x'), 0, 100);
  checks.RequestId("request_id", "has space");
  checks.Int("room.floor", 3, -5, 200);  // fine
  absl::Status status = checks.status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const auto& v : FieldViolationsOf(status)) fields.push_back(v.field);
  EXPECT_THAT(fields, ElementsAre("room.display_name", "room.capacity", "room.note", "request_id"));
}

TEST(ResourceNameTest, ParsesIdsAndNamesTheFieldWhenMalformed) {
  auto ids = ParseResourceName("name", "buildings/city-hall/rooms/301",
                               "buildings/{building}/rooms/{room}");
  ASSERT_TRUE(ids.ok());
  EXPECT_THAT(*ids, ElementsAre("city-hall", "301"));
  for (const char* bad :
       {"", "buildings/city-hall", "buildings/city-hall/rooms/", "buildings/city-hall/desks/301",
        "buildings/City/rooms/301", "buildings/-/rooms/301", "buildings/city-hall/rooms/301/x"}) {
    auto parsed = ParseResourceName("name", bad, "buildings/{building}/rooms/{room}");
    ASSERT_FALSE(parsed.ok()) << bad;
    ASSERT_EQ(FieldViolationsOf(parsed.status()).size(), 1u);
    EXPECT_EQ(FieldViolationsOf(parsed.status())[0].field, "name");
  }
  EXPECT_TRUE(ParseResourceName("parent", "buildings/-", "buildings/{building}", true).ok());
}

TEST(PageTokenTest, RoundTripsAndRefusesForeignOrMalformedTokens) {
  const std::string token = EncodePageToken("rooms|a", {"city-hall", "301"});
  auto key = DecodePageToken("page_token", token, "rooms|a", 2);
  ASSERT_TRUE(key.ok());
  EXPECT_THAT(*key, ElementsAre("city-hall", "301"));
  EXPECT_TRUE(DecodePageToken("page_token", "", "rooms|a", 2)->empty());
  // Other filters, other arity, garbage, and a truncated token are all refused.
  EXPECT_FALSE(DecodePageToken("page_token", token, "rooms|b", 2).ok());
  EXPECT_FALSE(DecodePageToken("page_token", token, "rooms|a", 1).ok());
  EXPECT_FALSE(DecodePageToken("page_token", "not a token!", "rooms|a", 2).ok());
  EXPECT_FALSE(DecodePageToken("page_token", token.substr(0, token.size() / 2), "rooms|a", 2).ok());
  auto status = DecodePageToken("page_token", "eA", "rooms|a", 2).status();
  EXPECT_EQ(FieldViolationsOf(status).at(0).field, "page_token");
}

TEST(PageSizeTest, FollowsAip158) {
  EXPECT_EQ(*EffectivePageSize("page_size", 0, 50, 200), 50);
  EXPECT_EQ(*EffectivePageSize("page_size", 7, 50, 200), 7);
  EXPECT_EQ(*EffectivePageSize("page_size", 100000, 50, 200), 200);
  EXPECT_FALSE(EffectivePageSize("page_size", -1, 50, 200).ok());
}

TEST(PageSizeTest, FieldChecksCollectANegativeSizeAndCarryOnWithTheDefault) {
  FieldChecks checks;
  EXPECT_EQ(checks.PageSize("page_size", 500, 50, 200), 200);
  EXPECT_TRUE(checks.ok());
  EXPECT_EQ(checks.PageSize("page_size", -3, 50, 200), 50);
  checks.Add("room", "bad");
  const std::vector<FieldViolation> violations = FieldViolationsOf(checks.status());
  ASSERT_EQ(violations.size(), 2u);
  EXPECT_EQ(violations[0].field, "page_size");
  EXPECT_EQ(violations[1].field, "room");
}

}  // namespace
}  // namespace huiwu::api
