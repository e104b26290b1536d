#!/usr/bin/env bash
# A 3-node MariaDB Galera cluster on loopback for tests (see scripts/lib/galera.sh).
#   scripts/galera.sh start DIR   prints the three SQL ports, space-separated, as
#                                 the only stdout line
#   scripts/galera.sh stop DIR
#   scripts/galera.sh kill-node DIR N     SIGKILL node N (1..3), waited for
#   scripts/galera.sh rejoin-node DIR N   start node N (2 or 3) again, waited for Synced
# Everything else goes to stderr. Exit status is non-zero on failure.
# App account: huiwu@127.0.0.1, password $HUIWU_MYSQL_PASSWORD (default huiwu-local).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname -- "${BASH_SOURCE[0]}")/lib/galera.sh"

usage() {
  printf 'usage: %s start DIR | stop DIR | kill-node DIR N | rejoin-node DIR N\n' "$0" >&2
  exit 2
}

main() {
  local cmd="${1:-}" dir="${2:-}" node="${3:-}"
  if [[ -z "${dir}" ]] || (($# < 2)); then
    usage
  fi
  case "${cmd}" in
    kill-node | rejoin-node) [[ "${node}" =~ ^[1-9]$ ]] && (($# == 3)) || usage ;;
    *) (($# == 2)) || usage ;;
  esac
  case "${cmd}" in
    start)
      dir="$(_mariadb_abs_dir "${dir}")"
      galera_start "${dir}"
      galera_sql_ports "${dir}"
      ;;
    stop)
      galera_stop "${dir}" || die "could not stop every node in ${dir}"
      ;;
    kill-node) galera_kill_node "${dir}" "${node}" ;;
    rejoin-node) galera_rejoin_node "${dir}" "${node}" ;;
    *) usage ;;
  esac
}

main "$@"
