// Numbered copies of a confidential meeting's materials (保密文件编号发放、回收): the
// archive waits until each copy is recovered or written off.
#include "services/booking/domain/material_copies.h"

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "gtest/gtest.h"

namespace huiwu::booking {
namespace {

MaterialCopy Copy(const std::string& number, MaterialCopyState state) {
  MaterialCopy copy;
  copy.meeting_id = "m1";
  copy.number = number;
  copy.state = state;
  return copy;
}

TEST(MaterialCopiesTest, AConfidentialMeetingWaitsForEveryCopyOut) {
  const std::vector<MaterialCopy> copies = {
      Copy("001", MaterialCopyState::kRecovered), Copy("002", MaterialCopyState::kOut),
      Copy("003", MaterialCopyState::kWrittenOff), Copy("004", MaterialCopyState::kOut)};
  EXPECT_EQ(CopiesOut(copies), (std::vector<std::string>{"002", "004"}));
  const absl::Status refused = CheckCopiesAccountedFor("m1", true, copies);
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(refused), "MATERIAL_COPIES_OUT");
  EXPECT_NE(refused.message().find("2 numbered copies"), absl::string_view::npos)
      << refused.message();
  EXPECT_NE(refused.message().find("002, 004"), absl::string_view::npos) << refused.message();
  EXPECT_NE(refused.message().find("meetings/m1"), absl::string_view::npos);
}

TEST(MaterialCopiesTest, AccountedForOrNotConfidentialIsArchivable) {
  EXPECT_TRUE(CheckCopiesAccountedFor("m1", true, {}).ok());
  EXPECT_TRUE(CheckCopiesAccountedFor("m1", true,
                                      {Copy("001", MaterialCopyState::kRecovered),
                                       Copy("002", MaterialCopyState::kWrittenOff)})
                  .ok());
  // The rule is the confidential meetings'.
  EXPECT_TRUE(CheckCopiesAccountedFor("m1", false, {Copy("001", MaterialCopyState::kOut)}).ok());
}

TEST(MaterialCopiesTest, ManyCopiesOutAreNamedBrieflyButCountedInFull) {
  std::vector<MaterialCopy> copies;
  for (int i = 1; i <= 150; ++i)
    copies.push_back(Copy(absl::StrCat("n-", i), MaterialCopyState::kOut));
  const absl::Status refused = CheckCopiesAccountedFor("m1", true, copies);
  EXPECT_NE(refused.message().find("150 numbered copies"), absl::string_view::npos);
  EXPECT_NE(refused.message().find("n-20, …"), absl::string_view::npos) << refused.message();
  EXPECT_EQ(refused.message().find("n-21"), absl::string_view::npos);
  // An error travels in trailers that clients cap at a few KB.
  EXPECT_LT(refused.message().size(), 1000u);
}

TEST(MaterialCopiesTest, OnlyACopyThatIsOutIsRecoveredOrWrittenOff) {
  EXPECT_TRUE(CheckCanClose(Copy("001", MaterialCopyState::kOut)).ok());
  for (MaterialCopyState state : {MaterialCopyState::kRecovered, MaterialCopyState::kWrittenOff}) {
    const absl::Status refused = CheckCanClose(Copy("001", state));
    EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_EQ(ReasonOf(refused), "MATERIAL_COPY_NOT_OUT");
    EXPECT_NE(refused.message().find("meetings/m1/materialCopies/001"), absl::string_view::npos);
  }
}

TEST(MaterialCopiesTest, StatesAreNumberedAsTheApi) {
  EXPECT_EQ(MaterialCopyStateFromNumber(1), MaterialCopyState::kOut);
  EXPECT_EQ(MaterialCopyStateFromNumber(3), MaterialCopyState::kWrittenOff);
  EXPECT_EQ(MaterialCopyStateFromNumber(0), std::nullopt);
  EXPECT_EQ(MaterialCopyStateFromNumber(4), std::nullopt);
}

}  // namespace
}  // namespace huiwu::booking
