#include "services/booking/domain/seating.h"

#include <algorithm>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"

namespace huiwu::booking {

std::vector<int> RowSeatOrder(int people, SeatingRule rule) {
  std::vector<int> seats;
  if (people <= 0) return seats;
  // Seats 0..people-1 from the hall's left. The principal's left is the hall's right, so
  // a senior left side is +1 in these numbers.
  const int senior = rule.senior_side == SeniorSide::kLeft ? 1 : -1;
  int principal = (people - 1) / 2;  // the centre of an odd row
  int first_step = senior;           // No. 2 on the senior side
  if (people % 2 == 0) {
    const int left_middle = people / 2 - 1;
    const int right_middle = people / 2;
    if (rule.even_centring == EvenCentring::kPair) {
      // No. 2 takes the other middle seat, on the principal's senior side.
      principal = senior > 0 ? left_middle : right_middle;
    } else {
      // The principal in the senior half, No. 2 beside him towards the centre.
      principal = senior > 0 ? right_middle : left_middle;
      first_step = -senior;
    }
  }
  seats.push_back(principal + 1);
  for (int distance = 1; static_cast<int>(seats.size()) < people; ++distance) {
    for (const int side : {first_step, -first_step}) {
      const int seat = principal + side * distance;
      if (seat >= 0 && seat < people && static_cast<int>(seats.size()) < people) {
        seats.push_back(seat + 1);
      }
    }
  }
  return seats;
}

std::vector<size_t> ProtocolOrder(const std::vector<Attendee>& list) {
  std::set<std::string> seen;
  std::vector<size_t> ranked;
  std::vector<size_t> vips;
  std::vector<size_t> others;
  for (size_t i = 0; i < list.size(); ++i) {
    const Attendee& a = list[i];
    if (!seen.insert(a.id).second) continue;
    if (a.protocol_rank > 0) {
      ranked.push_back(i);
    } else if (a.vip) {
      vips.push_back(i);
    } else {
      others.push_back(i);
    }
  }
  std::stable_sort(ranked.begin(), ranked.end(), [&list](size_t a, size_t b) {
    return list[a].protocol_rank < list[b].protocol_rank;
  });
  ranked.insert(ranked.end(), vips.begin(), vips.end());
  ranked.insert(ranked.end(), others.begin(), others.end());
  return ranked;
}

absl::StatusOr<std::vector<SeatAssignment>> PlaceAttendees(const std::vector<Attendee>& list,
                                                           const SeatMap& layout,
                                                           SeatingRule rule) {
  const std::vector<size_t> order = ProtocolOrder(list);
  const int people = static_cast<int>(order.size());
  if (people > layout.Seats()) {
    return ErrorWithReason(
        absl::StatusCode::kFailedPrecondition, "NOT_ENOUGH_SEATS",
        absl::StrCat("the layout seats ", layout.Seats(), " but the meeting lists ", people,
                     " attendees; add hall rows or seats per row"),
        {{"seats", absl::StrCat(layout.Seats())}, {"attendees", absl::StrCat(people)}});
  }
  std::vector<SeatAssignment> placed;
  placed.reserve(order.size());
  int next = 0;
  // One row: the next `capacity` people by rank, from the centre out.
  const auto fill_row = [&](bool rostrum, int row, int capacity) {
    const int in_row = std::min(capacity, people - next);
    const std::vector<int> seats = RowSeatOrder(in_row, rule);
    for (int i = 0; i < in_row; ++i, ++next) {
      placed.push_back(SeatAssignment{rostrum, row, seats[i], next + 1, list[order[next]]});
    }
  };
  fill_row(/*rostrum=*/true, 1, layout.rostrum_seats);
  for (int row = 1; row <= layout.hall_rows && next < people; ++row) {
    fill_row(/*rostrum=*/false, row, layout.hall_seats_per_row);
  }
  return placed;
}

}  // namespace huiwu::booking
