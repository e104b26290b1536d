// Who is acting, for history records: the person the calling system names in
// x-huiwu-actor (ASCII, e.g. "dispatch/zhangsan") or x-huiwu-actor-bin (UTF-8, e.g.
// "dispatch/张三"), next to the calling system's verified certificate identity when the
// call came over mutual TLS: "dispatch/zhangsan via spiffe://huiwu/dispatch/hub". Without
// a person, the system alone; without TLS, the person alone, else the peer's address.
// At most 200 characters (the history columns).
#ifndef HUIWU_COMMON_SERVER_ACTOR_H_
#define HUIWU_COMMON_SERVER_ACTOR_H_

#include <string>

#include "grpcpp/server_context.h"

namespace huiwu::server {

std::string ActorOf(const grpc::ServerContext& context);

}  // namespace huiwu::server

#endif  // HUIWU_COMMON_SERVER_ACTOR_H_
