# shellcheck shell=bash
# Debian packages the stack, its tests and the conformance tooling need.

CP_PACKAGES=(
    postgresql-15 rabbitmq-server redis-server
    qemu-utils e2fsprogs curl jq
    python3-openstackclient python3-novaclient python3-glanceclient
    tempest python3-jsonschema python3-subunit
    novnc python3-websockify chromium
)

# missing_packages: prints the packages of CP_PACKAGES not installed (one query, fast).
missing_packages() {
    local status
    status="$(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${CP_PACKAGES[@]}" 2>/dev/null || true)"
    local pkg
    for pkg in "${CP_PACKAGES[@]}"; do
        if ! grep -qE "^${pkg} ii" <<<"${status}"; then
            printf '%s\n' "${pkg}"
        fi
    done
}

install_packages() {
    (( $# > 0 )) || return 0
    log "installing: $*"
    export DEBIAN_FRONTEND=noninteractive
    local attempt
    for attempt in 1 2; do
        if apt-get -o DPkg::Lock::Timeout=900 update -qq \
            && apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "$@" </dev/null; then
            return 0
        fi
        warn "apt-get failed (attempt ${attempt}); repairing dpkg state before retrying"
        dpkg --configure -a </dev/null || true
    done
    return 1
}
