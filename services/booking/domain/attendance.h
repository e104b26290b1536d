// Attendance figures from sign-in (签到). The center keeps a sign-in system so that it
// knows exactly who attended (确保会议参加人员的准确到位); these figures go to the
// organizer, the meeting summary and the weekly brief.
#ifndef HUIWU_SERVICES_BOOKING_DOMAIN_ATTENDANCE_H_
#define HUIWU_SERVICES_BOOKING_DOMAIN_ATTENDANCE_H_

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/booking/domain/meeting.h"

namespace huiwu::booking {

struct AttendanceFigures {
  int expected = 0;   // distinct attendees on the participant list
  int signed_in = 0;  // of those, how many signed in
  // People who attended without being on the list: the walk-ins counted at the door,
  // plus any signed-in id that is not on the list (a substitute signing in as himself).
  int walk_ins = 0;
  // signed_in / expected, in [0, 1]; 0 when nobody was expected. Walk-ins are left out
  // on purpose: the rate answers "did the people who were summoned come", and a
  // substitute or an extra guest must not hide an absentee or push the rate above 1.
  double rate = 0.0;
  // Listed attendees who did not sign in, in the order of the participant list.
  std::vector<std::string> absentee_ids;
};

// `expected_ids` is the participant list (an id listed twice counts once);
// `signed_in_ids` the ids that signed in; `walk_ins` the count of unlisted people let
// in at the door (a negative count is taken as zero).
AttendanceFigures ComputeAttendance(const std::vector<std::string>& expected_ids,
                                    const std::set<std::string>& signed_in_ids, int walk_ins);

// Attendees sign in at the door as they arrive; the door opens for sign-in an hour
// before the start, when the attendants are there to check people in.
inline constexpr absl::Duration kSignInOpensBefore = absl::Minutes(60);

// OK when sign-in is open for `meeting` at `now`: it is IN_PROGRESS, or CONFIRMED and
// at most an hour from its start. Otherwise FAILED_PRECONDITION, reason SIGN_IN_CLOSED,
// metadata {meeting, state} and, before the hour, opens_at. The door screen's code
// (GetSignInCode) is shown exactly while sign-in is open.
absl::Status CheckSignInOpen(const Meeting& meeting, absl::Time now);

// A sign-in without the door screen's code (扫码签到) is taken only from a caller that
// sees the person: the data-access file says who (sign_in_without_code_principals: the
// attendants' desk and admins; with TLS off no caller is known and every call may), and
// its answer for the caller is `may_sign_in_without_code`. Any other caller — the sign-in
// portal that attendees' phones reach — must show the code, the proof that the person
// stood at the door within the last minute: PERMISSION_DENIED, reason
// SIGN_IN_CODE_REQUIRED, metadata {caller} (`caller` the certificate's identity).
absl::Status CheckSignInWithoutCode(bool may_sign_in_without_code, absl::string_view caller);

// One sign-in as the sheet shows it.
struct SignInRecord {
  std::string attendee_id;
  bool walk_in = false;
  std::string name;
  std::string unit;
  absl::Time time;
};

// One line of the sign-in sheet (签到表).
struct SignInSheetLine {
  Attendee attendee;  // for a walk-in: id "w-…", name and unit as given at the door
  bool walk_in = false;
  std::optional<absl::Time> sign_in_time;  // absent: not signed in (the hand column)
};

// The sheet's lines: the list in protocol order (ProtocolOrder, seating.h: ranked
// attendees by rank, then the unranked VIPs, then the others, each in the list's order),
// an id listed twice once; then whoever signed in without being on the list (walk-ins, a
// substitute under his own id) by sign-in time, then id.
std::vector<SignInSheetLine> ArrangeSignInSheet(const std::vector<Attendee>& list,
                                                const std::vector<SignInRecord>& sign_ins);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_DOMAIN_ATTENDANCE_H_
