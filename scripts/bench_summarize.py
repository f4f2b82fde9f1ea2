#!/usr/bin/env python3
"""Side-by-side: concord summarize vs sumy's LexRank and TextRank, ROUGE and time per story.

  bench_summarize.py CLUSTERS.jsonl [--words 100] [--rounds 3] [--concord PATH]

CLUSTERS is a summarization set in ../shared (e.g. duc2003_task2/clusters.jsonl). The stories are
built with ../shared/tools/datasets.py, every system gets the same stories and the same word budget,
and ../shared/tools/rouge_eval.py scores them all in one table. Times are wall-clock per story:
for concord, the whole `concord summarize` process (start-up, reading, writing) divided by the
number of stories, best of three, with its default threads (one per CPU) and with --jobs 1; for sumy, parsing plus summarizing each story inside Python (imports excluded), best of three calls. All systems
are timed in each of --rounds interleaved rounds; ratios are taken within a round and the median
round is reported, so that the machine's slow spells do not favour either side.

sumy's default tokenizer needs NLTK's punkt data, which is not installable offline here, so both
peers get the same small regex tokenizer (sentence ends at . ! ? followed by a capital or quote).
Each peer is asked for the fewest top sentences that reach the word budget (its summary is cut at
the budget by the scorer, like concord's). Needs: pip install sumy rouge-score.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

from sumy.nlp.stemmers import Stemmer
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

HERE = os.path.dirname(os.path.abspath(__file__))


class RegexTokenizer:
    language = "english"
    _SENT = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
    _WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")

    def to_sentences(self, paragraph):
        return [s.strip() for s in self._SENT.split(paragraph) if s.strip()]

    def to_words(self, sentence):
        return self._WORD.findall(sentence)


def peer(summarizer_cls, text, words, k=None):
    """Summary of `text` and the seconds the answering call took. Without `k`, first finds the
    fewest top sentences that reach `words` (untimed); returns (summary, seconds, k)."""
    tok = RegexTokenizer()
    summarizer = summarizer_cls(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    if k is None:
        doc = PlaintextParser.from_string(text, tok).document
        n_sent = len(doc.sentences)
        k = 1
        while True:
            out = [str(s) for s in summarizer(doc, k)]
            if sum(len(s.split()) for s in out) >= words or k >= n_sent:
                break
            k += 1
    # Only the call that produced the answer counts: what a user asking for k sentences runs.
    # Best of three, like concord's runs.
    elapsed = None
    for _ in range(3):
        t0 = time.perf_counter()
        doc = PlaintextParser.from_string(text, tok).document
        out = [str(s) for s in summarizer(doc, k)]
        t = time.perf_counter() - t0
        elapsed = t if elapsed is None else min(elapsed, t)
    return " ".join(out), elapsed, k


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("clusters")
    ap.add_argument("--words", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--concord", default=os.path.join(HERE, "..", "target", "release", "concord"))
    ap.add_argument("--shared", default=os.environ.get("CONCORD_SHARED", os.path.join(HERE, "..", "..", "shared")))
    a = ap.parse_args()
    tools = os.path.join(a.shared, "tools")
    tmp = tempfile.mkdtemp()
    stories_path = os.path.join(tmp, "stories.jsonl")
    with open(stories_path, "w", encoding="utf-8") as f:
        subprocess.run([sys.executable, os.path.join(tools, "datasets.py"), "stories", a.clusters], stdout=f, check=True)
    stories = [json.loads(l) for l in open(stories_path, encoding="utf-8") if l.strip()]

    out_path = os.path.join(tmp, "concord.jsonl")
    peers_dir = os.path.join(tmp, "peers")
    os.makedirs(peers_dir)
    peers = (("LexRank", LexRankSummarizer), ("TextRank", TextRankSummarizer))
    ks = {}
    # Rounds interleave every system, so that a slow spell of the machine hits all of them; the
    # ratios are taken within each round and the median round is reported.
    rounds = []
    for r in range(a.rounds):
        times = {}
        for name, extra in (("concord", []), ("concord --jobs 1", ["--jobs", "1"])):
            best = None
            for _ in range(3):  # best of three runs of the whole process
                t0 = time.perf_counter()
                subprocess.run([a.concord, "summarize", "--words", str(a.words), "--input", stories_path,
                                "--output", out_path] + extra, check=True)
                t = time.perf_counter() - t0
                best = t if best is None else min(best, t)
            times[name] = best / len(stories)
        for name, cls in peers:
            total = 0.0
            for s in stories:
                text = "\n\n".join(d["text"] for d in s["docs"])
                summary, t, k = peer(cls, text, a.words, ks.get((name, s["id"])))
                ks[(name, s["id"])] = k
                total += t
                if r == 0:
                    with open(os.path.join(peers_dir, f"{s['id']}.sumy-{name}"), "w", encoding="utf-8") as f:
                        f.write(summary)
            times[f"sumy-{name}"] = total / len(stories)
        rounds.append(times)
        print(f"round {r + 1}: " + ", ".join(f"{n} {t * 1000:.1f} ms" for n, t in times.items()), file=sys.stderr)

    print(f"== ROUGE recall, {a.words} words, {len(stories)} stories (rouge_eval.py)")
    subprocess.run([sys.executable, os.path.join(tools, "rouge_eval.py"), a.clusters, out_path,
                    "--words", str(a.words), "--peers", peers_dir], check=True)
    print(f"\n== time per story (wall clock; median of {a.rounds} interleaved rounds)")
    median = lambda xs: sorted(xs)[len(xs) // 2]
    for name in rounds[0]:
        t = median([r[name] for r in rounds])
        line = f"{name:<16} {t * 1000:9.1f} ms"
        if not name.startswith("concord"):
            two = [r[name] / r["concord"] for r in rounds]
            one = [r[name] / r["concord --jobs 1"] for r in rounds]
            line += (f"   concord is {median(two):.0f}x faster ({median(one):.0f}x on one thread);"
                     f" per round {', '.join(f'{x:.0f}x' for x in two)}")
        print(line)


if __name__ == "__main__":
    main()
