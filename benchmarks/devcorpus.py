"""Scores `usclet extract` on the development corpus, with dateparser beside it as the baseline.

    python benchmarks/devcorpus.py            # per article and overall
    python benchmarks/devcorpus.py --misses   # and every expression or attribution it gets wrong

The corpus is tests/devcorpus/: real articles nobody tuned extract to, each with a
hand annotation (see its README). Every article is extracted as a user would extract a
file not yet added: `usclet extract FILE --publisher P --side S --published D`, where P is
the publisher as the manifest names it (without the bracketed carrier), S the side it
speaks for and D the date of the page it was saved from. Nothing else from the
annotation reaches extract.

How a date is scored. Each annotated expression is its exact words at their
occurrence in the text: a character span [s, e). Extract reports, per candidate, every
date expression it resolved with its offsets (`review.dates`); its prediction for those
words is the candidate's own `date`/`end_date` when the candidate's `date_text` is those
words, else the expression's own resolution. The annotated expression is matched to
the predicted expression whose span overlaps [s, e) the most (ties: the first); no
overlapping prediction is a miss.

- date accuracy: matched, and both `date` and `end_date` equal the annotation's, so value
  and precision are both right (`2017-09` for `2017-09-15` is wrong, and so is the
  reverse);
- invented precision: matched, and the prediction is finer than the annotation (a day
  where the text supports only a month or year, a month where it supports only a
  year); it must be 0;
- predicted expressions that overlap no annotation are counted as `extra` and not
  scored: the annotation leaves out datelines, bylines, captions and words too vague to
  date, which extract reports too (`--misses` lists them for review).

The baseline is `dateparser.search_dates(text, languages=["en"], settings={"RELATIVE_BASE":
published})`. Each string it returns is located in the text after the previous one to
give its span; its precision is the period dateparser's own `DateDataParser` gives that
string (day, month or year; a week or a time counts as a day), so a bare "2016" is the
year 2016 and not 2016-MM-DD. It never gives a span's end. Matching and scoring are
the same as for usclet.

How an attribution is scored. Each annotated sentence is located by its opening words
(which occur once in the text). Extract's candidate holding that position is its
reading; a sentence extract does not propose is read as what extract says of the
article's unattributed narration: the author, on the article's side.

- side: the candidate's evidence `side` equals the annotated side;
- speaker: after folding case, accents and punctuation and dropping a leading "the",
  "a" or "an", the candidate's `speaker` or `origin` equals, or holds as a run of whole
  words, one of the annotation's names for the speaker (its main part, its bracketed
  part, and "author" for "the author (...)"), or is held by one of them; "the author"
  matches only an annotated author. Two names of one government body in usclet's origin
  registry ("the Ministry of Foreign Affairs of Cuba", "Cuban Ministry of Foreign
  Affairs") are the same speaker.
"""

import argparse
import datetime as dt
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "devcorpus"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def load(folder=CORPUS):
    """The corpus: [{name, text, data, meta}] in file order."""
    entries = []
    for meta_path in sorted(Path(folder).glob("*.json")):
        text_path = meta_path.with_suffix(".txt")
        data = text_path.read_bytes()
        entries.append({"name": meta_path.stem, "file": text_path.name, "data": data, "text": data.decode("utf-8"),
                        "meta": json.loads(meta_path.read_text(encoding="utf-8"))})
    return entries


def span_of(text, words, occurrence=1):
    """(start, end) of the `occurrence`-th occurrence of `words` in `text`."""
    position = -1
    for _ in range(occurrence):
        position = text.find(words, position + 1)
        if position < 0:
            raise ValueError(f"{words!r} does not occur {occurrence} time(s)")
    return position, position + len(words)


def publisher_name(meta):
    """The publisher as a user would type it: the manifest's name without its bracketed carrier."""
    return re.sub(r"\s*\(.*\)\s*$", "", meta["publisher"]).strip()


def run_usclet(entry):
    """(candidates, the side of the article's own narration) for one corpus entry."""
    from usclet.record import origins
    from usclet.text import extract

    meta = entry["meta"]
    registry = origins.Registry(None)  # an empty store's: the government bodies every store knows
    speaks, side, how = origins.speaker_of(publisher_name(meta), registry.entries, meta["publisher_side"])
    given = {"publisher": publisher_name(meta), "origin": speaks, "side": side, "basis": how}
    results = extract.extract(entry["file"], entry["data"], published=meta["published"], registry=registry,
                              speaks=given)
    return [c for _, _, found in results for c in found], side


