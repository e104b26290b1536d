// Readiness (准备情况), the daily service notice (每日服务通知) and the weekly business brief
// (每周业务简报): booking's own data from ReportStore, the other services asked in parallel
// within the peer deadline (a service that does not answer makes its parts unknown, the
// rest still answers), and the printable documents (render/report_html.h).
#ifndef HUIWU_SERVICES_BOOKING_REPORTS_REPORTS_H_
#define HUIWU_SERVICES_BOOKING_REPORTS_REPORTS_H_

#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "common/api/confidential.h"
#include "common/db/pool.h"
#include "common/time/clock.h"
#include "huiwu/booking/v1/reports.pb.h"
#include "huiwu/booking/v1/seating.pb.h"
#include "huiwu/booking/v1/sign_in.pb.h"
#include "services/booking/api/seating_requests.h"
#include "services/booking/peers/peer_clients.h"
#include "services/booking/store/feedback_store.h"
#include "services/booking/store/report_store.h"

namespace huiwu::booking {

// The notice lists at most this many meetings of a day (the center has ten rooms).
inline constexpr int kMaxNoticeMeetings = 200;
// The brief reads at most this many meetings of a week.
inline constexpr int kMaxBriefMeetings = 5000;

class Reports final {
 public:
  Reports(db::ConnectionPool& pool, const Clock& clock, peers::PeerClients peers)
      : store_(pool), feedback_(pool), clock_(clock), peers_(std::move(peers)) {}

  // `organizer_scope`: a unit-bound caller's unit (another unit's meeting is NOT_FOUND);
  // empty: any.
  absl::StatusOr<v1::MeetingReadiness> GetMeetingReadiness(absl::string_view meeting_id,
                                                           absl::string_view organizer_scope = {});

  // `viewer` here and below: who asks, so that a confidential meeting's title and
  // content stay out of the printable document (the answer's structured part is masked by
  // the call gate too).
  absl::Status GetDailyServiceNotice(absl::CivilDay day, const api::ConfidentialViewer& viewer,
                                     v1::GetDailyServiceNoticeResponse* out);

  absl::Status GetWeeklyBrief(absl::CivilDay any_day, const api::ConfidentialViewer& viewer,
                              v1::GetWeeklyBriefResponse* out);

  // The sign-in sheet (签到表) of a meeting: booking's own data only.
  absl::Status GetSignInSheet(absl::string_view meeting_id, absl::string_view organizer_scope,
                              const api::ConfidentialViewer& viewer,
                              v1::GetSignInSheetResponse* out);

  // The seating plan (座次) of a meeting with its printable plan and nameplates: booking's
  // own data only. FAILED_PRECONDITION, NOT_ENOUGH_SEATS, when the layout is too small.
  absl::Status GetSeatingPlan(const SeatingPlanCall& call, absl::string_view organizer_scope,
                              v1::GetSeatingPlanResponse* out);

  absl::StatusOr<v1::ServiceProgress> RecordServiceDone(absl::string_view meeting_id, int kind,
                                                        absl::string_view actor);

 private:
  // The wall-clock deadline of a request's peer calls, from now.
  absl::Time PeerDeadline() const;

  ReportStore store_;
  FeedbackStore feedback_;  // the brief's ratings and complaints
  const Clock& clock_;
  const peers::PeerClients peers_;
};

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_REPORTS_REPORTS_H_
