// huiwu-health-probe: asks a server's grpc.health.v1.Health/Check whether it serves, for
// scripts/run.sh and docker healthchecks (like grpc_health_probe). The exit status is the
// answer:
//   0  SERVING
//   1  NOT_SERVING or UNKNOWN (the status is printed)
//   2  the RPC failed: unreachable, deadline, no health service, unknown --service
//   3  bad flags
// A probe is configured by its command line only: it does not read HUIWU_* variables,
// because a container's environment holds the service's own settings.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/config/tls_config.h"
#include "common/server/credentials.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/grpcpp.h"

ABSL_FLAG(std::string, addr, "", "Required. host:port of the gRPC server, e.g. 127.0.0.1:50051.");
ABSL_FLAG(std::string, service, "",
          "The service to ask about, e.g. huiwu.booking.v1.BookingService; empty asks about "
          "the server as a whole.");
ABSL_FLAG(absl::Duration, timeout, absl::Seconds(2),
          "Deadline of the whole check, connecting included, e.g. 2s or 500ms.");

namespace {

constexpr int kServing = 0;
constexpr int kNotServing = 1;
constexpr int kRpcFailed = 2;
constexpr int kBadFlags = 3;

constexpr absl::string_view kUsage =
    "usage: huiwu-health-probe --addr=HOST:PORT [--service=NAME] [--timeout=2s]\n"
    "         [--tls_ca_file=CA --tls_cert_file=CERT --tls_key_file=KEY | --tls=off]\n"
    "\n"
    "Calls grpc.health.v1.Health/Check. Exit status: 0 SERVING, 1 NOT_SERVING or UNKNOWN,\n"
    "2 the RPC failed (code and message printed), 3 bad flags.\n"
    "\n"
    "flags:\n"
    "  --addr=HOST:PORT   required; the gRPC server, e.g. 127.0.0.1:50051\n"
    "  --service=NAME     default \"\" (the whole server); e.g. huiwu.booking.v1.BookingService\n"
    "  --timeout=DURATION default 2s; deadline of the check, connecting included\n"
    "  --tls=on|off       default on: mutual TLS, with the three files below\n"
    "  --tls_ca_file=PEM  the CA the server's certificate must chain to\n"
    "  --tls_cert_file=PEM, --tls_key_file=PEM\n"
    "                     the probe's own certificate and key (the service's own will do:\n"
    "                     the policy lets every certificate of the CA ask for health)\n"
    "A failed TLS handshake (no or a refused certificate) shows as status 2, UNAVAILABLE.\n";

[[noreturn]] void BadFlags(absl::string_view problem) {
  std::fprintf(stderr, "huiwu-health-probe: %.*s\n\n%.*s", static_cast<int>(problem.size()),
               problem.data(), static_cast<int>(kUsage.size()), kUsage.data());
  std::exit(kBadFlags);
}

// absl::ParseCommandLine exits with 1 on a bad flag, which would read as NOT_SERVING to a
// healthcheck; so the probe's own three flags are parsed here with absl's value parsers,
// the --tls* flags (common's, as the services and huiwuctl take them), and every other
// argument is a usage error (status 3).
void ParseFlags(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    if (arg == "--help" || arg == "-help" || arg == "-h" || arg == "--helpshort") {
      std::fputs(kUsage.data(), stdout);
      std::exit(kServing);
    }
    if (!absl::StartsWith(arg, "-") || arg == "-" || arg == "--") {
      BadFlags(absl::StrCat("unexpected argument \"", arg, "\"; the probe takes flags only"));
    }
    arg.remove_prefix(absl::StartsWith(arg, "--") ? 2 : 1);
    absl::string_view name = arg;
    std::string value;
    const size_t equals = arg.find('=');
    if (equals != absl::string_view::npos) {
      name = arg.substr(0, equals);
      value = std::string(arg.substr(equals + 1));
    } else if (i + 1 < argc) {
      value = argv[++i];  // "--addr 127.0.0.1:50051"
    } else {
      BadFlags(absl::StrCat("flag --", name, " needs a value"));
    }
    if (name != "addr" && name != "service" && name != "timeout" && name != "tls" &&
        name != "tls_ca_file" && name != "tls_cert_file" && name != "tls_key_file") {
      BadFlags(absl::StrCat("unknown flag --", name));
    }
    absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
    std::string error;
    if (flag == nullptr || !flag->ParseFrom(value, &error)) {
      BadFlags(absl::StrCat("invalid --", name, "=", value, ": ", error));
    }
  }
  if (absl::GetFlag(FLAGS_addr).empty()) {
    BadFlags("--addr is required, e.g. --addr=127.0.0.1:50051");
  }
  const absl::Duration timeout = absl::GetFlag(FLAGS_timeout);
  if (timeout <= absl::ZeroDuration() || timeout > absl::Hours(1)) {
    BadFlags(absl::StrCat("invalid --timeout=", absl::FormatDuration(timeout),
                          ": must be above 0 and at most 1h, e.g. 2s or 500ms"));
  }
  std::vector<std::string> problems;
  huiwu::config::ValidateTlsConfig(huiwu::config::TlsConfigFromFlags(), problems);
  if (!problems.empty()) BadFlags(absl::StrJoin(problems, "; "));
}

}  // namespace

int main(int argc, char** argv) {
  ParseFlags(argc, argv);
  const std::string addr = absl::GetFlag(FLAGS_addr);
  const std::string service = absl::GetFlag(FLAGS_service);
  const absl::Duration timeout = absl::GetFlag(FLAGS_timeout);
  const huiwu::config::TlsConfig tls = huiwu::config::TlsConfigFromFlags();

  auto channel = grpc::CreateChannel(addr, huiwu::server::ChannelCredentials(tls));
  auto stub = grpc::health::v1::Health::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + absl::ToChronoMicroseconds(timeout));
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(service);
  grpc::health::v1::HealthCheckResponse response;
  const grpc::Status status = stub->Check(&context, request, &response);

  const std::string subject = service.empty() ? addr : absl::StrCat(addr, " ", service);
  if (!status.ok()) {
    const std::string code =
        absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code()));
    std::fprintf(stderr, "health check of %s failed: %s: %s\n", subject.c_str(), code.c_str(),
                 status.error_message().c_str());
    return kRpcFailed;
  }
  const std::string& state =
      grpc::health::v1::HealthCheckResponse::ServingStatus_Name(response.status());
  std::printf("%s: %s\n", subject.c_str(), state.c_str());
  return response.status() == grpc::health::v1::HealthCheckResponse::SERVING ? kServing
                                                                             : kNotServing;
}
