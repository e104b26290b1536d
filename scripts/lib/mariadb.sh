# shellcheck shell=bash
# shellcheck source-path=SCRIPTDIR
# A private MariaDB server in a folder of its own, on loopback only.
#   DIR/data         datadir (kept: starting again on the same DIR reuses it)
#   DIR/mysqld.sock  socket for the admin account (unix_socket auth, no password)
#   DIR/mysqld.pid   PID file, DIR/mysqld.err error log, DIR/port last port used
# --no-defaults everywhere: otherwise /etc/mysql/my.cnf points at /var/lib/mysql.
source "$(dirname -- "${BASH_SOURCE[0]}")/common.sh"

HUIWU_MYSQL_PASSWORD="${HUIWU_MYSQL_PASSWORD:-huiwu-local}"

# mariadbd refuses to run as root without --user=root; a normal user runs it as
# itself (--user only works for root). mariadb-install-db gives this OS account
# a unix_socket admin account of the same name, which is how we log in as admin.
_mariadb_os_user() {
  if [[ "${EUID}" -eq 0 ]]; then
    echo root
  else
    id -un
  fi
}

# The socket path must stay below ~107 bytes, and mariadbd wants absolute paths.
_mariadb_abs_dir() {
  mkdir -p -- "$1"
  (cd -- "$1" && pwd -P)
}

_mariadb_admin() {
  local dir="$1"
  shift
  mariadb-admin --no-defaults --socket="${dir}/mysqld.sock" -u"$(_mariadb_os_user)" "$@"
}

_mariadb_sql() {
  local dir="$1"
  shift
  mariadb --no-defaults --socket="${dir}/mysqld.sock" -u"$(_mariadb_os_user)" "$@"
}

# mariadb_running DIR: true when the PID file names a live mariadbd. Checking the
# process name guards against a stale PID file whose number was reused.
mariadb_running() {
  local dir="$1" pid
  [[ -f "${dir}/mysqld.pid" ]] || return 1
  pid="$(<"${dir}/mysqld.pid")"
  pid_alive "${pid}" && [[ "$(pid_comm "${pid}")" == mariadbd ]]
}

# Install into a side folder and rename, so an interrupted install never leaves
# a half-made DIR/data that a later start would try to use.
_mariadb_install() {
  local dir="$1" tmp="$1/data.installing"
  rm -rf -- "${tmp}"
  log "initialising MariaDB data in ${dir}/data"
  # --tmpdir: the bootstrap server's temporary tables stay in this folder; in the
  # shared /tmp, two installs at once (parallel tests) have removed each other's.
  if ! mariadb-install-db --no-defaults --user="$(_mariadb_os_user)" --datadir="${tmp}" \
    --tmpdir="${dir}" --skip-test-db --auth-root-authentication-method=socket \
    >"${dir}/install.log" 2>&1; then
    tail -n 30 -- "${dir}/install.log" >&2 || true
    die "mariadb-install-db failed (log: ${dir}/install.log)"
  fi
  rm -rf -- "${dir}/data"
  mv -- "${tmp}" "${dir}/data"
}

# Waits up to 30 s for the server to answer on its socket; fails early if it died.
_mariadb_wait_ready() {
  local dir="$1" pid="$2" deadline=$((SECONDS + 30))
  until _mariadb_admin "${dir}" --connect-timeout=1 ping >/dev/null 2>&1; do
    if ! pid_alive "${pid}" || ((SECONDS >= deadline)); then
      log "MariaDB in ${dir} did not come up; last lines of ${dir}/mysqld.err:"
      tail -n 30 -- "${dir}/mysqld.err" >&2 || true
      pid_alive "${pid}" && stop_pid "${pid}" mariadbd 10
      die "MariaDB failed to start in ${dir}"
    fi
    sleep 0.1
  done
}

# Quote a value as an SQL string literal (backslash and quote escaped).
_sql_quote() {
  local s="$1"
  s="${s//\\/\\\\}"
  s="${s//\'/\\\'}"
  printf "'%s'" "${s}"
}

# The application account for TCP clients. ALTER keeps the password in step with
# HUIWU_MYSQL_PASSWORD when an old DIR is reused. SQL goes on stdin, not argv,
# so the password does not show in ps.
_mariadb_ensure_app_user() {
  local dir="$1" pw
  pw="$(_sql_quote "${HUIWU_MYSQL_PASSWORD}")"
  _mariadb_sql "${dir}" <<SQL
CREATE USER IF NOT EXISTS 'huiwu'@'127.0.0.1' IDENTIFIED BY ${pw};
ALTER USER 'huiwu'@'127.0.0.1' IDENTIFIED BY ${pw};
GRANT ALL PRIVILEGES ON *.* TO 'huiwu'@'127.0.0.1' WITH GRANT OPTION;
SQL
}

