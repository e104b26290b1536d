#!/bin/bash
# Entrypoint of a huiwu Galera node (runs as mysql). No systemd, no galera_new_cluster:
# the nodes agree among themselves who starts the cluster.
#
# Every node serves its state on port 4569 (state.sh): "synced" once it runs in the
# cluster, otherwise its last position. At start a node
#  1. joins at once when a peer says "synced" (a node restarted while the others run),
#     asking the node that bootstrapped the cluster for the missing write sets: a peer
#     that itself caught up by IST may lack some of them in its gcache, and an IST from
#     it fails half-way ("IST didn't contain all write sets");
#  2. otherwise waits until every node has said where it stands, and then
#     - all empty (a first start): GALERA_BOOTSTRAP_NODE (the first node) initialises
#       the datadir, makes the cluster and the accounts; the others join it;
#     - else the node that stopped last (safe_to_bootstrap: 1), or, after a crash of the
#       whole cluster, the one with the highest seqno (found with --wsrep-recover; ties:
#       the first in GALERA_NODES) bootstraps, and the others join it, by IST when
#       they can. So no committed transaction is lost to a bootstrap from a stale node.
# A node that cannot hear from every peer waits and says so; GALERA_FORCE_BOOTSTRAP=1
# makes it bootstrap anyway (only when the missing nodes are lost for good). A node
# whose state transfer failed ("node restart required": mariadbd stays up outside the
# cluster) stops, and the container's restart policy starts it again.
set -euo pipefail

node="${GALERA_NODE_NAME:?set GALERA_NODE_NAME, e.g. galera-1}"
IFS=', ' read -r -a nodes <<<"${GALERA_NODES:?set GALERA_NODES, e.g. galera-1,galera-2,galera-3}"
bootstrap_node="${GALERA_BOOTSTRAP_NODE:-${nodes[0]}}"
state_port=4569
cnf=/etc/mysql/huiwu-galera.cnf
datadir=/var/lib/mysql
position_file=/run/mysqld/galera-position

log() {
  echo "galera-entrypoint[${node}]: $*" >&2
}

publish() {
  echo "$*" >"${position_file}.tmp"
  mv -f "${position_file}.tmp" "${position_file}"
}

sql_quote() {
  local s="$1"
  s="${s//\\/\\\\}"
  s="${s//\'/\\\'}"
  printf "'%s'" "${s}"
}

has_data() {
  [[ -d "${datadir}/mysql" || -f "${datadir}/grastate.dat" ]]
}

grastate() {
  sed -n "s/^$1: *//p" "${datadir}/grastate.dat" 2>/dev/null | head -n 1
}

# Sets uuid and seqno of this node's last committed transaction: from grastate.dat after
# a clean stop, else by --wsrep-recover (InnoDB's own record; ~5 s).
recover_position() {
  uuid="$(grastate uuid)"
  seqno="$(grastate seqno)"
  if [[ -z "${seqno}" || "${seqno}" == -1 ]]; then
    publish recovering
    log "last position not recorded (a crash or a kill): running --wsrep-recover"
    local recover_log=/run/mysqld/wsrep-recover.log recovered
    rm -f "${recover_log}"
    mariadbd --defaults-file="${cnf}" --wsrep-recover --log-error="${recover_log}" \
      >/dev/null 2>&1 || true
    # No log at all when mariadbd could not even start (e.g. a state transfer cut off
    # half-way left the datadir unusable): then no position, and the node joins afresh.
    recovered="$(sed -n 's/.*WSREP: Recovered position: *//p' "${recover_log}" 2>/dev/null |
      tail -n 1)" || recovered=""
    if [[ "${recovered}" == *:* ]]; then
      uuid="${recovered%%:*}"
      seqno="${recovered##*:}"
    else
      log "--wsrep-recover found no position; its log:"
      tail -n 20 "${recover_log}" >&2 || true
      seqno=-1
    fi
  fi
  [[ -n "${uuid}" ]] || uuid=00000000-0000-0000-0000-000000000000
  log "last position ${uuid}:${seqno}, safe_to_bootstrap $(grastate safe_to_bootstrap)"
}

# The peer's one-line state; nothing while it cannot be reached. (bash's /dev/tcp, not
# socat: socat closes on our empty stdin before a slow answer arrives.)
ask_peer() {
  timeout 5 bash -c 'exec 3<>"/dev/tcp/$1/$2" && head -n 1 <&3' _ "$1" "${state_port}" \
    2>/dev/null || true
}

