// Which message types carry a field marked with one of our field options (personal data,
// confidential content), themselves or in a message field at any depth. The maskers walk
// an answer only when its type does, so an answer without such fields costs a lookup.
#ifndef HUIWU_COMMON_API_MARKED_FIELDS_H_
#define HUIWU_COMMON_API_MARKED_FIELDS_H_

#include <functional>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "google/protobuf/descriptor.h"

namespace huiwu::api {

class MarkedFields final {
 public:
  using IsMarked = std::function<bool(const google::protobuf::FieldDescriptor&)>;
  explicit MarkedFields(IsMarked is_marked) : is_marked_(std::move(is_marked)) {}

  // Kept per type: the types are fixed once the program runs.
  bool Holds(const google::protobuf::Descriptor* type);

 private:
  const IsMarked is_marked_;
  absl::Mutex mu_;
  absl::flat_hash_map<const google::protobuf::Descriptor*, bool> known_ ABSL_GUARDED_BY(mu_);
};

}  // namespace huiwu::api

#endif  // HUIWU_COMMON_API_MARKED_FIELDS_H_
