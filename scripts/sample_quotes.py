#!/usr/bin/env python3
"""Quotes and their speakers on the dev stories, for reading by hand.

  sample_quotes.py [N] [SEED]        # default 40 quotes, seed 2026

Builds the dev stories (datasets.py stories of DUC 2003 and MultiLing 2011 from ../shared; set
CONCORD_SHARED to point elsewhere), runs `concord compare` (CONCORD_BIN, default
target/release/concord), prints how many quotes have a speaker, then N attributed quotes drawn at
random, each with the text around it, so that a reader can judge whether the speaker is the one
the text gives. There is no gold for speakers in ../shared; BENCHMARKS.md records the judgements.
The data is read at run time; nothing of it is stored in this repository.
"""
import json
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
shared = os.environ.get("CONCORD_SHARED", os.path.join(HERE, "..", "..", "shared"))
concord = os.environ.get("CONCORD_BIN", os.path.join(HERE, "..", "target", "release", "concord"))
n = int(sys.argv[1]) if len(sys.argv) > 1 else 40
seed = int(sys.argv[2]) if len(sys.argv) > 2 else 2026

stories = []
for name in ("duc2003_task2", "multiling2011_en"):
    path = os.path.join(shared, "data", "summarization", name, "clusters.jsonl")
    out = subprocess.run([sys.executable, os.path.join(shared, "tools", "datasets.py"), "stories", path],
                         capture_output=True, text=True, check=True).stdout
    stories += [json.loads(line) for line in out.splitlines()]
texts = {d["id"]: d["text"] for s in stories for d in s["docs"]}
result = subprocess.run([concord, "compare"], input="".join(json.dumps(s) + "\n" for s in stories),
                        capture_output=True, text=True, check=True).stdout
quotes = [q for line in result.splitlines() for q in json.loads(line)["quotes"]]
spoken = [q for q in quotes if q.get("speaker")]
print(f"{len(spoken)} of {len(quotes)} quotes have a speaker")
for i, q in enumerate(random.Random(seed).sample(spoken, min(n, len(spoken)))):
    t = texts[q["article"]]
    before = t[max(0, q["start"] - 160):q["start"]].replace("\n", " / ")
    after = t[q["end"]:q["end"] + 90].replace("\n", " / ")
    print(f"\n{i:>2}. speaker: {q['speaker']}\n    …{before}[QUOTE {q['text'][:50]}…]{after}…")
