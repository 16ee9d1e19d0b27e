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

# console_counts LOG: "passed failed skipped" from dotnet test's per-project console summaries.
console_counts() {
    awk '
        /^ +Passed: +[0-9]+ *$/  { p += $2 }
        /^ +Failed: +[0-9]+ *$/  { f += $2 }
        /^ +Skipped: +[0-9]+ *$/ { s += $2 }
        END { printf "%d %d %d\n", p, f, s }' "$1"
}

# dotnet_counts RESULTS_DIR LOG: trx counts, unless some trx file was overwritten (two projects
# finishing within the same second share a name): then the console summaries are used.
dotnet_counts() {
    local files reported
    files="$(find "$1" -name '*.trx' | wc -l)"
    reported="$(grep -E '^Results File: .*\.trx' "$2" | sort -u | wc -l)"
    if (( reported > files )); then
        log "dotnet test: ${reported} result files reported, ${files} on disk: counting from the console summaries"
        console_counts "$2"
    else
        trx_counts "$1"
    fi
}

# phase NAME START_S: records and prints the duration of a phase.
PHASES=()
phase_done() {
    local d=$(( $(now_s) - $2 ))
    PHASES+=("$1 ${d}s")
    log "phase $1: ${d}s"
}
