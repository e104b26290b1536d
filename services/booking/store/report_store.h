// The SQL of readiness, the daily service notice and the weekly brief: what booking
// itself knows of meetings, rooms, sign-ins and delivered services. Reads are one query
// per kind of row for a whole day or week (no query per meeting); recording a service
// done is one transaction that also publishes its event.
#ifndef HUIWU_SERVICES_BOOKING_STORE_REPORT_STORE_H_
#define HUIWU_SERVICES_BOOKING_STORE_REPORT_STORE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/db/pool.h"
#include "services/booking/domain/attendance.h"
#include "services/booking/domain/meeting.h"
#include "services/booking/domain/time_window.h"

namespace huiwu::booking {

// A service of a meeting recorded as delivered.
struct ServiceDone {
  int kind = 0;
  absl::Time time;
  std::string by;
};

// A meeting as the reports show it.
struct ReportMeeting {
  // The meeting row with its services and hold (attendees, agenda and history only
  // when read alone, by GetReportMeeting).
  Meeting meeting;
  std::string room_display_name;  // "市政府大楼 301会议室"; empty without a room
  int listed_attendees = 0;
  int signed_in = 0;  // listed attendees and walk-ins
  std::vector<ServiceDone> done;
  bool released_as_no_show = false;  // cancelled by the no-show release (无人签到)
};

// What the sign-in sheet (签到表) shows of a meeting: the meeting with its list and room,
// and every sign-in, by time.
struct SignInSheetData {
  Meeting meeting;
  std::string room_display_name;
  std::vector<SignInRecord> sign_ins;
};

// What the seating plan (座次) shows of a meeting: the meeting with its list, and its room.
struct SeatingPlanData {
  Meeting meeting;
  std::string room_display_name;
};

// A room the weekly brief reports on.
struct ReportRoom {
  std::string building_id;
  std::string room_id;
  std::string display_name;  // with the building's
};

class ReportStore final {
 public:
  explicit ReportStore(db::ConnectionPool& pool) : pool_(pool) {}

  // One meeting with everything; NOT_FOUND (MEETING_NOT_FOUND) when there is none, or
  // when it is not `organizer_scope`'s (a unit-bound caller's unit; empty: any).
  // `no_show_actor` is the actor the no-show release records.
  absl::StatusOr<ReportMeeting> GetReportMeeting(absl::string_view meeting_id,
                                                 absl::string_view no_show_actor,
                                                 absl::string_view organizer_scope = {});

  // Meetings starting within `window` in a state that holds a room (CONFIRMED,
  // IN_PROGRESS, COMPLETED, ARCHIVED), by start, then room, at most `limit`.
  absl::StatusOr<std::vector<ReportMeeting>> ListHoldingMeetings(TimeWindow window, int limit,
                                                                 absl::string_view no_show_actor);

  // Every meeting starting within `window`, whatever its state, by start, at most `limit`.
  absl::StatusOr<std::vector<ReportMeeting>> ListAllMeetings(TimeWindow window, int limit,
                                                             absl::string_view no_show_actor);

  // The meeting, its room's name and its sign-ins, read together; NOT_FOUND
  // (MEETING_NOT_FOUND) when there is no such meeting, or when it is not
  // `organizer_scope`'s (a unit-bound caller's unit; empty: any).
  absl::StatusOr<SignInSheetData> GetSignInSheet(absl::string_view meeting_id,
                                                 absl::string_view organizer_scope = {});

  // The meeting and its room's name, read together; NOT_FOUND (MEETING_NOT_FOUND) as for
  // GetSignInSheet.
  absl::StatusOr<SeatingPlanData> GetSeatingPlan(absl::string_view meeting_id,
                                                 absl::string_view organizer_scope = {});

  // Rooms not retired, by name.
  absl::StatusOr<std::vector<ReportRoom>> ListReportRooms();

  // Records service `kind` of the meeting as delivered by `actor` at `now`, and publishes
  // MeetingServiceDone, in one transaction. A second call changes nothing and returns the
  // first record. NOT_FOUND for an unknown meeting; FAILED_PRECONDITION,
  // SERVICE_NOT_ORDERED, when the meeting did not order the service.
  absl::StatusOr<ServiceDone> RecordServiceDone(absl::string_view meeting_id, int kind,
                                                absl::string_view actor, absl::Time now);

 private:
  absl::StatusOr<std::vector<ReportMeeting>> ListMeetings(TimeWindow window, int limit,
                                                          bool holding_only,
                                                          absl::string_view no_show_actor);

  db::ConnectionPool& pool_;
};

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_STORE_REPORT_STORE_H_
