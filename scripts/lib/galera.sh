# shellcheck shell=bash
# shellcheck source-path=SCRIPTDIR
# A 3-node MariaDB Galera cluster on loopback in a folder of its own (for the tests
# that prove no double booking across nodes). Each node is laid out like a
# scripts/lib/mariadb.sh folder, so its helpers work on a node:
#   DIR/nodeN/data         datadir (kept: a cleanly stopped cluster starts again)
#   DIR/nodeN/mysqld.sock  admin socket (unix_socket auth, no password)
#   DIR/nodeN/mysqld.pid   PID file, DIR/nodeN/mysqld.err error log
#   DIR/nodeN/ports        "SQL GCOMM IST SST": the node's four loopback ports
# State transfer (SST) is mariabackup over socat with the OS account's socket login:
# rsync SST fails when mariadbd runs as root (its daemon drops to nobody).
source "$(dirname -- "${BASH_SOURCE[0]}")/mariadb.sh"

GALERA_NODES=3
GALERA_PROVIDER="${HUIWU_GALERA_PROVIDER:-/usr/lib/galera/libgalera_smm.so}"
# Bounds for one node to reach Synced (a joiner's SST included) and to stop.
GALERA_SYNC_TIMEOUT="${HUIWU_GALERA_SYNC_TIMEOUT:-120}"
GALERA_STOP_TIMEOUT=30

_galera_node_dir() {
  printf '%s/node%s' "$1" "$2"
}

# galera_running DIR N: true when node N of DIR runs.
galera_running() {
  mariadb_running "$(_galera_node_dir "$1" "$2")"
}

