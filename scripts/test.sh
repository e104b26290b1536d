#!/usr/bin/env bash
# The README's test command: install what is missing, build, start a throwaway
# MariaDB on a free loopback port, run ctest against it, always clean up.
#   scripts/test.sh [CTEST_ARGS...]     e.g. scripts/test.sh -R booking
#   HUIWU_CONTAINER_TEST=1 scripts/test.sh   also the container test (label container)
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
source "$(dirname -- "${BASH_SOURCE[0]}")/lib/podman.sh"

DB_DIR=""
CTEST_PID=""
WARM_PID=""  # the background warm-up of the container images

# ctest runs in a session of its own (setsid) so that one signal to its process
# group reaches ctest, every test and any server a test started. A foreground
# ctest would delay a SIGTERM to this script until all tests had finished.
stop_test_group() {
  local deadline=$((SECONDS + 15))
  [[ -n "${CTEST_PID}" ]] || return 0
  kill -TERM -- "-${CTEST_PID}" 2>/dev/null || kill -TERM "${CTEST_PID}" 2>/dev/null || true
  while pid_alive "${CTEST_PID}" && ((SECONDS < deadline)); do
    sleep 0.1
  done
  kill -KILL -- "-${CTEST_PID}" 2>/dev/null || true
  wait "${CTEST_PID}" 2>/dev/null || true
  CTEST_PID=""
}

on_signal() {
  log "interrupted (SIG$1): stopping the tests"
  stop_test_group
  exit "$2"
}

# Runs on every exit path (success, failed step under set -e, Ctrl-C, TERM):
# the throwaway server must never outlive the test run.
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n "${WARM_PID}" ]]; then
    kill -TERM -- "-${WARM_PID}" 2>/dev/null || true
    wait "${WARM_PID}" 2>/dev/null || true
  fi
  if [[ -n "${DB_DIR}" ]]; then
    mariadb_stop "${DB_DIR}" || log "warning: could not stop MariaDB in ${DB_DIR}"
    rm -rf -- "${DB_DIR}"
  fi
  exit "${rc}"
}

main() {
  local root port rc=0
  root="$(project_root)"
  cd -- "${root}"

  ensure_deps
  trap cleanup EXIT
  # The container test's images need ~1 GB of Debian packages: fetched while the host
  # compiles (network and disk against CPU), so that the test's builds hit podman's cache.
  local warm_logs=""
  if [[ "${HUIWU_CONTAINER_TEST:-0}" == 1 ]]; then
    warm_logs="$(mktemp -d -t huiwu-warm-images.XXXXXX)"
    log "warming the container images in the background (logs: ${warm_logs})"
    # A session of its own, so that cleanup stops its podman builds too.
    # shellcheck disable=SC2016 # expanded by the inner bash
    setsid bash -c 'source "$1"; podman_warm_images ctest "$2"' _ \
      "${root}/scripts/lib/podman.sh" "${warm_logs}" >"${warm_logs}/warm.log" 2>&1 &
    WARM_PID=$!
  fi
  build_project
  if [[ -n "${WARM_PID}" ]]; then
    # Not fatal: the container test builds whatever is missing, and says why it failed.
    if wait "${WARM_PID}"; then
      log "container images warmed"
      rm -rf -- "${warm_logs}"
    else
      log "warning: warming the container images failed (see ${warm_logs}); the test will build them"
    fi
    WARM_PID=""
  fi

  trap 'on_signal INT 130' INT
  trap 'on_signal TERM 143' TERM
  DB_DIR="$(mktemp -d -t huiwu-test-db.XXXXXX)"
  port="$(free_port)"
  mariadb_start "${DB_DIR}" "${port}"

  export HUIWU_TEST_MYSQL_HOST=127.0.0.1
  export HUIWU_TEST_MYSQL_PORT="${port}"
  export HUIWU_TEST_MYSQL_USER=huiwu
  export HUIWU_TEST_MYSQL_PASSWORD="${HUIWU_MYSQL_PASSWORD}"
  # For tests that start their own server (e.g. stop/restart for health checks).
  export HUIWU_TEST_MARIADB_SCRIPT="${root}/scripts/mariadb.sh"

  # The container test (label "container": images built and the compose stack run with
  # podman, ~6 min) runs when asked: HUIWU_CONTAINER_TEST=1.
  local select=()
  if [[ "${HUIWU_CONTAINER_TEST:-0}" != 1 ]]; then
    select=(-LE container)
  fi
  # --no-tests=error: a run that finds no test must not pass silently.
  setsid -w ctest --test-dir build --output-on-failure -j2 --timeout 300 --no-tests=error \
    "${select[@]}" "$@" &
  CTEST_PID=$!
  wait "${CTEST_PID}" || rc=$?
  # Whatever a test left running in the group (e.g. a crashed test's own
  # MariaDB) goes too; normally there is nothing.
  kill -TERM -- "-${CTEST_PID}" 2>/dev/null && log "stopped processes left by the tests"
  CTEST_PID=""
  if ((rc == 0)); then
    log "tests passed"
  else
    log "tests FAILED (ctest exit ${rc})"
  fi
  return "${rc}"
}

main "$@"
