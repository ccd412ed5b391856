#!/usr/bin/env bash
# Interleaved whole-process timing of two callscope builds (or one) on existing captures.
#
#   bench/compare-builds.sh OUT_DIR "LABEL=ROOT ..." CAPTURE...
#
# ROOT is a directory holding the `callscope` launcher and callscope-cli/target/callscope.jar (a
# worktree, or a copy of those two files plus fixtures/captures/answered-udp.pcap for the AOT
# training run). For each capture, RUNS rounds (default 3); each round runs every build on two
# CPUs and then under `taskset -c 0`, so that all builds see the same machine load. One line per
# run goes to OUT_DIR/runs.tsv: capture, label, cpus, round, wall s, user+sys s, max RSS KiB.
# Each build's JSON output (of its last run) is kept in OUT_DIR so the results can be compared.
set -euo pipefail
out="$1"
builds="$2"
shift 2
runs="${RUNS:-3}"
mkdir -p "$out"
for b in $builds; do
    "${b#*=}/callscope" --version >/dev/null # makes the AOT cache before any timing
done
for cap in "$@"; do
    name="$(basename "$cap" .pcap)"
    cat "$cap" >/dev/null
    for ((r = 1; r <= runs; r++)); do
        for cpus in 2 1; do
            for b in $builds; do
                label="${b%%=*}"
                pin=()
                [[ "$cpus" == 1 ]] && pin=(taskset -c 0)
                t="$out/$name.$label.$cpus.$r.time"
                /usr/bin/time -v -o "$t" "${pin[@]}" "${b#*=}/callscope" analyze --format json "$cap" >"$out/$name.$label.json"
                awk -F': ' -v c="$name" -v l="$label" -v p="$cpus" -v r="$r" '
                    /Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (k = 1; k <= n; k++) s = s * 60 + t[k]; wall = s}
                    /User time/ {u = $2} /System time/ {sy = $2} /Maximum resident set size/ {rss = $2}
                    END {printf "%s\t%s\t%s\t%s\t%.2f\t%.2f\t%d\n", c, l, p, r, wall, u + sy, rss}' "$t" | tee -a "$out/runs.tsv"
            done
        done
    done
done
