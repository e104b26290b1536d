-- Meetings put in doubt by a safety hazard reported after they were booked (a high
-- hazard in their room, a critical one in their building). Booking learns of hazards
-- from safety's event stream; the natural key makes a redelivered or repeated event
-- (HazardOpened, then HazardEscalated of the same hazard) flag a meeting once.
CREATE TABLE IF NOT EXISTS meeting_flags (
  meeting_id VARCHAR(32) NOT NULL,
  hazard VARCHAR(100) NOT NULL,
  reason VARCHAR(500) NOT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (meeting_id, hazard)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
