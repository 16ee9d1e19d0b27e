# shellcheck shell=bash
# Infrastructure (PostgreSQL, RabbitMQ, Redis) as one unit for up/down.

# shellcheck source=deploy/lib/postgres.sh
source "${CP_ROOT}/deploy/lib/postgres.sh"
# shellcheck source=deploy/lib/rabbitmq.sh
source "${CP_ROOT}/deploy/lib/rabbitmq.sh"
# shellcheck source=deploy/lib/redis.sh
source "${CP_ROOT}/deploy/lib/redis.sh"
# shellcheck source=deploy/lib/env.sh
source "${CP_ROOT}/deploy/lib/env.sh"

infra_check_tools() {
    (( EUID == 0 )) || die "deploy/up runs as root (it starts PostgreSQL as the postgres user)"
    if [[ ! -x "${PG_BIN}/initdb" || ! -x "${RABBIT_LIB}/rabbitmq-server" ]] \
        || ! command -v redis-server >/dev/null; then
        die "PostgreSQL 15 / RabbitMQ / Redis not installed: run deploy/setup first"
    fi
}

infra_up() {
    infra_check_tools
    # The three servers are independent: start them in parallel, then wait for all.
    local -a jobs=()
    pg_start & jobs+=("$!")
    rabbit_start & jobs+=("$!")
    redis_start & jobs+=("$!")
    local job failed=0
    for job in "${jobs[@]}"; do
        wait "${job}" || failed=1
    done
    (( failed == 0 )) || die "infrastructure did not come up (see messages above and ${CP_LOGS})"
    write_env_file
}

infra_down() {
    redis_stop
    rabbit_stop
    pg_stop
}
