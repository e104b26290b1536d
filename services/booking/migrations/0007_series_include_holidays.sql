-- A weekly series skips public holidays (法定节假日) unless its organizer said to meet on
-- them too; the choice is part of the series' rule, returned with it. Frequency 4 is
-- WORKDAYS (every working day), which needs no column of its own.
ALTER TABLE meeting_series ADD COLUMN IF NOT EXISTS include_holidays TINYINT NOT NULL DEFAULT 0;
