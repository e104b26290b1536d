#!/bin/bash
# Entrypoint of the huiwu service image: chooses the Galera node this replica uses, runs
# the service, and gives the node up when it leaves the cluster.
#
# A service talks to one database host (--mysql_host). In the compose stack every
# replica is given the list of nodes instead (HUIWU_DB_NODES="galera-1,galera-2,…") and
#  - takes a Synced node with the fewest huiwu replicas connected (ties broken by this
#    container's hostname), so that replicas spread over the nodes and one lost node
#    takes only part of the suite with it;
#  - while it runs, checks its node every HUIWU_DB_CHECK_INTERVAL seconds; a node that
#    is unreachable or not Synced for HUIWU_DB_FAILOVER_AFTER seconds makes the
#    service stop (SIGTERM, graceful) and the container exit 75, and the restart policy
#    starts it again on a node that is Synced.
# With HUIWU_MYSQL_HOST set, or no HUIWU_DB_NODES, the command runs as given.
# A "--migrate_only" command only needs one Synced node and is run without the watch.
set -euo pipefail

nodes="${HUIWU_DB_NODES:-}"
check_interval="${HUIWU_DB_CHECK_INTERVAL:-5}"
failover_after="${HUIWU_DB_FAILOVER_AFTER:-20}"
choose_timeout="${HUIWU_DB_CHOOSE_TIMEOUT:-600}"
# Not flags of the service: keep them out of its environment (it warns about unknown
# HUIWU_* variables).
unset HUIWU_DB_NODES HUIWU_DB_CHECK_INTERVAL HUIWU_DB_FAILOVER_AFTER HUIWU_DB_CHOOSE_TIMEOUT

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

# "STATE REPLICAS" of a node, e.g. "Synced 2"; nothing when it does not answer.
node_state() {
  mariadb --no-defaults --connect-timeout=2 -h"$1" -P"${db_port}" -u"${db_user}" -N -B -e "
    SELECT (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS
             WHERE VARIABLE_NAME = 'WSREP_LOCAL_STATE_COMMENT'),
           (SELECT COUNT(DISTINCT SUBSTRING_INDEX(HOST, ':', 1))
              FROM information_schema.PROCESSLIST
             WHERE USER = SUBSTRING_INDEX(USER(), '@', 1) AND DB LIKE 'huiwu\\_%')" \
    2>/dev/null | tr '\t' ' ' || true
}

# Prints the chosen node; waits (bounded) while none is Synced.
choose_node() {
  local deadline=$((SECONDS + choose_timeout)) node state count best="" best_count=0 offset
  local -a list candidates
  IFS=', ' read -r -a list <<<"${nodes}"
  # The same hostname always starts the tie-break at the same node.
  offset=$(($(hostname | cksum | cut -d' ' -f1) % ${#list[@]}))
  list=("${list[@]:offset}" "${list[@]:0:offset}")
  while :; do
    best="" candidates=()
    for node in "${list[@]}"; do
      state="$(node_state "${node}")"
      [[ "${state%% *}" == Synced ]] || continue
      count="${state##* }"
      candidates+=("${node}=${count}")
      if [[ -z "${best}" ]] || ((count < best_count)); then
        best="${node}" best_count="${count}"
      fi
    done
    if [[ -n "${best}" ]]; then
      log info database_node_chosen node "${best}" synced_nodes "${candidates[*]}"
      echo "${best}"
      return 0
    fi
    if ((SECONDS >= deadline)); then
      log error database_node_none_synced nodes "${nodes}" waited "${choose_timeout}s"
      return 1
    fi
    log warning database_wait nodes "${nodes}" hint "no Galera node is Synced yet"
    sleep 3
  done
}

node="$(choose_node)" || exit 1
export HUIWU_MYSQL_HOST="${node}"

if [[ " $* " == *" --migrate_only "* || " $* " == *" --migrate-only "* ]]; then
  exec "$@"
fi

"$@" &
child=$!
forward() {
  kill -TERM "${child}" 2>/dev/null || true
}
trap forward TERM INT

failing=0
while kill -0 "${child}" 2>/dev/null; do
  # wait returns early when a signal arrives; the loop then sees the child end.
  sleep "${check_interval}" &
  wait $! 2>/dev/null || true
  kill -0 "${child}" 2>/dev/null || break
  if [[ "$(node_state "${node}")" == Synced* ]]; then
    failing=0
    continue
  fi
  failing=$((failing + check_interval))
  if ((failing >= failover_after)); then
    log warning database_node_lost node "${node}" after "${failing}s" \
      action "stopping; the restart policy starts this replica on a Synced node"
    kill -TERM "${child}" 2>/dev/null || true
    wait "${child}" 2>/dev/null || true
    exit 75
  fi
done
rc=0
wait "${child}" || rc=$?
exit "${rc}"
