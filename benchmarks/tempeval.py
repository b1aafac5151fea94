"""Scores usclet's date resolver on the TempEval-3 platinum test set, beside dateparser and HeidelTime.

    python benchmarks/tempeval.py            # the figures (also printed by benchmarks/devcorpus.py)
    python benchmarks/tempeval.py --misses   # and every expression usclet gets wrong

The 20 documents are in benchmarks/tempeval3/ (its README gives source and licence).
For every TIMEX3 in a document's TEXT of type DATE whose gold value is a calendar date
(YYYY, YYYY-MM or YYYY-MM-DD; not PRESENT_REF, weeks, seasons, decades, ...), the
sentence holding it (usclet's own sentence splitter, within blank-line paragraphs) is
resolved alone with the document creation time (the TIMEX3 whose functionInDocument is
CREATION_TIME) as its publication date, by `usclet.text.resolve.resolve_sentence`, the
resolver extract applies to a sentence. The gold span is matched to the found expression
overlapping it most (ties: the first); it is right when that expression's value equals
the gold value exactly (same precision), and invents precision when it is finer. An
expression usclet reads as a span ("2009-2010", "1957-58") gives its start to a gold
expression on its first number and its end to one after it. Each miss is classed by
what went wrong (not found, found but not resolved, wrong value, finer or coarser than
gold) and by the shape of the gold words (a weekday, a relative phrase, a bare year, ...).

dateparser is scored on the same sentences and spans: `search_dates` with the creation
time as RELATIVE_BASE, precision from DateDataParser's period (see scoring.py).

HeidelTime's published TempEval-3 figure is printed beside them for reference. It is a
different measure: value F1 over every TIMEX3 type, where expressions it misses or
invents count against it; ours is the value's accuracy on the gold calendar-date spans.
"""

import argparse
import html
import re
import sys
from collections import Counter
from pathlib import Path

from scoring import best_overlap, dateparser_dates, finer, percent

ROOT = Path(__file__).resolve().parent.parent
FOLDER = Path(__file__).resolve().parent / "tempeval3"
# UzZaman et al. 2013, "SemEval-2013 Task 1: TempEval-3: Evaluating Time Expressions, Events,
# and Temporal Relations", SemEval 2013, results of task A (temporal expressions) on the
# platinum test set: HeidelTime-t, the best value F1 of the task.
HEIDELTIME = {"system": "HeidelTime-t", "value_f1": 77.61, "relaxed_f1": 90.30, "strict_f1": 81.34,
              "measure": "value F1 over all TIMEX3 types (DATE, TIME, DURATION, SET): an expression counts "
                         "when its extent overlaps a gold one and its value equals the gold value, so "
                         "expressions it does not find lower recall and spurious ones lower precision",
              "source": "UzZaman et al. 2013, SemEval-2013 Task 1: TempEval-3, task A results, platinum test set"}
CALENDAR_RE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TAG_RE = re.compile(r"<(/?)(\w+)([^>]*)>|([^<]+)")


