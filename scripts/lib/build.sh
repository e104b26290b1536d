# shellcheck shell=bash
# shellcheck source-path=SCRIPTDIR
# build_project: configure once, then build incrementally with Ninja.
# ccache is picked up by the top-level CMakeLists.txt.
source "$(dirname -- "${BASH_SOURCE[0]}")/common.sh"

build_project() {
  local root
  root="$(project_root)"
  # Configure only once: re-running cmake on every call would discard nothing
  # but costs seconds; the Ninja build re-runs cmake itself when CMakeLists change.
  # build.ninja (not CMakeCache.txt) marks success: a failed configure leaves a cache.
  if [[ ! -f "${root}/build/build.ninja" ]]; then
    log "configuring ${root}/build"
    cmake -S "${root}" -B "${root}/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >&2
  fi
  log "building with $(nproc) jobs"
  cmake --build "${root}/build" -j"$(nproc)" >&2
}
