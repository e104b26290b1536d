#include "tests/e2e/flow_util.h"

#include "absl/time/clock.h"
#include "common/api/timestamp.h"
#include "common/time/center_zone.h"

namespace huiwu::testing {

Stubs::Stubs(const Suite& suite)
    : booking(booking::v1::BookingService::NewStub(suite.channel("booking"))),
      staffing(staffing::v1::StaffingService::NewStub(suite.channel("staffing"))),
      inventory(inventory::v1::InventoryService::NewStub(suite.channel("inventory"))),
      safety(safety::v1::SafetyService::NewStub(suite.channel("safety"))) {}

absl::Time WeekdayAhead(int days_ahead, int hour) {
  const absl::TimeZone zone = CenterTimeZone();
  absl::CivilDay day = absl::ToCivilDay(absl::Now(), zone) + days_ahead;
  while (absl::GetWeekday(day) == absl::Weekday::saturday ||
         absl::GetWeekday(day) == absl::Weekday::sunday) {
    ++day;
  }
  return absl::FromCivil(absl::CivilHour(day.year(), day.month(), day.day(), hour), zone);
}

booking::v1::CreateMeetingRequest VideoNotice(const std::string& title, absl::Time start,
                                              const std::string& request_id) {
  booking::v1::CreateMeetingRequest request;
  request.set_request_id(request_id);
  booking::v1::Meeting& meeting = *request.mutable_meeting();
  meeting.set_title(title);
  meeting.set_kind(booking::v1::MEETING_KIND_VIDEO_CONFERENCE);
  meeting.set_organizer_unit("市政府办公厅");
  meeting.mutable_contact()->set_name("王敏");
  meeting.mutable_contact()->set_phone("0571-8888 1234");
  *meeting.mutable_start_time() = api::ToTimestamp(start);
  *meeting.mutable_end_time() = api::ToTimestamp(start + absl::Hours(1));
  meeting.set_room(kVideoRoom);
  meeting.set_expected_participants(12);
  booking::v1::Attendee& chair = *meeting.add_attendees();
  chair.set_id("a-1");
  chair.set_name("李主任");
  chair.set_unit("市政府办公厅");
  booking::v1::Attendee& clerk = *meeting.add_attendees();
  clerk.set_id("a-2");
  clerk.set_name("张科长");
  meeting.add_services()->set_kind(booking::v1::SERVICE_KIND_TEA);
  return request;
}

std::vector<huiwu::events::v1::Event> StreamedEvents(const Suite& suite, const std::string& service,
                                                     const std::string& type,
                                                     const std::string& subject, size_t count) {
  auto stub = huiwu::events::v1::EventService::NewStub(suite.channel(service));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  huiwu::events::v1::StreamEventsRequest request;
  if (!type.empty()) request.add_types(type);
  if (!subject.empty()) request.add_subjects(subject);
  auto reader = stub->StreamEvents(&context, request);
  std::vector<huiwu::events::v1::Event> events;
  huiwu::events::v1::StreamEventsResponse response;
  while (events.size() < count && reader->Read(&response)) {
    for (const auto& event : response.events()) events.push_back(event);
  }
  context.TryCancel();
  reader->Finish().ok();
  return events;
}

}  // namespace huiwu::testing
