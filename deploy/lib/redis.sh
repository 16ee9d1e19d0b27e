# shellcheck shell=bash
# Private Redis on 127.0.0.1:56379, append-only file on (console tokens survive a restart; no RDB snapshots).

REDIS_PORT=56379
REDIS_DIR="${CP_RUN}/redis"

redis_running() { name_alive redis && port_open "${REDIS_PORT}"; }

redis_start() {
    if redis_running; then
        log "redis: already running (pid $(read_pid redis), port ${REDIS_PORT})"
        return 0
    fi
    port_open "${REDIS_PORT}" && die "port ${REDIS_PORT} is in use by a process deploy/up did not start"
    mkdir -p "${REDIS_DIR}"
    rm -f "$(pid_file redis)"
    log "redis: starting on 127.0.0.1:${REDIS_PORT}"
    redis-server --bind 127.0.0.1 --port "${REDIS_PORT}" --dir "${REDIS_DIR}" \
        --daemonize yes --pidfile "$(pid_file redis)" --logfile "${CP_LOGS}/redis.log" \
        --save "" --appendonly yes --appendfsync everysec 9>&-
    wait_until 20 "redis on port ${REDIS_PORT}" redis_running \
        || { log_tail "${CP_LOGS}/redis.log"; die "redis did not start"; }
}

redis_stop() {
    stop_pid redis "$(read_pid redis)"
    rm -f "$(pid_file redis)"
}
