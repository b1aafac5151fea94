"""The record's own facts: when each thing was said, events named neutrally, one sourcing
rule, and listings that fit the terminal."""

import json
import re

import pytest

from conftest import load, run_usclet, save

pytestmark = pytest.mark.usefixtures("engine")  # every test on each engine

WIDTHS = (60, 80, 100, 140)


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# --- every appearance is dated ---------------------------------------------------------

def test_every_quote_says_when_its_words_appeared(run):
    claims = as_json(run("list", "claims", "--format", "json"))
    for claim in claims:
        for item in claim["evidence"]:
            assert item["said_on"] or item["said_on_earliest"] or item["said_on_latest"], claim["id"]
            assert item["said_on_basis"], claim["id"]
    by_id = {claim["id"]: claim for claim in claims}
    # a quoted release is dated by its footnote, the author's words by the post
    quoted = by_id["led-2017-12-12-cuba-reviewed-cooperation"]["evidence"][0]
    assert (quoted["said_on"], "footnote [1]" in quoted["said_on_basis"]) == ("2017-12-13", True)
    assert by_id["relations-cooling-2017"]["evidence"][0]["said_on"] == "2017-12-15"
    # an undated post gives only the earliest its words can have appeared
    official = by_id["led-2024-04-17-official-routine-not-new"]["evidence"][0]
    assert (official["said_on"], official["said_on_earliest"]) == (None, "2024-04-18")


def test_an_undated_claim_is_listed_by_when_it_was_said(run):
    rows = run("list", "claims", "--format", "md").stdout.splitlines()
    [row] = [r for r in rows if "led-2017-12-12-agreed-useful" in r or "led-2017-09-15-fugitives-removals" in r][:1]
    assert row.startswith("| 2017-")
    [said] = [r for r in rows if "| led-2024-04-17-official-routine-not-new |" in r]
    assert said.startswith("| said ≥2024-04-18 |")
    csv_rows = run("list", "claims", "--format", "csv").stdout.splitlines()
    assert csv_rows[0].startswith("Date,End date,Said on,Id,")
    assert any(line.startswith(",,≥2024-04-18,led-2024-04-17-official-routine-not-new,") for line in csv_rows)


def test_publication_dates_have_their_real_precision(run):
    articles = {a["id"]: a for a in as_json(run("list", "articles", "--format", "json"))}
    assert (articles["a004-1"]["published"], articles["a004-1"]["url"].split("/")[3:6]) == ("2017-12-15", ["2017", "12", "15"])
    assert articles["a001-1"]["published"] is None and articles["a001-1"]["published_earliest"] == "2024-04-18"
    assert articles["a000-1"]["published"] == "2017-01" and articles["a000-1"]["title"]
    assert articles["a001-2"]["publisher"] == "dwkcommentaries.com"


# --- neutral event identity -------------------------------------------------------------

def test_no_single_source_numbering_is_shown_as_settled(run):
    dialogues = {d["id"]: d for d in as_json(run("list", "dialogues", "--format", "json"))}
    assert dialogues["led-2017-09-15"]["ordinal"] == 3  # CDA and the State Department agree
    assert dialogues["led-2017-09-15"]["identity"]["ordinal"]["status"] == "settled"
    december = dialogues["led-2017-12-12"]
    assert december["ordinal"] is None and december["kind"] == "meeting"
    assert "Fourth" not in december["name"]
    assert december["identity"]["kind"]["status"] == "contested"
    assert {v["value"]: v["origins"] for v in december["identity"]["ordinal"]["values"]} == {
        4: ["Center for Democracy in the Americas"]}
    table = run("list", "dialogues").stdout
    # one source numbers it, and another numbers another meeting the same: disputed, on both
    assert re.search(r"^\s*4\?\s+2017-12-12", table, re.M) and re.search(r"^\s*3\s+2017-09-15", table, re.M)
    assert "led-2017-12-12: ordinal disputed: 4 per Center for Democracy in the" in table


# --- check enforces the rules -----------------------------------------------------------

def _first(data, claim_id):
    return next(c for c in data["claims"].values() if c["id"] == claim_id)


def _without_said_on(data):
    item = _first(data, "led-2023-01-18-held")["evidence"][0]
    item["said_on"] = item["said_on_earliest"] = None
    return "led-2023-01-18-held: evidence 1: no said_on"


def _settled_by_one(data):
    next(e for e in data["events"].values() if e["id"] == "led-2017-12-12")["ordinal"] = 4
    return "event led-2017-12-12: ordinal 4 is not settled by its sources"


def _named_by_one(data):
    next(e for e in data["events"].values() if e["id"] == "led-2017-12-12")["name"] = "Fourth Law Enforcement Dialogue"
    return "is what Center for Democracy in the Americas calls it"


def _origin_unregistered(data):
    _first(data, "relations-cooling-2017")["evidence"][0]["origin"] = "Some New Outlet"
    return "origin 'Some New Outlet' is not in the origin registry"


def _origin_by_another_name(data):
    _first(data, "led-2024-04-17-cossio-one-flight-per-month")["evidence"][0]["origin"] = "Carlos Fernandez de Cossío"
    return "is another name of 'Cuban Ministry of Foreign Affairs'"


def _one_passage_two_sources(data):
    claim = _first(data, "mou-2017-01-16-intention-to-cooperate")
    claim["evidence"][0]["origin"] = "U.S. Department of State"
    claim["evidence"][1]["origin"] = "Cuban Ministry of the Interior"
    return "is counted as 2 sources"


@pytest.mark.parametrize("damage", [_without_said_on, _settled_by_one, _named_by_one, _origin_unregistered,
                                    _origin_by_another_name, _one_passage_two_sources])
def test_check_refuses_what_the_sourcing_and_naming_rules_forbid(run, store_copy, damage):
    data = load(store_copy)
    words = damage(data)
    save(store_copy, data)
    result = run("check", db=store_copy)
    assert result.exit_code == 1
    assert words in result.stdout, result.stdout


# --- tables that fit ---------------------------------------------------------------------

LISTINGS = [["list", "dialogues"], ["list", "events"], ["list", "claims"], ["list", "articles"], ["list", "sources"],
            ["sources", "--unverified"], ["search", "dialogue"], ["compare", "2017-12"], ["timeline"]]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("command", LISTINGS, ids=lambda c: " ".join(c))
def test_every_listing_fits_the_width_and_never_breaks_an_id(run, width, command):
    result = run(*command, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= width
    assert all(line == line.rstrip() for line in lines)  # no padding when not a terminal
    if command[0] == "timeline" or command[:2] == ["list", "sources"]:
        return  # the timeline keeps each event on one line; origins have no id
    found = as_json(run(*(command + ["--format", "json"])))
    ids = {row["id"] for row in found} if command[0] != "compare" else {
        claim["id"] for r in found for side in r["accounts"].values() for claim in side}
    shown = set(re.findall(r"[a-z0-9][a-z0-9._-]*[a-z0-9]", result.stdout))
    hidden = [record_id for record_id in ids if record_id not in shown]
    assert not hidden, hidden[:5]


def test_tables_on_a_real_terminal_fit_too():
    result = run_usclet("list", "claims", env={"COLUMNS": "80"})
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_compare_keeps_every_section_in_md_and_csv(run):
    for fmt in ("md", "csv"):
        out = run("compare", "2017-12-12", "--format", fmt).stdout
        for section in ("account", "naming", "conflict: kind", "conflict: name", "silence"):
            assert section in out, (fmt, section)
        assert "no U.S. statement in the record" in out
