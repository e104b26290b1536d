// What every huiwuctl command gets: the channel to the service and the per-call deadline,
// and how a command is described in the dispatch table.
#ifndef HUIWU_TOOLS_HUIWUCTL_CLI_H_
#define HUIWU_TOOLS_HUIWUCTL_CLI_H_

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "grpcpp/security/credentials.h"

namespace huiwu::ctl {

// Exit statuses of huiwuctl.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;  // a call failed; the error was printed
inline constexpr int kExitUsage = 2;   // unknown command or bad arguments

struct CommandContext {
  std::string addr;
  std::shared_ptr<grpc::Channel> channel;
  // How every channel of this run dials: --tls* (common/server/credentials.h).
  std::shared_ptr<grpc::ChannelCredentials> credentials;
  absl::Duration timeout;  // deadline of each call

  // A context for one call, with its deadline set. A `request_id` goes out as the
  // x-request-id header, which the services log with a failed call.
  std::unique_ptr<grpc::ClientContext> NewCall(absl::string_view request_id = "") const {
    auto context = std::make_unique<grpc::ClientContext>();
    context->set_deadline(std::chrono::system_clock::now() + absl::ToChronoMicroseconds(timeout));
    if (!request_id.empty()) context->AddMetadata("x-request-id", std::string(request_id));
    return context;
  }
};

using CommandFunction = int (*)(const CommandContext& context,
                                const std::vector<std::string>& args);

// True, after saying so on stderr, when a command that takes no arguments got some.
inline bool RejectArgs(absl::string_view command, const std::vector<std::string>& args) {
  if (args.empty()) return false;
  std::fprintf(stderr, "huiwuctl %.*s: unexpected argument \"%s\"; see huiwuctl --help\n",
               static_cast<int>(command.size()), command.data(), args.front().c_str());
  return true;
}

struct Command {
  absl::string_view name;
  absl::string_view synopsis;  // e.g. "rooms [--building=ID]"
  absl::string_view summary;   // one line for the usage text
  CommandFunction run;
};

}  // namespace huiwu::ctl

#endif  // HUIWU_TOOLS_HUIWUCTL_CLI_H_
