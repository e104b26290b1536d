#include "common/server/actor.h"

#include "common/api/field_checks.h"

namespace huiwu::server {

std::string ActorOf(const grpc::ServerContext& context) {
  constexpr size_t kMaxActor = 200;
  // gRPC text metadata is printable ASCII; names in Chinese come in the binary header
  // (x-huiwu-actor-bin, UTF-8), which gRPC base64-decodes for us.
  for (const char* key : {"x-huiwu-actor-bin", "x-huiwu-actor"}) {
    auto it = context.client_metadata().find(key);
    if (it == context.client_metadata().end() || it->second.size() == 0) continue;
    std::string actor(it->second.data(), it->second.size());
    // Metadata is client-controlled: only what the history column can hold.
    if (!api::IsValidUtf8(actor)) continue;
    size_t characters = 0;
    for (size_t i = 0; i < actor.size(); ++i) {
      // Cut before the first byte of character kMaxActor + 1.
      if ((static_cast<unsigned char>(actor[i]) & 0xC0) != 0x80 && ++characters > kMaxActor) {
        actor.resize(i);
        break;
      }
    }
    return actor;
  }
  return context.peer();
}

}  // namespace huiwu::server
