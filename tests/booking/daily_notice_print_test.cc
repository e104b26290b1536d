// The daily service notice looked at as a person would: the real service renders it,
// Debian's headless Chromium prints it to PDF, pdftoppm turns page 1 into a PNG. It must
// be one A4 page with the day's meetings on it, in order. The HTML, PDF and PNG stay in
// the build folder (print_artifacts/) to be looked at. Skipped where chromium or
// poppler-utils are not installed (scripts/lib/deps.sh installs them).
#include <unistd.h>
#include <zlib.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/booking/report_fixture.h"
#include "tests/support/child_process.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;
namespace fs = std::filesystem;

// The program's path on PATH, or "" when it is not installed.
std::string FindProgram(const std::string& name) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return "";
  for (absl::string_view dir : absl::StrSplit(path, ':')) {
    const std::string candidate = std::string(dir) + "/" + name;
    if (!dir.empty() && access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

// Runs a tool to its end (within `timeout`) and returns its output, or nullopt with
// the output reported when it fails.
std::optional<std::string> RunTool(const std::vector<std::string>& argv,
                                   const std::map<std::string, std::string>& env = {},
                                   absl::Duration timeout = absl::Seconds(120)) {
  ChildProcess tool(argv, env);
  const std::optional<int> exit = tool.WaitForExit(timeout);
  if (!exit.has_value() || *exit != 0) {
    ADD_FAILURE() << argv[0] << " failed (" << (exit.has_value() ? *exit : -1)
                  << "): " << tool.Log();
    return std::nullopt;
  }
  return tool.Log();
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

uint32_t BigEndian32(const std::string& bytes, size_t at) {
  return (static_cast<uint32_t>(static_cast<unsigned char>(bytes[at])) << 24) |
         (static_cast<uint32_t>(static_cast<unsigned char>(bytes[at + 1])) << 16) |
         (static_cast<uint32_t>(static_cast<unsigned char>(bytes[at + 2])) << 8) |
         static_cast<uint32_t>(static_cast<unsigned char>(bytes[at + 3]));
}

int Paeth(int a, int b, int c) {
  const int p = a + b - c;
  const int pa = std::abs(p - a);
  const int pb = std::abs(p - b);
  const int pc = std::abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

// A PNG as pdftoppm writes it (8-bit grey, RGB or RGBA, not interlaced), decoded.
struct Image {
  uint32_t width = 0;
  uint32_t height = 0;
  int channels = 0;
  std::vector<uint8_t> pixels;  // rows of width × channels bytes
};

std::optional<Image> DecodePng(const std::string& png) {
  if (png.size() < 8 || png.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0) return std::nullopt;
  Image image;
  std::string compressed;
  for (size_t at = 8; at + 12 <= png.size();) {
    const uint32_t length = BigEndian32(png, at);
    const std::string type = png.substr(at + 4, 4);
    if (at + 12 + length > png.size()) return std::nullopt;
    if (type == "IHDR") {
      image.width = BigEndian32(png, at + 8);
      image.height = BigEndian32(png, at + 12);
      const int depth = static_cast<unsigned char>(png[at + 16]);
      const int color = static_cast<unsigned char>(png[at + 17]);
      const int interlace = static_cast<unsigned char>(png[at + 20]);
      if (depth != 8 || interlace != 0) return std::nullopt;
      image.channels = color == 0 ? 1 : color == 2 ? 3 : color == 6 ? 4 : 0;
      if (image.channels == 0) return std::nullopt;
    } else if (type == "IDAT") {
      compressed += png.substr(at + 8, length);
    }
    at += 12 + length;
  }
  const size_t stride = image.width * image.channels;
  std::vector<uint8_t> raw((stride + 1) * image.height);
  uLongf raw_size = raw.size();
  if (uncompress(raw.data(), &raw_size, reinterpret_cast<const Bytef*>(compressed.data()),
                 compressed.size()) != Z_OK ||
      raw_size != raw.size()) {
    return std::nullopt;
  }
  image.pixels.assign(stride * image.height, 0);
  for (uint32_t y = 0; y < image.height; ++y) {
    const uint8_t filter = raw[y * (stride + 1)];
    const uint8_t* in = &raw[y * (stride + 1) + 1];
    uint8_t* out = &image.pixels[y * stride];
    const uint8_t* up = y > 0 ? &image.pixels[(y - 1) * stride] : nullptr;
    for (size_t x = 0; x < stride; ++x) {
      const int a = x >= static_cast<size_t>(image.channels) ? out[x - image.channels] : 0;
      const int b = up != nullptr ? up[x] : 0;
      const int c =
          up != nullptr && x >= static_cast<size_t>(image.channels) ? up[x - image.channels] : 0;
      int predictor = 0;
      switch (filter) {
        case 0:
          break;
        case 1:
          predictor = a;
          break;
        case 2:
          predictor = b;
          break;
        case 3:
          predictor = (a + b) / 2;
          break;
        case 4:
          predictor = Paeth(a, b, c);
          break;
        default:
          return std::nullopt;
      }
      out[x] = static_cast<uint8_t>(in[x] + predictor);
    }
  }
  return image;
}

// Pixels that are not (nearly) white: ink on the page.
size_t InkedPixels(const Image& image) {
  size_t inked = 0;
  const int colors = image.channels == 4 ? 3 : image.channels;
  for (size_t i = 0; i < image.pixels.size(); i += image.channels) {
    for (int c = 0; c < colors; ++c) {
      if (image.pixels[i + c] < 200) {
        ++inked;
        break;
      }
    }
  }
  return inked;
}

// The value after `key` on its line of pdfinfo's output.
std::string InfoField(const std::string& info, const std::string& key) {
  for (absl::string_view line : absl::StrSplit(info, '\n')) {
    if (absl::ConsumePrefix(&line, key)) return std::string(absl::StripAsciiWhitespace(line));
  }
  return "";
}

// Printed as an operator prints it: the HTML through headless Chromium to PDF.
struct Printout {
  fs::path html;
  fs::path pdf;
  std::string info;  // pdfinfo's output
  std::string text;  // pdftotext -layout of the whole document
};

class PrintTest : public ReportFixture {
 protected:
  void SetUp() override {
    chromium_ = FindProgram("chromium");
    pdftoppm_ = FindProgram("pdftoppm");
    pdfinfo_ = FindProgram("pdfinfo");
    pdftotext_ = FindProgram("pdftotext");
    if (chromium_.empty() || pdftoppm_.empty() || pdfinfo_.empty() || pdftotext_.empty()) {
      GTEST_SKIP() << "needs chromium and poppler-utils (pdftoppm, pdfinfo, pdftotext)";
    }
    ReportFixture::SetUp();
  }

  // Writes `html` as <name>.html in the artifact folder and prints it to <name>.pdf.
  std::optional<Printout> Print(const std::string& html, const std::string& name) {
    const fs::path dir = fs::path(HUIWU_PRINT_ARTIFACT_DIR);
    fs::create_directories(dir);
    Printout printout{dir / (name + ".html"), dir / (name + ".pdf"), "", ""};
    const fs::path text = dir / (name + ".txt");
    fs::remove(printout.pdf);
    fs::remove(text);
    {
      std::ofstream out(printout.html, std::ios::binary);
      out << html;
    }
    // A profile of its own per printout: ctest runs the print tests in parallel, and
    // Chromium refuses a profile another instance holds (SingletonLock).
    const fs::path profile = dir / ("chromium-" + name);
    fs::remove_all(profile);
    if (!RunTool({chromium_, "--headless", "--no-sandbox", "--disable-gpu",
                  "--no-pdf-header-footer", "--user-data-dir=" + profile.string(),
                  "--print-to-pdf=" + printout.pdf.string(), "file://" + printout.html.string()},
                 {{"HOME", profile.string()}})
             .has_value()) {
      return std::nullopt;
    }
    if (!fs::exists(printout.pdf)) {
      ADD_FAILURE() << "chromium wrote no PDF";
      return std::nullopt;
    }
    std::optional<std::string> info = RunTool({pdfinfo_, printout.pdf.string()});
    if (!info.has_value() ||
        !RunTool({pdftotext_, "-layout", printout.pdf.string(), text.string()}).has_value()) {
      return std::nullopt;
    }
    printout.info = *std::move(info);
    printout.text = ReadFile(text);
    return printout;
  }

  // Every page is A4: 595.28 × 841.89 pt (Chromium writes 594.96 × 841.92).
  static void ExpectA4(const Printout& printout) {
    const std::vector<std::string> size =
        absl::StrSplit(InfoField(printout.info, "Page size:"), ' ');
    ASSERT_GE(size.size(), 3u) << printout.info;
    double width = 0;
    double height = 0;
    ASSERT_TRUE(absl::SimpleAtod(size[0], &width) && absl::SimpleAtod(size[2], &height))
        << printout.info;
    EXPECT_NEAR(width, 595.3, 1.0) << printout.info;
    EXPECT_NEAR(height, 841.9, 1.0) << printout.info;
  }

  std::string chromium_;
  std::string pdftoppm_;
  std::string pdfinfo_;
  std::string pdftotext_;
};

TEST_F(PrintTest, TheDailyNoticePrintsOnOneA4PageWithTheMeetingsInOrder) {
  // A day of the center: three meetings, one with a hostile title, staff and services.
  Book("302", "下午专题座谈会", Local(2, 14), Local(2, 16),
       {v1::SERVICE_KIND_NAMEPLATES, v1::SERVICE_KIND_TEA});
  const std::string morning = Book("301", "季度工作调度会", Local(2, 9), Local(2, 11),
                                   {v1::SERVICE_KIND_BANNER, v1::SERVICE_KIND_TEA});
  Book("301", "<script>document.body.innerHTML=''</script>安全培训", Local(2, 15), Local(2, 17));
  AddAttendant("wang-li", "F-001", "王丽");
  RequireAttendants(morning, "301", Local(2, 9), Local(2, 11), 1);
  Assign(morning, "staff/wang-li");
  ASSERT_TRUE(RecordServiceDone(morning, v1::SERVICE_KIND_TEA).ok());

  v1::GetDailyServiceNoticeRequest request;
  request.mutable_date()->set_year(2026);
  request.mutable_date()->set_month(12);
  request.mutable_date()->set_day(2);
  v1::GetDailyServiceNoticeResponse notice;
  grpc::Status status = booking_->GetDailyServiceNotice(CallContext().get(), request, &notice);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(notice.meetings_size(), 3);

  const std::optional<Printout> printout = Print(notice.rendered_html(), "daily_notice");
  ASSERT_TRUE(printout.has_value());
  EXPECT_EQ(InfoField(printout->info, "Pages:"), "1") << printout->info;
  ExpectA4(*printout);

  // The text on the page: every meeting, in time order; the hostile title printed as
  // text, not run.
  const std::string& printed = printout->text;
  const size_t first = printed.find("季度工作调度会");
  const size_t second = printed.find("下午专题座谈会");
  const size_t third = printed.find("安全培训");
  ASSERT_NE(first, std::string::npos) << printed;
  ASSERT_NE(second, std::string::npos) << printed;
  ASSERT_NE(third, std::string::npos) << printed;
  EXPECT_LT(first, second);
  EXPECT_LT(second, third);
  EXPECT_THAT(printed, ::testing::HasSubstr("每日服务通知"));
  EXPECT_THAT(printed, ::testing::HasSubstr("<script>"));
  EXPECT_THAT(printed, ::testing::HasSubstr("王丽"));

  // Page 1 as an image at 50 dpi: A4 proportions, with ink on it.
  const fs::path png_base = printout->pdf.parent_path() / "daily_notice";
  fs::remove(png_base.string() + ".png");
  ASSERT_TRUE(RunTool({pdftoppm_, "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile",
                       printout->pdf.string(), png_base.string()})
                  .has_value());
  const std::optional<Image> image = DecodePng(ReadFile(png_base.string() + ".png"));
  ASSERT_TRUE(image.has_value()) << "not a PNG pdftoppm writes";
  EXPECT_NEAR(image->width, 413, 2);   // 210 mm at 50 dpi
  EXPECT_NEAR(image->height, 585, 2);  // 297 mm
  const size_t inked = InkedPixels(*image);
  EXPECT_GT(inked, image->width * image->height / 200) << "the page is (nearly) blank";
  EXPECT_LT(inked, image->width * image->height / 2) << "the page is mostly ink";
}

TEST_F(PrintTest, TheWeeklyBriefPrintsOnA4) {
  const std::string held = Book("301", "季度工作调度会", Local(2, 9), Local(2, 11));
  clock_.Set(Local(2, 9));
  v1::StartMeetingRequest start;
  start.set_name(held);
  v1::StartMeetingResponse started;
  ASSERT_TRUE(booking_->StartMeeting(CallContext().get(), start, &started).ok());
  v1::GetWeeklyBriefRequest request;
  request.mutable_week()->set_year(2026);
  request.mutable_week()->set_month(12);
  request.mutable_week()->set_day(2);
  v1::GetWeeklyBriefResponse brief;
  grpc::Status status = booking_->GetWeeklyBrief(CallContext().get(), request, &brief);
  ASSERT_TRUE(status.ok()) << status.error_message();

  const std::optional<Printout> printout = Print(brief.rendered_html(), "weekly_brief");
  ASSERT_TRUE(printout.has_value());
  ExpectA4(*printout);
  EXPECT_THAT(printout->text, ::testing::HasSubstr("每周业务简报"));
  EXPECT_THAT(printout->text, ::testing::HasSubstr("市政府大楼 301会议室"));
  EXPECT_THAT(printout->text, ::testing::HasSubstr("六、无人签到会议"));
}

}  // namespace
}  // namespace huiwu::testing
