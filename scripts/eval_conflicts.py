#!/usr/bin/env python3
"""Conflict detection on republished copies: recall on changed facts, false alarms on copies.

  eval_conflicts.py CLUSTERS.jsonl... [--seed S] [--kind number|date|place|person|all]

For every article of the given summarization sets (../shared; datasets.py turns them into
stories) that states a fact of the kind, two stories are built: the article with a copy
"republished" by another outlet in which one such fact, picked at random, is changed, and the
article with an unchanged copy. `concord compare` runs on all of them.
  number  a count, amount, day or time gets another value
  date    a weekday becomes another weekday, a day of a month another day, a month another month
  place   a country or city (from this script's own list) becomes another one
  person  the name of someone who "said" something becomes another (invented) name
  A date line under a headline ("Tuesday, July 12, 2005") is the article's date, not a statement,
  and is never changed.
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


WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
MONTH_ABBR = {"Jan": 0, "Feb": 1, "Aug": 7, "Sept": 8, "Sep": 8, "Oct": 9, "Nov": 10, "Dec": 11}
DAY_OF_MONTH = re.compile(r"\b(" + "|".join(MONTHS + list(MONTH_ABBR)) + r")\.? (\d{1,2})\b(?!,\d|\d)")
WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")
# A month inside a sentence, not followed by a day ("in October"); "May" and "March" are left out
# because they are also ordinary words.
MONTH = re.compile(r"(?<=[a-z,] )(" + "|".join(m for m in MONTHS if m not in ("May", "March")) + r")\b(?!\.? \d)")
# Places this script picks from: countries and large cities, written independently of concord's
# own gazetteer so that the figure says how well concord's list covers real text.
PLACES = ["Afghanistan", "Albania", "Algeria", "Argentina", "Australia", "Austria", "Belgium",
          "Bolivia", "Brazil", "Bulgaria", "Cambodia", "Canada", "Chile", "China", "Colombia",
          "Croatia", "Cuba", "Denmark", "Egypt", "Ethiopia", "Finland", "France", "Germany",
          "Greece", "Haiti", "Honduras", "Hungary", "India", "Indonesia", "Iran", "Iraq",
          "Ireland", "Israel", "Italy", "Japan", "Jordan", "Kenya", "Kosovo", "Lebanon", "Libya",
          "Malaysia", "Mexico", "Morocco", "Nicaragua", "Nigeria", "Norway", "Pakistan", "Peru",
          "Poland", "Portugal", "Romania", "Russia", "Serbia", "Somalia", "Spain", "Sudan",
          "Sweden", "Syria", "Tanzania", "Thailand", "Turkey", "Uganda", "Ukraine", "Venezuela",
          "Vietnam", "Yemen", "Zimbabwe", "London", "Paris", "Berlin", "Moscow", "Beijing",
          "Tokyo", "Cairo", "Madrid", "Rome", "Washington", "Baghdad", "Jerusalem", "Nairobi",
          "Geneva", "Brussels", "Istanbul", "Tehran", "Manila", "Jakarta", "Lagos"]
PLACE = re.compile(r"\b(" + "|".join(PLACES) + r")\b(?![-'’]\w)")
# A speaker: a first and a family name right before "said" ("Gary Koren said"), neither of them
# a function word, a place or an institution word.
SPEAKER = re.compile(r"\b([A-Z][a-z]+ [A-Z][a-z]{2,}) said\b")
NOT_NAMES = {"The", "But", "And", "In", "On", "At", "An", "This", "That", "They", "He", "She", "It",
             "When", "While", "After", "Before", "Officials", "Police", "State", "Department",
             "Ministry", "Office", "House", "Court", "Party", "Army", "Government", "Council",
             "Agency", "Service", "Bank", "Union", "Committee", "Mr", "Mrs", "Ms", "Dr", "Sen",
             "Rep", "Gov", "Gen", "President", "Minister", "Secretary", "Spokesman", "Spokeswoman"}
INVENTED = ["Mara Ellison", "Tobias Krenn", "Ilse Vantongeren", "Rafael Okonjo", "Petra Lindqvist",
            "Dario Fenwick", "Nadia Brunvoll", "Oskar Marchetti"]


# A line that is only a date ("Tuesday, July 12, 2005" under a headline): the article's own date,
# metadata rather than a statement, so two reports differing there do not contradict each other.
DATE_LINE = re.compile(r"^[ \t]*(?:(?:" + "|".join(WEEKDAYS) + r"),? )?(?:" + "|".join(MONTHS) +
                       r") \d{1,2},? \d{4}[ \t]*$", re.M)


def change(kind, text, rng):
    """(changed text, original value, new value) for one fact of `kind` in `text`, or None."""
    date_lines = [(m.start(), m.end()) for m in DATE_LINE.finditer(text)]
    in_date_line = lambda m: any(a <= m.start() < b for a, b in date_lines)
    if kind == "number":
        found = [m for m in NUM.finditer(text) if not in_date_line(m)]
        if not found:
            return None
        m = rng.choice(found)
        old = m.group(1)
        value = int(old.replace(",", ""))
        new_value = value + rng.choice([1, 2, 3, 5, 10]) if value < 100 else value * 2
        new = f"{new_value:,}" if "," in old else str(new_value)
        return text[: m.start(1)] + new + text[m.end(1):], old.replace(",", ""), new.replace(",", "")
    if kind == "date":
        found = [("day", m) for m in DAY_OF_MONTH.finditer(text)] + \
                [("weekday", m) for m in WEEKDAY.finditer(text)] + \
                [("month", m) for m in MONTH.finditer(text)]
        found = [(w, m) for w, m in found if not in_date_line(m)]
        if not found:
            return None
        what, m = rng.choice(found)
        if what == "day":
            old = m.group(2)
            day = int(old)
            new = str(day + rng.choice([1, 2, 3]) if day <= 25 else day - rng.choice([1, 2, 3]))
            return text[: m.start(2)] + new + text[m.end(2):], old, new
        old = m.group(1)
        pool = WEEKDAYS if what == "weekday" else [x for x in MONTHS if x not in ("May", "March")]
        new = rng.choice([x for x in pool if x != old])
        return text[: m.start(1)] + new + text[m.end(1):], old, new
    if kind == "place":
        found = list(PLACE.finditer(text))
        if not found:
            return None
        m = rng.choice(found)
        old = m.group(1)
        new = rng.choice([p for p in PLACES if p != old and p not in text])
        return text[: m.start(1)] + new + text[m.end(1):], old, new
    if kind == "person":
        found = [m for m in SPEAKER.finditer(text)
                 if not any(w in NOT_NAMES or w in PLACES or w in WEEKDAYS or w in MONTHS
                            for w in m.group(1).split())]
        if not found:
            return None
        m = rng.choice(found)
        old = m.group(1)
        new = rng.choice(INVENTED)
        return text[: m.start(1)] + new + text[m.end(1):], old, new
    raise ValueError(kind)


def listed(value, values, kind):
    """Whether a conflict lists `value`; people by family name (concord resolves "Koren" to "Gary
    Koren"), months by full name."""
    if kind == "person":
        last = value.split()[-1]
        return any(v.split()[-1] == last for v in values)
    return value in values


def run(kind, args, shared, concord, seed):
    rng = random.Random(seed)
    stories, changes = [], []
    for path in args:
        out = subprocess.run([sys.executable, os.path.join(shared, "tools", "datasets.py"), "stories", path],
                             capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            for d in json.loads(line)["docs"]:
                text = d["text"]
                c = change(kind, text, rng)
                if c is None:
                    continue
                changed, old, new = c
                base = {"id": d["id"], "text": text, "outlet": "Original"}
                stories.append({"id": f"{d['id']}~changed", "docs": [base, {"id": "copy", "text": changed, "outlet": "Republisher"}]})
                stories.append({"id": f"{d['id']}~same", "docs": [base, {"id": "copy", "text": text, "outlet": "Republisher"}]})
                changes.append((old, new))
    result = subprocess.run([concord, "compare"], input="\n".join(json.dumps(s) for s in stories) + "\n",
                            capture_output=True, text=True, check=True).stdout.splitlines()
    hits = alarms = 0
    for k, line in enumerate(result):
        conflicts = [c for c in json.loads(line)["claims"] if c["kind"] == "conflict"]
        if k % 2 == 0:
            old, new = changes[k // 2]
            values = {v["value"] for c in conflicts for v in c.get("values", [])}
            hits += listed(old, values, kind) and listed(new, values, kind)
        else:
            alarms += bool(conflicts)
    return len(changes), hits, alarms


def main(args):
    seed, kinds = 1, ["number", "date", "place", "person"]
    if "--seed" in args:
        i = args.index("--seed")
        seed = int(args[i + 1])
        args = args[:i] + args[i + 2:]
    if "--kind" in args:
        i = args.index("--kind")
        if args[i + 1] != "all":
            kinds = [args[i + 1]]
        args = args[:i] + args[i + 2:]
    if not args:
        sys.exit(__doc__)
    shared = os.environ.get("CONCORD_SHARED", os.path.join(HERE, "..", "..", "shared"))
    concord = os.environ.get("CONCORD_BIN", os.path.join(HERE, "..", "target", "release", "concord"))
    print(f"{'changed':<8} {'articles':>8} {'recall':>15} {'false alarms':>16}")
    for kind in kinds:
        n, hits, alarms = run(kind, args, shared, concord, seed)
        if n == 0:
            print(f"{kind:<8} {0:>8}")
            continue
        print(f"{kind:<8} {n:>8} {hits / n:>6.3f} ({hits:>3}/{n:<3}) {alarms / n:>6.3f} ({alarms:>3}/{n:<3})")


if __name__ == "__main__":
    main(sys.argv[1:])
