#!/usr/bin/env python3
"""Quotes with their speakers, entities with their types, or casualty figures, on the dev stories,
for reading by hand.

  sample_compare.py quotes [N] [SEED]     # default 40 attributed quotes, seed 2026
  sample_compare.py entities [N] [SEED]   # default 40 entities named at least twice, seed 2026
  sample_compare.py figures [N] [SEED]    # default 40 figures, seed 2026 (N 0: all of them)
  sample_compare.py counts                # the three counts, no sample (scripts/eval.sh)

Builds the dev stories (datasets.py stories of DUC 2003 and MultiLing 2011 from ../shared; set
CONCORD_SHARED to point elsewhere), runs `concord compare` (CONCORD_BIN, default
target/release/concord) and prints a count, then N items drawn at random with a seed:
  quotes    how many quotes have a speaker; each drawn quote with the text around it, to judge
            whether the speaker is the one the text gives;
  entities  how many entities of each type; each drawn entity with a sentence that names it, to
            judge the type (person, organisation, place, event) and the name's extent;
  figures   how many casualty figures, in how many stories; each drawn figure with the sentence
            that first states it, to judge whether the count, what happened and whom it counts
            are the sentence's.
There is no gold for any of them in ../shared; BENCHMARKS.md records the judgements.
The data is read at run time; nothing of it is stored in this repository.
"""
import collections
import json
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
shared = os.environ.get("CONCORD_SHARED", os.path.join(HERE, "..", "..", "shared"))
concord = os.environ.get("CONCORD_BIN", os.path.join(HERE, "..", "target", "release", "concord"))
mode = sys.argv[1] if len(sys.argv) > 1 else "quotes"
if mode not in ("quotes", "entities", "figures", "counts"):
    sys.exit(__doc__)
n = int(sys.argv[2]) if len(sys.argv) > 2 else 40
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 2026

stories = []
for name in ("duc2003_task2", "multiling2011_en"):
    path = os.path.join(shared, "data", "summarization", name, "clusters.jsonl")
    out = subprocess.run([sys.executable, os.path.join(shared, "tools", "datasets.py"), "stories", path],
                         capture_output=True, text=True, check=True).stdout
    stories += [json.loads(line) for line in out.splitlines()]
texts = {d["id"]: d["text"] for s in stories for d in s["docs"]}
result = [json.loads(line) for line in
          subprocess.run([concord, "compare"], input="".join(json.dumps(s) + "\n" for s in stories),
                         capture_output=True, text=True, check=True).stdout.splitlines()]
rng = random.Random(seed)

quotes = [q for r in result for q in r["quotes"]]
spoken = [q for q in quotes if q.get("speaker")]
entities = [e for r in result for e in r["entities"]]
if mode in ("quotes", "counts"):
    print(f"{len(spoken)} of {len(quotes)} quotes have a speaker")
figures = [(r["id"], f) for r in result for f in r["figures"]]
if mode in ("figures", "counts"):
    print(f"{len(figures)} casualty figures in {len({sid for sid, _ in figures})} stories")
if mode in ("entities", "counts"):
    print(", ".join(f"{k} {v}" for k, v in sorted(collections.Counter(e["type"] for e in entities).items())),
          f"({len(entities)} entities)")
if mode == "quotes":
    for i, q in enumerate(rng.sample(spoken, min(n, len(spoken)))):
        t = texts[q["article"]]
        before = t[max(0, q["start"] - 160):q["start"]].replace("\n", " / ")
        after = t[q["end"]:q["end"] + 90].replace("\n", " / ")
        print(f"\n{i:>2}. speaker: {q['speaker']}\n    …{before}[QUOTE {q['text'][:50]}…]{after}…")
elif mode == "figures":
    drawn = figures if n == 0 else rng.sample(figures, min(n, len(figures)))
    for i, (sid, f) in enumerate(drawn):
        hedge = f"{f['hedge']} " if f.get("hedge") else ""
        who = "" if f["who"] == "people" else f"{f['who']} "
        print(f"\n{i:>2}. {sid}: {hedge}{f['count']} {who}{f['what']} ({len(f['sources'])} articles)\n"
              f"    {f['text'][:300]}")
elif mode == "entities":
    named = [e for e in entities if e["mentions"] >= 2]
    for i, e in enumerate(rng.sample(named, min(n, len(named)))):
        last = e["name"].split()[-1]
        t = next((texts[a] for a in e["articles"] if last in texts[a]), texts[e["articles"][0]])
        at = t.find(last)
        context = t[max(0, at - 110):at + 90].replace("\n", " / ")
        print(f"\n{i:>2}. {e['type']}: {e['name']} ({e['mentions']})\n    …{context}…")
