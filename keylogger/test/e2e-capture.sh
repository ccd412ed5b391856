#!/usr/bin/env bash
# End to end: a TLS 1.3 exchange between `openssl s_server` (under the keylogger, sending its keys
# to a UDP listener) and `openssl s_client` is captured with tcpdump on lo; then CallScope's
# `callscope tls` must decrypt that capture, once with the received keys as a key log file
# (--keylog) and once from the key datagrams inside the capture (--key-port), and find the
# client's message in the decrypted data.
#
# Needs root (tcpdump), tcpdump, openssl, python3, ss, and the CLI jar: it skips, saying why,
# when one is missing (build the jar with `./mvnw -B -o -q -DskipTests package` at the repository
# root). Prints "ok - ...", "FAIL - ..." or "skip - ..." lines. KEEP_WORK=1 keeps the scratch
# directory.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
KEYLOGGER=$(dirname "$HERE")
ROOT=$(dirname "$KEYLOGGER")
LIBRARY=$KEYLOGGER/libcallscope-keylog.so
JAR=$ROOT/callscope-cli/target/callscope.jar
SERVER_PORT=5191   # fixed, so the capture filter can name it
KEY_PORT=5192      # the keylogger's datagrams, captured too
MESSAGE="INVITE sip:keylogger@callscope.test SIP/2.0 e2e-$$-$RANDOM"
NAME="e2e: callscope tls decrypts a captured TLS 1.3 exchange"

WORK=$(mktemp -d /tmp/callscope-keylog-e2e.XXXXXX)
SCRIPT=e2e-capture
# shellcheck source=../../fixtures/lib/processes.sh
source "$ROOT/fixtures/lib/processes.sh"

skip() { echo "skip - $NAME: $*"; exit 0; }
failed() { echo "FAIL - $NAME: $*"; exit 1; }

preflight() {
    # The Maven build runs `make test` before it has packaged the CLI, and the launcher would
    # start a build of its own: it asks for this part to be left out.
    [[ -z ${KEYLOGGER_NO_E2E:-} ]] || skip "KEYLOGGER_NO_E2E is set (run from the Java build)"
    [[ $(id -u) == 0 ]] || skip "needs root for tcpdump on lo"
    local tool port
    for tool in tcpdump openssl python3 ss; do
        command -v "$tool" >/dev/null || skip "missing tool: $tool"
    done
    [[ -f $JAR ]] || skip "no $JAR: build it with ./mvnw -B -o -q -DskipTests package at the repository root"
    [[ -f $LIBRARY ]] || failed "no $LIBRARY: run make first"
    for port in $SERVER_PORT $KEY_PORT; do
        if ss -Hantu exclude time-wait | awk '{print $5}' | grep -q ":$port\$"; then
            skip "port $port is in use on this machine"
        fi
    done
}

wait_for_text() {  # $1 file, $2 text, $3 pid that must stay alive, $4 what
    local i
    for i in $(seq 100); do
        grep -q "$2" "$1" 2>/dev/null && return 0
        kill -0 "$3" 2>/dev/null || failed "$4 exited: $(tail -5 "$1")"
        sleep 0.1
    done
    failed "$4 not ready after 10 s"
}

record() {
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=keylogger.callscope.test \
        -days 2 -keyout "$WORK/server.key" -out "$WORK/server.crt" 2>/dev/null
    tcpdump -i lo --immediate-mode -n -Z root -w "$WORK/capture.pcap" \
        "tcp port $SERVER_PORT or udp port $KEY_PORT" 2>"$WORK/tcpdump.log" &
    local tcpdump=$!
    STARTED+=("$tcpdump")
    wait_for_text "$WORK/tcpdump.log" 'listening on' "$tcpdump" tcpdump
    python3 "$HERE/udp_listener.py" --port "$KEY_PORT" --out "$WORK/received.keylog" 2>"$WORK/listener.log" &
    local listener=$!
    STARTED+=("$listener")
    wait_for_text "$WORK/listener.log" 'listening on' "$listener" "the UDP listener"
    # s_server ends at end of input: a FIFO held open by this shell keeps it serving.
    mkfifo "$WORK/server.stdin"
    LD_PRELOAD=$LIBRARY SSLKEYLOG_UDP=127.0.0.1:$KEY_PORT openssl s_server -accept "127.0.0.1:$SERVER_PORT" \
        -naccept 1 -tls1_3 -cert "$WORK/server.crt" -key "$WORK/server.key" \
        <"$WORK/server.stdin" >"$WORK/s_server.out" 2>&1 &
    local server=$!
    STARTED+=("$server")
    exec 3>"$WORK/server.stdin"
    wait_for_text "$WORK/s_server.out" '^ACCEPT' "$server" "s_server"
    printf '%s\n' "$MESSAGE" | openssl s_client -connect "127.0.0.1:$SERVER_PORT" -tls1_3 \
        >"$WORK/s_client.out" 2>&1 || failed "s_client: $(tail -5 "$WORK/s_client.out")"
    local i
    for i in $(seq 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
    exec 3>&-
    wait "$server" 2>/dev/null || true
    forget "$server"
    sleep 1  # the last packets reach the capture before it stops
    kill -INT "$tcpdump"
    wait "$tcpdump" 2>/dev/null || true
    forget "$tcpdump"
    kill "$listener"
    wait "$listener" 2>/dev/null || true
    forget "$listener"
}

check_decrypted() {  # $1 what the keys came from, $2 output of callscope tls --dump
    python3 - "$2" "$SERVER_PORT" "$MESSAGE" <<'PY' || failed "with keys from $1: $(head -c 1500 "$2")"
import json, sys
path, port, message = sys.argv[1], sys.argv[2], sys.argv[3]
records = [json.loads(line) for line in open(path) if line.strip()]
connections = [r for r in records if r.get("type") == "connection" and r["server"] == f"127.0.0.1:{port}"]
assert len(connections) == 1, f"{len(connections)} connections to port {port}"
c = connections[0]
assert c["decrypted"] is True and c["version"] == "TLS 1.3", c
assert c["undecrypted_records"] == 0 and c["failed_records"] == 0, c
data = "".join(r["data"] for r in records if r.get("type") == "data" and r.get("from") == "client")
assert message in data, f"the client's message is not in the decrypted data: {data[:200]!r}"
PY
}

main() {
    preflight
    record
    [[ $(grep -c . "$WORK/received.keylog" || true) == 5 ]] \
        || failed "received $(grep -c . "$WORK/received.keylog" || true) key lines, want 5 (TLS 1.3 server)"
    if grep -qaF -- "$MESSAGE" "$WORK/capture.pcap"; then failed "the message is in the capture in clear"; fi
    "$ROOT/callscope" tls --keylog "$WORK/received.keylog" --dump "$WORK/capture.pcap" \
        >"$WORK/keylog.json" 2>"$WORK/keylog.err" || failed "callscope tls --keylog: $(tail -5 "$WORK/keylog.err")"
    check_decrypted "the received key log" "$WORK/keylog.json"
    echo "ok - $NAME, with the keys received over UDP (--keylog)"
    NAME="e2e: callscope tls decrypts with the key datagrams inside the capture"
    "$ROOT/callscope" tls --key-port "$KEY_PORT" --dump "$WORK/capture.pcap" \
        >"$WORK/key-port.json" 2>"$WORK/key-port.err" || failed "callscope tls --key-port: $(tail -5 "$WORK/key-port.err")"
    check_decrypted "the captured datagrams" "$WORK/key-port.json"
    echo "ok - $NAME (--key-port)"
}

main "$@"