# Waits until a peer is synced (prints "join", and the peer that bootstrapped the
# cluster if one says so) or every node has answered empty/down (prints "bootstrap"
# when this node is the one to start the cluster, else keeps waiting for a synced peer).
decide() {
  local waited=0 peer answer all_answered best best_seqno best_safe empty_all i
  local synced_peer donor
  local -a fields
  while :; do
    all_answered=1 empty_all=1 best="" best_seqno=-2 best_safe=0 synced_peer=0 donor=""
    for ((i = 0; i < ${#nodes[@]}; i++)); do
      peer="${nodes[i]}"
      if [[ "${peer}" == "${node}" ]]; then
        answer="$(cat "${position_file}")"
      else
        answer="$(ask_peer "${peer}")"
      fi
      if [[ "${answer}" == synced* ]]; then
        synced_peer=1
        [[ "${answer}" == "synced bootstrapped" ]] && donor="${peer}"
        continue
      fi
      read -r -a fields <<<"${answer:-none}"
      case "${fields[0]}" in
        empty) ;;
        down)
          empty_all=0
          # The safe node beats any unsafe one; then the higher seqno; ties: list order.
          if ((fields[3] > best_safe)) ||
            ((fields[3] == best_safe && fields[2] > best_seqno)); then
            best="${peer}" best_seqno="${fields[2]}" best_safe="${fields[3]}"
          fi
          ;;
        *)
          all_answered=0
          [[ -n "${answer}" ]] || answer="no answer"
          ((waited % 20 == 0)) && log "waiting: ${peer} says \"${answer}\""
          ;;
      esac
    done
    if ((synced_peer)); then
      echo join "${donor}"
      return 0
    fi
    if ((all_answered)); then
      if ((empty_all)); then
        best="${bootstrap_node}"
      fi
      if [[ "${best}" == "${node}" ]]; then
        echo bootstrap
        return 0
      fi
      ((waited % 20 == 0)) && log "waiting for ${best} to bootstrap the cluster"
    fi
    if [[ "${GALERA_FORCE_BOOTSTRAP:-0}" == 1 ]] && ((waited >= 10)); then
      log "GALERA_FORCE_BOOTSTRAP=1: bootstrapping without hearing from every node"
      echo bootstrap
      return 0
    fi
    sleep 2
    waited=$((waited + 2))
  done
}

