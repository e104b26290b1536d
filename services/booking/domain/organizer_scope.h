// An organizer unit's system sees and changes only its own unit's meetings (DESIGN §6,
// issue 11): what the gRPC policy, which decides per method, cannot say. `scope` below
// is the unit a caller acts for (common/server/data_access.h); empty for a caller that
// works for the whole center (the dispatch hub, attendants, operators, the services).
// Another unit's meeting is answered MEETING_NOT_FOUND by the store, as if it did not
// exist; these are the refusals that are not about one meeting.
#ifndef HUIWU_SERVICES_BOOKING_DOMAIN_ORGANIZER_SCOPE_H_
#define HUIWU_SERVICES_BOOKING_DOMAIN_ORGANIZER_SCOPE_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace huiwu::booking {

// OK, or PERMISSION_DENIED (reason OTHER_ORGANIZER_UNIT) naming `field` when a
// unit-bound caller gives a meeting another unit than its own: it may not file or hand
// over meetings in another unit's name.
absl::Status CheckActsFor(absl::string_view field, absl::string_view organizer_unit,
                          absl::string_view scope);

// The organizer unit a listing filters by, when the caller `asked` for one ("" for any):
// for a unit-bound caller its own unit, or nullopt when it asked for another unit's, whose
// meetings do not exist for it (the listing is empty, not refused).
std::optional<std::string> ScopedUnitFilter(absl::string_view asked, absl::string_view scope);

// OK, or PERMISSION_DENIED (reason CENTER_WIDE_VIEW) when a unit-bound caller asks for
// `what` (e.g. "the daily service notice"), which shows every unit's meetings.
absl::Status CheckCenterWide(absl::string_view what, absl::string_view scope);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_DOMAIN_ORGANIZER_SCOPE_H_
