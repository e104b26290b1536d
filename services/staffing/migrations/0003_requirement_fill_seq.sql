-- Bumped by every AssignStaff and AutoAssign in its transaction, before it reads what is
-- assigned. On one server the update's row lock makes two fills of one meeting take
-- turns; on Galera, where a row lock does not reach the other nodes, the two write sets
-- both carry this row, so certification lets one commit and the other is retried and
-- sees it. Without it, an AutoAssign and a client's retry of it on another node each
-- saw an open place and filled it with a different person (found by the Galera fault
-- test: a requirement for one attendant staffed twice).
ALTER TABLE requirements
  ADD COLUMN IF NOT EXISTS fill_seq BIGINT NOT NULL DEFAULT 0;
