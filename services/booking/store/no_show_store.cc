// BookingStore: the read behind the no-show sweep (see no_show_releaser.h).
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>

#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "services/booking/store/booking_store.h"

namespace huiwu::booking {
namespace {

// CONFIRMED meetings that started in [?, ?] with no sign-in row (签到), with what the
// rule needs to spare VIP meetings: the notice's VIP requirement or a VIP room. The
// start range is an index range on meetings_by_start; the room of a meeting may have
// been deleted since, hence the LEFT JOIN.
constexpr char kSelectNoShowCandidates[] =
    "SELECT m.meeting_id, m.kind, m.req_vip OR COALESCE(r.vip, FALSE), m.start_time "
    "FROM meetings m LEFT JOIN rooms r ON r.building_id = m.building_id "
    "AND r.room_id = m.room_id "
    "WHERE m.start_time >= ? AND m.start_time <= ? AND m.state = ? "
    "AND NOT EXISTS (SELECT 1 FROM sign_ins s WHERE s.meeting_id = m.meeting_id) "
    "ORDER BY m.start_time, m.meeting_id LIMIT ?";

}  // namespace

absl::StatusOr<std::vector<NoShowCandidate>> BookingStore::ListNoShowCandidates(
    absl::Time started_after, absl::Time started_by, int limit) {
  std::vector<NoShowCandidate> result;
  absl::Status status = db::ReadOnly(pool_, "ListNoShowCandidates", [&](db::Connection& c) {
    result.clear();
    auto& select = c.Prepare(kSelectNoShowCandidates);
    select.setDateTime(1, db::ToSqlDateTime(started_after));
    select.setDateTime(2, db::ToSqlDateTime(started_by));
    select.setInt(3, NumberOf(MeetingState::kConfirmed));
    select.setInt(4, limit);
    std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
    while (rows->next()) {
      // A kind this build does not know (a newer replica wrote it) is never released.
      const std::optional<MeetingKind> kind = MeetingKindFromNumber(rows->getInt(2));
      if (!kind.has_value()) continue;
      NoShowCandidate candidate;
      candidate.meeting_id = rows->getString(1);
      candidate.kind = *kind;
      candidate.vip = rows->getBoolean(3);
      candidate.start = db::FromSqlDateTime(std::string(rows->getString(4)));
      result.push_back(std::move(candidate));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

}  // namespace huiwu::booking
