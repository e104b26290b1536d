-- Which services ordered with a meeting were delivered (会标已制作、会场已布置…), for the
-- meeting's readiness (准备情况) and the daily service notice. Kept apart from
-- meeting_services, which an update of the order rewrites: a service recorded done
-- stays done when other parts of the order change; a row of a service no longer
-- ordered is ignored.
CREATE TABLE IF NOT EXISTS meeting_services_done (
  meeting_id VARCHAR(32) NOT NULL,
  kind TINYINT NOT NULL,
  done_time DATETIME(6) NOT NULL,
  done_by VARCHAR(200) NOT NULL,
  PRIMARY KEY (meeting_id, kind)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
