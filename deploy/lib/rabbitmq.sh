# shellcheck shell=bash
# Private RabbitMQ node cp@localhost under .run/rabbitmq, with its own epmd and cookie.

RABBIT_NODE=cp@localhost
RABBIT_PORT=55672
RABBIT_DIST_PORT=55673
RABBIT_EPMD_PORT=55369
RABBIT_MGMT_PORT=15672
RABBIT_USER=controlplane
RABBIT_BASE="${CP_RUN}/rabbitmq"
RABBIT_LIB=/usr/lib/rabbitmq/bin

# rabbit_env: exports the environment every rabbitmq command (server and CLI) must share.
rabbit_env() {
    export HOME="${RABBIT_BASE}/home"
    export RABBITMQ_CONF_ENV_FILE="${RABBIT_BASE}/rabbitmq-env.conf"
    export RABBITMQ_NODENAME="${RABBIT_NODE}"
    export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
    export RABBITMQ_NODE_PORT="${RABBIT_PORT}"
    export RABBITMQ_DIST_PORT="${RABBIT_DIST_PORT}"
    export RABBITMQ_MNESIA_BASE="${RABBIT_BASE}/mnesia"
    export RABBITMQ_LOG_BASE="${RABBIT_BASE}/log"
    export RABBITMQ_CONFIG_FILE="${RABBIT_BASE}/rabbitmq.conf"
    export RABBITMQ_ENABLED_PLUGINS_FILE="${RABBIT_BASE}/enabled_plugins"
    export RABBITMQ_PID_FILE="${RABBIT_BASE}/cp.pid"
    export ERL_EPMD_ADDRESS=127.0.0.1
    export ERL_EPMD_PORT="${RABBIT_EPMD_PORT}"
    # Erlang distribution listens on loopback only.
    export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
    export ERL_CRASH_DUMP="${RABBIT_BASE}/log/erl_crash.dump"
}

rabbitmqctl_() { (rabbit_env && "${RABBIT_LIB}/rabbitmqctl" -n "${RABBIT_NODE}" "$@"); }

rabbit_running() { name_alive rabbitmq && port_open "${RABBIT_PORT}"; }

rabbit_write_config() {
    mkdir -p "${RABBIT_BASE}/home" "${RABBIT_BASE}/mnesia" "${RABBIT_BASE}/log"
    chmod 700 "${RABBIT_BASE}/home"
    : >"${RABBIT_BASE}/rabbitmq-env.conf"
    printf '[rabbitmq_management].\n' >"${RABBIT_BASE}/enabled_plugins"
    cat >"${RABBIT_BASE}/rabbitmq.conf" <<CONF
listeners.tcp.1 = 127.0.0.1:${RABBIT_PORT}
management.tcp.ip = 127.0.0.1
management.tcp.port = ${RABBIT_MGMT_PORT}
default_user = ${RABBIT_USER}
default_pass = ${RABBIT_USER}
default_user_tags.administrator = true
default_permissions.configure = .*
default_permissions.read = .*
default_permissions.write = .*
loopback_users = none
log.file.level = info
CONF
}

# epmd is started by us (not implicitly by erl) so its pid is known and down can stop it.
epmd_start() {
    if name_alive epmd && port_open "${RABBIT_EPMD_PORT}"; then
        return 0
    fi
    port_open "${RABBIT_EPMD_PORT}" && die "port ${RABBIT_EPMD_PORT} (epmd) is in use by a process deploy/up did not start"
    setsid epmd -address 127.0.0.1 -port "${RABBIT_EPMD_PORT}" \
        >"${CP_LOGS}/epmd.log" 2>&1 </dev/null 9>&- &
    write_pid epmd "$!"
    wait_until 10 "epmd on port ${RABBIT_EPMD_PORT}" port_open "${RABBIT_EPMD_PORT}" \
        || die "epmd did not start"
}

rabbit_start() {
    if rabbit_running; then
        log "rabbitmq: already running (pid $(read_pid rabbitmq), port ${RABBIT_PORT})"
        return 0
    fi
    port_open "${RABBIT_PORT}" && die "port ${RABBIT_PORT} is in use by a process deploy/up did not start"
    rabbit_write_config
    epmd_start
    log "rabbitmq: starting ${RABBIT_NODE} on 127.0.0.1:${RABBIT_PORT} (management ${RABBIT_MGMT_PORT})"
    (rabbit_env && exec setsid "${RABBIT_LIB}/rabbitmq-server" \
        >"${CP_LOGS}/rabbitmq.log" 2>&1 </dev/null 9>&-) &
    write_pid rabbitmq "$!"
    wait_until 90 "rabbitmq AMQP port ${RABBIT_PORT}" rabbit_running \
        || { log_tail "${CP_LOGS}/rabbitmq.log"; die "rabbitmq did not start"; }
    rabbitmqctl_ -q await_startup --timeout 60 >/dev/null \
        || { log_tail "${CP_LOGS}/rabbitmq.log"; die "rabbitmq did not finish booting"; }
    # The server script runs beam as a child: record the VM's own pid.
    [[ -s "${RABBIT_BASE}/cp.pid" ]] && write_pid rabbitmq "$(tr -dc '0-9' <"${RABBIT_BASE}/cp.pid")"
    rabbit_ensure_user
}

# The user is normally created at first boot from default_user in rabbitmq.conf; the
# management API answering for it proves it exists, so the slow CLI runs only when it does not.
rabbit_ensure_user() {
    if curl -fsS -o /dev/null -u "${RABBIT_USER}:${RABBIT_USER}" \
        "http://127.0.0.1:${RABBIT_MGMT_PORT}/api/whoami"; then
        return 0
    fi
    log "rabbitmq: creating user ${RABBIT_USER}"
    if ! rabbitmqctl_ -q list_users | grep -q "^${RABBIT_USER}[[:space:]]"; then
        rabbitmqctl_ -q add_user "${RABBIT_USER}" "${RABBIT_USER}" >/dev/null
    fi
    rabbitmqctl_ -q set_user_tags "${RABBIT_USER}" administrator >/dev/null
    rabbitmqctl_ -q set_permissions -p / "${RABBIT_USER}" '.*' '.*' '.*' >/dev/null
}

rabbit_stop() {
    local pid
    pid="$(read_pid rabbitmq)"
    if pid_alive "${pid}"; then
        log "rabbitmq: stopping ${RABBIT_NODE} (pid ${pid})"
        rabbitmqctl_ -q stop >/dev/null 2>&1 || true
        stop_pid rabbitmq "${pid}" 60
    fi
    rm -f "$(pid_file rabbitmq)"
    stop_pid epmd "$(read_pid epmd)" 10
    rm -f "$(pid_file epmd)"
}
