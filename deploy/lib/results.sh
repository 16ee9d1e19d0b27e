# shellcheck shell=bash
# Test result counting: trx files (dotnet test) and the final summary line.

# trx_counts DIR: prints "passed failed skipped" summed over every *.trx under DIR.
trx_counts() {
    /usr/bin/python3 - "$1" <<'PY'
import glob, os, sys
import xml.etree.ElementTree as ET

ns = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
passed = failed = skipped = 0
for path in glob.glob(os.path.join(sys.argv[1], "**", "*.trx"), recursive=True):
    counters = ET.parse(path).getroot().find(f"{ns}ResultSummary/{ns}Counters")
    if counters is None:
        failed += 1  # an unreadable result file is a failure, not silence
        continue
    get = lambda k: int(counters.get(k, "0"))
    passed += get("passed")
    failed += get("failed") + get("error") + get("timeout") + get("aborted")
    skipped += get("notExecuted") + get("inconclusive")
print(passed, failed, skipped)
PY
}

# phase NAME START_S: records and prints the duration of a phase.
PHASES=()
phase_done() {
    local d=$(( $(now_s) - $2 ))
    PHASES+=("$1 ${d}s")
    log "phase $1: ${d}s"
}
