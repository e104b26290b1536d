-- Room rights (会议室使用权限): the organizer units and meeting kinds a room is kept for
-- (empty: everyone), read by the confirming transaction on the room row it locks, and
-- what a freed slot does for the room's waitlist (1 AUTO_CONFIRM, 2 OFFER).
-- allowed_units: the units joined by a line feed (a unit name has no control
-- characters); allowed_kinds: bit n set = MeetingKind n admitted.
ALTER TABLE rooms ADD COLUMN IF NOT EXISTS allowed_units TEXT NOT NULL DEFAULT '';
ALTER TABLE rooms ADD COLUMN IF NOT EXISTS allowed_kinds BIGINT UNSIGNED NOT NULL DEFAULT 0;
ALTER TABLE rooms ADD COLUMN IF NOT EXISTS waitlist_mode TINYINT NOT NULL DEFAULT 1;

-- The waitlist (候补): notices waiting for their room to be freed over their slot. The
-- primary key is the meeting: a notice waits at most once. Served by
-- (join_time, meeting_id) within a room, in the transaction that frees the room, under
-- the room row's lock (booking_seq), so a freed slot is served once even on Galera.
CREATE TABLE IF NOT EXISTS waitlist_entries (
  meeting_id VARCHAR(32) NOT NULL,
  building_id VARCHAR(63) NOT NULL,
  room_id VARCHAR(63) NOT NULL,
  join_time DATETIME(6) NOT NULL,
  -- set when the slot was offered (OFFER mode)
  offer_time DATETIME(6) NULL,
  PRIMARY KEY (meeting_id),
  KEY waitlist_by_room (building_id, room_id, join_time, meeting_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
