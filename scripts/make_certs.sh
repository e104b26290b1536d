#!/usr/bin/env bash
# Makes (or renews) a development CA and huiwu's certificates in a folder, and the booking
# service's sign-in keys (sign-in-keys.txt, made once):
#   scripts/make_certs.sh [DIR]        default deploy/certs (what docker-compose.yml mounts)
# A production deployment uses certificates of the center's own CA instead, with the same
# file names and URI SANs (spiffe://huiwu/<role>/<name>; see README, Security).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname -- "${BASH_SOURCE[0]}")/lib/certs.sh"
dir="${1:-$(project_root)/deploy/certs}"
certs_ensure "${dir}"
# The booking service's sign-in keys (--sign_in_key_file), mounted with the certificates.
sign_in_keys_ensure "${dir}/sign-in-keys.txt"
# Container users are not the files' owner; the keys stay out of git (deploy/certs/.gitignore).
chmod 755 "${dir}"
chmod 644 "${dir}"/*.key "${dir}/sign-in-keys.txt"
log "certificates in ${dir}: $(cd -- "${dir}" && echo *.pem)"
