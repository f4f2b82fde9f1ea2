#!/usr/bin/env python3
"""Conflict detection on republished copies: recall on changed numbers, false alarms on copies.

  eval_conflicts.py CLUSTERS.jsonl... [--seed S]

For every article of the given summarization sets (../shared; datasets.py turns them into
stories) that states a number, two stories are built: the article with a copy "republished"
by another outlet in which one number (a count, amount, day or time, picked at random) is
changed, and the article with an unchanged copy. `concord compare` runs on all of them.
  recall       = changed stories whose conflicts list both the original and the changed value
  false alarms = unchanged-copy stories with any conflict
The data is read at run time; nothing of it is stored in this repository.
"""
import json
import os
import random
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# A standalone number: not part of a decimal, a hyphenated range or model name ("1973-90",
# "MD-11"), which a republisher does not restate as a different quantity.
NUM = re.compile(r"(?<![\w.,:\-])(\d{1,3}(?:,\d{3})+|\d+)(?![\w\-]|[,.:]\d)")


def main(args):
    seed = 1
    if "--seed" in args:
        i = args.index("--seed")
        seed = int(args[i + 1])
        args = args[:i] + args[i + 2:]
    if not args:
        sys.exit(__doc__)
    shared = os.environ.get("CONCORD_SHARED", os.path.join(HERE, "..", "..", "shared"))
    concord = os.environ.get("CONCORD_BIN", os.path.join(HERE, "..", "target", "release", "concord"))
    rng = random.Random(seed)
    stories, changes = [], []
    for path in args:
        out = subprocess.run([sys.executable, os.path.join(shared, "tools", "datasets.py"), "stories", path],
                             capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            for d in json.loads(line)["docs"]:
                text = d["text"]
                found = list(NUM.finditer(text))
                if not found:
                    continue
                m = rng.choice(found)
                old = m.group(1)
                value = int(old.replace(",", ""))
                new_value = value + rng.choice([1, 2, 3, 5, 10]) if value < 100 else value * 2
                new = f"{new_value:,}" if "," in old else str(new_value)
                changed = text[: m.start(1)] + new + text[m.end(1):]
                base = {"id": d["id"], "text": text, "outlet": "Original"}
                stories.append({"id": f"{d['id']}~changed", "docs": [base, {"id": "copy", "text": changed, "outlet": "Republisher"}]})
                stories.append({"id": f"{d['id']}~same", "docs": [base, {"id": "copy", "text": text, "outlet": "Republisher"}]})
                changes.append((old.replace(",", ""), new.replace(",", "")))
    result = subprocess.run([concord, "compare"], input="\n".join(json.dumps(s) for s in stories) + "\n",
                            capture_output=True, text=True, check=True).stdout.splitlines()
    hits = alarms = 0
    for k, line in enumerate(result):
        conflicts = [c for c in json.loads(line)["claims"] if c["kind"] == "conflict"]
        if k % 2 == 0:
            old, new = changes[k // 2]
            values = {v["value"] for c in conflicts for v in c.get("values", [])}
            hits += old in values and new in values
        else:
            alarms += bool(conflicts)
    n = len(changes)
    print(f"articles with numbers: {n}")
    print(f"recall on changed numbers: {hits / n:.3f} ({hits}/{n})")
    print(f"false alarms on unchanged copies: {alarms / n:.3f} ({alarms}/{n})")


if __name__ == "__main__":
    main(sys.argv[1:])
