#include "services/booking/domain/attendance.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "services/booking/domain/meeting_state.h"
#include "services/booking/domain/seating.h"

namespace huiwu::booking {

AttendanceFigures ComputeAttendance(const std::vector<std::string>& expected_ids,
                                    const std::set<std::string>& signed_in_ids, int walk_ins) {
  AttendanceFigures figures;
  std::set<std::string> listed;
  for (const std::string& id : expected_ids) {
    if (!listed.insert(id).second) continue;
    if (signed_in_ids.contains(id)) {
      ++figures.signed_in;
    } else {
      figures.absentee_ids.push_back(id);
    }
  }
  figures.expected = static_cast<int>(listed.size());
  int unlisted_signed_in = 0;
  for (const std::string& id : signed_in_ids) {
    if (!listed.contains(id)) ++unlisted_signed_in;
  }
  figures.walk_ins = std::max(walk_ins, 0) + unlisted_signed_in;
  figures.rate =
      figures.expected == 0 ? 0.0 : static_cast<double>(figures.signed_in) / figures.expected;
  return figures;
}

absl::Status CheckSignInOpen(const Meeting& meeting, absl::Time now) {
  const std::string name = absl::StrCat("meetings/", meeting.id);
  const std::string state(MeetingStateName(meeting.state));
  if (meeting.state != MeetingState::kConfirmed && meeting.state != MeetingState::kInProgress) {
    return ErrorWithReason(
        absl::StatusCode::kFailedPrecondition, "SIGN_IN_CLOSED",
        absl::StrCat(name, " is ", state,
                     "; sign-in is open while a meeting is CONFIRMED (from 60 minutes before "
                     "its start) or IN_PROGRESS"),
        {{"meeting", name}, {"state", state}});
  }
  const absl::Time opens = meeting.window.start - kSignInOpensBefore;
  if (meeting.state == MeetingState::kConfirmed && now < opens) {
    const std::string opens_text =
        absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", opens, absl::UTCTimeZone());
    return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "SIGN_IN_CLOSED",
                           absl::StrCat("sign-in to ", name, " opens at ", opens_text,
                                        " (60 minutes before its start); sign in from then on"),
                           {{"meeting", name}, {"state", state}, {"opens_at", opens_text}});
  }
  return absl::OkStatus();
}

absl::Status CheckSignInWithoutCode(bool may_sign_in_without_code, absl::string_view caller) {
  if (may_sign_in_without_code) return absl::OkStatus();
  const std::string who =
      caller.empty() ? std::string("a caller without a certificate identity") : std::string(caller);
  return ErrorWithReason(
      absl::StatusCode::kPermissionDenied, "SIGN_IN_CODE_REQUIRED",
      absl::StrCat(who,
                   " may sign people in only with the code of the meeting's door screen: pass "
                   "the scanned sign_in_code (the attendant's desk signs in without one)"),
      {{"caller", who}});
}

std::vector<SignInSheetLine> ArrangeSignInSheet(const std::vector<Attendee>& list,
                                                const std::vector<SignInRecord>& sign_ins) {
  std::map<std::string, const SignInRecord*> by_id;
  for (const SignInRecord& record : sign_ins) by_id.emplace(record.attendee_id, &record);
  std::vector<SignInSheetLine> lines;
  std::set<std::string> listed;
  for (const size_t i : ProtocolOrder(list)) {
    const Attendee& a = list[i];
    listed.insert(a.id);
    SignInSheetLine line{a, false, std::nullopt};
    if (auto it = by_id.find(a.id); it != by_id.end()) line.sign_in_time = it->second->time;
    lines.push_back(std::move(line));
  }
  std::vector<const SignInRecord*> unlisted;
  for (const SignInRecord& record : sign_ins) {
    if (!listed.contains(record.attendee_id)) unlisted.push_back(&record);
  }
  std::sort(unlisted.begin(), unlisted.end(), [](const SignInRecord* a, const SignInRecord* b) {
    if (a->time != b->time) return a->time < b->time;
    return a->attendee_id < b->attendee_id;
  });
  for (const SignInRecord* record : unlisted) {
    Attendee walk_in;
    walk_in.id = record->attendee_id;
    walk_in.name = record->name;
    walk_in.unit = record->unit;
    lines.push_back(SignInSheetLine{std::move(walk_in), true, record->time});
  }
  return lines;
}

}  // namespace huiwu::booking
