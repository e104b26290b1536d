#include "common/api/marked_fields.h"

#include "absl/container/flat_hash_set.h"

namespace huiwu::api {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

// `seen`: the types already looked at in this walk (each once; a type that contains
// itself ends the walk there).
bool Holds(const Descriptor* type, const MarkedFields::IsMarked& is_marked,
           absl::flat_hash_set<const Descriptor*>& seen) {
  if (!seen.insert(type).second) return false;
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    if (is_marked(*field)) return true;
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
        Holds(field->message_type(), is_marked, seen)) {
      return true;
    }
  }
  return false;
}

}  // namespace

bool MarkedFields::Holds(const Descriptor* type) {
  absl::MutexLock lock(&mu_);
  auto it = known_.find(type);
  if (it == known_.end()) {
    absl::flat_hash_set<const Descriptor*> seen;
    it = known_.emplace(type, api::Holds(type, is_marked_, seen)).first;
  }
  return it->second;
}

}  // namespace huiwu::api
