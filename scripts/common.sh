# Shared set-up of the bench scripts; sourced, not run:
#   . "$(dirname "$0")/common.sh"
# Sets root (the repository), shared (../shared or $CONCORD_SHARED, checked), sum (its
# summarization sets), bin (a release concord, built first) and tmp (a folder removed on exit;
# a script that needs more on exit replaces the trap and removes "$tmp" itself). Runs from root.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${CONCORD_SHARED:-$root/../shared}"
[ -d "$shared/tools" ] || { echo "bench: $shared/tools not found; set CONCORD_SHARED" >&2; exit 1; }
sum="$shared/data/summarization"
cd "$root"
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-$root/target}/release/concord"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# The line each bench prints first: what machine, what day.
machine() {
    echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%Y-%m-%d)"
}

# long_stream N [--new-names]: writes "$tmp/long.jsonl" (and long.gold, with "gold"), N articles
# replaying the dev stream (datasets.py stream of DUC 2003 + MultiLing 2011) with shifted dates
# and varied wording (scripts/gen_stream.py; --new-names: each replay's names are new words).
long_stream() {
    python3 "$shared/tools/datasets.py" stream "$sum/duc2003_task2/clusters.jsonl" "$sum/multiling2011_en/clusters.jsonl" > "$tmp/dev.gold" 2>/dev/null
    python3 scripts/gen_stream.py "$tmp/dev.gold" "$@" > "$tmp/long.gold"
    python3 scripts/eval_streams.py strip "$tmp/long.gold" > "$tmp/long.jsonl"
}
