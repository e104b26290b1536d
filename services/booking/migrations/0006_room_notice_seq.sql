-- Every notice that names a room (a meeting or a series submitted for it, a meeting moved
-- to it) writes this counter on the room's row in the transaction that stores the notice,
-- and DeleteRoom deletes that row, so the two write the same row: on one server they
-- queue on its lock; on Galera, where a read of the room or DeleteRoom's SELECT … FOR
-- UPDATE holds only on its own node, certification refuses the later one at commit
-- (1213); it is retried and then sees the other's effect (DESIGN §4). Either the delete
-- sees the notice and is refused, or the notice finds no room: never a notice naming a
-- room that no longer exists. It is not the room's etag: a notice does not change the room.
ALTER TABLE rooms ADD COLUMN IF NOT EXISTS notice_seq BIGINT NOT NULL DEFAULT 0;
