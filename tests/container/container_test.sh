#!/usr/bin/env bash
# The container test (ctest label "container"): the compose deployment built and run as
# an admin would, with rootful podman and podman-compose.
#  1. the base image debian:bookworm-slim (debootstrap, once per machine);
#  2. the images of deploy/docker/ (the services' compile hits the host's ccache);
#  3. `podman-compose up -d` of the stack without Grafana, two booking replicas; waits
#     for every healthcheck;
#  4. books a meeting through booking replica 1 and reads it through replica 2, on two
#     different Galera nodes;
#  5. stops the third Galera node, books again, reads again;
#  6. `down` and `up` of the whole stack: both meetings are still there.
# Always removes its containers, volumes, network and folder, also on failure. Each
# phase prints how long it took. Needs root (rootful podman).
set -euo pipefail
here="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
root="$(cd -- "${here}/../.." && pwd -P)"
# shellcheck source=../../scripts/lib/podman.sh
source "${root}/scripts/lib/podman.sh"
# shellcheck source=../../scripts/lib/mariadb.sh
source "${root}/scripts/lib/mariadb.sh" # free_port

project="huiwuct$$"
tag="ctest"
work=""
started=${SECONDS}
phase_started=${SECONDS}
stack_up=0

phase() {
  log "container test: $1 done in $((SECONDS - phase_started)) s (total $((SECONDS - started)) s)"
  phase_started=${SECONDS}
}

