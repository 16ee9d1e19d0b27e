#!/usr/bin/env bash
# Builds one bootable seed image as Nova's XenAPI driver expects it: a gzip tar of a VHD chain
# (./0.vhd = child layer, ./1.vhd = base), whose disk is a 64 MiB ext4 filesystem holding the
# files listed in deploy/images/README.md. Made with mkfs.ext4 -d (no mount), debugfs -w (child
# layer changes), our Vhd library (image-builder) and deploy/vhd (check, flatten for verification).
# Usage: deploy/images/build-image.sh IMAGE_ID NAME OUT.tgz     (deterministic for a given id/name)
set -euo pipefail
# shellcheck source=deploy/lib/common.sh
source "$(dirname "$0")/../lib/common.sh"

IMAGE_SIZE=64M
FAKE_TIME=1700000000

image_builder() {
    local art="${CP_ARTIFACTS:-${CP_ROOT}/artifacts}" project="${CP_ROOT}/deploy/images/ImageBuilder/ImageBuilder.csproj"
    local dll="${art}/bin/ImageBuilder/release/image-builder.dll"
    if [[ ! -f "${dll}" ]]; then
        log "building image-builder (Release) into ${art}"
        CP_ARTIFACTS="${art}" dotnet build -c Release "${project}" -nologo -v:q -clp:ErrorsOnly >&2 9>&- \
            || die "image-builder build failed"
    fi
    dotnet "${dll}" "$@"
}

main() {
    local id="${1:?image id}" name="${2:?image name}" out="${3:?output .tgz}"
    [[ "${id}" =~ ^[0-9a-f-]{36}$ ]] || die "bad image id: ${id}"
    [[ "${name}" =~ ^[A-Za-z0-9._-]+$ ]] || die "bad image name: ${name}"
    mkdir -p "${CP_RUN}/images-src"
    BUILD_WORK="$(mktemp -d "${CP_RUN}/images-src/build.XXXXXX")"
    trap 'rm -rf "${BUILD_WORK}"' EXIT
    local work="${BUILD_WORK}"
    mkdir -p "${work}/root/etc" "${work}/root/controlplane" "${work}/stage"
    printf '%s\n' "${name}" >"${work}/root/etc/hostname"
    printf '%s\n' "${id}" >"${work}/root/controlplane/image-id"
    printf 'hello from %s\n' "${name}" >"${work}/root/controlplane/hello.txt"
    printf 'base\n' >"${work}/root/controlplane/layer.txt"
    printf 'child layer of %s\n' "${name}" >"${work}/child-layer.txt"
    printf 'child\n' >"${work}/layer.txt"

    # Base layer: a real ext4 filesystem populated from root/ without mounting (fixed uuid/time: reproducible).
    E2FSPROGS_FAKE_TIME="${FAKE_TIME}" mkfs.ext4 -q -F -L "${name:0:16}" -U "${id}" -E "hash_seed=${id}" \
        -d "${work}/root" "${work}/base.raw" "${IMAGE_SIZE}" >/dev/null
    # Child layer: the same filesystem with /controlplane/layer.txt replaced and one file added.
    cp "${work}/base.raw" "${work}/child.raw"
    E2FSPROGS_FAKE_TIME="${FAKE_TIME}" debugfs -w "${work}/child.raw" \
        -R "rm /controlplane/layer.txt" >/dev/null 2>&1
    E2FSPROGS_FAKE_TIME="${FAKE_TIME}" debugfs -w "${work}/child.raw" \
        -R "write ${work}/layer.txt /controlplane/layer.txt" >/dev/null 2>&1
    E2FSPROGS_FAKE_TIME="${FAKE_TIME}" debugfs -w "${work}/child.raw" \
        -R "write ${work}/child-layer.txt /controlplane/child-layer.txt" >/dev/null 2>&1
    e2fsck -fn "${work}/child.raw" >/dev/null 2>&1 || die "child filesystem does not check clean"

    image_builder "${work}/base.raw" "${work}/child.raw" "${work}/stage" >&2
    "${CP_ROOT}/deploy/vhd" check "${work}/stage/0.vhd" >/dev/null || die "the VHD chain does not check clean"
    # The chain must read back exactly as the child filesystem.
    "${CP_ROOT}/deploy/vhd" export --raw "${work}/stage/0.vhd" "${work}/flat.raw" >/dev/null
    cmp -s "${work}/flat.raw" "${work}/child.raw" || die "the VHD chain does not read back as the child filesystem"

    tar --format=gnu --owner=0 --group=0 --numeric-owner --mtime="@${FAKE_TIME}" --sort=name \
        -czf "${out}.tmp" -C "${work}/stage" .
    mv -f "${out}.tmp" "${out}"
    log "image ${name} (${id}): $(stat -c %s "${out}") bytes, chain 0.vhd -> 1.vhd ($(stat -c %s "${work}/stage/1.vhd") + $(stat -c %s "${work}/stage/0.vhd") bytes)"
}

main "$@"
