// The sign-in sheet (签到表), the seating plan (座次图) and the nameplates (桌牌) printed
// (print_fixture.h) and checked as documents: paper, page count, the people in rank
// order where the page shows them, and ink on both faces of a folded nameplate.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/booking/print_fixture.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;

struct Person {
  std::string id;
  std::string name;
  int rank = 0;  // 0: unranked
  bool vip = false;
};

// The leaders of a city working meeting, listed as organizers often list them: staff
// first, leaders after, out of rank order; their ranks say the order.
const std::vector<Person> kPeople = {
    {"p-zhao", "赵文静"},     {"p-qian", "钱晓梅"},         {"p-wang", "王建国", 2},
    {"p-chen", "陈国平", 5},  {"p-li", "李明华", 1},        {"p-liu", "刘晓东", 4},
    {"p-zhang", "张志强", 3}, {"p-sun", "孙丽娟", 0, true}, {"p-zhou", "周海涛"},
    {"p-wu", "吴静怡"},       {"p-zheng", "郑国栋"},        {"p-feng", "冯雅琴"},
};

// kPeople's names in protocol order: ranks 1–5, the unranked VIP, the others as listed.
const std::vector<std::string> kInRankOrder = {"李明华", "王建国", "张志强", "刘晓东",
                                               "陈国平", "孙丽娟", "赵文静", "钱晓梅",
                                               "周海涛", "吴静怡", "郑国栋", "冯雅琴"};

class DocumentPrintTest : public PrintTest {
 protected:
  // Creates and confirms a meeting in city-hall/301 on 2026-12-02 10:00–12:00 listing
  // `people`; returns its name.
  std::string BookWith(const std::vector<Person>& people) {
    v1::Meeting meeting = SampleMeeting("buildings/city-hall/rooms/301", Local(2, 10), Local(2, 12),
                                        static_cast<int>(people.size()));
    meeting.set_title("全市重点工作推进会");
    for (const Person& p : people) {
      v1::Attendee* a = meeting.add_attendees();
      a->set_id(p.id);
      a->set_name(p.name);
      a->set_unit("市人民政府");
      a->set_title(p.rank > 0 ? "市领导" : "");
      a->set_protocol_rank(p.rank);
      a->set_vip(p.vip);
    }
    v1::Meeting created;
    grpc::Status status = CreateMeeting(*booking_, meeting, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    status = ConfirmMeeting(*booking_, created.name());
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created.name();
  }

  v1::GetSeatingPlanResponse Plan(const std::string& meeting, int rostrum, int rows, int per_row,
                                  v1::SeniorSide side, v1::PaperSize paper) {
    v1::GetSeatingPlanRequest request;
    request.set_meeting(meeting);
    request.mutable_layout()->set_rostrum_seats(rostrum);
    request.mutable_layout()->set_hall_rows(rows);
    request.mutable_layout()->set_hall_seats_per_row(per_row);
    request.mutable_rule()->set_senior_side(side);
    request.set_paper_size(paper);
    v1::GetSeatingPlanResponse plan;
    grpc::Status status = booking_->GetSeatingPlan(CallContext().get(), request, &plan);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return plan;
  }
};

// Where each of `names` first appears in `text`, in the order given; npos when missing.
std::vector<size_t> PositionsOf(const std::string& text, const std::vector<std::string>& names) {
  std::vector<size_t> at;
  for (const std::string& name : names) at.push_back(text.find(name));
  return at;
}

void ExpectInOrder(const std::string& text, const std::vector<std::string>& names) {
  const std::vector<size_t> at = PositionsOf(text, names);
  for (size_t i = 0; i < at.size(); ++i) {
    ASSERT_NE(at[i], std::string::npos) << names[i] << " not printed:\n" << text;
    if (i > 0) {
      EXPECT_LT(at[i - 1], at[i]) << names[i - 1] << " after " << names[i] << "\n" << text;
    }
  }
}

// The printed line that shows every one of `names` (a row of seats), or "".
std::string LineWithAll(const std::string& text, const std::vector<std::string>& names) {
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    bool all = true;
    for (const std::string& name : names) all = all && line.find(name) != absl::string_view::npos;
    if (all) return std::string(line);
  }
  return "";
}

