"""Scores `usclet extract` on the corpus's two splits and on TempEval-3, with dateparser beside it.

    python benchmarks/devcorpus.py                 # both splits and TempEval-3
    python benchmarks/devcorpus.py --split dev     # one split (dev, test or all)
    python benchmarks/devcorpus.py --misses        # and every dev-split expression or sentence it gets wrong
    python benchmarks/devcorpus.py --json          # the figures as JSON

The corpus is tests/devcorpus/: real texts, each with a hand annotation (see its README).
It has two splits: the dev split (tests/devcorpus/*.json), which extraction rules may be
written against, and the frozen test split (tests/devcorpus/test/*.json), which is
scored and never read: for it the script reports totals only, never a text's name,
words or misses (a text it cannot score is counted, not shown), and `--misses` refuses
it. Every figure below is computed the same way on each split, and the baseline on the
same rows.

Every text is extracted as a user would extract a file not yet added: `usclet extract
FILE --publisher P --side S --published D`, where P is the publisher as the manifest
names it (without the bracketed carrier), S the side it speaks for and D the date of
the page it was saved from. Nothing else from the annotation reaches extract. Its
candidates are then matched against the shipped store (data/usclet.json) as `usclet
extract` matches them, which names each candidate's event.

Corpus size, per split and over both: texts, annotated date expressions (`dates`),
annotated sentences (`attributions`), sentences annotated as claims, and distinct
`outlet`s (texts annotated before the field existed count for none).

How a date is scored. Each annotated expression is its exact words at their
occurrence in the text: a character span [s, e). Extract reports, per candidate, every
date expression it resolved with its offsets (`review.dates`); its prediction for those
words is the candidate's own `date`/`end_date` when the candidate's `date_text` is those
words, else the expression's own resolution. The annotated expression is matched to
the predicted expression whose span overlaps [s, e) the most (ties: the first); no
overlapping prediction is a miss.

- dates right (exact precision): matched, and both `date` and `end_date` equal the
  annotation's, so value and precision are both right (`2017-09` for `2017-09-15` is
  wrong, and so is the reverse);
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

How a sentence is scored. Each annotated sentence is located by its opening words
(which occur once in the text). Extract's candidate holding that position is its
reading; a sentence extract does not propose is read as what extract says of the
text's unattributed narration: the author, on the text's side, and no event.

- side: the candidate's evidence `side` equals the annotated side (every annotated
  sentence);
- speaker: after folding case, accents and punctuation and dropping a leading "the",
  "a" or "an", the candidate's `speaker` or `origin` equals, or holds as a run of whole
  words, one of the annotation's names for the speaker (its main part, its bracketed
  part, and "author" for "the author (...)"), or is held by one of them; "the author"
  matches only an annotated author. Two names of one government body in usclet's origin
  registry ("the Ministry of Foreign Affairs of Cuba", "Cuban Ministry of Foreign
  Affairs") are the same speaker (every annotated sentence);
- event right: over the sentences annotated `claim: true` that carry an `event` field.
  When the annotation names an event of the shipped record, the candidate's `event` must
  be that id; when it is "new:..." (a meeting the record lacks) or null (no one event),
  the candidate must name no event of the record (none, or a new event it proposes).

TempEval-3: the platinum test set's calendar dates, resolved by usclet's sentence
resolver beside dateparser and HeidelTime's published figure; benchmarks/tempeval.py
says how they are scored.
"""

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "devcorpus"
SPLITS = {"dev": CORPUS, "test": CORPUS / "test"}
STORE = ROOT / "data" / "usclet.json"
for location in (ROOT, Path(__file__).resolve().parent):  # usclet, and the modules beside this one
    if str(location) not in sys.path:
        sys.path.insert(0, str(location))

import tempeval  # noqa: E402
from scoring import best_overlap, dateparser_dates, finer, percent  # noqa: E402


def load(folder=CORPUS):
    """A split of the corpus: [{name, text, data, meta}] in file order; [] when the folder is absent."""
    return [load_text(path) for path in sorted(Path(folder).glob("*.json"))]


def load_text(meta_path):
    """One text of the corpus, {name, file, data, text, meta}, from its .json path."""
    text_path = meta_path.with_suffix(".txt")
    data = text_path.read_bytes()
    return {"name": meta_path.stem, "file": text_path.name, "data": data, "text": data.decode("utf-8"),
            "meta": json.loads(meta_path.read_text(encoding="utf-8"))}


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


