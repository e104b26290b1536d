# shellcheck shell=bash
# shellcheck source-path=SCRIPTDIR
# ensure_deps: install what the build, the tests and the local run need.
# Idempotent and quick when everything is there: apt and npm run only when
# something is missing. Can also be run directly: bash scripts/lib/deps.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/common.sh"

HUIWU_APT_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler libabsl-dev
  libmysqlcppconn-dev prometheus-cpp-dev
  mariadb-server mariadb-client galera-4 mariadb-backup socat
  prometheus docker-compose
  # amtool checks deploy/alertmanager/; the exporter's wsrep metric names feed the Galera
  # alerts (deploy/prometheus/rules/).
  prometheus-alertmanager prometheus-mysqld-exporter
  golang-github-gogo-googleapis-dev grpc-proto
  libgtest-dev libgmock-dev clang-format
  # The printed daily notice is checked as a document (tests/booking/
  # daily_notice_print_test.cc): headless Chromium prints it, poppler-utils reads the
  # PDF, a small CJK font renders the Chinese (~110 MB download, ~2 min).
  chromium poppler-utils fonts-wqy-zenhei
  # The calendar feed (tests/booking/calendar_feed_test.cc) is parsed by a real
  # iCalendar parser, Debian's python3-icalendar, run by /usr/bin/python3.
  python3-icalendar
  tzdata ca-certificates curl iproute2 procps
  # mTLS: the openssl command makes the local run's and the tests' certificates;
  # libcrypto hashes request bodies for request_id reuse.
  openssl libssl-dev
  # The container test (tests/container/): rootful podman with runc (crun refuses hosts
  # with hybrid cgroups), netavark/aardvark-dns for service names, podman-compose, and
  # debootstrap for the base image (no registry is reachable). python3-yaml for the
  # compose lint (docker-compose depends on it too).
  podman runc netavark aardvark-dns iptables catatonit uidmap slirp4netns
  podman-compose debootstrap python3-yaml
)

# "hold ok installed" counts as installed too; anything else (absent,
# config-files only, half-installed) needs an install.
_deb_installed() {
  local status
  status="$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" || return 1
  [[ "${status}" == *" ok installed" ]]
}

# A newer Node from elsewhere (e.g. nodesource, which bundles npm) conflicts
# with Debian's npm package, so only ask apt for Node when no usable one exists.
_node_usable() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || return 1
  node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 18 ? 0 : 1)' \
    2>/dev/null
}

_ensure_apt_packages() {
  local wanted=("${HUIWU_APT_PACKAGES[@]}") missing=() pkg
  _node_usable || wanted+=(nodejs npm)
  for pkg in "${wanted[@]}"; do
    _deb_installed "${pkg}" || missing+=("${pkg}")
  done
  if ((${#missing[@]} == 0)); then
    return 0
  fi
  log "installing Debian packages: ${missing[*]}"
  as_root apt-get update
  # env, not a variable prefix: sudo would drop a prefixed variable.
  as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}"
}

# The npm tools (buf; @grpc/grpc-js for the interoperability test) are pinned in
# tools/node/package.json; the lock file is committed so that every machine gets the
# same tree (npm ci). Without a lock, npm install makes one.
_ensure_node_tools() {
  local dir
  dir="$(project_root)/tools/node"
  [[ -x "${dir}/node_modules/.bin/buf" && -d "${dir}/node_modules/@grpc/grpc-js" ]] && return 0
  [[ -f "${dir}/package.json" ]] || die "missing ${dir}/package.json"
  log "installing pinned npm tools into ${dir}"
  if [[ -f "${dir}/package-lock.json" ]]; then
    (cd -- "${dir}" && npm ci --no-audit --no-fund) >&2
  else
    (cd -- "${dir}" && npm install --no-audit --no-fund) >&2
  fi
  [[ -x "${dir}/node_modules/.bin/buf" ]] || die "npm did not install buf in ${dir}"
}

ensure_deps() {
  _ensure_apt_packages
  _ensure_node_tools
}

# Run directly (not sourced): do the work.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  ensure_deps "$@"
fi
