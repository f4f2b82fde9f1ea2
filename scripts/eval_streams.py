#!/usr/bin/env python3
"""Turns the clustering dev sets that datasets.py does not cover into concord's stream JSONL.

  eval_streams.py mstream NEWS.jsonl      -> {"id","text","gold"} per headline, in file (stream) order
  eval_streams.py wikiref WIKIREF_DIR     -> {"id","text","gold"} per article, topics interleaved
  eval_streams.py strip GOLD.jsonl        -> the same lines without "gold" (what concord is fed)

The data is read from ../shared at run time; nothing from it is stored in this repository.
"""
import csv
import json
import os
import sys


def mstream(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                print(json.dumps({"id": d["Id"], "text": d["textCleaned"], "gold": str(d["clusterNo"])}))


def wikiref(folder):
    with open(os.path.join(folder, "labels.tsv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    # The files are grouped by topic; a stream interleaves them (round-robin, as datasets.py does).
    queues = {}
    for r in rows:
        queues.setdefault(r["topic"], []).append(r)
    queues = list(queues.values())
    while any(queues):
        for q in queues:
            if q:
                r = q.pop(0)
                with open(os.path.join(folder, "texts", r["file"]), encoding="cp1252", errors="replace") as t:
                    text = t.read()
                print(json.dumps({"id": r["file"], "text": text, "gold": r["topic"]}, ensure_ascii=False))


def strip(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            d.pop("gold", None)
            print(json.dumps(d, ensure_ascii=False))


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("mstream", "wikiref", "strip"):
        sys.exit(__doc__)
    {"mstream": mstream, "wikiref": wikiref, "strip": strip}[sys.argv[1]](sys.argv[2])
