#!/usr/bin/env bash
# Measures CallScope against tshark on a generated capture and runs the JMH benchmarks briefly.
#
#   bench/run-benchmarks.sh                 # 200 calls x 60 s (1.2 M frames), memory check, JMH
#   CALLS=1000 SECONDS_=60 bench/run-benchmarks.sh
#   SKIP_JMH=1 SKIP_MEMORY=1 PROFILE=1 bench/run-benchmarks.sh
#
# Environment: CALLS, SECONDS_ (media seconds per call), LOSS (percent), SKIP_JMH, SKIP_MEMORY,
# SKIP_TSHARK, SKIP_READ (the file-reading comparison), PROFILE (JFR on one extra run; prints hot methods), JMH_ARGS (default "-f 1 -wi 2 -i 3"),
# RUNS (runs per whole-process measurement, default 3; the median by wall time is reported),
# KEEP (keep the temporary directory), MVN_ARGS (extra Maven arguments, e.g. -o).
# The corpus goes to a temporary directory that is removed at the end; nothing is written to the repo.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

calls="${CALLS:-200}"
seconds="${SECONDS_:-60}"
loss="${LOSS:-0}"
jmh_args="${JMH_ARGS:--f 1 -wi 2 -i 3}"

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] && "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
    :
elif [[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
else
    echo "run-benchmarks: JDK 25 not found: set JAVA_HOME" >&2
    exit 1
fi
java="$JAVA_HOME/bin/java"

if [[ ! -x /usr/bin/time ]]; then
    echo "run-benchmarks: installing GNU time for peak RSS" >&2
    apt-get install -y -q time >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q time >/dev/null; }
fi
have_tshark=1
command -v tshark >/dev/null || have_tshark=0
[[ -n "${SKIP_TSHARK:-}" ]] && have_tshark=0

echo "== build" >&2
./mvnw -B -q ${MVN_ARGS:-} -DskipTests package >&2
bench_jar="$root/callscope-bench/target/benchmarks.jar"
# The launcher makes its AOT cache on the first run after a build; do that before any timing.
./callscope --version >/dev/null
runs="${RUNS:-3}"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/callscope-bench.XXXXXX")"
cleanup() { [[ -n "${KEEP:-}" ]] && echo "kept $tmp" >&2 || rm -rf "$tmp"; }
trap cleanup EXIT

summary="$tmp/summary.txt"
say() { echo "$*" | tee -a "$summary"; }

# generate NAME CALLS SECONDS: writes $tmp/NAME.pcap, sets $frames
generate() {
    local line
    line="$("$java" -cp "$bench_jar" org.callscope.bench.CorpusGenerator --calls "$2" --seconds "$3" --loss "$loss" --out "$tmp/$1.pcap")"
    echo "$line" >&2
    frames="$(sed -E 's/.*frames=([0-9]+).*/\1/' <<<"$line")"
    cat "$tmp/$1.pcap" >/dev/null # into the page cache, so every run reads from memory
}

# run_once LABEL I COMMAND...: run number I of COMMAND under GNU time
run_once() {
    local label="$1" i="$2"
    shift 2
    /usr/bin/time -v -o "$tmp/$label.time.$i" "$@" >"$tmp/$label.out" 2>"$tmp/$label.err"
}

# measure LABEL FRAMES COMMAND...: runs $runs times under GNU time, prints the median run's line
measure() {
    local label="$1" n="$2" i
    shift 2
    for ((i = 1; i <= runs; i++)); do
        run_once "$label" "$i" "$@"
    done
    report "$label" "$n"
}

# report LABEL FRAMES: the median of the $runs runs of LABEL, by wall time
report() {
    local label="$1" n="$2" i best
    # Median by wall time: sort the runs by their elapsed seconds and take the middle one.
    best="$(for ((i = 1; i <= runs; i++)); do
        awk -F': ' -v i="$i" '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(k=1;k<=n;k++) s=s*60+t[k]; print s, i}' "$tmp/$label.time.$i"
    done | sort -n | awk -v m=$(((runs + 1) / 2)) 'NR == m {print $2}')"
    cp "$tmp/$label.time.$best" "$tmp/$label.time"
    local wall user sys rss cpu
    wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$tmp/$label.time")"
    user="$(awk -F': ' '/User time/ {print $2}' "$tmp/$label.time")"
    sys="$(awk -F': ' '/System time/ {print $2}' "$tmp/$label.time")"
    rss="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/$label.time")"
    cpu="$(awk -F': ' '/Percent of CPU/ {print $2}' "$tmp/$label.time")"
    awk -v l="$label" -v n="$n" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v c="$cpu" -v k="$runs" 'BEGIN {
        printf "%-28s frames=%d median of %d: wall=%.2fs cpu=%.2fs (%s) pps_wall=%.0f pps_per_cpu_s=%.0f peak_rss=%.0fMiB\n",
            l, n, k, w, u + s, c, n / w, n / (u + s), r / 1024 }' | tee -a "$summary"
    echo "$n $wall $((${rss}))" >"$tmp/$label.nums"
}

