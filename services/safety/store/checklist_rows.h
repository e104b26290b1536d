// Reading checklist revisions, shared by the checklist and inspection stores.
#ifndef HUIWU_SERVICES_SAFETY_STORE_CHECKLIST_ROWS_H_
#define HUIWU_SERVICES_SAFETY_STORE_CHECKLIST_ROWS_H_

#include <optional>
#include <string>

#include "common/db/connection.h"
#include "services/safety/domain/checklist.h"

namespace sql {
class ResultSet;
}

namespace huiwu::safety {

// An item from columns item_id, title, kind, min_value, max_value, unit,
// failure_severity, failure_hazard_kind starting at `first`.
ChecklistItem ReadItem(sql::ResultSet& row, int first);

// The revision with its items; revision 0: the latest. nullopt when there is none.
std::optional<ChecklistTemplate> LoadRevision(db::Connection& c, const std::string& template_id,
                                              int revision);

}  // namespace huiwu::safety

#endif  // HUIWU_SERVICES_SAFETY_STORE_CHECKLIST_ROWS_H_
