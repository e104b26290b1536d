#include "services/booking/reports/readiness_builder.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/api/timestamp.h"
#include "services/booking/peers/call_group.h"
#include "services/booking/store/meeting_rows.h"

namespace huiwu::booking {
namespace {

namespace sv1 = ::huiwu::staffing::v1;
namespace fv1 = ::huiwu::safety::v1;
namespace iv1 = ::huiwu::inventory::v1;

// Calls in flight per peer service: enough that a day's notice finishes in a few round
// trips, few enough that one notice never floods a peer.
constexpr int kMaxInFlightPerPeer = 16;
// A meeting's assignments fit one page (a requirement is at most 100 per role).
constexpr int kAssignmentsPage = 200;

// An enum value's name without its type prefix: ROLE_ATTENDANT → ATTENDANT.
std::string WithoutPrefix(const std::string& name, absl::string_view prefix) {
  if (absl::StartsWith(name, prefix)) return name.substr(prefix.size());
  return name;
}

v1::ReadinessStatus ToProto(Readiness status) {
  switch (status) {
    case Readiness::kReady:
      return v1::READINESS_STATUS_READY;
    case Readiness::kNotReady:
      return v1::READINESS_STATUS_NOT_READY;
    case Readiness::kUnknown:
      return v1::READINESS_STATUS_UNKNOWN;
  }
  return v1::READINESS_STATUS_UNKNOWN;
}

template <typename Part>
Readiness Set(Part* part, const PartVerdict& verdict) {
  part->set_status(ToProto(verdict.status));
  part->set_detail(verdict.detail);
  return verdict.status;
}

template <typename Response>
PartVerdict Unknown(PeerService service, const PeerReply<Response>& reply,
                    absl::Duration deadline) {
  if (!reply.asked) return UnknownVerdict(service, PeerFailure::kNotConfigured, deadline);
  return UnknownVerdict(service, FailureOf(reply.status), deadline,
                        reply.status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED
                            ? ""
                            : reply.status.error_message());
}

Readiness FillStaffing(const ReadinessReplies& replies, absl::Duration deadline,
                       v1::StaffingReadiness* out) {
  const auto& requirement = replies.requirement;
  const auto& assignments = replies.assignments;
  // NOT_FOUND for the requirement is an answer: staffing has not derived one yet.
  const bool requirement_missing =
      requirement.asked && requirement.status.error_code() == grpc::StatusCode::NOT_FOUND;
  if (!requirement.asked || (!requirement.status.ok() && !requirement_missing)) {
    return Set(out, Unknown(PeerService::kStaffing, requirement, deadline));
  }
  if (!assignments.asked || !assignments.status.ok()) {
    return Set(out, Unknown(PeerService::kStaffing, assignments, deadline));
  }
  std::vector<std::pair<std::string, int>> required;
  if (!requirement_missing) {
    for (const sv1::RoleCount& count : requirement.response.requirement().role_counts()) {
      required.emplace_back(WithoutPrefix(sv1::Role_Name(count.role()), "ROLE_"), count.count());
    }
  }
  std::vector<const sv1::Assignment*> people;
  for (const sv1::Assignment& a : assignments.response.assignments()) people.push_back(&a);
  std::stable_sort(people.begin(), people.end(), [](const auto* a, const auto* b) {
    const absl::Time ta = api::FromTimestamp(a->start_time());
    const absl::Time tb = api::FromTimestamp(b->start_time());
    if (ta != tb) return ta < tb;
    return a->staff_display_name() < b->staff_display_name();
  });
  std::vector<std::string> assigned_roles;
  for (const sv1::Assignment* a : people) {
    const std::string role = WithoutPrefix(sv1::Role_Name(a->role()), "ROLE_");
    assigned_roles.push_back(role);
    v1::AssignedStaff* person = out->add_staff();
    person->set_staff(a->staff());
    person->set_display_name(a->staff_display_name());
    person->set_role(role);
    *person->mutable_report_time() = a->start_time();
    person->set_checked_in(a->has_check_in_time());
  }
  const std::vector<RoleNeed> roles = CountRoles(required, assigned_roles);
  int required_total = 0;
  for (const RoleNeed& need : roles) {
    required_total += need.required;
    v1::RoleStaffing* role = out->add_roles();
    role->set_role(need.role);
    role->set_required(need.required);
    role->set_assigned(need.assigned);
  }
  out->set_required(required_total);
  out->set_assigned(static_cast<int>(people.size()));
  return Set(out, StaffingVerdict(!requirement_missing, roles));
}

// Supplies from inventory's kit: NOT_FOUND is an answer (no kit reserved yet).
Readiness FillSupplies(const PeerReply<iv1::GetMeetingKitResponse>& reply, absl::Duration deadline,
                       v1::SuppliesReadiness* out) {
  const bool no_kit = reply.asked && reply.status.error_code() == grpc::StatusCode::NOT_FOUND;
  if (!reply.asked || (!reply.status.ok() && !no_kit)) {
    return Set(out, Unknown(PeerService::kInventory, reply, deadline));
  }
  if (no_kit) return Set(out, SuppliesVerdict(false, false, {}));
  const iv1::Kit& kit = reply.response.kit();
  out->set_kit(kit.name());
  out->set_kit_state(WithoutPrefix(iv1::KitState_Name(kit.state()), "KIT_STATE_"));
  std::vector<SupplyNeed> needs;
  for (const iv1::KitLine& line : kit.lines()) {
    // A kit reserved before needs were recorded asks for what it holds.
    const int64_t needed = line.needed() > 0 ? line.needed() : line.quantity();
    v1::SupplyLine* supply = out->add_lines();
    supply->set_item(line.item());
    supply->set_needed(needed);
    supply->set_reserved(line.quantity());
    needs.push_back(SupplyNeed{WithoutPrefix(line.item(), "items/"), needed, line.quantity()});
  }
  return Set(out, SuppliesVerdict(true, kit.state() == iv1::KIT_STATE_RELEASED, needs));
}

}  // namespace

PeerFailure FailureOf(const grpc::Status& status) {
  switch (status.error_code()) {
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return PeerFailure::kDeadline;
    case grpc::StatusCode::UNAVAILABLE:
      return PeerFailure::kUnavailable;
    default:
      return PeerFailure::kError;
  }
}

std::vector<ReadinessReplies> AskReadiness(const peers::PeerClients& peers,
                                           const std::vector<const Meeting*>& meetings,
                                           absl::Time deadline) {
  std::vector<ReadinessReplies> replies(meetings.size());
  {
    peers::CallGroup staffing(kMaxInFlightPerPeer);
    peers::CallGroup safety(kMaxInFlightPerPeer);
    peers::CallGroup inventory(kMaxInFlightPerPeer);
    for (size_t i = 0; i < meetings.size(); ++i) {
      const Meeting& meeting = *meetings[i];
      ReadinessReplies& reply = replies[i];
      const std::string name = MeetingName(meeting.id);
      if (peers.staffing != nullptr) {
        auto* stub = peers.staffing.get();
        sv1::GetStaffingRequirementRequest requirement;
        requirement.set_name(absl::StrCat(name, "/staffingRequirement"));
        reply.requirement.asked = true;
        peers::AddCall<sv1::GetStaffingRequirementRequest, sv1::GetStaffingRequirementResponse>(
            staffing, deadline,
            [stub](auto* context, auto* request, auto* response, auto callback) {
              stub->async()->GetStaffingRequirement(context, request, response,
                                                    std::move(callback));
            },
            std::move(requirement),
            [&reply](const grpc::Status& status, auto& response) {
              reply.requirement.status = status;
              reply.requirement.response = std::move(response);
            });
        sv1::ListAssignmentsRequest assignments;
        assignments.set_parent(name);
        assignments.set_page_size(kAssignmentsPage);
        reply.assignments.asked = true;
        peers::AddCall<sv1::ListAssignmentsRequest, sv1::ListAssignmentsResponse>(
            staffing, deadline,
            [stub](auto* context, auto* request, auto* response, auto callback) {
              stub->async()->ListAssignments(context, request, response, std::move(callback));
            },
            std::move(assignments),
            [&reply](const grpc::Status& status, auto& response) {
              reply.assignments.status = status;
              reply.assignments.response = std::move(response);
            });
      }
      if (peers.inventory != nullptr) {
        auto* stub = peers.inventory.get();
        iv1::GetMeetingKitRequest kit;
        kit.set_name(absl::StrCat(name, "/kit"));
        reply.kit.asked = true;
        peers::AddCall<iv1::GetMeetingKitRequest, iv1::GetMeetingKitResponse>(
            inventory, deadline,
            [stub](auto* context, auto* request, auto* response, auto callback) {
              stub->async()->GetMeetingKit(context, request, response, std::move(callback));
            },
            std::move(kit),
            [&reply](const grpc::Status& status, auto& response) {
              reply.kit.status = status;
              reply.kit.response = std::move(response);
            });
      }
      const std::optional<TimeWindow> window = ClearanceWindow(meeting);
      if (peers.safety != nullptr && window.has_value()) {
        auto* stub = peers.safety.get();
        fv1::CheckRoomClearanceRequest clearance;
        clearance.set_room(
            absl::StrCat("buildings/", meeting.building_id, "/rooms/", meeting.room_id));
        *clearance.mutable_start_time() = api::ToTimestamp(window->start);
        *clearance.mutable_end_time() = api::ToTimestamp(window->end);
        reply.clearance.asked = true;
        peers::AddCall<fv1::CheckRoomClearanceRequest, fv1::CheckRoomClearanceResponse>(
            safety, deadline,
            [stub](auto* context, auto* request, auto* response, auto callback) {
              stub->async()->CheckRoomClearance(context, request, response, std::move(callback));
            },
            std::move(clearance),
            [&reply](const grpc::Status& status, auto& response) {
              reply.clearance.status = status;
              reply.clearance.response = std::move(response);
            });
      }
    }
    staffing.Wait();
    safety.Wait();
    inventory.Wait();
  }
  return replies;
}

void AddServiceProgress(const ReportMeeting& meeting,
                        google::protobuf::RepeatedPtrField<v1::ServiceProgress>* out) {
  std::vector<ServiceRequest> services = meeting.meeting.services;
  std::sort(services.begin(), services.end(),
            [](const ServiceRequest& a, const ServiceRequest& b) { return a.kind < b.kind; });
  for (const ServiceRequest& service : services) {
    v1::ServiceProgress* progress = out->Add();
    progress->set_kind(static_cast<v1::ServiceKind>(service.kind));
    progress->set_quantity(service.quantity);
    progress->set_notes(service.notes);
    for (const ServiceDone& done : meeting.done) {
      if (done.kind != service.kind) continue;
      progress->set_done(true);
      *progress->mutable_done_time() = api::ToTimestamp(done.time);
      progress->set_done_by(done.by);
    }
  }
}

v1::MeetingReadiness BuildReadiness(const ReportMeeting& report, const ReadinessReplies& replies,
                                    const peers::PeerClients& peers, absl::Time now) {
  const Meeting& meeting = report.meeting;
  const absl::Duration deadline = peers.deadline;
  v1::MeetingReadiness out;
  out.set_meeting(MeetingName(meeting.id));
  *out.mutable_check_time() = api::ToTimestamp(now);

  v1::RoomReadiness* room = out.mutable_room();
  if (meeting.has_room()) {
    room->set_room(absl::StrCat("buildings/", meeting.building_id, "/rooms/", meeting.room_id));
    room->set_room_display_name(report.room_display_name);
  }
  if (meeting.occupancy.has_value()) {
    *room->mutable_occupancy_start_time() = api::ToTimestamp(meeting.occupancy->start);
    *room->mutable_occupancy_end_time() = api::ToTimestamp(meeting.occupancy->end);
  }
  const Readiness room_status = Set(room, RoomVerdict(meeting.state, meeting.has_room()));

  // Clearance and the pre-meeting inspection both come from safety's clearance answer.
  v1::ClearanceReadiness* clearance = out.mutable_clearance();
  v1::InspectionReadiness* inspection = out.mutable_inspection();
  Readiness clearance_status;
  Readiness inspection_status;
  if (!ClearanceWindow(meeting).has_value()) {
    clearance_status = Set(clearance, NoRoomToClear());
    inspection_status = Set(inspection, NoRoomToClear());
  } else if (peers.safety == nullptr || !replies.clearance.asked ||
             !replies.clearance.status.ok()) {
    const PartVerdict unknown = Unknown(PeerService::kSafety, replies.clearance, deadline);
    clearance_status = Set(clearance, unknown);
    inspection_status = Set(inspection, unknown);
  } else {
    const fv1::CheckRoomClearanceResponse& answer = replies.clearance.response;
    std::vector<std::string> descriptions;
    for (const fv1::ClearanceBlock& block : answer.blocks()) {
      v1::ClearanceIssue* issue = clearance->add_blocks();
      issue->set_reason(
          WithoutPrefix(fv1::ClearanceBlockReason_Name(block.reason()), "CLEARANCE_BLOCK_REASON_"));
      issue->set_resource(block.resource());
      issue->set_description(block.description());
      descriptions.push_back(block.description().empty() ? block.resource() : block.description());
    }
    // An answer with blocks but clear=true (or the reverse) is taken at its blocks.
    clearance_status = Set(clearance, ClearanceVerdict(descriptions));
    inspection->set_inspection(answer.pre_meeting_inspection());
    inspection_status = Set(inspection, InspectionVerdict(answer.pre_meeting_inspection_done()));
  }

  const Readiness staffing_status = FillStaffing(replies, deadline, out.mutable_staffing());

  const Readiness supplies_status = FillSupplies(replies.kit, deadline, out.mutable_supplies());

  v1::ServicesReadiness* services = out.mutable_services();
  AddServiceProgress(report, services->mutable_services());
  std::vector<std::pair<int, bool>> kind_done;
  for (const v1::ServiceProgress& progress : services->services()) {
    kind_done.emplace_back(progress.kind(), progress.done());
  }
  const Readiness services_status = Set(services, ServicesVerdict(kind_done));

  out.set_ready(AllReady({room_status, clearance_status, inspection_status, staffing_status,
                          supplies_status, services_status}));
  return out;
}

}  // namespace huiwu::booking