def run_usclet(entry, store=None):
    """(candidates, the side of the text's own narration) for one corpus entry; with a
    store, each candidate's event is chosen against it as `usclet extract` does."""
    from usclet.record import matching, origins
    from usclet.text import extract

    meta = entry["meta"]
    registry = origins.Registry(None)  # an empty store's: the government bodies every store knows
    speaks, side, how = origins.speaker_of(publisher_name(meta), registry.entries, meta["publisher_side"])
    given = {"publisher": publisher_name(meta), "origin": speaks, "side": side, "basis": how}
    results = extract.extract(entry["file"], entry["data"], published=meta["published"], registry=registry,
                              speaks=given)
    candidates = [c for _, _, found in results for c in found]
    if store is not None:
        matching.propose(store, candidates)
    return candidates, side


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
    """dateparser's dates in one corpus text, or None without dateparser."""
    return dateparser_dates(entry["text"], entry["meta"]["published"])


def score_dates(entry, predicted):
    """{expressions, right, invented, extra, misses} of predictions against the annotation."""
    text, annotated = entry["text"], entry["meta"]["dates"]
    result = {"expressions": len(annotated), "right": 0, "invented": 0, "extra": [], "misses": []}
    used = set()
    for item in annotated:
        start, end = span_of(text, item["text"], item["occurrence"])
        expected = (item["date"], item["end_date"])
        match = best_overlap(start, end, predicted)
        if match is None:
            result["misses"].append(f"{item['text']!r}: expected {_show(expected)}, nothing found")
            continue
        used.add(match[:2])
        got = (match[2], match[3])
        if got == expected:
            result["right"] += 1
            continue
        if finer(got[0], expected[0]):
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


def candidate_at(candidates, text, sentence):
    """The candidate holding the annotated sentence's position, or None."""
    position = span_of(text, sentence)[0]
    candidate = next((c for c in candidates if c["evidence"][0]["start"] <= position < c["evidence"][0]["end"]), None)
    if candidate is None:
        candidate = next((c for c in candidates
                          if position <= c["evidence"][0]["start"] < position + len(sentence)), None)
    return candidate


def event_right(annotated, named, record_events):
    """Whether a candidate naming `named` (or None) has the annotated event: the record's id
    itself, or, for "new:..." or null, no event of the record."""
    if annotated is not None and not annotated.startswith("new:"):
        return named == annotated
    return named not in record_events


def score_attributions(entry, candidates, own_side, record_events=None):
    """{sentences, side, speaker, claims, event, misses}; `claims` and `event` count the sentences
    annotated `claim: true` with an `event` field, and only when `record_events` is given."""
    text = entry["text"]
    result = {"sentences": 0, "side": 0, "speaker": 0, "claims": 0, "event": 0, "misses": []}
    for item in entry["meta"]["attributions"]:
        result["sentences"] += 1
        candidate = candidate_at(candidates, text, item["sentence"])
        if candidate is None:
            speaker, origin, side, named = "the author", None, own_side, None
        else:
            evidence = candidate["evidence"][0]
            speaker, origin, side, named = evidence["speaker"], evidence["origin"], evidence["side"], candidate["event"]
        side_right = side == item["side"]
        speaker_right = speaker_matches([speaker, origin], item["speaker"])
        result["side"] += side_right
        result["speaker"] += speaker_right
        if not (side_right and speaker_right):
            result["misses"].append(f"{item['sentence'][:60]!r}: expected {item['speaker']!r} ({item['side']}), "
                                    f"got {speaker!r} / {origin!r} ({side})")
        if record_events is not None and item.get("claim") is True and "event" in item:
            result["claims"] += 1
            if event_right(item["event"], named, record_events):
                result["event"] += 1
            else:
                result["misses"].append(f"{item['sentence'][:60]!r}: expected event {item['event']}, got {named}")
    return result


def corpus_size(entries):
    return {"texts": len(entries), "expressions": sum(len(e["meta"]["dates"]) for e in entries),
            "sentences": sum(len(e["meta"]["attributions"]) for e in entries),
            "claims": sum(1 for e in entries for a in e["meta"]["attributions"] if a.get("claim") is True),
            "outlets": len({e["meta"]["outlet"] for e in entries if e["meta"].get("outlet")})}


