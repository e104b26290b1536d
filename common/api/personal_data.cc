#include "common/api/personal_data.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "common/api/marked_fields.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"
#include "google/protobuf/message.h"
#include "huiwu/common/v1/data_access.pb.h"

namespace huiwu::api {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

common::v1::PersonalData KindOf(const FieldDescriptor& field) {
  return field.options().GetExtension(common::v1::personal_data);
}

// Whether `type` has a personal field, itself or in a message field at any depth.
bool HoldsPersonalData(const Descriptor* type) {
  static MarkedFields* personal = new MarkedFields([](const FieldDescriptor& field) {
    return KindOf(field) != common::v1::PERSONAL_DATA_UNSPECIFIED;
  });
  return personal->Holds(type);
}

void MaskField(Message& message, const Reflection& reflection, const FieldDescriptor& field) {
  switch (KindOf(field)) {
    case common::v1::PERSONAL_DATA_WITHHELD:
      reflection.ClearField(&message, &field);
      return;
    case common::v1::PERSONAL_DATA_PHONE:
      if (field.cpp_type() != FieldDescriptor::CPPTYPE_STRING) return;
      if (field.is_repeated()) {
        for (int i = 0; i < reflection.FieldSize(message, &field); ++i) {
          reflection.SetRepeatedString(&message, &field, i,
                                       MaskPhone(reflection.GetRepeatedString(message, &field, i)));
        }
      } else {
        reflection.SetString(&message, &field, MaskPhone(reflection.GetString(message, &field)));
      }
      return;
    default:
      break;
  }
  if (field.cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE ||
      !HoldsPersonalData(field.message_type())) {
    return;
  }
  if (field.is_repeated()) {
    for (int i = 0; i < reflection.FieldSize(message, &field); ++i) {
      MaskPersonalData(*reflection.MutableRepeatedMessage(&message, &field, i));
    }
  } else {
    MaskPersonalData(*reflection.MutableMessage(&message, &field));
  }
}

}  // namespace

void MaskPersonalData(Message& message) {
  if (!HoldsPersonalData(message.GetDescriptor())) return;
  const Reflection& reflection = *message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection.ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) MaskField(message, reflection, *field);
}

std::string MaskPhone(absl::string_view phone) {
  int digits = 0;
  for (char c : phone) digits += absl::ascii_isdigit(static_cast<unsigned char>(c)) ? 1 : 0;
  const int keep_first = digits >= 8 ? 3 : 0;
  const int keep_last = digits >= 8 ? 4 : 2;
  std::string masked;
  masked.reserve(phone.size());
  int seen = 0;
  for (char c : phone) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      // Anything else than a digit is masked too, except the separators a phone has.
      masked.push_back(absl::string_view(" +-()").find(c) == absl::string_view::npos ? '*' : c);
      continue;
    }
    ++seen;
    masked.push_back(seen <= keep_first || seen > digits - keep_last ? c : '*');
  }
  return masked;
}

}  // namespace huiwu::api
