#!/usr/bin/env bash
# Measures how fast `callscope tls` decrypts SIP over TLS, whole process, on captures of real
# TLS traffic: openssl s_server and s_client on 127.0.0.1 exchange SIP dialogs (bench/tls-payload.awk)
# in both directions over CONNECTIONS connections per capture, the client writes a key log, and
# tcpdump records the loopback. One capture per cipher suite and record size:
#
#   suites: TLS 1.2 ECDHE-RSA-AES128-GCM-SHA256, TLS 1.2 ECDHE-RSA-AES256-SHA (CBC; OpenSSL
#           negotiates encrypt-then-MAC), TLS 1.3 TLS_AES_128_GCM_SHA256, TLS 1.3 TLS_CHACHA20_POLY1305_SHA256,
#           and "plain": the same SIP over TCP between two socats, the cost of everything but TLS
#   records: "full" = as the openssl tools write them (s_server 16 KiB, s_client 8 KiB: it reads
#            stdin in 8 KiB pieces), "small" = -max_send_frag 512 on both sides (512-byte records,
#            about one SIP message each)
#
# Every capture is checked: tcpdump dropped nothing (else it is made again, paced), each side
# received exactly what the other sent, `callscope analyze --summary` (once, untimed) finds every
# SIP message and call, and every timed run of callscope reports every connection decrypted with
# the suite asked for, no failed record and client_bytes/server_bytes equal to what was sent.
# Timed: `./callscope tls --keylog K FILE` (decryption only; JVM start included, RUNS runs, the
# median by wall time reported; on 2 CPUs and under `taskset -c 0`), and once `./callscope analyze
# --keylog K` (decryption and the whole SIP analysis). tshark decrypts and dissects SIP in the same
# file once as a reference, and the JMH TlsRecordDecryptBenchmark runs briefly.
#
#   bench/tls-throughput.sh
#   MB=5 RUNS=1 SUITES=tls13-aes128gcm RECORDS=small SKIP_JMH=1 bench/tls-throughput.sh
#
# Environment: CONNECTIONS (per capture, default 4), MB (10^6 bytes the client sends per
# connection, default 20; the server's answers are about 16 % more), SUITES (default
# "tls12-aes128gcm tls12-aes256cbc tls13-aes128gcm tls13-chacha20 plain"), RECORDS (default
# "full small"), RUNS (default 3), SKIP_TSHARK, SKIP_JMH, JMH_ARGS (default "-f 1 -wi 1 -i 2"),
# PROFILE (one more run per capture on 2 CPUs with JFR's CPU-time sampler: CPU time by part of the
# pipeline, JIT and GC time, hot methods), KEEP (keep the temporary directory and captures),
# MVN_ARGS (extra Maven arguments, e.g. -o).
# Needs openssl, socat, tcpdump (run as root or with capture rights on lo), GNU time, taskset;
# tshark for the reference. Only loopback is used; every process started is stopped by its PID;
# the temporary directory (TMPDIR, about 200 MB per capture while it is measured) is removed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

connections="${CONNECTIONS:-4}"
mb="${MB:-20}"
runs="${RUNS:-3}"
suites="${SUITES:-tls12-aes128gcm tls12-aes256cbc tls13-aes128gcm tls13-chacha20 plain}"
record_sizes="${RECORDS:-full small}"
jmh_args="${JMH_ARGS:--f 1 -wi 1 -i 2}"
transfer_timeout=600

fail() {
    echo "tls-throughput: $*" >&2
    exit 1
}

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] && "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
    :
