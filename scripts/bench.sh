#!/usr/bin/env bash
# The benchmark suite (issue 13): installs what is missing, builds, starts its own
# MariaDB (the local run's settings) on a free loopback port, and runs `huiwu-bench
# suite`: the bare gRPC and bare SQL baselines, booking's hot paths at 1–256 callers and
# the hot-room race, staffing's AssignStaff and AutoAssign, inventory's ReserveKit,
# booking's event stream followed while meetings are created, then booking's reads with
# a million meetings of history and safety's CheckRoomClearance with a million records
# per table — in one run, so that each row's ratio to its baseline means something. The
# Markdown table goes to stdout and to bench/results/<date>.md.
#
#   scripts/bench.sh            the full run (5 min 20 s on the 2-core machine, 2026-12-03)
#   scripts/bench.sh --quick    shorter rows, 10^5 rows of history (about 2 min)
#
# Overrides (environment): HUIWU_BENCH_ROWS (rows of history), HUIWU_BENCH_OUT (the
# table's file), HUIWU_BENCH_ROW_TIME (each row's measurement, e.g. 100ms: the smoke
# test), HUIWU_RUN_NO_BUILD=1 (use the build as it is). The services' logs go to the
# table's file with .log for .md.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname -- "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source-path=SCRIPTDIR
source "$(dirname -- "${BASH_SOURCE[0]}")/lib/deps.sh"
# shellcheck source-path=SCRIPTDIR
source "$(dirname -- "${BASH_SOURCE[0]}")/lib/build.sh"
# shellcheck source-path=SCRIPTDIR
source "$(dirname -- "${BASH_SOURCE[0]}")/lib/mariadb.sh"

quick=0
rows=1000000
for arg in "$@"; do
  case "${arg}" in
    --quick) quick=1 rows=100000 ;;
    -h | --help)
      sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *) die "unknown argument: ${arg} (try --help)" ;;
  esac
done
rows="${HUIWU_BENCH_ROWS:-${rows}}"
root="$(project_root)"
out="${HUIWU_BENCH_OUT:-${root}/bench/results/$(date -u +%F).md}"
no_build="${HUIWU_RUN_NO_BUILD:-0}"
row_time="${HUIWU_BENCH_ROW_TIME:-}"
# The bench reads HUIWU_* as its flags: these are the script's own.
unset HUIWU_BENCH_ROWS HUIWU_BENCH_OUT HUIWU_BENCH_ROW_TIME HUIWU_RUN_NO_BUILD

ensure_deps
[[ "${no_build}" == 1 ]] || build_project
bench="${root}/build/tools/huiwu-bench"
[[ -x "${bench}" ]] || die "${bench} is missing: build first"

db_dir="$(mktemp -d -t huiwu-bench-db.XXXXXX)"
cleanup() {
  local rc=$?
  mariadb_stop "${db_dir}" || true
  rm -rf -- "${db_dir}"
  exit "${rc}"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
port="$(free_port)"
mariadb_start "${db_dir}" "${port}"

mkdir -p -- "$(dirname -- "${out}")"
args=(suite --rows="${rows}" --out="${out}" --mysql_host=127.0.0.1 --mysql_port="${port}"
  --mysql_user=huiwu --mysql_database=huiwu_bench)
((quick)) && args+=(--quick)
[[ -n "${row_time}" ]] && args+=(--row_time="${row_time}")
logs="${out%.md}.log"
log "running the suite (${rows} rows of history per table); the table goes to ${out}, logs to ${logs}"
# The password through the environment, not the command line (ps shows that).
if ! HUIWU_MYSQL_PASSWORD="${HUIWU_MYSQL_PASSWORD}" "${bench}" "${args[@]}" 2>"${logs}"; then
  grep -v '"event":"call_failed"' "${logs}" | tail -n 20 >&2
  die "the suite failed (logs: ${logs})"
fi
