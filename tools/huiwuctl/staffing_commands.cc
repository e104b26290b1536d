#include "tools/huiwuctl/staffing_commands.h"

#include <cstdio>
#include <memory>
#include <string>

#include "absl/flags/flag.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "grpcpp/grpcpp.h"
#include "huiwu/staffing/v1/staffing_service.grpc.pb.h"
#include "tools/huiwuctl/rpc_error.h"
#include "tools/huiwuctl/staff_seed.h"
#include "tools/huiwuctl/table.h"

ABSL_FLAG(std::string, staffing_addr, "127.0.0.1:50052",
          "host:port of the staffing service's gRPC endpoint.");

namespace huiwu::ctl {
namespace {

namespace v1 = staffing::v1;

constexpr int kPageSize = 200;

// As for booking: UNAVAILABLE is retried by gRPC; creates carry a request_id.
constexpr char kServiceConfig[] = R"json({
  "methodConfig": [{
    "name": [{"service": "huiwu.staffing.v1.StaffingService"}],
    "retryPolicy": {
      "maxAttempts": 4,
      "initialBackoff": "0.2s",
      "maxBackoff": "2s",
      "backoffMultiplier": 2,
      "retryableStatusCodes": ["UNAVAILABLE"]
    }
  }]
})json";

std::unique_ptr<v1::StaffingService::Stub> StaffingStub(const CommandContext& context) {
  grpc::ChannelArguments channel_args;
  channel_args.SetServiceConfigJSON(kServiceConfig);
  return v1::StaffingService::NewStub(grpc::CreateCustomChannel(absl::GetFlag(FLAGS_staffing_addr),
                                                                context.credentials, channel_args));
}

enum class Outcome { kCreated, kAlreadyPresent, kFailed, kStop };

Outcome Failed(absl::string_view what, const grpc::Status& status) {
  PrintRpcError(what, status);
  return IsSystemic(status) ? Outcome::kStop : Outcome::kFailed;
}

// Looks first, so that a second run says "already present"; the create carries a
// deterministic request_id so a retried call never creates twice. The working hours
// are set every time (a replace): a run that stopped half-way is completed by the next.
Outcome EnsureStaff(const CommandContext& context, v1::StaffingService::Stub& stub,
                    const StaffSeed& seed) {
  const std::string name = absl::StrCat("staff/", seed.staff_id);
  const std::string request_id = absl::StrCat("seed-staff-", seed.staff_id);
  Outcome outcome = Outcome::kCreated;
  {
    v1::GetStaffRequest request;
    request.set_name(name);
    v1::GetStaffResponse response;
    const grpc::Status status =
        stub.GetStaff(context.NewCall(request_id).get(), request, &response);
    if (status.ok()) {
      outcome = Outcome::kAlreadyPresent;
    } else if (status.error_code() != grpc::StatusCode::NOT_FOUND) {
      return Failed(absl::StrCat("get ", name), status);
    }
  }
  if (outcome == Outcome::kCreated) {
    v1::CreateStaffRequest request;
    request.set_staff_id(seed.staff_id);
    request.set_request_id(request_id);
    *request.mutable_staff() = seed.staff;
    v1::CreateStaffResponse response;
    const grpc::Status status =
        stub.CreateStaff(context.NewCall(request_id).get(), request, &response);
    if (status.error_code() == grpc::StatusCode::ALREADY_EXISTS) {
      outcome = Outcome::kAlreadyPresent;
    } else if (!status.ok()) {
      return Failed(absl::StrCat("create ", name), status);
    }
  }
  v1::SetShiftPatternRequest shifts;
  shifts.set_staff(name);
  for (const v1::Shift& s : seed.shifts) *shifts.add_shifts() = s;
  v1::SetShiftPatternResponse set;
  const grpc::Status status = stub.SetShiftPattern(context.NewCall(request_id).get(), shifts, &set);
  if (!status.ok()) return Failed(absl::StrCat("set the working hours of ", name), status);
  return outcome;
}

int SeedStaffCommand(const CommandContext& context, const std::vector<std::string>& args) {
  if (RejectArgs("seed-staff", args)) return kExitUsage;
  auto stub = StaffingStub(context);
  int created = 0;
  int present = 0;
  int failed = 0;
  for (const StaffSeed& seed : SeedStaff()) {
    const Outcome outcome = EnsureStaff(context, *stub, seed);
    if (outcome == Outcome::kCreated) ++created;
    if (outcome == Outcome::kAlreadyPresent) ++present;
    if (outcome == Outcome::kFailed || outcome == Outcome::kStop) ++failed;
    if (outcome == Outcome::kStop) break;
  }
  const int total = static_cast<int>(SeedStaff().size());
  std::printf("seed-staff: %d created, %d already present, %d failed, %d not tried\n", created,
              present, failed, total - created - present - failed);
  return failed == 0 ? kExitOk : kExitFailed;
}

int ListStaffCommand(const CommandContext& context, const std::vector<std::string>& args) {
  if (RejectArgs("staff", args)) return kExitUsage;
  auto stub = StaffingStub(context);
  v1::ListStaffRequest request;
  request.set_page_size(kPageSize);
  std::vector<std::vector<std::string>> rows;
  do {
    v1::ListStaffResponse response;
    const grpc::Status status = stub->ListStaff(context.NewCall().get(), request, &response);
    if (!status.ok()) {
      PrintRpcError("list staff", status);
      return kExitFailed;
    }
    for (const v1::Staff& s : response.staff()) {
      rows.push_back({s.name(), s.staff_number(), s.display_name(), s.section(),
                      WithoutPrefix(v1::Role_Name(s.role()), "ROLE_"),
                      WithoutPrefix(v1::StaffState_Name(s.state()), "STAFF_STATE_")});
    }
    if (!response.next_page_token().empty() && response.next_page_token() == request.page_token()) {
      std::fprintf(stderr, "huiwuctl: the server returned the same page token twice; stopped\n");
      return kExitFailed;
    }
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  PrintTable({"NAME", "NUMBER", "NAME (ZH)", "SECTION", "ROLE", "STATE"}, rows);
  return kExitOk;
}

}  // namespace

std::vector<Command> StaffingCommands() {
  return {
      {"seed-staff", "seed-staff",
       "load the center's 60 people and their working hours; safe to run again", SeedStaffCommand},
      {"staff", "staff", "list the center's people (staffing, --staffing_addr)", ListStaffCommand},
  };
}

}  // namespace huiwu::ctl