// How well the upper face (above the fold) matches the lower face, turned
// half round (`turned`) or just moved down: the share of inked pixels the two have in
// common (intersection over union), at the best shift of up to 3 pixels either way (the
// rasterizer may round the faces' edges differently).
double FaceOverlap(const Image& image, bool turned) {
  const int width = static_cast<int>(image.width);
  // Each face is 104 mm of the page's 210 (seating_html.cc), the lower one right below.
  const int face = static_cast<int>(image.height) * 104 / 210;
  const int lower_top = face;
  const auto inked = [&image](int x, int y) {
    if (x < 0 || y < 0 || x >= static_cast<int>(image.width) ||
        y >= static_cast<int>(image.height)) {
      return false;
    }
    const size_t at = (static_cast<size_t>(y) * image.width + x) * image.channels;
    const int colors = image.channels == 4 ? 3 : image.channels;
    for (int c = 0; c < colors; ++c) {
      if (image.pixels[at + c] < 200) return true;
    }
    return false;
  };
  double best = 0;
  for (int dx = -3; dx <= 3; ++dx) {
    for (int dy = -3; dy <= 3; ++dy) {
      size_t both = 0;
      size_t either = 0;
      for (int y = 0; y < face; ++y) {
        for (int x = 0; x < width; ++x) {
          const bool up =
              turned ? inked(width - 1 - x + dx, face - 1 - y + dy) : inked(x + dx, y + dy);
          const bool down = inked(x, lower_top + y);
          both += up && down;
          either += up || down;
        }
      }
      if (either > 0) best = std::max(best, static_cast<double>(both) / either);
    }
  }
  return best;
}

TEST_F(DocumentPrintTest, TheSignInSheetIsOneA4PageInRankOrderWithASignatureColumn) {
  const std::string meeting = BookWith(kPeople);
  // The principal signs in at the door 20 minutes before the start.
  clock_.Set(Local(2, 9, 40));
  v1::SignInRequest sign_in;
  sign_in.set_meeting(meeting);
  sign_in.set_attendee_id("p-li");
  v1::SignInResponse signed_in;
  ASSERT_TRUE(booking_->SignIn(CallContext().get(), sign_in, &signed_in).ok());

  v1::GetSignInSheetRequest request;
  request.set_meeting(meeting);
  v1::GetSignInSheetResponse sheet;
  grpc::Status status = booking_->GetSignInSheet(CallContext().get(), request, &sheet);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(sheet.lines_size(), 12);
  EXPECT_EQ(sheet.lines(0).attendee().protocol_rank(), 1);

  const std::optional<Printout> printout = Print(sheet.rendered_html(), "sign_in_sheet");
  ASSERT_TRUE(printout.has_value());
  EXPECT_EQ(InfoField(printout->info, "Pages:"), "1") << printout->info;
  ExpectA4(*printout);
  const std::string& printed = printout->text;
  EXPECT_THAT(printed, ::testing::HasSubstr("会议签到表"));
  EXPECT_THAT(printed, ::testing::HasSubstr("全市重点工作推进会"));
  // The column heads, the signature (签名) last, and the principal's sign-in time.
  const std::string heads = LineWithAll(printed, {"序号", "签名"});
  ASSERT_FALSE(heads.empty()) << printed;
  ExpectInOrder(heads, {"序号", "姓名", "单位", "职务", "签到时间", "签名"});
  EXPECT_THAT(LineWithAll(printed, {"李明华", "09:40"}), ::testing::Not(::testing::IsEmpty()))
      << printed;
  ExpectInOrder(printed, kInRankOrder);

  // Ink on the page, but most of it white: the signature column is left blank.
  const std::optional<Image> image = PageImage(*printout, 1, 50);
  ASSERT_TRUE(image.has_value());
  EXPECT_NEAR(image->width, 413, 2);
  EXPECT_NEAR(image->height, 585, 2);
  const size_t inked = InkedPixels(*image);
  EXPECT_GT(inked, image->width * image->height / 200) << "the page is (nearly) blank";
  EXPECT_LT(inked, image->width * image->height / 4) << "the page is mostly ink";
}

