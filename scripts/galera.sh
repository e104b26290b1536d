#!/usr/bin/env bash
# A 3-node MariaDB Galera cluster on loopback for tests (see scripts/lib/galera.sh).
#   scripts/galera.sh start DIR   prints the three SQL ports, space-separated, as
#                                 the only stdout line
#   scripts/galera.sh stop DIR
# Everything else goes to stderr. Exit status is non-zero on failure.
# App account: huiwu@127.0.0.1, password $HUIWU_MYSQL_PASSWORD (default huiwu-local).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname -- "${BASH_SOURCE[0]}")/lib/galera.sh"

usage() {
  printf 'usage: %s start DIR | stop DIR\n' "$0" >&2
  exit 2
}

main() {
  local cmd="${1:-}" dir="${2:-}"
  if [[ -z "${dir}" ]] || (($# != 2)); then
    usage
  fi
  case "${cmd}" in
    start)
      dir="$(_mariadb_abs_dir "${dir}")"
      galera_start "${dir}"
      galera_sql_ports "${dir}"
      ;;
    stop)
      galera_stop "${dir}" || die "could not stop every node in ${dir}"
      ;;
    *) usage ;;
  esac
}

main "$@"
