# shellcheck shell=bash
# Shared helpers for huiwu's scripts. Source it; it defines functions only.

# Sourcing twice (libs source each other) must be harmless.
[[ -n "${_HUIWU_COMMON_SH:-}" ]] && return 0
_HUIWU_COMMON_SH=1

# Logs go to stderr so that stdout stays free for machine-readable output
# (scripts/mariadb.sh prints only the port there).
log() {
  printf '[huiwu] %s\n' "$*" >&2
}

die() {
  log "error: $*"
  exit 1
}

# Developers may run as a normal user; CI and containers run as root without sudo.
as_root() {
  if [[ "${EUID}" -eq 0 ]]; then
    "$@"
  else
    sudo -- "$@"
  fi
}

# The repository root, found from this file's place so scripts work from any cwd.
project_root() {
  (cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd -P)
}

# True when PID is a live process. A zombie still answers kill -0, and a child
# we have not reaped yet is a zombie, so look at its state too.
pid_alive() {
  local pid="$1" stat
  [[ "${pid}" =~ ^[0-9]+$ ]] || return 1
  kill -0 "${pid}" 2>/dev/null || return 1
  stat="$(cat "/proc/${pid}/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [[ "${stat:0:1}" != "Z" ]]
}

# The executable name of PID (comm, at most 15 characters), empty if gone.
pid_comm() {
  cat "/proc/$1/comm" 2>/dev/null || true
}

# stop_pid PID NAME [TIMEOUT_S]: SIGTERM, wait up to TIMEOUT_S, then SIGKILL.
# Bounded so that a hung process cannot hang the script that stops it.
stop_pid() {
  local pid="$1" name="$2" timeout="${3:-30}" deadline
  pid_alive "${pid}" || return 0
  kill -TERM "${pid}" 2>/dev/null || true
  deadline=$((SECONDS + timeout))
  while pid_alive "${pid}" && ((SECONDS < deadline)); do
    sleep 0.1
  done
  if pid_alive "${pid}"; then
    log "${name} (pid ${pid}) still running after ${timeout}s: sending SIGKILL"
    kill -KILL "${pid}" 2>/dev/null || true
    deadline=$((SECONDS + 10))
    while pid_alive "${pid}" && ((SECONDS < deadline)); do
      sleep 0.1
    done
  fi
  # Reap it if it is our child so no zombie is left; harmless otherwise.
  wait "${pid}" 2>/dev/null || true
  ! pid_alive "${pid}"
}

# True when something listens on 127.0.0.1:PORT (or on any address at PORT).
port_in_use() {
  [[ -n "$(ss -Htln "sport = :$1" 2>/dev/null)" ]]
}
