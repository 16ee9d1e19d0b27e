# shellcheck shell=bash
# .NET services of ControlPlane: build once, start in dependency order, stop by pid.

CP_ART="${CP_ARTIFACTS:-${CP_ROOT}/artifacts}"
SVC_READY_TIMEOUT="${CP_READY_TIMEOUT:-180}"
# Pid-file names of the infrastructure (stopped by infra_down, not here).
SVC_INFRA_NAMES=" postgres rabbitmq epmd redis "

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
        log "BUILD FAILED (ControlPlane.sln); errors:"
        show_build_errors "${blog}" 40
        return 1
    fi
    log "build: ok in $(( $(now_s) - t0 ))s"
}

SVC_PROJECTS=(ControlPlane.ImageStore ControlPlane.ConsoleAuth ControlPlane.ConsoleProxy ControlPlane.Api ControlPlane.Scheduler ControlPlane.Compute XapiSim)
# Service projects whose own build failed in this run: never started from a stale dll.
BUILD_FAILED=" "

# build_service_projects SLN_OK: builds each service project alone when the solution build
# failed (to start what still builds) or did not produce its dll (project added meanwhile).
build_service_projects() {
    local sln_ok="$1" project dir blog
    for project in "${SVC_PROJECTS[@]}"; do
        dir="$(project_dir "${project}")"
        [[ -n "${dir}" ]] || continue
        [[ "${sln_ok}" == 1 && -f "$(project_dll "${project}")" ]] && continue
        blog="${CP_LOGS}/build-${project}.log"
        log "build: ${project} alone (log ${blog})"
        if ! (cd "${CP_ROOT}" && CP_ARTIFACTS="${CP_ART}" dotnet build -c Release "${dir}/${project}.csproj" \
            -nologo -clp:ErrorsOnly -v:q >"${blog}" 2>&1 9>&-); then
            BUILD_FAILED+="${project} "
            log "BUILD FAILED for ${project}: it will not be started. Errors:"
            show_build_errors "${blog}" 20
        fi
    done
}

show_build_errors() {
    if ! grep -E ' error [A-Z]+[0-9]+' "$1" | sed 's/^ *//' | sort -u | head -n "$2" >&2; then
        log_tail "$1"
    fi
}

svc_ready() { curl -fs -o /dev/null --max-time 2 "$1"; }

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
    if [[ "${BUILD_FAILED}" == *" ${project} "* ]]; then
        log "${name}: SKIPPED (${project} does not build)"
        return 1
    fi
    if [[ ! -f "${dll}" ]]; then
        log "${name}: SKIPPED (${dll} not built; run without --no-build)"
        return 1
    fi
    # A running instance is kept only if it was started with the same arguments (e.g. driver).
    local args_file="${CP_PIDS}/${name}.args"
    if name_alive "${name}" && svc_ready "${ready}" && [[ "$(cat "${args_file}" 2>/dev/null)" == "$*" ]]; then
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
    printf '%s' "$*" >"${args_file}"
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

# svc_recorded: prints the recorded service names in stop order (reverse of start order):
# computes, simulators, schedulers, api, console proxy, consoleauth, imagestore, then anything else recorded.
svc_recorded() {
    local f name
    local -a all=()
    for f in "${CP_PIDS}"/*.pid; do
        [[ -e "${f}" ]] || continue
        name="$(basename "${f}" .pid)"
        [[ "${SVC_INFRA_NAMES}" == *" ${name} "* ]] || all+=("${name}")
    done
    (( ${#all[@]} > 0 )) || return 0
    printf '%s\n' "${all[@]}" | awk '
        /^compute/ { print 1, $0; next }
        /^xapisim/ { print 2, $0; next }
        /^scheduler/ { print 3, $0; next }
        /^api$/ { print 4, $0; next }
        /^consoleproxy$/ { print 5, $0; next }
        /^consoleauth/ { print 6, $0; next }
        /^imagestore$/ { print 7, $0; next }
        { print 0, $0 }' | sort -k1,1n -k2,2V | cut -d' ' -f2
}

svc_stop_all() {
    local name
    while read -r name; do
        stop_pid "${name}" "$(read_pid "${name}")" 20
        rm -f "$(pid_file "${name}")" "${CP_PIDS}/${name}.args"
    done < <(svc_recorded)
}
