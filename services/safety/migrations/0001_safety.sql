-- The safety service's schema. utf8mb4_bin: texts are returned verbatim and ids compare
-- byte-wise, as keyset paging needs. Enums are stored as their proto numbers.

-- request_id of create calls: a retry finds the first call's resource here.
CREATE TABLE IF NOT EXISTS idempotency_keys (
  method VARCHAR(64) NOT NULL,
  request_id VARCHAR(64) NOT NULL,
  resource_name VARCHAR(255) NOT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (method, request_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per template: its latest revision. Every new revision writes it, so two
-- concurrent changes of one template conflict (also across Galera nodes).
CREATE TABLE IF NOT EXISTS checklist_templates (
  template_id VARCHAR(63) NOT NULL,
  latest_revision INT NOT NULL,
  PRIMARY KEY (template_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Every revision ever made: past inspections keep theirs.
CREATE TABLE IF NOT EXISTS checklist_revisions (
  template_id VARCHAR(63) NOT NULL,
  revision INT NOT NULL,
  display_name VARCHAR(100) NOT NULL,
  description VARCHAR(1000) NOT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (template_id, revision)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS checklist_items (
  template_id VARCHAR(63) NOT NULL,
  revision INT NOT NULL,
  position INT NOT NULL,
  item_id VARCHAR(63) NOT NULL,
  title VARCHAR(200) NOT NULL,
  kind TINYINT NOT NULL,
  min_value DOUBLE NOT NULL,
  max_value DOUBLE NOT NULL,
  unit VARCHAR(20) NOT NULL,
  failure_severity TINYINT NOT NULL,
  failure_hazard_kind TINYINT NOT NULL,
  PRIMARY KEY (template_id, revision, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- room_id '' = the building itself. generated_until: tasks exist for every occurrence
-- before it; the generator advances it with a guarded update.
CREATE TABLE IF NOT EXISTS inspection_schedules (
  schedule_id VARCHAR(63) NOT NULL,
  display_name VARCHAR(100) NOT NULL,
  template_id VARCHAR(63) NOT NULL,
  building_id VARCHAR(63) NOT NULL,
  room_id VARCHAR(63) NOT NULL,
  frequency TINYINT NOT NULL,
  first_time DATETIME(6) NOT NULL,
  active_start_hour INT NOT NULL,
  active_end_hour INT NOT NULL,
  mandatory BOOLEAN NOT NULL,
  generated_until DATETIME(6) NOT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (schedule_id),
  KEY schedules_by_generation (generated_until)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One task per occurrence of a schedule (unique), open until an inspection does it.
CREATE TABLE IF NOT EXISTS inspection_tasks (
  task_id VARCHAR(63) NOT NULL,
  schedule_id VARCHAR(63) NOT NULL,
  template_id VARCHAR(63) NOT NULL,
  building_id VARCHAR(63) NOT NULL,
  room_id VARCHAR(63) NOT NULL,
  start_time DATETIME(6) NOT NULL,
  due_time DATETIME(6) NOT NULL,
  mandatory BOOLEAN NOT NULL,
  is_open BOOLEAN NOT NULL,
  inspection_id VARCHAR(63) NOT NULL,
  PRIMARY KEY (task_id),
  UNIQUE KEY tasks_by_occurrence (schedule_id, start_time),
  -- Clearance: the room's open mandatory tasks past due, an index range.
  KEY tasks_overdue_by_room (building_id, room_id, is_open, mandatory, due_time),
  KEY tasks_by_due (due_time, task_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS inspections (
  inspection_id VARCHAR(63) NOT NULL,
  template_id VARCHAR(63) NOT NULL,
  template_revision INT NOT NULL,
  building_id VARCHAR(63) NOT NULL,
  room_id VARCHAR(63) NOT NULL,
  task_id VARCHAR(63) NOT NULL,
  inspector VARCHAR(100) NOT NULL,
  supervisor VARCHAR(100) NOT NULL,
  submission INT NOT NULL,
  submit_time DATETIME(6) NOT NULL,
  PRIMARY KEY (inspection_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- value_kind is the item kind answered; failed is decided by the domain.
CREATE TABLE IF NOT EXISTS inspection_answers (
  inspection_id VARCHAR(63) NOT NULL,
  position INT NOT NULL,
  item_id VARCHAR(63) NOT NULL,
  value_kind TINYINT NOT NULL,
  passed BOOLEAN NOT NULL,
  number_value DOUBLE NOT NULL,
  text_value VARCHAR(1000) NOT NULL,
  failed BOOLEAN NOT NULL,
  PRIMARY KEY (inspection_id, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- is_open: not RESOLVED or VERIFIED (kept as a column so clearance and escalation read
-- index ranges). A failed item opens one hazard: (source_inspection_id, source_item_id)
-- is unique; NULL for hazards reported by hand.
CREATE TABLE IF NOT EXISTS hazards (
  hazard_id VARCHAR(63) NOT NULL,
  kind TINYINT NOT NULL,
  severity TINYINT NOT NULL,
  building_id VARCHAR(63) NOT NULL,
  room_id VARCHAR(63) NOT NULL,
  description VARCHAR(1000) NOT NULL,
  reporter VARCHAR(100) NOT NULL,
  state TINYINT NOT NULL,
  is_open BOOLEAN NOT NULL,
  assignee VARCHAR(100) NOT NULL,
  deadline DATETIME(6) NOT NULL,
  escalation_level TINYINT NOT NULL,
  escalation_count INT NOT NULL,
  source_inspection_id VARCHAR(63) NULL,
  source_item_id VARCHAR(63) NULL,
  resolution VARCHAR(1000) NOT NULL,
  resolver VARCHAR(100) NOT NULL,
  verifier VARCHAR(100) NOT NULL,
  version BIGINT NOT NULL,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (hazard_id),
  UNIQUE KEY hazards_by_source (source_inspection_id, source_item_id),
  -- Clearance: a building's open critical hazards by deadline, and a room's open ones.
  KEY hazards_open_by_building (building_id, is_open, severity, deadline),
  KEY hazards_open_by_room (building_id, room_id, is_open, severity),
  KEY hazards_due (is_open, deadline),
  KEY hazards_by_time (create_time, hazard_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Every re-report (再次上报), automatic or manual; seq is the hazard's escalation_count
-- after it, so one escalation can be recorded only once.
CREATE TABLE IF NOT EXISTS hazard_escalations (
  hazard_id VARCHAR(63) NOT NULL,
  seq INT NOT NULL,
  level TINYINT NOT NULL,
  escalate_time DATETIME(6) NOT NULL,
  manual BOOLEAN NOT NULL,
  actor VARCHAR(100) NOT NULL,
  note VARCHAR(1000) NOT NULL,
  PRIMARY KEY (hazard_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- 一会一消毒: one task per meeting (unique), pending until done.
CREATE TABLE IF NOT EXISTS disinfection_tasks (
  task_id VARCHAR(63) NOT NULL,
  meeting_id VARCHAR(63) NOT NULL,
  building_id VARCHAR(63) NOT NULL,
  room_id VARCHAR(63) NOT NULL,
  meeting_end_time DATETIME(6) NOT NULL,
  is_pending BOOLEAN NOT NULL,
  performer VARCHAR(100) NOT NULL,
  method TINYINT NOT NULL,
  complete_time DATETIME(6) NULL,
  note VARCHAR(1000) NOT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (task_id),
  UNIQUE KEY disinfection_by_meeting (meeting_id),
  KEY disinfection_pending_by_room (building_id, room_id, is_pending, meeting_end_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS emergency_plans (
  building_id VARCHAR(63) NOT NULL,
  plan_id VARCHAR(63) NOT NULL,
  title VARCHAR(100) NOT NULL,
  kind TINYINT NOT NULL,
  content TEXT NOT NULL,
  responsible VARCHAR(100) NOT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (building_id, plan_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- participants: staff names joined by ',' (names never contain one).
CREATE TABLE IF NOT EXISTS drills (
  building_id VARCHAR(63) NOT NULL,
  plan_id VARCHAR(63) NOT NULL,
  drill_id VARCHAR(63) NOT NULL,
  drill_date DATE NOT NULL,
  participants TEXT NOT NULL,
  findings VARCHAR(2000) NOT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (building_id, plan_id, drill_id),
  CONSTRAINT drills_plan FOREIGN KEY (building_id, plan_id)
    REFERENCES emergency_plans (building_id, plan_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
