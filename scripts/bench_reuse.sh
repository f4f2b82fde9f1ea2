#!/usr/bin/env bash
# Throughput of `concord reuse` (shared passages across stories): seconds and peak memory to find
# every passage shared among N articles, and the share of the planted wire copy it finds.
#   scripts/bench_reuse.sh [N ...]        # default: 1000 10000
# Articles are the dev stories' documents (DUC 2003 + MultiLing 2011 through datasets.py)
# rewritten by scripts/gen_reuse.py so that only planted wire copy is shared. Needs ../shared
# (CONCORD_SHARED overrides) and GNU time at /usr/bin/time.
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
. "$(dirname "$0")/common.sh"
for set in duc2003_task2 multiling2011_en; do
    python3 "$shared/tools/datasets.py" stories "$sum/$set/clusters.jsonl"
done > "$tmp/stories.jsonl"
machine
printf "%8s %8s %10s %10s %10s %16s\n" articles MB seconds "peak MB" passages "planted found"
for n in "${sizes[@]}"; do
    python3 scripts/gen_reuse.py "$tmp/stories.jsonl" "$n" > "$tmp/in.jsonl" 2> "$tmp/truth.jsonl"
    /usr/bin/time -f "%e %M" -o "$tmp/time" "$bin" reuse --input "$tmp/in.jsonl" --output "$tmp/out.jsonl"
    read -r secs kb < "$tmp/time"
    found=$(python3 - "$tmp/truth.jsonl" "$tmp/out.jsonl" <<'PY'
import json, sys
linked = set()
for line in open(sys.argv[2]):
    ids = sorted({a["id"] for a in json.loads(line)["articles"]})
    linked.update((a, b) for i, a in enumerate(ids) for b in ids[i + 1:])
truth = [json.loads(l) for l in open(sys.argv[1])]
hits = sum(tuple(sorted((t["from"], t["to"]))) in linked for t in truth)
print(f"{hits}/{len(truth)}")
PY
)
    awk -v n="$n" -v mb="$(du -m "$tmp/in.jsonl" | cut -f1)" -v s="$secs" -v kb="$kb" -v p="$(wc -l < "$tmp/out.jsonl")" -v f="$found" \
        'BEGIN { printf "%8d %8d %10.2f %10.1f %10d %16s\n", n, mb, s, kb / 1024, p, f }'
done
