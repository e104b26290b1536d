// Who may call what (issue 11), through real mTLS on the four real services: every role
// against every method of every service, as deploy/authz/huiwu-policy.json says; a
// refusal that names who may call; a policy edit applied without a restart.
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "common/server/authz_policy.h"
#include "common/server/credentials.h"
#include "common/server/service_host.h"
#include "google/protobuf/descriptor.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/generic/generic_stub.h"
#include "gtest/gtest.h"
#include "huiwu/booking/v1/booking_service.grpc.pb.h"
#include "services/booking/booking_spec.h"
#include "services/inventory/inventory_spec.h"
#include "services/safety/safety_spec.h"
#include "services/staffing/staffing_spec.h"
#include "tests/support/call_context.h"
#include "tests/support/grpc_errors.h"
#include "tests/support/poll.h"
#include "tests/support/service_fixture.h"
#include "tests/support/sql_rows.h"
#include "tests/support/test_env.h"
#include "tests/support/test_pki.h"

namespace huiwu::testing {
namespace {

// One of each kind of caller the center has (DESIGN §6), and the services themselves.
const std::vector<std::string> kPrincipals = {
    "spiffe://huiwu/admin/root",      "spiffe://huiwu/dispatch/hub",
    "spiffe://huiwu/organizer/u-001", "spiffe://huiwu/supervisor/li",
    "spiffe://huiwu/attendant/zhao",  "spiffe://huiwu/inspector/qian",
    "spiffe://huiwu/keeper/sun",      "spiffe://huiwu/operator/wang",
    "spiffe://huiwu/service/booking", "spiffe://huiwu/service/staffing",
    "spiffe://huiwu/signin/portal",   "spiffe://huiwu/unknown-role/eve",
};

std::string PolicyFile() { return SourceDir() + "/deploy/authz/huiwu-policy.json"; }
std::string DataAccessFile() { return SourceDir() + "/deploy/authz/huiwu-data-access.json"; }

// One unary call of `path` with an empty request; its status.
grpc::Status CallEmpty(const std::shared_ptr<grpc::Channel>& channel, const std::string& path) {
  grpc::GenericStub stub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  grpc::Slice empty("");  // zero bytes: a valid encoding of any empty message
  grpc::ByteBuffer request(&empty, 1);
  grpc::ByteBuffer response;
  grpc::Status result;
  absl::Notification done;
  stub.UnaryCall(&context, path, grpc::StubOptions(), &request, &response,
                 [&](grpc::Status status) {
                   result = std::move(status);
                   done.Notify();
                 });
  done.WaitForNotification();
  return result;
}

// The unary methods of `grpc_name` (all of them, in the four services), as
// {name, "/package.Service/Name"}.
std::vector<std::pair<std::string, std::string>> UnaryMethods(const std::string& grpc_name) {
  std::vector<std::pair<std::string, std::string>> methods;
  const google::protobuf::ServiceDescriptor* descriptor =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(grpc_name);
  if (descriptor == nullptr) return methods;
  for (int i = 0; i < descriptor->method_count(); ++i) {
    const google::protobuf::MethodDescriptor* method = descriptor->method(i);
    if (method->client_streaming() || method->server_streaming()) continue;
    methods.emplace_back(method->name(), absl::StrCat("/", grpc_name, "/", method->name()));
  }
  return methods;
}

class AuthzTest : public ::testing::Test {
 protected:
  struct Service {
    std::string grpc_name;
    std::unique_ptr<TestDatabase> database;
    std::unique_ptr<server::ServiceHost> host;
  };

