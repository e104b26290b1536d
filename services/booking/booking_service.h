// The gRPC handlers of huiwu.booking.v1.BookingService: validate, call the store,
// map the result. The center's rules live in domain/, all SQL in store/.
#ifndef HUIWU_SERVICES_BOOKING_BOOKING_SERVICE_H_
#define HUIWU_SERVICES_BOOKING_BOOKING_SERVICE_H_

#include <memory>
#include <utility>

#include "common/config/config.h"
#include "common/server/call_gate.h"
#include "common/time/clock.h"
#include "huiwu/booking/v1/booking_service.grpc.pb.h"
#include "services/booking/domain/scheduling_limits.h"
#include "services/booking/domain/sign_in_code.h"
#include "services/booking/reports/reports.h"
#include "services/booking/room_clearance.h"
#include "services/booking/sign_in_key_flag.h"
#include "services/booking/store/booking_store.h"
#include "services/booking/store/feedback_store.h"
#include "services/booking/store/report_store.h"

namespace huiwu::booking {

inline constexpr char kErrorDomain[] = "booking.huiwu";

class BookingService final : public v1::BookingService::Service {
 public:
  // `clearance` is asked before a room is held (confirm, reschedule of a confirmed
  // meeting, each occurrence of a series); `config` gives the other services' targets
  // and the deadline of calls to them (readiness, the notice and the brief);
  // `sign_in_keys` the keys of the door screen's codes (扫码签到) as last read, null when
  // codes are off; it must outlive the service.
  BookingService(const server::CallGate& calls, db::ConnectionPool& pool, const Clock& clock,
                 const SchedulingPolicy& policy, std::unique_ptr<RoomClearance> clearance,
                 const config::ServerConfig& config, const SignInKeyWatcher* sign_in_keys = nullptr)
      : calls_(calls),
        audit_pool_(pool),
        store_(pool, policy.LongestMeeting()),
        clock_(clock),
        policy_(policy),
        clearance_(std::move(clearance)),
        reports_(std::make_unique<Reports>(pool, clock, peers::PeerClients::FromConfig(config))),
        sign_in_keys_(sign_in_keys),
        feedback_store_(pool),
        report_store_(pool) {}

  grpc::Status CreateBuilding(grpc::ServerContext* context,
                              const v1::CreateBuildingRequest* request,
                              v1::CreateBuildingResponse* response) override;
  grpc::Status GetBuilding(grpc::ServerContext* context, const v1::GetBuildingRequest* request,
                           v1::GetBuildingResponse* response) override;
  grpc::Status ListBuildings(grpc::ServerContext* context, const v1::ListBuildingsRequest* request,
                             v1::ListBuildingsResponse* response) override;
  grpc::Status CreateRoom(grpc::ServerContext* context, const v1::CreateRoomRequest* request,
                          v1::CreateRoomResponse* response) override;
  grpc::Status GetRoom(grpc::ServerContext* context, const v1::GetRoomRequest* request,
                       v1::GetRoomResponse* response) override;
  grpc::Status ListRooms(grpc::ServerContext* context, const v1::ListRoomsRequest* request,
                         v1::ListRoomsResponse* response) override;
  grpc::Status UpdateRoom(grpc::ServerContext* context, const v1::UpdateRoomRequest* request,
                          v1::UpdateRoomResponse* response) override;
  grpc::Status DeleteRoom(grpc::ServerContext* context, const v1::DeleteRoomRequest* request,
                          v1::DeleteRoomResponse* response) override;

  // Meetings and their lifecycle (meeting_handlers.cc).
  grpc::Status CreateMeeting(grpc::ServerContext* context, const v1::CreateMeetingRequest* request,
                             v1::CreateMeetingResponse* response) override;
  grpc::Status GetMeeting(grpc::ServerContext* context, const v1::GetMeetingRequest* request,
                          v1::GetMeetingResponse* response) override;
  grpc::Status ConfirmMeeting(grpc::ServerContext* context,
                              const v1::ConfirmMeetingRequest* request,
                              v1::ConfirmMeetingResponse* response) override;
  grpc::Status RejectMeeting(grpc::ServerContext* context, const v1::RejectMeetingRequest* request,
                             v1::RejectMeetingResponse* response) override;
  grpc::Status CancelMeeting(grpc::ServerContext* context, const v1::CancelMeetingRequest* request,
                             v1::CancelMeetingResponse* response) override;
  grpc::Status StartMeeting(grpc::ServerContext* context, const v1::StartMeetingRequest* request,
                            v1::StartMeetingResponse* response) override;
  grpc::Status CompleteMeeting(grpc::ServerContext* context,
                               const v1::CompleteMeetingRequest* request,
                               v1::CompleteMeetingResponse* response) override;
  grpc::Status ArchiveMeeting(grpc::ServerContext* context,
                              const v1::ArchiveMeetingRequest* request,
                              v1::ArchiveMeetingResponse* response) override;
  grpc::Status RescheduleMeeting(grpc::ServerContext* context,
                                 const v1::RescheduleMeetingRequest* request,
                                 v1::RescheduleMeetingResponse* response) override;

