# shellcheck shell=bash
# Tempest workspace under .run/tempest, generated from the templates in deploy/tempest.

TEMPEST_WS="${CP_RUN}/tempest"

# The templates live in the repository (tempest.conf.in with @WORKSPACE@, accounts.yaml).
TEMPEST_TEMPLATES="${CP_ROOT}/deploy/tempest"

# tempest_workspace: (re)writes etc/tempest.conf and etc/accounts.yaml from the templates.
tempest_workspace() {
    local src="${TEMPEST_TEMPLATES}"
    [[ -f "${src}/tempest.conf.in" && -f "${src}/accounts.yaml" ]] \
        || die "tempest templates not found in ${src} (expected tempest.conf.in and accounts.yaml)"
    mkdir -p "${TEMPEST_WS}/etc" "${TEMPEST_WS}/logs" "${TEMPEST_WS}/tempest_lock"
    sed "s|@WORKSPACE@|${TEMPEST_WS}|g" "${src}/tempest.conf.in" >"${TEMPEST_WS}/etc/tempest.conf"
    cp -f "${src}/accounts.yaml" "${TEMPEST_WS}/etc/accounts.yaml"
    if [[ ! -d "${TEMPEST_WS}/.stestr" ]]; then
        (cd "${TEMPEST_WS}" && stestr init >/dev/null)
    fi
}

# tempest_counts LOG: prints "passed failed skipped" from tempest run's totals (0 0 0 if none).
tempest_counts() {
    awk '
        /^ - Passed: /  { p = $3 }
        /^ - Failed: /  { f = $3 }
        /^ - Skipped: / { s = $3 }
        /^ - Unexpected Success: / { f += $4 }
        END { printf "%d %d %d\n", p, f, s }' "$1"
}
