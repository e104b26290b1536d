// Hazard rows, shared by the hazard, inspection and escalation stores.
#ifndef HUIWU_SERVICES_SAFETY_STORE_HAZARD_ROWS_H_
#define HUIWU_SERVICES_SAFETY_STORE_HAZARD_ROWS_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "common/db/connection.h"
#include "services/safety/domain/hazard.h"

namespace sql {
class ResultSet;
}

namespace huiwu::safety {

extern const char kHazardColumns[];

// A hazard from kHazardColumns (escalations not read).
Hazard ReadHazard(sql::ResultSet& row);

// Inserts a new hazard. Throws the driver's error (1062 for a second hazard of one
// inspection item).
void InsertHazard(db::Connection& c, const Hazard& hazard);

// The hazard with its escalations; `for_update` locks its row. nullopt when missing.
std::optional<Hazard> LoadHazard(db::Connection& c, absl::string_view hazard_id, bool for_update);

// Records `hazard.escalations.back()` as escalation number `hazard.escalation_count`.
void InsertEscalation(db::Connection& c, const Hazard& hazard);

absl::Status HazardNotFound(absl::string_view hazard_id);

}  // namespace huiwu::safety

#endif  // HUIWU_SERVICES_SAFETY_STORE_HAZARD_ROWS_H_
