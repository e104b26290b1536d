-- Confidential meetings (保密会议, issue 14): a meeting may be marked confidential, and its
-- materials handed out as numbered copies (保密文件编号发放、回收) that must all come back
-- or be written off with a reason before the meeting is archived.
ALTER TABLE meetings ADD COLUMN IF NOT EXISTS confidential TINYINT NOT NULL DEFAULT 0;
-- Every hand-out writes its meeting's row, so a hand-out and an archive through two
-- Galera nodes write the same row and certification refuses the later at commit (the
-- archive's check of the copies, under the row lock, holds on one node only; DESIGN §4).
ALTER TABLE meetings ADD COLUMN IF NOT EXISTS material_copy_seq BIGINT NOT NULL DEFAULT 0;

CREATE TABLE IF NOT EXISTS material_copies (
  meeting_id VARCHAR(32) NOT NULL,
  copy_number VARCHAR(32) NOT NULL,
  holder VARCHAR(50) NOT NULL,
  holder_unit VARCHAR(100) NOT NULL,
  -- MaterialCopyState: 1 out, 2 recovered, 3 written off
  state TINYINT NOT NULL,
  write_off_reason VARCHAR(500) NOT NULL DEFAULT '',
  issue_time DATETIME(6) NOT NULL,
  issued_by VARCHAR(200) NOT NULL,
  close_time DATETIME(6) NULL,
  closed_by VARCHAR(200) NOT NULL DEFAULT '',
  PRIMARY KEY (meeting_id, copy_number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