  static void SetUpTestSuite() {
    pki_ = std::make_unique<TestPki>();
    auto shipped = server::AuthzPolicy::Parse(ReadFile(PolicyFile()));
    ASSERT_TRUE(shipped.ok()) << shipped.status();
    policy_ = std::make_unique<server::AuthzPolicy>(*std::move(shipped));
    const auto start = [](const std::string& grpc_name, const std::string& who,
                          const server::ServiceSpec& spec) {
      Service service{grpc_name, std::make_unique<TestDatabase>(), nullptr};
      config::ServerConfig config = TestServerConfig(service.database->config());
      config.tls = pki_->Tls(pki_->Issue(who, "spiffe://huiwu/service/" + who));
      config.authz.policy_file = PolicyFile();
      config.authz.data_access_file = DataAccessFile();
      auto host = server::ServiceHost::Start(spec, config, absl::Seconds(10));
      EXPECT_TRUE(host.ok()) << grpc_name << ": " << host.status();
      if (host.ok()) service.host = std::move(host).value();
      services_.push_back(std::move(service));
    };
    start("huiwu.booking.v1.BookingService", "booking",
          booking::BookingServiceSpec(clock_, scheduling_));
    start("huiwu.staffing.v1.StaffingService", "staffing", staffing::StaffingServiceSpec(clock_));
    start("huiwu.inventory.v1.InventoryService", "inventory",
          inventory::InventoryServiceSpec(clock_));
    start("huiwu.safety.v1.SafetyService", "safety", safety::SafetyServiceSpec(clock_));
  }

  static void TearDownTestSuite() {
    for (Service& service : services_) {
      if (service.host != nullptr) service.host->Shutdown(absl::Seconds(1));
    }
    services_.clear();
    policy_.reset();
    pki_.reset();
  }

  static std::shared_ptr<grpc::Channel> ChannelAs(const std::string& principal, int port) {
    const std::string stem = absl::StrCat("caller-", std::hash<std::string>()(principal));
    grpc::ChannelArguments arguments;
    arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    return grpc::CreateCustomChannel(
        absl::StrCat("127.0.0.1:", port),
        server::ChannelCredentials(pki_->Tls(pki_->Issue(stem, principal))), arguments);
  }

