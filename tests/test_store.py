"""The store: where it is found, how each engine is written, how a broken one is reported,
and conversion between the engines."""

import json
import re
import shutil
import sqlite3
import subprocess
import sys
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ADDED, ROOT, SEEDS, SHIPPED, is_sqlite, load, run_usclet, save
from usclet import model
from usclet.errors import StoreError
from usclet.store import create, open_store
from usclet.store.files import backup_path, replace_atomically


def test_a_store_copied_with_its_seeds_folder_keeps_working(store_copy, tmp_path):
    target = tmp_path / "elsewhere"
    target.mkdir()
    shutil.copy(store_copy, target / f"mystore{store_copy.suffix}")
    shutil.copytree(SEEDS, target / "seeds")
    shutil.copytree(ADDED, target / "articles")
    result = run_usclet("check", db=target / f"mystore{store_copy.suffix}", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_store_copied_without_its_seeds_names_the_missing_files(store_copy, tmp_path):
    lonely = tmp_path / "far" / "away"  # where neither seeds/ beside it nor ../seeds exists
    lonely.mkdir(parents=True)
    shutil.copy(store_copy, lonely / store_copy.name)
    result = run_usclet("check", db=lonely / store_copy.name)
    assert result.returncode == 3  # the store cannot be read whole: the README's exit code for it
    assert "the articles folder of" in result.stderr and str(lonely / "seeds") in result.stderr


def test_usclet_db_selects_the_store(store_copy):
    data = load(store_copy)
    data["claims"] = {}
    save(store_copy, data)
    result = run_usclet("list", "claims", env={"USCLET_DB": str(store_copy)})
    assert result.returncode == 1 and "no claims" in result.stderr


def test_the_engine_is_chosen_by_the_file(store_copy, tmp_path):
    assert open_store(store_copy).engine == ("sqlite" if is_sqlite(store_copy) else "json")
    renamed = tmp_path / "record.data"  # a SQLite file is known by its first bytes, whatever its name
    shutil.copy(store_copy, renamed)
    assert open_store(renamed).engine == open_store(store_copy).engine


def test_transaction_writes_all_its_changes(store_copy):
    store = open_store(store_copy)
    claim = dict(store.get("led-2017-12-12-held")[1])
    with store.transaction() as tx:
        claim["text"] = "changed"
        tx.replace("claims", claim)
        tx.meta["note"] = "kept"
    reopened = open_store(store_copy)
    assert reopened.get("led-2017-12-12-held")[1]["text"] == "changed"
    assert reopened.meta()["note"] == "kept"
    assert [c["id"] for c in reopened.claims()] == [c["id"] for c in open_store(store_copy).claims()]


def test_transaction_failure_leaves_the_store_as_it_was(store_copy):
    before = load(store_copy)
    store = open_store(store_copy)
    claim = dict(store.get("led-2017-12-12-held")[1])
    with pytest.raises(RuntimeError):
        with store.transaction() as tx:
            claim["text"] = "changed"
            tx.replace("claims", claim)
            tx.insert("events", [{"id": "new-event", "kind": "talks", "name": "x"}])
            raise RuntimeError("interrupted")
    assert load(store_copy) == before
    assert store.get("led-2017-12-12-held")[1]["text"] != "changed"  # nor in the same process


def _first_day(date):
    return date + {4: "-01-01", 7: "-01", 10: ""}[len(date)]


def _last_day(date):  # "-31" for every month: only the order of ISO strings matters here
    return date + {4: "-12-31", 7: "-31", 10: ""}[len(date)]


def in_period(record, since=None, until=None):
    """A dated record meets since..until when its first and last possible days reach into
    the period: computed on the ISO strings, apart from the store's own rules."""
    if since is None and until is None:
        return True
    if not record.get("date"):
        return False
    first, last = _first_day(record["date"]), _last_day(record.get("end_date") or record["date"])
    return (since is None or last >= _first_day(since)) and (until is None or first <= _last_day(until))


def test_filters_agree_with_an_independent_reading_on_both_engines(store_copy):
    """The engine's own filtering (TinyDB queries or SQL) gives what reading every record gives."""
    store = open_store(store_copy)
    claims, events = store.claims(), store.events()
    for since, until in (("2017", "2017"), ("2017-12", None), (None, "2016-05-17"), ("2023-01-19", "2024")):
        expected = [c for c in claims if in_period(c, since, until)]
        assert expected and len(expected) < len(claims)
        assert store.claims(since=since, until=until) == expected
        assert store.events(since, until) == [e for e in events if in_period(e, since, until)]
    for origin in ("Cuban Ministry of Foreign Affairs", "dwkcommentaries", "Human Rights First", "nobody"):
        assert store.claims(origin=origin) == [c for c in claims if origin in {i["origin"] for i in c["evidence"]}]
    for count in (1, 2, 3):
        assert store.claims(source_count=count) == [c for c in claims if len(model.sources_of(c)) == count]
    assert store.claims(events=["led-2017-12-12"]) == [c for c in claims if c["event"] == "led-2017-12-12"]
    assert store.claims(article="a004-1") == [c for c in claims if "a004-1" in {i["article"] for i in c["evidence"]}]
    assert store.events(kinds=("dialogue",)) == [e for e in events if e["kind"] == "dialogue"]
    assert store.counts() == {"articles": 19, "events": 20, "claims": len(claims),
                              "evidence": sum(len(c["evidence"]) for c in claims)}


PERIOD_DATES = sorted({d for c in open_store(SHIPPED).claims() for d in (c.get("date"), c.get("end_date")) if d}
                      | {"1990", "2017-12-05", "2017-12-31", "2024-12", "2030"})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(since=st.one_of(st.none(), st.sampled_from(PERIOD_DATES)), until=st.one_of(st.none(), st.sampled_from(PERIOD_DATES)))
def test_every_period_query_agrees_with_the_reference(shipped, since, until):
    """Periods of each precision, around dates of each precision and spans: the SQL the date
    and span indexes answer finds what the reference rule finds, no more, no less."""
    if since and until and until < since[:len(until)]:
        return
    store = open_store(shipped)
    assert [c["id"] for c in store.claims(since=since, until=until)] == \
        [c["id"] for c in store.claims() if in_period(c, since, until)]
    assert [e["id"] for e in store.events(since, until)] == \
        [e["id"] for e in store.events() if in_period(e, since, until)]


def test_event_summaries_are_what_the_claims_give(shipped):
    """What a listing counts and names, aggregated by the engine, is what the whole claims give."""
    from usclet.record.identity import IDENTITY_FACTS
    from usclet.store.filters import summarize

    store = open_store(shipped)
    ids = [event["id"] for event in store.events()]
    summaries = store.event_summaries(ids, IDENTITY_FACTS)
    expected = summarize(store.claims(events=ids), IDENTITY_FACTS)
    assert summaries == expected
    assert any(stating for _, _, stating in summaries.values())  # the shipped record names and numbers events


def test_a_sqlite_store_made_before_the_span_indexes_gets_them_on_its_next_write(shipped_sqlite, tmp_path):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    shutil.copytree(ADDED, tmp_path / "articles")
    path = tmp_path / "usclet.db"
    shutil.copy(shipped_sqlite, path)
    with sqlite3.connect(path) as conn:
        conn.execute("DROP INDEX idx_claims_end_date")
    assert run_usclet("list", "claims", "--since", "2017-12", db=path).returncode == 0  # a read leaves the file as it is
    with sqlite3.connect(path) as conn:
        assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'idx_claims_end_date'").fetchall()
    result = run_usclet("retract", "claim", "led-2017-12-12-held", "--reason", "a test write", db=path)
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(path) as conn:
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"idx_claims_end_date", "idx_events_end_date"} <= names


