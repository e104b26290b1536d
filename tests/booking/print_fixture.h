// Documents looked at as a person would: the real service renders them, Debian's headless
// Chromium prints them to PDF, pdfinfo and pdftotext read the PDF, pdftoppm turns a page
// into a PNG. The HTML, PDF and PNG stay in the build folder (print_artifacts/) to be
// looked at. The fixture skips where chromium or poppler-utils are not installed
// (scripts/lib/deps.sh installs them).
#ifndef HUIWU_TESTS_BOOKING_PRINT_FIXTURE_H_
#define HUIWU_TESTS_BOOKING_PRINT_FIXTURE_H_

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "tests/booking/report_fixture.h"

namespace huiwu::testing {

// The program's path on PATH, or "" when it is not installed.
std::string FindProgram(const std::string& name);

// Runs a tool to its end (within `timeout`) and returns its output, or nullopt with
// the output reported as a test failure when it fails.
std::optional<std::string> RunTool(const std::vector<std::string>& argv,
                                   const std::map<std::string, std::string>& env = {},
                                   absl::Duration timeout = absl::Seconds(120));

std::string ReadFile(const std::filesystem::path& path);

// A PNG as pdftoppm writes it (8-bit grey, RGB or RGBA, not interlaced), decoded.
struct Image {
  uint32_t width = 0;
  uint32_t height = 0;
  int channels = 0;
  std::vector<uint8_t> pixels;  // rows of width × channels bytes
};

std::optional<Image> DecodePng(const std::string& png);

// Pixels that are not (nearly) white — ink on the page — in rows [first_row, end_row)
// (all rows by default).
size_t InkedPixels(const Image& image, uint32_t first_row = 0, uint32_t end_row = UINT32_MAX);

// The value after `key` on its line of pdfinfo's output.
std::string InfoField(const std::string& info, const std::string& key);

// Printed as an operator prints it: the HTML through headless Chromium to PDF.
struct Printout {
  std::filesystem::path html;
  std::filesystem::path pdf;
  std::string info;  // pdfinfo's output
  std::string text;  // pdftotext -layout of the whole document
};

class PrintTest : public ReportFixture {
 protected:
  void SetUp() override;

  // Writes `html` as <name>.html in the artifact folder and prints it to <name>.pdf.
  std::optional<Printout> Print(const std::string& html, const std::string& name);

  // Page `page` (1-based) of the printout as an image at `dpi`, kept as <name>-<page>.png.
  std::optional<Image> PageImage(const Printout& printout, int page, int dpi);

  // Every page is `width_pt` × `height_pt` (within 1 pt; Chromium rounds A4 to
  // 594.96 × 841.92).
  static void ExpectPageSize(const Printout& printout, double width_pt, double height_pt);
  static void ExpectA4(const Printout& printout) { ExpectPageSize(printout, 595.3, 841.9); }
  static void ExpectA4Landscape(const Printout& printout) {
    ExpectPageSize(printout, 841.9, 595.3);
  }
  static void ExpectA3Landscape(const Printout& printout) {
    ExpectPageSize(printout, 1190.6, 841.9);
  }

  std::string chromium_;
  std::string pdftoppm_;
  std::string pdfinfo_;
  std::string pdftotext_;
};

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_BOOKING_PRINT_FIXTURE_H_
