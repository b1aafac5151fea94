"""Extraction on real text nobody tuned it to: the dev corpus scored, and its floor held.

The scorer (benchmarks/devcorpus.py) runs extract on every article of tests/devcorpus/
and compares it with the hand annotation; dateparser, when installed, is the baseline.
"""

import importlib.util
import json
import subprocess
import sys

import pytest

from conftest import ROOT, run_usclet

CORPUS = ROOT / "tests" / "devcorpus"


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
    return scorer.measure(baseline=False)


def test_every_annotation_points_at_words_in_its_text(scorer):
    entries = scorer.load()
    assert len(entries) >= 20
    for entry in entries:
        for item in entry["meta"]["dates"]:
            start, end = scorer.span_of(entry["text"], item["text"], item["occurrence"])
            assert entry["text"][start:end] == item["text"]
        for item in entry["meta"]["attributions"]:
            assert entry["text"].count(item["sentence"]) == 1, (entry["name"], item["sentence"])


def test_dates_are_95_percent_exact_with_no_invented_precision(figures):
    total = figures["total"]
    assert total["expressions"] >= 70
    assert total["right"] / total["expressions"] >= 0.95, total
    assert total["invented"] == 0, [m for r in figures["articles"] for m in r["dates"]["misses"]]


def test_sides_are_95_percent_right(figures):
    total = figures["total"]
    assert total["side"] / total["sentences"] >= 0.95, total


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


def test_the_scorer_prints_its_table():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "devcorpus.py"), "--no-baseline"],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("| article | dates | usclet right | usclet invented | attributions |")
    assert sum(line.startswith("| ") for line in lines) == 2 + len(list(CORPUS.glob("*.json")))


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
