// Who is calling, for history and audit records. Until authentication lands (DESIGN §6)
// this is the caller's own x-huiwu-actor metadata (ASCII, e.g. "dispatch/zhangsan") or
// x-huiwu-actor-bin (UTF-8, e.g. "dispatch/张三"), else the peer.
#ifndef HUIWU_COMMON_SERVER_ACTOR_H_
#define HUIWU_COMMON_SERVER_ACTOR_H_

#include <string>

#include "grpcpp/server_context.h"

namespace huiwu::server {

std::string ActorOf(const grpc::ServerContext& context);

}  // namespace huiwu::server

#endif  // HUIWU_COMMON_SERVER_ACTOR_H_
