-- Room clearance also answers whether the pre-meeting inspection (会前检查) of the room
-- was done: the room's latest inspection submitted in a window, an ordered index range.
-- One statement, so a re-run after a crash starts clean.
ALTER TABLE inspections
  DROP INDEX IF EXISTS inspections_by_room,
  ADD INDEX inspections_by_room (building_id, room_id, submit_time);
