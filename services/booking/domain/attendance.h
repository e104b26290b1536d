// Attendance figures from sign-in (签到). The center keeps a sign-in system so that it
// knows exactly who attended (确保会议参加人员的准确到位); these figures go to the
// organizer, the meeting summary and the weekly brief.
#ifndef HUIWU_SERVICES_BOOKING_DOMAIN_ATTENDANCE_H_
#define HUIWU_SERVICES_BOOKING_DOMAIN_ATTENDANCE_H_

#include <set>
#include <string>
#include <vector>

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

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_DOMAIN_ATTENDANCE_H_
