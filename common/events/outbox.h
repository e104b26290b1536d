// The transactional outbox (DESIGN §2): a service writes the event of a change in the
// same transaction as the change, so both commit or neither does. The event gets its
// cursor only after it commits (events/sequencer.h), so a reader that resumes "after
// cursor N" never skips an event whose transaction committed late.
#ifndef HUIWU_COMMON_EVENTS_OUTBOX_H_
#define HUIWU_COMMON_EVENTS_OUTBOX_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/db/connection.h"
#include "common/db/migrations.h"

namespace google::protobuf {
class Message;
}

namespace huiwu::events {

// Appends `payload` (a typed event message of the service's proto package; its full
// name is the event's type) to the outbox in the caller's transaction. `subjects` are
// the resource names the event concerns (what StreamEvents filters on): at most 16, each
// at most 300 bytes (longer ones are dropped). Throws like the driver.
void Publish(db::Connection& c, const google::protobuf::Message& payload,
             const std::vector<std::string>& subjects, absl::Time now);

// The subject naming an organizer unit ("organizerUnits/市政府办公厅"): what a system
// follows to see its unit's meetings, and the only events a unit-bound caller is sent.
std::string OrganizerUnitSubject(absl::string_view organizer_unit);

// The outbox, its sequence and the consumers' cursors, in every service's database.
// Versioned 900 so that it sorts after a service's own migrations of today and never
// collides with one (services number theirs from 0001).
db::Migration EventsMigration();

}  // namespace huiwu::events

#endif  // HUIWU_COMMON_EVENTS_OUTBOX_H_
