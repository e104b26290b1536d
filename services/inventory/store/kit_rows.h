// The rows of kits and kit templates, shared by kit_store.cc (the kit RPCs) and
// meeting_kit_store.cc (the kit following booking's events). Each runs in the caller's
// transaction and throws like the driver.
#ifndef HUIWU_SERVICES_INVENTORY_STORE_KIT_ROWS_H_
#define HUIWU_SERVICES_INVENTORY_STORE_KIT_ROWS_H_

#include <map>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/db/connection.h"
#include "services/inventory/domain/types.h"

namespace huiwu::inventory {

std::optional<KitTemplate> FindTemplate(db::Connection& c, absl::string_view template_id);
// The template for the kind whose size range holds `participants` (kit_rules.h's
// ChooseTemplate over the candidates), or nullopt.
std::optional<KitTemplate> ChooseTemplateFor(db::Connection& c, MeetingKind kind, int participants);

// The kit with its lines (by item); kForUpdate locks the kit row.
enum class KitLock { kNone, kForUpdate };
std::optional<Kit> FindKit(db::Connection& c, absl::string_view meeting_id, KitLock lock);

// Inserts the kit row (version 1, its lines not included). A second kit of the meeting
// fails on the primary key (one kit per meeting) with the driver's duplicate-key error.
void InsertKit(db::Connection& c, const Kit& kit, absl::Time now);
// The meeting details, source, template and state from `kit`; bumps the version.
void WriteKitDetails(db::Connection& c, const Kit& kit, absl::Time now);
// Only the state; bumps the version. Every step writes the kit row, so two steps of one
// kit on two Galera nodes conflict.
void WriteKitState(db::Connection& c, const Kit& kit, KitState state, absl::Time now);
// Inserts or replaces every column of a line.
void SaveKitLine(db::Connection& c, absl::string_view meeting_id, const KitLine& line);
void DeleteKitLine(db::Connection& c, absl::string_view meeting_id, absl::string_view item_id);

// The categories of the kit's items (what comes back after a meeting and what is used).
std::map<std::string, ItemCategory> KitItemCategories(db::Connection& c,
                                                      absl::string_view meeting_id);

// A ledger entry of the kit's line at its source.
Movement KitMovement(const Kit& kit, const KitLine& line, MovementKind kind, int64_t quantity,
                     absl::string_view actor, absl::string_view reason);

absl::Status KitNotFound(absl::string_view meeting_id);
absl::Status TemplateNotFound(absl::string_view template_id);
// FAILED_PRECONDITION, reason NO_KIT_TEMPLATE.
absl::Status NoTemplateFor(MeetingKind kind, int participants);

}  // namespace huiwu::inventory

#endif  // HUIWU_SERVICES_INVENTORY_STORE_KIT_ROWS_H_