TOTALS = ("expressions", "right", "invented", "sentences", "side", "speaker", "claims", "event")


def measure(folder=CORPUS, baseline=True, events=True, rows=True):
    """The figures of one split: {"size", "total", "baseline", "articles"}. With `rows` false
    (the test split) only totals are kept: no text's name, words or misses."""
    from usclet.store import open_store

    store = open_store(STORE) if events else None
    record_events = {event["id"] for event in store.events()} if store is not None else None
    entries, articles, have_baseline, unscorable = [], [], baseline, 0
    try:
        for path in sorted(Path(folder).glob("*.json")):
            try:
                entry = load_text(path)
                candidates, own_side = run_usclet(entry, store)
                row = {"name": entry["name"], "dates": score_dates(entry, usclet_dates(candidates)),
                       "attributions": score_attributions(entry, candidates, own_side, record_events)}
                if have_baseline:
                    found = baseline_dates(entry)
                    if found is None:
                        have_baseline = False
                    else:
                        row["baseline"] = score_dates(entry, found)
            except Exception:
                if rows:
                    raise
                unscorable += 1  # counted, never shown: the test split is not read
                continue
            entries.append(entry)
            articles.append(row)
    finally:
        if store is not None:
            store.close()
    total = {key: 0 for key in TOTALS}
    for row in articles:
        for key in ("expressions", "right", "invented"):
            total[key] += row["dates"][key]
        for key in ("sentences", "side", "speaker", "claims", "event"):
            total[key] += row["attributions"][key]
    if have_baseline:
        total["baseline_right"] = sum(r["baseline"]["right"] for r in articles)
        total["baseline_invented"] = sum(r["baseline"]["invented"] for r in articles)
    else:
        for row in articles:
            row.pop("baseline", None)
    if not events:
        total.pop("claims"), total.pop("event")
    size = corpus_size(entries)
    if not rows:
        size["unscorable"] = unscorable
    figures = {"size": size, "total": total, "baseline": have_baseline,
               "events": events, "articles": articles if rows else []}
    return figures


# Report ----------------------------------------------------------------------------------

def _table(figures):
    baseline = figures["baseline"]
    head = "| text | dates | usclet right | usclet invented | "
    head += "dateparser right | dateparser invented | " if baseline else ""
    head += "sentences | side right | speaker right |"
    head += " claims | event right |" if figures["events"] else ""
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for row in figures["articles"]:
        d, a = row["dates"], row["attributions"]
        cells = [row["name"], str(d["expressions"]), f"{d['right']}", f"{d['invented']}"]
        if baseline:
            cells += [f"{row['baseline']['right']}", f"{row['baseline']['invented']}"]
        cells += [str(a["sentences"]), f"{a['side']}", f"{a['speaker']}"]
        if figures["events"]:
            cells += [str(a["claims"]), str(a["event"])]
        lines.append("| " + " | ".join(cells) + " |")
    t = figures["total"]
    cells = ["**all**", str(t["expressions"]), f"{t['right']} ({percent(t['right'], t['expressions'])})",
             f"{t['invented']}"]
    if baseline:
        cells += [f"{t['baseline_right']} ({percent(t['baseline_right'], t['expressions'])})",
                  f"{t['baseline_invented']}"]
    cells += [str(t["sentences"]), f"{t['side']} ({percent(t['side'], t['sentences'])})",
              f"{t['speaker']} ({percent(t['speaker'], t['sentences'])})"]
    if figures["events"]:
        cells += [str(t["claims"]), f"{t['event']} ({percent(t['event'], t['claims'])})"]
    lines.append("| " + " | ".join(cells) + " |")
    return lines


def summary(name, figures):
    """One split's figures in a sentence or two."""
    t, size = figures["total"], figures["size"]
    if not size["texts"]:
        return f"{name} split: no texts" + (f" ({size['unscorable']} could not be scored)." if size.get("unscorable")
                                             else ".")
    line = (f"{name} split: {size['texts']} texts, {size['outlets']} outlets, {size['expressions']} date expressions, "
            f"{size['sentences']} annotated sentences ({size['claims']} claims). "
            f"Dates: {t['right']} of {t['expressions']} right at exact precision "
            f"({percent(t['right'], t['expressions'])}), {t['invented']} with invented precision")
    if figures["baseline"]:
        line += (f"; dateparser {t['baseline_right']} of {t['expressions']} "
                 f"({percent(t['baseline_right'], t['expressions'])}), {t['baseline_invented']} with invented precision")
    else:
        line += "; no dateparser baseline (not installed, or --no-baseline)"
    line += (f". Side {t['side']} of {t['sentences']} ({percent(t['side'], t['sentences'])}), "
             f"speaker {t['speaker']} ({percent(t['speaker'], t['sentences'])})")
    if figures["events"]:
        line += f", event {t['event']} of {t['claims']} claims ({percent(t['event'], t['claims'])})"
    line += "."
    if size.get("unscorable"):
        line += f" {size['unscorable']} more texts could not be scored (a file or annotation is malformed)."
    return line


