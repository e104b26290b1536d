#!/usr/bin/env bash
# A private MariaDB for tests and local runs (see scripts/lib/mariadb.sh).
#   scripts/mariadb.sh start DIR [PORT]   prints the port as the only stdout line
#   scripts/mariadb.sh stop DIR
# Everything else goes to stderr. Exit status is non-zero on failure.
# App account: huiwu@127.0.0.1, password $HUIWU_MYSQL_PASSWORD (default huiwu-local).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname -- "${BASH_SOURCE[0]}")/lib/mariadb.sh"

usage() {
  printf 'usage: %s start DIR [PORT] | stop DIR\n' "$0" >&2
  exit 2
}

main() {
  local cmd="${1:-}" dir="${2:-}" port
  [[ -n "${dir}" ]] || usage
  case "${cmd}" in
    start)
      (($# <= 3)) || usage
      dir="$(_mariadb_abs_dir "${dir}")"
      if (($# == 3)); then
        port="$3"
      elif mariadb_running "${dir}" && [[ -f "${dir}/port" ]]; then
        port="$(<"${dir}/port")" # already running: keep its port
      else
        port="$(free_port)"
      fi
      mariadb_start "${dir}" "${port}"
      echo "${port}"
      ;;
    stop)
      (($# == 2)) || usage
      mariadb_stop "${dir}"
      ;;
    *) usage ;;
  esac
}

main "$@"
