#!/usr/bin/env python3
"""Builds a long synthetic stream for throughput runs by replaying a gold stream.

  gen_stream.py GOLD.jsonl N [--seed S] [--new-names] > stream.jsonl

GOLD.jsonl is a stream with "gold" labels (datasets.py stream writes one). The output has N
articles: the input replayed again and again, each replay R with
  - ids and gold stories suffixed "~R" (each replay's events are new events),
  - dates shifted forward by R * (the input's date span + 60 days), so that replays do not
    overlap in time and old stories age out of the clusterer's window; undated articles get
    dates spread over their replay's span, in arrival order,
  - varied wording: each paragraph-sized block of sentences is kept with probability 0.85,
    adjacent sentences are swapped now and then, and numbers are perturbed,
so that no two replays are byte-identical. Output keeps "gold", so a run can also be scored.
With --new-names, each replay also renames its people, places and organisations: every
capitalized word of four letters or more becomes an invented word of that replay, so that the
vocabulary keeps growing as a real stream's does (new names every day), where a plain replay
reuses the input's words.
The input is read at run time; nothing of it is stored in the repository.
"""
import datetime
import hashlib
import json
import random
import re
import sys

SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
NUM = re.compile(r"\b\d{2,}\b")
NAME = re.compile(r"\b[A-Z][a-z]{3,}\b")
SYLLABLES = ["ka", "lo", "mir", "ta", "ven", "dor", "si", "ul", "bra", "ne", "zo", "pe", "rin", "gu", "ha", "tes"]


def invented(word, replay):
    """A pronounceable capitalized word for `word` in replay `replay` (stable within a replay)."""
    h = int.from_bytes(hashlib.blake2b(f"{word}~{replay}".encode(), digest_size=8).digest(), "big")
    parts = []
    for _ in range(4 + h % 3):
        h //= 16
        parts.append(SYLLABLES[h % 16])
    return "".join(parts).capitalize()


def vary(text, rng):
    sents = SENT.split(text)
    kept = [s for s in sents if rng.random() < 0.85] or sents[:1]
    for i in range(len(kept) - 1):
        if rng.random() < 0.1:
            kept[i], kept[i + 1] = kept[i + 1], kept[i]
    out = " ".join(kept)
    return NUM.sub(lambda m: str(int(m.group()) + rng.randint(-2, 2)) if rng.random() < 0.3 else m.group(), out)


def main(args):
    if len(args) < 2:
        sys.exit(__doc__)
    path, n = args[0], int(args[1])
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 1
    new_names = "--new-names" in args
    rng = random.Random(seed)
    docs = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    dates = [datetime.date.fromisoformat(d["published"][:10]) for d in docs if d.get("published")]
    start = min(dates) if dates else datetime.date(2000, 1, 1)
    span = ((max(dates) - start).days if dates else 30) + 1
    period = span + 60
    written, r = 0, 0
    out = sys.stdout
    while written < n:
        base = start + datetime.timedelta(days=r * period)
        for i, d in enumerate(docs):
            if written >= n:
                break
            if d.get("published"):
                day = base + (datetime.date.fromisoformat(d["published"][:10]) - start)
            else:
                day = base + datetime.timedelta(days=i * span // len(docs))
            text = vary(d["text"], rng)
            if new_names:
                text = NAME.sub(lambda m: invented(m.group(), r), text)
            doc = {"id": f'{d["id"]}~{r}', "text": text, "published": day.isoformat(),
                   "gold": f'{d["gold"]}~{r}'}
            if d.get("outlet"):
                doc["outlet"] = d["outlet"]
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
            written += 1
        r += 1


if __name__ == "__main__":
    main(sys.argv[1:])
