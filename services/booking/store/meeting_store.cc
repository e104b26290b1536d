// BookingStore: meetings and their lifecycle.
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/api/etag_check.h"
#include "common/db/idempotency.h"
#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "common/status/errors.h"
#include "services/booking/store/booking_store.h"
#include "services/booking/store/lifecycle_step.h"
#include "services/booking/store/meeting_rows.h"
#include "services/booking/store/store_util.h"
#include "services/booking/store/waitlist_rows.h"

namespace huiwu::booking {
namespace {

// Whether anybody signed in to the meeting (签到), read under the meeting's row lock. A
// locking read: it sees sign-ins committed after this transaction began, and makes a
// sign-in being inserted now wait for the release to commit.
constexpr char kSelectAnySignIn[] =
    "SELECT 1 FROM sign_ins WHERE meeting_id = ? LIMIT 1 LOCK IN SHARE MODE";

absl::Status RoomRequired(absl::string_view meeting_id) {
  return InvalidFieldError("room", absl::StrCat(MeetingName(meeting_id),
                                                " names no room yet; give the room to allocate"));
}

bool AnySignIn(db::Connection& c, absl::string_view meeting_id) {
  auto& select = c.Prepare(kSelectAnySignIn);
  select.setString(1, std::string(meeting_id));
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  return row->next();
}

std::string RoomNameOf(absl::string_view building_id, absl::string_view room_id) {
  return absl::StrCat("buildings/", building_id, "/rooms/", room_id);
}

}  // namespace

absl::Status ClearanceGate::Allows(absl::string_view meeting_id, absl::string_view building_id,
                                   absl::string_view room_id, TimeWindow hold) const {
  if (!checked) return absl::OkStatus();
  if (cleared.has_value() && cleared->building_id == building_id && cleared->room_id == room_id &&
      cleared->hold == hold) {
    return absl::OkStatus();
  }
  return ErrorWithReason(
      absl::StatusCode::kAborted, "CLEARANCE_OUTDATED",
      absl::StrCat(MeetingName(meeting_id), " or ", RoomNameOf(building_id, room_id),
                   " changed while the room's clearance was being checked, so nothing was "
                   "held; read the meeting again and retry"),
      {{"meeting", MeetingName(meeting_id)}, {"room", RoomNameOf(building_id, room_id)}});
}

absl::Status ClearanceGate::PromotionClearance(absl::string_view building_id,
                                               absl::string_view room_id, TimeWindow hold) const {
  if (!checked) return absl::OkStatus();
  for (const RoomAnswer& answer : promotions) {
    if (answer.building_id == building_id && answer.room_id == room_id &&
        Covers(answer.window, hold)) {
      return answer.clearance;
    }
  }
  return ErrorWithReason(
      absl::StatusCode::kFailedPrecondition, "CLEARANCE_NOT_ASKED",
      absl::StrCat("safety was not asked about ", RoomNameOf(building_id, room_id),
                   " over this hold before the release (the waitlist changed meanwhile)"),
      {{"room", RoomNameOf(building_id, room_id)}});
}

ClearanceGate CheckPromotionClearance(const ClearanceCheck& clearance,
                                      const std::vector<PromotionPlan>& planned) {
  ClearanceGate gate;
  if (!clearance) return gate;
  gate.checked = true;
  for (const PromotionPlan& plan : planned) {
    gate.promotions.push_back(
        ClearanceGate::RoomAnswer{plan.building_id, plan.room_id, plan.window,
                                  clearance(plan.building_id, plan.room_id, plan.window)});
  }
  return gate;
}

std::optional<ClearanceGate::Cleared> PlanConfirmHold(db::Connection& c,
                                                      absl::string_view meeting_id,
                                                      const TransitionCommand& command,
                                                      ConfirmRoom room) {
  std::optional<Meeting> meeting = LoadMeetingRow(c, meeting_id);
  if (!meeting.has_value() || meeting->state != MeetingState::kSubmitted) return std::nullopt;
  if (!api::CheckEtag(command.etag, meeting->version, MeetingName(meeting_id)).ok()) {
    return std::nullopt;
  }
  const bool commands =
      room == ConfirmRoom::kCommandFirst ? !command.room_id.empty() : !meeting->has_room();
  const std::string& building_id = commands ? command.building_id : meeting->building_id;
  const std::string& room_id = commands ? command.room_id : meeting->room_id;
  if (room_id.empty()) return std::nullopt;
  std::optional<TimeWindow> hold = PlanHold(c, *meeting, building_id, room_id);
  if (!hold.has_value()) return std::nullopt;
  return ClearanceGate::Cleared{building_id, room_id, *hold};
}

absl::StatusOr<ClearanceGate> CheckClearance(const ClearanceCheck& clearance,
                                             const std::optional<ClearanceGate::Cleared>& planned) {
  ClearanceGate gate;
  if (!clearance) return gate;
  gate.checked = true;
  if (planned.has_value()) {
    absl::Status clear = clearance(planned->building_id, planned->room_id, planned->hold);
    if (!clear.ok()) return clear;
    gate.cleared = planned;
  }
  return gate;
}

// The largest set-up and clean-up buffers the API accepts are 720 minutes each.
absl::Duration LongestHold(absl::Duration longest_meeting) {
  return longest_meeting + absl::Minutes(2 * 720);
}

absl::Status ApplyTransition(db::Connection& c, Meeting& meeting, const TransitionCommand& command,
                             absl::Duration longest_meeting, absl::Time now,
                             const ClearanceGate& gate) {
  absl::StatusOr<MeetingState> next = NextState(meeting.state, command.action);
  if (!next.ok()) return next.status();

  switch (command.action) {
    case MeetingAction::kConfirm: {
      if (!command.room_id.empty()) {
        meeting.building_id = command.building_id;
        meeting.room_id = command.room_id;
      }
      if (!meeting.has_room()) return RoomRequired(meeting.id);
      absl::Status admitted = CheckRoomRights(c, meeting, meeting.building_id, meeting.room_id);
      if (!admitted.ok()) return admitted;
      auto hold =
          HoldRoom(c, meeting, meeting.building_id, meeting.room_id, LongestHold(longest_meeting));
      if (!hold.ok()) return hold.status();
      absl::Status cleared = gate.Allows(meeting.id, meeting.building_id, meeting.room_id, *hold);
      if (!cleared.ok()) return cleared;
      meeting.occupancy = *hold;
      break;
    }
    case MeetingAction::kReleaseNoShow:
      // The sweep chose this meeting from a read without locks; somebody may have signed
      // in since. Checked under the row lock, so a late arrival keeps the room. On Galera
      // the lock holds only on this node; a sign-in through another node writes the
      // meeting row too (sign_in_seq), so the later of the two is refused at commit.
      if (AnySignIn(c, meeting.id)) {
        return ErrorWithReason(
            absl::StatusCode::kFailedPrecondition, "MEETING_ATTENDED",
            absl::StrCat(MeetingName(meeting.id), " has sign-ins; it is not a no-show"),
            {{"meeting", MeetingName(meeting.id)}});
      }
      [[fallthrough]];
    case MeetingAction::kReject:
    case MeetingAction::kCancel:
      meeting.state_reason = command.reason;
      break;
    case MeetingAction::kComplete:
      // The room stays held for clean-up and disinfection after the actual end
      // (一会一消毒), not after the planned one.
      if (meeting.occupancy.has_value()) {
        const absl::Time ended = std::min(meeting.window.end, db::WholeMicros(now));
        meeting.occupancy->end = ended + (meeting.occupancy->end - meeting.window.end);
        ShortenHold(c, meeting.id, meeting.occupancy->end);
      }
      if (command.summary.has_value()) meeting.summary = command.summary;
      break;
    case MeetingAction::kArchive:
      // 会后总结归档: a meeting is archived with its summary.
      if (!meeting.summary.has_value()) {
        return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "SUMMARY_REQUIRED",
                               absl::StrCat(MeetingName(meeting.id),
                                            " has no summary yet; add it with "
                                            "UpdateMeeting (update_mask summary) first"),
                               {{"meeting", MeetingName(meeting.id)}});
      }
      {
        // 保密文件回收: every numbered copy accounted for before the archive.
        absl::Status copies =
            CheckCopiesAccountedFor(meeting.id, meeting.confidential,
                                    meeting.confidential ? LoadMaterialCopiesLocked(c, meeting.id)
                                                         : std::vector<MaterialCopy>{});
        if (!copies.ok()) return copies;
      }
      break;
    case MeetingAction::kStart:
      break;
  }
  // A holder that gives its room up before using it frees a slot its waitlist may want.
  const std::optional<TimeWindow> freed_hold =
      FreesHold(command.action) ? meeting.occupancy : std::nullopt;
  // The domain decides which states hold the room; a state that does not gives it up.
  if (!OccupiesRoom(*next)) {
    ReleaseHold(c, meeting.id);
    meeting.occupancy.reset();
  }
  const MeetingState previous = meeting.state;
  meeting.state = *next;
  meeting.update_time = db::WholeMicros(now);
  UpdateMeetingRow(c, meeting, /*children=*/false);
  meeting.version += 1;  // as UpdateMeetingRow wrote it
  const StateChange change{previous, *next, command.actor, command.reason, meeting.update_time};
  AppendHistory(c, meeting.id, change);
  meeting.history.push_back(change);
  // `meeting` is now as a reload would read it, so the event needs no extra round trips.
  PublishEvent(c, MeetingTransitionEvent(command.action, meeting), now);
  if (freed_hold.has_value()) {
    return ServeWaitlist(c, meeting, *freed_hold, longest_meeting, command.actor, now, gate);
  }
  return absl::OkStatus();
}

