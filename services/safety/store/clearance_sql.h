// The one statement CheckRoomClearance sends. It sits on booking's confirm path, so it
// is a single round trip: six ordered index-range reads joined by UNION ALL, each
// stopping at its own LIMIT (no sort), tagged by their first column. The room's hazards
// name their index: the building's index also yields them in deadline order, but walks
// every critical hazard of the building to find the room's. So do the room's pending
// disinfections: the overdue gauge's index (is_pending, meeting_end_time) looks cheaper
// to the optimizer while the table is small, and walks every room's. A header of its
// own so that the tests EXPLAIN exactly this text.
#ifndef HUIWU_SERVICES_SAFETY_STORE_CLEARANCE_SQL_H_
#define HUIWU_SERVICES_SAFETY_STORE_CLEARANCE_SQL_H_

namespace huiwu::safety {

// What a row of kClearanceSql is; its columns: kind, id, severity, building_id,
// room_id / meeting_id / schedule_id, description, time (deadline / meeting end / due /
// submitted).
enum ClearanceRowKind {
  kBuildingCriticalHazard = 1,  // hazards_open_by_building, most urgent first
  kRoomHazard = 2,              // hazards_open_by_room: critical, then high
  kPendingDisinfection = 3,     // disinfection_pending_by_room, meetings ended before
                                // the window does (一会一消毒)
  kOverdueInspection = 4,       // tasks_overdue_by_room: mandatory, past due
  kPreMeetingInspection = 5,    // inspections_by_room: the latest submitted in
                                // [window start − kPreMeetingInspectionLead, window end)
};

// Parameters: building, building, room, building, room, building, room, window end,
// building, room, now, building, room, inspection since, window end.
inline constexpr char kClearanceSql[] =
    "(SELECT 1, hazard_id, severity, building_id, room_id, description, deadline "
    "FROM hazards WHERE building_id = ? AND is_open = 1 AND severity = 4 "
    "ORDER BY deadline LIMIT 50) "
    "UNION ALL "
    "(SELECT 2, hazard_id, severity, building_id, room_id, description, deadline "
    "FROM hazards FORCE INDEX (hazards_open_by_room) WHERE building_id = ? AND room_id = ? AND "
    "is_open = 1 AND severity = 4 "
    "ORDER BY deadline LIMIT 50) "
    "UNION ALL "
    "(SELECT 2, hazard_id, severity, building_id, room_id, description, deadline "
    "FROM hazards FORCE INDEX (hazards_open_by_room) WHERE building_id = ? AND room_id = ? AND "
    "is_open = 1 AND severity = 3 "
    "ORDER BY deadline LIMIT 50) "
    "UNION ALL "
    "(SELECT 3, task_id, 0, building_id, meeting_id, '', meeting_end_time "
    "FROM disinfection_tasks FORCE INDEX (disinfection_pending_by_room) "
    "WHERE building_id = ? AND room_id = ? AND is_pending = 1 "
    "AND meeting_end_time < ? ORDER BY meeting_end_time LIMIT 50) "
    "UNION ALL "
    "(SELECT 4, task_id, 0, building_id, schedule_id, '', due_time "
    "FROM inspection_tasks WHERE building_id = ? AND room_id = ? AND is_open = 1 "
    "AND mandatory = 1 AND due_time <= ? ORDER BY due_time LIMIT 50) "
    "UNION ALL "
    "(SELECT 5, inspection_id, 0, building_id, room_id, '', submit_time "
    "FROM inspections WHERE building_id = ? AND room_id = ? AND submit_time >= ? "
    "AND submit_time < ? ORDER BY submit_time DESC LIMIT 1)";

}  // namespace huiwu::safety

#endif  // HUIWU_SERVICES_SAFETY_STORE_CLEARANCE_SQL_H_
