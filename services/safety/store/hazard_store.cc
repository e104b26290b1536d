// SafetyStore: hazards and their lifecycle.
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>

#include "absl/strings/str_cat.h"
#include "common/api/etag_check.h"
#include "common/db/idempotency.h"
#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "common/status/errors.h"
#include "services/safety/store/hazard_rows.h"
#include "services/safety/store/safety_events.h"
#include "services/safety/store/safety_store.h"
#include "services/safety/store/store_util.h"

namespace huiwu::safety {
namespace {

constexpr char kUpdateHazard[] =
    "UPDATE hazards SET state = ?, is_open = ?, assignee = ?, deadline = ?, "
    "escalation_level = ?, escalation_count = ?, resolution = ?, resolver = ?, verifier = ?, "
    "version = version + 1, update_time = ? WHERE hazard_id = ?";
// Oldest first by (create_time, hazard_id); the optional filters keep one statement.
const std::string kListHazards =
    absl::StrCat("SELECT ", kHazardColumns,
                 " FROM hazards WHERE (create_time > ? OR (create_time = ? AND hazard_id > ?)) "
                 "AND (? = '' OR building_id = ?) AND (? = 0 OR is_open = 1) "
                 "ORDER BY create_time, hazard_id LIMIT ?");
constexpr char kSelectEscalationsOf[] =
    "SELECT hazard_id, level, escalate_time, manual, actor, note FROM hazard_escalations "
    "WHERE hazard_id = ? ORDER BY seq";

}  // namespace

absl::StatusOr<Hazard> SafetyStore::ReportHazard(const Hazard& hazard, absl::string_view request_id,
                                                 absl::Time now) {
  Hazard result;
  absl::Status status = db::InTransaction(pool_, "ReportHazard", [&](db::Connection& c) {
    result = hazard;
    result.id = NewId();
    if (!request_id.empty()) {
      auto earlier = db::ClaimRequestId(c, "ReportHazard", request_id, "hazards/" + result.id, now);
      if (earlier.has_value()) {
        auto found = LoadHazard(c, LastId(*earlier), /*for_update=*/false);
        if (!found.has_value()) return HazardNotFound(LastId(*earlier));
        result = *found;
        return absl::OkStatus();
      }
    }
    StartHazard(result, db::WholeMicros(now));
    InsertHazard(c, result);
    PublishHazard(c, HazardEvent::kOpened, result, now);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<Hazard> SafetyStore::GetHazard(absl::string_view hazard_id) {
  std::optional<Hazard> result;
  absl::Status status = db::ReadOnly(pool_, "GetHazard", [&](db::Connection& c) {
    result = LoadHazard(c, hazard_id, /*for_update=*/false);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (!result.has_value()) return HazardNotFound(hazard_id);
  return *result;
}

absl::StatusOr<std::vector<Hazard>> SafetyStore::ListHazards(const HazardFilter& filter,
                                                             const TimeKey& after, int limit) {
  std::vector<Hazard> result;
  absl::Status status = db::ReadOnly(pool_, "ListHazards", [&](db::Connection& c) {
    result.clear();
    {
      auto& select = c.Prepare(kListHazards);
      const bool first = after.time == absl::InfinitePast();
      const std::string after_time = db::ToSqlDateTime(first ? absl::UnixEpoch() : after.time);
      select.setDateTime(1, after_time);
      select.setDateTime(2, after_time);
      select.setString(3, first ? "" : after.id);
      select.setString(4, filter.building_id);
      select.setString(5, filter.building_id);
      select.setInt(6, filter.open_only ? 1 : 0);
      select.setInt(7, limit);
      std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
      while (rows->next()) result.push_back(ReadHazard(*rows));
    }
    // Escalations of the page's hazards: most have none, and a page is at most 200.
    for (Hazard& h : result) {
      if (h.escalation_count == 0) continue;
      auto& select = c.Prepare(kSelectEscalationsOf);
      select.setString(1, h.id);
      std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
      while (rows->next()) {
        h.escalations.push_back(Escalation{
            static_cast<EscalationLevel>(rows->getInt(2)), TimeColumn(*rows, 3),
            rows->getBoolean(4), std::string(rows->getString(5)), std::string(rows->getString(6))});
      }
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<Hazard> SafetyStore::ChangeHazard(absl::string_view hazard_id,
                                                 const HazardChange& change, absl::Time now) {
  Hazard result;
  absl::Status status = db::InTransaction(pool_, "ChangeHazard", [&](db::Connection& c) {
    auto found = LoadHazard(c, hazard_id, /*for_update=*/true);
    if (!found.has_value()) return HazardNotFound(hazard_id);
    Hazard h = *std::move(found);
    const std::string name = absl::StrCat("hazards/", h.id);
    if (absl::Status etag = api::CheckEtag(change.etag, h.version, name); !etag.ok()) return etag;
    auto next = NextState(h.state, change.action);
    if (!next.ok()) return next.status();
    const absl::Time at = db::WholeMicros(now);
    switch (change.action) {
      case HazardAction::kAssign:
        h.assignee = change.staff;
        break;
      case HazardAction::kStartRectification:
        break;
      case HazardAction::kResolve:
        h.resolver = change.staff;
        h.resolution = change.text;
        break;
      case HazardAction::kVerify:
        // Four eyes: who fixed it does not sign it off.
        if (change.staff == h.resolver) {
          return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "VERIFIER_IS_RESOLVER",
                                 absl::StrCat(change.staff,
                                              " resolved this hazard and cannot also verify it; "
                                              "ask another staff member to verify"),
                                 {{"hazard", name}, {"resolver", h.resolver}});
        }
        h.verifier = change.staff;
        break;
      case HazardAction::kReopen:
        // The problem came back: a full new period, escalating again from where it was.
        h.resolution = absl::StrCat("reopened: ", change.text);
        h.resolver.clear();
        h.verifier.clear();
        h.deadline = at + RectificationPeriod(h.severity);
        break;
      case HazardAction::kReReport:
        Escalate(h, at, /*manual=*/true, change.staff, change.text);
        InsertEscalation(c, h);
        break;
    }
    h.state = *next;
    auto& update = c.Prepare(kUpdateHazard);
    update.setInt(1, static_cast<int>(h.state));
    update.setBoolean(2, IsOpen(h.state));
    update.setString(3, h.assignee);
    update.setDateTime(4, db::ToSqlDateTime(h.deadline));
    update.setInt(5, static_cast<int>(h.escalation_level));
    update.setInt(6, h.escalation_count);
    update.setString(7, h.resolution);
    update.setString(8, h.resolver);
    update.setString(9, h.verifier);
    update.setDateTime(10, db::ToSqlDateTime(at));
    update.setString(11, h.id);
    update.executeUpdate();
    ++h.version;
    h.update_time = at;
    PublishHazard(c, EventOf(change.action), h, now);
    result = std::move(h);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

}  // namespace huiwu::safety
