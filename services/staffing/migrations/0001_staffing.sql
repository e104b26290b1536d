-- Staffing: the center's people, their hours, leave, on-call roster, meeting
-- requirements, assignments, check-ins and discipline records.

CREATE TABLE IF NOT EXISTS staff (
  staff_id VARCHAR(63) NOT NULL,
  staff_number VARCHAR(20) NOT NULL,
  display_name VARCHAR(50) NOT NULL,
  phone VARCHAR(30) NOT NULL,
  section VARCHAR(50) NOT NULL,
  role TINYINT NOT NULL,
  state TINYINT NOT NULL,
  version BIGINT NOT NULL,
  -- Every assignment of the person and every leave approval writes this counter, so
  -- two of them on two Galera nodes write the same row and certification rejects the
  -- loser at commit (SELECT … FOR UPDATE locks only the local node; DESIGN §4). It is
  -- not the etag: assignments do not change the person.
  assignment_seq BIGINT NOT NULL DEFAULT 0,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (staff_id),
  UNIQUE KEY staff_by_number (staff_number),
  KEY staff_by_role (role, staff_number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS staff_qualifications (
  staff_id VARCHAR(63) NOT NULL,
  kind TINYINT NOT NULL,
  valid_until DATE NOT NULL,
  PRIMARY KEY (staff_id, kind)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Weekly working hours in center time (Asia/Shanghai).
CREATE TABLE IF NOT EXISTS shifts (
  staff_id VARCHAR(63) NOT NULL,
  weekday TINYINT NOT NULL,
  start_minute SMALLINT NOT NULL,
  end_minute SMALLINT NOT NULL,
  PRIMARY KEY (staff_id, weekday, start_minute)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- 请假报备. Leave is at most 90 days long, which bounds the overlap range.
CREATE TABLE IF NOT EXISTS leaves (
  leave_id VARCHAR(32) NOT NULL,
  staff_id VARCHAR(63) NOT NULL,
  start_time DATETIME(6) NOT NULL,
  end_time DATETIME(6) NOT NULL,
  reason VARCHAR(500) NOT NULL,
  state TINYINT NOT NULL,
  approver VARCHAR(50) NOT NULL DEFAULT '',
  decision_note VARCHAR(500) NOT NULL DEFAULT '',
  create_time DATETIME(6) NOT NULL,
  decide_time DATETIME(6) NULL,
  PRIMARY KEY (leave_id),
  KEY leaves_by_staff (staff_id, start_time),
  KEY leaves_by_start (start_time, leave_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- 24小时通讯畅通: who answers for a role when. Slots are at most 31 days long.
CREATE TABLE IF NOT EXISTS on_call (
  role TINYINT NOT NULL,
  start_time DATETIME(6) NOT NULL,
  staff_id VARCHAR(63) NOT NULL,
  end_time DATETIME(6) NOT NULL,
  PRIMARY KEY (role, start_time, staff_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- What a meeting (named as booking names it) needs; staffing never reads booking's
-- tables, the meeting's facts come in the call.
CREATE TABLE IF NOT EXISTS requirements (
  meeting_id VARCHAR(63) NOT NULL,
  start_time DATETIME(6) NOT NULL,
  end_time DATETIME(6) NOT NULL,
  building_id VARCHAR(63) NOT NULL,
  room_id VARCHAR(63) NOT NULL,
  participants INT NOT NULL,
  kind TINYINT NOT NULL,
  vip BOOLEAN NOT NULL,
  sound_used BOOLEAN NOT NULL,
  arrive_before_minutes INT NOT NULL,
  stay_after_minutes INT NOT NULL,
  version BIGINT NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (meeting_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS requirement_roles (
  meeting_id VARCHAR(63) NOT NULL,
  role TINYINT NOT NULL,
  role_count INT NOT NULL,
  PRIMARY KEY (meeting_id, role)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per person on duty at a meeting, [start_time, end_time) being the duty
-- window (start_time is the required arrival). No two rows of one staff_id overlap:
-- the staff row's assignment_seq serializes the writers.
CREATE TABLE IF NOT EXISTS assignments (
  meeting_id VARCHAR(63) NOT NULL,
  staff_id VARCHAR(63) NOT NULL,
  role TINYINT NOT NULL,
  start_time DATETIME(6) NOT NULL,
  end_time DATETIME(6) NOT NULL,
  meeting_start DATETIME(6) NOT NULL,
  check_in_time DATETIME(6) NULL,
  late BOOLEAN NOT NULL DEFAULT FALSE,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (meeting_id, staff_id),
  KEY assignments_by_staff (staff_id, start_time),
  KEY assignments_by_start (start_time, meeting_id, staff_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- 公开批评、罚款、调离岗位.
CREATE TABLE IF NOT EXISTS discipline_records (
  record_id VARCHAR(32) NOT NULL,
  staff_id VARCHAR(63) NOT NULL,
  kind TINYINT NOT NULL,
  reason VARCHAR(500) NOT NULL,
  recorder VARCHAR(50) NOT NULL,
  fine_fen BIGINT NOT NULL DEFAULT 0,
  record_time DATETIME(6) NOT NULL,
  PRIMARY KEY (record_id),
  KEY discipline_by_staff (staff_id, record_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS idempotency_keys (
  method VARCHAR(64) NOT NULL,
  request_id VARCHAR(64) NOT NULL,
  resource_name VARCHAR(255) NOT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (method, request_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