def report(figures, misses=False):
    """The figures as Markdown: the dev split's table, each split's totals, TempEval-3; the dev
    split's and TempEval-3's misses when asked (never the test split's)."""
    lines = []
    for name in ("dev", "test"):
        if name not in figures:
            continue
        split = figures[name]
        if name == "dev" and split["size"]["texts"]:
            lines += _table(split) + [""]
        lines += [summary(name, split), ""]
    if "corpus" in figures:
        size = figures["corpus"]
        lines += [f"Corpus: {size['texts']} texts from {size['outlets']} outlets, {size['expressions']} date expressions, "
                  f"{size['sentences']} annotated sentences ({size['claims']} claims).", ""]
    if "tempeval3" in figures:
        lines += tempeval.summary(figures["tempeval3"])
    if misses and "dev" in figures:
        for row in figures["dev"]["articles"]:
            found = row["dates"]["misses"] + row["attributions"]["misses"]
            extra = row["dates"]["extra"]
            if found or extra:
                lines.append("")
                lines.append(f"{row['name']}:")
                lines.extend(f"  miss: {m}" for m in found)
                lines.extend(f"  extra: {m}" for m in extra)
    if misses and "tempeval3" in figures:
        lines.append("")
        lines.append("TempEval-3:")
        lines.extend(f"  miss: {m}" for m in figures["tempeval3"]["misses"])
    return "\n".join(lines).rstrip()


def outlets_in(folder):
    """The distinct outlets a split's annotations name (its files that cannot be read name none)."""
    found = set()
    for path in Path(folder).glob("*.json"):
        try:
            outlet = json.loads(path.read_text(encoding="utf-8")).get("outlet")
        except (OSError, ValueError, AttributeError):
            continue
        if outlet:
            found.add(outlet)
    return found


def measure_all(split="all", baseline=True, events=True, tempeval3=True):
    """{"dev": figures, "test": figures, "corpus": size of both, "tempeval3": figures}, as `split` asks."""
    figures = {}
    for name in ("dev", "test"):
        if split in (name, "all"):
            figures[name] = measure(SPLITS[name], baseline, events, rows=name == "dev")
    if split == "all":
        figures["corpus"] = {key: figures["dev"]["size"][key] + figures["test"]["size"][key]
                             for key in ("texts", "expressions", "sentences", "claims")}
        figures["corpus"]["outlets"] = len(outlets_in(SPLITS["dev"]) | outlets_in(SPLITS["test"]))
    if tempeval3:
        figures["tempeval3"] = tempeval.score(baseline=baseline)
    return figures


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "test", "all"], default="all",
                        help="which split of the corpus to score (default: both)")
    parser.add_argument("--misses", action="store_true",
                        help="list every dev-split and TempEval-3 miss and every unannotated date found")
    parser.add_argument("--no-baseline", action="store_true", help="skip dateparser")
    parser.add_argument("--no-tempeval", action="store_true", help="skip TempEval-3")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if args.misses and args.split == "test":
        parser.exit(2, "devcorpus.py: --misses: the test split is scored, never read; misses are listed for "
                       "the dev split only\n")
    figures = measure_all(args.split, not args.no_baseline, tempeval3=not args.no_tempeval)
    if args.json:
        if not args.misses:
            for name in ("dev",):
                for row in figures.get(name, {}).get("articles", []):
                    for part in ("dates", "attributions", "baseline"):
                        if part in row:
                            row[part] = {k: v for k, v in row[part].items() if k not in ("misses", "extra")}
            if "tempeval3" in figures:
                figures["tempeval3"].pop("misses")
        print(json.dumps(figures, indent=1))
    else:
        print(report(figures, args.misses))


if __name__ == "__main__":
    main()
