#!/usr/bin/env bash
# Reproduces the quality figures in BENCHMARKS.md with the project's judges in ../shared/tools.
#   scripts/eval.sh            # all sets
# Needs: python3 with rouge-score (pip install rouge-score). CONCORD_SHARED overrides ../shared.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${CONCORD_SHARED:-$root/../shared}"
if [ ! -d "$shared/tools" ]; then
    echo "eval: $shared/tools not found; set CONCORD_SHARED to the shared data folder" >&2
    exit 1
fi
python3 -c 'import rouge_score' 2>/dev/null || { echo "eval: pip install rouge-score" >&2; exit 1; }
cd "$root"
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-$root/target}/release/concord"
tools="$shared/tools"
sum="$shared/data/summarization"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "== Summaries (concord summarize; ROUGE recall, rouge_eval.py)"
python3 "$tools/datasets.py" stories "$sum/duc2003_task2/clusters.jsonl" > "$tmp/duc.jsonl"
"$bin" summarize --words 100 --input "$tmp/duc.jsonl" --output "$tmp/duc.out"
echo "-- DUC 2003 task 2, 100 words"
python3 "$tools/rouge_eval.py" "$sum/duc2003_task2/clusters.jsonl" "$tmp/duc.out" --words 100
python3 "$tools/datasets.py" stories "$sum/multiling2011_en/clusters.jsonl" > "$tmp/ml.jsonl"
"$bin" summarize --words 250 --input "$tmp/ml.jsonl" --output "$tmp/ml.out"
echo "-- MultiLing 2011 English, 250 words"
python3 "$tools/rouge_eval.py" "$sum/multiling2011_en/clusters.jsonl" "$tmp/ml.out" --words 250

echo
echo "== Story clustering (concord cluster, online; cluster_eval.py)"
cluster() { # name gold.jsonl
    python3 "$root/scripts/eval_streams.py" strip "$2" > "$tmp/in.jsonl"
    "$bin" cluster --input "$tmp/in.jsonl" --output "$tmp/pred.jsonl"
    echo "-- $1 ($(wc -l < "$tmp/in.jsonl") articles)"
    python3 "$tools/cluster_eval.py" "$2" "$tmp/pred.jsonl"
}
python3 "$tools/datasets.py" stream "$sum/duc2003_task2/clusters.jsonl" "$sum/multiling2011_en/clusters.jsonl" > "$tmp/dev.gold" 2>/dev/null
cluster "DUC 2003 + MultiLing 2011 stream (datasets.py stream)" "$tmp/dev.gold"
python3 "$root/scripts/eval_streams.py" mstream "$shared/data/clustering/googlenews-tweets-mstream/News.jsonl" > "$tmp/news.gold"
cluster "MStream Google News headlines (News.jsonl)" "$tmp/news.gold"
python3 "$root/scripts/eval_streams.py" wikiref "$shared/data/clustering/wikiref220" > "$tmp/wiki.gold"
cluster "WikiRef220 (16 fine topics, interleaved)" "$tmp/wiki.gold"

echo
echo "== Text reuse (concord compare shared passages; Clough-Stevenson short answers)"
python3 "$root/scripts/eval_reuse.py" --shared "$shared" --concord "$bin"

echo
echo "== Conflicts (changed numbers, dates, places, speakers in republished copies of the dev articles)"
CONCORD_BIN="$bin" CONCORD_SHARED="$shared" python3 "$root/scripts/eval_conflicts.py" "$sum/duc2003_task2/clusters.jsonl" "$sum/multiling2011_en/clusters.jsonl"

echo
echo "== Quotes with a speaker, casualty figures, entities by type, on the dev stories (scripts/sample_compare.py quotes|figures|entities N for a sample to read)"
CONCORD_BIN="$bin" CONCORD_SHARED="$shared" python3 "$root/scripts/sample_compare.py" counts

echo
echo "== Article extraction (concord extract; extraction_eval.py)"
"$bin" extract "$shared/data/extraction/aeb-dev/html" --output "$tmp/extract.jsonl"
echo "-- article-extraction benchmark, dev half (88 pages)"
python3 "$tools/extraction_eval.py" "$shared/data/extraction/aeb-dev/ground-truth.json" "$tmp/extract.jsonl"
