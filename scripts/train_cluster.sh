#!/usr/bin/env bash
# Retrains the clusterer's pair model (crates/concord-cluster/src/model.json) from the dev streams,
# and reports how a model trained on one stream does on the others (a held-out check).
#   scripts/train_cluster.sh            # retrain, write model.json, print the held-out table
#   scripts/train_cluster.sh --check    # only the held-out table; model.json untouched
# Needs ../shared (CONCORD_SHARED overrides). See crates/concord-cluster/examples/train.rs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${CONCORD_SHARED:-$root/../shared}"
[ -d "$shared/tools" ] || { echo "train: $shared/tools not found; set CONCORD_SHARED" >&2; exit 1; }
cd "$root"
cargo build --release --quiet
cargo build --release --quiet -p concord-cluster --example train
target="${CARGO_TARGET_DIR:-$root/target}/release"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
sum="$shared/data/summarization"
python3 "$shared/tools/datasets.py" stream "$sum/duc2003_task2/clusters.jsonl" "$sum/multiling2011_en/clusters.jsonl" > "$tmp/dev.gold" 2>/dev/null
python3 scripts/eval_streams.py wikiref "$shared/data/clustering/wikiref220" > "$tmp/wiki.gold"
python3 scripts/eval_streams.py mstream "$shared/data/clustering/googlenews-tweets-mstream/News.jsonl" > "$tmp/news.gold"
for s in dev wiki news; do python3 scripts/eval_streams.py strip "$tmp/$s.gold" > "$tmp/$s.in"; done

score() { # model stream
    "$target/concord" cluster --model "$1" --input "$tmp/$2.in" --output "$tmp/$2.pred"
    python3 "$shared/tools/cluster_eval.py" "$tmp/$2.gold" "$tmp/$2.pred" | tail -1 |
        python3 -c 'import json,sys; d=json.load(sys.stdin); print("%.3f / %.3f" % (d["pairwise_f1"], d["bcubed_f1"]), end="")'
}

echo "pairwise F1 / BCubed F1; rows: training streams, columns: streams scored (news is never trained on)"
printf "%-22s %-16s %-16s %-16s\n" "trained on" dev wiki news
for train in dev wiki "dev wiki"; do
    files=""; for s in $train; do files="$files $tmp/$s.gold"; done
    # shellcheck disable=SC2086
    "$target/examples/train" $files > "$tmp/model.json" 2>/dev/null
    printf "%-22s" "$train"
    for s in dev wiki news; do printf " %-16s" "$(score "$tmp/model.json" "$s")"; done
    echo
done

if [ "${1:-}" != "--check" ]; then
    "$target/examples/train" "$tmp/dev.gold" "$tmp/wiki.gold" |
        sed 's#on dev.gold, wiki.gold#on the dev stream (datasets.py stream of DUC 2003 + MultiLing 2011) and WikiRef220 (scripts/eval_streams.py wikiref)#' \
        > crates/concord-cluster/src/model.json
    echo "train: wrote crates/concord-cluster/src/model.json (trained on dev + wiki); rebuild to use it"
fi
