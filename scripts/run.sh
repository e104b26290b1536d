#!/usr/bin/env bash
# The README's run command: install what is missing, build, start a local
# MariaDB and every service built so far on loopback, load the catalog, and
# keep running until Ctrl-C or SIGTERM, then stop everything cleanly (exit 0).
# Works in the background too (scripts/run.sh &, nohup): no tty is needed.
#
#   scripts/run.sh              one MariaDB on 127.0.0.1:3307
#   scripts/run.sh --cluster    a 3-node MariaDB Galera cluster on loopback instead
#                               (free ports, kept in .run/galera/nodeN/ports); the
#                               services spread over the nodes, as in a deployment, so
#                               that cross-node conflicts happen here too. A node may be
#                               stopped to watch the others carry on.
#
# Overrides (environment):
#   HUIWU_RUN_DIR                  state folder (default: <repo>/.run)
#   HUIWU_MYSQL_PORT               local MariaDB port (default 3307)
#   HUIWU_MYSQL_PASSWORD           password of MariaDB user huiwu (default huiwu-local)
#   HUIWU_<SVC>_GRPC_PORT, HUIWU_<SVC>_METRICS_PORT   e.g. HUIWU_BOOKING_GRPC_PORT
#   HUIWU_PROMETHEUS_PORT          local Prometheus (default 9090), with the deployment's
#                                  alert rules (deploy/prometheus/rules/)
#   HUIWU_RUN_TLS=off              plaintext gRPC instead of mutual TLS (default on: a
#                                  development CA and certificates in <run dir>/certs/,
#                                  made or renewed on start, and deploy/authz's policy)
# stdout carries the table of what runs where and then the line "huiwu ready";
# progress and errors go to stderr.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname -- "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source-path=SCRIPTDIR
source "$(dirname -- "${BASH_SOURCE[0]}")/lib/deps.sh"
# shellcheck source-path=SCRIPTDIR
source "$(dirname -- "${BASH_SOURCE[0]}")/lib/build.sh"
# shellcheck source-path=SCRIPTDIR
source "$(dirname -- "${BASH_SOURCE[0]}")/lib/mariadb.sh"
# shellcheck source-path=SCRIPTDIR
source "$(dirname -- "${BASH_SOURCE[0]}")/lib/galera.sh"
# shellcheck source-path=SCRIPTDIR
source "$(dirname -- "${BASH_SOURCE[0]}")/lib/prometheus.sh"
# shellcheck source-path=SCRIPTDIR
source "$(dirname -- "${BASH_SOURCE[0]}")/lib/certs.sh"

# DESIGN.md §9.
SERVICES=(booking staffing inventory safety)
declare -A DEFAULT_GRPC_PORT=([booking]=50051 [staffing]=50052 [inventory]=50053 [safety]=50054)
declare -A DEFAULT_METRICS_PORT=([booking]=9101 [staffing]=9102 [inventory]=9103 [safety]=9104)
HEALTH_TIMEOUT_S=60
STOP_TIMEOUT_S=15

ROOT="$(project_root)"
BUILD="${ROOT}/build"
RUN_DIR="${HUIWU_RUN_DIR:-${ROOT}/.run}"
DB_DIR="${RUN_DIR}/mariadb"
MYSQL_PORT="${HUIWU_MYSQL_PORT:-3307}"
CLUSTER=0              # 1 with --cluster
GALERA_DIR="${RUN_DIR}/galera"
NODE_PORTS=()          # the Galera nodes' SQL ports, node1 first
declare -A DB_PORT=()  # the database port each service uses
PROMETHEUS_DIR="${RUN_DIR}/prometheus"
PROMETHEUS_PORT="${HUIWU_PROMETHEUS_PORT:-9090}"
CERTS_DIR="${RUN_DIR}/certs"
# The booking service's sign-in keys (扫码签到), made once per run folder.
SIGN_IN_KEYS="${RUN_DIR}/sign-in-keys.txt"
TLS="${HUIWU_RUN_TLS:-on}"
POLICY="${ROOT}/deploy/authz/huiwu-policy.json"
DATA_ACCESS="${ROOT}/deploy/authz/huiwu-data-access.json"

