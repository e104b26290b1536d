-- Staffing follows booking's meeting events: a requirement is OPEN while its meeting is
-- ahead, CLOSED once the meeting completed (the assignments stay as the record of who
-- served) and CANCELLED once it was cancelled, rejected or released as a no-show.
-- `shortfall` is the last StaffingShortfall published for the meeting (e.g.
-- "ATTENDANT:2"), so that the same shortfall is reported once, not on every retry.
ALTER TABLE requirements
  ADD COLUMN IF NOT EXISTS state TINYINT NOT NULL DEFAULT 1,
  ADD COLUMN IF NOT EXISTS close_time DATETIME(6) NULL,
  ADD COLUMN IF NOT EXISTS shortfall VARCHAR(200) NOT NULL DEFAULT '';