elif [[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
else
    fail "JDK 25 not found: set JAVA_HOME"
fi
java="$JAVA_HOME/bin/java"
for tool in openssl socat tcpdump taskset /usr/bin/time; do
    command -v "$tool" >/dev/null || fail "$tool is needed"
done
have_tshark=1
command -v tshark >/dev/null || have_tshark=0
[[ -n "${SKIP_TSHARK:-}" ]] && have_tshark=0

# suite_args NAME: the openssl options choosing the suite; suite_iana NAME: what callscope reports
suite_args() {
    case "$1" in
        tls12-aes128gcm) echo "-tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256" ;;
        tls12-aes256cbc) echo "-tls1_2 -cipher ECDHE-RSA-AES256-SHA" ;;
        tls13-aes128gcm) echo "-tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256" ;;
        tls13-chacha20) echo "-tls1_3 -ciphersuites TLS_CHACHA20_POLY1305_SHA256" ;;
        *) fail "unknown suite $1 (tls12-aes128gcm tls12-aes256cbc tls13-aes128gcm tls13-chacha20)" ;;
    esac
}
suite_iana() {
    case "$1" in
        tls12-aes128gcm) echo TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 ;;
        tls12-aes256cbc) echo TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA ;;
        tls13-aes128gcm) echo TLS_AES_128_GCM_SHA256 ;;
        tls13-chacha20) echo TLS_CHACHA20_POLY1305_SHA256 ;;
    esac
}
record_args() {
    case "$1" in
        full) echo "" ;;
        small) echo "-max_send_frag 512" ;;
        *) fail "unknown record size $1 (full small)" ;;
    esac
}
for s in $suites; do [[ "$s" == plain ]] || suite_args "$s" >/dev/null; done
for r in $record_sizes; do record_args "$r" >/dev/null; done

echo "== build" >&2
# shellcheck disable=SC2086
./mvnw -B -q ${MVN_ARGS:-} -DskipTests package >&2
bench_jar="$root/callscope-bench/target/benchmarks.jar"
./callscope --version >/dev/null # the launcher makes its AOT cache on the first run after a build

tmp="$(mktemp -d "${TMPDIR:-/tmp}/callscope-tls-bench.XXXXXX")"
pids=()
cleanup() {
    local p
    for p in "${pids[@]}"; do
        kill "$p" 2>/dev/null || true
    done
    for p in "${pids[@]}"; do
        wait "$p" 2>/dev/null || true
    done
    if [[ -n "${KEEP:-}" ]]; then echo "kept $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

# started PID: remember a background process so that the exit trap can stop it
started() { pids+=("$1"); }
# finished PID: wait for it; its status is the function's
finished() {
    local p="$1" status=0 kept=() q
    wait "$p" || status=$?
    for q in "${pids[@]}"; do [[ "$q" != "$p" ]] && kept+=("$q"); done
    pids=("${kept[@]}")
    return "$status"
}

summary="$tmp/summary.txt"
say() { echo "$*" | tee -a "$summary"; }

free_port() {
    local p
    for _ in $(seq 1 100); do
        p=$((20000 + RANDOM % 20000))
        [[ -z "$(ss -Htln "( sport = :$p )")" ]] && { echo "$p"; return; }
    done
    fail "no free port found"
}

# wait_for SECONDS COMMAND...: polls the command until it succeeds
wait_for() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@"; do
        ((SECONDS < deadline)) || return 1
        sleep 0.05
    done
}
listening() { [[ -n "$(ss -Htln "( sport = :$1 )")" ]]; }
file_has() { grep -q "$2" "$1" 2>/dev/null; }
size_of() { stat -c %s "$1" 2>/dev/null || echo 0; }

echo "== payload: $connections connections, $mb MB from each client" >&2
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/server.key" -out "$tmp/server.crt" -days 2 \
    -subj /CN=localhost >/dev/null 2>&1 || fail "openssl could not make a server certificate"
app_bytes=0
for ((c = 1; c <= connections; c++)); do
    awk -v conn="$c" -v bytes="$((mb * 1000000))" -v client="$tmp/client-$c.txt" -v server="$tmp/server-$c.txt" \
        -f bench/tls-payload.awk
    app_bytes=$((app_bytes + $(size_of "$tmp/client-$c.txt") + $(size_of "$tmp/server-$c.txt")))
done
# What callscope must report per connection, "client_bytes server_bytes", sorted.
for ((c = 1; c <= connections; c++)); do
    echo "$(size_of "$tmp/client-$c.txt") $(size_of "$tmp/server-$c.txt")"
done | sort >"$tmp/expected-bytes.txt"

