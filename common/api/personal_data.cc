#include "common/api/personal_data.h"

#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/synchronization/mutex.h"
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
// `seen`: the types already looked at in this walk (each once; a type that contains
// itself ends the walk there).
bool HoldsPersonalData(const Descriptor* type, absl::flat_hash_set<const Descriptor*>& seen) {
  if (!seen.insert(type).second) return false;
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    if (KindOf(*field) != common::v1::PERSONAL_DATA_UNSPECIFIED) return true;
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
        HoldsPersonalData(field->message_type(), seen)) {
      return true;
    }
  }
  return false;
}

// The same, kept per type: the types are fixed once the program runs.
bool HoldsPersonalData(const Descriptor* type) {
  static absl::Mutex mu(absl::kConstInit);
  static auto* known ABSL_GUARDED_BY(mu) = new absl::flat_hash_map<const Descriptor*, bool>();
  absl::MutexLock lock(&mu);
  auto it = known->find(type);
  if (it == known->end()) {
    absl::flat_hash_set<const Descriptor*> seen;
    it = known->emplace(type, HoldsPersonalData(type, seen)).first;
  }
  return it->second;
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