ENABLED=()             # services whose binary is built
declare -A GRPC_PORT=() METRICS_PORT=() SVC_PID=()
SLEEPER=""             # the monitor's sleep, killed on exit
OWN_RUN_PID=0          # 1 once run.pid is ours, so cleanup may remove it

svc_bin() { echo "${BUILD}/services/$1/huiwu-$1"; }

# The --tls* flags of a client presenting certificate NAME (admin, operator, a service, …)
# from CERTS_DIR, one per line; --tls=off with HUIWU_RUN_TLS=off.
tls_flags() {
  if [[ "${TLS}" == off ]]; then
    echo "--tls=off"
  else
    printf -- '--tls_ca_file=%s\n--tls_cert_file=%s\n--tls_key_file=%s\n' \
      "${CERTS_DIR}/ca.pem" "${CERTS_DIR}/$1.pem" "${CERTS_DIR}/$1.key"
  fi
}
svc_log() { echo "${RUN_DIR}/logs/$1.log"; }
svc_pidfile() { echo "${RUN_DIR}/pids/$1.pid"; }

# Port of SVC for KIND (GRPC or METRICS), from HUIWU_<SVC>_<KIND>_PORT or §9.
port_for() {
  local svc="$1" kind="$2" var
  var="HUIWU_${svc^^}_${kind}_PORT"
  if [[ "${kind}" == GRPC ]]; then
    echo "${!var:-${DEFAULT_GRPC_PORT[${svc}]}}"
  else
    echo "${!var:-${DEFAULT_METRICS_PORT[${svc}]}}"
  fi
}

# Two run.sh on one RUN_DIR would fight over ports and pid files.
claim_run_dir() {
  local other
  mkdir -p -- "${RUN_DIR}/logs" "${RUN_DIR}/pids"
  if [[ -f "${RUN_DIR}/run.pid" ]]; then
    other="$(<"${RUN_DIR}/run.pid")"
    # The PID may have been reused by an unrelated process: check its command line.
    if [[ "${other}" != "$$" ]] && pid_alive "${other}" &&
      [[ "$(tr '\0' ' ' <"/proc/${other}/cmdline" 2>/dev/null)" == *run.sh* ]]; then
      die "scripts/run.sh is already running (pid ${other}) with ${RUN_DIR}; stop it first: kill ${other}"
    fi
  fi
  echo "$$" >"${RUN_DIR}/run.pid"
  OWN_RUN_PID=1
}

# A run.sh killed with SIGKILL leaves its services behind; no other run.sh owns
# this RUN_DIR now (claim_run_dir), so those are strays of ours: stop them.
stop_strays() {
  local svc pidfile pid
  for svc in "${SERVICES[@]}"; do
    pidfile="$(svc_pidfile "${svc}")"
    [[ -f "${pidfile}" ]] || continue
    pid="$(<"${pidfile}")"
    if pid_alive "${pid}" && [[ "$(pid_comm "${pid}")" == "huiwu-${svc}" ]]; then
      log "stopping huiwu-${svc} (pid ${pid}) left from a previous run"
      stop_pid "${pid}" "huiwu-${svc}" "${STOP_TIMEOUT_S}" || true
    fi
    rm -f -- "${pidfile}"
  done
  pidfile="${RUN_DIR}/pids/prometheus.pid"
  if [[ -f "${pidfile}" ]]; then
    pid="$(<"${pidfile}")"
    if pid_alive "${pid}" && [[ "$(pid_comm "${pid}")" == prometheus ]]; then
      log "stopping prometheus (pid ${pid}) left from a previous run"
      stop_pid "${pid}" prometheus "${STOP_TIMEOUT_S}" || true
    fi
    rm -f -- "${pidfile}"
  fi
}

# The other kind of database from an earlier run (single vs --cluster) still running
# in RUN_DIR: stopped, so that two do not hold the memory and the ports.
stop_other_database() {
  if ((CLUSTER)); then
    if mariadb_running "${DB_DIR}"; then mariadb_stop "${DB_DIR}" || true; fi
  else
    galera_stop "${GALERA_DIR}" || true
  fi
}

