#include "tests/booking/report_fixture.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "common/api/timestamp.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"
#include "services/booking/booking_spec.h"
#include "services/inventory/inventory_spec.h"
#include "services/safety/safety_spec.h"
#include "services/staffing/staffing_spec.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/support/call_context.h"
#include "tests/support/service_fixture.h"

namespace huiwu::testing {
namespace {

namespace bv1 = ::huiwu::booking::v1;
namespace sv1 = ::huiwu::staffing::v1;
namespace fv1 = ::huiwu::safety::v1;

// A listening socket on 127.0.0.1 with a free port; -1 on failure.
int ListenOnFreePort(int* port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof(address);
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      listen(fd, 16) != 0 || getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    close(fd);
    return -1;
  }
  *port = ntohs(address.sin_port);
  return fd;
}

config::ServerConfig TestConfig(const config::DatabaseConfig& database) {
  config::ServerConfig config;
  config.host = "127.0.0.1";
  config.grpc_port = 0;
  config.metrics_port = -1;
  config.max_threads = 64;
  config.health_check_interval = absl::Milliseconds(200);
  config.shutdown_grace = absl::Seconds(5);
  config.database = database;
  config.database.pool_size = 8;
  config.tls = huiwu::testing::PlaintextTls();
  return config;
}

std::string Address(const server::ServiceHost& host) {
  return absl::StrCat("127.0.0.1:", host.grpc_port());
}

}  // namespace

int ClosedPort() {
  int port = 0;
  const int fd = ListenOnFreePort(&port);
  if (fd < 0) return 1;  // port 1: nothing listens there either
  close(fd);
  return port;
}

namespace {

// Holds each call until the client cancels it (its deadline passed) or the server stops.
class NeverAnswer final : public grpc::ServerUnaryReactor {
 public:
  void OnCancel() override { Finish(grpc::Status(grpc::StatusCode::CANCELLED, "caller left")); }
  void OnDone() override { delete this; }
};

class SilentSafetyService final : public fv1::SafetyService::CallbackService {
  grpc::ServerUnaryReactor* CheckRoomClearance(grpc::CallbackServerContext*,
                                               const fv1::CheckRoomClearanceRequest*,
                                               fv1::CheckRoomClearanceResponse*) override {
    return new NeverAnswer();
  }
};

}  // namespace

SilentSafety::SilentSafety() : service_(std::make_unique<SilentSafetyService>()) {
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
  builder.RegisterService(service_.get());
  server_ = builder.BuildAndStart();
  EXPECT_NE(server_, nullptr) << "could not start the silent safety service";
}

SilentSafety::~SilentSafety() {
  if (server_ != nullptr) server_->Shutdown(std::chrono::system_clock::now());
}

std::string SilentSafety::address() const { return absl::StrCat("127.0.0.1:", port_); }

void ReportFixture::SetUp() {
  auto staffing = StartTestHost(staffing::StaffingServiceSpec(clock_), staffing_db_.config());
  ASSERT_TRUE(staffing.ok()) << staffing.status();
  staffing_host_ = std::move(staffing).value();
  auto inventory = StartTestHost(inventory::InventoryServiceSpec(clock_), inventory_db_.config());
  ASSERT_TRUE(inventory.ok()) << inventory.status();
  inventory_host_ = std::move(inventory).value();
  auto safety = StartTestHost(safety::SafetyServiceSpec(clock_), safety_db_.config());
  ASSERT_TRUE(safety.ok()) << safety.status();
  safety_host_ = std::move(safety).value();

  config::ServerConfig config = TestConfig(booking_db_.config());
  config.peers = AllPeers();
  auto booking = server::ServiceHost::Start(booking::BookingServiceSpec(clock_, policy_), config,
                                            absl::Seconds(10));
  ASSERT_TRUE(booking.ok()) << booking.status();
  booking_host_ = std::move(booking).value();

  booking_ = bv1::BookingService::NewStub(NewTestChannel(booking_host_->grpc_port()));
  staffing_ = sv1::StaffingService::NewStub(NewTestChannel(staffing_host_->grpc_port()));
  inventory_ =
      inventory::v1::InventoryService::NewStub(NewTestChannel(inventory_host_->grpc_port()));
  safety_ = fv1::SafetyService::NewStub(NewTestChannel(safety_host_->grpc_port()));
  SeedRooms(*booking_);
}

void ReportFixture::TearDown() {
  for (auto& host : other_booking_hosts_) host->Shutdown(absl::Seconds(1));
  other_booking_hosts_.clear();
  for (auto* host : {&booking_host_, &safety_host_, &inventory_host_, &staffing_host_}) {
    if (*host != nullptr) (*host)->Shutdown(absl::Seconds(1));
    host->reset();
  }
}

config::PeerTargets ReportFixture::AllPeers() const {
  config::PeerTargets peers;
  peers.staffing = Address(*staffing_host_);
  peers.inventory = Address(*inventory_host_);
  peers.safety = Address(*safety_host_);
  return peers;
}

std::unique_ptr<bv1::BookingService::Stub> ReportFixture::StartBooking(
    const config::PeerTargets& peers, absl::Duration peer_deadline) {
  config::ServerConfig config = TestConfig(booking_db_.config());
  config.peers = peers;
  config.events.peer_deadline = peer_deadline;
  auto host = server::ServiceHost::Start(booking::BookingServiceSpec(clock_, policy_), config,
                                         absl::Seconds(10));
  EXPECT_TRUE(host.ok()) << host.status();
  if (!host.ok()) return nullptr;
  auto stub = bv1::BookingService::NewStub(NewTestChannel((*host)->grpc_port()));
  other_booking_hosts_.push_back(std::move(host).value());
  return stub;
}

