#!/usr/bin/env bash
# The README's run command as a user runs it, in a folder of its own on free ports:
#   run_script_test.sh              scripts/run.sh (one MariaDB)
#   run_script_test.sh --cluster    scripts/run.sh --cluster (3-node Galera)
# It waits for "huiwu ready", then checks: every service answers SERVING over mutual TLS
# (run.sh's certificates) and refuses a plaintext client; the demo data
# is loaded; Prometheus scrapes every service (`up` is 1 for each job) and has a huiwu_
# domain gauge; with --cluster the cluster has three nodes, the services use different
# ones, and when one node stops only the service on it stops serving. Then SIGTERM: run.sh exits 0 and leaves no process behind.
# Uses the binaries already built (HUIWU_RUN_NO_BUILD): a test never rebuilds.
set -euo pipefail
here="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
root="$(cd -- "${here}/../.." && pwd -P)"
# shellcheck source=../../scripts/lib/galera.sh
source "${root}/scripts/lib/galera.sh" # free_port, galera_running, _galera_status
mode=("$@")

work="$(mktemp -d -t huiwu-run-test.XXXXXX)"
run_pid=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n "${run_pid}" ]] && pid_alive "${run_pid}"; then
    log "stopping scripts/run.sh (pid ${run_pid}) and its process group"
    kill -TERM "${run_pid}" 2>/dev/null || true
    for _ in $(seq 1 600); do pid_alive "${run_pid}" || break; sleep 0.1; done
    kill -KILL -- "-${run_pid}" 2>/dev/null || true
  fi
  # Whatever a failed run left of its databases (they run in their own sessions).
  mariadb_stop "${work}/run/mariadb" >/dev/null 2>&1 || true
  galera_stop "${work}/run/galera" >/dev/null 2>&1 || true
  if ((rc != 0)); then
    log "run.sh's stderr (last lines):"
    tail -n 40 -- "${work}/stderr" >&2 2>/dev/null || true
  fi
  rm -rf -- "${work}"
  exit "${rc}"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

fail() {
  log "run.sh test ${mode[*]:-(single)}: $*"
  exit 1
}

# wait_for_log FILE GREP_PATTERN SECONDS WHAT: until run.sh wrote a line matching
# GREP_PATTERN (extended regex) to FILE; fails when run.sh exits or SECONDS pass first.
wait_for_log() {
  local file="$1" pattern="$2" deadline=$((SECONDS + $3)) what="$4"
  until grep -Eq -- "${pattern}" "${file}"; do
    pid_alive "${run_pid}" || fail "run.sh exited before ${what}"
    ((SECONDS < deadline)) || fail "no ${what} within $3 s"
    sleep 0.5
  done
}

export HUIWU_RUN_DIR="${work}/run"
export HUIWU_RUN_NO_BUILD=1
export HUIWU_MYSQL_PORT HUIWU_PROMETHEUS_PORT
HUIWU_MYSQL_PORT="$(free_port)"
HUIWU_PROMETHEUS_PORT="$(free_port)"
declare -A grpc=()
for svc in booking staffing inventory safety; do
  grpc[${svc}]="$(free_port)"
  export "HUIWU_${svc^^}_GRPC_PORT=${grpc[${svc}]}" "HUIWU_${svc^^}_METRICS_PORT=$(free_port)"
done

# A session of its own, so that cleanup can reach everything it started.
setsid bash "${root}/scripts/run.sh" "${mode[@]}" >"${work}/stdout" 2>"${work}/stderr" </dev/null &
run_pid=$!

wait_for_log "${work}/stdout" '^huiwu ready$' 300 "'huiwu ready'"
log "run.sh ready after ${SECONDS} s; its table:"
sed -e '/^huiwu ready$/d' "${work}/stdout" >&2

# run.sh serves mutual TLS with certificates it made in its run folder, and the policy.
certs="${HUIWU_RUN_DIR}/certs"
as_operator=(--tls_ca_file="${certs}/ca.pem" --tls_cert_file="${certs}/operator.pem"
  --tls_key_file="${certs}/operator.key")
probe="${root}/build/tools/huiwu-health-probe"
for svc in "${!grpc[@]}"; do
  "${probe}" --addr="127.0.0.1:${grpc[${svc}]}" "${as_operator[@]}" >/dev/null ||
    fail "${svc} is not SERVING"
done
"${root}/build/tools/huiwuctl" "${as_operator[@]}" --addr="127.0.0.1:${grpc[booking]}" rooms \
  2>/dev/null | grep -q . || fail "booking lists no rooms: the catalog was not loaded"
