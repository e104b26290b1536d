#include "tests/staffing/staffing_fixture.h"

#include "absl/strings/str_cat.h"
#include "common/api/timestamp.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"
#include "services/staffing/staffing_spec.h"

namespace huiwu::testing {

absl::Time Shanghai(int year, int month, int day, int hour, int minute) {
  return absl::FromCivil(absl::CivilSecond(year, month, day, hour, minute, 0),
                         absl::FixedTimeZone(8 * 3600));
}

void StaffingFixture::SetUp() {
  config::ServerConfig config;
  config.host = "127.0.0.1";
  config.grpc_port = 0;
  config.metrics_port = -1;
  config.max_threads = 128;
  config.health_check_interval = absl::Milliseconds(200);
  config.shutdown_grace = absl::Seconds(5);
  config.database = database_.config();
  config.database.pool_size = 16;
  auto host =
      server::ServiceHost::Start(staffing::StaffingServiceSpec(clock_), config, absl::Seconds(10));
  ASSERT_TRUE(host.ok()) << host.status();
  host_ = std::move(host).value();
  stub_ = NewStub();
}

void StaffingFixture::TearDown() {
  stub_.reset();
  if (host_ != nullptr) host_->Shutdown(absl::Seconds(1));
  host_.reset();
}

std::unique_ptr<sv1::StaffingService::Stub> StaffingFixture::NewStub() const {
  grpc::ChannelArguments arguments;
  // Channels with equal arguments share one connection; a local pool keeps them apart.
  arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return sv1::StaffingService::NewStub(
      grpc::CreateCustomChannel(absl::StrCat("127.0.0.1:", host_->grpc_port()),
                                grpc::InsecureChannelCredentials(), arguments));
}

sv1::Staff StaffingFixture::AddStaff(const std::string& id, const std::string& number,
                                     sv1::Role role,
                                     const std::vector<sv1::QualificationKind>& extra) {
  sv1::CreateStaffRequest request;
  request.set_staff_id(id);
  sv1::Staff* s = request.mutable_staff();
  s->set_staff_number(number);
  s->set_display_name(absl::StrCat("测试", number));
  s->set_phone("13800000000");
  s->set_section("会务服务科");
  s->set_role(role);
  std::vector<sv1::QualificationKind> kinds = {sv1::QUALIFICATION_KIND_FIRE_SAFETY};
  kinds.insert(kinds.end(), extra.begin(), extra.end());
  for (sv1::QualificationKind kind : kinds) {
    sv1::Qualification* q = s->add_qualifications();
    q->set_kind(kind);
    q->mutable_valid_until()->set_year(2027);
    q->mutable_valid_until()->set_month(12);
    q->mutable_valid_until()->set_day(31);
  }
  sv1::CreateStaffResponse created;
  grpc::Status status = stub_->CreateStaff(CallContext().get(), request, &created);
  EXPECT_TRUE(status.ok()) << status.error_message();
  sv1::SetShiftPatternRequest shifts;
  shifts.set_staff(created.staff().name());
  for (int weekday = 1; weekday <= 5; ++weekday) {
    sv1::Shift* shift = shifts.add_shifts();
    shift->set_weekday(weekday);
    shift->set_start_minute(7 * 60);
    shift->set_end_minute(20 * 60);
  }
  sv1::SetShiftPatternResponse set;
  status = stub_->SetShiftPattern(CallContext().get(), shifts, &set);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return created.staff();
}

grpc::Status StaffingFixture::SetRequirement(
    const std::string& meeting, absl::Time start, absl::Time end, int participants, bool vip,
    bool sound, const std::vector<std::pair<sv1::Role, int>>& role_counts) {
  sv1::SetStaffingRequirementRequest request;
  sv1::StaffingRequirement* r = request.mutable_requirement();
  r->set_meeting(absl::StrCat("meetings/", meeting));
  *r->mutable_start_time() = api::ToTimestamp(start);
  *r->mutable_end_time() = api::ToTimestamp(end);
  r->set_room("buildings/city-hall/rooms/301");
  r->set_participants(participants);
  r->set_kind(sv1::MEETING_KIND_INTERNAL);
  r->set_vip(vip);
  r->set_sound_used(sound);
  for (const auto& [role, count] : role_counts) {
    sv1::RoleCount* c = r->add_role_counts();
    c->set_role(role);
    c->set_count(count);
  }
  sv1::SetStaffingRequirementResponse response;
  return stub_->SetStaffingRequirement(CallContext().get(), request, &response);
}

grpc::Status StaffingFixture::Assign(const std::string& meeting, const std::string& staff,
                                     sv1::Assignment* out) {
  sv1::AssignStaffRequest request;
  request.set_meeting(absl::StrCat("meetings/", meeting));
  request.set_staff(absl::StrCat("staff/", staff));
  sv1::AssignStaffResponse response;
  grpc::Status status = stub_->AssignStaff(CallContext().get(), request, &response);
  if (out != nullptr) *out = response.assignment();
  return status;
}

}  // namespace huiwu::testing
