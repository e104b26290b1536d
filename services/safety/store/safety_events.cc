#include "services/safety/store/safety_events.h"

#include "absl/strings/str_cat.h"
#include "common/events/outbox.h"
#include "huiwu/safety/v1/events.pb.h"
#include "services/safety/api/checklist_requests.h"
#include "services/safety/api/facility_requests.h"
#include "services/safety/api/hazard_requests.h"
#include "services/safety/api/names.h"

namespace huiwu::safety {
namespace {

std::vector<std::string> Subjects(std::string resource, const Place& place) {
  std::vector<std::string> subjects = {std::move(resource)};
  for (std::string& s : PlaceSubjects(place)) subjects.push_back(std::move(s));
  return subjects;
}

template <typename Event>
void PublishHazardAs(db::Connection& c, const Hazard& hazard, absl::Time now) {
  Event event;
  ToProto(hazard, event.mutable_hazard());
  events::Publish(c, event, Subjects(absl::StrCat("hazards/", hazard.id), hazard.place), now);
}

template <typename Event>
void PublishDisinfectionAs(db::Connection& c, const DisinfectionTask& task, absl::Time now) {
  Event event;
  ToProto(task, event.mutable_disinfection_task());
  std::vector<std::string> subjects =
      Subjects(absl::StrCat("disinfectionTasks/", task.id), task.room);
  subjects.push_back(absl::StrCat("meetings/", task.meeting_id));
  events::Publish(c, event, subjects, now);
}

}  // namespace

HazardEvent EventOf(HazardAction action) {
  switch (action) {
    case HazardAction::kAssign:
      return HazardEvent::kAssigned;
    case HazardAction::kStartRectification:
      return HazardEvent::kRectificationStarted;
    case HazardAction::kResolve:
      return HazardEvent::kResolved;
    case HazardAction::kVerify:
      return HazardEvent::kVerified;
    case HazardAction::kReopen:
      return HazardEvent::kReopened;
    case HazardAction::kReReport:
      return HazardEvent::kEscalated;
  }
  return HazardEvent::kAssigned;
}

std::vector<std::string> PlaceSubjects(const Place& place) {
  std::vector<std::string> subjects = {PlaceName(place)};
  if (place.is_room()) subjects.push_back(PlaceName(Place{place.building_id, ""}));
  return subjects;
}

void PublishHazard(db::Connection& c, HazardEvent event, const Hazard& hazard, absl::Time now) {
  switch (event) {
    case HazardEvent::kOpened:
      return PublishHazardAs<v1::HazardOpened>(c, hazard, now);
    case HazardEvent::kAssigned:
      return PublishHazardAs<v1::HazardAssigned>(c, hazard, now);
    case HazardEvent::kRectificationStarted:
      return PublishHazardAs<v1::HazardRectificationStarted>(c, hazard, now);
    case HazardEvent::kEscalated:
      return PublishHazardAs<v1::HazardEscalated>(c, hazard, now);
    case HazardEvent::kResolved:
      return PublishHazardAs<v1::HazardResolved>(c, hazard, now);
    case HazardEvent::kVerified:
      return PublishHazardAs<v1::HazardVerified>(c, hazard, now);
    case HazardEvent::kReopened:
      return PublishHazardAs<v1::HazardReopened>(c, hazard, now);
  }
}

void PublishDisinfectionDue(db::Connection& c, const DisinfectionTask& task, absl::Time now) {
  PublishDisinfectionAs<v1::DisinfectionDue>(c, task, now);
}

void PublishDisinfectionDone(db::Connection& c, const DisinfectionTask& task, absl::Time now) {
  PublishDisinfectionAs<v1::DisinfectionDone>(c, task, now);
}

void PublishInspectionSubmitted(db::Connection& c, const Inspection& inspection, absl::Time now) {
  v1::InspectionSubmitted event;
  ToProto(inspection, event.mutable_inspection());
  std::vector<std::string> subjects =
      Subjects(absl::StrCat("inspections/", inspection.id), inspection.place);
  if (!inspection.task_id.empty()) {
    subjects.push_back(absl::StrCat("inspectionTasks/", inspection.task_id));
  }
  events::Publish(c, event, subjects, now);
}

}  // namespace huiwu::safety
