#include "common/api/confidential.h"

#include <vector>

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

common::v1::ConfidentialContent KindOf(const FieldDescriptor& field) {
  return field.options().GetExtension(common::v1::confidential_content);
}

// Whether `type` has a marked field, itself or at any depth.
bool Marked(const Descriptor* type) {
  static MarkedFields* confidential = new MarkedFields([](const FieldDescriptor& field) {
    return KindOf(field) != common::v1::CONFIDENTIAL_CONTENT_UNSPECIFIED;
  });
  return confidential->Holds(type);
}

// Whether `message` itself is confidential content that `viewer` may not see.
bool Hidden(const Message& message, const ConfidentialViewer& viewer) {
  const Descriptor* type = message.GetDescriptor();
  const Reflection& reflection = *message.GetReflection();
  bool confidential = false;
  std::string owner;
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    if (field->is_repeated()) continue;
    switch (KindOf(*field)) {
      case common::v1::CONFIDENTIAL_CONTENT_MARKER:
        if (field->cpp_type() == FieldDescriptor::CPPTYPE_BOOL) {
          confidential = confidential || reflection.GetBool(message, field);
        }
        break;
      case common::v1::CONFIDENTIAL_CONTENT_OWNER:
        if (field->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
          owner = reflection.GetString(message, field);
        }
        break;
      default:
        break;
    }
  }
  return !SeesContent(viewer, confidential, owner);
}

void Walk(Message& message, const ConfidentialViewer& viewer, bool hidden) {
  if (!Marked(message.GetDescriptor())) return;
  hidden = hidden || Hidden(message, viewer);
  const Reflection& reflection = *message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection.ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    const common::v1::ConfidentialContent kind = KindOf(*field);
    if (hidden && kind == common::v1::CONFIDENTIAL_CONTENT_WITHHELD) {
      reflection.ClearField(&message, field);
      continue;
    }
    if (hidden && kind == common::v1::CONFIDENTIAL_CONTENT_TITLE &&
        field->cpp_type() == FieldDescriptor::CPPTYPE_STRING && !field->is_repeated()) {
      reflection.SetString(&message, field, kConfidentialTitle);
      continue;
    }
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (field->is_repeated()) {
      for (int i = 0; i < reflection.FieldSize(message, field); ++i) {
        Walk(*reflection.MutableRepeatedMessage(&message, field, i), viewer, hidden);
      }
    } else {
      Walk(*reflection.MutableMessage(&message, field), viewer, hidden);
    }
  }
}

}  // namespace

bool SeesContent(const ConfidentialViewer& viewer, bool confidential,
                 absl::string_view organizer_unit) {
  if (!confidential || viewer.sees_all) return true;
  return !viewer.organizer_unit.empty() && viewer.organizer_unit == organizer_unit;
}

std::string TitleFor(const ConfidentialViewer& viewer, bool confidential,
                     absl::string_view organizer_unit, absl::string_view title) {
  return SeesContent(viewer, confidential, organizer_unit) ? std::string(title)
                                                           : std::string(kConfidentialTitle);
}

void MaskConfidential(google::protobuf::Message& message, const ConfidentialViewer& viewer) {
  if (viewer.sees_all) return;
  Walk(message, viewer, /*hidden=*/false);
}

}  // namespace huiwu::api
