# shellcheck shell=bash
# Prometheus (Debian's) for the local run and the Prometheus test: a config that
# scrapes the services on loopback with the deployment's own alert rules
# (deploy/prometheus/rules/), written by one function so both use the same.
# Source it; it defines functions only.
# shellcheck source-path=SCRIPTDIR
source "$(dirname -- "${BASH_SOURCE[0]}")/common.sh"

[[ -n "${_HUIWU_PROMETHEUS_SH:-}" ]] && return 0
_HUIWU_PROMETHEUS_SH=1

# prometheus_local_config OUT RULES_DIR INTERVAL JOB=HOST:PORT...
# Writes to OUT a config that scrapes each JOB (booking, staffing, …: the job names the
# rules and dashboards use) at HOST:PORT every INTERVAL (e.g. 5s) and loads
# RULES_DIR/*.rules.yml. No Alertmanager: locally the alerts show on /alerts.
prometheus_local_config() {
  local out="$1" rules="$2" interval="$3" target job address
  shift 3
  [[ -d "${rules}" ]] || die "no rules folder ${rules}"
  [[ "${interval}" =~ ^[0-9]+(ms|s|m)$ ]] || die "bad scrape interval '${interval}' (e.g. 5s)"
  {
    printf '# Written by scripts/lib/prometheus.sh (prometheus_local_config).\n'
    printf 'global:\n  scrape_interval: %s\n  evaluation_interval: %s\n' "${interval}" "${interval}"
    printf 'rule_files:\n  - %s/*.rules.yml\n' "${rules}"
    printf 'scrape_configs:\n'
    for target in "$@"; do
      job="${target%%=*}"
      address="${target#*=}"
      [[ "${job}" =~ ^[a-z][a-z0-9_-]*$ && "${address}" =~ ^[0-9A-Za-z.:-]+:[0-9]+$ ]] ||
        die "bad target '${target}' (want job=host:port)"
      printf '  - job_name: %s\n    static_configs:\n      - targets: ["%s"]\n' \
        "${job}" "${address}"
    done
  } >"${out}"
}

# prometheus_start DIR PORT CONFIG: starts Prometheus on 127.0.0.1:PORT with its data
# in DIR/data and its log in DIR/prometheus.log, sets PROMETHEUS_PID (not printed: a
# command substitution would start it in a subshell) and waits until it is ready
# (/-/ready). Dies, with the log's tail, when it does not become ready.
PROMETHEUS_PID=""
prometheus_start() {
  local dir="$1" port="$2" config="$3" pid deadline
  command -v prometheus >/dev/null || die "prometheus is not installed (apt-get install prometheus)"
  mkdir -p -- "${dir}/data"
  prometheus --config.file="${config}" --storage.tsdb.path="${dir}/data" \
    --web.listen-address="127.0.0.1:${port}" --web.enable-lifecycle \
    >"${dir}/prometheus.log" 2>&1 &
  pid=$!
  # shellcheck disable=SC2034 # read by the caller
  PROMETHEUS_PID="${pid}"
  deadline=$((SECONDS + 30))
  until curl -fsS "http://127.0.0.1:${port}/-/ready" >/dev/null 2>&1; do
    if ! pid_alive "${pid}" || ((SECONDS >= deadline)); then
      tail -n 20 -- "${dir}/prometheus.log" >&2 || true
      stop_pid "${pid}" prometheus 5 || true
      die "Prometheus did not become ready on 127.0.0.1:${port} (log: ${dir}/prometheus.log)"
    fi
    sleep 0.2
  done
}
