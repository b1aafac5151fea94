"""Extraction on real text nobody tuned it to: the corpus's splits and TempEval-3 scored, and floors held.

The scorer (benchmarks/devcorpus.py) runs extract on every text of tests/devcorpus/ (the
dev split) and tests/devcorpus/test/ (the frozen test split) and compares it with the
hand annotation; dateparser, when installed, is the baseline. The test split is scored,
never read: nothing here prints its names, words or misses.
"""

import importlib.util
import json
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, run_usclet
from usclet.store import open_store

CORPUS = ROOT / "tests" / "devcorpus"
# the texts the rules were first written against; later dev texts are scored beside them
FIRST_TEXTS = 27


def _scorer():
    spec = importlib.util.spec_from_file_location("devcorpus", ROOT / "benchmarks" / "devcorpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scorer():
    return _scorer()


@pytest.fixture(scope="module")
def figures(scorer):
    return scorer.measure(baseline=importlib.util.find_spec("dateparser") is not None)


@pytest.fixture(scope="module")
def tempeval(scorer):
    return scorer.tempeval.score(baseline=importlib.util.find_spec("dateparser") is not None)


def _rate(total, part, whole):
    return total[part] / total[whole] if total[whole] else 1.0


def _subtotal(rows, keys):
    return {key: sum(row[part][key] for row in rows for part in ("dates", "attributions") if key in row[part])
            for key in keys}


def test_every_dev_annotation_points_at_words_in_its_text(scorer):
    entries = scorer.load()
    assert len(entries) >= FIRST_TEXTS
    for entry in entries:
        for item in entry["meta"]["dates"]:
            start, end = scorer.span_of(entry["text"], item["text"], item["occurrence"])
            assert entry["text"][start:end] == item["text"]
        for item in entry["meta"]["attributions"]:
            assert entry["text"].count(item["sentence"]) == 1, (entry["name"], item["sentence"])


def test_every_test_split_annotation_points_at_words_in_its_text(scorer):
    # checked without showing them: only the positions of the texts that fail are reported
    broken = []
    for number, path in enumerate(sorted(scorer.SPLITS["test"].glob("*.json")), 1):
        try:
            entry = scorer.load_text(path)
            for item in entry["meta"]["dates"]:
                scorer.span_of(entry["text"], item["text"], item["occurrence"])
            if any(entry["text"].count(item["sentence"]) != 1 for item in entry["meta"]["attributions"]):
                broken.append(number)
        except (OSError, ValueError, KeyError, TypeError):
            broken.append(number)
    assert not broken, f"test-split texts number {broken} have annotations that do not point at their words"


def test_on_the_first_dev_texts_dates_are_95_percent_exact_with_no_invented_precision(figures):
    first = [row for row in figures["articles"] if int(row["name"].split("-")[0]) <= FIRST_TEXTS]
    total = _subtotal(first, ["expressions", "right", "invented", "sentences", "side"])
    assert total["expressions"] >= 70
    assert _rate(total, "right", "expressions") >= 0.95, total
    assert total["invented"] == 0, [m for r in first for m in r["dates"]["misses"]]
    assert _rate(total, "side", "sentences") >= 0.95, total


def test_on_the_whole_dev_split_usclet_invents_no_precision_and_dates_at_least_as_well_as_dateparser(figures):
    total = figures["total"]
    assert total["invented"] == 0, [m for r in figures["articles"] for m in r["dates"]["misses"]]
    if figures["baseline"]:
        assert total["right"] >= total["baseline_right"], total


def test_the_size_counts_texts_dates_sentences_claims_and_outlets(scorer, figures):
    size, entries = figures["size"], scorer.load()
    assert size["texts"] == len(entries) == len(figures["articles"])
    assert size["expressions"] == figures["total"]["expressions"]
    assert size["sentences"] == figures["total"]["sentences"]
    assert size["outlets"] == len({e["meta"]["outlet"] for e in entries if e["meta"].get("outlet")})


def test_the_baseline_is_scored_beside_it_when_dateparser_is_installed(scorer):
    pytest.importorskip("dateparser")
    entry = next(e for e in scorer.load() if e["name"].startswith("20-"))
    baseline = scorer.score_dates(entry, scorer.baseline_dates(entry))
    assert baseline["expressions"] == len(entry["meta"]["dates"])
    assert 0 <= baseline["right"] <= baseline["expressions"]


def test_a_wrong_prediction_is_counted_wrong_and_a_finer_one_as_invented(scorer):
    entry = {"text": "They met in May 2016 and again on Friday.", "meta": {"dates": [
        {"text": "May 2016", "occurrence": 1, "date": "2016-05", "end_date": None},
        {"text": "on Friday", "occurrence": 1, "date": "2016-06-03", "end_date": None}]}}
    right = scorer.score_dates(entry, [(12, 20, "2016-05", None), (33, 42, "2016-06-03", None)])
    assert (right["right"], right["invented"]) == (2, 0)
    invented = scorer.score_dates(entry, [(12, 20, "2016-05-01", None)])
    assert (invented["right"], invented["invented"], len(invented["misses"])) == (0, 1, 2)


def test_speaker_names_match_by_whole_words_only(scorer):
    assert scorer.speaker_matches(["the author", "Reuters"], "the author (Marc Frank, Reuters)")
    assert scorer.speaker_matches(["the U.S. State Department"], "the US State Department (press release)")  # one body
    assert not scorer.speaker_matches(["the Cuban delegation"], "the White House statement")
    assert scorer.speaker_matches(["U.S. Department of State"], "the U.S. Department of State (Office of the Spokesperson)")
    assert not scorer.speaker_matches(["the author"], "the Ministry of Foreign Affairs of Cuba")


def test_an_event_is_right_when_it_is_the_records_or_when_a_new_meeting_names_none_of_the_records(scorer):
    record = {"led-2017-09-15", "led-2018-07-10"}
    assert scorer.event_right("led-2017-09-15", "led-2017-09-15", record)
    assert not scorer.event_right("led-2017-09-15", None, record)
    assert not scorer.event_right("led-2017-09-15", "led-2018-07-10", record)
    assert scorer.event_right("new:talks-2023-11-29", None, record)
    assert scorer.event_right("new:talks-2023-11-29", "talks-2023-11-29", record)  # the new event it proposes
    assert not scorer.event_right("new:talks-2023-11-29", "led-2018-07-10", record)
    assert scorer.event_right(None, None, record)
    assert not scorer.event_right(None, "led-2017-09-15", record)


def test_events_are_scored_against_the_shipped_record_on_claims_with_an_event_field(scorer, tmp_path):
    # a dev text annotated in the extended format, beside one in the older format
    meta = json.loads((CORPUS / "01-state-third-led-2017.json").read_text(encoding="utf-8"))
    meta.update(outlet="U.S. Department of State", layout=["dateline"])
    for item in meta["attributions"]:
        item.update(claim=True, event="led-2017-09-15", facts={})
    dating = next(item for item in meta["attributions"] if item["sentence"].startswith("The United States and Cuba held"))
    dating["event"] = "new:meeting-2017-09-15"  # a meeting the record holds is not new: a miss
    not_claim = next(item for item in meta["attributions"] if item is not dating)
    not_claim["claim"] = False  # not a claim: not scored for its event
    (tmp_path / "01-a.json").write_text(json.dumps(meta), encoding="utf-8")
    shutil.copy(CORPUS / "01-state-third-led-2017.txt", tmp_path / "01-a.txt")
    older = json.loads((CORPUS / "20-reuters-mou-signed-2017.json").read_text(encoding="utf-8"))
    for key in ("outlet", "layout"):
        older.pop(key, None)
    for item in older["attributions"]:
        for key in ("claim", "event", "facts"):
            item.pop(key, None)
    (tmp_path / "20-b.json").write_text(json.dumps(older), encoding="utf-8")
    shutil.copy(CORPUS / "20-reuters-mou-signed-2017.txt", tmp_path / "20-b.txt")
    figures = scorer.measure(tmp_path, baseline=False)
    claims = len(meta["attributions"]) - 1
    assert figures["size"] == {"texts": 2, "expressions": len(meta["dates"]) + len(older["dates"]),
                               "sentences": len(meta["attributions"]) + len(older["attributions"]),
                               "claims": claims, "outlets": 1}
    first = figures["articles"][0]["attributions"]
    assert first["claims"] == claims
    # the sentence dating the Dialogue names the record's event, so its "new" annotation is missed
    store = open_store(ROOT / "data" / "usclet.json")
    try:
        entry = scorer.load(tmp_path)[0]
        candidates = scorer.run_usclet(entry, store)[0]
    finally:
        store.close()
    assert scorer.candidate_at(candidates, entry["text"], dating["sentence"])["event"] == "led-2017-09-15"
    assert any("expected event new:meeting-2017-09-15, got led-2017-09-15" in m for m in first["misses"])
    named = [(scorer.candidate_at(candidates, entry["text"], item["sentence"]) or {}).get("event")
             for item in meta["attributions"] if item["claim"] and item is not dating]
    assert first["event"] == named.count("led-2017-09-15") >= 1
    assert figures["articles"][1]["attributions"]["claims"] == 0  # older entries: no claim to score


def test_the_test_split_gives_totals_only(scorer, tmp_path):
    shutil.copy(CORPUS / "01-state-third-led-2017.json", tmp_path / "T01-x.json")
    shutil.copy(CORPUS / "01-state-third-led-2017.txt", tmp_path / "T01-x.txt")
    meta = json.loads((CORPUS / "20-reuters-mou-signed-2017.json").read_text(encoding="utf-8"))
    meta["dates"][0]["text"] = "words the text does not hold"
    (tmp_path / "T02-y.json").write_text(json.dumps(meta), encoding="utf-8")
    shutil.copy(CORPUS / "20-reuters-mou-signed-2017.txt", tmp_path / "T02-y.txt")
    figures = scorer.measure(tmp_path, baseline=False, rows=False)
    assert figures["articles"] == [] and figures["size"]["texts"] == 1 and figures["size"]["unscorable"] == 1
    shown = json.dumps(figures) + scorer.summary("test", figures)
    assert not any(words in shown for words in ("T01", "T02", "United States", "does not hold"))


def test_the_tempeval3_scorer_runs_on_the_shipped_platinum_files(scorer, tempeval):
    assert tempeval["documents"] == 20
    assert tempeval["spans"] >= 60
    assert tempeval["usclet"]["invented"] == 0
    assert tempeval["usclet"]["right"] + sum(tempeval["failures"].values()) == tempeval["spans"]
    assert tempeval["heideltime"]["value_f1"] == 77.61


def test_on_tempeval3_usclet_dates_at_least_as_well_as_dateparser_on_the_same_spans(tempeval):
    pytest.importorskip("dateparser")
    assert tempeval["usclet"]["right"] >= tempeval["dateparser"]["right"], tempeval


def test_tempeval3_documents_are_read_with_exact_offsets(scorer):
    for path in sorted(scorer.tempeval.FOLDER.glob("*.tml")):
        document = scorer.tempeval.document_of(path)
        assert len(document["dct"]) == 10 and document["dct"].startswith("2013-")
        assert document["timexes"]
        for timex in document["timexes"]:
            assert document["text"][timex["start"]:timex["end"]] == timex["words"] and timex["words"].strip()
            assert "<" not in timex["words"]
        sentences = scorer.tempeval.sentences(document["text"])
        assert all(document["text"][a:b].strip() for a, b in sentences)


def test_the_scorer_prints_the_dev_table_and_each_splits_totals():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "devcorpus.py"), "--no-baseline"],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("| text | dates | usclet right | usclet invented | sentences |")
    assert sum(line.startswith("| ") for line in lines) == 2 + len(list(CORPUS.glob("*.json")))
    assert any(line.startswith("dev split: ") for line in lines)
    assert any(line.startswith("test split: ") for line in lines)
    assert any(line.startswith("TempEval-3 platinum (20 documents") for line in lines)


