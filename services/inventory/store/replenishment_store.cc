// InventoryStore: replenishment requests (申请补充): opened once per shortage (by the
// low-stock check in balance_ops, or by hand), approved, received into the ledger.
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>
#include <optional>

#include "absl/strings/str_cat.h"
#include "common/api/etag_check.h"
#include "common/db/idempotency.h"
#include "common/db/sql_error.h"
#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "common/status/errors.h"
#include "services/inventory/api/names.h"
#include "services/inventory/store/balance_ops.h"
#include "services/inventory/store/inventory_events.h"
#include "services/inventory/store/inventory_store.h"

namespace huiwu::inventory {
namespace {

constexpr char kColumns[] =
    "replenishment_id, item_id, location, quantity, received_quantity, state, reason, "
    "requester, version, create_time, update_time";
const std::string kInsert =
    absl::StrCat("INSERT INTO replenishment_requests (", kColumns,
                 ", open_flag) VALUES (?, ?, ?, ?, 0, ?, ?, ?, 1, ?, ?, 1)");
const std::string kSelect =
    absl::StrCat("SELECT ", kColumns, " FROM replenishment_requests WHERE replenishment_id = ?");
const std::string kSelectForUpdate = kSelect + " FOR UPDATE";
constexpr char kSelectOpen[] =
    "SELECT replenishment_id FROM replenishment_requests WHERE item_id = ? AND location = ? "
    "AND open_flag = 1";
// Closing clears open_flag, so the next shortage of the item may open a new request.
constexpr char kUpdate[] =
    "UPDATE replenishment_requests SET state = ?, received_quantity = ?, open_flag = ?, "
    "version = version + 1, update_time = ? WHERE replenishment_id = ?";

ReplenishmentRequest Read(sql::ResultSet& row) {
  ReplenishmentRequest r;
  r.id = row.getString(1);
  r.item_id = row.getString(2);
  r.location = row.getString(3);
  r.quantity = row.getInt64(4);
  r.received_quantity = row.getInt64(5);
  r.state = static_cast<ReplenishmentState>(row.getInt(6));
  r.reason = row.getString(7);
  r.requester = row.getString(8);
  r.version = row.getInt64(9);
  r.create_time = db::FromSqlDateTime(std::string(row.getString(10)));
  r.update_time = db::FromSqlDateTime(std::string(row.getString(11)));
  return r;
}

std::optional<ReplenishmentRequest> Find(db::Connection& c, const std::string& sql,
                                         absl::string_view id) {
  auto& select = c.Prepare(sql);
  select.setString(1, std::string(id));
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  if (!row->next()) return std::nullopt;
  return Read(*row);
}

absl::Status NotFound(absl::string_view id) {
  return ErrorWithReason(
      absl::StatusCode::kNotFound, "REPLENISHMENT_REQUEST_NOT_FOUND",
      absl::StrCat(ReplenishmentName(id), " does not exist; list low stock to find open requests"),
      {{"replenishment_request", ReplenishmentName(id)}});
}

absl::Status WrongState(const ReplenishmentRequest& r, absl::string_view reason,
                        absl::string_view what_to_do) {
  return ErrorWithReason(absl::StatusCode::kFailedPrecondition, reason,
                         absl::StrCat(ReplenishmentName(r.id), " is in state ",
                                      static_cast<int>(r.state), "; ", what_to_do),
                         {{"replenishment_request", ReplenishmentName(r.id)},
                          {"state", absl::StrCat(static_cast<int>(r.state))}});
}

void WriteState(db::Connection& c, const ReplenishmentRequest& r, absl::Time now) {
  auto& update = c.Prepare(kUpdate);
  update.setInt(1, static_cast<int>(r.state));
  update.setInt64(2, r.received_quantity);
  if (r.state == ReplenishmentState::kReceived) {
    update.setNull(3, 0);
  } else {
    update.setInt(3, 1);
  }
  update.setDateTime(4, db::ToSqlDateTime(now));
  update.setString(5, r.id);
  update.executeUpdate();
}

}  // namespace

absl::StatusOr<ReplenishmentRequest> InventoryStore::CreateReplenishment(
    const CreateReplenishmentCommand& command, absl::string_view actor, absl::Time now) {
  ReplenishmentRequest result;
  absl::Status status =
      db::InTransaction(pool_, "CreateReplenishmentRequest", [&](db::Connection& c) {
        const std::string id = NewId();
        if (!command.request_id.empty()) {
          auto earlier = db::ClaimRequestId(c, "CreateReplenishmentRequest", command.request_id,
                                            ReplenishmentName(id), now);
          if (earlier.has_value()) {
            const std::string earlier_id = earlier->substr(earlier->find('/') + 1);
            auto found = Find(c, kSelect, earlier_id);
            if (!found.has_value()) return NotFound(earlier_id);
            result = *found;
            return absl::OkStatus();
          }
        }
        if (!ItemExists(c, command.item_id)) return ItemNotFound(command.item_id);
        ReplenishmentRequest r;
        r.id = id;
        r.item_id = command.item_id;
        r.location = command.location;
        r.quantity = command.quantity;
        r.state = ReplenishmentState::kPending;
        r.reason = command.reason;
        r.requester = std::string(actor);
        r.version = 1;
        r.create_time = r.update_time = absl::FromUnixMicros(absl::ToUnixMicros(now));
        try {
          auto& insert = c.Prepare(kInsert);
          insert.setString(1, r.id);
          insert.setString(2, r.item_id);
          insert.setString(3, r.location);
          insert.setInt64(4, r.quantity);
          insert.setInt(5, static_cast<int>(r.state));
          insert.setString(6, r.reason);
          insert.setString(7, r.requester);
          insert.setDateTime(8, db::ToSqlDateTime(now));
          insert.setDateTime(9, db::ToSqlDateTime(now));
          insert.executeUpdate();
        } catch (const sql::SQLException& e) {
          if (e.getErrorCode() != db::kErDupEntry) throw;
          auto& select = c.Prepare(kSelectOpen);
          select.setString(1, command.item_id);
          select.setString(2, command.location);
          std::unique_ptr<sql::ResultSet> row(select.executeQuery());
          const std::string open =
              row->next() ? ReplenishmentName(std::string(row->getString(1))) : "";
          return ErrorWithReason(
              absl::StatusCode::kFailedPrecondition, "REPLENISHMENT_ALREADY_OPEN",
              absl::StrCat(ItemName(command.item_id), " at ", command.location,
                           " already has an open request ", open,
                           "; approve or receive that one instead of asking twice"),
              {{"replenishment_request", open}});
        }
        PublishReplenishment(c, ReplenishmentEvent::kRequested, r, Balance{}, now);
        result = r;
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<ReplenishmentRequest> InventoryStore::ApproveReplenishment(
    const ReplenishmentStepCommand& command, absl::Time now) {
  ReplenishmentRequest result;
  absl::Status status =
      db::InTransaction(pool_, "ApproveReplenishmentRequest", [&](db::Connection& c) {
        auto found = Find(c, kSelectForUpdate, command.id);
        if (!found.has_value()) return NotFound(command.id);
        ReplenishmentRequest r = *found;
        absl::Status fresh = api::CheckEtag(command.etag, r.version, ReplenishmentName(r.id));
        if (!fresh.ok()) return fresh;
        if (r.state != ReplenishmentState::kPending) {
          return WrongState(r, "REPLENISHMENT_NOT_PENDING",
                            "only a PENDING request can be approved");
        }
        r.state = ReplenishmentState::kApproved;
        WriteState(c, r, now);
        r.version += 1;
        r.update_time = absl::FromUnixMicros(absl::ToUnixMicros(now));
        PublishReplenishment(c, ReplenishmentEvent::kApproved, r, Balance{}, now);
        result = r;
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<ReceiveResult> InventoryStore::ReceiveReplenishment(
    const ReplenishmentStepCommand& command, absl::string_view actor, absl::Time now) {
  ReceiveResult result;
  absl::Status status = db::InTransaction(pool_, "ReceiveReplenishment", [&](db::Connection& c) {
    auto found = Find(c, kSelectForUpdate, command.id);
    if (!found.has_value()) return NotFound(command.id);
    ReplenishmentRequest r = *found;
    if (r.state != ReplenishmentState::kApproved) {
      return WrongState(r, "REPLENISHMENT_NOT_APPROVED",
                        r.state == ReplenishmentState::kPending
                            ? "approve it before receiving the goods"
                            : "it was received already");
    }
    r.received_quantity = command.received_quantity > 0 ? command.received_quantity : r.quantity;
    r.state = ReplenishmentState::kReceived;
    WriteState(c, r, now);
    IncreaseOnHand(c, r.item_id, r.location, r.received_quantity);
    Movement m;
    m.item_id = r.item_id;
    m.location = r.location;
    m.kind = MovementKind::kReceive;
    m.quantity = r.received_quantity;
    m.reason = absl::StrCat("replenishment ", ReplenishmentName(r.id));
    m.actor = std::string(actor);
    PostLedger(c, m, now);
    r.version += 1;
    r.update_time = absl::FromUnixMicros(absl::ToUnixMicros(now));
    result.request = r;
    result.balance = ReadBalance(c, r.item_id, r.location);
    PublishReplenishment(c, ReplenishmentEvent::kReceived, r, result.balance, now);
    // Received less than needed: still short, which is a new shortage to ask for.
    OpenReplenishmentIfLow(c, r.item_id, r.location, now);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

}  // namespace huiwu::inventory