# feed FILE SELF_OUT SELF_EXPECTED PEER_OUT PEER_EXPECTED PACE: writes FILE to stdout, all at once
# when PACE is "0", else as "PIECE_KIB:PAUSE_S" (pieces of PIECE_KIB KiB with PAUSE_S seconds
# between them); then keeps stdout open until both sides have received everything, so that
# neither side closes the connection early.
feed() {
    local file="$1" pieces i piece pause deadline=$((SECONDS + transfer_timeout))
    if [[ "$6" == 0 ]]; then
        cat "$file"
    else
        piece=$((${6%%:*} * 1024))
        pause="${6#*:}"
        pieces=$((($(size_of "$file") + piece - 1) / piece))
        for ((i = 0; i < pieces; i++)); do
            dd if="$file" bs="$piece" skip="$i" count=1 status=none
            sleep "$pause"
        done
    fi
    while (($(size_of "$2") < $3 || $(size_of "$4") < $5)) && ((SECONDS < deadline)); do
        sleep 0.05
    done
}

# connection C PORT PACE PROTECTION...: one connection carrying client-C and server-C, between
# openssl s_server and s_client with the given options, or between two socats when PROTECTION is
# "plain" (the same SIP over TCP without TLS)
connection() {
    local c="$1" port="$2" pace="$3" feed_s feed_c server client
    shift 3
    local in_s="$tmp/c$c.server.in" in_c="$tmp/c$c.client.in" out_s="$tmp/c$c.server.out" out_c="$tmp/c$c.client.out"
    local sent_c sent_s
    sent_c="$(size_of "$tmp/client-$c.txt")"
    sent_s="$(size_of "$tmp/server-$c.txt")"
    rm -f "$in_s" "$in_c" "$out_s" "$out_c"
    mkfifo "$in_s" "$in_c"
    : >"$out_s"
    : >"$out_c"
    feed "$tmp/server-$c.txt" "$out_c" "$sent_s" "$out_s" "$sent_c" "$pace" >"$in_s" &
    feed_s=$!
    started "$feed_s"
    if [[ "$1" == plain ]]; then
        socat -b 65536 "TCP-LISTEN:$port,bind=127.0.0.1,reuseaddr" STDIO <"$in_s" >"$out_s" 2>"$tmp/c$c.server.err" &
    else
        openssl s_server -accept "127.0.0.1:$port" -naccept 1 -cert "$tmp/server.crt" -key "$tmp/server.key" \
            -quiet -no_ign_eof "$@" <"$in_s" >"$out_s" 2>"$tmp/c$c.server.err" &
    fi
    server=$!
    started "$server"
    wait_for 10 listening "$port" || fail "the server did not listen on $port: $(cat "$tmp/c$c.server.err")"
    feed "$tmp/client-$c.txt" "$out_s" "$sent_c" "$out_c" "$sent_s" "$pace" >"$in_c" &
    feed_c=$!
    started "$feed_c"
    if [[ "$1" == plain ]]; then
        socat -b 65536 STDIO "TCP:127.0.0.1:$port" <"$in_c" >"$out_c" 2>"$tmp/c$c.client.err" &
    else
        openssl s_client -connect "127.0.0.1:$port" -quiet -no_ign_eof -nocommands -keylogfile "$tmp/keys.log" "$@" \
            <"$in_c" >"$out_c" 2>"$tmp/c$c.client.err" &
    fi
    client=$!
    started "$client"
    finished "$client" || fail "the client failed: $(tail -3 "$tmp/c$c.client.err")"
    finished "$server" || fail "the server failed: $(tail -3 "$tmp/c$c.server.err")"
    finished "$feed_c" || true
    finished "$feed_s" || true
    cmp -s "$tmp/client-$c.txt" "$out_s" || fail "connection $c: the server did not receive what the client sent"
    cmp -s "$tmp/server-$c.txt" "$out_c" || fail "connection $c: the client did not receive what the server sent"
    rm -f "$in_s" "$in_c" "$out_s" "$out_c"
}

