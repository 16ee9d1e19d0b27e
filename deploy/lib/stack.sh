# shellcheck shell=bash
# The ControlPlane service stack: which processes, with which ports and options.

# shellcheck source=deploy/lib/services.sh
source "${CP_ROOT}/deploy/lib/services.sh"

XAPISIM_USER=root
XAPISIM_PASSWORD=xapisim

# default_driver: xenapi once the simulator and the compute's XenAPI wiring are in the tree.
default_driver() {
    local compute_dir
    compute_dir="$(project_dir ControlPlane.Compute)"
    if project_exists XapiSim && [[ -n "${compute_dir}" ]] \
        && grep -Eqs 'ProjectReference[^>]*XenApi' "$(dirname "${compute_dir}")"/*/*.csproj; then
        printf 'xenapi'
    else
        printf 'fake'
    fi
}

# token_signing_key: a per-checkout random key for the api's tokens, kept in .run/secrets.
token_signing_key() {
    local f="${CP_RUN}/secrets/token-signing-key"
    if [[ ! -s "${f}" ]]; then
        install -d -m 700 "${CP_RUN}/secrets"
        (umask 077 && head -c 48 /dev/urandom | base64 -w0 >"${f}")
    fi
    cat "${f}"
}

# consoleauth_client_args REPLICAS: the "|--ConsoleAuthClient:Urls:N=..." arguments naming every replica.
consoleauth_client_args() {
    local i
    for (( i=1; i<=$1; i++ )); do
        printf '|--ConsoleAuthClient:Urls:%s=http://127.0.0.1:%s' "$((i - 1))" "$(consoleauth_grpc_port "${i}")"
    done
}

stack_up() {
    local hosts="$1" driver="$2" consoleauths="${3:-2}" i
    # Services read connection strings and the signing key from the environment.
    set -a
    # shellcheck source=/dev/null
    source "${CP_RUN}/env"
    set +a
    Identity__TokenSigningKey="$(token_signing_key)"
    export Identity__TokenSigningKey DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
    # Computes read image bits from imagestore as a service user: the seeded admin (env, not argv,
    # so the password stays out of ps).
    export Compute__ServiceUsername=admin Compute__ServicePassword="${CP_ADMIN_PASSWORD:-secret}"
    # The XenAPI driver's password, also through the environment (it would show in ps and the start log).
    export XenApi__Password="${XAPISIM_PASSWORD}"

    svc_tier "imagestore|ControlPlane.ImageStore|http://127.0.0.1:9292/readyz|--urls|http://127.0.0.1:9292|--ImageStore:DataDirectory=${CP_RUN}/images"
    # Console tokens: consoleauth replicas share Redis; the api and the proxy call them round-robin.
    local -a consoleauth=()
    for (( i=1; i<=consoleauths; i++ )); do
        consoleauth+=("consoleauth${i}|ControlPlane.ConsoleAuth|http://127.0.0.1:$(consoleauth_health_port "${i}")/readyz|--urls|http://127.0.0.1:$(consoleauth_health_port "${i}")|--ConsoleAuth:GrpcPort=$(consoleauth_grpc_port "${i}")")
    done
    stop_surplus_consoleauth "${consoleauths}"
    svc_tier "${consoleauth[@]}"
    local console_clients
    console_clients="$(consoleauth_client_args "${consoleauths}")"
    svc_tier "consoleproxy|ControlPlane.ConsoleProxy|http://127.0.0.1:6080/readyz|--urls|http://127.0.0.1:6080${console_clients}"
    svc_tier "api|ControlPlane.Api|http://127.0.0.1:8774/readyz|--urls|http://127.0.0.1:8774|--Api:GrpcUrl=http://127.0.0.1:8775|--Consoles:NovncproxyBaseUrl=http://127.0.0.1:6080/vnc_lite.html${console_clients}"
    write_env_file
    svc_tier \
        "scheduler1|ControlPlane.Scheduler|http://127.0.0.1:8793/readyz|--urls|http://127.0.0.1:8793|--Scheduler:GrpcPort=8791|--Orleans:SiloPort=11111|--Orleans:GatewayPort=30000" \
        "scheduler2|ControlPlane.Scheduler|http://127.0.0.1:8794/readyz|--urls|http://127.0.0.1:8794|--Scheduler:GrpcPort=8792|--Orleans:SiloPort=11112|--Orleans:GatewayPort=30001"

    local -a sims=() computes=()
    local sim_tuning compute_tuning
    sim_tuning="$(xen_tuning Sim:Gc:QuietPeriod CP_XAPISIM_GC_QUIET_PERIOD)"
    compute_tuning="$(xen_tuning XenApi:VhdCoalescePollInterval CP_XENAPI_COALESCE_POLL_INTERVAL)"
    compute_tuning+="$(xen_tuning XenApi:VhdCoalesceMaxAttempts CP_XENAPI_COALESCE_MAX_ATTEMPTS)"
    for (( i=1; i<=hosts; i++ )); do
        if [[ "${driver}" == xenapi ]]; then
            mkdir -p "${CP_RUN}/xapisim/xs${i}"
            sims+=("xapisim${i}|XapiSim|http://127.0.0.1:$((8400 + i))/healthz|--urls|http://127.0.0.1:$((8400 + i))|--Sim:HostName=xs${i}|--Sim:DataDirectory=${CP_RUN}/xapisim/xs${i}|--Sim:Address=127.0.0.1:$((8400 + i))${sim_tuning}")
            computes+=("compute${i}|ControlPlane.Compute|http://127.0.0.1:$((8800 + i))/readyz|--urls|http://127.0.0.1:$((8800 + i))|--Compute:Host=compute${i}|--Compute:Resize:TransferPort=$((8850 + i))|--Compute:Driver=XenApi|--XenApi:Url=http://127.0.0.1:$((8400 + i))|--XenApi:Username=${XAPISIM_USER}|--XenApi:StagingDirectory=${CP_RUN}/xapisim/xs${i}/staging${compute_tuning}")
        else
            computes+=("compute${i}|ControlPlane.Compute|http://127.0.0.1:$((8800 + i))/readyz|--urls|http://127.0.0.1:$((8800 + i))|--Compute:Host=compute${i}|--Compute:Resize:TransferPort=$((8850 + i))|--Compute:Driver=Fake")
        fi
    done
    # Hosts of an earlier, larger (or other-driver) run stop first, so the scheduler never keeps
    # sending builds to a compute that is no longer part of this stack.
    stop_surplus_hosts "${hosts}" "${driver}"
    if (( ${#sims[@]} > 0 )); then
        svc_tier "${sims[@]}"
        write_xapisim_json "${hosts}"
    else
        rm -f "${CP_RUN}/xapisim.json"
    fi
    svc_tier "${computes[@]}"
}

# xen_tuning KEY VAR: "|--KEY=value" when the environment variable VAR is set (else nothing). Test runs
# (deploy/test's xen phase) shorten the snapshot's coalesce poll and the simulator's GC quiet period this
# way; a plain deploy/up keeps the defaults (Nova's 5 s x 20 polls, XapiSim's 10 s). They are arguments,
# so a changed value restarts the service.
xen_tuning() {
    local value="${!2:-}"
    [[ -z "${value}" ]] && return 0
    if [[ ! "${value}" =~ ^[0-9:.]+$ ]]; then
        warn "$2 must be a number or a time span (hh:mm:ss); ignoring ${value}"
        return 0
    fi
    printf '|--%s=%s' "$1" "${value}"
}

# stop_surplus_consoleauth N: stops recorded consoleauthI with I > N.
stop_surplus_consoleauth() {
    local name
    while read -r name; do
        [[ "${name}" =~ ^consoleauth([0-9]+)$ ]] || continue
        if (( BASH_REMATCH[1] > $1 )); then
            log "${name}: stopping (not part of this stack: --consoleauth-replicas $1)"
            stop_pid "${name}" "$(read_pid "${name}")" 10
            rm -f "$(pid_file "${name}")" "${CP_PIDS}/${name}.args"
        fi
    done < <(svc_recorded)
}

# stop_surplus_hosts N DRIVER: stops recorded computeI / xapisimI with I > N (and every xapisimI
# when DRIVER is fake). Their compute services stay in the database and count as down once their
# last report is older than the scheduler's service_down_time (60 s).
stop_surplus_hosts() {
    local hosts="$1" driver="$2" name index
    while read -r name; do
        [[ "${name}" =~ ^(compute|xapisim)([0-9]+)$ ]] || continue
        index="${BASH_REMATCH[2]}"
        if (( index > hosts )) || [[ "${BASH_REMATCH[1]}" == xapisim && "${driver}" != xenapi ]]; then
            stop_pid "${name}" "$(read_pid "${name}")" 20
            rm -f "$(pid_file "${name}")" "${CP_PIDS}/${name}.args"
        fi
    done < <(svc_recorded)
}

# write_xapisim_json N: .run/xapisim.json lists the simulated hosts so any XenAPI client can reach them.
write_xapisim_json() {
    local i
    for (( i=1; i<=$1; i++ )); do
        name_alive "xapisim${i}" || continue
        jq -n --arg n "xs${i}" --arg u "http://127.0.0.1:$((8400 + i))" \
            --arg user "${XAPISIM_USER}" --arg pw "${XAPISIM_PASSWORD}" \
            '{name: $n, url: $u, username: $user, password: $pw}'
    done | jq -s '{hosts: .}' >"${CP_RUN}/xapisim.json"
}

write_clouds_yaml() {
    local cloud user
    {
        printf 'clouds:\n'
        for cloud in admin demo; do
            user="${cloud}"
            cat <<YAML
  controlplane-${cloud}:
    auth:
      auth_url: http://127.0.0.1:8774/identity/v3
      username: ${user}
      password: secret
      project_name: ${cloud}
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    identity_api_version: 3
    interface: public
YAML
        done
    } >"${CP_RUN}/clouds.yaml"
}

print_endpoints() {
    cat >&2 <<TXT

ControlPlane is up (logs: ${CP_LOGS}, pids: ${CP_PIDS}, environment: ${CP_RUN}/env)
  Compute API  http://127.0.0.1:8774/compute/v2.1   Identity http://127.0.0.1:8774/identity/v3
  gRPC API     h2c 127.0.0.1:8775                   Image    http://127.0.0.1:9292
  Schedulers   gRPC 8791, 8792 (health 8793, 8794; Orleans silo 11111/11112, gateway 30000/30001)
  Computes     health 8801..   disk transfer (gRPC) 8851..   XapiSim 8401.. (.run/xapisim.json)
  Consoles     noVNC proxy http://127.0.0.1:6080   consoleauth gRPC 8790, 8797.. (health 8786..)
  PostgreSQL 127.0.0.1:55432  RabbitMQ 55672 (management http://127.0.0.1:15672)  Redis 56379
Try:
  OS_CLIENT_CONFIG_FILE=.run/clouds.yaml openstack --os-cloud controlplane-demo server create --flavor m1.tiny --image cirros --wait vm1
TXT
}
