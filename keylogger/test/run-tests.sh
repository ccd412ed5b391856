#!/usr/bin/env bash
# `make test`: unit tests, the TLS tests with real OpenSSL programs, the secure TCP destination's
# tests, and the end-to-end capture check with CallScope. Each part prints "ok - ", "FAIL - " or "skip - " lines; the last line
# here counts them. Exit status 1 when any failed.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
KEYLOGGER=$(dirname "$HERE")
BUILD=$KEYLOGGER/build
OUTPUT=$(mktemp /tmp/callscope-keylog-tests.XXXXXX)
trap 'rm -f "$OUTPUT"' EXIT
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ next to the test scripts

status=0
run() {  # runs one part, shows and keeps its lines; a part that fails without saying what counts once
    local rc=0 before
    before=$(grep -c '^FAIL - ' "$OUTPUT")
    "$@" 2>&1 | tee -a "$OUTPUT" || rc=$?
    if ((rc != 0)); then
        status=1
        if (($(grep -c '^FAIL - ' "$OUTPUT") == before)); then
            echo "FAIL - $(basename "$1") exited with status $rc" | tee -a "$OUTPUT"
        fi
    fi
}

run "$BUILD/unit_tests"
run python3 "$HERE/keylog_tests.py" --library "$KEYLOGGER/libcallscope-keylog.so" --build "$BUILD"
run python3 "$HERE/tcp_tests.py" --library "$KEYLOGGER/libcallscope-keylog.so" --build "$BUILD"
run "$HERE/e2e-capture.sh"

passed=$(grep -c '^ok - ' "$OUTPUT")
failed=$(grep -c '^FAIL - ' "$OUTPUT")
skipped=$(grep -c '^skip - ' "$OUTPUT")
echo "keylogger: $passed passed, $failed failed, $skipped skipped"
((failed == 0)) || status=1
exit "$status"
