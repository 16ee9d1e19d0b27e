# shellcheck shell=bash
# .NET services of ControlPlane: build once, start in dependency order, stop by pid.

CP_ART="${CP_ARTIFACTS:-${CP_ROOT}/artifacts}"
SVC_READY_TIMEOUT="${CP_READY_TIMEOUT:-180}"
# Names of every service up may start, in start order (down stops them in reverse).
SVC_ALL_NAMES=(imagestore api scheduler1 scheduler2 xapisim1 xapisim2 xapisim3 xapisim4
    compute1 compute2 compute3 compute4)

# project_dir PROJECT: prints the directory holding PROJECT.csproj (empty when absent).
project_dir() {
    local csproj
    csproj="$(find "${CP_ROOT}" -path "${CP_ROOT}/artifacts" -prune -o -path "${CP_RUN}" -prune \
        -o -name "$1.csproj" -print -quit 2>/dev/null)"
    [[ -n "${csproj}" ]] && dirname "${csproj}"
    return 0
}

project_exists() { [[ -n "$(project_dir "$1")" ]]; }

project_dll() { printf '%s/bin/%s/release/%s.dll' "${CP_ART}" "$1" "$1"; }

# build_solution: one Release build of the solution; on failure shows the errors and fails.
build_solution() {
    local blog="${CP_LOGS}/build.log" t0
    t0="$(now_s)"
    log "build: dotnet build -c Release ControlPlane.sln (artifacts in ${CP_ART}, log ${blog})"
    if ! (cd "${CP_ROOT}" && CP_ARTIFACTS="${CP_ART}" dotnet build -c Release ControlPlane.sln \
        -nologo -clp:ErrorsOnly -v:q >"${blog}" 2>&1 9>&-); then
        log "BUILD FAILED; errors:"
        grep -E ' error [A-Z]+[0-9]+' "${blog}" | sed 's/^ *//' | sort -u | head -n 40 >&2 || log_tail "${blog}"
        return 1
    fi
    log "build: ok in $(( $(now_s) - t0 ))s"
}

SVC_PROJECTS=(ControlPlane.ImageStore ControlPlane.Api ControlPlane.Scheduler ControlPlane.Compute XapiSim)

# build_unlisted_projects: builds service projects present in the tree but not (yet) in the
# solution, so the stack runs while the solution catches up. Failures are reported, not fatal.
build_unlisted_projects() {
    local project dir blog
    for project in "${SVC_PROJECTS[@]}"; do
        dir="$(project_dir "${project}")"
        [[ -n "${dir}" ]] || continue
        grep -q "${project}.csproj" "${CP_ROOT}/ControlPlane.sln" && continue
        blog="${CP_LOGS}/build-${project}.log"
        log "build: ${project} is not in ControlPlane.sln, building it alone"
        if ! (cd "${CP_ROOT}" && CP_ARTIFACTS="${CP_ART}" dotnet build -c Release "${dir}/${project}.csproj" \
            -nologo -clp:ErrorsOnly -v:q >"${blog}" 2>&1 9>&-); then
            log "BUILD FAILED for ${project} (log ${blog}):"
            grep -E ' error [A-Z]+[0-9]+' "${blog}" | sed 's/^ *//' | sort -u | head -n 20 >&2 || log_tail "${blog}"
        fi
    done
}

svc_ready() { curl -fsS -o /dev/null --max-time 2 "$1"; }

# svc_launch NAME PROJECT READY_URL ARGS...: starts one service in the background (no wait).
# Returns 1 when skipped (project absent or not built), 2 when its port is taken by a stranger.
svc_launch() {
    local name="$1" project="$2" ready="$3" dll
    shift 3
    dll="$(project_dll "${project}")"
    if ! project_exists "${project}"; then
        log "${name}: SKIPPED (project ${project} is not in the tree yet)"
        return 1
    fi
    if [[ ! -f "${dll}" ]]; then
        log "${name}: SKIPPED (${dll} not built: is ${project} in ControlPlane.sln?)"
        return 1
    fi
    if name_alive "${name}" && svc_ready "${ready}"; then
        log "${name}: already running (pid $(read_pid "${name}"))"
        return 0
    fi
    stop_pid "${name}" "$(read_pid "${name}")" 10
    local port="${ready#http://127.0.0.1:}"
    port="${port%%/*}"
    if port_open "${port}"; then
        log "${name}: port ${port} is in use by a process deploy/up did not start"
        return 2
    fi
    log "${name}: starting ${project} $*"
    (cd "${CP_ROOT}" && exec setsid dotnet "${dll}" "$@" \
        >>"${CP_LOGS}/${name}.log" 2>&1 </dev/null 9>&-) &
    write_pid "${name}" "$!"
}

# svc_await NAME READY_URL: waits for READY_URL; on timeout or exit prints the log tail and fails.
svc_await() {
    local name="$1" ready="$2" deadline pid
    pid="$(read_pid "${name}")"
    deadline=$(( $(now_s) + SVC_READY_TIMEOUT ))
    until svc_ready "${ready}"; do
        if ! pid_alive "${pid}"; then
            log "${name}: EXITED before ready"
            log_tail "${CP_LOGS}/${name}.log"
            return 1
        fi
        if (( $(now_s) >= deadline )); then
            log "${name}: not ready after ${SVC_READY_TIMEOUT}s (${ready})"
            log_tail "${CP_LOGS}/${name}.log"
            return 1
        fi
        sleep 0.3
    done
    log "${name}: ready (${ready})"
}

# svc_tier "NAME|PROJECT|READY_URL|ARGS..." ...: launches every member, then waits for all.
svc_tier() {
    local spec name project ready failed=0
    local -a args launched=() urls=()
    for spec in "$@"; do
        IFS='|' read -r -a args <<<"${spec}"
        name="${args[0]}" project="${args[1]}" ready="${args[2]}"
        local rc=0
        svc_launch "${name}" "${project}" "${ready}" "${args[@]:3}" || rc=$?
        case "${rc}" in
            0) launched+=("${name}") urls+=("${ready}") ;;
            1) ;;
            *) failed=1 ;;
        esac
    done
    local i
    for i in "${!launched[@]}"; do
        svc_await "${launched[i]}" "${urls[i]}" || failed=1
    done
    return "${failed}"
}

svc_stop_all() {
    local i name
    for (( i=${#SVC_ALL_NAMES[@]}-1; i>=0; i-- )); do
        name="${SVC_ALL_NAMES[i]}"
        stop_pid "${name}" "$(read_pid "${name}")" 20
        rm -f "$(pid_file "${name}")"
    done
}
