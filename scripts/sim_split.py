#!/usr/bin/env python3
"""Upper bound of a split pass: splits each finished story of a clustering with full look-ahead.

  sim_split.py GOLD.jsonl PRED.jsonl T [MIN_SIDE] > split.jsonl

GOLD: the stream with texts (datasets.py stream, or eval_streams.py); PRED: `concord cluster`
output for it. Each predicted story is cut in two by average-link agglomeration on a plain
TF-IDF of its own (lower-cased words, a few stopwords out, IDF ln(N/df) over the whole stream:
sharper than concord's, which keeps common words in), and the cut is kept, then tried again on
each side, while the mean cosine across it is below T and both sides hold MIN_SIDE (default 3)
articles. It sees every member of a story, which an online pass would not, so what it gains is
the most such a pass could gain. Score the output with cluster_eval.py (BENCHMARKS.md,
"Splitting finished stories").
"""
import collections
import json
import math
import re
import sys

STOP = set(
    "the a an of to in and or for on at by with from as is was were be been are that this it its "
    "he she they his her their said says say will would has have had not but also after before "
    "over about into than more most who which what when where there new one two three mr ms".split()
)


def main(gold_path, pred_path, threshold, min_side="3"):
    threshold, min_side = float(threshold), int(min_side)
    with open(gold_path, encoding="utf-8") as f:
        text = {d["id"]: d["text"] for d in map(json.loads, filter(str.strip, f))}
    with open(pred_path, encoding="utf-8") as f:
        pred = [json.loads(l) for l in f if l.strip()]
    tf = {
        i: collections.Counter(
            w for w in re.findall(r"[a-z][a-z0-9']+", t.lower()) if w not in STOP and len(w) > 2
        )
        for i, t in text.items()
    }
    df = collections.Counter(w for c in tf.values() for w in c)
    n = len(tf)
    vec = {}
    for i, c in tf.items():
        v = {w: (1 + math.log(k)) * math.log(n / df[w]) for w, k in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vec[i] = {w: x / norm for w, x in v.items()}

    def cos(a, b):
        if len(a) > len(b):
            a, b = b, a
        return sum(x * b.get(w, 0.0) for w, x in a.items())

    def mean_across(sim, xs, ys):
        return sum(sim[x][y] for x in xs for y in ys) / (len(xs) * len(ys))

    def split(members):
        if len(members) < 2 * min_side:
            return [members]
        sim = [[cos(vec[a], vec[b]) for b in members] for a in members]
        groups = [[k] for k in range(len(members))]
        while len(groups) > 2:
            _, x, y = max(
                (mean_across(sim, groups[x], groups[y]), x, y)
                for x in range(len(groups))
                for y in range(x + 1, len(groups))
            )
            groups[x] += groups.pop(y)
        left, right = groups
        if min(len(left), len(right)) < min_side or mean_across(sim, left, right) >= threshold:
            return [members]
        return split([members[k] for k in left]) + split([members[k] for k in right])

    stories = collections.defaultdict(list)
    for p in pred:
        stories[p["story"]].append(p["id"])
    for story, members in stories.items():
        for k, part in enumerate(split(members)):
            for i in part:
                print(json.dumps({"id": i, "story": f"{story}-{k}"}))


if __name__ == "__main__":
    main(*sys.argv[1:])
