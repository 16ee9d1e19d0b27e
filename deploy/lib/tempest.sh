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
    sed "s|@WORKSPACE@|${TEMPEST_WS}|g" "${src}/tempest.conf.in" \
        | tempest_overlay "${CP_ROOT}/deploy/tempest/overrides.conf" >"${TEMPEST_WS}/etc/tempest.conf"
    cp -f "${src}/accounts.yaml" "${TEMPEST_WS}/etc/accounts.yaml"
    if [[ ! -d "${TEMPEST_WS}/.stestr" ]]; then
        (cd "${TEMPEST_WS}" && stestr init >/dev/null)
    fi
}

# tempest_overlay OVERRIDES: copies a tempest.conf from stdin to stdout with the "key = value" lines of OVERRIDES
# (an INI file) replacing the same keys of the same sections; fails naming any override the template lacks.
tempest_overlay() {
    awk '
        function section(line) { sub(/^[ \t]*\[/, "", line); sub(/\].*$/, "", line); return line }
        function key(line) { sub(/[ \t]*=.*$/, "", line); sub(/^[ \t]*/, "", line); return line }
        FNR == 1 && FILENAME != ARGV[1] { s = "" }
        FILENAME == ARGV[1] {
            if ($0 ~ /^[ \t]*(#|$)/) next
            if ($0 ~ /^[ \t]*\[/) { s = section($0); next }
            want[s SUBSEP key($0)] = $0
            next
        }
        /^[ \t]*\[/ { s = section($0) }
        !/^[ \t]*(#|\[|$)/ && ((s SUBSEP key($0)) in want) { print want[s SUBSEP key($0)]; done[s SUBSEP key($0)] = 1; next }
        { print }
        END {
            bad = 0
            for (k in want) if (!(k in done)) { split(k, p, SUBSEP); printf "tempest override [%s] %s: no such key in the template\n", p[1], p[2] > "/dev/stderr"; bad = 1 }
            exit bad
        }' "$1" -
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
