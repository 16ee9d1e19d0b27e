# shellcheck shell=bash
# Private PostgreSQL 15 cluster under .run/pg, bound to 127.0.0.1:55432.

PG_BIN=/usr/lib/postgresql/15/bin
PG_PORT=55432
PG_DATA="${CP_RUN}/pg"
PG_SOCK="${CP_RUN}/pgsock"
PG_LOG="${CP_LOGS}/postgres.log"
# Roles and databases created for the services (name = role = database = password).
PG_DATABASES=(controlplane imagestore)

as_postgres() { runuser -u postgres -- "$@"; }

pg_running() { name_alive postgres && port_open "${PG_PORT}"; }

pg_init() {
    [[ -s "${PG_DATA}/PG_VERSION" ]] && return 0
    log "postgres: initdb into ${PG_DATA}"
    install -d -o postgres -g postgres -m 700 "${PG_DATA}"
    as_postgres "${PG_BIN}/initdb" -D "${PG_DATA}" -U postgres -E UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 >"${CP_LOGS}/initdb.log" 2>&1 \
        || { log_tail "${CP_LOGS}/initdb.log"; die "initdb failed"; }
    cat >>"${PG_DATA}/postgresql.conf" <<CONF

# --- ControlPlane deploy/up (test cluster: durability traded for speed) ---
listen_addresses = '127.0.0.1'
port = ${PG_PORT}
unix_socket_directories = '${PG_SOCK}'
max_connections = 300
shared_buffers = 256MB
work_mem = 8MB
fsync = off
synchronous_commit = off
full_page_writes = off
log_min_duration_statement = 1000
CONF
}

pg_start() {
    if pg_running; then
        log "postgres: already running (pid $(read_pid postgres), port ${PG_PORT})"
        return 0
    fi
    port_open "${PG_PORT}" && die "port ${PG_PORT} is in use by a process deploy/up did not start"
    pg_init
    install -d -o postgres -g postgres -m 755 "${PG_SOCK}"
    touch "${PG_LOG}" && chown postgres "${PG_LOG}"
    log "postgres: starting on 127.0.0.1:${PG_PORT}"
    as_postgres "${PG_BIN}/pg_ctl" -D "${PG_DATA}" -l "${PG_LOG}" -w -t 60 start >/dev/null 9>&- \
        || { log_tail "${PG_LOG}"; die "postgres did not start"; }
    write_pid postgres "$(head -n1 "${PG_DATA}/postmaster.pid")"
    pg_ensure_databases
}

psql_admin() {
    "${PG_BIN}/psql" -h "${PG_SOCK}" -p "${PG_PORT}" -U postgres -d postgres \
        -v ON_ERROR_STOP=1 -qtA "$@"
}

pg_ensure_databases() {
    local name
    for name in "${PG_DATABASES[@]}"; do
        if [[ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname='${name}'")" != 1 ]]; then
            psql_admin -c "CREATE ROLE ${name} LOGIN CREATEDB PASSWORD '${name}'"
        fi
        if [[ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname='${name}'")" != 1 ]]; then
            psql_admin -c "CREATE DATABASE ${name} OWNER ${name}"
            log "postgres: created role and database ${name}"
        fi
    done
}

pg_stop() {
    local pid
    pid="$(read_pid postgres)"
    if pid_alive "${pid}"; then
        log "postgres: stopping (pid ${pid})"
        as_postgres "${PG_BIN}/pg_ctl" -D "${PG_DATA}" -m fast -w -t 60 stop >/dev/null \
            || stop_pid postgres "${pid}"
    fi
    rm -f "$(pid_file postgres)"
}