def usclet_dates(candidates):
    """[(start, end, date, end_date)] of every date expression extract resolved."""
    predicted = {}
    for candidate in candidates:
        for mention in candidate["review"].get("dates") or []:
            value = (mention["date"], mention["end_date"])
            if candidate["date_text"] and candidate["date_text"] == mention["text"].strip():
                value = (candidate["date"], candidate["end_date"])
            predicted.setdefault((mention["start"], mention["end"]), value)
    return sorted((a, b, d, e) for (a, b), (d, e) in predicted.items())


def baseline_dates(entry):
    """[(start, end, date, None)] that dateparser.search_dates finds, or None without dateparser."""
    try:
        from dateparser.date import DateDataParser
        from dateparser.search import search_dates
    except ImportError:
        return None
    published = entry["meta"]["published"]
    base = None
    if published:
        parts = [int(p) for p in published.split("-")] + [1, 1]
        base = dt.datetime(parts[0], parts[1], parts[2])
    settings = {"RELATIVE_BASE": base} if base else {}
    found = search_dates(entry["text"], languages=["en"], settings=settings) or []
    parser = DateDataParser(languages=["en"], settings=settings)
    predicted, position = [], 0
    for words, value in found:
        start = entry["text"].find(words, position)
        if start < 0:
            start = entry["text"].find(words)
        if start < 0:
            continue
        position = start + len(words)
        period = parser.get_date_data(words).period or "day"
        iso = value.date().isoformat()
        iso = iso[:4] if period == "year" else iso[:7] if period == "month" else iso
        predicted.append((start, start + len(words), iso, None))
    return predicted


def _finer(predicted, annotated):
    return predicted is not None and annotated is not None and predicted.count("-") > annotated.count("-")


def score_dates(entry, predicted):
    """{expressions, right, invented, extra, misses} of predictions against the annotation."""
    text, annotated = entry["text"], entry["meta"]["dates"]
    result = {"expressions": len(annotated), "right": 0, "invented": 0, "extra": [], "misses": []}
    used = set()
    for item in annotated:
        start, end = span_of(text, item["text"], item["occurrence"])
        overlapping = [(min(end, b) - max(start, a), -index, p) for index, p in enumerate(predicted)
                       for a, b, _, _ in [p] if a < end and start < b]
        expected = (item["date"], item["end_date"])
        if not overlapping:
            result["misses"].append(f"{item['text']!r}: expected {_show(expected)}, nothing found")
            continue
        match = max(overlapping)[2]
        used.add(match[:2])
        got = (match[2], match[3])
        if got == expected:
            result["right"] += 1
            continue
        if _finer(got[0], expected[0]):
            result["invented"] += 1
        result["misses"].append(f"{item['text']!r}: expected {_show(expected)}, got {_show(got)} "
                                f"from {text[match[0]:match[1]]!r}")
    result["extra"] = [f"{text[a:b]!r} -> {_show((d, e))}" for a, b, d, e in predicted if (a, b) not in used]
    return result


def _show(value):
    date, end = value
    return f"{date}..{end}" if end else str(date)


def _words(text):
    folded = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", folded)
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return words


def _holds(longer, shorter):
    n = len(shorter)
    return n > 0 and any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))


def speaker_names(annotated):
    """The names an annotated speaker goes by: its main part, its bracketed part, 'author'."""
    main = re.sub(r"\s*\(.*\)\s*$", "", annotated)
    bracket = re.search(r"\((.*)\)", annotated)
    names = [_words(main)]
    if bracket:
        names.append(_words(bracket.group(1)))
    if re.search(r"\bauthors?\b", annotated):
        names.append(["author"])
    return [n for n in names if n]


def _registered(name):
    """The government body a name stands for in usclet's origin registry, or None."""
    from usclet.record import origins

    registry = origins.registry_of(None)
    return origins.canonical(re.sub(r"^(?:the|a|an)\s+", "", (name or "").strip(), flags=re.IGNORECASE), registry)


def speaker_matches(predicted_names, annotated):
    main = re.sub(r"\s*\(.*\)\s*$", "", annotated)
    bodies = {_registered(main)} - {None}
    if bodies and any(_registered(p) in bodies for p in predicted_names if p):
        return True
    names = speaker_names(annotated)
    for predicted in predicted_names:
        words = _words(predicted)
        if not words:
            continue
        if words == ["author"]:
            if ["author"] in names or ["authors"] in names:
                return True
            continue
        if any(words == n or _holds(words, n) or _holds(n, words) for n in names if n not in (["author"],)):
            return True
    return False


