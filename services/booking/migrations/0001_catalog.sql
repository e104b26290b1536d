-- The catalog: buildings and their meeting rooms. utf8mb4_bin: names are stored and
-- returned verbatim (emoji included) and ids compare byte-wise, as keyset paging needs.
CREATE TABLE IF NOT EXISTS buildings (
  building_id VARCHAR(63) NOT NULL,
  display_name VARCHAR(100) NOT NULL,
  address VARCHAR(200) NOT NULL DEFAULT '',
  version BIGINT NOT NULL,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (building_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS rooms (
  building_id VARCHAR(63) NOT NULL,
  room_id VARCHAR(63) NOT NULL,
  display_name VARCHAR(100) NOT NULL,
  floor INT NOT NULL,
  capacity INT NOT NULL,
  -- bit n set = SeatingLayout / Equipment enum value n offered
  seating_layouts BIGINT UNSIGNED NOT NULL,
  equipment BIGINT UNSIGNED NOT NULL,
  vip BOOLEAN NOT NULL,
  default_setup_minutes INT NOT NULL,
  default_cleanup_minutes INT NOT NULL,
  state TINYINT NOT NULL,
  version BIGINT NOT NULL,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (building_id, room_id),
  CONSTRAINT rooms_building FOREIGN KEY (building_id) REFERENCES buildings (building_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- request_id of create calls: a retry finds the first call's resource here.
CREATE TABLE IF NOT EXISTS idempotency_keys (
  method VARCHAR(64) NOT NULL,
  request_id VARCHAR(64) NOT NULL,
  resource_name VARCHAR(255) NOT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (method, request_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
