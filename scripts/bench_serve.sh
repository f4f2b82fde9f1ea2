#!/usr/bin/env bash
# Latency of `concord serve` on a large store: p50/p99 of search, the story API and the story
# page under wrk on loopback, and the time to ingest the articles first.
#   scripts/bench_serve.sh [N]            # default 100000 articles
# The articles replay the dev stream (datasets.py stream of DUC 2003 + MultiLing 2011) with
# shifted dates and varied wording (scripts/gen_stream.py). Needs ../shared (CONCORD_SHARED
# overrides), wrk (Debian: apt-get install wrk) and GNU time at /usr/bin/time.
command -v wrk >/dev/null || { echo "bench: wrk not found (apt-get install wrk)" >&2; exit 1; }
n="${1:-100000}"
. "$(dirname "$0")/common.sh"
# The store and its write-ahead log take about 3 GB per 100,000 articles (one ingest batch is one
# transaction); a full disk would end the ingest half-way.
need_kb=$(( n * 40 ))
free_kb=$(df -Pk "$tmp" | awk 'NR == 2 { print $4 }')
if [ "$free_kb" -lt "$need_kb" ]; then
    echo "bench: $((free_kb / 1024)) MB free in $tmp, about $((need_kb / 1024)) MB needed for $n articles" >&2
    exit 1
fi
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$tmp"' EXIT
long_stream "$n"
machine
/usr/bin/time -f "%e %M" -o "$tmp/time" "$bin" --db "$tmp/c.db" ingest "$tmp/long.jsonl" 2> "$tmp/ingest.log" || status=$?
# Exit status 2 is "some lines rejected"; anything else means the ingest itself failed.
if [ "${status:-0}" -ne 0 ] && [ "${status:-0}" -ne 2 ]; then
    echo "bench: the ingest failed (exit status $status):" >&2
    tail -5 "$tmp/ingest.log" >&2
    exit 1
fi
read -r secs kb < <(tail -1 "$tmp/time")
echo "ingest: $n articles in ${secs} s ($(awk -v n="$n" -v s="$secs" 'BEGIN { printf "%.0f", n / s }') articles/s), peak $((kb / 1024)) MB; $(tail -1 "$tmp/ingest.log")"
story=$("$bin" --db "$tmp/c.db" stories --format json --limit 1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["stories"][0]["id"])')
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin" --db "$tmp/c.db" serve --addr "127.0.0.1:$port" 2> "$tmp/serve.log" &
server=$!
for _ in $(seq 50); do grep -q "serving" "$tmp/serve.log" 2>/dev/null && break; sleep 0.2; done
printf "%-34s %10s %10s %10s %12s\n" request p50 p90 p99 requests/s
for path in "/api/search?q=election" "/api/search?q=prime+minister&limit=20" "/api/search?entity=Yeltsin" "/api/stories/$story" "/stories/$story" "/api/stories" "/" "/?outlet=APW"; do
    wrk -t2 -c8 -d10s --latency "http://127.0.0.1:$port$path" > "$tmp/wrk" 2>&1
    awk -v p="$path" '
        $1 == "50%" { p50 = $2 } $1 == "90%" { p90 = $2 } $1 == "99%" { p99 = $2 }
        $1 == "Requests/sec:" { rps = $2 }
        END { label = p; sub(/\/stories\/[^?]+$/, "/stories/ID", label); sub(/\/api\/stories\/[^?]+$/, "/api/stories/ID", label);
              printf "%-34s %10s %10s %10s %12s\n", label, p50, p90, p99, rps }' "$tmp/wrk"
done
echo "(the biggest story: $(curl -s "http://127.0.0.1:$port/api/stories/$story" | python3 -c 'import json,sys; s=json.load(sys.stdin); print(len(s["articles"]), "articles")'))"
