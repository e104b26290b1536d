// huiwuctl: the operator's command line for the huiwu services. Wiring only: flags, the
// channel, and the dispatch to a command; each command group lives in its own file.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/flags/usage.h"
#include "absl/flags/usage_config.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/config/tls_config.h"
#include "common/server/credentials.h"
#include "grpcpp/grpcpp.h"
#include "tools/huiwuctl/catalog_commands.h"
#include "tools/huiwuctl/cli.h"
#include "tools/huiwuctl/inventory_commands.h"
#include "tools/huiwuctl/safety_commands.h"
#include "tools/huiwuctl/staffing_commands.h"

ABSL_FLAG(std::string, addr, "127.0.0.1:50051",
          "host:port of the booking service's gRPC endpoint.");
ABSL_FLAG(absl::Duration, timeout, absl::Seconds(10),
          "Deadline of each call, e.g. 10s; retries of an unavailable server included.");

namespace huiwu::ctl {
namespace {

// A call that finds the server unavailable (restarting, its database reconnecting) is
// retried by gRPC itself. Creates are safe to retry: they carry a request_id.
constexpr char kServiceConfig[] = R"json({
  "methodConfig": [{
    "name": [{"service": "huiwu.booking.v1.BookingService"}],
    "retryPolicy": {
      "maxAttempts": 4,
      "initialBackoff": "0.2s",
      "maxBackoff": "2s",
      "backoffMultiplier": 2,
      "retryableStatusCodes": ["UNAVAILABLE"]
    }
  }]
})json";

// Each command group (catalog now; staff, supplies, safety later) adds its table here.
std::vector<Command> AllCommands() {
  std::vector<Command> commands = CatalogCommands();
  for (Command& command : InventoryCommands()) commands.push_back(command);
  for (Command& command : StaffingCommands()) commands.push_back(command);
  for (Command& command : SafetyCommands()) commands.push_back(command);
  return commands;
}

std::string Usage(const std::vector<Command>& commands) {
  // absl's --help prints "huiwuctl: " before this text.
  std::string usage =
      "the operator's command line for huiwu.\n"
      "\n"
      "usage: huiwuctl [--addr=HOST:PORT] [--staffing_addr=HOST:PORT]\n"
      "                [--inventory_addr=HOST:PORT] [--safety_addr=HOST:PORT] [--timeout=10s]\n"
      "                [--tls_ca_file=CA --tls_cert_file=CERT --tls_key_file=KEY | --tls=off]\n"
      "                COMMAND [flags]\n"
      "\n"
      "--addr is booking's endpoint (127.0.0.1:50051); the others default to 50052, 50053\n"
      "and 50054 on 127.0.0.1, as scripts/run.sh starts them. Calls use mutual TLS: your\n"
      "certificate (scripts/run.sh makes one in .run/certs/) says who you are, and the\n"
      "services' policy what you may do; --tls=off only for services started with it.\n"
      "\n"
      "commands:\n";
  for (const Command& command : commands) {
    absl::StrAppend(
        &usage, "  ", command.synopsis,
        std::string(command.synopsis.size() < 24 ? 24 - command.synopsis.size() : 1, ' '),
        command.summary, "\n");
  }
  absl::StrAppend(&usage,
                  "  help                    show this text\n"
                  "\n"
                  "Exit status: 0 done, 1 a call failed (code, message and reason printed), "
                  "2 bad usage.\n"
                  "\n"
                  "Every flag can also be set in the environment as HUIWU_<FLAG>, e.g. "
                  "HUIWU_ADDR=127.0.0.1:50051; the command line wins.");
  return usage;
}

// huiwuctl's own flags. common/config/config.cc defines the services' flags (mysql_*,
// grpc_port, …) next to ParseFlagsAndEnvironment, so calling that here would make them
// huiwuctl flags too: shown by --help and silently accepted. Hence this small parse.
// The --tls* flags are common's (common/config/tls_config.cc), shared with the services.
bool IsOwnFlagFile(absl::string_view file) {
  return absl::StrContains(file, "tools/huiwuctl/") ||
         absl::StrContains(file, "common/config/tls_config.cc");
}

