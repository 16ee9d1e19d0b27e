# shellcheck shell=bash
# Minimal Keystone v3 / Glance v2 client helpers (curl + jq) for seeding.

CP_API_URL="${CP_API_URL:-http://127.0.0.1:8774}"
CP_IMAGE_URL="${CP_IMAGE_URL:-http://127.0.0.1:9292}"

# admin_token: prints a project-scoped token of the seeded admin user.
admin_token() {
    local body headers
    body="$(jq -n --arg pw "${CP_ADMIN_PASSWORD:-secret}" '{auth: {
        identity: {methods: ["password"], password: {user: {name: "admin", domain: {name: "Default"}, password: $pw}}},
        scope: {project: {name: "admin", domain: {name: "Default"}}}}}')"
    headers="$(curl -fsS --max-time 30 -o /dev/null -D - -H 'Content-Type: application/json' \
        -d "${body}" "${CP_API_URL}/identity/v3/auth/tokens")" \
        || die "could not get an admin token from ${CP_API_URL}/identity/v3/auth/tokens"
    awk 'tolower($1) == "x-subject-token:" { sub(/\r$/, "", $2); print $2 }' <<<"${headers}"
}

# glance TOKEN METHOD PATH [curl args...]: prints the body, fails on HTTP errors.
glance() {
    local token="$1" method="$2" path="$3"
    shift 3
    curl -fsS --max-time 600 -X "${method}" -H "X-Auth-Token: ${token}" "$@" "${CP_IMAGE_URL}${path}"
}

# image_status TOKEN ID: prints the image's status, or "absent".
image_status() {
    local code body
    body="$(mktemp)"
    code="$(curl -sS --max-time 30 -o "${body}" -w '%{http_code}' -H "X-Auth-Token: $1" \
        "${CP_IMAGE_URL}/v2/images/$2")"
    case "${code}" in
        200) jq -r .status <"${body}" ;;
        404) printf 'absent' ;;
        *) rm -f "${body}"; die "GET /v2/images/$2 answered ${code}" ;;
    esac
    rm -f "${body}"
}
