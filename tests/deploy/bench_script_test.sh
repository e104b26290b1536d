#!/usr/bin/env bash
# scripts/bench.sh --quick as a user runs it, at a tiny size (rows of 100 ms, 1000
# meetings of history), with the binaries already built: the suite still runs every row
# and writes its table — every service's rows (booking, staffing, inventory, the event
# stream, safety). It asserts nothing about speed (issue 13: speed lives in the
# benchmark, never in a test); the suite itself fails on a double booking in the hot
# room or on any error that is not an overload answer.
set -euo pipefail
here="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
root="$(cd -- "${here}/../.." && pwd -P)"
work="$(mktemp -d -t huiwu-bench-test.XXXXXX)"
trap 'rm -rf -- "${work}"' EXIT

if ! HUIWU_RUN_NO_BUILD=1 HUIWU_BENCH_ROWS=1000 HUIWU_BENCH_ROW_TIME=100ms \
  HUIWU_BENCH_OUT="${work}/bench.md" bash "${root}/scripts/bench.sh" --quick >"${work}/stdout"; then
  echo "bench_script_test: scripts/bench.sh failed; its table so far:" >&2
  cat "${work}/stdout" >&2
  exit 1
fi

fail() {
  echo "bench_script_test: $*" >&2
  cat "${work}/bench.md" >&2 || true
  exit 1
}
[[ -s "${work}/bench.md" ]] || fail "no table written"
for row in "| baseline | gRPC echo | 256 |" "| baseline | SQL booking transaction | 64 |" \
  "| baseline | SQL point read | 256 |" "| booking | GetRoom | 256 |" \
  "| booking | GetRoom, metrics interceptor off (alternating rounds) | 64 |" \
  "| booking | ConfirmMeeting | 16 |" \
  "| booking | CreateMeeting + ConfirmMeeting | 16 |" "| booking | hot room: the losing confirms |" \
  "| booking | SignIn (walk-ins) | 64 |" "| booking, 1000 more meetings | FindAvailableRooms | 1 |" \
  "| staffing | AssignStaff | 1 |" "| staffing | AssignStaff | 16 |" \
  "| staffing | AutoAssign | 1 |" "| staffing | AutoAssign | 16 |" \
  "| inventory | ReserveKit | 1 |" "| inventory | ReserveKit | 16 |" \
  "| events | CreateMeeting, followed by a StreamEvents client | 16 |" \
  "| events | StreamEvents: MeetingSubmitted received | 1 |" \
  "| events | StreamEvents: MeetingSubmitted received | 16 |" \
  "| safety, 1000 records per table | CheckRoomClearance | 1 |" \
  "| safety, 1000 records per table | CheckRoomClearance | 16 |"; do
  grep -qF -- "${row}" "${work}/bench.md" || fail "row missing: ${row}"
done
grep -qE "SQL statements per call, .*GetRoom [0-9.]+, .*CreateMeeting \+ ConfirmMeeting [0-9.]+, \
AssignStaff [0-9.]+, AutoAssign [0-9.]+, ReserveKit [0-9.]+, CheckRoomClearance [0-9.]+" \
  "${work}/bench.md" || fail "no count of SQL statements per call"
grep -q "8 rounds, 8 with exactly one winner; 0 overlapping holds" "${work}/bench.md" ||
  fail "the hot room did not have exactly one winner per round"
echo "bench_script_test: the suite ran every row"
