#include "common/server/actor.h"

#include "common/api/field_checks.h"

namespace huiwu::server {

std::string ActorOf(const grpc::ServerContext& context) {
  constexpr size_t kMaxActor = 200;
  auto it = context.client_metadata().find("x-huiwu-actor");
  if (it != context.client_metadata().end() && it->second.size() > 0) {
    std::string actor(it->second.data(), it->second.size());
    // Metadata is client-controlled: keep it to what the history column holds.
    while (api::CharacterCount(actor) > kMaxActor) actor.pop_back();
    return actor;
  }
  return context.peer();
}

}  // namespace huiwu::server