def document_of(path):
    """{name, dct, text, timexes: [{start, end, type, value, words}]} of one .tml file: the text
    of its TEXT element with the tags removed (entities decoded), offsets into that text."""
    source = Path(path).read_text(encoding="utf-8")
    dct = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*value="([^"]+)"', source) or \
        re.search(r'<TIMEX3[^>]*value="([^"]+)"[^>]*functionInDocument="CREATION_TIME"', source)
    body = source[source.index("<TEXT>") + len("<TEXT>"):source.index("</TEXT>")]
    pieces, timexes, opened, length = [], [], None, 0
    for match in TAG_RE.finditer(body):
        closing, tag, attributes, words = match.groups()
        if words is not None:
            words = html.unescape(words)
            pieces.append(words)
            length += len(words)
        elif tag == "TIMEX3" and not closing:
            opened = (length, dict(re.findall(r'(\w+)="([^"]*)"', attributes)))
        elif tag == "TIMEX3" and closing and opened is not None:
            start, attributes = opened
            timexes.append({"start": start, "end": length, "type": attributes.get("type"),
                            "value": attributes.get("value"), "tid": attributes.get("tid")})
            opened = None
    text = "".join(pieces)
    for timex in timexes:
        timex["words"] = text[timex["start"]:timex["end"]]
    return {"name": Path(path).stem, "dct": dct.group(1)[:10], "text": text, "timexes": timexes}


def sentences(text):
    """Offsets of the sentences of a document: usclet's splitter within blank-line paragraphs."""
    from usclet.text import sentences

    found = []
    for paragraph in re.finditer(r"(?:[^\n]|\n(?!\s*\n))+", text):
        found.extend(sentences.split_sentences(text, paragraph.start(), paragraph.end()))
    return found


def _sentence_of(spans, start, end):
    """(start, end) of the sentence(s) holding [start, end)."""
    first = next((s for s in spans if s[0] <= start < s[1]), None)
    last = next((s for s in spans if s[0] < end <= s[1]), first)
    if first is None:
        return (start, end)
    return (first[0], max(first[1], last[1] if last else first[1]))


def _usclet_value(found, start, end, sentence):
    """The value usclet gives the gold span [start, end) of a sentence, and the kind of
    expression it came from: (None, "none") when nothing it found overlaps."""
    match = best_overlap(start, end, found)
    if match is None:
        return None, "none"
    a, b, date, end_date, kind = match
    first_number = re.search(r"\d+", sentence[a:b])
    if end_date and first_number and start >= a + first_number.end():
        return end_date, kind  # the later part of a span read as one ("58" of "1957-58"): its end
    return date, kind


def words_class(words):
    """The class of a gold expression's words, for aggregating where resolution fails."""
    lowered = words.lower()
    if re.search(r"\b(?:today|yesterday|tomorrow|tonight)\b", lowered):
        return "today/yesterday/tomorrow"
    if re.search(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", lowered):
        return "weekday"
    if re.search(r"\b(?:last|next|this|past|previous|coming|earlier|later|ago|current)\b", lowered):
        return "relative (last/next/this/ago)"
    month = r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    if re.search(month, lowered) and re.search(r"\d", lowered):
        return "month with day or year"
    if re.search(month, lowered):
        return "month name alone"
    if re.fullmatch(r"(?:the |in |of )?(?:mid-|early |late )?\d{4}s?", lowered.strip()):
        return "bare year"
    if re.search(r"\d", lowered):
        return "other numeric"
    return "other words"


def score(folder=FOLDER, baseline=True):
    """TempEval-3 calendar-date value accuracy of usclet and dateparser on the same spans:
    {"spans", "documents", "usclet": {right, invented}, "dateparser": {...} or None,
    "failures": {class: count}, "misses": [...], "heideltime": {...}}."""
    from usclet.text import resolve

    result = {"documents": 0, "spans": 0, "usclet": {"right": 0, "invented": 0},
              "dateparser": {"right": 0, "invented": 0} if baseline else None,
              "failures": Counter(), "misses": [], "heideltime": HEIDELTIME}
    for path in sorted(Path(folder).glob("*.tml")):
        document = document_of(path)
        result["documents"] += 1
        text, dct = document["text"], document["dct"]
        spans = sentences(text)
        cache = {}
        for timex in document["timexes"]:
            if timex["type"] != "DATE" or not CALENDAR_RE.fullmatch(timex["value"] or ""):
                continue
            result["spans"] += 1
            s_start, s_end = _sentence_of(spans, timex["start"], timex["end"])
            sentence = text[s_start:s_end]
            start, end = timex["start"] - s_start, timex["end"] - s_start
            if (s_start, s_end) not in cache:
                found = [(x.start, x.end, r.date, r.end_date, x.kind) for x, r in resolve.resolve_sentence(sentence, dct)]
                theirs = dateparser_dates(sentence, dct) if result["dateparser"] is not None else None
                cache[(s_start, s_end)] = (found, theirs)
            found, theirs = cache[(s_start, s_end)]
            gold = timex["value"]
            value, kind = _usclet_value(found, start, end, sentence)
            if value == gold:
                result["usclet"]["right"] += 1
            else:
                result["usclet"]["invented"] += finer(value, gold)
                how = "not found" if kind == "none" else "found, not resolved" if value is None else \
                    "finer than gold" if finer(value, gold) else "coarser than gold" if finer(gold, value) \
                    else "wrong value"
                result["failures"][f"{how}: {words_class(timex['words'])}"] += 1
                result["misses"].append(f"{document['name']} {timex['words']!r} (DCT {dct}): expected {gold}, "
                                        f"got {value} ({how}, {kind})")
            if result["dateparser"] is not None:
                if theirs is None:
                    result["dateparser"] = None
                    continue
                match = best_overlap(start, end, theirs)
                got = match[2] if match else None
                result["dateparser"]["right"] += got == gold
                result["dateparser"]["invented"] += finer(got, gold)
    result["failures"] = dict(result["failures"].most_common())
    return result


def summary(figures):
    """The figures in three lines: usclet and dateparser, HeidelTime's published figure, usclet's misses."""
    spans, ours, theirs, heidel = figures["spans"], figures["usclet"], figures["dateparser"], figures["heideltime"]
    return [f"TempEval-3 platinum ({figures['documents']} documents, {spans} DATE expressions with a calendar value): "
            f"usclet {ours['right']} of {spans} at exact precision ({percent(ours['right'], spans)}), "
            f"{ours['invented']} with invented precision; "
            + (f"dateparser on the same spans {theirs['right']} ({percent(theirs['right'], spans)}), "
               f"{theirs['invented']} with invented precision." if theirs is not None else "no dateparser baseline."),
            f"{heidel['system']} as published ({heidel['source']}): value F1 {heidel['value_f1']:.2f}, relaxed F1 "
            f"{heidel['relaxed_f1']:.2f}, strict F1 {heidel['strict_f1']:.2f}; another measure: {heidel['measure']}.",
            "usclet's misses by class: " + ("; ".join(f"{k} {v}" for k, v in figures["failures"].items()) or "none")
            + "."]

def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every expression usclet gets wrong")
    parser.add_argument("--no-baseline", action="store_true", help="skip dateparser")
    args = parser.parse_args(argv)
    figures = score(baseline=not args.no_baseline)
    lines = summary(figures)
    if args.misses:
        lines += [""] + [f"miss: {m}" for m in figures["misses"]]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
