-- The supplies (备品) of the center: items, a balance per item and location kept equal
-- to the sum of its append-only ledger, kits per meeting, stocktakes, replenishment
-- requests (申请补充) and room keys (会议室钥匙). utf8mb4_bin: names verbatim, ids
-- compare byte-wise as keyset paging needs. Locations are stored by name:
-- `locations/central-store` or a room's cabinet `buildings/{b}/rooms/{r}`.
CREATE TABLE IF NOT EXISTS items (
  item_id VARCHAR(63) NOT NULL,
  display_name VARCHAR(100) NOT NULL,
  unit VARCHAR(10) NOT NULL,
  category TINYINT NOT NULL,
  unit_cost_fen BIGINT NOT NULL,
  version BIGINT NOT NULL,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (item_id),
  KEY items_by_category (category, item_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS stock_limits (
  item_id VARCHAR(63) NOT NULL,
  location VARCHAR(140) NOT NULL,
  minimum BIGINT NOT NULL,
  maximum BIGINT NOT NULL,
  PRIMARY KEY (item_id, location),
  CONSTRAINT stock_limits_item FOREIGN KEY (item_id) REFERENCES items (item_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Every movement and reservation of (item, location) UPDATEs this row with a guard in
-- its WHERE clause, so two competing ones on two Galera nodes write the same row and
-- certification refuses the loser (SELECT … FOR UPDATE locks only the local node).
-- The CHECK is the last line: MariaDB 10.11 enforces it, so no code path can store a
-- negative balance or reserve more than is on hand.
CREATE TABLE IF NOT EXISTS balances (
  item_id VARCHAR(63) NOT NULL,
  location VARCHAR(140) NOT NULL,
  on_hand BIGINT NOT NULL,
  reserved BIGINT NOT NULL,
  version BIGINT NOT NULL,
  PRIMARY KEY (item_id, location),
  CONSTRAINT balances_item FOREIGN KEY (item_id) REFERENCES items (item_id),
  CONSTRAINT balances_never_negative CHECK (on_hand >= 0 AND reserved >= 0 AND reserved <= on_hand)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The ledger: append-only (no UPDATE or DELETE statement touches it). quantity is the
-- signed change of the balance's on_hand. movement_id orders pages; on Galera it strides.
CREATE TABLE IF NOT EXISTS movements (
  movement_id BIGINT NOT NULL AUTO_INCREMENT,
  item_id VARCHAR(63) NOT NULL,
  location VARCHAR(140) NOT NULL,
  kind TINYINT NOT NULL,
  quantity BIGINT NOT NULL,
  reason VARCHAR(500) NOT NULL,
  meeting_id VARCHAR(63) NOT NULL,
  actor VARCHAR(200) NOT NULL,
  counterpart_location VARCHAR(140) NOT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (movement_id),
  KEY movements_by_balance (item_id, location, movement_id),
  KEY movements_by_location (location, movement_id),
  KEY movements_by_meeting (meeting_id, movement_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS kit_templates (
  template_id VARCHAR(63) NOT NULL,
  display_name VARCHAR(100) NOT NULL,
  meeting_kind TINYINT NOT NULL,
  min_participants INT NOT NULL,
  max_participants INT NOT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (template_id),
  KEY kit_templates_by_kind (meeting_kind, min_participants)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS kit_template_lines (
  template_id VARCHAR(63) NOT NULL,
  item_id VARCHAR(63) NOT NULL,
  per_participant BIGINT NOT NULL,
  fixed BIGINT NOT NULL,
  PRIMARY KEY (template_id, item_id),
  CONSTRAINT kit_template_lines_template FOREIGN KEY (template_id)
    REFERENCES kit_templates (template_id),
  CONSTRAINT kit_template_lines_item FOREIGN KEY (item_id) REFERENCES items (item_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One kit per meeting (the primary key): a second reservation of a meeting cannot slip in.
CREATE TABLE IF NOT EXISTS kits (
  meeting_id VARCHAR(63) NOT NULL,
  meeting_kind TINYINT NOT NULL,
  participant_count INT NOT NULL,
  room VARCHAR(140) NOT NULL,
  organizer_unit VARCHAR(100) NOT NULL,
  start_time DATETIME(6) NOT NULL,
  end_time DATETIME(6) NOT NULL,
  source_location VARCHAR(140) NOT NULL,
  template_id VARCHAR(63) NOT NULL,
  state TINYINT NOT NULL,
  version BIGINT NOT NULL,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (meeting_id),
  KEY kits_by_start (start_time),
  KEY kits_by_room (room, start_time),
  KEY kits_by_unit (organizer_unit, start_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS kit_lines (
  meeting_id VARCHAR(63) NOT NULL,
  item_id VARCHAR(63) NOT NULL,
  quantity BIGINT NOT NULL,
  issued BIGINT NOT NULL,
  consumed BIGINT NOT NULL,
  returned BIGINT NOT NULL,
  PRIMARY KEY (meeting_id, item_id),
  CONSTRAINT kit_lines_kit FOREIGN KEY (meeting_id) REFERENCES kits (meeting_id),
  CONSTRAINT kit_lines_settled CHECK (issued >= 0 AND issued <= quantity AND consumed >= 0 AND
    returned >= 0 AND consumed + returned <= issued)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS stocktakes (
  stocktake_id VARCHAR(32) NOT NULL,
  location VARCHAR(140) NOT NULL,
  submitted BOOLEAN NOT NULL,
  create_time DATETIME(6) NOT NULL,
  submit_time DATETIME(6) NULL,
  PRIMARY KEY (stocktake_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS stocktake_lines (
  stocktake_id VARCHAR(32) NOT NULL,
  item_id VARCHAR(63) NOT NULL,
  expected BIGINT NOT NULL,
  PRIMARY KEY (stocktake_id, item_id),
  CONSTRAINT stocktake_lines_stocktake FOREIGN KEY (stocktake_id)
    REFERENCES stocktakes (stocktake_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- open_flag is 1 while a request is PENDING or APPROVED and NULL once RECEIVED: the
-- unique key allows one open request per (item, location) — once per shortage, on any
-- node — and any number of closed ones (NULLs never collide).
CREATE TABLE IF NOT EXISTS replenishment_requests (
  replenishment_id VARCHAR(32) NOT NULL,
  item_id VARCHAR(63) NOT NULL,
  location VARCHAR(140) NOT NULL,
  quantity BIGINT NOT NULL,
  received_quantity BIGINT NOT NULL,
  state TINYINT NOT NULL,
  reason VARCHAR(500) NOT NULL,
  requester VARCHAR(200) NOT NULL,
  open_flag TINYINT NULL,
  version BIGINT NOT NULL,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (replenishment_id),
  UNIQUE KEY replenishment_one_open (item_id, location, open_flag)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- holder is NULL while the key is in; a check-out is UPDATE … WHERE holder IS NULL,
-- so a key can be out to one person only, on any node.
CREATE TABLE IF NOT EXISTS room_keys (
  building_id VARCHAR(63) NOT NULL,
  room_id VARCHAR(63) NOT NULL,
  key_id VARCHAR(63) NOT NULL,
  custodian VARCHAR(80) NOT NULL,
  holder VARCHAR(80) NULL,
  expected_return_time DATETIME(6) NULL,
  check_out_time DATETIME(6) NULL,
  version BIGINT NOT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (building_id, room_id, key_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Every hand-out and return of a key (钥匙交接登记), append-only.
CREATE TABLE IF NOT EXISTS key_log (
  log_id BIGINT NOT NULL AUTO_INCREMENT,
  building_id VARCHAR(63) NOT NULL,
  room_id VARCHAR(63) NOT NULL,
  key_id VARCHAR(63) NOT NULL,
  action TINYINT NOT NULL,
  staff VARCHAR(80) NOT NULL,
  actor VARCHAR(200) NOT NULL,
  log_time DATETIME(6) NOT NULL,
  PRIMARY KEY (log_id),
  KEY key_log_by_key (building_id, room_id, key_id, log_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- request_id of create calls: a retry finds the first call's resource here.
CREATE TABLE IF NOT EXISTS idempotency_keys (
  method VARCHAR(64) NOT NULL,
  request_id VARCHAR(64) NOT NULL,
  resource_name VARCHAR(255) NOT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (method, request_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