  // Listing meetings and changing their details (meeting_query_handlers.cc).
  grpc::Status ListMeetings(grpc::ServerContext* context, const v1::ListMeetingsRequest* request,
                            v1::ListMeetingsResponse* response) override;
  grpc::Status UpdateMeeting(grpc::ServerContext* context, const v1::UpdateMeetingRequest* request,
                             v1::UpdateMeetingResponse* response) override;

  // Sign-in and attendance (attendance_handlers.cc).
  grpc::Status SignIn(grpc::ServerContext* context, const v1::SignInRequest* request,
                      v1::SignInResponse* response) override;
  grpc::Status GetAttendance(grpc::ServerContext* context, const v1::GetAttendanceRequest* request,
                             v1::GetAttendanceResponse* response) override;
  grpc::Status GetSignInCode(grpc::ServerContext* context, const v1::GetSignInCodeRequest* request,
                             v1::GetSignInCodeResponse* response) override;
  grpc::Status GetSignInSheet(grpc::ServerContext* context,
                              const v1::GetSignInSheetRequest* request,
                              v1::GetSignInSheetResponse* response) override;

  // Seating by rank (座次) and nameplates (seating_handlers.cc).
  grpc::Status GetSeatingPlan(grpc::ServerContext* context,
                              const v1::GetSeatingPlanRequest* request,
                              v1::GetSeatingPlanResponse* response) override;

  // The working-day calendar (working_days_handlers.cc).
  grpc::Status WaitlistMeeting(grpc::ServerContext* context,
                               const v1::WaitlistMeetingRequest* request,
                               v1::WaitlistMeetingResponse* response) override;
  grpc::Status LeaveWaitlist(grpc::ServerContext* context, const v1::LeaveWaitlistRequest* request,
                             v1::LeaveWaitlistResponse* response) override;
  grpc::Status GetWorkingDays(grpc::ServerContext* context,
                              const v1::GetWorkingDaysRequest* request,
                              v1::GetWorkingDaysResponse* response) override;

  // Availability and schedules (availability_handlers.cc).
  grpc::Status FindAvailableRooms(grpc::ServerContext* context,
                                  const v1::FindAvailableRoomsRequest* request,
                                  v1::FindAvailableRoomsResponse* response) override;
  grpc::Status GetRoomSchedule(grpc::ServerContext* context,
                               const v1::GetRoomScheduleRequest* request,
                               v1::GetRoomScheduleResponse* response) override;

  // Recurring series (series_handlers.cc).
  grpc::Status CreateMeetingSeries(grpc::ServerContext* context,
                                   const v1::CreateMeetingSeriesRequest* request,
                                   v1::CreateMeetingSeriesResponse* response) override;
  grpc::Status ConfirmMeetingSeries(grpc::ServerContext* context,
                                    const v1::ConfirmMeetingSeriesRequest* request,
                                    v1::ConfirmMeetingSeriesResponse* response) override;

  // Readiness, the daily notice and the weekly brief (report_handlers.cc).
  grpc::Status GetMeetingReadiness(grpc::ServerContext* context,
                                   const v1::GetMeetingReadinessRequest* request,
                                   v1::GetMeetingReadinessResponse* response) override;
  grpc::Status GetDailyServiceNotice(grpc::ServerContext* context,
                                     const v1::GetDailyServiceNoticeRequest* request,
                                     v1::GetDailyServiceNoticeResponse* response) override;
  grpc::Status GetWeeklyBrief(grpc::ServerContext* context,
                              const v1::GetWeeklyBriefRequest* request,
                              v1::GetWeeklyBriefResponse* response) override;
  grpc::Status RecordServiceDone(grpc::ServerContext* context,
                                 const v1::RecordServiceDoneRequest* request,
                                 v1::RecordServiceDoneResponse* response) override;