# capture NAME PROTECTION...: writes $tmp/NAME.pcap and $tmp/NAME.keys, sets $port and $packets.
# Made again, paced ever more gently, while tcpdump reports dropped packets. The snapshot length is
# the loopback's MTU plus the Ethernet header, so every frame is captured whole; with -s 0 (256 KiB)
# libpcap's immediate mode sizes each slot of its ring for 256 KiB and the 64 MiB buffer holds only
# about 250 frames. Bursts of small records (512-byte records in both directions) still fill it.
capture() {
    local name="$1" attempt pace dump dropped c snaplen paces=(0 64:0.002 64:0.005 16:0.002 16:0.005 4:0.002)
    shift
    snaplen=$(($(cat /sys/class/net/lo/mtu) + 14))
    for attempt in "${!paces[@]}"; do
        pace="${paces[$attempt]}"
        port="$(free_port)"
        rm -f "$tmp/$name.pcap" "$tmp/keys.log" "$tmp/tcpdump.err"
        : >"$tmp/keys.log"
        tcpdump -i lo --immediate-mode -s "$snaplen" -B 65536 -Z "$(id -un)" -w "$tmp/$name.pcap" "tcp port $port" \
            2>"$tmp/tcpdump.err" &
        dump=$!
        started "$dump"
        wait_for 10 file_has "$tmp/tcpdump.err" "listening on" || fail "tcpdump did not start: $(cat "$tmp/tcpdump.err")"
        for ((c = 1; c <= connections; c++)); do
            connection "$c" "$port" "$pace" "$@"
        done
        sleep 0.5
        kill -INT "$dump"
        finished "$dump" || true
        dropped="$(awk '/packets dropped by kernel/ {print $1}' "$tmp/tcpdump.err")"
        packets="$(awk '/packets captured/ {print $1}' "$tmp/tcpdump.err")"
        [[ -n "$dropped" && -n "$packets" ]] || fail "no statistics from tcpdump: $(cat "$tmp/tcpdump.err")"
        if [[ "$dropped" == 0 ]]; then
            mv "$tmp/keys.log" "$tmp/$name.keys"
            cat "$tmp/$name.pcap" >/dev/null # into the page cache, so every run reads from memory
            [[ "$pace" == 0 ]] || say "$name: sent in ${pace%%:*} KiB pieces ${pace#*:} s apart (tcpdump dropped packets at full speed)"
            return
        fi
        echo "tcpdump dropped $dropped of $packets packets at pace $pace (KiB:s, 0 = full speed); again, slower" >&2
    done
    fail "tcpdump kept dropping packets"
}

# check OUTPUT SUITE: every connection decrypted, with the suite, and carried exactly what was
# sent; for "plain", no TLS connection at all
check() {
    local out="$1" iana="$2" n
    n="$(grep -c '"type":"connection"' "$out" || true)"
    if [[ "$iana" == plain ]]; then
        [[ "$n" == 0 ]] || fail "$out: $n TLS connections in plain TCP"
        return
    fi
    [[ "$n" == "$connections" ]] || fail "$out: $n connections reported, expected $connections"
    ! grep '"type":"connection"' "$out" | grep -qv '"decrypted":true' || fail "$out: a connection did not decrypt: $(grep -v '"decrypted":true' "$out" | head -1)"
    ! grep '"type":"connection"' "$out" | grep -qv "\"cipher\":\"$iana\"" || fail "$out: a connection did not report $iana"
    ! grep '"type":"connection"' "$out" | grep -qv '"failed_records":0,' || fail "$out: records failed to decrypt"
    sed -E 's/.*"client_bytes":([0-9]+),"server_bytes":([0-9]+).*/\1 \2/' "$out" | sort | cmp -s - "$tmp/expected-bytes.txt" \
        || fail "$out: application bytes differ from what was sent: $(sed -E 's/.*"client_bytes":([0-9]+),"server_bytes":([0-9]+).*/\1 \2/' "$out" | tr '\n' ' ')"
}
records_in() { { grep -o '"records":[0-9]*' "$1" || true; } | awk -F: '{s += $2} END {print s + 0}'; }
summary_field() { grep '"type":"summary"' "$1" | grep -o "\"$2\":[0-9]*" | cut -d: -f2; }

