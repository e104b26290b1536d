// Personal data shown to a caller that does not need it (issue 11; the data-access file
// says who does): masked the way Chinese public services print a phone number, so that
// the answer keeps its shape and a person on the phone can still confirm the last digits.
#ifndef HUIWU_COMMON_API_PERSONAL_DATA_H_
#define HUIWU_COMMON_API_PERSONAL_DATA_H_

#include <string>

#include "absl/strings/string_view.h"

namespace google::protobuf {
class Message;
}

namespace huiwu::api {

// Masks every field of `message`, at any depth, that the proto marks as personal data
// ([(huiwu.common.v1.personal_data) = …]): phones as MaskPhone, withheld fields cleared.
// Types without such a field anywhere inside are not walked.
void MaskPersonalData(google::protobuf::Message& message);

// "13800138000" → "138****8000": the digits but the first 3 and the last 4 become '*';
// a number with fewer than 8 digits keeps only its last 2; spaces and + - ( ) stay.
std::string MaskPhone(absl::string_view phone);

}  // namespace huiwu::api

#endif  // HUIWU_COMMON_API_PERSONAL_DATA_H_
