-- Meetings from notice to archive, what they hold of a room, and who signed in.

-- Every booking of a room writes this counter, so two bookings of one room on two
-- Galera nodes write the same row and certification rejects the loser at commit
-- (SELECT … FOR UPDATE alone locks only the local node; DESIGN §4). It is not the
-- room's etag: bookings do not change the room.
ALTER TABLE rooms ADD COLUMN IF NOT EXISTS booking_seq BIGINT NOT NULL DEFAULT 0;

CREATE TABLE IF NOT EXISTS meeting_series (
  series_id VARCHAR(32) NOT NULL,
  frequency TINYINT NOT NULL,
  recurrence_interval INT NOT NULL,
  weekdays VARCHAR(20) NOT NULL,
  until_date DATE NULL,
  occurrence_count INT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (series_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS meetings (
  meeting_id VARCHAR(32) NOT NULL,
  title VARCHAR(200) NOT NULL,
  kind TINYINT NOT NULL,
  organizer_unit VARCHAR(100) NOT NULL,
  contact_name VARCHAR(50) NOT NULL,
  contact_phone VARCHAR(30) NOT NULL,
  start_time DATETIME(6) NOT NULL,
  end_time DATETIME(6) NOT NULL,
  building_id VARCHAR(63) NOT NULL DEFAULT '',
  room_id VARCHAR(63) NOT NULL DEFAULT '',
  req_min_capacity INT NOT NULL DEFAULT 0,
  req_equipment BIGINT UNSIGNED NOT NULL DEFAULT 0,
  req_vip BOOLEAN NOT NULL DEFAULT FALSE,
  req_building_id VARCHAR(63) NOT NULL DEFAULT '',
  expected_participants INT NOT NULL,
  materials TEXT NOT NULL,
  budget_fen BIGINT NOT NULL DEFAULT 0,
  safety_measures TEXT NOT NULL,
  notes TEXT NOT NULL,
  -- NULL: the room's default buffer applies
  setup_minutes INT NULL,
  cleanup_minutes INT NULL,
  state TINYINT NOT NULL,
  state_reason VARCHAR(500) NOT NULL DEFAULT '',
  series_id VARCHAR(32) NOT NULL DEFAULT '',
  summary_attendance INT NULL,
  summary_notes TEXT NULL,
  summary_problems TEXT NULL,
  version BIGINT NOT NULL,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (meeting_id),
  KEY meetings_by_start (start_time, meeting_id),
  KEY meetings_by_room (building_id, room_id, start_time),
  KEY meetings_by_series (series_id, start_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS meeting_attendees (
  meeting_id VARCHAR(32) NOT NULL,
  attendee_id VARCHAR(63) NOT NULL,
  position INT NOT NULL,
  name VARCHAR(50) NOT NULL,
  unit VARCHAR(100) NOT NULL,
  title VARCHAR(50) NOT NULL,
  vip BOOLEAN NOT NULL,
  PRIMARY KEY (meeting_id, attendee_id),
  KEY attendees_in_order (meeting_id, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS meeting_agenda (
  meeting_id VARCHAR(32) NOT NULL,
  position INT NOT NULL,
  title VARCHAR(200) NOT NULL,
  presenter VARCHAR(50) NOT NULL,
  minutes INT NOT NULL,
  PRIMARY KEY (meeting_id, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS meeting_services (
  meeting_id VARCHAR(32) NOT NULL,
  kind TINYINT NOT NULL,
  quantity INT NOT NULL,
  notes VARCHAR(500) NOT NULL,
  PRIMARY KEY (meeting_id, kind)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS meeting_history (
  meeting_id VARCHAR(32) NOT NULL,
  seq INT NOT NULL,
  from_state TINYINT NOT NULL,
  to_state TINYINT NOT NULL,
  actor VARCHAR(200) NOT NULL,
  reason VARCHAR(500) NOT NULL,
  change_time DATETIME(6) NOT NULL,
  PRIMARY KEY (meeting_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- What a CONFIRMED, IN_PROGRESS or COMPLETED meeting holds of its room:
-- [start − set-up, end + clean-up). No two rows of one room overlap; the booking
-- transaction checks with an index range on (building_id, room_id, start_time),
-- bounded by the longest possible hold.
CREATE TABLE IF NOT EXISTS occupancies (
  meeting_id VARCHAR(32) NOT NULL,
  building_id VARCHAR(63) NOT NULL,
  room_id VARCHAR(63) NOT NULL,
  start_time DATETIME(6) NOT NULL,
  end_time DATETIME(6) NOT NULL,
  PRIMARY KEY (meeting_id),
  KEY occupancies_by_room (building_id, room_id, start_time),
  KEY occupancies_by_time (start_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS sign_ins (
  meeting_id VARCHAR(32) NOT NULL,
  attendee_id VARCHAR(63) NOT NULL,
  walk_in BOOLEAN NOT NULL,
  name VARCHAR(50) NOT NULL,
  unit VARCHAR(100) NOT NULL,
  sign_in_time DATETIME(6) NOT NULL,
  PRIMARY KEY (meeting_id, attendee_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