wall_of() { awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$1"; }
cpu_of() { awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {print u + s}' "$1"; }
rss_of() { awk -F': ' '/Maximum resident set size/ {print int($2 / 1024)}' "$1"; }

# measure NAME CPUS IANA COMMAND...: RUNS runs under GNU time, each checked; one line per run to
# runs.tsv, the median run (by wall time) to the summary
measure() {
    local name="$1" cpus="$2" iana="$3" i walls=() med t records wall cpu all
    shift 3
    for ((i = 1; i <= runs; i++)); do
        t="$tmp/$name.$cpus.$i.time"
        /usr/bin/time -v -o "$t" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" || fail "$name: $* failed: $(tail -3 "$tmp/$name.err")"
        check "$tmp/$name.out" "$iana"
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$cpus" "$i" "$(wall_of "$t")" "$(cpu_of "$t")" "$(rss_of "$t")" >>"$tmp/runs.tsv"
        walls+=("$(wall_of "$t") $i")
    done
    med="$(printf '%s\n' "${walls[@]}" | sort -n | awk -v m=$(((runs + 1) / 2)) 'NR == m {print $2}')"
    t="$tmp/$name.$cpus.$med.time"
    records="$(records_in "$tmp/$name.out")"
    wall="$(wall_of "$t")"
    cpu="$(cpu_of "$t")"
    all="$(printf '%s\n' "${walls[@]}" | awk '{printf "%s%.2f", (NR > 1 ? " " : ""), $1}')"
    awk -v l="$name" -v c="$cpus" -v b="$app_bytes" -v r="$records" -v p="$packets" -v w="$wall" -v u="$cpu" -v a="$all" -v k="$runs" -v m="$(rss_of "$t")" 'BEGIN {
        printf "%-22s tls, %s CPU, median of %d: wall %.2f s (runs %s), cpu %.2f s, peak %d MiB: %.1f MB/s, %.0f records/s, %.0f packets/s\n",
            l, c, k, w, a, u, m, b / w / 1e6, r / w, p / w }' | tee -a "$summary"
}

say "machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
say "load average before runs: $(cut -d' ' -f1-3 /proc/loadavg)"
say "jdk: $("$java" -version 2>&1 | head -1); $(openssl version); $(tshark --version 2>/dev/null | head -1 || true)"
calls="$(cat "$tmp"/client-*.txt | grep -c '^INVITE ')"
say "payload: $connections connections, $calls SIP dialogs ($((7 * calls)) messages), $app_bytes bytes both ways per capture"

captures=()
for suite in $suites; do
    if [[ "$suite" == plain ]]; then
        captures+=("plain")
    else
        for size in $record_sizes; do captures+=("$suite-$size"); done
    fi
done

for name in "${captures[@]}"; do
    echo "== capture $name" >&2
    if [[ "$name" == plain ]]; then
        iana=plain
        capture "$name" plain
        keys=()
    else
        suite="${name%-*}"
        iana="$(suite_iana "$suite")"
        # shellcheck disable=SC2046
        capture "$name" $(suite_args "$suite") $(record_args "${name##*-}")
        keys=(--keylog "$tmp/$name.keys")
    fi
    say "$name: $(size_of "$tmp/$name.pcap") bytes, $packets packets, tcpdump dropped 0"
    # Once: the whole analysis (SIP, calls, CDRs) finds every SIP message and every call.
    t="$tmp/$name.analyze.time"
    /usr/bin/time -v -o "$t" ./callscope analyze "${keys[@]}" --summary --format json "$tmp/$name.pcap" >"$tmp/$name.analyze" \
        2>"$tmp/$name.analyze.err" || fail "$name: callscope analyze failed: $(tail -3 "$tmp/$name.analyze.err")"
    [[ "$(summary_field "$tmp/$name.analyze" sip_messages)" == $((7 * calls)) && "$(summary_field "$tmp/$name.analyze" calls)" == "$calls" ]] \
        || fail "$name: callscope analyze found $(summary_field "$tmp/$name.analyze" sip_messages) SIP messages and $(summary_field "$tmp/$name.analyze" calls) calls, expected $((7 * calls)) and $calls"
    printf '%s\tanalyze\t1\t%s\t%s\t%s\n' "$name" "$(wall_of "$t")" "$(cpu_of "$t")" "$(rss_of "$t")" >>"$tmp/runs.tsv"
    awk -v l="$name" -v b="$app_bytes" -v w="$(wall_of "$t")" -v u="$(cpu_of "$t")" -v m="$(rss_of "$t")" -v n=$((7 * calls)) 'BEGIN {
        printf "%-22s analyze, 2 CPUs, once: wall %.2f s, cpu %.2f s, peak %d MiB: %.1f MB/s, %.0f SIP messages/s, every message and call found\n",
            l, w, u, m, b / w / 1e6, n / w }' | tee -a "$summary"
    measure "$name" 2 "$iana" ./callscope tls "${keys[@]}" "$tmp/$name.pcap"
    measure "$name" 1 "$iana" taskset -c 0 ./callscope tls "${keys[@]}" "$tmp/$name.pcap"
    [[ "$iana" == plain ]] || say "  $(records_in "$tmp/$name.out") TLS records; every connection decrypted, application bytes as sent"
    if [[ "$have_tshark" == 1 ]]; then
        t="$tmp/$name.tshark.time"
        tshark_args=(-d "tcp.port==$port,sip")
        [[ "$iana" == plain ]] || tshark_args=(-o "tls.keylog_file:$tmp/$name.keys" -d "tcp.port==$port,tls" -d "tls.port==$port,sip")
        /usr/bin/time -v -o "$t" tshark -q -r "$tmp/$name.pcap" "${tshark_args[@]}" -z io,stat,0,tcp,sip >"$tmp/$name.tshark.out" 2>/dev/null \
            || fail "tshark failed on $name"
        sip_frames="$(awk -F'|' '/<>/ {gsub(/ /, "", $5); print $5}' "$tmp/$name.tshark.out")"
        printf '%s\ttshark\t1\t%s\t%s\t%s\n' "$name" "$(wall_of "$t")" "$(cpu_of "$t")" "$(rss_of "$t")" >>"$tmp/runs.tsv"
        awk -v l="$name" -v b="$app_bytes" -v w="$(wall_of "$t")" -v u="$(cpu_of "$t")" -v m="$(rss_of "$t")" -v s="$sip_frames" 'BEGIN {
            printf "%-22s tshark, once: wall %.2f s, cpu %.2f s, peak %d MiB: %.1f MB/s; %s frames with SIP\n", l, w, u, m, b / w / 1e6, s }' | tee -a "$summary"
    fi
    if [[ -n "${PROFILE:-}" ]]; then
        JAVA_TOOL_OPTIONS="-XX:StartFlightRecording=filename=$tmp/$name.jfr,settings=profile,jdk.CPUTimeSample#enabled=true,jdk.CPUTimeSample#throttle=2ms" \
            ./callscope tls "${keys[@]}" "$tmp/$name.pcap" >/dev/null 2>"$tmp/$name.profile.err"
        jfr="$JAVA_HOME/bin/jfr"
        {
            echo "$name, tls on 2 CPUs, JFR: CPU time of Java threads by part"
            "$jfr" print --events jdk.CPUTimeSample --stack-depth 64 "$tmp/$name.jfr" | awk -f bench/cpu-breakdown.awk
            "$jfr" view compiler-statistics "$tmp/$name.jfr" | { grep -E 'Compiled Methods|Total Time' || true; } | sed 's/^/JIT /'
            "$jfr" view gc-cpu-time "$tmp/$name.jfr" | { grep -E 'GC (User|System) Time' || true; }
            "$jfr" view --width 160 cpu-time-hot-methods "$tmp/$name.jfr" >"$tmp/$name.hot.txt"
            sed -n 1,25p "$tmp/$name.hot.txt"
        } | tee -a "$summary"
    fi
    [[ -n "${KEEP:-}" ]] || rm -f "$tmp/$name.pcap"
done

if [[ -z "${SKIP_JMH:-}" ]]; then
    echo "== JMH TlsRecordDecryptBenchmark ($jmh_args)" >&2
    # shellcheck disable=SC2086
    "$java" -jar "$bench_jar" TlsRecordDecryptBenchmark $jmh_args -rf text -rff "$tmp/jmh.txt" >"$tmp/jmh.log" 2>&1 \
        || { tail -40 "$tmp/jmh.log" >&2; exit 1; }
    # One operation is one record: MB/s of content = ops/s x recordBytes (the first parameter column).
    awk '{for (i = 1; i <= NF; i++) if ($i == "thrpt") {
              score = $(i + 2) ~ /^[0-9.]+$/ ? $(i + 2) : $(i + 1) # Cnt is left out when it is 1
              printf "%s  = %.0f MB/s\n", $0, score * $2 / 1e6; next
          }; print}' \
        "$tmp/jmh.txt" | tee -a "$summary"
fi

echo
echo "== summary"
cat "$summary"
echo
echo "== every run (capture, CPUs, run, wall s, user+sys s, peak RSS MiB)"
cat "$tmp/runs.tsv"
