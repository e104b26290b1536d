#include "services/booking/store/store_util.h"

namespace huiwu::booking {

uint64_t ToMask(const std::set<int>& values) {
  uint64_t mask = 0;
  for (int v : values) mask |= uint64_t{1} << v;
  return mask;
}

std::set<int> FromMask(uint64_t mask) {
  std::set<int> values;
  for (int v = 0; v < 64; ++v) {
    if (mask & (uint64_t{1} << v)) values.insert(v);
  }
  return values;
}

}  // namespace huiwu::booking
