-- Service evaluation (服务评价) and complaints (投诉), issue 14.

-- One evaluation per meeting: the primary key is the meeting, so two submissions on two
-- Galera nodes insert the same key and certification refuses the later one. The
-- meeting's unit, room and start are copied at submission: the reports group by them
-- without joining every meeting of a period, and they are fixed once a meeting is
-- completed.
CREATE TABLE IF NOT EXISTS service_evaluations (
  meeting_id VARCHAR(32) NOT NULL,
  overall_rating TINYINT NOT NULL,
  comment TEXT NOT NULL,
  organizer_unit VARCHAR(100) NOT NULL,
  building_id VARCHAR(63) NOT NULL DEFAULT '',
  room_id VARCHAR(63) NOT NULL DEFAULT '',
  meeting_start DATETIME(6) NOT NULL,
  submitted_by VARCHAR(200) NOT NULL,
  submit_time DATETIME(6) NOT NULL,
  PRIMARY KEY (meeting_id),
  KEY evaluations_by_meeting_start (meeting_start, meeting_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS evaluation_aspects (
  meeting_id VARCHAR(32) NOT NULL,
  aspect TINYINT NOT NULL,
  rating TINYINT NOT NULL,
  comment VARCHAR(500) NOT NULL,
  PRIMARY KEY (meeting_id, aspect)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A complaint about a meeting (its room copied) or about a room. Every change bumps
-- version (the etag) on this row, so two handlers acting on one complaint through two
-- Galera nodes conflict at certification; the history keeps every step.
CREATE TABLE IF NOT EXISTS complaints (
  complaint_id VARCHAR(32) NOT NULL,
  meeting_id VARCHAR(32) NOT NULL DEFAULT '',
  building_id VARCHAR(63) NOT NULL DEFAULT '',
  room_id VARCHAR(63) NOT NULL DEFAULT '',
  organizer_unit VARCHAR(100) NOT NULL,
  description TEXT NOT NULL,
  contact_name VARCHAR(50) NOT NULL DEFAULT '',
  contact_phone VARCHAR(30) NOT NULL DEFAULT '',
  state TINYINT NOT NULL,
  assignee VARCHAR(100) NOT NULL DEFAULT '',
  answer TEXT NOT NULL,
  version BIGINT NOT NULL,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (complaint_id),
  KEY complaints_by_time (create_time, complaint_id),
  KEY complaints_by_room (building_id, room_id, create_time),
  KEY complaints_by_unit (organizer_unit, create_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS complaint_history (
  complaint_id VARCHAR(32) NOT NULL,
  seq INT NOT NULL,
  from_state TINYINT NOT NULL,
  to_state TINYINT NOT NULL,
  actor VARCHAR(200) NOT NULL,
  note TEXT NOT NULL,
  change_time DATETIME(6) NOT NULL,
  PRIMARY KEY (complaint_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
