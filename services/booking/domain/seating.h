// Seating by rank (座次): who sits where on the rostrum (主席台) and in the hall. The
// principal (主要领导, protocol rank 1) sits in the centre and the others alternate to
// either side by rank. Which side is senior differs between Chinese government practice
// (以左为上: the principal's left, i.e. the hall's right) and international practice
// (以右为尊), and sources disagree on how a row with an even number of people is centred,
// so both are the caller's rule. The seed regulations say nothing on seating beyond
// nameplate printing (名牌打印); the sources relied on are in the README, "Seating by
// rank".
//
// Seats are numbered as seen from the hall, 1 the leftmost: the way the plan is drawn and
// the attendants walk the rows setting out the nameplates.
#ifndef HUIWU_SERVICES_BOOKING_DOMAIN_SEATING_H_
#define HUIWU_SERVICES_BOOKING_DOMAIN_SEATING_H_

#include <vector>

#include "absl/status/statusor.h"
#include "services/booking/domain/meeting.h"

namespace huiwu::booking {

enum class SeniorSide {
  kLeft,   // 以左为上: No. 2 at the principal's left (the hall's right)
  kRight,  // 以右为尊: No. 2 at the principal's right (the hall's left)
};

enum class EvenCentring {
  // 1号、2号同时居中: the principal and No. 2 take the two middle seats, No. 2 on the
  // principal's senior side; then outwards, the principal's junior side first.
  kPair,
  // 主要负责人定位后一右一左: the principal takes the middle seat of the senior half; then
  // outwards, his junior side (towards the centre) first.
  kPrincipalSeniorHalf,
};

struct SeatingRule {
  SeniorSide senior_side = SeniorSide::kLeft;
  EvenCentring even_centring = EvenCentring::kPair;
};

// The seats of one row holding `people` (≥ 0) people, in protocol order: element i is
// the seat (1 = leftmost from the hall) of the row's (i+1)-th person by rank.
std::vector<int> RowSeatOrder(int people, SeatingRule rule);

// The list in protocol order (排序): attendees with a protocol rank by rank (ties in list
// order), then the unranked VIPs (leaders and guests, 领导和嘉宾), then the other
// unranked attendees, each group in the list's order (the organizer lists by precedence
// when he gives no ranks). An id listed twice is kept once, at its first place. Indexes
// into `list`.
std::vector<size_t> ProtocolOrder(const std::vector<Attendee>& list);

// The room as set out: one rostrum row and `hall_rows` rows of `hall_seats_per_row`.
struct SeatMap {
  int rostrum_seats = 0;
  int hall_rows = 0;
  int hall_seats_per_row = 0;

  int Seats() const { return rostrum_seats + hall_rows * hall_seats_per_row; }
};

struct SeatAssignment {
  bool rostrum = false;
  int row = 1;             // 1 for the rostrum; 1 = the hall's front row
  int seat = 1;            // 1 = leftmost occupied seat of the row, from the hall
  int protocol_order = 1;  // 1 = the principal
  Attendee attendee;
};

// Every attendee of `list` seated, in protocol order: the first rostrum_seats on the
// rostrum, the rest in the hall front row first, each row filled from the centre out by
// `rule`. A row holding fewer people than seats keeps them together in the middle
// (numbered 1..people): the attendants take the spare chairs away, so the principal stays
// in the centre. FAILED_PRECONDITION, reason NOT_ENOUGH_SEATS, metadata {seats,
// attendees}, when the layout holds fewer people than the list.
absl::StatusOr<std::vector<SeatAssignment>> PlaceAttendees(const std::vector<Attendee>& list,
                                                           const SeatMap& layout, SeatingRule rule);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_DOMAIN_SEATING_H_