def test_misses_are_refused_for_the_test_split():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "devcorpus.py"), "--split", "test", "--misses"],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "the test split is scored, never read" in result.stderr


def test_the_figures_as_json_hold_both_splits_and_tempeval3():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "devcorpus.py"), "--json", "--no-baseline"],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert set(figures) == {"dev", "test", "corpus", "tempeval3"}
    assert figures["corpus"]["texts"] == figures["dev"]["size"]["texts"] + figures["test"]["size"]["texts"]
    assert figures["corpus"]["outlets"] >= max(figures["dev"]["size"]["outlets"], figures["test"]["size"]["outlets"])
    assert figures["test"]["articles"] == []
    assert figures["dev"]["total"]["expressions"] == sum(r["dates"]["expressions"] for r in figures["dev"]["articles"])
    assert "misses" not in figures["tempeval3"]


def test_a_government_release_extracted_standalone_is_its_governments_account(tmp_path):
    # a file not in the store (the shipped store holds this very note, as an added source)
    release = tmp_path / "note.txt"
    release.write_bytes((CORPUS / "01-state-third-led-2017.txt").read_bytes() + b"\n")
    result = run_usclet("extract", release, "--publisher", "U.S. Department of State", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    candidates = [json.loads(line) for line in result.stdout.splitlines()]
    body = [c for c in candidates if c["evidence"][0]["quote"].startswith("The United States and Cuba held")]
    assert body and body[0]["evidence"][0]["side"] == "us"
    assert body[0]["evidence"][0]["origin"] == "U.S. Department of State"
    assert body[0]["date"] == "2017-09-15"
    # the dateline block is the anchor, not a claim
    assert not any(c["evidence"][0]["quote"].startswith("Media Note") for c in candidates)
    unknown = run_usclet("extract", release, "--format", "jsonl")
    sides = {json.loads(line)["evidence"][0]["side"] for line in unknown.stdout.splitlines()}
    assert sides == {"independent"}  # no publisher given: nobody's account but the text's