TEST_F(DocumentPrintTest, TheSeatingPlanPrintsOnOneLandscapeSheetWithTheRostrumByTheRule) {
  const std::string meeting = BookWith(kPeople);
  // 以左为上 on A4: five on the rostrum, seen from the hall 5 3 1 2 4; seven in the hall.
  const v1::GetSeatingPlanResponse left =
      Plan(meeting, 5, 2, 6, v1::SENIOR_SIDE_LEFT, v1::PAPER_SIZE_A4);
  ASSERT_EQ(left.seats_size(), 12);
  std::optional<Printout> printout = Print(left.rendered_html(), "seating_plan_a4");
  ASSERT_TRUE(printout.has_value());
  EXPECT_EQ(InfoField(printout->info, "Pages:"), "1") << printout->info;
  ExpectA4Landscape(*printout);
  EXPECT_THAT(printout->text, ::testing::HasSubstr("会议座次图"));
  EXPECT_THAT(printout->text, ::testing::HasSubstr("以左为上"));
  std::string rostrum = LineWithAll(printout->text, {"陈国平", "李明华", "刘晓东"});
  ASSERT_FALSE(rostrum.empty()) << printout->text;
  ExpectInOrder(rostrum, {"陈国平", "张志强", "李明华", "王建国", "刘晓东"});
  // The list under the drawing, in protocol order.
  const size_t list = printout->text.find("名单");
  ASSERT_NE(list, std::string::npos) << printout->text;
  ExpectInOrder(printout->text.substr(list), kInRankOrder);

  // 以右为尊 on A3: the same rostrum mirrored, 4 2 1 3 5.
  const v1::GetSeatingPlanResponse right =
      Plan(meeting, 5, 2, 6, v1::SENIOR_SIDE_RIGHT, v1::PAPER_SIZE_A3);
  printout = Print(right.rendered_html(), "seating_plan_a3");
  ASSERT_TRUE(printout.has_value());
  EXPECT_EQ(InfoField(printout->info, "Pages:"), "1") << printout->info;
  ExpectA3Landscape(*printout);
  EXPECT_THAT(printout->text, ::testing::HasSubstr("以右为尊"));
  rostrum = LineWithAll(printout->text, {"陈国平", "李明华", "刘晓东"});
  ASSERT_FALSE(rostrum.empty()) << printout->text;
  ExpectInOrder(rostrum, {"刘晓东", "王建国", "李明华", "张志强", "陈国平"});
}

TEST_F(DocumentPrintTest, NameplatesAreOneFoldedA4CardPerNameInkedOnBothFaces) {
  const std::vector<Person> leaders = {kPeople[2], kPeople[4], kPeople[6]};  // ranks 2, 1, 3
  const std::string meeting = BookWith(leaders);
  const v1::GetSeatingPlanResponse plan =
      Plan(meeting, 3, 0, 0, v1::SENIOR_SIDE_LEFT, v1::PAPER_SIZE_UNSPECIFIED);
  const std::optional<Printout> printout = Print(plan.nameplates_html(), "nameplates");
  ASSERT_TRUE(printout.has_value());
  EXPECT_EQ(InfoField(printout->info, "Pages:"), "3") << printout->info;
  ExpectA4Landscape(*printout);
  ExpectInOrder(printout->text, {"李明华", "王建国", "张志强"});

  // Page 1 at 30 dpi (297 × 210 mm): the name on each face of the fold, the same amount
  // of ink on both (one face is the other turned round), and large: each face carries a
  // good share of ink.
  const std::optional<Image> image = PageImage(*printout, 1, 30);
  ASSERT_TRUE(image.has_value());
  EXPECT_NEAR(image->width, 351, 2);
  EXPECT_NEAR(image->height, 248, 2);
  const uint32_t fold = image->height / 2;
  const size_t upper = InkedPixels(*image, 0, fold - 3);
  const size_t lower = InkedPixels(*image, fold + 3, image->height);
  const size_t face = static_cast<size_t>(image->width) * (fold - 3);
  EXPECT_GT(upper, face / 50) << "the upper face is (nearly) blank";
  EXPECT_GT(lower, face / 50) << "the lower face is (nearly) blank";
  EXPECT_NEAR(static_cast<double>(upper), static_cast<double>(lower), 0.2 * lower);
  // Folded, each face reads upright to the people facing it: the upper face is the lower
  // one turned half round, not the lower one moved up.
  const double turned = FaceOverlap(*image, /*turned=*/true);
  const double moved = FaceOverlap(*image, /*turned=*/false);
  EXPECT_GT(turned, 0.5) << "the faces do not show the same name";
  EXPECT_GT(turned, moved + 0.1) << "the upper face is not upside down";
}

}  // namespace
}  // namespace huiwu::testing
