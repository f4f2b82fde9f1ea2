#!/usr/bin/env python3
"""Text reuse on the Clough–Stevenson graded short answers: how much of each answer concord's
shared passages cover, per class (cut = near copy, light, heavy revision, non = independent).

  eval_reuse.py [--shared DIR] [--concord PATH]

Each answer and its task's source text form one story fed to `concord compare`; the answer's
coverage is the share of its characters inside shared passages. The data is read from ../shared
at run time; nothing of it is stored in this repository.
"""
import argparse
import csv
import json
import os
import statistics
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))


def read(p):
    b = open(p, "rb").read()
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        return b.decode("cp1252", errors="replace")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.environ.get("CONCORD_SHARED", os.path.join(HERE, "..", "..", "shared")))
    ap.add_argument("--concord", default=os.path.join(HERE, "..", "target", "release", "concord"))
    a = ap.parse_args()
    base = os.path.join(a.shared, "data", "reuse", "clough-stevenson-short-answers")
    rows = [r for r in csv.DictReader(open(os.path.join(base, "file_information.csv"))) if r["Category"] != "orig"]
    lines, meta = [], []
    for r in rows:
        answer = read(os.path.join(base, "texts", r["File"]))
        source = read(os.path.join(base, "texts", f"orig_task{r['Task']}.txt"))
        lines.append(json.dumps({"id": r["File"], "docs": [
            {"id": "source", "text": source}, {"id": "answer", "text": answer}]}))
        meta.append((r["Category"], len(answer)))
    out = subprocess.run([a.concord, "compare"], input="\n".join(lines) + "\n", capture_output=True,
                         text=True, check=True).stdout
    by_class = {}
    for (cls, length), line in zip(meta, out.splitlines()):
        v = json.loads(line)
        spans = sorted((s["start"], s["end"]) for p in v["shared_passages"] for s in p["articles"] if s["id"] == "answer")
        covered, last = 0, 0
        for s, e in spans:
            s = max(s, last)
            if e > s:
                covered += e - s
                last = e
        by_class.setdefault(cls, []).append(covered / max(length, 1))
    print(f"{'class':<8} {'answers':>7} {'mean':>6} {'median':>7} {'min':>6} {'max':>6}   (share of the answer inside shared passages)")
    for cls in ("cut", "light", "heavy", "non"):
        xs = by_class.get(cls, [])
        if xs:
            print(f"{cls:<8} {len(xs):>7} {statistics.mean(xs):6.2f} {statistics.median(xs):7.2f} {min(xs):6.2f} {max(xs):6.2f}")


if __name__ == "__main__":
    main()