# The accounts of the suite, from the environment (compose reads .env). Run by the
# bootstrapping node, so a password changed in .env applies at the next full restart.
ensure_accounts() {
  local huiwu_pw="${MARIADB_HUIWU_PASSWORD:?set MARIADB_HUIWU_PASSWORD (see .env.example)}"
  local exporter_pw="${MARIADB_EXPORTER_PASSWORD:?set MARIADB_EXPORTER_PASSWORD (see .env.example)}"
  # On stdin, so the passwords never show in ps.
  mariadb --no-defaults --socket=/run/mysqld/mysqld.sock -umysql <<SQL
CREATE USER IF NOT EXISTS 'huiwu'@'%' IDENTIFIED BY $(sql_quote "${huiwu_pw}");
ALTER USER 'huiwu'@'%' IDENTIFIED BY $(sql_quote "${huiwu_pw}");
-- Each service creates and migrates its own database, huiwu_<service>.
GRANT ALL PRIVILEGES ON \`huiwu\\_%\`.* TO 'huiwu'@'%';
CREATE USER IF NOT EXISTS 'exporter'@'%' IDENTIFIED BY $(sql_quote "${exporter_pw}")
  WITH MAX_USER_CONNECTIONS 3;
ALTER USER 'exporter'@'%' IDENTIFIED BY $(sql_quote "${exporter_pw}");
GRANT PROCESS, REPLICATION CLIENT, SLAVE MONITOR, SELECT ON *.* TO 'exporter'@'%';
SQL
  log "accounts huiwu and exporter ready"
}

# The cluster address lists the peers that resolve now: Galera gives up on a name it
# cannot resolve, and a stopped container has no DNS record.
cluster_address() {
  local peer members=()
  for peer in "${nodes[@]}"; do
    [[ "${peer}" == "${node}" ]] && continue
    getent hosts "${peer}" >/dev/null && members+=("${peer}")
  done
  local IFS=,
  echo "gcomm://${members[*]}"
}

mariadbd_pid=""
socat_pid=""
decide_pid=""
on_term() {
  if [[ -n "${mariadbd_pid}" ]]; then
    log "stopping (the node leaves the cluster and records its position)"
    kill -TERM "${mariadbd_pid}" 2>/dev/null || true
    return 0
  fi
  log "stopping before mariadbd started"
  [[ -n "${decide_pid}" ]] && kill "${decide_pid}" 2>/dev/null
  [[ -n "${socat_pid}" ]] && kill "${socat_pid}" 2>/dev/null
  exit 0
}
trap on_term TERM INT

rm -f /run/mysqld/mysqld.pid /run/mysqld/mysqld.sock
uuid="" seqno=-1
if has_data; then
  publish recovering
else
  publish empty
fi
socat "TCP-LISTEN:${state_port},reuseaddr,fork" SYSTEM:/usr/local/bin/galera-state &
socat_pid=$!

if has_data; then
  recover_position
  safe="$(grastate safe_to_bootstrap)"
  publish down "${uuid}" "${seqno}" "${safe:-0}"
fi
# A decision may take a while: in the background, so that a TERM is answered meanwhile.
decide >/run/mysqld/galera-decision &
decide_pid=$!
wait "${decide_pid}"
decide_pid=""
read -r decision donor </run/mysqld/galera-decision || true
log "decision: ${decision}${donor:+ (donor ${donor})}"

args=(--defaults-file="${cnf}" --wsrep-node-name="${node}")
fresh=0
if [[ "${decision}" == bootstrap ]]; then
  if ! has_data; then
    log "empty cluster: initialising ${datadir}"
    mariadb-install-db --no-defaults --user=mysql --datadir="${datadir}" --skip-test-db \
      --auth-root-authentication-method=socket >/run/mysqld/install.log 2>&1 || {
      tail -n 30 /run/mysqld/install.log >&2
      exit 1
    }
    fresh=1
  else
    # This node has the latest committed transaction: mark it safe, as Galera asks.
    [[ -f "${datadir}/grastate.dat" ]] &&
      sed -i 's/^safe_to_bootstrap: *0/safe_to_bootstrap: 1/' "${datadir}/grastate.dat"
    [[ "${seqno}" != -1 ]] && args+=(--wsrep-start-position="${uuid}:${seqno}")
  fi
  args+=(--wsrep-new-cluster --wsrep-cluster-address="gcomm://")
  log "bootstrapping the cluster"
else
  # A joiner with data asks for the missing transactions only (IST) when the donor's
  # gcache still has them; an empty one receives a full copy (SST).
  [[ -n "${uuid}" && "${seqno}" != -1 ]] && args+=(--wsrep-start-position="${uuid}:${seqno}")
  # The trailing comma lets Galera choose another donor when this one is busy or gone.
  [[ -n "${donor}" ]] && args+=(--wsrep-sst-donor="${donor},")
  args+=(--wsrep-cluster-address="$(cluster_address)")
  log "joining the cluster"
fi
# mariadbd's log goes to the container log as before, and a failed state transfer
# leaves a mark for the loop below.
restart_mark=/run/mysqld/restart-required
rm -f "${restart_mark}"
watch_log() {
  local line
  while IFS= read -r line; do
    printf '%s\n' "${line}" >&2
    [[ "${line}" == *"node restart required"* ]] && : >"${restart_mark}"
  done
}

publish running
mariadbd "${args[@]}" 2> >(watch_log) &
mariadbd_pid=$!

if ((fresh)); then
  until /usr/local/bin/galera-health >/dev/null 2>&1; do
    kill -0 "${mariadbd_pid}" 2>/dev/null || break
    sleep 1
  done
  ensure_accounts
elif [[ "${decision}" == bootstrap ]]; then
  (
    until /usr/local/bin/galera-health >/dev/null 2>&1; do sleep 1; done
    ensure_accounts
  ) &
fi

rc=0 restart=0
while kill -0 "${mariadbd_pid}" 2>/dev/null; do
  if ((!restart)) && [[ -f "${restart_mark}" ]]; then
    log "the state transfer failed: stopping, the container restarts and joins again"
    restart=1
    kill -TERM "${mariadbd_pid}" 2>/dev/null || true
  fi
  # In the background, so that a TERM is answered at once.
  sleep 1 &
  wait $! || true
done
wait "${mariadbd_pid}" || rc=$?
((restart)) && rc=1
log "mariadbd exited (${rc})"
kill "${socat_pid}" 2>/dev/null || true
exit "${rc}"