find_services() {
  local svc
  for svc in "${SERVICES[@]}"; do
    if [[ -x "$(svc_bin "${svc}")" ]]; then
      ENABLED+=("${svc}")
      GRPC_PORT[${svc}]="$(port_for "${svc}" GRPC)"
      METRICS_PORT[${svc}]="$(port_for "${svc}" METRICS)"
    else
      log "not built yet, skipped: ${svc}"
    fi
  done
  if ((${#ENABLED[@]} > 0)) && [[ ! -x "${BUILD}/tools/huiwu-health-probe" ]]; then
    die "${BUILD}/tools/huiwu-health-probe is not built; it is needed to wait for the services"
  fi
}

# require_free_port PORT WHAT ENVVAR: fail before starting anything, with advice.
require_free_port() {
  local port="$1" what="$2" var="$3"
  port_in_use "${port}" || return 0
  die "port ${port} (${what}) is already in use on this machine. Stop what listens there" \
    "(ss -ltnp 'sport = :${port}' shows it) or choose another port: ${var}=<port> scripts/run.sh"
}

check_ports() {
  local svc
  # A mariadbd of ours still running in DB_DIR is reused, so its port is "ours"; the
  # cluster's nodes take free ports of their own.
  if ((!CLUSTER)) && ! mariadb_running "${DB_DIR}"; then
    require_free_port "${MYSQL_PORT}" "local MariaDB" HUIWU_MYSQL_PORT
  fi
  for svc in "${ENABLED[@]}"; do
    require_free_port "${GRPC_PORT[${svc}]}" "${svc} gRPC" "HUIWU_${svc^^}_GRPC_PORT"
    require_free_port "${METRICS_PORT[${svc}]}" "${svc} metrics" "HUIWU_${svc^^}_METRICS_PORT"
  done
  require_free_port "${PROMETHEUS_PORT}" "Prometheus" HUIWU_PROMETHEUS_PORT
}

# Prometheus scraping the services started here, with the deployment's alert rules; the
# same config the Prometheus test uses (scripts/lib/prometheus.sh).
start_prometheus() {
  local svc
  local -a targets=()
  for svc in "${ENABLED[@]}"; do
    targets+=("${svc}=127.0.0.1:${METRICS_PORT[${svc}]}")
  done
  mkdir -p -- "${PROMETHEUS_DIR}"
  prometheus_local_config "${PROMETHEUS_DIR}/prometheus.yml" "${ROOT}/deploy/prometheus/rules" 5s \
    "${targets[@]}"
  log "starting Prometheus on 127.0.0.1:${PROMETHEUS_PORT}"
  prometheus_start "${PROMETHEUS_DIR}" "${PROMETHEUS_PORT}" "${PROMETHEUS_DIR}/prometheus.yml"
  echo "${PROMETHEUS_PID}" >"${RUN_DIR}/pids/prometheus.pid"
}

# --<peer>_target flags: each service reaches the enabled others (clearance, readiness,
# events); a peer left out (HUIWU_SERVICES) stays unset and the service says so in its log.
peer_targets() {
  local svc="$1" peer
  for peer in "${ENABLED[@]}"; do
    [[ "${peer}" == "${svc}" ]] || printf -- '--%s_target=127.0.0.1:%s\n' "${peer}" "${GRPC_PORT[${peer}]}"
  done
}

start_service() {
  local svc="$1" log_file
  local -a targets tls
  log_file="$(svc_log "${svc}")"
  mapfile -t targets < <(peer_targets "${svc}")
  # A service presents its own certificate (spiffe://huiwu/service/<svc>) as server and
  # to its peers; gRPC re-reads the files every minute, so renewing them needs no restart.
  mapfile -t tls < <(tls_flags "${svc}")
  [[ "${TLS}" == off ]] || tls+=("--authz_policy_file=${POLICY}" "--data_access_file=${DATA_ACCESS}")
  # Booking signs the door screens' sign-in codes with the run folder's key.
  [[ "${svc}" != booking ]] || targets+=("--sign_in_key_file=${SIGN_IN_KEYS}")
  # Keep the previous run's log for a post-mortem, start this run's fresh.
  [[ -f "${log_file}" ]] && mv -f -- "${log_file}" "${log_file}.prev"
  log "starting ${svc} (gRPC 127.0.0.1:${GRPC_PORT[${svc}]}, metrics :${METRICS_PORT[${svc}]})"
  HUIWU_MYSQL_HOST=127.0.0.1 HUIWU_MYSQL_PORT="${DB_PORT[${svc}]}" HUIWU_MYSQL_USER=huiwu \
    HUIWU_MYSQL_PASSWORD="${HUIWU_MYSQL_PASSWORD}" HUIWU_MYSQL_DATABASE="huiwu_${svc}" \
    HUIWU_GRPC_PORT="${GRPC_PORT[${svc}]}" HUIWU_METRICS_PORT="${METRICS_PORT[${svc}]}" \
    "$(svc_bin "${svc}")" "${targets[@]}" "${tls[@]}" </dev/null >"${log_file}" 2>&1 &
  SVC_PID[${svc}]=$!
  echo "${SVC_PID[${svc}]}" >"$(svc_pidfile "${svc}")"
}

service_died() {
  local svc="$1"
  log "${svc} exited; last lines of $(svc_log "${svc}"):"
  tail -n 30 -- "$(svc_log "${svc}")" >&2 || true
  die "${svc} is not running"
}

# Waits until every started service answers SERVING (one shared 60 s bound;
# they migrate in parallel, so waiting for them one after another would be slow).
wait_healthy() {
  local deadline=$((SECONDS + HEALTH_TIMEOUT_S)) svc pending
  local probe="${BUILD}/tools/huiwu-health-probe"
  local -a tls
  mapfile -t tls < <(tls_flags operator)
  pending=("${ENABLED[@]}")
  while ((${#pending[@]} > 0)); do
    local still=()
    for svc in "${pending[@]}"; do
      pid_alive "${SVC_PID[${svc}]}" || service_died "${svc}"
      if timeout 5 "${probe}" --addr="127.0.0.1:${GRPC_PORT[${svc}]}" "${tls[@]}" >/dev/null 2>&1; then
        log "${svc} is SERVING"
      else
        still+=("${svc}")
      fi
    done
    pending=("${still[@]+"${still[@]}"}")
    ((${#pending[@]} == 0)) && break
    if ((SECONDS >= deadline)); then
      die "not healthy after ${HEALTH_TIMEOUT_S}s: ${pending[*]} (logs in ${RUN_DIR}/logs)"
    fi
    sleep 0.5
  done
}

# seed SERVICE ADDR_FLAG COMMAND WHAT: loads the center's demo data into a running
# service with huiwuctl. Every seed command is idempotent (deterministic request_ids),
# so running it on every start also repairs a partial earlier load.
seed() {
  local svc="$1" addr_flag="$2" command="$3" what="$4"
  [[ -n "${SVC_PID[${svc}]:-}" ]] || return 0
  local ctl="${BUILD}/tools/huiwuctl"
  if [[ ! -x "${ctl}" ]]; then
    log "warning: ${ctl} is not built; ${what} not loaded"
    return 0
  fi
  local -a tls
  mapfile -t tls < <(tls_flags admin)
  log "loading ${what} (${command})"
  timeout 120 "${ctl}" "${tls[@]}" "--${addr_flag}=127.0.0.1:${GRPC_PORT[${svc}]}" "${command}" \
    </dev/null >&2 || die "huiwuctl ${command} failed"
}

seed_demo_data() {
  seed booking addr seed-catalog "the buildings and rooms"
  seed staffing staffing_addr seed-staff "the 60 people and their working hours"
  # Custodians of the keys are staffing's people, so after seed-staff.
  seed inventory inventory_addr seed-inventory "the supplies, stock, kit norms and room keys"
  seed safety safety_addr seed-safety "the checklists, patrol schedules and emergency plans"
}

# start_database: one MariaDB, or the Galera cluster (--cluster) with the services
# dealt over its nodes in turn (booking node1, staffing node2, inventory node3, …).
start_database() {
  local i=0 svc
  if ((CLUSTER)); then
    galera_start "${GALERA_DIR}"
    read -r -a NODE_PORTS <<<"$(galera_sql_ports "${GALERA_DIR}")"
    for svc in "${ENABLED[@]}"; do
      DB_PORT[${svc}]="${NODE_PORTS[$((i % ${#NODE_PORTS[@]}))]}"
      i=$((i + 1))
    done
  else
    mariadb_start "${DB_DIR}" "${MYSQL_PORT}"
    for svc in "${ENABLED[@]}"; do
      DB_PORT[${svc}]="${MYSQL_PORT}"
    done
  fi
}

print_table() {
  local svc n users fmt='%-10s %-17s %-31s %s\n'
  # shellcheck disable=SC2059 # the format is ours
  {
    printf "${fmt}" SERVICE GRPC METRICS LOG
    for svc in "${ENABLED[@]}"; do
      printf "${fmt}" "${svc}" "127.0.0.1:${GRPC_PORT[${svc}]}" \
        "http://127.0.0.1:${METRICS_PORT[${svc}]}/metrics" "$(svc_log "${svc}")"
    done
    if ((CLUSTER)); then
      for ((n = 1; n <= ${#NODE_PORTS[@]}; n++)); do
        users=""
        for svc in "${ENABLED[@]}"; do
          [[ "${DB_PORT[${svc}]}" == "${NODE_PORTS[$((n - 1))]}" ]] && users+="${users:+,}${svc}"
        done
        printf "${fmt}" "galera-${n}" "127.0.0.1:${NODE_PORTS[$((n - 1))]}" \
          "user huiwu, used by ${users:-none}" "${GALERA_DIR}/node${n}/mysqld.err"
      done
    else
      printf "${fmt}" mariadb "127.0.0.1:${MYSQL_PORT}" "user huiwu, db huiwu_<service>" \
        "${DB_DIR}/mysqld.err"
    fi
    printf "${fmt}" prometheus "" "http://127.0.0.1:${PROMETHEUS_PORT}/alerts" \
      "${PROMETHEUS_DIR}/prometheus.log"
  }
}

# How to call the services from here: with the certificates of .run/certs/ (whose role
# decides what the policy lets you do), or plaintext with HUIWU_RUN_TLS=off.
print_examples() {
  local b="127.0.0.1:${GRPC_PORT[booking]:-50051}" c="${CERTS_DIR}"
  echo
  if [[ "${TLS}" == off ]]; then
    echo "examples (TLS off):"
    echo "  ${BUILD}/tools/huiwuctl --tls=off --addr=${b} rooms"
    echo "  grpcurl -plaintext ${b} list"
  else
    echo "examples (mutual TLS; certificates in ${c}, one per role: admin, operator, dispatch, organizer):"
    echo "  export HUIWU_TLS_CA_FILE=${c}/ca.pem HUIWU_TLS_CERT_FILE=${c}/operator.pem HUIWU_TLS_KEY_FILE=${c}/operator.key"
    echo "  ${BUILD}/tools/huiwuctl --addr=${b} rooms"
    echo "  grpcurl -cacert ${c}/ca.pem -cert ${c}/operator.pem -key ${c}/operator.key ${b} list"
  fi
  echo
}

# Every exit path: services first (they hold DB connections), then MariaDB.
cleanup() {
  local rc=$? svc pid deadline
  trap - EXIT INT TERM
  set +e
  [[ -n "${SLEEPER}" ]] && kill "${SLEEPER}" 2>/dev/null
  if [[ -n "${PROMETHEUS_PID}" ]]; then
    stop_pid "${PROMETHEUS_PID}" prometheus 5 >/dev/null
    rm -f -- "${RUN_DIR}/pids/prometheus.pid"
    log "stopped prometheus"
  fi
  # SIGTERM all at once so they shut down in parallel, then one shared bound.
  for svc in "${!SVC_PID[@]}"; do
    kill -TERM "${SVC_PID[${svc}]}" 2>/dev/null
  done
  deadline=$((SECONDS + STOP_TIMEOUT_S))
  for svc in "${!SVC_PID[@]}"; do
    pid="${SVC_PID[${svc}]}"
    while pid_alive "${pid}" && ((SECONDS < deadline)); do sleep 0.1; done
    stop_pid "${pid}" "huiwu-${svc}" 1 >/dev/null
    rm -f -- "$(svc_pidfile "${svc}")"
    log "stopped ${svc}"
  done
  if ((CLUSTER)); then
    galera_stop "${GALERA_DIR}" || log "warning: could not stop every Galera node in ${GALERA_DIR}"
  else
    mariadb_stop "${DB_DIR}" || log "warning: could not stop MariaDB in ${DB_DIR}"
  fi
  ((OWN_RUN_PID)) && rm -f -- "${RUN_DIR}/run.pid"
  exit "${rc}"
}

on_signal() {
  log "received SIG$1, shutting down"
  exit 0 # the EXIT trap stops everything
}

# Sleeps in the background and waits for it: unlike a foreground sleep, `wait`
# returns at once when SIGTERM/SIGINT arrives, so shutdown starts immediately.
monitor() {
  local svc n up
  local -A node_down=()
  while :; do
    sleep 2 &
    SLEEPER=$!
    wait "${SLEEPER}" || true
    for svc in "${ENABLED[@]}"; do
      pid_alive "${SVC_PID[${svc}]}" || service_died "${svc}"
    done
    if ((CLUSTER)); then
      # One node lost is what a cluster is for: said once, not fatal; the services on it
      # report NOT_SERVING until it is back (scripts/galera.sh has no restart of one node:
      # stop run.sh and start it again).
      up=0
      for ((n = 1; n <= ${#NODE_PORTS[@]}; n++)); do
        if galera_running "${GALERA_DIR}" "${n}"; then
          node_down[${n}]=""
          up=$((up + 1))
        elif [[ -z "${node_down[${n}]:-}" ]]; then
          node_down[${n}]=1
          log "warning: Galera node${n} stopped; see ${GALERA_DIR}/node${n}/mysqld.err"
        fi
      done
      ((up > 0)) || die "every Galera node stopped; see ${GALERA_DIR}/node*/mysqld.err"
    else
      mariadb_running "${DB_DIR}" || die "MariaDB stopped unexpectedly; see ${DB_DIR}/mysqld.err"
    fi
    if [[ -n "${PROMETHEUS_PID}" ]] && ! pid_alive "${PROMETHEUS_PID}"; then
      # The services keep running: Prometheus only watches them.
      log "warning: Prometheus stopped; see ${PROMETHEUS_DIR}/prometheus.log"
      PROMETHEUS_PID=""
    fi
  done
}

usage() {
  printf 'usage: %s [--cluster]\n' "$0" >&2
  exit 2
}

main() {
  local svc
  while (($# > 0)); do
    case "$1" in
      --cluster) CLUSTER=1 ;;
      -h | --help) usage ;;
      *)
        log "unknown argument: $1"
        usage
        ;;
    esac
    shift
  done
  cd -- "${ROOT}"
  ensure_deps
  # The run tests (tests/deploy/run_script_test.sh) use the binaries as built.
  [[ "${HUIWU_RUN_NO_BUILD:-0}" == 1 ]] || build_project

  claim_run_dir
  trap cleanup EXIT
  trap 'on_signal INT' INT
  trap 'on_signal TERM' TERM
  stop_strays
  stop_other_database
  find_services
  check_ports

  case "${TLS}" in
    on) certs_ensure "${CERTS_DIR}" ;;
    off) log "HUIWU_RUN_TLS=off: plaintext gRPC, no authorization policy" ;;
    *) die "HUIWU_RUN_TLS must be on or off, not '${TLS}'" ;;
  esac
  sign_in_keys_ensure "${SIGN_IN_KEYS}"
  start_database
  for svc in "${ENABLED[@]}"; do
    start_service "${svc}"
  done
  wait_healthy
  seed_demo_data
  start_prometheus

  print_table
  print_examples
  echo "huiwu ready"
  monitor
}

main "$@"
