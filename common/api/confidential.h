// Confidential meetings (保密会议, issue 14; DB44/T 2394-2022's appendix on confidential
// meetings): their content is shown only to callers entitled to it. Everyone else — door
// displays, operators, other units' systems — sees the title "内部会议" and the time and
// room, because the room is still busy and must be seen to be.
#ifndef HUIWU_COMMON_API_CONFIDENTIAL_H_
#define HUIWU_COMMON_API_CONFIDENTIAL_H_

#include <string>

#include "absl/strings/string_view.h"

namespace google::protobuf {
class Message;
}

namespace huiwu::api {

// What a caller without the right sees instead of a confidential meeting's title.
inline constexpr char kConfidentialTitle[] = "内部会议";

// Who is looking, as far as confidential content goes.
struct ConfidentialViewer {
  // In the data-access file's confidential_principals (admins, the meeting office), or
  // nothing is enforced (TLS off: the local run, tests).
  bool sees_all = false;
  // The organizer unit the caller's system acts for; empty for none.
  std::string organizer_unit;

  static ConfidentialViewer Everything() { return ConfidentialViewer{true, ""}; }
  // Nobody in particular: what other services of the center get in events.
  static ConfidentialViewer Nobody() { return ConfidentialViewer{}; }
};

// Whether `viewer` sees the content of a record of `organizer_unit`: always when it is
// not confidential; when it is, only a viewer that sees all or acts for that unit.
bool SeesContent(const ConfidentialViewer& viewer, bool confidential,
                 absl::string_view organizer_unit);

// The title to show `viewer`: `title`, or kConfidentialTitle when it may not see it. For
// renderings that print titles outside a marked message (the iCalendar feed).
std::string TitleFor(const ConfidentialViewer& viewer, bool confidential,
                     absl::string_view organizer_unit, absl::string_view title);

// Masks, at any depth of `message`, every message whose marker field
// ([(huiwu.common.v1.confidential_content) = CONFIDENTIAL_CONTENT_MARKER]) is true and
// that `viewer` may not see (SeesContent with its OWNER field): TITLE fields become
// kConfidentialTitle, WITHHELD fields are cleared, in it and in the messages inside it.
// Types with no marked field anywhere inside are not walked.
void MaskConfidential(google::protobuf::Message& message, const ConfidentialViewer& viewer);

}  // namespace huiwu::api

#endif  // HUIWU_COMMON_API_CONFIDENTIAL_H_