def test_create_refuses_to_overwrite(store_copy):
    with pytest.raises(StoreError, match="already exists"):
        create(store_copy)


def _corrupt_json(path, how):
    raw = path.read_bytes()
    path.write_bytes({
        "truncated": lambda: raw[: len(raw) // 2],
        "not json": lambda: b"this is not json",
        "empty": lambda: b"",
        "wrong shape": lambda: b'{"claims": [1, 2, 3]}',
        "a list": lambda: b"[]",
        "future schema": lambda: re.sub(rb'"schema_version": \d+', b'"schema_version": 99', raw),
        "not utf-8": lambda: b"\xff\xfe" + raw,
        "record without id": lambda: raw.replace(b'"id": "led-2017-12-12"', b'"ident": "led-2017-12-12"'),
    }[how]())


def _corrupt_sqlite(path, how):
    if how == "future schema":
        with sqlite3.connect(path) as conn:
            conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
        conn.close()
        return
    if how == "not a usclet store":
        path.unlink()
        sqlite3.connect(path).execute("CREATE TABLE other (x)").connection.close()
        return
    raw = path.read_bytes()
    path.write_bytes({"truncated": lambda: raw[: len(raw) // 3], "not a database": lambda: b"this is not a database" * 200,
                      "empty": lambda: b"", "damaged pages": lambda: raw[:4096] + b"\x13" * (len(raw) - 4096)}[how]())


CORRUPTIONS = {
    "json": ["truncated", "not json", "empty", "wrong shape", "a list", "future schema", "not utf-8", "record without id"],
    "sqlite": ["truncated", "not a database", "empty", "damaged pages", "future schema", "not a usclet store"],
}


def corrupt(path, how):
    (_corrupt_sqlite if is_sqlite(path) else _corrupt_json)(path, how)


@pytest.mark.parametrize("number", range(8))
@pytest.mark.parametrize("command", [["check"], ["list", "claims"], ["compare", "2017-12-12"], ["show", "a004-1"],
                                     ["sources", "--unverified"], ["timeline"], ["search", "Cuba"]])
def test_a_corrupt_store_exits_3_untouched(store_copy, engine, number, command):
    if number >= len(CORRUPTIONS[engine]):
        pytest.skip(f"the {engine} engine has {len(CORRUPTIONS[engine])} kinds of damage")
    corrupt(store_copy, CORRUPTIONS[engine][number])
    before = store_copy.read_bytes()
    result = run_usclet(*command, db=store_copy)
    assert result.returncode == 3, (CORRUPTIONS[engine][number], result.stdout, result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(store_copy) in result.stderr
    assert "Traceback" not in result.stderr
    assert store_copy.read_bytes() == before


def test_future_schema_says_to_upgrade(store_copy):
    corrupt(store_copy, "future schema")
    assert "upgrade usclet" in run_usclet("check", db=store_copy).stderr


def test_missing_store_exits_3(tmp_path, engine):
    absent = tmp_path / ("absent.db" if engine == "sqlite" else "absent.json")
    result = run_usclet("list", "claims", db=absent)
    assert result.returncode == 3 and "no store at" in result.stderr
    assert not absent.exists()  # reading never creates a store


def test_store_that_is_a_folder_exits_3(tmp_path):
    result = run_usclet("list", "claims", db=tmp_path)
    assert result.returncode in (2, 3) and "Traceback" not in result.stderr


# --- the JSON engine: TinyDB over an atomic storage -----------------------------------------

@pytest.fixture
def json_copy(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    shutil.copytree(ADDED, tmp_path / "articles")
    shutil.copy(SHIPPED, tmp_path / "usclet.json")
    return tmp_path / "usclet.json"


def test_atomic_write_keeps_the_previous_version_as_backup(tmp_path):
    path = tmp_path / "s.json"
    create(path)
    first = path.read_bytes()
    replace_atomically(path, '{"changed": true}')
    assert backup_path(path).read_bytes() == first
    assert json.loads(path.read_text()) == {"changed": True}
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_corruption_message_gives_position_and_backup(json_copy):
    replace_atomically(json_copy, json_copy.read_bytes())  # makes a backup
    json_copy.write_text('{"meta": ', encoding="utf-8")
    result = run_usclet("check", db=json_copy)
    assert "line 1, column 10" in result.stderr
    assert str(backup_path(json_copy)) in result.stderr


def test_tinydb_is_the_json_engine(json_copy):
    """TinyDB's tables and queries work on the store, and its writes go through the atomic storage."""
    from tinydb import Query, TinyDB

    from usclet.store.jsonfile import AtomicJSONStorage

    db = TinyDB(json_copy, storage=AtomicJSONStorage)
    claim = Query()
    assert len(db.table("claims").search(claim.id == "led-2017-12-12-held")) == 1
    db.table("events").update({"place": "Washington"}, claim.id == "led-2017-12-12")
    assert backup_path(json_copy).exists()  # written atomically, the previous version kept
    assert open_store(json_copy).get("led-2017-12-12")[1]["place"] == "Washington"
    assert run_usclet("check", db=json_copy).returncode == 0


def test_a_json_write_is_a_readable_diff(json_copy):
    """One changed field changes one line of the file: keys keep their order, two-space indentation."""
    before = json_copy.read_text(encoding="utf-8").splitlines()
    assert run_usclet("add", "claim", "--article", "a000-1", "--quote", "HAVANA, Cuba", "--id", "new-claim",
                      db=json_copy).returncode == 0
    after = json_copy.read_text(encoding="utf-8").splitlines()
    assert after[: len(before) - 4] == before[:-4]  # the new claim is added at the end of its table
    assert '    "95": {' in after and '      "id": "new-claim",' in after
    log = after[after.index('  "changes": {'):]  # and the change log says so, after the tables
    assert '          "id": "new-claim",' in log and '          "before": null' in log


# --- the SQLite engine --------------------------------------------------------------------

def test_the_sqlite_schema_is_readable_without_usclet(shipped_sqlite):
    """Tables, keys, indexes, full-text search and the source-count view, as people and Datasette see them."""
    conn = sqlite3.connect(shipped_sqlite)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert {"articles", "events", "claims", "evidence", "conflicts", "meta", "claim_sources",
            "evidence_fts", "claims_fts"} <= tables
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    keys = {(row[2], row[3]) for row in conn.execute("PRAGMA foreign_key_list(evidence)")}
    assert keys == {("claims", "claim"), ("articles", "article")}
    indexed = {row[1] for row in conn.execute("SELECT * FROM sqlite_master WHERE type = 'index'")}
    assert {"idx_claims_event", "idx_claims_date", "idx_evidence_origin", "idx_events_date"} <= indexed
    quotes = [row[0] for row in conn.execute("SELECT quote FROM evidence WHERE rowid IN "
                                             "(SELECT rowid FROM evidence_fts WHERE evidence_fts MATCH 'deportation flights')")]
    assert quotes and all("deportation flight" in quote for quote in quotes)  # stemmed: "flights" finds "flight"
    assert any("deportation flight per month" in quote for quote in quotes)
    assert conn.execute("SELECT sources FROM claim_sources WHERE id = 'led-2017-09-15-held'").fetchone() == (2,)
    assert conn.execute("SELECT count(*) FROM evidence").fetchone() == (open_store(SHIPPED).counts()["evidence"],)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_sqlite_store_refuses_a_writer_while_another_writes(store_copy, engine):
    if engine != "sqlite":
        pytest.skip("the JSON engine's lock is tested in test_robustness")
    holder = sqlite3.connect(store_copy, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = run_usclet("add", "claim", "--article", "a000-1", "--quote", "HAVANA, Cuba", db=store_copy,
                            env={"USCLET_LOCK_TIMEOUT": "0.3"})
        assert result.returncode == 3 and "locked by another usclet" in result.stderr
        assert run_usclet("list", "claims", "--format", "json", db=store_copy).returncode == 0  # readers go on
    finally:
        holder.execute("ROLLBACK")
        holder.close()


# --- convert ------------------------------------------------------------------------------

def test_convert_round_trips_the_shipped_record_byte_for_byte(tmp_path):
    (tmp_path / "data").mkdir()
    shutil.copytree(SEEDS, tmp_path / "seeds")
    shutil.copy(SHIPPED, tmp_path / "data" / "original.json")
    shutil.copytree(ADDED, tmp_path / "data" / "articles")
    folder = tmp_path / "data"
    assert run_usclet("convert", folder / "original.json", folder / "record.db").returncode == 0
    result = run_usclet("convert", folder / "record.db", folder / "usclet.json")
    assert result.returncode == 0, result.stderr
    counts = open_store(SHIPPED).counts()
    assert (f"{counts['articles']} articles, {counts['events']} events, {counts['claims']} claims, "
            f"{counts['evidence']} quotes") in result.stderr
    assert (folder / "usclet.json").read_bytes() == SHIPPED.read_bytes()
    assert sorted(p.name for p in folder.iterdir()) == ["articles", "original.json", "record.db", "usclet.json"]


def test_convert_elsewhere_keeps_the_article_texts_found(tmp_path):
    result = run_usclet("convert", SHIPPED, tmp_path / "record.db")
    assert result.returncode == 0, result.stderr
    assert run_usclet("check", db=tmp_path / "record.db").returncode == 0
    for fmt in ("json", "csv"):
        assert run_usclet("list", "dialogues", "--format", fmt, db=tmp_path / "record.db").stdout == \
            run_usclet("list", "dialogues", "--format", fmt, db=SHIPPED).stdout


def test_convert_refuses_to_overwrite_without_force(tmp_path):
    target = tmp_path / "record.db"
    target.write_bytes(b"keep me")
    result = run_usclet("convert", SHIPPED, target)
    assert result.returncode == 2 and "--force" in result.stderr and target.read_bytes() == b"keep me"
    assert run_usclet("convert", SHIPPED, target, "--force").returncode == 0
    assert open_store(target).counts() == open_store(SHIPPED).counts()


def test_convert_of_a_corrupt_store_exits_3_and_writes_nothing(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("[]", encoding="utf-8")
    result = run_usclet("convert", broken, tmp_path / "record.db")
    assert result.returncode == 3 and not (tmp_path / "record.db").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.json"]


def test_the_installed_package_carries_its_store_and_seeds(tmp_path):
    """Installed elsewhere (not from this checkout), the shipped store still checks clean."""
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    assert build.returncode == 0, build.stderr
    [wheel] = tmp_path.glob("usclet-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert "usclet/shipped/data/usclet.json" in names
        assert "usclet/shipped/seeds/SHA256SUMS" in names
        assert "usclet/shipped/data/articles/005_16d1006f185c1989.txt" in names  # the texts added since
        assert "usclet/store/sqlite.py" in names and "usclet/text/resolve.py" in names
        archive.extractall(site)
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "usclet", "check"], capture_output=True, text=True,
                            cwd=tmp_path, env=env, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all match their sources" in result.stdout
