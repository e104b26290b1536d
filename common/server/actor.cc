#include "common/server/actor.h"

#include "absl/strings/str_cat.h"
#include "common/api/field_checks.h"
#include "common/server/caller.h"

namespace huiwu::server {
namespace {

// What the history columns hold (VARCHAR(200)).
constexpr size_t kMaxActor = 200;
constexpr absl::string_view kVia = " via ";

// `text` cut before the first byte of character `limit` + 1 (UTF-8).
std::string CutCharacters(std::string text, size_t limit) {
  size_t characters = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && ++characters > limit) {
      text.resize(i);
      break;
    }
  }
  return text;
}

// The person from x-huiwu-actor(-bin), or empty.
std::string PersonOf(const grpc::ServerContext& context) {
  // gRPC text metadata is printable ASCII; names in Chinese come in the binary header
  // (x-huiwu-actor-bin, UTF-8), which gRPC base64-decodes for us.
  for (const char* key : {"x-huiwu-actor-bin", "x-huiwu-actor"}) {
    auto it = context.client_metadata().find(key);
    if (it == context.client_metadata().end() || it->second.size() == 0) continue;
    std::string actor(it->second.data(), it->second.size());
    // Metadata is client-controlled: only what the history column can hold.
    if (!api::IsValidUtf8(actor)) continue;
    return actor;
  }
  return "";
}

}  // namespace

std::string ActorOf(const grpc::ServerContext& context) {
  const std::string person = PersonOf(context);
  // The certificate's identity is verified; the person is what that system says.
  std::string caller = CutCharacters(AuthenticatedCallerOf(context), kMaxActor / 2);
  if (caller.empty()) return person.empty() ? context.peer() : CutCharacters(person, kMaxActor);
  if (person.empty()) return caller;
  return absl::StrCat(CutCharacters(person, kMaxActor - kVia.size() - caller.size()), kVia, caller);
}

}  // namespace huiwu::server
