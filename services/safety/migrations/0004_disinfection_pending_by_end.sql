-- The huiwu_safety_disinfections_overdue gauge counts every pending disinfection whose
-- meeting ended more than an hour ago, in all rooms, every --gauge_interval. The table
-- gains a row per meeting (一会一消毒) and is never pruned; disinfection_pending_by_room
-- starts with the room, so without this index the count read the whole table.
ALTER TABLE disinfection_tasks
  ADD INDEX IF NOT EXISTS disinfection_pending_by_end (is_pending, meeting_end_time);