// As for the services: HUIWU_<FLAG> sets a flag, the command line wins. Only huiwuctl's
// flags are read, so a shell that also holds a service's HUIWU_* settings is no problem.
void ApplyEnvironment() {
  for (const auto& [name, flag] : absl::GetAllFlags()) {
    if (!IsOwnFlagFile(flag->Filename())) continue;
    const std::string variable = absl::StrCat("HUIWU_", absl::AsciiStrToUpper(name));
    const char* value = std::getenv(variable.c_str());
    if (value == nullptr) continue;
    std::string error;
    if (!flag->ParseFrom(value, &error)) {
      std::fprintf(stderr, "huiwuctl: invalid %s=%s: %s\n", variable.c_str(), value, error.c_str());
      std::exit(kExitUsage);
    }
  }
}

std::vector<char*> ParseFlags(int argc, char** argv, const std::string& usage) {
  absl::FlagsUsageConfig usage_config;
  usage_config.contains_help_flags = IsOwnFlagFile;
  usage_config.contains_helpshort_flags = IsOwnFlagFile;
  usage_config.version_string = [] { return std::string("huiwuctl (huiwu 0.1)\n"); };
  absl::SetFlagsUsageConfig(usage_config);
  absl::SetProgramUsageMessage(usage);
  ApplyEnvironment();
  return absl::ParseCommandLine(argc, argv);
}

int Main(int argc, char** argv) {
  const std::vector<Command> commands = AllCommands();
  const std::string usage = Usage(commands);
  std::vector<char*> positional = ParseFlags(argc, argv, usage);
  // positional[0] is the program itself.
  if (positional.size() < 2) {
    std::fprintf(stderr, "huiwuctl: no command given\n\nhuiwuctl: %s\n", usage.c_str());
    return kExitUsage;
  }
  const absl::string_view name = positional[1];
  if (name == "help") {
    std::printf("huiwuctl: %s\n", usage.c_str());
    return kExitOk;
  }
  const Command* command = nullptr;
  for (const Command& c : commands) {
    if (c.name == name) command = &c;
  }
  if (command == nullptr) {
    std::fprintf(stderr, "huiwuctl: unknown command \"%.*s\"\n\nhuiwuctl: %s\n",
                 static_cast<int>(name.size()), name.data(), usage.c_str());
    return kExitUsage;
  }

  CommandContext context;
  context.addr = absl::GetFlag(FLAGS_addr);
  context.timeout = absl::GetFlag(FLAGS_timeout);
  if (context.addr.empty()) {
    std::fprintf(stderr, "huiwuctl: --addr must not be empty, e.g. --addr=127.0.0.1:50051\n");
    return kExitUsage;
  }
  if (context.timeout <= absl::ZeroDuration() || context.timeout > absl::Hours(1)) {
    std::fprintf(stderr, "huiwuctl: invalid --timeout=%s: must be above 0 and at most 1h\n",
                 absl::FormatDuration(context.timeout).c_str());
    return kExitUsage;
  }
  const config::TlsConfig tls = config::TlsConfigFromFlags();
  std::vector<std::string> problems;
  config::ValidateTlsConfig(tls, problems);
  if (!problems.empty()) {
    std::fprintf(stderr, "huiwuctl: %s\n", absl::StrJoin(problems, "\nhuiwuctl: ").c_str());
    return kExitUsage;
  }
  context.credentials = server::ChannelCredentials(tls);
  grpc::ChannelArguments channel_args;
  channel_args.SetServiceConfigJSON(kServiceConfig);
  context.channel = grpc::CreateCustomChannel(context.addr, context.credentials, channel_args);
  const std::vector<std::string> args(positional.begin() + 2, positional.end());
  return command->run(context, args);
}

}  // namespace
}  // namespace huiwu::ctl

int main(int argc, char** argv) { return huiwu::ctl::Main(argc, argv); }
