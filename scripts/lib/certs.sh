# shellcheck shell=bash
# A development CA and huiwu's certificates with openssl (DESIGN §6, issue 11), for
# scripts/run.sh (.run/certs/) and the compose deployment (deploy/certs/, via
# scripts/make_certs.sh). Source it; it defines functions only.
#
# Each certificate names its caller by a URI SAN, spiffe://huiwu/<role>/<name>, which
# gRPC's authorization policy matches (deploy/authz/huiwu-policy.json). The services'
# certificates also name the hosts they are dialled by (localhost, 127.0.0.1, their
# compose name), since they serve as well as call. Short-lived: the CA 90 days, the
# others 30; a run renews what expires within a day (idempotent otherwise).

[[ -n "${_HUIWU_CERTS_SH:-}" ]] && return 0
_HUIWU_CERTS_SH=1
# shellcheck source-path=SCRIPTDIR
source "$(dirname -- "${BASH_SOURCE[0]}")/common.sh"

CERTS_CA_DAYS=90
CERTS_DAYS=30

# The certificates a local run uses: the four services, and the people's systems the
# README's examples call with (an admin for huiwuctl's seeding, an operator, the dispatch
# hub and one organizer unit).
CERTS_IDENTITIES=(
  booking=service/booking staffing=service/staffing inventory=service/inventory
  safety=service/safety admin=admin/local operator=operator/local dispatch=dispatch/hub
  organizer=organizer/u-001
)

# True when FILE is a certificate that is still valid a day from now.
_certs_fresh() {
  [[ -f "$1" ]] && openssl x509 -in "$1" -noout -checkend 86400 >/dev/null 2>&1
}

# certs_issue DIR NAME ROLE_PATH: DIR/NAME.pem and DIR/NAME.key, signed by DIR/ca.pem.
certs_issue() {
  local dir="$1" name="$2" role="$3" san
  san="URI:spiffe://huiwu/${role}"
  if [[ "${role}" == service/* ]]; then
    san+=",DNS:${name},DNS:localhost,IP:127.0.0.1"
  fi
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "${dir}/${name}.key" \
    -out "${dir}/${name}.csr" -subj "/CN=${name}" >/dev/null 2>&1 || die "openssl: cannot make ${name}'s key"
  printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth,clientAuth\n' "${san}" >"${dir}/${name}.ext"
  openssl x509 -req -in "${dir}/${name}.csr" -CA "${dir}/ca.pem" -CAkey "${dir}/ca.key" \
    -CAcreateserial -days "${CERTS_DAYS}" -extfile "${dir}/${name}.ext" \
    -out "${dir}/${name}.pem" >/dev/null 2>&1 || die "openssl: cannot sign ${name}'s certificate"
  rm -f -- "${dir}/${name}.csr" "${dir}/${name}.ext"
  chmod 600 "${dir}/${name}.key"
}

# certs_ensure DIR: the CA and every identity above in DIR, made or renewed as needed.
certs_ensure() {
  local dir="$1" entry name renewed=0
  command -v openssl >/dev/null || die "openssl is not installed (apt-get install openssl)"
  mkdir -p -- "${dir}"
  chmod 700 "${dir}"
  if ! _certs_fresh "${dir}/ca.pem" || [[ ! -f "${dir}/ca.key" ]]; then
    log "making a development CA in ${dir}"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
      -keyout "${dir}/ca.key" -out "${dir}/ca.pem" -days "${CERTS_CA_DAYS}" \
      -subj "/CN=huiwu development CA" >/dev/null 2>&1 || die "openssl: cannot make the CA"
    chmod 600 "${dir}/ca.key"
    renewed=1
  fi
  for entry in "${CERTS_IDENTITIES[@]}"; do
    name="${entry%%=*}"
    # A certificate of an identity the list no longer names (e.g. the organizer's, once
    # organizer/unit-001, now bound as organizer/u-001) is issued again.
    if ((renewed)) || ! _certs_fresh "${dir}/${name}.pem" || [[ ! -f "${dir}/${name}.key" ]] ||
      ! openssl x509 -in "${dir}/${name}.pem" -noout -ext subjectAltName 2>/dev/null |
      grep -qF "URI:spiffe://huiwu/${entry#*=}"; then
      certs_issue "${dir}" "${name}" "${entry#*=}"
    fi
  done
  # Readable by the services in a container, which do not run as the files' owner.
  chmod 644 "${dir}"/*.pem
}

# sign_in_keys_ensure FILE: the booking service's sign-in keys (扫码签到,
# --sign_in_key_file; README, "Sign-in codes"): one random 256-bit key "k1", in effect
# from 2000 on. Made once; an existing file is kept, since replacing its key would refuse
# the codes on the door screens for a minute (rotate by adding a key on top instead).
sign_in_keys_ensure() {
  local file="$1" secret
  [[ -s "${file}" ]] && return 0
  command -v openssl >/dev/null || die "openssl is not installed (apt-get install openssl)"
  mkdir -p -- "$(dirname -- "${file}")"
  secret="$(openssl rand -hex 32)" || die "openssl: cannot make a sign-in key"
  (
    umask 077
    printf '%s\n' "# huiwu booking sign-in keys, newest first: <key id> <not before> <secret (hex)>" \
      "k1 2000-01-01T00:00:00Z ${secret}" >"${file}.tmp"
  )
  mv -f -- "${file}.tmp" "${file}"
  log "made a sign-in key in ${file}"
}
