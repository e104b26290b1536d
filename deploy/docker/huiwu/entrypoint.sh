#!/bin/bash
# Entrypoint of the huiwu service image: chooses the Galera node this replica uses, runs
# the service, and moves it when its node leaves the cluster.
#
# A service talks to one database host (--mysql_host). In the compose stack every
# replica is given the list of nodes instead (HUIWU_DB_NODES="galera-1,galera-2,…") and
#  - on the container's first start, waits (at most HUIWU_DB_ALL_SYNCED_WAIT seconds)
#    until every node serves, so that a replica started while the cluster forms does not
#    crowd onto its first node; a restart (its node was lost, or it moved) does not wait
#    for a node that may stay down, and takes a serving one at once;
#  - takes the serving node with the fewest replicas of the same service (ties: the
#    fewest huiwu replicas of any service, then this container's hostname), so that a
#    service's replicas sit on different nodes and one lost node takes none of them all;
#  - while it runs, checks its node every HUIWU_DB_CHECK_INTERVAL seconds. A node that
#    is unreachable or out of the cluster for HUIWU_DB_FAILOVER_AFTER seconds, or a node
#    shared with another replica of the service while a serving node has none (the
#    replica with the highest address moves), makes the service stop (SIGTERM,
#    graceful) and the container exit 75; the restart policy starts it again and it
#    chooses afresh.
# Migrations always run on the first serving node in HUIWU_DB_NODES order: GET_LOCK is
# per node on Galera, so only one node serializes every migrator — the migrate job and
# each replica's own start-up migration (podman-compose starts replicas without waiting
# for the job: it ignores depends_on conditions). A replica therefore migrates there
# first (a no-op after the job), then serves on its own node.
# With HUIWU_MYSQL_HOST set, or no HUIWU_DB_NODES, the command runs as given.
set -euo pipefail

nodes="${HUIWU_DB_NODES:-}"
check_interval="${HUIWU_DB_CHECK_INTERVAL:-5}"
failover_after="${HUIWU_DB_FAILOVER_AFTER:-20}"
choose_timeout="${HUIWU_DB_CHOOSE_TIMEOUT:-600}"
all_synced_wait="${HUIWU_DB_ALL_SYNCED_WAIT:-90}"
# Not flags of the service: keep them out of its environment (it warns about unknown
# HUIWU_* variables).
unset HUIWU_DB_NODES HUIWU_DB_CHECK_INTERVAL HUIWU_DB_FAILOVER_AFTER HUIWU_DB_CHOOSE_TIMEOUT \
  HUIWU_DB_ALL_SYNCED_WAIT
# The container's filesystem outlives a restart by the restart policy, not a re-creation.
started_marker=/tmp/huiwu-entrypoint-started
if [[ -e "${started_marker}" ]]; then
  all_synced_wait=0
else
  touch "${started_marker}" 2>/dev/null || true
fi

