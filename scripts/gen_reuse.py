#!/usr/bin/env python3
"""Builds a large article set with known text reuse, for `concord reuse` throughput runs.

  gen_reuse.py STORIES.jsonl N [--seed S] [--copy-rate R] > articles.jsonl 2> truth.jsonl

STORIES is any `datasets.py stories` output (articles are taken from its docs). The output has N
articles, each a source article rewritten so that no two share wording by chance: every word is
replaced, with probability 0.5, by a word drawn from the whole vocabulary, which breaks nearly
every 5-word sequence. A share R (default 0.1) of the articles then receive wire copy: two to
four consecutive sentences of another, earlier output article, inserted verbatim after their
first paragraph, with its outlet credited. Standard error gets one JSON line per insertion
{"from","to","text"}: the reuse a correct run must find. The input is read at run time; nothing
of it is stored in the repository.
"""
import json
import random
import re
import sys

SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
WORD = re.compile(r"[A-Za-z]+")


def main(args):
    seed, rate = 1, 0.1
    for flag in ("--seed", "--copy-rate"):
        if flag in args:
            i = args.index(flag)
            if flag == "--seed":
                seed = int(args[i + 1])
            else:
                rate = float(args[i + 1])
            args = args[:i] + args[i + 2:]
    if len(args) != 2:
        sys.exit(__doc__)
    path, n = args[0], int(args[1])
    rng = random.Random(seed)
    sources = [d["text"] for line in open(path, encoding="utf-8") if line.strip()
               for d in json.loads(line)["docs"]]
    vocab = sorted({w for t in sources for w in WORD.findall(t)})
    outlets = [f"Outlet {k:02d}" for k in range(40)]
    made = []
    for i in range(n):
        text = WORD.sub(lambda m: rng.choice(vocab) if rng.random() < 0.5 else m.group(0),
                        sources[i % len(sources)])
        outlet = rng.choice(outlets)
        if made and rng.random() < rate:
            j = rng.randrange(len(made))
            sents = SENT.split(made[j]["text"])
            k = rng.randrange(max(1, len(sents) - 3))
            wire = " ".join(sents[k:k + rng.randint(2, 4)])
            paras = text.split("\n\n", 1)
            text = paras[0] + "\n\n" + wire + f" ({made[j]['outlet']})\n\n" + (paras[1] if len(paras) > 1 else "")
            print(json.dumps({"from": made[j]["id"], "to": f"a{i:06d}", "text": wire}), file=sys.stderr)
        day = 1 + i * 28 // max(n, 1)
        made.append({"id": f"a{i:06d}", "outlet": outlet, "published": f"2026-02-{day:02d}", "text": text})
    for a in made:
        print(json.dumps(a))


if __name__ == "__main__":
    main(sys.argv[1:])