echo "== corpus: $calls calls x $seconds s, loss $loss%" >&2
generate corpus "$calls" "$seconds"
corpus_frames="$frames"
say "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
say "load average before runs: $(cut -d' ' -f1-3 /proc/loadavg)"
say "jdk: $("$java" -version 2>&1 | head -1)"
say "corpus: $calls calls x $seconds s, $corpus_frames frames, $(stat -c %s "$tmp/corpus.pcap") bytes"

# The machine's speed drifts over minutes on shared hosts, so the tools take turns run by run.
echo "== callscope analyze$([[ "$have_tshark" == 1 ]] && echo " and tshark, interleaved")" >&2
for ((i = 1; i <= runs; i++)); do
    run_once "callscope" "$i" ./callscope analyze --format json "$tmp/corpus.pcap"
    run_once "callscope (taskset -c 0)" "$i" taskset -c 0 ./callscope analyze --format json "$tmp/corpus.pcap"
    if [[ "$have_tshark" == 1 ]]; then
        run_once "tshark rtp,streams" "$i" tshark -q -z rtp,streams -r "$tmp/corpus.pcap"
    fi
done
report "callscope" "$corpus_frames"
say "  callscope records: $(wc -l <"$tmp/callscope.out") lines (expected $calls calls)"
report "callscope (taskset -c 0)" "$corpus_frames"

if [[ "$have_tshark" == 1 ]]; then
    report "tshark rtp,streams" "$corpus_frames"
    cp "$tmp/tshark rtp,streams.nums" "$tmp/tshark.nums"
    cp "$tmp/callscope.nums" "$tmp/cs.nums"
    say "  tshark streams: $(grep -c 'g711U' "$tmp/tshark rtp,streams.out" || true) (expected $((2 * calls)))"
    say "ratio callscope/tshark (wall pps): $(awk 'NR == 1 {a = $1 / $2} NR == 2 {printf "%.1fx", a / ($1 / $2)}' "$tmp/cs.nums" "$tmp/tshark.nums")"
fi

if [[ -z "${SKIP_READ:-}" ]]; then
    echo "== file reading: memory-mapped window against read calls, one core" >&2
    taskset -c 0 "$java" -cp "$bench_jar" org.callscope.bench.FileReadComparison "$tmp/corpus.pcap" 3 | grep '^round' | tee -a "$summary"
fi

if [[ -z "${SKIP_MEMORY:-}" ]]; then
    echo "== memory: same concurrency, 4x the file" >&2
    generate mem60 100 60
    measure "callscope 100 calls x 60 s" "$frames" ./callscope analyze --format json "$tmp/mem60.pcap"
    rm -f "$tmp/mem60.pcap"
    generate mem240 100 240
    measure "callscope 100 calls x 240 s" "$frames" ./callscope analyze --format json "$tmp/mem240.pcap"
    rm -f "$tmp/mem240.pcap"
fi

if [[ -n "${PROFILE:-}" ]]; then
    echo "== profile (JFR)" >&2
    JAVA_TOOL_OPTIONS="-XX:StartFlightRecording=filename=$tmp/callscope.jfr,settings=profile" \
        taskset -c 0 ./callscope analyze --format json "$tmp/corpus.pcap" >/dev/null 2>"$tmp/profile.err"
    "$JAVA_HOME/bin/jfr" view --width 160 hot-methods "$tmp/callscope.jfr" | tee -a "$summary"
    "$JAVA_HOME/bin/jfr" view --width 160 allocation-by-class "$tmp/callscope.jfr" | head -20 | tee -a "$summary"
fi

if [[ -z "${SKIP_JMH:-}" ]]; then
    echo "== JMH ($jmh_args)" >&2
    # shellcheck disable=SC2086
    "$java" -jar "$bench_jar" $jmh_args -rf text -rff "$tmp/jmh.txt" >"$tmp/jmh.log" 2>&1 || { tail -40 "$tmp/jmh.log" >&2; exit 1; }
    cat "$tmp/jmh.txt" | tee -a "$summary"
fi

echo
echo "== summary"
cat "$summary"