# Twelve distinct free loopback ports (SQL, GCOMM, IST, SST per node), one line.
_galera_pick_ports() {
  local -A seen=()
  local ports=() p
  while ((${#ports[@]} < 4 * GALERA_NODES)); do
    p="$(free_port)"
    [[ -z "${seen[${p}]:-}" ]] || continue
    seen[${p}]=1
    ports+=("${p}")
  done
  echo "${ports[*]}"
}

# The ports saved by the last start when every one of them is still free (so a
# restarted cluster keeps its SQL ports), otherwise new ones. Writes nodeN/ports.
_galera_assign_ports() {
  local dir="$1" n p all=() reuse=1 ports
  for ((n = 1; n <= GALERA_NODES; n++)); do
    if [[ -f "$(_galera_node_dir "${dir}" "${n}")/ports" ]]; then
      read -r -a ports <"$(_galera_node_dir "${dir}" "${n}")/ports"
      all+=("${ports[@]}")
    else
      reuse=0
    fi
  done
  if ((reuse)) && ((${#all[@]} == 4 * GALERA_NODES)); then
    for p in "${all[@]}"; do
      if port_in_use "${p}"; then
        reuse=0
        break
      fi
    done
  else
    reuse=0
  fi
  if ((!reuse)); then
    read -r -a all <<<"$(_galera_pick_ports)"
  fi
  for ((n = 1; n <= GALERA_NODES; n++)); do
    echo "${all[@]:$(((n - 1) * 4)):4}" >"$(_galera_node_dir "${dir}" "${n}")/ports"
  done
}

# One field of a node's ports file: 0 SQL, 1 GCOMM, 2 IST, 3 SST.
_galera_port() {
  local ports
  read -r -a ports <"$(_galera_node_dir "$1" "$2")/ports"
  echo "${ports[$3]}"
}

_galera_cluster_address() {
  local dir="$1" n members=()
  for ((n = 1; n <= GALERA_NODES; n++)); do
    members+=("127.0.0.1:$(_galera_port "${dir}" "${n}" 1)")
  done
  local IFS=,
  echo "gcomm://${members[*]}"
}

# Stops every node started so far, shows the tail of node N's error log, dies.
_galera_fail() {
  local dir="$1" n="$2" message="$3" node_dir
  node_dir="$(_galera_node_dir "${dir}" "${n}")"
  log "node${n}: ${message}; last lines of ${node_dir}/mysqld.err:"
  tail -n 40 -- "${node_dir}/mysqld.err" >&2 2>/dev/null || true
  galera_stop "${dir}"
  die "Galera cluster in ${dir} failed to start (node${n}: ${message})"
}

# A node's wsrep status value, empty while the node does not answer.
_galera_status() {
  _mariadb_sql "$1" --connect-timeout=1 -N -B -e \
    "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = '$2'" \
    2>/dev/null || true
}

# Waits until node N reports Synced in a cluster of at least N nodes; a joiner
# answers on its socket only after its state transfer.
_galera_wait_synced() {
  local dir="$1" n="$2" pid="$3" node_dir deadline=$((SECONDS + GALERA_SYNC_TIMEOUT))
  node_dir="$(_galera_node_dir "${dir}" "${n}")"
  until [[ "$(_galera_status "${node_dir}" WSREP_LOCAL_STATE_COMMENT)" == Synced ]] &&
    (($(_galera_status "${node_dir}" WSREP_CLUSTER_SIZE) >= n)); do
    pid_alive "${pid}" || _galera_fail "${dir}" "${n}" "mariadbd exited"
    ((SECONDS < deadline)) ||
      _galera_fail "${dir}" "${n}" "not Synced after ${GALERA_SYNC_TIMEOUT}s"
    sleep 0.2
  done
}

# Writes DIR/nodeN/my.cnf: the node's whole configuration (the server, the SST
# script and mariabackup all read it, and nothing else).
_galera_write_config() {
  local dir="$1" n="$2" node_dir sql gcomm ist sst
  node_dir="$(_galera_node_dir "${dir}" "${n}")"
  read -r sql gcomm ist sst <"${node_dir}/ports"
  # Failure detection in seconds (keepalive below a third of suspect), yet loose enough
  # that a busy two-core machine streaming a state transfer is not taken for a lost node. flush_log_at_trx_commit=2: the cluster, not one fsync,
  # makes a commit durable, and three nodes share one disk here.
  cat >"${node_dir}/my.cnf" <<CNF
[mysqld]
user = $(_mariadb_os_user)
datadir = ${node_dir}/data
port = ${sql}
bind-address = 127.0.0.1
socket = ${node_dir}/mysqld.sock
pid-file = ${node_dir}/mysqld.pid
log-error = ${node_dir}/mysqld.err
tmpdir = ${node_dir}/tmp
skip-name-resolve
character-set-server = utf8mb4
collation-server = utf8mb4_unicode_ci
max-connections = 500
innodb-buffer-pool-size = 128M
innodb-flush-log-at-trx-commit = 2
binlog-format = ROW
default-storage-engine = InnoDB
innodb-autoinc-lock-mode = 2
wsrep-on = ON
wsrep-provider = ${GALERA_PROVIDER}
wsrep-cluster-name = huiwu-test
wsrep-cluster-address = $(_galera_cluster_address "${dir}")
wsrep-node-name = node${n}
wsrep-node-address = 127.0.0.1:${gcomm}
wsrep-node-incoming-address = 127.0.0.1:${sql}
wsrep-provider-options = "base_host=127.0.0.1;base_port=${gcomm};gmcast.listen_addr=tcp://127.0.0.1:${gcomm};ist.recv_addr=127.0.0.1:${ist};gcache.size=64M;evs.keepalive_period=PT1S;evs.suspect_timeout=PT5S;evs.inactive_timeout=PT10S"
# Each certification conflict and brute-force abort in the error log: what the
# cross-node tests provoke, and what to read when one fails.
wsrep-log-conflicts = ON
wsrep-sst-method = mariabackup
wsrep-sst-auth = $(_mariadb_os_user):
wsrep-sst-receive-address = 127.0.0.1:${sst}

[sst]
# SST logs stay in the node's folder (mariabackup.*.log in data/, old ones here).
sst-syslog = -1
sst-log-archive-dir = ${node_dir}/sst-logs
CNF
}

_galera_start_node() {
  local dir="$1" n="$2" node_dir pid sql gcomm ist sst extra=()
  node_dir="$(_galera_node_dir "${dir}" "${n}")"
  read -r sql gcomm ist sst <"${node_dir}/ports"
  mkdir -p -- "${node_dir}/tmp"
  if ((n == 1)); then
    if [[ ! -d "${node_dir}/data" ]] || [[ -z "$(ls -A -- "${node_dir}/data")" ]]; then
      _mariadb_install "${node_dir}"
    fi
    # A cluster is bootstrapped from the node that stopped last; stop stops node1 last.
    if [[ -f "${node_dir}/data/grastate.dat" ]] &&
      grep -q '^safe_to_bootstrap: *0' "${node_dir}/data/grastate.dat"; then
      die "node1 in ${dir} did not stop last (or crashed); bootstrapping it could lose writes: remove ${dir} to start afresh"
    fi
    extra+=(--wsrep-new-cluster)
  else
    # A joiner's datadir is replaced by its state transfer: nothing to install.
    mkdir -p -- "${node_dir}/data"
  fi
  rm -f -- "${node_dir}/mysqld.pid" "${node_dir}/mysqld.sock"
  _galera_write_config "${dir}" "${n}"
  log "starting Galera node${n}: SQL 127.0.0.1:${sql}, gcomm ${gcomm}, IST ${ist}, SST ${sst}"
  # --defaults-file first, not --no-defaults: the SST scripts and mariabackup read
  # the server's option files, and without one they read /etc/mysql (whose
  # [mysqld_safe] syslog sends every SST error to a syslog that is not there).
  mariadbd --defaults-file="${node_dir}/my.cnf" "${extra[@]}" \
    </dev/null >>"${node_dir}/mysqld.out" 2>&1 &
  pid=$!
  # Written now so that a stop finds the node during its state transfer too.
  echo "${pid}" >"${node_dir}/mysqld.pid"
  _galera_wait_synced "${dir}" "${n}" "${pid}"
  log "Galera node${n} Synced (pid ${pid})"
}

# galera_start DIR: starts the nodes one at a time, each waited for until Synced;
# prints nothing. A cluster already running in DIR is reused as is.
galera_start() {
  local dir n running=0
  [[ $# -eq 1 ]] || die "usage: galera_start DIR"
  dir="$(_mariadb_abs_dir "$1")"
  [[ -r "${GALERA_PROVIDER}" ]] || die "no Galera provider at ${GALERA_PROVIDER} (install galera-4)"
  if ! command -v mariabackup >/dev/null 2>&1 || ! command -v socat >/dev/null 2>&1; then
    die "mariabackup SST needs mariabackup and socat (install mariadb-backup socat)"
  fi
  for ((n = 1; n <= GALERA_NODES; n++)); do
    galera_running "${dir}" "${n}" && running=$((running + 1))
  done
  if ((running == GALERA_NODES)); then
    log "reusing the Galera cluster already running in ${dir}"
    return 0
  fi
  ((running == 0)) || die "part of the Galera cluster in ${dir} runs; stop it first: scripts/galera.sh stop ${dir}"

  for ((n = 1; n <= GALERA_NODES; n++)); do
    mkdir -p -- "$(_galera_node_dir "${dir}" "${n}")"
  done
  _galera_assign_ports "${dir}"
  _galera_start_node "${dir}" 1
  # Before anyone joins, so that the joiners receive it with their state transfer.
  _mariadb_ensure_app_user "$(_galera_node_dir "${dir}" 1)" ||
    _galera_fail "${dir}" 1 "could not create the application user"
  for ((n = 2; n <= GALERA_NODES; n++)); do
    _galera_start_node "${dir}" "${n}"
  done
  log "Galera cluster of ${GALERA_NODES} nodes ready in ${dir}"
}

# galera_sql_ports DIR: the nodes' SQL ports, space-separated, one line.
galera_sql_ports() {
  local dir="$1" n ports=()
  for ((n = 1; n <= GALERA_NODES; n++)); do
    ports+=("$(_galera_port "${dir}" "${n}" 0)")
  done
  echo "${ports[*]}"
}

# galera_stop DIR: stops the nodes in reverse order, node1 last (so that it may
# bootstrap the next start). Not running is fine.
galera_stop() {
  local dir="$1" n node_dir pid failed=0
  for ((n = GALERA_NODES; n >= 1; n--)); do
    node_dir="$(_galera_node_dir "${dir}" "${n}")"
    [[ -d "${node_dir}" ]] || continue
    if ! mariadb_running "${node_dir}"; then
      rm -f -- "${node_dir}/mysqld.pid"
      continue
    fi
    pid="$(<"${node_dir}/mysqld.pid")"
    log "stopping Galera node${n} (pid ${pid})"
    if stop_pid "${pid}" mariadbd "${GALERA_STOP_TIMEOUT}"; then
      rm -f -- "${node_dir}/mysqld.pid"
    else
      log "could not stop mariadbd of node${n} (pid ${pid})"
      failed=1
    fi
  done
  ((failed == 0))
}

# galera_kill_node DIR N: SIGKILL node N, as a crash or a power cut would stop it, and
# wait until the process is gone (for the fault test).
galera_kill_node() {
  local dir="$1" n="$2" node_dir pid deadline
  node_dir="$(_galera_node_dir "${dir}" "${n}")"
  mariadb_running "${node_dir}" || die "node${n} of ${dir} does not run"
  pid="$(<"${node_dir}/mysqld.pid")"
  log "killing Galera node${n} (pid ${pid})"
  kill -KILL "${pid}"
  deadline=$((SECONDS + 10))
  while pid_alive "${pid}"; do
    ((SECONDS < deadline)) || die "node${n} (pid ${pid}) still runs 10 s after SIGKILL"
    sleep 0.1
  done
}

# galera_rejoin_node DIR N: starts node N (2 or 3) again while the rest of the cluster
# runs, and waits until it is Synced: it rejoins by an incremental state transfer
# when the donor's gcache still holds what it missed, by a full one otherwise. Node 1
# is left out: its start bootstraps a new cluster.
galera_rejoin_node() {
  local dir n="$2"
  dir="$(_mariadb_abs_dir "$1")"
  ((n >= 2 && n <= GALERA_NODES)) || die "galera_rejoin_node: node ${n} is not 2..${GALERA_NODES}"
  ! galera_running "${dir}" "${n}" || die "node${n} of ${dir} already runs"
  _galera_start_node "${dir}" "${n}"
}
