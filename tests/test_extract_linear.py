"""Extract's work grows linearly with the text, even when the text is one long paragraph.

A text with no blank lines is one paragraph; what extract carries from one sentence to
the next (whether it opens inside a quotation, the events earlier sentences dated, the
dates each candidate reports) must not be re-read from the paragraph's start for every
sentence. Timed by processor time on a text and one eight times longer, both made of the
real sentences of the shipped texts: linear work gives a ratio near 8, re-reading the
paragraph for every sentence near 64.
"""

import re
import time

from conftest import ADDED, SEEDS
from usclet.text import extract

SPEAKS = {"publisher": "Reuters", "origin": "Reuters", "side": "independent", "basis": "given"}


def real_sentences():
    found = []
    for path in sorted(SEEDS.glob("*.txt")) + sorted(ADDED.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = " ".join(line.split())
            if len(line) > 80 and line.endswith(".") and not re.match(r"\[\d+\]", line):
                found.append(line)
    return found


def one_paragraph(size):
    sentences, chosen, total = real_sentences(), [], 0
    while total < size:
        sentence = sentences[len(chosen) % len(sentences)]
        chosen.append(sentence)
        total += len(sentence) + 1
    return ("U.S. and Cuba talks\n\n" + " ".join(chosen) + "\n").encode("utf-8")


def seconds(data, runs):
    best = None
    for _ in range(runs):
        start = time.process_time()
        found = extract.extract("long.txt", data, speaks=SPEAKS)
        elapsed = time.process_time() - start
        best = elapsed if best is None else min(best, elapsed)
    return best, sum(len(candidates) for _, _, candidates in found)


def test_one_long_paragraph_extracts_in_linear_time():
    short, long = one_paragraph(20_000), one_paragraph(160_000)
    short_time, short_count = seconds(short, 3)
    long_time, long_count = seconds(long, 1)
    assert short_count > 50 and long_count > 7 * short_count  # every sentence is still read
    assert long_time / short_time < 20, (short_time, long_time)
