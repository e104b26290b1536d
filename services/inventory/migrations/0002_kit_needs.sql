-- What a kit line needs (its norm) next to what it reserved (quantity): a kit reserved
-- for a confirmed meeting is kept even when stock falls short, holding what is
-- available; needed − quantity is what it is missing (KitShort, GetMeetingKit). Kits
-- reserved before this column needed exactly what they hold.
ALTER TABLE kit_lines ADD COLUMN IF NOT EXISTS needed BIGINT NOT NULL DEFAULT 0;
UPDATE kit_lines SET needed = quantity WHERE needed < quantity;
