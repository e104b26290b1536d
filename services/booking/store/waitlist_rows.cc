#include "services/booking/store/waitlist_rows.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/db/sql_time.h"
#include "common/status/errors.h"
#include "services/booking/domain/room_rights.h"
#include "services/booking/domain/waitlist.h"
#include "services/booking/store/lifecycle_step.h"
#include "services/booking/store/meeting_rows.h"
#include "services/booking/store/room_rows.h"
#include "services/booking/store/store_util.h"

namespace huiwu::booking {
namespace {

constexpr char kSelectRoomRightsForUpdate[] =
    "SELECT allowed_units, allowed_kinds FROM rooms WHERE building_id = ? AND room_id = ? "
    "FOR UPDATE";
// The same counter a booking writes (HoldRoom): the release's claim on the room row.
constexpr char kBumpRoomBookings[] =
    "UPDATE rooms SET booking_seq = booking_seq + 1 WHERE building_id = ? AND room_id = ?";
constexpr char kSelectRoomForWaitlist[] =
    "SELECT allowed_units, allowed_kinds, waitlist_mode, capacity, state, default_setup_minutes, "
    "default_cleanup_minutes FROM rooms WHERE building_id = ? AND room_id = ?";
// The room's queue for the freed hold, in serving order, locked: an index range on
// waitlist_by_room, each entry's notice by its primary key. A notice's hold reaches at
// most 720 minutes of set-up before its start and of clean-up after its end, so only
// notices with start < freed end + 720 min and end > freed start − 720 min can overlap
// the freed hold; the queue of a busy room spans many days, and a release must not
// spend its candidates on other slots (found by the Galera race test: with thirty
// slots waiting, ten candidates missed the freed one).
constexpr char kSelectQueue[] =
    "SELECT w.meeting_id, w.join_time, w.offer_time FROM waitlist_entries w "
    "JOIN meetings m ON m.meeting_id = w.meeting_id "
    "WHERE w.building_id = ? AND w.room_id = ? AND m.start_time < ? AND m.end_time > ? "
    "ORDER BY w.join_time, w.meeting_id LIMIT ? FOR UPDATE";
constexpr absl::Duration kLongestBuffer = absl::Minutes(720);
constexpr char kSelectEntry[] =
    "SELECT building_id, room_id, join_time, offer_time FROM waitlist_entries "
    "WHERE meeting_id = ?";
constexpr char kDeleteEntry[] = "DELETE FROM waitlist_entries WHERE meeting_id = ?";
constexpr char kOfferEntry[] = "UPDATE waitlist_entries SET offer_time = ? WHERE meeting_id = ?";
// Read before a release's transaction, without locks: the waiting notices a confirm
// could promote into the room the meeting holds — the room in AUTO_CONFIRM mode, the
// entries not yet offered, their slots reaching the hold as in kSelectQueue, in serving
// order. The occupancy is a primary-key read; the queue the same index range.
constexpr char kSelectPromotionPlan[] =
    "SELECT o.building_id, o.room_id, r.default_setup_minutes, r.default_cleanup_minutes, "
    "m.start_time, m.end_time, m.setup_minutes, m.cleanup_minutes FROM occupancies o "
    "JOIN rooms r ON r.building_id = o.building_id AND r.room_id = o.room_id "
    "JOIN waitlist_entries w ON w.building_id = o.building_id AND w.room_id = o.room_id "
    "JOIN meetings m ON m.meeting_id = w.meeting_id "
    "WHERE o.meeting_id = ? AND r.waitlist_mode = ? AND w.offer_time IS NULL "
    "AND m.start_time < o.end_time + INTERVAL ? MINUTE "
    "AND m.end_time > o.start_time - INTERVAL ? MINUTE "
    "ORDER BY w.join_time, w.meeting_id LIMIT ?";
// A hold of the room overlapping [?, ?), bounded below by the longest hold (DESIGN §4).
constexpr char kSelectOverlap[] =
    "SELECT meeting_id FROM occupancies WHERE building_id = ? AND room_id = ? "
    "AND start_time < ? AND start_time > ? AND end_time > ? AND meeting_id <> ? LIMIT 1";

constexpr int kRoomStateActive = 1;

std::string RoomResource(absl::string_view building_id, absl::string_view room_id) {
  return absl::StrCat("buildings/", building_id, "/rooms/", room_id);
}

absl::Status Restricted(const Meeting& meeting, absl::string_view building_id,
                        absl::string_view room_id, RightsRefusal refusal) {
  const std::string room = RoomResource(building_id, room_id);
  if (refusal == RightsRefusal::kOrganizerUnit) {
    return ErrorWithReason(
        absl::StatusCode::kFailedPrecondition, "ROOM_RESTRICTED",
        absl::StrCat(room, " is kept for other organizer units (allowed_organizer_units); ",
                     "choose another room (FindAvailableRooms with organizer_unit)"),
        {{"room", room}, {"organizer_unit", meeting.organizer_unit}});
  }
  return ErrorWithReason(
      absl::StatusCode::kFailedPrecondition, "ROOM_RESTRICTED",
      absl::StrCat(room, " is kept for other kinds of meeting (allowed_kinds); choose another ",
                   "room (FindAvailableRooms with kind)"),
      {{"room", room}, {"kind", std::string(MeetingKindName(meeting.kind))}});
}

RoomRights RightsOf(sql::ResultSet& row) {
  RoomRights rights;
  rights.organizer_units = SplitUnits(std::string(row.getString(1)));
  rights.kinds = FromMask(row.getUInt64(2));
  return rights;
}

void DeleteEntry(db::Connection& c, absl::string_view meeting_id) {
  auto& remove = c.Prepare(kDeleteEntry);
  remove.setString(1, std::string(meeting_id));
  remove.executeUpdate();
}

// Whether `meeting` would now fit the room for an offer: bookable, big enough, admitted
// and free over its hold. An offer holds nothing, so this is the confirm's checks
// without the write; ConfirmMeeting checks again when the offer is taken.
bool FitsForOffer(db::Connection& c, const Meeting& meeting, const RoomRights& rights, int capacity,
                  int state, TimeWindow hold, absl::Duration longest_hold) {
  if (state != kRoomStateActive || capacity < meeting.expected_participants) return false;
  if (RefusalOf(rights, meeting.organizer_unit, meeting.kind).has_value()) return false;
  auto& overlap = c.Prepare(kSelectOverlap);
  overlap.setString(1, meeting.building_id);
  overlap.setString(2, meeting.room_id);
  overlap.setDateTime(3, db::ToSqlDateTime(hold.end));
  overlap.setDateTime(4, db::ToSqlDateTime(hold.start - longest_hold));
  overlap.setDateTime(5, db::ToSqlDateTime(hold.start));
  overlap.setString(6, meeting.id);
  std::unique_ptr<sql::ResultSet> holder(overlap.executeQuery());
  return !holder->next();
}

}  // namespace

absl::Status CheckRoomRights(db::Connection& c, const Meeting& meeting,
                             absl::string_view building_id, absl::string_view room_id) {
  auto& select = c.Prepare(kSelectRoomRightsForUpdate);
  select.setString(1, std::string(building_id));
  select.setString(2, std::string(room_id));
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  if (!row->next()) return absl::OkStatus();
  std::optional<RightsRefusal> refusal =
      RefusalOf(RightsOf(*row), meeting.organizer_unit, meeting.kind);
  if (!refusal.has_value()) return absl::OkStatus();
  return Restricted(meeting, building_id, room_id, *refusal);
}

absl::Status ServeWaitlist(db::Connection& c, const Meeting& freed, TimeWindow freed_hold,
                           absl::Duration longest_meeting, absl::string_view actor, absl::Time now,
                           const ClearanceGate& gate) {
  {
    auto& bump = c.Prepare(kBumpRoomBookings);
    bump.setString(1, freed.building_id);
    bump.setString(2, freed.room_id);
    if (bump.executeUpdate() == 0) return absl::OkStatus();
  }
  // Read into values and closed at once: no result set stays open while the promotion
  // runs the lifecycle's statements on the same connection.
  RoomRights rights;
  WaitlistMode mode = WaitlistMode::kAutoConfirm;
  int capacity = 0;
  int room_state = 0;
  int setup_minutes = 0;
  int cleanup_minutes = 0;
  {
    auto& select_room = c.Prepare(kSelectRoomForWaitlist);
    select_room.setString(1, freed.building_id);
    select_room.setString(2, freed.room_id);
    std::unique_ptr<sql::ResultSet> room(select_room.executeQuery());
    if (!room->next()) return absl::OkStatus();
    rights = RightsOf(*room);
    if (room->getInt(3) == static_cast<int>(WaitlistMode::kOffer)) mode = WaitlistMode::kOffer;
    capacity = room->getInt(4);
    room_state = room->getInt(5);
    setup_minutes = room->getInt(6);
    cleanup_minutes = room->getInt(7);
  }

  std::vector<WaitlistEntry> queue;
  {
    auto& select = c.Prepare(kSelectQueue);
    select.setString(1, freed.building_id);
    select.setString(2, freed.room_id);
    select.setDateTime(3, db::ToSqlDateTime(freed_hold.end + kLongestBuffer));
    select.setDateTime(4, db::ToSqlDateTime(freed_hold.start - kLongestBuffer));
    select.setInt(5, kMaxWaitlistCandidates);
    std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
    while (rows->next()) {
      WaitlistEntry entry;
      entry.meeting_id = rows->getString(1);
      entry.building_id = freed.building_id;
      entry.room_id = freed.room_id;
      entry.join_time = db::FromSqlDateTime(std::string(rows->getString(2)));
      if (!rows->isNull(3)) {
        entry.offer_time = db::FromSqlDateTime(std::string(rows->getString(3)));
      }
      queue.push_back(std::move(entry));
    }
  }
  const std::string room_name = RoomResource(freed.building_id, freed.room_id);
  const std::string freed_by = MeetingName(freed.id);
  for (WaitlistEntry& entry : queue) {
    std::optional<Meeting> waiting = LoadMeeting(c, entry.meeting_id, /*lock=*/true);
    if (!waiting.has_value()) {
      DeleteEntry(c, entry.meeting_id);
      continue;
    }
    const WaitlistVerdict verdict = WaitlistEntryVerdict(entry, *waiting, now);
    if (verdict == WaitlistVerdict::kDrop) DeleteEntry(c, entry.meeting_id);
    if (verdict != WaitlistVerdict::kServe) continue;

    const TimeWindow hold = HoldOf(*waiting, setup_minutes, cleanup_minutes);
    // A confirm only into a hold safety cleared before the transaction; else an offer.
    const Promotion promotion =
        PromotionFor(mode,
                     mode == WaitlistMode::kAutoConfirm
                         ? gate.PromotionClearance(freed.building_id, freed.room_id, hold)
                         : absl::OkStatus(),
                     room_name, freed_by);
    bool confirmed = false;
    if (promotion.mode == WaitlistMode::kAutoConfirm) {
      TransitionCommand confirm;
      confirm.action = MeetingAction::kConfirm;
      confirm.method = "WaitlistPromotion";
      confirm.actor = std::string(actor);
      confirm.reason = promotion.reason;
      Meeting candidate = *waiting;
      // The lifecycle's own confirm: rights, capacity, state and the overlap are checked
      // exactly as for ConfirmMeeting; a refusal (FAILED_PRECONDITION) means it does not
      // fit, and the next notice is tried. It wrote nothing but the room's counter.
      absl::Status applied = ApplyTransition(c, candidate, confirm, longest_meeting, now);
      if (applied.code() == absl::StatusCode::kFailedPrecondition) continue;
      if (!applied.ok()) return applied;
      DeleteEntry(c, entry.meeting_id);
      waiting = std::move(candidate);
      confirmed = true;
    } else {
      if (!FitsForOffer(c, *waiting, rights, capacity, room_state, hold,
                        LongestHold(longest_meeting))) {
        continue;
      }
      auto& offer = c.Prepare(kOfferEntry);
      offer.setDateTime(1, db::ToSqlDateTime(now));
      offer.setString(2, entry.meeting_id);
      offer.executeUpdate();
      entry.offer_time = absl::FromUnixMicros(absl::ToUnixMicros(now));
      // The offer changes what the organizer should do next: a new etag and a history
      // entry, the state unchanged.
      waiting->update_time = *entry.offer_time;
      UpdateMeetingRow(c, *waiting, /*children=*/false);
      waiting->version += 1;
      const StateChange change{MeetingState::kSubmitted, MeetingState::kSubmitted,
                               std::string(actor), promotion.reason, *entry.offer_time};
      AppendHistory(c, waiting->id, change);
      waiting->history.push_back(change);
      waiting->waitlist = entry;
    }
    PublishEvent(c, MeetingWaitlistPromotedEvent(*waiting, confirmed, freed_by), now);
    return absl::OkStatus();
  }
  return absl::OkStatus();
}

std::optional<PromotionPlan> PlanPromotion(db::Connection& c, absl::string_view meeting_id) {
  auto& select = c.Prepare(kSelectPromotionPlan);
  select.setString(1, std::string(meeting_id));
  select.setInt(2, static_cast<int>(WaitlistMode::kAutoConfirm));
  select.setInt(3, static_cast<int>(absl::ToInt64Minutes(kLongestBuffer)));
  select.setInt(4, static_cast<int>(absl::ToInt64Minutes(kLongestBuffer)));
  select.setInt(5, kMaxWaitlistCandidates);
  std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
  std::optional<PromotionPlan> plan;
  std::vector<TimeWindow> holds;
  while (rows->next()) {
    if (!plan.has_value()) {
      plan = PromotionPlan{std::string(rows->getString(1)), std::string(rows->getString(2)), {}};
    }
    Meeting waiting;
    waiting.window = {db::FromSqlDateTime(std::string(rows->getString(5))),
                      db::FromSqlDateTime(std::string(rows->getString(6)))};
    if (!rows->isNull(7)) waiting.setup_minutes = rows->getInt(7);
    if (!rows->isNull(8)) waiting.cleanup_minutes = rows->getInt(8);
    holds.push_back(HoldOf(waiting, rows->getInt(3), rows->getInt(4)));
  }
  if (!plan.has_value()) return std::nullopt;
  plan->window = *PromotionClearanceWindow(holds);
  return plan;
}

std::optional<WaitlistEntry> LoadWaitlistPlace(db::Connection& c, const Meeting& meeting) {
  auto& select = c.Prepare(kSelectEntry);
  select.setString(1, meeting.id);
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  if (!row->next()) return std::nullopt;
  WaitlistEntry entry;
  entry.meeting_id = meeting.id;
  entry.building_id = row->getString(1);
  entry.room_id = row->getString(2);
  entry.join_time = db::FromSqlDateTime(std::string(row->getString(3)));
  if (!row->isNull(4)) entry.offer_time = db::FromSqlDateTime(std::string(row->getString(4)));
  if (!IsLiveWait(entry, meeting)) return std::nullopt;
  return entry;
}

}  // namespace huiwu::booking
