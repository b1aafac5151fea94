"""Keeping a record of one's own: init, the change log, undo, edit, retract, review, the
consistency rules, errors that say what to do, search, closed pipes. Through the real CLI,
on both engines."""

import json
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, SHIPPED, load, run_usclet
from usclet.store import open_store

ARTICLE = ("Talks in Washington\n\nOn April 17, 2024, U.S. and Cuban officials met in Washington, D.C. for a law "
           "enforcement dialogue, the State Department said. The officials discussed deportation flights "
           "and human smuggling.\n")


def _read(path, what, *args):
    """One read of the store, its connection closed at once (a SQLite file must not be left
    open by the test while usclet processes write it)."""
    store = open_store(path)
    try:
        return getattr(store, what)(*args)
    finally:
        store.close()


def _records(path):
    """The store's records without its change log: what undo must bring back."""
    data = load(path)
    return {table: sorted(json.dumps(row, sort_keys=True) for row in data[table].values())
            for table in ("articles", "events", "claims")}


@pytest.fixture
def fresh(tmp_path, engine):
    """A new store made with `usclet init`, holding one article."""
    path = tmp_path / ("mine.db" if engine == "sqlite" else "mine.json")
    (tmp_path / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    result = run_usclet("init", path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "seeds").is_dir() and _read(path, "meta") and (path.suffix == ".db") == (engine == "sqlite")
    assert run_usclet("add", "article", tmp_path / "talks.txt", "--title", "Talks", "--publisher", "Havana Times",
                      "--published", "2024-04-18", db=path).returncode == 0
    assert run_usclet("add", "event", "--id", "led-2024-04-17", "--kind", "dialogue", "--name", "Dialogue",
                      "--date", "2024-04-17", db=path).returncode == 0
    return path


def test_a_write_to_a_store_that_does_not_exist_offers_init(tmp_path, engine):
    absent = tmp_path / ("fresh.db" if engine == "sqlite" else "fresh.json")
    result = run_usclet("add", "article", tmp_path / "x.txt", "--title", "T", db=absent)
    assert result.returncode == 3 and f"usclet init {absent}" in result.stderr and not absent.exists()


def test_init_refuses_an_existing_file(fresh):
    before = fresh.read_bytes()
    result = run_usclet("init", fresh)
    assert result.returncode == 2 and "already there" in result.stderr and fresh.read_bytes() == before


def test_write_write_undo_undo_redo_loses_nothing(fresh):
    states = [_records(fresh)]
    add = ["add", "claim", "--article", "a000-1", "--date", "2024-04-17", "--event", "led-2024-04-17"]
    assert run_usclet(*add, "--quote", "U.S. and Cuban officials met in Washington, D.C.", "--id", "met",
                      db=fresh).returncode == 0
    states.append(_records(fresh))
    assert run_usclet("--reason", "shorter", "edit", "claim", "met", "--text", "Officials met.", db=fresh).returncode == 0
    states.append(_records(fresh))
    log = json.loads(run_usclet("log", "met", "--format", "json", db=fresh).stdout)
    number_of_add = log[1]["number"]
    refused = run_usclet("undo", number_of_add, db=fresh)  # the edit still holds: it must go first
    assert refused.returncode == 2 and "undo them first" in refused.stderr and _records(fresh) == states[2]
    assert run_usclet("undo", db=fresh).returncode == 0  # the edit
    assert _records(fresh) == states[1]
    assert run_usclet("undo", db=fresh).returncode == 0  # the add: one change further back
    assert _records(fresh) == states[0]
    assert run_usclet("redo", db=fresh).returncode == 0
    assert run_usclet("redo", db=fresh).returncode == 0
    assert _records(fresh) == states[2]
    log = json.loads(run_usclet("log", "met", "--format", "json", db=fresh).stdout)
    assert [entry["command"] for entry in log] == ["redo", "redo", "undo", "undo", "edit claim", "add claim"]
    assert log[4]["reason"] == "shorter" and log[4]["records"][0]["before"]["text"] != "Officials met."
    assert log[2]["undoes"] == log[5]["number"] and log[0]["redoes"] == log[4]["number"]
    assert len(json.loads(run_usclet("log", "--format", "json", db=fresh).stdout)) == 8


def test_restore_never_replaces_a_store_that_reads(store_copy, engine):
    if engine == "sqlite":
        pytest.skip("a SQLite store keeps no backup file")
    assert run_usclet("add", "claim", "--article", "a000-1", "--quote", "HAVANA, Cuba", "--id", "last",
                      db=store_copy).returncode == 0
    for _ in range(2):
        result = run_usclet("restore", "--yes", db=store_copy)
        assert result.returncode == 2 and "usclet" in result.stderr and "undo" in result.stderr
    assert _read(store_copy, "get", "last")


def test_no_backup_gives_a_next_step(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("garbage", encoding="utf-8")
    result = run_usclet("restore", "--yes", db=broken)
    assert result.returncode == 3 and "usclet init" in result.stderr


def test_convert_carries_the_change_log(fresh, tmp_path):
    assert run_usclet("--reason", "why", "edit", "event", "led-2024-04-17", "--place", "Washington", db=fresh).returncode == 0
    other = tmp_path / ("back.json" if fresh.suffix == ".db" else "back.db")
    assert run_usclet("convert", fresh, other).returncode == 0
    assert _read(other, "changes") == _read(fresh, "changes")
    assert run_usclet("undo", db=other).returncode == 0
    assert _read(other, "get", "led-2024-04-17")[1]["place"] is None


def test_edit_goes_through_validation_and_retract_keeps_history(fresh):
    add = ["add", "claim", "--article", "a000-1", "--quote", "The officials discussed deportation flights"]
    assert run_usclet(*add, "--id", "flights", db=fresh).returncode == 0
    bad = run_usclet("edit", "claim", "flights", "--topic", "nonsense", db=fresh)
    assert bad.returncode == 2 and "nonsense" in bad.stderr
    wrong_kind = run_usclet("edit", "event", "flights", "--name", "x", db=fresh)
    assert wrong_kind.returncode == 2 and "edit claim flights" in wrong_kind.stderr
    result = run_usclet("retract", "claim", "flights", "--reason", "not about the dialogue", db=fresh)
    assert result.returncode == 0
    assert "flights" not in run_usclet("list", "claims", "--format", "csv", db=fresh).stdout
    everything = json.loads(run_usclet("list", "claims", "--all", "--format", "json", db=fresh).stdout)
    assert [(c["id"], c["status"]) for c in everything] == [("flights", "retracted")]
    assert json.loads(run_usclet("log", "flights", "--format", "json", db=fresh).stdout)[0]["reason"] == \
        "not about the dialogue"
    assert run_usclet("undo", db=fresh).returncode == 0 and _read(fresh, "get", "flights")


def test_retract_one_piece_of_evidence(store_copy):
    claim = _read(store_copy, "get", "trafficking-meeting-2017-01-discussed")[1]
    assert len(claim["evidence"]) == 2
    result = run_usclet("retract", "evidence", "trafficking-meeting-2017-01-discussed:2", "--reason", "r", db=store_copy)
    assert result.returncode == 0, result.stderr
    assert len(_read(store_copy, "get", "trafficking-meeting-2017-01-discussed")[1]["evidence"]) == 1
    last = run_usclet("retract", "evidence", "trafficking-meeting-2017-01-discussed:1", "--reason", "r", db=store_copy)
    assert last.returncode == 2 and "retract the claim instead" in last.stderr


def test_import_lands_proposed_and_review_decides(fresh, tmp_path):
    line = {"article": "a000-1", "quote": "human smuggling", "speaker": "the author"}
    batch = "\n".join(json.dumps({"text": text, "evidence": [dict(line, quote=quote)]}) for text, quote in
                      (("Smuggling was discussed.", "human smuggling"), ("Flights.", "deportation flights")))
    assert run_usclet("import", "-", db=fresh, input=batch).returncode == 0
    claims = json.loads(run_usclet("list", "claims", "--status", "proposed", "--format", "json", db=fresh).stdout)
    assert len(claims) == 2 and all(c["status"] == "proposed" for c in claims)
    assert run_usclet("sources", "--reviewed-only", db=fresh).returncode == 1
    on_pipe = run_usclet("review", db=fresh)
    assert on_pipe.returncode == 2 and "--decisions" in on_pipe.stderr
    decisions = tmp_path / "decisions.jsonl"
    decisions.write_text(json.dumps({"id": claims[0]["id"], "decision": "edit", "text": "Smuggling."}) + "\n"
                         + json.dumps({"id": claims[1]["id"], "decision": "reject", "reason": "too vague"}) + "\n")
    assert run_usclet("review", "--decisions", decisions, db=fresh).returncode == 0
    [kept] = json.loads(run_usclet("list", "claims", "--format", "json", db=fresh).stdout)
    assert (kept["text"], kept["status"]) == ("Smuggling.", "reviewed")
    assert run_usclet("sources", "--reviewed-only", db=fresh).returncode == 0
    assert run_usclet("import", "--reviewed", "-", db=fresh, input=json.dumps(
        {"text": "Met.", "evidence": [dict(line, quote="officials met")]})).returncode == 0
    statuses = {c["text"]: c["status"] for c in json.loads(run_usclet("list", "claims", "--format", "json", db=fresh).stdout)}
    assert statuses == {"Smuggling.": "reviewed", "Met.": "reviewed"}


def test_the_shipped_claims_are_reviewed(shipped):
    assert {claim["status"] for claim in _read(shipped, "claims")} == {"reviewed"}


def test_a_claim_dated_outside_its_event_is_refused_unless_it_says_why(store_copy):
    add = ["add", "claim", "--article", "a001-1", "--quote", "Havana", "--occurrence", "1", "--event", "led-2024-04-17",
           "--date", "2025-02-27"]
    refused = run_usclet(*add, db=store_copy)
    assert refused.returncode == 2 and "outside its event led-2024-04-17" in refused.stderr
    assert run_usclet(*add, "--date-note", "a later report", db=store_copy).returncode == 0
    data = load(store_copy)
    claim = next(c for c in data["claims"].values() if c["date"] == "2025-02-27")
    claim["date_note"] = None
    from conftest import save
    save(store_copy, data)
    result = run_usclet("check", db=store_copy)
    assert result.returncode == 1 and "outside its event led-2024-04-17" in result.stdout


def test_one_sentence_never_counts_as_two_sources(store_copy):
    claim_id = "fugitives-charles-hill-1971-killing"
    sub = "One is Charles Hill who is wanted in the 1971 killing"
    result = run_usclet("add", "claim", "--article", "a003-1-c1", "--quote", sub, "--merge", claim_id,
                        "--origin", "dwkcommentaries", db=store_copy)
    assert result.returncode == 2 and "one passage is one source" in result.stderr
    data = load(store_copy)  # written around the checks, the store still counts it once, and check says why
    claim = next(c for c in data["claims"].values() if c["id"] == claim_id)
    first = claim["evidence"][0]
    claim["evidence"].append(dict(first, end=first["start"] + len(sub), quote=sub, origin="dwkcommentaries"))
    from conftest import save
    save(store_copy, data)
    sources = json.loads(run_usclet("show", claim_id, "--format", "json", db=store_copy).stdout)["record"]["sources"]
    assert sources == ["Associated Press"]
    assert claim_id in run_usclet("sources", "--unverified", "--format", "csv", db=store_copy).stdout
    check = run_usclet("check", db=store_copy)
    assert check.returncode == 1 and "one passage of a003-1-c1 is quoted twice" in check.stdout


@pytest.mark.parametrize("target, status, words", [
    ("led-2099-01-01", 1, "no event 'led-2099-01-01'"),
    ("led-2017-12-12-held", 2, "try `usclet compare led-2017-12-12`"),
])
def test_compare_names_what_is_wrong(engine, target, status, words):
    result = run_usclet("compare", target)
    assert result.returncode == status and words in result.stderr and "not a date" not in result.stderr


def test_an_empty_db_is_a_usage_error(engine):
    result = run_usclet("--db", "", "list", "claims")
    assert result.returncode == 2 and "--db" in result.stderr


def test_a_folder_as_store_exits_3(tmp_path, engine):
    result = run_usclet("list", "claims", db=tmp_path)
    assert result.returncode == 3 and "is a folder" in result.stderr


def test_a_store_without_its_articles_says_where_it_looked(store_copy, tmp_path):
    lonely = tmp_path / "far" / "away"
    lonely.mkdir(parents=True)
    shutil.copy(store_copy, lonely / store_copy.name)
    result = run_usclet("check", db=lonely / store_copy.name)
    assert result.returncode == 3  # no quote can be checked: a store problem, as the README's table says
    assert result.stderr.count("\n") == 1 and "--articles" in result.stderr and str(lonely / "seeds") in result.stderr
    given = run_usclet("--articles", store_copy.parent / "seeds", "check", db=lonely / store_copy.name)
    assert given.returncode == 0, given.stdout


@pytest.mark.parametrize("quote, hint", [
    ("currently, cossío said cuba is receiving one deportation flight per month", "other capitals"),
    ("Currently, Cossío said Cuba is receiving one deportation flights per month", "the nearest passage is"),
])
def test_a_quote_not_there_gives_the_nearest_match(store_copy, quote, hint):
    result = run_usclet("add", "claim", "--article", "a001-1", "--quote", quote, db=store_copy)
    assert result.returncode == 2 and hint in result.stderr and "Currently, Cossío said" in result.stderr


QUERIES = ["deportation flights", "Cossio", "COSSÍO deportation", '"law enforcement dialogue"', "dialogues held",
           "migrants trafficking", '"wet foot"', "fugitive", "U.S. Cuba memorandum", "signed agreements"]


@pytest.mark.parametrize("query", QUERIES)
def test_search_finds_the_same_on_both_engines(query, shipped_sqlite):
    on_json = run_usclet("search", *query.split(" ") if '"' not in query else [query], "--format", "json", db=SHIPPED)
    on_sqlite = run_usclet("search", *query.split(" ") if '"' not in query else [query], "--format", "json",
                           db=shipped_sqlite)
    assert on_json.returncode == on_sqlite.returncode
    assert [c["id"] for c in json.loads(on_json.stdout)] == [c["id"] for c in json.loads(on_sqlite.stdout)]


def test_search_stems_and_takes_phrases_and_filters(engine):
    found = json.loads(run_usclet("search", "deportation", "flights", "--format", "json").stdout)
    assert "led-2024-04-17-cossio-one-flight-per-month" in [c["id"] for c in found]  # "deportation flight"
    phrase = json.loads(run_usclet("search", '"deportation flight per month"', "--format", "json").stdout)
    assert [c["id"] for c in phrase] == ["led-2024-04-17-cossio-one-flight-per-month"]
    cuba = json.loads(run_usclet("search", "dialogue", "--side", "cuba", "--format", "json").stdout)
    assert cuba and all("cuba" in {e["side"] for e in c["evidence"]} for c in cuba)
    since = json.loads(run_usclet("search", "dialogue", "--since", "2023", "--format", "json").stdout)
    assert since and all(c["date"] and c["date"] >= "2023" for c in since)
    event = json.loads(run_usclet("search", "dialogue", "--event", "led-2023-01-18", "--format", "json").stdout)
    assert event and {c["event"] for c in event} == {"led-2023-01-18"}


@pytest.mark.parametrize("command", [["timeline"], ["compare", "2017-12-12"], ["list", "claims"], ["search", "cuba"]])
def test_a_closed_pipe_is_not_an_error(engine, command):
    import os

    env = {k: v for k, v in os.environ.items() if k != "USCLET_DB"}
    from conftest import ACTIVE
    if ACTIVE["db"]:
        env["USCLET_DB"] = ACTIVE["db"]
    proc = subprocess.Popen([sys.executable, "-m", "usclet", *command], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=ROOT, env=env)
    proc.stdout.close()  # the reader is gone before the first line is written
    error = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0 and "Traceback" not in error and error == ""