absl::StatusOr<Meeting> BookingStore::CreateMeeting(const Meeting& meeting,
                                                    absl::string_view request_id,
                                                    absl::string_view actor, absl::Time now) {
  std::optional<Meeting> result;
  absl::Status status = db::InTransaction(pool_, "CreateMeeting", [&](db::Connection& c) {
    Meeting created = meeting;
    created.id = NewMeetingId();
    if (!request_id.empty()) {
      auto earlier =
          db::ClaimRequestId(c, "CreateMeeting", request_id, MeetingName(created.id), now);
      if (earlier.has_value()) {
        const std::string earlier_id = earlier->substr(std::string("meetings/").size());
        result = LoadMeeting(c, earlier_id, /*lock=*/false);
        return result.has_value() ? absl::OkStatus() : MeetingNotFound(earlier_id);
      }
    }
    created.state = MeetingState::kSubmitted;
    created.version = 1;
    created.create_time = created.update_time = db::WholeMicros(now);
    // As the columns keep them, so that the answer is what a reload would read.
    created.window =
        TimeWindow{db::WholeMicros(created.window.start), db::WholeMicros(created.window.end)};
    if (created.has_room()) {
      absl::Status room = ReferenceRoom(c, created.building_id, created.room_id);
      if (!room.ok()) return room;
    }
    InsertMeeting(c, created);
    const StateChange submitted{MeetingState::kSubmitted, MeetingState::kSubmitted,
                                std::string(actor), "notice submitted", created.create_time};
    AppendHistory(c, created.id, submitted);
    created.history.push_back(submitted);
    // `created` is now what a reload would read (the answer's times are whole microseconds,
    // as the columns keep them): two round trips fewer per notice (issue 13).
    PublishEvent(c, MeetingSubmittedEvent(created), now);
    result = std::move(created);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return *result;
}

absl::StatusOr<Meeting> BookingStore::GetMeeting(absl::string_view meeting_id,
                                                 absl::string_view organizer_scope) {
  std::optional<Meeting> result;
  absl::Status status = db::ReadOnly(pool_, "GetMeeting", [&](db::Connection& c) {
    result = LoadScopedMeeting(c, meeting_id, /*lock=*/false, organizer_scope);
    // Only a SUBMITTED notice naming its room can wait (IsLiveWait): no query for the rest.
    if (result.has_value() && result->state == MeetingState::kSubmitted && result->has_room()) {
      result->waitlist = LoadWaitlistPlace(c, *result);
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (!result.has_value()) return MeetingNotFound(meeting_id);
  return *result;
}

absl::StatusOr<Meeting> BookingStore::Transition(absl::string_view meeting_id,
                                                 const TransitionCommand& command, absl::Time now,
                                                 const ClearanceCheck& clearance) {
  ClearanceGate gate;
  if (command.action == MeetingAction::kConfirm && clearance) {
    // Clearance is asked before the transaction: no row stays locked while safety answers.
    std::optional<ClearanceGate::Cleared> planned;
    absl::Status read = db::ReadOnly(pool_, "PlanConfirm", [&](db::Connection& c) {
      planned = PlanConfirmHold(c, meeting_id, command, ConfirmRoom::kCommandFirst);
      return absl::OkStatus();
    });
    if (!read.ok()) return read;
    absl::StatusOr<ClearanceGate> checked = CheckClearance(clearance, planned);
    if (!checked.ok()) return checked.status();
    gate = *std::move(checked);
  } else if (FreesHold(command.action) && clearance) {
    // A release may confirm a waiting notice (ServeWaitlist): safety is asked about its
    // room first, in the same order as a confirm, and only when a confirm can happen.
    std::vector<PromotionPlan> planned;
    absl::Status read = db::ReadOnly(pool_, "PlanPromotion", [&](db::Connection& c) {
      planned.clear();
      if (auto plan = PlanPromotion(c, meeting_id); plan.has_value()) planned.push_back(*plan);
      return absl::OkStatus();
    });
    if (!read.ok()) return read;
    gate = CheckPromotionClearance(clearance, planned);
  }
  std::optional<Meeting> result;
  absl::Status status = db::InTransaction(pool_, command.method, [&](db::Connection& c) {
    if (!command.request_id.empty() &&
        db::ClaimRequestId(c, command.method, command.request_id, MeetingName(meeting_id), now)
            .has_value()) {
      // A retry of a call that already happened: answer with the meeting as it is now.
      result = LoadScopedMeeting(c, meeting_id, /*lock=*/false, command.organizer_scope);
      return result.has_value() ? absl::OkStatus() : MeetingNotFound(meeting_id);
    }
    std::optional<Meeting> meeting =
        LoadScopedMeeting(c, meeting_id, /*lock=*/true, command.organizer_scope);
    if (!meeting.has_value()) return MeetingNotFound(meeting_id);
    absl::Status etag_ok = api::CheckEtag(command.etag, meeting->version, MeetingName(meeting_id));
    if (!etag_ok.ok()) return etag_ok;
    absl::Status applied = ApplyTransition(c, *meeting, command, longest_meeting_, now, gate);
    if (!applied.ok()) return applied;
    // ApplyTransition leaves `meeting` as a reload would read it: no second read.
    result = std::move(meeting);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return *result;
}

absl::StatusOr<Meeting> BookingStore::Reschedule(
    absl::string_view meeting_id, absl::string_view etag, TimeWindow window,
    absl::string_view building_id, absl::string_view room_id, absl::string_view request_id,
    absl::Time now, const ClearanceCheck& clearance, absl::string_view organizer_scope) {
  ClearanceGate gate;
  if (clearance) {
    // Only a CONFIRMED meeting takes a hold when it moves; its new hold is cleared first,
    // before the transaction, like a confirm's.
    std::optional<ClearanceGate::Cleared> planned;
    absl::Status read = db::ReadOnly(pool_, "PlanReschedule", [&](db::Connection& c) {
      std::optional<Meeting> meeting = LoadMeetingRow(c, meeting_id);
      if (!meeting.has_value() || meeting->state != MeetingState::kConfirmed ||
          (!organizer_scope.empty() && meeting->organizer_unit != organizer_scope) ||
          !api::CheckEtag(etag, meeting->version, MeetingName(meeting_id)).ok()) {
        return absl::OkStatus();
      }
      meeting->window = window;
      if (!room_id.empty()) {
        meeting->building_id = std::string(building_id);
        meeting->room_id = std::string(room_id);
      }
      std::optional<TimeWindow> hold =
          PlanHold(c, *meeting, meeting->building_id, meeting->room_id);
      if (hold.has_value()) {
        planned = ClearanceGate::Cleared{meeting->building_id, meeting->room_id, *hold};
      }
      return absl::OkStatus();
    });
    if (!read.ok()) return read;
    absl::StatusOr<ClearanceGate> checked = CheckClearance(clearance, planned);
    if (!checked.ok()) return checked.status();
    gate = *std::move(checked);
  }
  std::optional<Meeting> result;
  absl::Status status = db::InTransaction(pool_, "RescheduleMeeting", [&](db::Connection& c) {
    if (!request_id.empty() &&
        db::ClaimRequestId(c, "RescheduleMeeting", request_id, MeetingName(meeting_id), now)
            .has_value()) {
      result = LoadScopedMeeting(c, meeting_id, /*lock=*/false, organizer_scope);
      return result.has_value() ? absl::OkStatus() : MeetingNotFound(meeting_id);
    }
    std::optional<Meeting> meeting =
        LoadScopedMeeting(c, meeting_id, /*lock=*/true, organizer_scope);
    if (!meeting.has_value()) return MeetingNotFound(meeting_id);
    absl::Status etag_ok = api::CheckEtag(etag, meeting->version, MeetingName(meeting_id));
    if (!etag_ok.ok()) return etag_ok;
    if (meeting->state != MeetingState::kSubmitted && meeting->state != MeetingState::kConfirmed) {
      return ErrorWithReason(
          absl::StatusCode::kFailedPrecondition, "INVALID_STATE_TRANSITION",
          absl::StrCat(MeetingName(meeting_id), " is ",
                       std::string(MeetingStateName(meeting->state)),
                       "; only SUBMITTED or CONFIRMED meetings can be rescheduled"),
          {{"current_state", std::string(MeetingStateName(meeting->state))},
           {"action", "RESCHEDULE"}});
    }
    const TimeWindow previous_window = meeting->window;
    const std::string previous_building_id = meeting->building_id;
    const std::string previous_room_id = meeting->room_id;
    meeting->window = window;
    if (!room_id.empty()) {
      absl::Status room = ReferenceRoom(c, building_id, room_id);
      if (!room.ok()) return room;
      meeting->building_id = std::string(building_id);
      meeting->room_id = std::string(room_id);
    }
    if (meeting->state == MeetingState::kConfirmed) {
      // Moving into a room is booking it; a move in time keeps the room it was given.
      if (meeting->room_id != previous_room_id || meeting->building_id != previous_building_id) {
        absl::Status admitted =
            CheckRoomRights(c, *meeting, meeting->building_id, meeting->room_id);
        if (!admitted.ok()) return admitted;
      }
      // The new hold replaces the old one in this transaction: on conflict the whole
      // transaction rolls back and the meeting keeps its old slot.
      auto hold = HoldRoom(c, *meeting, meeting->building_id, meeting->room_id,
                           LongestHold(longest_meeting_));
      if (!hold.ok()) return hold.status();
      absl::Status cleared = gate.Allows(meeting_id, meeting->building_id, meeting->room_id, *hold);
      if (!cleared.ok()) return cleared;
    }
    meeting->update_time = db::WholeMicros(now);
    UpdateMeetingRow(c, *meeting, /*children=*/false);
    result = LoadMeeting(c, meeting_id, /*lock=*/false);
    PublishEvent(
        c,
        MeetingRescheduledEvent(*result, previous_window, previous_building_id, previous_room_id),
        now);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return *result;
}

}  // namespace huiwu::booking
