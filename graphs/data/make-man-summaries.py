#!/usr/bin/python3
"""Writes man-summaries.csv: one-line summaries of manual pages labelled by their manual section.

Source: `apropos -l .` on a Debian 12 machine with the packages manpages, manpages-dev and the
tools installed there (the summaries are the NAME lines of the pages; GPL/BSD/MIT-licensed
documentation, quoted one line each). Only sections 1, 2, 3, 5 and 8 are kept, 120 distinct
summaries each (fixed seed), without the page name, so the model must read the sentence.
Usage: graphs/data/make-man-summaries.py > graphs/data/man-summaries.csv
"""
import csv
import random
import re
import subprocess
import sys

SECTIONS = {"1": "user command", "2": "system call", "3": "library function",
            "5": "file format", "8": "admin command"}
PER_CLASS = 120

out = subprocess.run(["apropos", "-l", "."], capture_output=True, text=True).stdout
line = re.compile(r"^(\S+) \(([0-9][a-z]*)\)\s+- (.+)$")
by_section = {s: set() for s in SECTIONS}
seen = set()
for raw in out.splitlines():
    m = line.match(raw)
    if not m or m.group(2) not in SECTIONS:
        continue
    text = m.group(3).strip().rstrip(".")
    if len(text.split()) < 3 or text.lower() in seen:
        continue
    seen.add(text.lower())
    by_section[m.group(2)].add(text)
rng = random.Random(7)
rows = []
for s, label in SECTIONS.items():
    texts = sorted(by_section[s])
    rng.shuffle(texts)
    rows += [(t, label) for t in texts[:PER_CLASS]]
rng.shuffle(rows)
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["summary", "section"])
w.writerows(rows)
