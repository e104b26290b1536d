-- Every first sign-in (签到) of an attendee writes this counter on the meeting's row, which
-- the no-show release writes too (it cancels the meeting), so a sign-in on one Galera node
-- and a release on another write the same row and certification refuses the later one at
-- commit (1213); it is retried and then sees the other's effect. The row lock they both
-- take holds only on its own node (DESIGN §4): with locks alone, a late arrival's sign-in
-- and the release of their meeting as a no-show could both commit. It is not the
-- meeting's etag: a sign-in does not change the notice.
ALTER TABLE meetings ADD COLUMN IF NOT EXISTS sign_in_seq BIGINT NOT NULL DEFAULT 0;
