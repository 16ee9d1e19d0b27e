# shellcheck shell=bash
# Shared helpers for the deploy scripts: paths, logging, pid files, port probes, locking.

CP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CP_RUN="${CP_ROOT}/.run"
CP_PIDS="${CP_RUN}/pids"
CP_LOGS="${CP_RUN}/logs"
export CP_ROOT CP_RUN CP_PIDS CP_LOGS

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
warn() { log "WARNING: $*"; }
die() { log "ERROR: $*"; exit 1; }

# now_s: seconds since epoch (integer).
now_s() { date +%s; }

ensure_run_dirs() {
    mkdir -p "${CP_RUN}" "${CP_PIDS}" "${CP_LOGS}"
    chmod 755 "${CP_RUN}"
}

# Children started in the background must not inherit the lock descriptor (fd 9), or
# the lock would live as long as the servers: spawn them with 9>&-.
# Serialise up/down between concurrent callers (several engineers share .run/).
take_lock() {
    ensure_run_dirs
    exec 9>"${CP_RUN}/.lock"
    if ! flock -w 600 9; then
        die "another deploy script holds ${CP_RUN}/.lock for more than 10 min"
    fi
}

release_lock() { flock -u 9 2>/dev/null || true; }

pid_file() { printf '%s/%s.pid' "${CP_PIDS}" "$1"; }

# read_pid NAME: prints the recorded pid (empty when none).
read_pid() {
    local f
    f="$(pid_file "$1")"
    [[ -s "${f}" ]] && head -n1 "${f}" | tr -dc '0-9'
    return 0
}

write_pid() { printf '%s\n' "$2" >"$(pid_file "$1")"; }

# pid_alive PID: true when PID exists and is not a zombie awaiting its reaper.
pid_alive() {
    [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null || return 1
    local stat
    stat="$(cat "/proc/$1/stat" 2>/dev/null || true)"
    # Field 3, after the ")" closing the command name, is the state (Z = zombie).
    stat="${stat##*) }"
    [[ -n "${stat}" && "${stat:0:1}" != Z ]]
}

name_alive() { pid_alive "$(read_pid "$1")"; }

# port_open PORT: true when something accepts TCP connections on 127.0.0.1:PORT.
port_open() {
    timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

# wait_until TIMEOUT_S DESCRIPTION CMD...: polls CMD every 0.2 s until it succeeds.
wait_until() {
    local timeout="$1" what="$2" deadline
    shift 2
    deadline=$(( $(now_s) + timeout ))
    until "$@"; do
        if (( $(now_s) >= deadline )); then
            warn "timed out after ${timeout}s waiting for ${what}"
            return 1
        fi
        sleep 0.2
    done
}

pid_gone() { ! pid_alive "$1"; }

# stop_pid NAME PID [TIMEOUT_S]: SIGTERM, wait, then SIGKILL.
stop_pid() {
    local name="$1" pid="$2" timeout="${3:-30}"
    pid_alive "${pid}" || return 0
    log "stopping ${name} (pid ${pid})"
    kill -TERM "${pid}" 2>/dev/null || true
    if ! wait_until "${timeout}" "${name} to exit" pid_gone "${pid}"; then
        warn "${name} (pid ${pid}) ignored SIGTERM, sending SIGKILL"
        kill -KILL "${pid}" 2>/dev/null || true
        wait_until 5 "${name} to die" pid_gone "${pid}" || true
    fi
}

# log_tail FILE: prints the end of a log to stderr, for failure reports.
log_tail() {
    [[ -f "$1" ]] || return 0
    printf -- '----- last lines of %s -----\n' "$1" >&2
    tail -n 40 "$1" >&2
    printf -- '-----\n' >&2
}
