#include "tests/booking/print_fixture.h"

#include <unistd.h>
#include <zlib.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "gtest/gtest.h"
#include "tests/support/child_process.h"

namespace huiwu::testing {

namespace fs = std::filesystem;

std::string FindProgram(const std::string& name) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return "";
  for (absl::string_view dir : absl::StrSplit(path, ':')) {
    const std::string candidate = std::string(dir) + "/" + name;
    if (!dir.empty() && access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

std::optional<std::string> RunTool(const std::vector<std::string>& argv,
                                   const std::map<std::string, std::string>& env,
                                   absl::Duration timeout) {
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

namespace {

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

}  // namespace

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

size_t InkedPixels(const Image& image, uint32_t first_row, uint32_t end_row) {
  size_t inked = 0;
  const int colors = image.channels == 4 ? 3 : image.channels;
  const size_t stride = static_cast<size_t>(image.width) * image.channels;
  const size_t begin = std::min<size_t>(first_row, image.height) * stride;
  const size_t end = std::min<size_t>(end_row, image.height) * stride;
  for (size_t i = begin; i < end; i += image.channels) {
    for (int c = 0; c < colors; ++c) {
      if (image.pixels[i + c] < 200) {
        ++inked;
        break;
      }
    }
  }
  return inked;
}

std::string InfoField(const std::string& info, const std::string& key) {
  for (absl::string_view line : absl::StrSplit(info, '\n')) {
    if (absl::ConsumePrefix(&line, key)) return std::string(absl::StripAsciiWhitespace(line));
  }
  return "";
}

void PrintTest::SetUp() {
  chromium_ = FindProgram("chromium");
  pdftoppm_ = FindProgram("pdftoppm");
  pdfinfo_ = FindProgram("pdfinfo");
  pdftotext_ = FindProgram("pdftotext");
  if (chromium_.empty() || pdftoppm_.empty() || pdfinfo_.empty() || pdftotext_.empty()) {
    GTEST_SKIP() << "needs chromium and poppler-utils (pdftoppm, pdfinfo, pdftotext)";
  }
  ReportFixture::SetUp();
}

std::optional<Printout> PrintTest::Print(const std::string& html, const std::string& name) {
  if (html.empty()) {
    ADD_FAILURE() << name << ": no document to print";
    return std::nullopt;
  }
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
  if (!RunTool({chromium_, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                "--user-data-dir=" + profile.string(), "--print-to-pdf=" + printout.pdf.string(),
                "file://" + printout.html.string()},
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

std::optional<Image> PrintTest::PageImage(const Printout& printout, int page, int dpi) {
  const fs::path base =
      printout.pdf.parent_path() / absl::StrCat(printout.pdf.stem().string(), "-", page);
  fs::remove(base.string() + ".png");
  if (!RunTool({pdftoppm_, "-png", "-r", absl::StrCat(dpi), "-f", absl::StrCat(page), "-l",
                absl::StrCat(page), "-singlefile", printout.pdf.string(), base.string()})
           .has_value()) {
    return std::nullopt;
  }
  std::optional<Image> image = DecodePng(ReadFile(base.string() + ".png"));
  if (!image.has_value()) ADD_FAILURE() << "not a PNG pdftoppm writes: " << base << ".png";
  return image;
}

void PrintTest::ExpectPageSize(const Printout& printout, double width_pt, double height_pt) {
  const std::vector<std::string> size = absl::StrSplit(InfoField(printout.info, "Page size:"), ' ');
  ASSERT_GE(size.size(), 3u) << printout.info;
  double width = 0;
  double height = 0;
  ASSERT_TRUE(absl::SimpleAtod(size[0], &width) && absl::SimpleAtod(size[2], &height))
      << printout.info;
  EXPECT_NEAR(width, width_pt, 1.0) << printout.info;
  EXPECT_NEAR(height, height_pt, 1.0) << printout.info;
}

}  // namespace huiwu::testing