  // Service evaluation (服务评价), complaints (投诉) and their report (feedback_handlers.cc).
  grpc::Status SubmitServiceEvaluation(grpc::ServerContext* context,
                                       const v1::SubmitServiceEvaluationRequest* request,
                                       v1::SubmitServiceEvaluationResponse* response) override;
  grpc::Status GetServiceEvaluation(grpc::ServerContext* context,
                                    const v1::GetServiceEvaluationRequest* request,
                                    v1::GetServiceEvaluationResponse* response) override;
  grpc::Status RecordComplaint(grpc::ServerContext* context,
                               const v1::RecordComplaintRequest* request,
                               v1::RecordComplaintResponse* response) override;
  grpc::Status AssignComplaint(grpc::ServerContext* context,
                               const v1::AssignComplaintRequest* request,
                               v1::AssignComplaintResponse* response) override;
  grpc::Status AnswerComplaint(grpc::ServerContext* context,
                               const v1::AnswerComplaintRequest* request,
                               v1::AnswerComplaintResponse* response) override;
  grpc::Status CloseComplaint(grpc::ServerContext* context,
                              const v1::CloseComplaintRequest* request,
                              v1::CloseComplaintResponse* response) override;
  grpc::Status GetComplaint(grpc::ServerContext* context, const v1::GetComplaintRequest* request,
                            v1::GetComplaintResponse* response) override;
  grpc::Status ListComplaints(grpc::ServerContext* context,
                              const v1::ListComplaintsRequest* request,
                              v1::ListComplaintsResponse* response) override;
  grpc::Status GetFeedbackReport(grpc::ServerContext* context,
                                 const v1::GetFeedbackReportRequest* request,
                                 v1::GetFeedbackReportResponse* response) override;

  // Calendar feeds, iCalendar (calendar_feed_handlers.cc).
  grpc::Status GetCalendarFeed(grpc::ServerContext* context,
                               const v1::GetCalendarFeedRequest* request,
                               v1::GetCalendarFeedResponse* response) override;

  // The audit trail of this service's mutations (common/audit).
  // Numbered material copies (material_copy_handlers.cc).
  grpc::Status IssueMaterialCopy(grpc::ServerContext* context,
                                 const v1::IssueMaterialCopyRequest* request,
                                 v1::IssueMaterialCopyResponse* response) override;
  grpc::Status RecoverMaterialCopy(grpc::ServerContext* context,
                                   const v1::RecoverMaterialCopyRequest* request,
                                   v1::RecoverMaterialCopyResponse* response) override;
  grpc::Status WriteOffMaterialCopy(grpc::ServerContext* context,
                                    const v1::WriteOffMaterialCopyRequest* request,
                                    v1::WriteOffMaterialCopyResponse* response) override;
  grpc::Status ListMaterialCopies(grpc::ServerContext* context,
                                  const v1::ListMaterialCopiesRequest* request,
                                  v1::ListMaterialCopiesResponse* response) override;

  grpc::Status ListAuditRecords(grpc::ServerContext* context,
                                const v1::ListAuditRecordsRequest* request,
                                v1::ListAuditRecordsResponse* response) override;

 private:
  // The organizer unit the caller acts for, whose meetings alone it sees; empty for a
  // caller that works for the whole center (domain/organizer_scope.h).
  absl::StatusOr<std::string> OrganizerScopeOf(const grpc::ServerContext& context) const;
  // Who the caller is for confidential content (common/api/confidential.h), for the
  // printable documents that the call gate's masking of the answer comes too late for.
  absl::StatusOr<api::ConfidentialViewer> ViewerOf(const grpc::ServerContext& context) const;

  const server::CallGate& calls_;
  db::ConnectionPool& audit_pool_;
  BookingStore store_;
  const Clock& clock_;
  const SchedulingPolicy& policy_;
  std::unique_ptr<RoomClearance> clearance_;
  std::unique_ptr<Reports> reports_;
  // The keys in force for one call: a reload mid-call does not change them under it.
  std::shared_ptr<const SignInCodes> SignInCodesInForce() const {
    return sign_in_keys_ == nullptr ? nullptr : sign_in_keys_->current();
  }

  const SignInKeyWatcher* sign_in_keys_;
  FeedbackStore feedback_store_;
  ReportStore report_store_;  // rooms' display names for feeds and the feedback report
};

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_BOOKING_SERVICE_H_
