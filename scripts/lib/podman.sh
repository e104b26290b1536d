# shellcheck shell=bash
# shellcheck source-path=SCRIPTDIR
# Rootful podman for the compose deployment (the container test; an admin's podman host).
# No image registry is reachable from our machines, so the one base image the
# Dockerfiles use, debian:bookworm-slim, is made here with debootstrap from the Debian
# mirror apt already uses, and every build runs with --pull=never.
source "$(dirname -- "${BASH_SOURCE[0]}")/common.sh"

HUIWU_BASE_IMAGE="docker.io/library/debian:bookworm-slim"

# podman_use_config: the repository's containers.conf (runc, ulimits, netavark) unless
# the caller chose one.
podman_use_config() {
  if [[ -z "${CONTAINERS_CONF:-}" ]]; then
    export CONTAINERS_CONF
    CONTAINERS_CONF="$(project_root)/deploy/podman/containers.conf"
  fi
}

# The URI and the security URI of the Debian mirror apt uses here, one per line (the
# second may be empty), from the deb822 .sources files or the one-line sources.list.
_debian_mirrors() {
  local main="" security="" file uris suites line
  shopt -s nullglob
  for file in /etc/apt/sources.list.d/*.sources; do
    uris="" suites=""
    while IFS= read -r line || [[ -n "${line}" ]]; do
      case "${line}" in
        URIs:*) uris="${line#URIs:}" ;;
        Suites:*) suites="${line#Suites:}" ;;
        "")
          _debian_mirror_pick "${uris}" "${suites}"
          uris="" suites=""
          ;;
      esac
    done <"${file}"
    _debian_mirror_pick "${uris}" "${suites}"
  done
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -r "${file}" ]] || continue
    while read -r -a line; do
      [[ "${line[0]:-}" == deb ]] || continue
      # "deb [options] URI SUITE COMPONENTS..."
      [[ "${line[1]}" == \[* ]] && line=("${line[0]}" "${line[@]:2}")
      _debian_mirror_pick "${line[1]:-}" "${line[2]:-}"
    done <"${file}"
  done
  shopt -u nullglob
  [[ -n "${main}" ]] || return 1
  printf '%s\n%s\n' "${main}" "${security}"
}

# Helper of _debian_mirrors: remembers the first URI serving bookworm and the first
# serving bookworm-security (sets main / security of the caller).
_debian_mirror_pick() {
  local uri suite
  uri="$(awk '{print $1}' <<<"$1")"
  [[ -n "${uri}" ]] || return 0
  for suite in $2; do
    if [[ "${suite}" == bookworm && -z "${main}" ]]; then
      main="${uri}"
    elif [[ "${suite}" == bookworm-security && -z "${security}" ]]; then
      security="${uri}"
    fi
  done
}

# podman_base_image: makes debian:bookworm-slim once (debootstrap ~1–2 min); kept in
# podman's image store, so later calls return at once.
podman_base_image() {
  local mirrors mirror security dir rc=0
  podman_use_config
  if podman image exists "${HUIWU_BASE_IMAGE}"; then
    return 0
  fi
  command -v debootstrap >/dev/null || die "debootstrap is missing (install debootstrap)"
  mirrors="$(_debian_mirrors)" || die "no Debian bookworm mirror in /etc/apt/sources.list*"
  mirror="$(sed -n 1p <<<"${mirrors}")"
  security="$(sed -n 2p <<<"${mirrors}")"
  dir="$(mktemp -d -t huiwu-debootstrap.XXXXXX)"
  log "making ${HUIWU_BASE_IMAGE} with debootstrap from ${mirror} (log: ${dir}.log)"
  if ! as_root debootstrap --variant=minbase bookworm "${dir}/rootfs" "${mirror}" \
    >"${dir}.log" 2>&1; then
    tail -n 20 -- "${dir}.log" >&2 || true
    as_root rm -rf -- "${dir}"
    die "debootstrap failed (log: ${dir}.log)"
  fi
  # The same suites as the host (point releases and security fixes too), so that the
  # build stage gets the same compiler as the host and ccache's results apply.
  as_root rm -f -- "${dir}/rootfs/etc/apt/sources.list"
  {
    printf 'Types: deb\nURIs: %s\nSuites: bookworm bookworm-updates\nComponents: main\n' \
      "${mirror}"
    printf 'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n'
    if [[ -n "${security}" ]]; then
      printf '\nTypes: deb\nURIs: %s\nSuites: bookworm-security\nComponents: main\n' "${security}"
      printf 'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n'
    fi
  } | as_root tee "${dir}/rootfs/etc/apt/sources.list.d/debian.sources" >/dev/null
  # What debootstrap downloaded is installed now; the image need not carry it.
  as_root find "${dir}/rootfs/var/cache/apt/archives" -name '*.deb' -delete
  as_root rm -rf -- "${dir}/rootfs/var/lib/apt/lists/"*
  as_root tar -C "${dir}/rootfs" -c . |
    podman import --change 'CMD ["/bin/bash"]' - "${HUIWU_BASE_IMAGE}" >/dev/null || rc=$?
  as_root rm -rf -- "${dir}"
  ((rc == 0)) || die "podman import of the debootstrap tree failed"
  log "made ${HUIWU_BASE_IMAGE}"
}

# The compose images whose build reads only deploy/ files (not the C++ sources).
HUIWU_DEPLOY_ONLY_IMAGES=(galera mysqld-exporter prometheus alertmanager)

# podman_build_image TAG_OR_EMPTY LOG DOCKERFILE [ARGS…]: podman build of the repository
# root, --pull=never (no registry), --format docker (the OCI format drops HEALTHCHECK, and
# docker builds keep it). Checks the image ID file too: an interrupted podman build can
# exit 0. On failure shows the log's tail and returns 1.
podman_build_image() {
  local tag="$1" log_file="$2" dockerfile="$3" root iid
  shift 3
  root="$(project_root)"
  iid="${log_file%.log}.iid"
  rm -f -- "${iid}"
  if ! podman build --pull=never --format docker --iidfile "${iid}" "$@" \
    ${tag:+-t "${tag}"} -f "${root}/${dockerfile}" "${root}" >"${log_file}" 2>&1 ||
    [[ ! -s "${iid}" ]]; then
    tail -n 40 -- "${log_file}" >&2
    log "podman build of ${dockerfile} failed (log: ${log_file})"
    return 1
  fi
}

# podman_warm_images TAG LOG_DIR: fetches ahead what the compose images need from
# Debian, so that a later build of them is served by podman's layer cache: the base
# image, the deploy-only images whole (tagged huiwu/NAME:TAG), and the package stages of
# the services' image (build-deps, runtime-deps; its source stages need the compiled
# tree's ccache). Mostly downloads and unpacking: scripts/test.sh runs it while the host
# compiles. Two lanes at a time; returns non-zero when a build failed.
podman_warm_images() {
  local tag="$1" logs="$2" image rc=0 lane
  podman_use_config
  mkdir -p -- "${logs}"
  podman_base_image
  (
    podman_build_image "" "${logs}/build-deps.log" deploy/docker/huiwu/Dockerfile \
      --target build-deps &&
      podman_build_image "" "${logs}/runtime-deps.log" deploy/docker/huiwu/Dockerfile \
        --target runtime-deps
  ) &
  lane=$!
  for image in "${HUIWU_DEPLOY_ONLY_IMAGES[@]}"; do
    podman_build_image "huiwu/${image}:${tag}" "${logs}/${image}.log" \
      "deploy/docker/${image}/Dockerfile" || rc=1
  done
  wait "${lane}" || rc=1
  return "${rc}"
}
