#!/usr/bin/env bash
# Makes (or renews) a development CA and huiwu's certificates in a folder, and the booking
# service's sign-in keys (sign-in-keys.txt, made once):
#   scripts/make_certs.sh [DIR [NAME=ROLE/NAME ...]]
# DIR defaults to deploy/certs (what docker-compose.yml mounts); each NAME=ROLE/NAME also
# issues DIR/NAME.pem and .key for spiffe://huiwu/ROLE/NAME, e.g. a new organizer unit's
# system: scripts/make_certs.sh deploy/certs finance=organizer/u-004
# A production deployment uses certificates of the center's own CA instead, with the same
# file names and URI SANs (spiffe://huiwu/<role>/<name>; see README, Security).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname -- "${BASH_SOURCE[0]}")/lib/certs.sh"
dir="${1:-$(project_root)/deploy/certs}"
certs_ensure "${dir}"
for entry in "${@:2}"; do
  [[ "${entry}" == *=*/* ]] || die "expected NAME=ROLE/NAME (e.g. finance=organizer/u-004), got ${entry}"
  certs_issue "${dir}" "${entry%%=*}" "${entry#*=}"
done
# The booking service's sign-in keys (--sign_in_key_file), mounted with the certificates.
sign_in_keys_ensure "${dir}/sign-in-keys.txt"
# Container users are not the files' owner; the keys stay out of git (deploy/certs/.gitignore).
chmod 755 "${dir}"
chmod 644 "${dir}"/*.key "${dir}/sign-in-keys.txt"
log "certificates in ${dir}: $(cd -- "${dir}" && echo *.pem)"