def score_attributions(entry, candidates, own_side):
    text = entry["text"]
    result = {"sentences": 0, "side": 0, "speaker": 0, "misses": []}
    for item in entry["meta"]["attributions"]:
        result["sentences"] += 1
        position = span_of(text, item["sentence"])[0]
        candidate = next((c for c in candidates
                          if c["evidence"][0]["start"] <= position < c["evidence"][0]["end"]), None)
        if candidate is None:
            candidate = next((c for c in candidates
                              if position <= c["evidence"][0]["start"] < position + len(item["sentence"])), None)
        if candidate is None:
            speaker, origin, side = "the author", None, own_side
        else:
            evidence = candidate["evidence"][0]
            speaker, origin, side = evidence["speaker"], evidence["origin"], evidence["side"]
        side_right = side == item["side"]
        speaker_right = speaker_matches([speaker, origin], item["speaker"])
        result["side"] += side_right
        result["speaker"] += speaker_right
        if not (side_right and speaker_right):
            result["misses"].append(f"{item['sentence'][:60]!r}: expected {item['speaker']!r} ({item['side']}), "
                                    f"got {speaker!r} / {origin!r} ({side})")
    return result


def measure(folder=CORPUS, baseline=True):
    """Per article and overall figures: {"articles": [...], "total": {...}, "baseline": bool}."""
    rows = []
    have_baseline = baseline
    for entry in load(folder):
        candidates, own_side = run_usclet(entry)
        row = {"name": entry["name"], "dates": score_dates(entry, usclet_dates(candidates)),
               "attributions": score_attributions(entry, candidates, own_side)}
        if have_baseline:
            found = baseline_dates(entry)
            if found is None:
                have_baseline = False
            else:
                row["baseline"] = score_dates(entry, found)
        rows.append(row)
    if not have_baseline:
        for row in rows:
            row.pop("baseline", None)
    total = {
        "expressions": sum(r["dates"]["expressions"] for r in rows),
        "right": sum(r["dates"]["right"] for r in rows),
        "invented": sum(r["dates"]["invented"] for r in rows),
        "sentences": sum(r["attributions"]["sentences"] for r in rows),
        "side": sum(r["attributions"]["side"] for r in rows),
        "speaker": sum(r["attributions"]["speaker"] for r in rows),
    }
    if have_baseline:
        total["baseline_right"] = sum(r["baseline"]["right"] for r in rows)
        total["baseline_invented"] = sum(r["baseline"]["invented"] for r in rows)
    return {"articles": rows, "total": total, "baseline": have_baseline}


def _percent(part, whole):
    return f"{100 * part / whole:.1f}%" if whole else "—"


def report(figures, misses=False):
    """The figures as a Markdown table, with the misses when asked."""
    baseline = figures["baseline"]
    head = "| article | dates | usclet right | usclet invented | "
    head += "dateparser right | dateparser invented | " if baseline else ""
    head += "attributions | side right | speaker right |"
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for row in figures["articles"]:
        d, a = row["dates"], row["attributions"]
        cells = [row["name"], str(d["expressions"]), f"{d['right']}", f"{d['invented']}"]
        if baseline:
            cells += [f"{row['baseline']['right']}", f"{row['baseline']['invented']}"]
        cells += [str(a["sentences"]), f"{a['side']}", f"{a['speaker']}"]
        lines.append("| " + " | ".join(cells) + " |")
    t = figures["total"]
    cells = ["**all**", str(t["expressions"]), f"{t['right']} ({_percent(t['right'], t['expressions'])})",
             f"{t['invented']}"]
    if baseline:
        cells += [f"{t['baseline_right']} ({_percent(t['baseline_right'], t['expressions'])})",
                  f"{t['baseline_invented']}"]
    cells += [str(t["sentences"]), f"{t['side']} ({_percent(t['side'], t['sentences'])})",
              f"{t['speaker']} ({_percent(t['speaker'], t['sentences'])})"]
    lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(f"Dates: {t['right']} of {t['expressions']} right ({_percent(t['right'], t['expressions'])}), "
                 f"{t['invented']} with invented precision"
                 + (f"; dateparser {t['baseline_right']} of {t['expressions']} "
                    f"({_percent(t['baseline_right'], t['expressions'])}), "
                    f"{t['baseline_invented']} with invented precision" if baseline else
                    "; no dateparser baseline (not installed, or --no-baseline)")
                 + f". Attributions: side {t['side']} of {t['sentences']} "
                   f"({_percent(t['side'], t['sentences'])}), speaker {t['speaker']} "
                   f"({_percent(t['speaker'], t['sentences'])}).")
    if misses:
        for row in figures["articles"]:
            found = row["dates"]["misses"] + row["attributions"]["misses"]
            extra = row["dates"]["extra"]
            if found or extra:
                lines.append("")
                lines.append(f"{row['name']}:")
                lines.extend(f"  miss: {m}" for m in found)
                lines.extend(f"  extra: {m}" for m in extra)
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every miss and every unannotated date found")
    parser.add_argument("--no-baseline", action="store_true", help="skip dateparser")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    figures = measure(baseline=not args.no_baseline)
    print(json.dumps(figures, indent=1) if args.json else report(figures, args.misses))


if __name__ == "__main__":
    main()