# Booking signs the door screens' sign-in codes (扫码签到) with a key run.sh made, private.
keys="${HUIWU_RUN_DIR}/sign-in-keys.txt"
grep -Eq '^k1 [0-9T:-]+Z [0-9a-f]{64}$' "${keys}" || fail "no sign-in key in ${keys}"
[[ "$(stat -c %a "${keys}")" == 600 ]] || fail "${keys} is readable by others"
if grep -q 'sign-in codes off' "${HUIWU_RUN_DIR}/logs/booking.log"; then
  fail "booking started without its sign-in keys"
fi
# Without a client certificate the handshake fails: the probe reports the RPC failed (2).
rc=0
"${probe}" --addr="127.0.0.1:${grpc[booking]}" --tls=off >/dev/null 2>&1 || rc=$?
((rc == 2)) || fail "a plaintext health check of booking exited ${rc}, want 2 (refused)"

# Prometheus: every job up (the first scrape comes within its 5 s interval) and a gauge
# of the meeting affairs, by the HTTP API.
prometheus="http://127.0.0.1:${HUIWU_PROMETHEUS_PORT}"
query() {
  curl -fsS --max-time 5 "${prometheus}/api/v1/query" --data-urlencode "query=$1" |
    python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(" ".join(sorted(x["metric"].get("job","")+"="+x["value"][1] for x in r)))'
}
want_up="booking=1 inventory=1 safety=1 staffing=1"
deadline=$((SECONDS + 60))
until [[ "$(query up 2>/dev/null)" == "${want_up}" ]]; do
  ((SECONDS < deadline)) || fail "Prometheus up is '$(query up 2>/dev/null)', want '${want_up}'"
  sleep 1
done
deadline=$((SECONDS + 60))
until [[ -n "$(query huiwu_inventory_low_stock_items 2>/dev/null)" ]]; do
  ((SECONDS < deadline)) || fail "Prometheus has no huiwu_inventory_low_stock_items"
  sleep 1
done
log "Prometheus: ${want_up}; huiwu_inventory_low_stock_items $(query huiwu_inventory_low_stock_items)"

if [[ " ${mode[*]} " == *" --cluster "* ]]; then
  size="$(_galera_status "${HUIWU_RUN_DIR}/galera/node1" WSREP_CLUSTER_SIZE)"
  [[ "${size}" == 3 ]] || fail "the Galera cluster has ${size:-no} nodes, want 3"
  for n in 1 2 3; do
    grep -Eq "^galera-${n} .*used by [a-z]" "${work}/stdout" ||
      fail "galera-${n} is used by no service (see the table above)"
  done
  # One node stopped: the service on it (inventory, alone on node3) says NOT_SERVING, the
  # others serve on, and run.sh warns and keeps running.
  node3_pid="$(<"${HUIWU_RUN_DIR}/galera/node3/mysqld.pid")"
  kill -TERM "${node3_pid}"
  deadline=$((SECONDS + 60))
  while "${probe}" --addr="127.0.0.1:${grpc[inventory]}" "${as_operator[@]}" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || fail "inventory still SERVING 60 s after its Galera node stopped"
    sleep 0.5
  done
  for svc in booking staffing safety; do
    "${probe}" --addr="127.0.0.1:${grpc[${svc}]}" "${as_operator[@]}" >/dev/null ||
      fail "${svc} is not SERVING with two of three Galera nodes up"
  done
  wait_for_log "${work}/stderr" 'warning: Galera node3 stopped' 30 "a warning that node3 stopped"
  pid_alive "${run_pid}" || fail "run.sh exited when one Galera node stopped"
  log "node3 stopped: inventory NOT_SERVING, booking, staffing and safety SERVING, run.sh running"
fi

pids=()
for file in "${HUIWU_RUN_DIR}"/pids/*.pid "${HUIWU_RUN_DIR}"/mariadb/mysqld.pid \
  "${HUIWU_RUN_DIR}"/galera/node*/mysqld.pid; do
  [[ -f "${file}" ]] && pids+=("$(<"${file}")")
done
((${#pids[@]} >= 5)) || fail "found ${#pids[@]} pid files, want the services, Prometheus and the database"

kill -TERM "${run_pid}"
rc=0
wait "${run_pid}" || rc=$?
run_pid=""
((rc == 0)) || fail "run.sh exited ${rc} on SIGTERM, want 0"
for pid in "${pids[@]}"; do
  ! pid_alive "${pid}" || fail "process ${pid} ($(pid_comm "${pid}")) still runs after run.sh stopped"
done
log "run.sh${mode[*]:+ ${mode[*]}} stopped cleanly: ${#pids[@]} processes gone"