  static inline std::unique_ptr<TestPki> pki_;
  static inline std::unique_ptr<server::AuthzPolicy> policy_;
  static inline ManualClock clock_{DefaultTestNow()};
  static inline booking::SchedulingPolicy scheduling_;
  static inline std::vector<Service> services_;
};

// Every method of every service, as every role: refused exactly when the shipped policy
// says so — so no method escapes the check. (An allowed call with an empty request is
// refused by the service for what it lacks, never with PERMISSION_DENIED.)
TEST_F(AuthzTest, EveryRoleAgainstEveryMethodIsJudgedAsTheShippedPolicySays) {
  int checked = 0;
  for (const Service& service : services_) {
    ASSERT_NE(service.host, nullptr) << service.grpc_name;
    const auto methods = UnaryMethods(service.grpc_name);
    ASSERT_FALSE(methods.empty()) << service.grpc_name;
    for (const std::string& principal : kPrincipals) {
      const auto channel = ChannelAs(principal, service.host->grpc_port());
      for (const auto& [name, path] : methods) {
        const bool allowed = policy_->Evaluate(principal, path).allowed;
        const grpc::Status status = CallEmpty(channel, path);
        EXPECT_EQ(status.error_code() == grpc::StatusCode::PERMISSION_DENIED, !allowed)
            << principal << " → " << path << ": " << status.error_code() << " "
            << status.error_message();
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 300);
}

// What the center's rules say, written out, so that the table above is not only the
// policy checked against itself.
TEST_F(AuthzTest, TheCentersRolesDoWhatTheirJobsNeedAndNoMore) {
  const int booking = services_[0].host->grpc_port();
  const int safety = services_[3].host->grpc_port();
  const auto code = [](const std::string& principal, int port, const std::string& method) {
    return CallEmpty(ChannelAs(principal, port), method).error_code();
  };
  constexpr char kConfirm[] = "/huiwu.booking.v1.BookingService/ConfirmMeeting";
  constexpr char kCreate[] = "/huiwu.booking.v1.BookingService/CreateMeeting";
  constexpr char kGet[] = "/huiwu.booking.v1.BookingService/GetMeeting";
  constexpr char kReport[] = "/huiwu.safety.v1.SafetyService/ReportHazard";
  // The dispatch hub confirms; an organizer unit's system may not.
  EXPECT_NE(code("spiffe://huiwu/dispatch/hub", booking, kConfirm),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(code("spiffe://huiwu/organizer/u-001", booking, kConfirm),
            grpc::StatusCode::PERMISSION_DENIED);
  // Organizers create; operators only read.
  EXPECT_NE(code("spiffe://huiwu/organizer/u-001", booking, kCreate),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(code("spiffe://huiwu/operator/wang", booking, kCreate),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_NE(code("spiffe://huiwu/operator/wang", booking, kGet),
            grpc::StatusCode::PERMISSION_DENIED);
  // Attendants report hazards; a staffing supervisor is no safety officer.
  EXPECT_NE(code("spiffe://huiwu/attendant/zhao", safety, kReport),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(code("spiffe://huiwu/supervisor/li", safety, kReport),
            grpc::StatusCode::PERMISSION_DENIED);
  // A role the center does not have gets nothing.
  EXPECT_EQ(code("spiffe://huiwu/unknown-role/eve", booking, kGet),
            grpc::StatusCode::PERMISSION_DENIED);

  // Sign-in (扫码签到): the door screen's code goes to those who run the door — the
  // attendants, the dispatch hub and the organizer unit — and to no other reader.
  constexpr char kCode[] = "/huiwu.booking.v1.BookingService/GetSignInCode";
  constexpr char kSheet[] = "/huiwu.booking.v1.BookingService/GetSignInSheet";
  constexpr char kSignIn[] = "/huiwu.booking.v1.BookingService/SignIn";
  for (const char* door : {"spiffe://huiwu/attendant/zhao", "spiffe://huiwu/dispatch/hub",
                           "spiffe://huiwu/organizer/u-001", "spiffe://huiwu/admin/root"}) {
    EXPECT_NE(code(door, booking, kCode), grpc::StatusCode::PERMISSION_DENIED) << door;
  }
  for (const char* reader : {"spiffe://huiwu/operator/wang", "spiffe://huiwu/inspector/qian",
                             "spiffe://huiwu/keeper/sun", "spiffe://huiwu/supervisor/li",
                             "spiffe://huiwu/service/staffing", "spiffe://huiwu/signin/portal"}) {
    EXPECT_EQ(code(reader, booking, kCode), grpc::StatusCode::PERMISSION_DENIED) << reader;
  }
  // The printed sign-in sheet is a read like the notice.
  EXPECT_NE(code("spiffe://huiwu/operator/wang", booking, kSheet),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(code("spiffe://huiwu/signin/portal", booking, kSheet),
            grpc::StatusCode::PERMISSION_DENIED);
  // The seating plan (座次) and nameplates: read by booking's readers and the organizer
  // unit, not by the sign-in portal.
  constexpr char kSeating[] = "/huiwu.booking.v1.BookingService/GetSeatingPlan";
  for (const char* reader : {"spiffe://huiwu/operator/wang", "spiffe://huiwu/dispatch/hub",
                             "spiffe://huiwu/attendant/zhao", "spiffe://huiwu/organizer/u-001"}) {
    EXPECT_NE(code(reader, booking, kSeating), grpc::StatusCode::PERMISSION_DENIED) << reader;
  }
  EXPECT_EQ(code("spiffe://huiwu/signin/portal", booking, kSeating),
            grpc::StatusCode::PERMISSION_DENIED);
  // The portal attendees' phones reach signs in (with a code: the service checks it) and
  // does nothing else; an organizer's system does not sign people in.
  EXPECT_NE(code("spiffe://huiwu/signin/portal", booking, kSignIn),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(code("spiffe://huiwu/signin/portal", booking, kGet),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(code("spiffe://huiwu/organizer/u-001", booking, kSignIn),
            grpc::StatusCode::PERMISSION_DENIED);

  // The working days (法定节假日与调休) are for every role that reads booking and for the
  // other services (staffing's rosters), which read nothing else of booking.
  constexpr char kWorkingDays[] = "/huiwu.booking.v1.BookingService/GetWorkingDays";
  for (const char* reader : {"spiffe://huiwu/service/staffing", "spiffe://huiwu/keeper/sun",
                             "spiffe://huiwu/attendant/zhao", "spiffe://huiwu/operator/wang"}) {
    EXPECT_NE(code(reader, booking, kWorkingDays), grpc::StatusCode::PERMISSION_DENIED) << reader;
  }
  EXPECT_EQ(code("spiffe://huiwu/service/staffing", booking, kGet),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(code("spiffe://huiwu/unknown-role/eve", booking, kWorkingDays),
            grpc::StatusCode::PERMISSION_DENIED);

  // Service evaluation (服务评价) is the organizer unit's word, not the center's; complaints
  // (投诉) are recorded by units and the dispatch hub and handled by the hub and the
  // supervisors, never by units or read-only roles.
  constexpr char kEvaluate[] = "/huiwu.booking.v1.BookingService/SubmitServiceEvaluation";
  constexpr char kComplain[] = "/huiwu.booking.v1.BookingService/RecordComplaint";
  constexpr char kAnswer[] = "/huiwu.booking.v1.BookingService/AnswerComplaint";
  constexpr char kFeedback[] = "/huiwu.booking.v1.BookingService/GetFeedbackReport";
  constexpr char kFeed[] = "/huiwu.booking.v1.BookingService/GetCalendarFeed";
  EXPECT_NE(code("spiffe://huiwu/organizer/u-001", booking, kEvaluate),
            grpc::StatusCode::PERMISSION_DENIED);
  for (const char* center : {"spiffe://huiwu/dispatch/hub", "spiffe://huiwu/operator/wang",
                             "spiffe://huiwu/attendant/zhao"}) {
    EXPECT_EQ(code(center, booking, kEvaluate), grpc::StatusCode::PERMISSION_DENIED) << center;
  }
  for (const char* recorder : {"spiffe://huiwu/organizer/u-001", "spiffe://huiwu/dispatch/hub"}) {
    EXPECT_NE(code(recorder, booking, kComplain), grpc::StatusCode::PERMISSION_DENIED) << recorder;
  }
  for (const char* handler : {"spiffe://huiwu/dispatch/hub", "spiffe://huiwu/supervisor/li"}) {
    EXPECT_NE(code(handler, booking, kAnswer), grpc::StatusCode::PERMISSION_DENIED) << handler;
  }
  for (const char* other : {"spiffe://huiwu/organizer/u-001", "spiffe://huiwu/operator/wang",
                            "spiffe://huiwu/attendant/zhao"}) {
    EXPECT_EQ(code(other, booking, kAnswer), grpc::StatusCode::PERMISSION_DENIED) << other;
  }
  EXPECT_EQ(code("spiffe://huiwu/organizer/u-001", booking, kFeedback),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_NE(code("spiffe://huiwu/operator/wang", booking, kFeedback),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_NE(code("spiffe://huiwu/organizer/u-001", booking, kFeed),
            grpc::StatusCode::PERMISSION_DENIED);
}

// Reads are not audited, mutations always are, also when refused (issue 11): every
// method, called by an admin with an empty request, leaves an audit record exactly when
// it is not a read. A new mutation wired as a read (CallGate::Serve instead of
// ServeMutation) fails here.
TEST_F(AuthzTest, EveryMutationIsAuditedAndNoReadIs) {
  const std::string admin = "spiffe://huiwu/admin/root";
  const auto is_read = [](const std::string& method) {
    for (const char* verb : {"Get", "List", "Find", "Explain"}) {
      if (absl::StartsWith(method, verb)) return true;
    }
    return method == "CheckRoomClearance";
  };
  for (const Service& service : services_) {
    ASSERT_NE(service.host, nullptr) << service.grpc_name;
    const auto methods = UnaryMethods(service.grpc_name);
    ASSERT_FALSE(methods.empty()) << service.grpc_name;
    const auto channel = ChannelAs(admin, service.host->grpc_port());
    std::set<std::string> mutations;
    for (const auto& [name, path] : methods) {
      CallEmpty(channel, path);
      if (!is_read(name)) mutations.insert(path);
    }
    const std::vector<std::string> rows = QueryRows(
        service.database->config(),
        absl::StrCat("SELECT DISTINCT method FROM audit_records WHERE caller = '", admin, "'"));
    EXPECT_EQ(std::set<std::string>(rows.begin(), rows.end()), mutations) << service.grpc_name;
  }
}

// Who must show the door's code (扫码签到): the portal attendees' phones reach, always;
// the attendant's desk, never. The booking host here has no sign-in keys.
TEST_F(AuthzTest, ThePortalMustShowTheDoorsCodeAndTheDeskNeedNot) {
  const int booking = services_[0].host->grpc_port();
  const auto sign_in = [&](const std::string& principal,
                           const booking::v1::SignInRequest& request) {
    auto stub = booking::v1::BookingService::NewStub(ChannelAs(principal, booking));
    booking::v1::SignInResponse response;
    return stub->SignIn(CallContext().get(), request, &response);
  };
  booking::v1::SignInRequest request;
  request.set_meeting("meetings/0000000000000000");
  request.set_attendee_id("e1001");
  const grpc::Status portal = sign_in("spiffe://huiwu/signin/portal", request);
  EXPECT_EQ(portal.error_code(), grpc::StatusCode::PERMISSION_DENIED) << portal.error_message();
  EXPECT_EQ(DetailsOf(portal).reason, "SIGN_IN_CODE_REQUIRED");
  // The desk's call goes through to the meeting (which does not exist).
  const grpc::Status desk = sign_in("spiffe://huiwu/attendant/zhao", request);
  EXPECT_EQ(desk.error_code(), grpc::StatusCode::NOT_FOUND) << desk.error_message();
  EXPECT_EQ(DetailsOf(desk).reason, "MEETING_NOT_FOUND");
  // A code, to a service that holds no keys: refused, whoever calls.
  request.set_sign_in_code("k1.0000000000000000.59870160.AAAAAAAAAAAAAAAAAAAAAA");
  for (const char* who : {"spiffe://huiwu/signin/portal", "spiffe://huiwu/attendant/zhao"}) {
    const grpc::Status off = sign_in(who, request);
    EXPECT_EQ(off.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << off.error_message();
    EXPECT_EQ(DetailsOf(off).reason, "SIGN_IN_CODES_OFF");
  }
}

TEST_F(AuthzTest, ARefusalNamesWhoMayCall) {
  const grpc::Status refused =
      CallEmpty(ChannelAs("spiffe://huiwu/organizer/u-001", services_[0].host->grpc_port()),
                "/huiwu.booking.v1.BookingService/ConfirmMeeting");
  ASSERT_EQ(refused.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_NE(refused.error_message().find("spiffe://huiwu/dispatch/*"), std::string::npos)
      << refused.error_message();
  EXPECT_EQ(DetailsOf(refused).reason, "NOT_AUTHORIZED");
  EXPECT_EQ(DetailsOf(refused).metadata["caller"], "spiffe://huiwu/organizer/u-001");
}

// An admin edits the policy file: the next calls are judged by it, no restart.
TEST_F(AuthzTest, AnEditedPolicyAppliesWithoutARestart) {
  const std::string file = (pki_->dir() / "policy.json").string();
  const std::string before = R"json({"name": "before", "allow_rules": [
    {"name": "admin", "source": {"principals": ["spiffe://huiwu/admin/*"]}}]})json";
  ReplaceFile(file, before);
  TestDatabase database;
  config::ServerConfig config = TestServerConfig(database.config());
  config.tls = pki_->Tls(pki_->Issue("booking-2", "spiffe://huiwu/service/booking"));
  config.authz.policy_file = file;
  config.authz.data_access_file = DataAccessFile();
  config.authz.refresh_interval = absl::Milliseconds(100);
  auto host = server::ServiceHost::Start(booking::BookingServiceSpec(clock_, scheduling_), config,
                                         absl::Seconds(10));
  ASSERT_TRUE(host.ok()) << host.status();
  const auto channel = ChannelAs("spiffe://huiwu/operator/wang", (*host)->grpc_port());
  constexpr char kListBuildings[] = "/huiwu.booking.v1.BookingService/ListBuildings";
  EXPECT_EQ(CallEmpty(channel, kListBuildings).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  ReplaceFile(file, R"json({"name": "after", "allow_rules": [
    {"name": "operators-list", "source": {"principals": ["spiffe://huiwu/operator/*"]},
     "request": {"paths": ["/huiwu.booking.v1.BookingService/List*"]}}]})json");
  grpc::Status last;
  EXPECT_TRUE(PollUntil(
      [&] {
        last = CallEmpty(channel, kListBuildings);
        return last.error_code() != grpc::StatusCode::PERMISSION_DENIED;
      },
      absl::Seconds(10)))
      << last.error_message();
  EXPECT_TRUE(last.ok()) << last.error_code() << " " << last.error_message();
  (*host)->Shutdown(absl::Seconds(1));
}

}  // namespace
}  // namespace huiwu::testing