# mariadb_start DIR PORT: start (or reuse) the server of DIR on 127.0.0.1:PORT.
# A server already running in DIR on the same port is reused as is.
mariadb_start() {
  local dir port pid running_port
  [[ $# -eq 2 ]] || die "usage: mariadb_start DIR PORT"
  dir="$(_mariadb_abs_dir "$1")"
  port="$2"
  [[ "${port}" =~ ^[0-9]+$ ]] || die "invalid port: ${port}"

  if mariadb_running "${dir}"; then
    running_port="$(_mariadb_sql "${dir}" -N -B -e 'SELECT @@port')" ||
      die "a mariadbd runs in ${dir} but does not answer; stop it: scripts/mariadb.sh stop ${dir}"
    [[ "${running_port}" == "${port}" ]] ||
      die "MariaDB in ${dir} already runs on port ${running_port}, not ${port}"
    log "reusing MariaDB already running in ${dir} (pid $(<"${dir}/mysqld.pid"), port ${port})"
    _mariadb_ensure_app_user "${dir}"
    return 0
  fi
  if port_in_use "${port}"; then
    die "port ${port} is already in use (see: ss -ltnp 'sport = :${port}'); stop what listens there or choose another port"
  fi

  if [[ ! -d "${dir}/data" ]] || [[ -z "$(ls -A -- "${dir}/data")" ]]; then
    _mariadb_install "${dir}"
  fi
  rm -f -- "${dir}/mysqld.pid" "${dir}/mysqld.sock"

  log "starting MariaDB on 127.0.0.1:${port} (data: ${dir}/data)"
  # stdin/stdout/stderr detached: a caller that reads our stdout to EOF (the
  # C++ tests' popen) must not wait for the server's lifetime.
  mariadbd --no-defaults --user="$(_mariadb_os_user)" --datadir="${dir}/data" \
    --port="${port}" --bind-address=127.0.0.1 --socket="${dir}/mysqld.sock" \
    --pid-file="${dir}/mysqld.pid" --log-error="${dir}/mysqld.err" --tmpdir="${dir}" \
    --skip-name-resolve --character-set-server=utf8mb4 \
    --collation-server=utf8mb4_unicode_ci --innodb-flush-log-at-trx-commit=1 \
    --max-connections=500 --innodb-buffer-pool-size=256M \
    </dev/null >>"${dir}/mysqld.out" 2>&1 &
  pid=$!
  # mariadbd writes the same PID itself once started; writing it now lets a
  # stop (or a trap) find the process during start-up too.
  echo "${pid}" >"${dir}/mysqld.pid"
  echo "${port}" >"${dir}/port"

  _mariadb_wait_ready "${dir}" "${pid}"
  _mariadb_ensure_app_user "${dir}"
  log "MariaDB ready on 127.0.0.1:${port} (pid ${pid})"
}

# mariadb_stop DIR: clean shutdown (SIGTERM), SIGKILL after 30 s. Not running is fine.
mariadb_stop() {
  local dir="$1" pid
  [[ -d "${dir}" ]] || return 0
  if ! mariadb_running "${dir}"; then
    rm -f -- "${dir}/mysqld.pid"
    return 0
  fi
  pid="$(<"${dir}/mysqld.pid")"
  log "stopping MariaDB in ${dir} (pid ${pid})"
  stop_pid "${pid}" mariadbd 30 || die "could not stop mariadbd (pid ${pid})"
  rm -f -- "${dir}/mysqld.pid"
}

# free_port: a loopback TCP port nobody listens on now. Random, not sequential,
# so that parallel callers rarely pick the same one. Below the kernel's ephemeral
# range when there is room (20000-32767 on Linux's defaults): every outgoing
# connection of a busy test run takes its local port from that range, and one of
# them once took a port picked for a test MariaDB before the server could bind it.
free_port() {
  local p i low=20000 high=60999 ephemeral_low=""
  read -r ephemeral_low _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || true
  if [[ "${ephemeral_low}" =~ ^[0-9]+$ ]] && ((ephemeral_low - low > 2000)); then
    high=$((ephemeral_low - 1))
  fi
  for ((i = 0; i < 200; i++)); do
    p=$((((RANDOM << 15) | RANDOM) % (high - low + 1) + low))
    if ! port_in_use "${p}"; then
      echo "${p}"
      return 0
    fi
  done
  die "no free TCP port found in ${low}-${high}"
}
