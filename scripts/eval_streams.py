#!/usr/bin/env python3
"""Turns the clustering dev sets that datasets.py does not cover into concord's stream JSONL.

  eval_streams.py mstream NEWS.jsonl      -> {"id","text","gold"} per headline, in file (stream) order
  eval_streams.py wikiref WIKIREF_DIR     -> {"id","text","gold"} per article, topics interleaved
  eval_streams.py strip GOLD.jsonl        -> the same lines without "gold" (what concord is fed)
  eval_streams.py parts GOLD.jsonl PRED.jsonl [SHARE]
                                          -> pairwise P / R / F1 over the pairs within the first
                                             SHARE of the stream (default 0.2) and within the rest:
                                             where in the stream the errors are

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


def parts(gold_path, pred_path, share="0.2"):
    with open(gold_path, encoding="utf-8") as f:
        gold = [(d["id"], d["gold"]) for d in map(json.loads, filter(str.strip, f))]
    with open(pred_path, encoding="utf-8") as f:
        pred = {d["id"]: d["story"] for d in map(json.loads, filter(str.strip, f))}
    cut = int(len(gold) * float(share))

    def pairwise(items):
        tp = fp = fn = 0
        for i, (a, ga) in enumerate(items):
            for b, gb in items[i + 1 :]:
                same_gold, same_pred = ga == gb, pred[a] == pred[b]
                tp += same_gold and same_pred
                fp += same_pred and not same_gold
                fn += same_gold and not same_pred
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}"

    print(f"first {cut:6d} articles: {pairwise(gold[:cut])}")
    print(f"rest  {len(gold) - cut:6d} articles: {pairwise(gold[cut:])}")


if __name__ == "__main__":
    # Each command with the numbers of arguments it takes.
    commands = {"mstream": (mstream, {1}), "wikiref": (wikiref, {1}), "strip": (strip, {1}), "parts": (parts, {2, 3})}
    command, args = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("", [])
    if command not in commands or len(args) not in commands[command][1]:
        sys.exit(__doc__)
    commands[command][0](*args)
