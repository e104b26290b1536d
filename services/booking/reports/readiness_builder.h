// Readiness (准备情况) of meetings: the questions to staffing, inventory and safety, sent
// in parallel for any number of meetings within one deadline, and the answer built from
// booking's own data and whatever came back. A service that is not configured, down or
// slow makes its parts UNKNOWN with the reason; the other parts are answered.
#ifndef HUIWU_SERVICES_BOOKING_REPORTS_READINESS_BUILDER_H_
#define HUIWU_SERVICES_BOOKING_REPORTS_READINESS_BUILDER_H_

#include <vector>

#include "absl/time/time.h"
#include "grpcpp/support/status.h"
#include "huiwu/booking/v1/reports.pb.h"
#include "huiwu/inventory/v1/inventory_service.pb.h"
#include "huiwu/safety/v1/safety_service.pb.h"
#include "huiwu/staffing/v1/staffing_service.pb.h"
#include "services/booking/domain/readiness.h"
#include "services/booking/peers/peer_clients.h"
#include "services/booking/store/report_store.h"

namespace huiwu::booking {

template <typename Response>
struct PeerReply {
  bool asked = false;  // false: the service is not configured, or nothing to ask
  grpc::Status status;
  Response response;
};

// What the peers said about one meeting.
struct ReadinessReplies {
  PeerReply<staffing::v1::GetStaffingRequirementResponse> requirement;
  PeerReply<staffing::v1::ListAssignmentsResponse> assignments;
  PeerReply<safety::v1::CheckRoomClearanceResponse> clearance;
  PeerReply<inventory::v1::GetMeetingKitResponse> kit;
};

// Asks the peers about every meeting at once (at most 16 calls in flight per service),
// every call with the absolute `deadline` (wall clock), so the whole answer is bounded
// by it however many meetings there are. One entry per meeting, in order.
std::vector<ReadinessReplies> AskReadiness(const peers::PeerClients& peers,
                                           const std::vector<const Meeting*>& meetings,
                                           absl::Time deadline);

// The readiness of `meeting` from booking's data and the replies; `now` is the check
// time reported.
v1::MeetingReadiness BuildReadiness(const ReportMeeting& meeting, const ReadinessReplies& replies,
                                    const peers::PeerClients& peers, absl::Time now);

// The services ordered with the meeting and their progress, in ServiceKind order.
void AddServiceProgress(const ReportMeeting& meeting,
                        google::protobuf::RepeatedPtrField<v1::ServiceProgress>* out);

// A peer's failure as a readiness verdict's reason (domain/readiness.h).
PeerFailure FailureOf(const grpc::Status& status);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_REPORTS_READINESS_BUILDER_H_