std::string ReportFixture::Book(const std::string& room, const std::string& title, absl::Time start,
                                absl::Time end, const std::vector<bv1::ServiceKind>& services) {
  bv1::Meeting meeting =
      SampleMeeting(absl::StrCat("buildings/city-hall/rooms/", room), start, end);
  meeting.set_title(title);
  for (bv1::ServiceKind kind : services) meeting.add_services()->set_kind(kind);
  bv1::Meeting created;
  grpc::Status status = CreateMeeting(*booking_, meeting, &created);
  EXPECT_TRUE(status.ok()) << status.error_message();
  status = ConfirmMeeting(*booking_, created.name());
  EXPECT_TRUE(status.ok()) << status.error_message();
  return created.name();
}

void ReportFixture::AddAttendant(const std::string& id, const std::string& number,
                                 const std::string& display_name) {
  sv1::CreateStaffRequest request;
  request.set_staff_id(id);
  sv1::Staff* s = request.mutable_staff();
  s->set_staff_number(number);
  s->set_display_name(display_name);
  s->set_phone("13800000000");
  s->set_section("会务服务科");
  s->set_role(sv1::ROLE_ATTENDANT);
  sv1::Qualification* q = s->add_qualifications();
  q->set_kind(sv1::QUALIFICATION_KIND_FIRE_SAFETY);
  q->mutable_valid_until()->set_year(2027);
  q->mutable_valid_until()->set_month(12);
  q->mutable_valid_until()->set_day(31);
  sv1::CreateStaffResponse created;
  grpc::Status status = staffing_->CreateStaff(CallContext().get(), request, &created);
  ASSERT_TRUE(status.ok()) << status.error_message();
  sv1::SetShiftPatternRequest shifts;
  shifts.set_staff(created.staff().name());
  for (int weekday = 1; weekday <= 5; ++weekday) {
    sv1::Shift* shift = shifts.add_shifts();
    shift->set_weekday(weekday);
    shift->set_start_minute(7 * 60);
    shift->set_end_minute(20 * 60);
  }
  sv1::SetShiftPatternResponse set;
  status = staffing_->SetShiftPattern(CallContext().get(), shifts, &set);
  ASSERT_TRUE(status.ok()) << status.error_message();
}

void ReportFixture::RequireAttendants(const std::string& meeting, const std::string& room,
                                      absl::Time start, absl::Time end, int attendants) {
  sv1::SetStaffingRequirementRequest request;
  sv1::StaffingRequirement* r = request.mutable_requirement();
  r->set_meeting(meeting);
  *r->mutable_start_time() = api::ToTimestamp(start);
  *r->mutable_end_time() = api::ToTimestamp(end);
  r->set_room(absl::StrCat("buildings/city-hall/rooms/", room));
  r->set_participants(10);
  r->set_kind(sv1::MEETING_KIND_INTERNAL);
  sv1::RoleCount* count = r->add_role_counts();
  count->set_role(sv1::ROLE_ATTENDANT);
  count->set_count(attendants);
  sv1::SetStaffingRequirementResponse response;
  grpc::Status status = staffing_->SetStaffingRequirement(CallContext().get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
}

void ReportFixture::Assign(const std::string& meeting, const std::string& staff) {
  sv1::AssignStaffRequest request;
  request.set_meeting(meeting);
  request.set_staff(staff);
  sv1::AssignStaffResponse response;
  grpc::Status status = staffing_->AssignStaff(CallContext().get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
}

std::string ReportFixture::ReportHazard(const std::string& room, fv1::HazardSeverity severity,
                                        const std::string& description) {
  fv1::ReportHazardRequest request;
  fv1::Hazard* hazard = request.mutable_hazard();
  hazard->set_kind(fv1::HAZARD_KIND_WATER_LEAK);
  hazard->set_severity(severity);
  hazard->set_place(absl::StrCat("buildings/city-hall/rooms/", room));
  hazard->set_description(description);
  hazard->set_reporter("staff/inspector");
  fv1::ReportHazardResponse response;
  grpc::Status status = safety_->ReportHazard(CallContext().get(), request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return response.hazard().name();
}

grpc::Status ReportFixture::RecordServiceDone(const std::string& meeting, bv1::ServiceKind kind,
                                              bv1::ServiceProgress* out) {
  bv1::RecordServiceDoneRequest request;
  request.set_meeting(meeting);
  request.set_kind(kind);
  bv1::RecordServiceDoneResponse response;
  grpc::Status status = booking_->RecordServiceDone(CallContext().get(), request, &response);
  if (out != nullptr) *out = response.service();
  return status;
}

bv1::MeetingReadiness ReportFixture::Readiness(bv1::BookingService::Stub& stub,
                                               const std::string& meeting) {
  bv1::GetMeetingReadinessRequest request;
  request.set_name(meeting);
  bv1::GetMeetingReadinessResponse response;
  grpc::Status status = stub.GetMeetingReadiness(CallContext().get(), request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return response.readiness();
}

}  // namespace huiwu::testing