compose() {
  (cd -- "${work}" && podman-compose -p "${project}" "$@") >>"${work}/compose.log" 2>&1
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  # An image build still running in the background (interrupted during phase 2).
  if [[ -n "${service_build:-}" ]] && kill -0 "${service_build}" 2>/dev/null; then
    pkill -TERM -P "${service_build}" 2>/dev/null || true
    kill -TERM "${service_build}" 2>/dev/null || true
  fi
  if ((rc != 0)) && [[ -n "${work}" ]] && ((stack_up)); then
    log "container test FAILED; the stack's containers and their last log lines:"
    podman ps -a --filter "label=io.podman.compose.project=${project}" \
      --format '{{.Names}} {{.Status}}' >&2 || true
    local name
    for name in $(podman ps -a --filter "label=io.podman.compose.project=${project}" \
      --format '{{.Names}}'); do
      log "--- ${name}"
      # A Galera node: its decisions and the cluster's view changes, which the last
      # lines alone rarely show.
      if [[ "${name}" == *_galera-* ]]; then
        podman logs "${name}" 2>&1 |
          grep -E 'galera-entrypoint|\[ERROR\]|WSREP: (SST|IST|State transfer|Shifting|Member|Quorum|Prim|Non-primary|Restored|.*view)' |
          tail -n 40 | cut -c1-300 >&2 || true
        log "--- ${name}, last lines"
      fi
      podman logs --tail 15 "${name}" 2>&1 | cut -c1-300 >&2 || true
    done
  fi
  if [[ -n "${work}" ]]; then
    log "removing the stack ${project} (containers, volumes, network)"
    # Nothing of it is kept: no need to wait for clean shutdowns.
    compose down -v -t 1 || true
    # podman-compose 1.0.3 leaves the network behind.
    podman network rm -f "${project}_default" >/dev/null 2>&1 || true
    rm -rf -- "${work}"
  fi
  exit "${rc}"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for tool in podman podman-compose node; do
  command -v "${tool}" >/dev/null || die "${tool} is missing (scripts/lib/deps.sh installs it)"
done
[[ -d "${root}/tools/node/node_modules/@grpc/grpc-js" ]] ||
  die "tools/node/node_modules is missing (scripts/lib/deps.sh installs it)"
podman_use_config

# --- 1. the base image
podman_base_image
phase "base image"

# --- 2. the images
# The services' image compiles with the host's ccache: same source path, base_dir and
# locale as the host build, so that its results are hits (see the Dockerfile).
# HUIWU_CONTAINER_SRC_DIR: the source path of the build that filled the cache, when it
# is not this checkout (e.g. this is a git worktree of it); CI builds both from one path.
ccache_dir="$(ccache -k cache_dir 2>/dev/null || true)"
build_args=(--build-arg "SRC_DIR=${HUIWU_CONTAINER_SRC_DIR:-${root}}")
if [[ -n "${ccache_dir}" ]]; then
  mkdir -p -- "${ccache_dir}"
  build_args+=(-v "${ccache_dir}:/ccache"
    --build-arg "CCACHE_BASEDIR=$(ccache -k base_dir 2>/dev/null || true)")
  if [[ "$(ccache -k hash_dir 2>/dev/null || true)" == false ]]; then
    build_args+=(--build-arg CCACHE_NOHASHDIR=1)
  fi
fi
for v in LANG LC_ALL LC_CTYPE LC_MESSAGES; do
  [[ -n "${!v:-}" ]] && build_args+=(--build-arg "${v}=${!v}")
done
logs="$(mktemp -d -t huiwu-container-build.XXXXXX)"
# build_image NAME DOCKERFILE [ARGS…]: huiwu/NAME:${tag}, its log in ${logs}/NAME.log.
build_image() {
  local name="$1" dockerfile="$2" t0=${SECONDS}
  shift 2
  podman_build_image "huiwu/${name}:${tag}" "${logs}/${name}.log" "${dockerfile}" "$@" ||
    return 1
  log "image huiwu/${name}:${tag} built in $((SECONDS - t0)) s"
}
# The services' image (CPU: preprocessing and linking) alongside the others (mostly apt
# downloads; cached when scripts/test.sh warmed them while the host compiled).
build_image service deploy/docker/huiwu/Dockerfile "${build_args[@]}" &
service_build=$!
for image in "${HUIWU_DEPLOY_ONLY_IMAGES[@]}"; do
  build_image "${image}" "deploy/docker/${image}/Dockerfile" ||
    { wait "${service_build}" || true; die "image build failed"; }
done
wait "${service_build}" || die "image build failed"
service_build=""
sed -n '/^ccache in this build:/,/^  Misses/p' "${logs}/service.log" >&2 || true
rm -rf -- "${logs}"
phase "image builds"

# --- 3. the stack
# A folder of its own with a copy of the compose file, the repository's deploy/ and an
# .env made from .env.example (podman-compose reads .env next to the compose file).
work="$(mktemp -d -t huiwu-container-test.XXXXXX)"
cp -- "${root}/docker-compose.yml" "${work}/"
ln -s -- "${root}/deploy" "${work}/deploy"
# The services' certificates, of a CA of this run (what deploy/certs/ holds in a deployment).
bash "${root}/scripts/make_certs.sh" "${work}/certs" 2>>"${work}/compose.log" ||
  die "scripts/make_certs.sh failed"
export HUIWU_CERTS_DIR="${work}/certs" # for client.mjs
secret() { head -c 18 /dev/urandom | base64 | tr -d '/+='; }
sed -e "s/^MARIADB_HUIWU_PASSWORD=.*/MARIADB_HUIWU_PASSWORD=$(secret)/" \
  -e "s/^MARIADB_EXPORTER_PASSWORD=.*/MARIADB_EXPORTER_PASSWORD=$(secret)/" \
  -e "s/^BOOKING_REPLICAS=.*/BOOKING_REPLICAS=2/" \
  -e "s/^PROMETHEUS_PORT=.*/PROMETHEUS_PORT=$(free_port)/" \
  -e "s/^ALERTMANAGER_PORT=.*/ALERTMANAGER_PORT=$(free_port)/" \
  -e "s/^HUIWU_IMAGE_TAG=.*/HUIWU_IMAGE_TAG=${tag}/" \
  -e "s|^HUIWU_CERTS_DIR=.*|HUIWU_CERTS_DIR=${work}/certs|" \
  "${root}/.env.example" >"${work}/.env"
# Every service but Grafana (its profile; podman-compose 1.0.3 knows no profiles).
services=(galera-1 galera-2 galera-3 migrate booking staffing inventory safety
  mysqld-exporter-1 mysqld-exporter-2 mysqld-exporter-3 prometheus alertmanager)

containers() {
  podman ps -a --filter "label=io.podman.compose.project=${project}" --format '{{.Names}}'
}

# Waits (bounded) until the migration job has exited 0 and every container with a
# healthcheck is healthy. Without systemd podman runs no healthcheck by itself, so the
# test runs each check (podman healthcheck run), as docker's engine would.
wait_healthy() {
  local deadline=$((SECONDS + $1)) name pending status
  while :; do
    pending=()
    for name in $(containers); do
      if [[ "${name}" == *_migrate_* ]]; then
        status="$(podman inspect -f '{{.State.Status}} {{.State.ExitCode}}' "${name}")"
        [[ "${status}" == "exited 0" ]] && continue
        [[ "${status}" == exited* ]] && die "the migration job failed: ${status}"
        pending+=("${name}")
      elif [[ "$(podman inspect -f '{{if .Config.Healthcheck}}yes{{end}}' "${name}")" == yes ]]; then
        podman healthcheck run "${name}" >/dev/null 2>&1 || pending+=("${name}")
      fi
    done
    ((${#pending[@]} == 0)) && return 0
    ((SECONDS < deadline)) || die "not healthy after $1 s: ${pending[*]}"
    sleep 3
  done
}

stack_up=1
# --no-build: the images are the ones just built; never a cold build by compose.
compose up -d --no-build "${services[@]}" || die "podman-compose up failed (log: ${work}/compose.log)"
wait_healthy 420
log "healthy: $(containers | tr '\n' ' ')"
phase "first start (Galera bootstrap, migrations, services)"

# --- 4. book through replica 1, read through replica 2, on different Galera nodes
ip_of() {
  podman inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$1"
}
node_of() {
  podman logs "$1" 2>&1 | sed -n 's/.*"event":"database_node_chosen","node":"\([^"]*\)".*/\1/p' |
    tail -n 1
}
client() {
  node "${here}/client.mjs" "$@"
}
booking1="${project}_booking_1"
booking2="${project}_booking_2"
# Replicas that started together may have chosen one node; the one with the higher
# address then moves to a node with no booking replica (its entrypoint, after ~30 s).
deadline=$((SECONDS + 180))
while :; do
  node1="$(node_of "${booking1}")"
  node2="$(node_of "${booking2}")"
  if [[ -n "${node1}" && -n "${node2}" && "${node1}" != "${node2}" ]] &&
    podman healthcheck run "${booking1}" >/dev/null 2>&1 &&
    podman healthcheck run "${booking2}" >/dev/null 2>&1; then
    break
  fi
  ((SECONDS < deadline)) ||
    die "the two booking replicas do not use two different Galera nodes (${node1:-?}, ${node2:-?})"
  sleep 3
done
log "booking replica 1 uses ${node1}, replica 2 uses ${node2}"
podman exec "${booking1}" huiwuctl --tls_ca_file=/etc/huiwu/certs/ca.pem \
  --tls_cert_file=/etc/huiwu/certs/admin.pem --tls_key_file=/etc/huiwu/certs/admin.key \
  --addr=127.0.0.1:50051 seed-catalog >/dev/null ||
  die "huiwuctl seed-catalog failed"
addr1="$(ip_of "${booking1}"):50051"
addr2="$(ip_of "${booking2}"):50051"
first="$(client create "${addr1}" "ct-${project}-1" 30 9)"
[[ "$(client confirm "${addr1}" "${first}")" == MEETING_STATE_CONFIRMED ]] ||
  die "meeting ${first} not confirmed"
read -r state _ <<<"$(client get "${addr2}" "${first}")"
[[ "${state}" == MEETING_STATE_CONFIRMED ]] ||
  die "replica 2 reads ${first} as ${state:-nothing}"
log "booked ${first} through replica 1 (${node1}), read it CONFIRMED through replica 2 (${node2})"
phase "book and read across replicas"

# --- 5. one Galera node stopped: the cluster of two takes the next booking
for stopped in galera-1 galera-2 galera-3; do
  [[ "${stopped}" != "${node1}" && "${stopped}" != "${node2}" ]] && break
done
# (stderr: podman without systemd complains about healthcheck timers it never made)
stop_started=${SECONDS}
podman stop -t 30 "${project}_${stopped}_1" >/dev/null 2>&1
log "stopped ${stopped} in $((SECONDS - stop_started)) s"
# A service that used the stopped node moves to another one (its entrypoint, ~20 s);
# until then booking's confirm may be refused (room clearance asks safety): retried.
second="$(client create "${addr1}" "ct-${project}-2" 31 14)"
deadline=$((SECONDS + 120))
until [[ "$(client confirm "${addr1}" "${second}" 2>/dev/null)" == MEETING_STATE_CONFIRMED ]]; do
  ((SECONDS < deadline)) || die "meeting ${second} not confirmed within 120 s of stopping ${stopped}"
  sleep 3
done
read -r state _ <<<"$(client get "${addr2}" "${second}")"
[[ "${state}" == MEETING_STATE_CONFIRMED ]] ||
  die "replica 2 reads ${second} as ${state:-nothing}"
size="$(podman exec "${project}_${node1}_1" mariadb -umysql -N -B -e \
  "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'WSREP_CLUSTER_SIZE'")"
[[ "${size}" == 2 ]] || die "cluster size ${size} after stopping ${stopped}, expected 2"
log "with ${stopped} stopped (cluster of ${size}): booked ${second}, read it through replica 2"
phase "book with one Galera node stopped"

# --- 6. down and up: the data is in the volumes, the cluster bootstraps from the node
# with the latest transaction (not the stopped one)
compose down -t 60 || die "podman-compose down failed"
phase "down"
compose up -d --no-build "${services[@]}" || die "podman-compose up (again) failed"
wait_healthy 420
addr1="$(ip_of "${booking1}"):50051"
addr2="$(ip_of "${booking2}"):50051"
for meeting in "${first}" "${second}"; do
  read -r state _ <<<"$(client get "${addr1}" "${meeting}")"
  [[ "${state}" == MEETING_STATE_CONFIRMED ]] ||
    die "after down/up replica 1 reads ${meeting} as ${state:-nothing}"
  read -r state _ <<<"$(client get "${addr2}" "${meeting}")"
  [[ "${state}" == MEETING_STATE_CONFIRMED ]] ||
    die "after down/up replica 2 reads ${meeting} as ${state:-nothing}"
done
log "after down and up: both meetings still there, CONFIRMED"
# How each node came back (a joiner names the node that bootstrapped as its donor).
for name in $(podman ps -a --filter "label=io.podman.compose.project=${project}" \
  --format '{{.Names}}' | grep -E '_galera-[0-9]+_'); do
  log "  ${name}: $(podman logs "${name}" 2>&1 | sed -n 's/.*galera-entrypoint\[[^]]*\]: decision: //p' |
    tail -n 1)"
done
phase "up again"
log "container test passed in $((SECONDS - started)) s"
