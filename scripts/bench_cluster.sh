#!/usr/bin/env bash
# Throughput of `concord cluster` on long streams: articles/s and peak memory at growing lengths,
# with the default threads (one analysis thread per CPU but the deciding one), and with one
# analysis thread per CPU for reference; then analysis and deciding timed apart.
#   scripts/bench_cluster.sh [--new-names] [N ...]   # default: 10000 50000 100000 200000
# The stream replays the dev stream (datasets.py stream of DUC 2003 + MultiLing 2011) with shifted
# dates and varied wording (scripts/gen_stream.py). With --new-names each replay's people, places
# and organisations are new words, so the vocabulary grows as a real stream's does (the plain
# replay's whole vocabulary is about 12,000 terms, which flatters every cache). Needs ../shared
# (CONCORD_SHARED overrides) and GNU time at /usr/bin/time.
names=(); if [ "${1:-}" = "--new-names" ]; then names=(--new-names); shift; fi
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(10000 50000 100000 200000)
max=0; for n in "${sizes[@]}"; do [ "$n" -gt "$max" ] && max=$n; done
. "$(dirname "$0")/common.sh"
long_stream "$max" "${names[@]}"
machine
printf "%8s %10s %10s %14s %14s %10s\n" jobs articles seconds articles/s "µs/article" "peak MB"
run() { # jobs n
    head -n "$2" "$tmp/long.jsonl" > "$tmp/in.jsonl"
    /usr/bin/time -f "%e %M" -o "$tmp/time" "$bin" cluster ${1:+--jobs "$1"} --input "$tmp/in.jsonl" --output /dev/null
    read -r secs kb < "$tmp/time"
    awk -v j="${1:-default}" -v n="$2" -v s="$secs" -v kb="$kb" 'BEGIN { printf "%8s %10d %10.2f %14.0f %14.1f %10.1f\n", j, n, s, n / s, s * 1e6 / n, kb / 1024 }'
}
# One analysis thread per CPU (the default until 2026-11-23), as the reference in the same run.
run "$(nproc)" "${sizes[0]}"
for n in "${sizes[@]}"; do run "" "$n"; done
# The two stages apart, each on one thread, on the first 20k articles (examples/stages.rs):
# steadier than the pipeline's wall time on a shared machine, and it says which stage bounds it.
head -n 20000 "$tmp/long.jsonl" > "$tmp/in.jsonl"
cargo run --release --quiet -p concord-cluster --example stages -- "$tmp/in.jsonl" --repeat 3
