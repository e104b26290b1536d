// InventoryStore: room keys (会议室钥匙指定专人谨慎保管): custody, hand-out and return,
// each logged.
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>
#include <optional>

#include "absl/strings/str_cat.h"
#include "common/db/idempotency.h"
#include "common/db/sql_error.h"
#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "common/status/errors.h"
#include "services/inventory/api/names.h"
#include "services/inventory/store/inventory_events.h"
#include "services/inventory/store/inventory_store.h"

namespace huiwu::inventory {
namespace {

constexpr char kKeyColumns[] =
    "building_id, room_id, key_id, custodian, holder, expected_return_time, check_out_time, "
    "create_time";
const std::string kInsertKey =
    absl::StrCat("INSERT INTO room_keys (", kKeyColumns,
                 ", version) VALUES (?, ?, ?, ?, NULL, NULL, NULL, ?, 1)");
const std::string kSelectKey = absl::StrCat(
    "SELECT ", kKeyColumns, " FROM room_keys WHERE building_id = ? AND room_id = ? AND key_id = ?");
const std::string kSelectKeyForUpdate = kSelectKey + " FOR UPDATE";
// The guard is the rule: only a key that is in (holder IS NULL) can go out, on any node
// (the row is written, so Galera certification decides between two nodes).
constexpr char kCheckOut[] =
    "UPDATE room_keys SET holder = ?, expected_return_time = ?, check_out_time = ?, "
    "version = version + 1 WHERE building_id = ? AND room_id = ? AND key_id = ? AND holder IS NULL";
constexpr char kReturn[] =
    "UPDATE room_keys SET holder = NULL, expected_return_time = NULL, check_out_time = NULL, "
    "version = version + 1 WHERE building_id = ? AND room_id = ? AND key_id = ? "
    "AND holder IS NOT NULL";
constexpr char kInsertLog[] =
    "INSERT INTO key_log (building_id, room_id, key_id, action, staff, actor, log_time) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";
// Keys out now, keyset on the primary key; the room and overdue filters optional.
const std::string kListHolders = absl::StrCat(
    "SELECT ", kKeyColumns,
    " FROM room_keys WHERE holder IS NOT NULL AND (? = '' OR (building_id = ? AND room_id = ?)) "
    "AND (? = 0 OR expected_return_time < ?) AND (building_id, room_id, key_id) > (?, ?, ?) "
    "ORDER BY building_id, room_id, key_id LIMIT ?");

// The custodian's cabinet holds tens of keys: a scan of room_keys is cheap. Overdue as
// IsOverdue (domain/key_rules.h) says.
constexpr char kCountKeysOut[] =
    "SELECT COUNT(*), COALESCE(SUM(expected_return_time < ?), 0) FROM room_keys "
    "WHERE holder IS NOT NULL";

constexpr int kActionCheckOut = 1;
constexpr int kActionReturn = 2;

RoomKey ReadKey(sql::ResultSet& row) {
  RoomKey key;
  key.building_id = row.getString(1);
  key.room_id = row.getString(2);
  key.key_id = row.getString(3);
  key.custodian = row.getString(4);
  if (!row.isNull(5)) key.holder = row.getString(5);
  if (!row.isNull(6)) key.expected_return_time = db::FromSqlDateTime(std::string(row.getString(6)));
  if (!row.isNull(7)) key.check_out_time = db::FromSqlDateTime(std::string(row.getString(7)));
  key.create_time = db::FromSqlDateTime(std::string(row.getString(8)));
  return key;
}

std::optional<RoomKey> FindKey(db::Connection& c, absl::string_view building_id,
                               absl::string_view room_id, absl::string_view key_id,
                               bool for_update = false) {
  auto& select = c.Prepare(for_update ? kSelectKeyForUpdate : kSelectKey);
  select.setString(1, std::string(building_id));
  select.setString(2, std::string(room_id));
  select.setString(3, std::string(key_id));
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  if (!row->next()) return std::nullopt;
  return ReadKey(*row);
}

absl::Status KeyNotFound(const KeyRef& key) {
  const std::string name = KeyName(key.building_id, key.room_id, key.key_id);
  return ErrorWithReason(absl::StatusCode::kNotFound, "KEY_NOT_FOUND",
                         absl::StrCat(name, " is not registered; register it with CreateRoomKey"),
                         {{"key", name}});
}

void Log(db::Connection& c, const KeyRef& key, int action, absl::string_view staff,
         absl::string_view actor, absl::Time now) {
  auto& insert = c.Prepare(kInsertLog);
  insert.setString(1, key.building_id);
  insert.setString(2, key.room_id);
  insert.setString(3, key.key_id);
  insert.setInt(4, action);
  insert.setString(5, std::string(staff));
  insert.setString(6, std::string(actor));
  insert.setDateTime(7, db::ToSqlDateTime(now));
  insert.executeUpdate();
}

}  // namespace

absl::StatusOr<RoomKey> InventoryStore::CreateRoomKey(const RoomKey& key,
                                                      absl::string_view request_id,
                                                      absl::Time now) {
  RoomKey result;
  const KeyRef ref{key.building_id, key.room_id, key.key_id};
  const std::string name = KeyName(key.building_id, key.room_id, key.key_id);
  absl::Status status = db::InTransaction(pool_, "CreateRoomKey", [&](db::Connection& c) {
    if (!request_id.empty()) {
      auto earlier = db::ClaimRequestId(c, "CreateRoomKey", request_id, name, now);
      if (earlier.has_value()) {
        auto found = FindKey(c, key.building_id, key.room_id, key.key_id);
        if (!found.has_value()) return KeyNotFound(ref);
        result = *found;
        return absl::OkStatus();
      }
    }
    try {
      auto& insert = c.Prepare(kInsertKey);
      insert.setString(1, key.building_id);
      insert.setString(2, key.room_id);
      insert.setString(3, key.key_id);
      insert.setString(4, key.custodian);
      insert.setDateTime(5, db::ToSqlDateTime(now));
      insert.executeUpdate();
    } catch (const sql::SQLException& e) {
      if (e.getErrorCode() != db::kErDupEntry) throw;
      return ErrorWithReason(absl::StatusCode::kAlreadyExists, "KEY_ALREADY_EXISTS",
                             absl::StrCat(name, " is registered already; choose another key_id"),
                             {{"key", name}});
    }
    result = key;
    result.holder.clear();
    result.create_time = absl::FromUnixMicros(absl::ToUnixMicros(now));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<RoomKey> InventoryStore::CheckOutKey(const CheckOutKeyCommand& command,
                                                    absl::string_view actor, absl::Time now) {
  std::optional<RoomKey> result;
  const KeyRef& key = command.key;
  absl::Status status = db::InTransaction(pool_, "CheckOutKey", [&](db::Connection& c) {
    auto& update = c.Prepare(kCheckOut);
    update.setString(1, command.holder);
    update.setDateTime(2, db::ToSqlDateTime(command.expected_return));
    update.setDateTime(3, db::ToSqlDateTime(now));
    update.setString(4, key.building_id);
    update.setString(5, key.room_id);
    update.setString(6, key.key_id);
    const bool taken = update.executeUpdate() == 1;
    result = FindKey(c, key.building_id, key.room_id, key.key_id);
    if (!result.has_value()) return KeyNotFound(key);
    if (!taken) {
      const std::string name = KeyName(key.building_id, key.room_id, key.key_id);
      return ErrorWithReason(
          absl::StatusCode::kFailedPrecondition, "KEY_ALREADY_OUT",
          absl::StrCat(name, " is out with ", result->holder,
                       "; it must be returned (ReturnKey) before it is handed out again"),
          {{"key", name}, {"holder", result->holder}});
    }
    Log(c, key, kActionCheckOut, command.holder, actor, now);
    PublishKeyCheckedOut(c, *result, now);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return *result;
}

absl::StatusOr<RoomKey> InventoryStore::ReturnKey(const KeyRef& key, absl::string_view actor,
                                                  absl::Time now) {
  std::optional<RoomKey> result;
  absl::Status status = db::InTransaction(pool_, "ReturnKey", [&](db::Connection& c) {
    // Locked, so the log names the holder who actually brings it back; the guarded
    // UPDATE still decides between two nodes.
    auto before = FindKey(c, key.building_id, key.room_id, key.key_id, /*for_update=*/true);
    if (!before.has_value()) return KeyNotFound(key);
    auto& update = c.Prepare(kReturn);
    update.setString(1, key.building_id);
    update.setString(2, key.room_id);
    update.setString(3, key.key_id);
    if (update.executeUpdate() != 1) {
      const std::string name = KeyName(key.building_id, key.room_id, key.key_id);
      return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "KEY_NOT_OUT",
                             absl::StrCat(name, " is in (with its custodian ", before->custodian,
                                          "); nothing to return"),
                             {{"key", name}, {"custodian", before->custodian}});
    }
    Log(c, key, kActionReturn, before->holder, actor, now);
    result = before;
    result->holder.clear();
    result->expected_return_time.reset();
    result->check_out_time.reset();
    PublishKeyReturned(c, *result, before->holder, now);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return *result;
}

absl::StatusOr<std::vector<RoomKey>> InventoryStore::ListKeyHolders(
    const ListKeyHoldersQuery& query, absl::Time now, int limit) {
  std::vector<RoomKey> keys;
  absl::Status status = db::ReadOnly(pool_, "ListKeyHolders", [&](db::Connection& c) {
    keys.clear();
    auto& select = c.Prepare(kListHolders);
    const std::string room_filter = query.room.has_value() ? query.room->name() : "";
    select.setString(1, room_filter);
    select.setString(2, query.room.has_value() ? query.room->building_id : "");
    select.setString(3, query.room.has_value() ? query.room->room_id : "");
    select.setInt(4, query.overdue_only ? 1 : 0);
    select.setDateTime(5, db::ToSqlDateTime(now));
    select.setString(6, query.after.empty() ? "" : query.after[0]);
    select.setString(7, query.after.empty() ? "" : query.after[1]);
    select.setString(8, query.after.empty() ? "" : query.after[2]);
    select.setInt(9, limit);
    std::unique_ptr<sql::ResultSet> row(select.executeQuery());
    while (row->next()) keys.push_back(ReadKey(*row));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return keys;
}

absl::StatusOr<KeysOutCount> InventoryStore::CountKeysOut(absl::Time now) {
  KeysOutCount count;
  absl::Status status = db::ReadOnly(pool_, "CountKeysOut", [&](db::Connection& c) {
    auto& select = c.Prepare(kCountKeysOut);
    select.setDateTime(1, db::ToSqlDateTime(now));
    std::unique_ptr<sql::ResultSet> row(select.executeQuery());
    if (row->next()) {
      count.out = row->getInt64(1);
      count.overdue = row->getInt64(2);
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return count;
}

}  // namespace huiwu::inventory