log() {
  local level="$1" event="$2"
  shift 2
  local line fields=""
  while (($# >= 2)); do
    fields+=",\"$1\":\"${2//\"/\\\"}\""
    shift 2
  done
  line="{\"ts\":\"$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)\",\"level\":\"${level}\",\"event\":\"${event}\"${fields}}"
  echo "${line}" >&2
}

if [[ -n "${HUIWU_MYSQL_HOST:-}" || -z "${nodes}" ]]; then
  exec "$@"
fi

# The password reaches the mariadb client through its environment, never its argv.
export MYSQL_PWD="${HUIWU_MYSQL_PASSWORD:-}"
db_user="${HUIWU_MYSQL_USER:-huiwu}"
db_port="${HUIWU_MYSQL_PORT:-3306}"

# The service's own database (huiwu-booking → huiwu_booking), to count its replicas.
service_db="${HUIWU_MYSQL_DATABASE:-}"
if [[ -z "${service_db}" ]]; then
  service_db="$(basename -- "$1")"
  service_db="huiwu_${service_db#huiwu-}"
fi
my_address="$(hostname -i 2>/dev/null | awk '{print $1}')"

# "STATE SAME ANY ADDRESSES" of a node: its wsrep state, how many replicas of this
# service and of any huiwu service use it, and the addresses of this service's
# replicas on it (comma-separated); nothing when it does not answer.
node_state() {
  mariadb --no-defaults --connect-timeout=2 -h"$1" -P"${db_port}" -u"${db_user}" -N -B -e "
    SELECT (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS
             WHERE VARIABLE_NAME = 'WSREP_LOCAL_STATE_COMMENT'),
           COUNT(DISTINCT IF(DB = '${service_db}', SUBSTRING_INDEX(HOST, ':', 1), NULL)),
           COUNT(DISTINCT SUBSTRING_INDEX(HOST, ':', 1)),
           IFNULL(GROUP_CONCAT(DISTINCT IF(DB = '${service_db}',
                                           SUBSTRING_INDEX(HOST, ':', 1), NULL)), '-')
      FROM information_schema.PROCESSLIST
     WHERE USER = SUBSTRING_INDEX(USER(), '@', 1) AND DB LIKE 'huiwu\\_%'" \
    2>/dev/null | tr '\t' ' ' || true
}

# A node serves when it is Synced, or donating a state transfer (mariabackup SST does
# not block it).
serving() {
  [[ "$1" == Synced || "$1" == Donor/Desynced ]]
}

# Prints the chosen node; waits (bounded) while none serves.
choose_node() {
  local deadline=$((SECONDS + choose_timeout)) all_deadline=$((SECONDS + all_synced_wait))
  local node state same any best best_key key offset i down
  local -a list fields seen
  IFS=', ' read -r -a list <<<"${nodes}"
  # The same hostname always starts the tie-break at the same node.
  offset=$(($(hostname | cksum | cut -d' ' -f1) % ${#list[@]}))
  list=("${list[@]:offset}" "${list[@]:0:offset}")
  while :; do
    best="" best_key="" seen=() down=0
    for ((i = 0; i < ${#list[@]}; i++)); do
      node="${list[i]}"
      read -r -a fields <<<"$(node_state "${node}")"
      if ! serving "${fields[0]:-}"; then
        down=$((down + 1))
        continue
      fi
      same="${fields[1]}" any="${fields[2]}"
      seen+=("${node}:${same}/${any}")
      key="$(printf '%04d%04d%02d' "${same}" "${any}" "${i}")"
      if [[ -z "${best}" || "${key}" < "${best_key}" ]]; then
        best="${node}" best_key="${key}"
      fi
    done
    if [[ -n "${best}" ]] && { ((down == 0)) || ((SECONDS >= all_deadline)); }; then
      log info database_node_chosen node "${best}" service_db "${service_db}" \
        replicas_per_node "${seen[*]}"
      echo "${best}"
      return 0
    fi
    if ((SECONDS >= deadline)); then
      log error database_node_none_serving nodes "${nodes}" waited "${choose_timeout}s"
      return 1
    fi
    log warning database_wait nodes "${nodes}" serving "${seen[*]:-none}" \
      hint "waiting for every node to serve (at most ${all_synced_wait}s)"
    sleep 3
  done
}

# True when this replica should leave its node for a serving node that has no replica of
# this service: its node holds another one and this replica has the highest address.
should_move() {
  local node fields here highest other=0
  local -a f
  read -r -a f <<<"$(node_state "$1")"
  here="${f[3]:-}"
  [[ "${here}" == *,* ]] || return 1
  highest="$(tr ',' '\n' <<<"${here}" | sort -V | tail -n 1)"
  [[ -n "${my_address}" && "${highest}" == "${my_address}" ]] || return 1
  IFS=', ' read -r -a fields <<<"${nodes}"
  for node in "${fields[@]}"; do
    [[ "${node}" == "$1" ]] && continue
    read -r -a f <<<"$(node_state "${node}")"
    if [[ "${f[0]:-}" == Synced && "${f[1]:-1}" == 0 ]]; then
      other=1
      break
    fi
  done
  ((other))
}

# The first serving node in the configured order (see above).
migration_node() {
  local node
  local -a list fields
  IFS=', ' read -r -a list <<<"${nodes}"
  for node in "${list[@]}"; do
    read -r -a fields <<<"$(node_state "${node}")"
    if serving "${fields[0]:-}"; then
      echo "${node}"
      return 0
    fi
  done
  return 1
}

node="$(choose_node)" || exit 1
migrate_on="$(migration_node)" || exit 1

if [[ "$*" == *--migrate_only* || "$*" == *--migrate-only* ]]; then
  log info migrating_on node "${migrate_on}"
  HUIWU_MYSQL_HOST="${migrate_on}" exec "$@"
fi
if ! HUIWU_MYSQL_HOST="${migrate_on}" "$@" --migrate_only; then
  log error migration_failed node "${migrate_on}" action "exiting; the restart policy retries"
  exit 1
fi
export HUIWU_MYSQL_HOST="${node}"

"$@" &
child=$!
forward() {
  kill -TERM "${child}" 2>/dev/null || true
}
trap forward TERM INT

failing=0
ran=0
while kill -0 "${child}" 2>/dev/null; do
  # wait returns early when a signal arrives; the loop then sees the child end.
  sleep "${check_interval}" &
  wait $! 2>/dev/null || true
  kill -0 "${child}" 2>/dev/null || break
  ran=$((ran + check_interval))
  read -r -a state <<<"$(node_state "${node}")"
  if serving "${state[0]:-}"; then
    failing=0
    # Rebalance only once the replica has settled (its connections are counted).
    if ((ran >= 30)) && should_move "${node}"; then
      log info database_node_rebalance node "${node}" \
        action "another replica of ${service_db} uses this node and a serving node has none: moving"
      kill -TERM "${child}" 2>/dev/null || true
      wait "${child}" 2>/dev/null || true
      exit 75
    fi
    continue
  fi
  failing=$((failing + check_interval))
  if ((failing >= failover_after)); then
    log warning database_node_lost node "${node}" state "${state[0]:-no answer}" \
      after "${failing}s" action "stopping; the restart policy starts this replica on a serving node"
    kill -TERM "${child}" 2>/dev/null || true
    wait "${child}" 2>/dev/null || true
    exit 75
  fi
done
rc=0
wait "${child}" || rc=$?
exit "${rc}"
