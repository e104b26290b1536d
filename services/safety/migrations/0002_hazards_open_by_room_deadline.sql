-- Room clearance reads the room's open critical hazards and its open high ones, each
-- most urgent first. With deadline in the index each is an ordered range that stops at
-- its LIMIT; without it, a room with hundreds of open hazards was sorted on every
-- clearance check (3.5 ms for 500 rows, measured by huiwu-bench). One statement, so a
-- re-run after a crash starts clean.
ALTER TABLE hazards
  DROP INDEX IF EXISTS hazards_open_by_room,
  ADD INDEX hazards_open_by_room (building_id, room_id, is_open, severity, deadline);
