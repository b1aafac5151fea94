"""The record's schema (usclet/store/record.schema.json) is the one contract: the shipped
record, a converted SQLite store and the SQLite export read back all obey it; `check`
reports a record that breaks it; the JSON engine refuses to write one."""

import json

import jsonschema
import pytest

from conftest import SHIPPED, load, records, run_usclet, save
from usclet import model
from usclet.errors import StoreError
from usclet.store import contract, open_store

SCHEMA = json.loads(contract.SCHEMA_PATH.read_text(encoding="utf-8"))


def whole_record_problems(data):
    data = {key: value for key, value in data.items() if key in SCHEMA["properties"]}
    return [f"{list(error.absolute_path)}: {error.message}"
            for error in jsonschema.Draft202012Validator(SCHEMA).iter_errors(data)]


def test_the_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_the_shipped_record_obeys_the_schema():
    assert whole_record_problems(load(SHIPPED)) == []


def test_a_converted_sqlite_store_read_back_obeys_the_schema(shipped_sqlite):
    data = load(shipped_sqlite)
    assert sum(len(records(data, table)) for table in ("articles", "events", "claims")) > 100
    assert whole_record_problems(data) == []


def test_the_sqlite_export_read_back_obeys_the_schema(tmp_path):
    target = tmp_path / "record.db"
    result = run_usclet("export", "sqlite", str(target), "--quiet")
    assert result.returncode == 0, result.stderr
    data = load(target)
    assert records(data, "claims")
    assert whole_record_problems(data) == []


@pytest.mark.parametrize("kind, fields", [
    ("article", model.ARTICLE_FIELDS), ("event", model.EVENT_FIELDS), ("claim", model.CLAIM_FIELDS),
    ("evidence", model.EVIDENCE_FIELDS), ("facts", model.FACT_KEYS),
])
def test_the_schema_names_the_fields_the_model_names(kind, fields):
    assert set(SCHEMA["$defs"][kind]["properties"]) == set(fields)


def test_the_schema_and_the_model_list_the_same_values():
    definitions = SCHEMA["$defs"]
    assert tuple(definitions["side"]["enum"]) == model.SIDES
    assert tuple(definitions["event"]["properties"]["kind"]["enum"]) == model.EVENT_KINDS
    assert tuple(definitions["article"]["properties"]["kind"]["enum"]) == model.ARTICLE_KINDS
    assert tuple(definitions["claim"]["properties"]["topics"]["items"]["enum"]) == model.TOPICS
    assert [value for value in definitions["claim"]["properties"]["status"]["enum"] if value] == list(model.CLAIM_STATUSES)


@pytest.mark.parametrize("table, change, expected", [
    ("claims", lambda claim: claim["evidence"][0].update(side="usa"), "evidence 1 side: 'usa' is not one of"),
    ("claims", lambda claim: claim.update(topics=["weather"]), "topics 1: 'weather' is not one of"),
    ("events", lambda event: event.update(kind="party"), "kind: 'party' is not one of"),
    ("articles", lambda article: article.update(sha256="abc"), "sha256: 'abc' does not match"),
])
def test_check_reports_a_record_that_breaks_the_schema(tmp_path, store_copy, engine, table, change, expected):
    data = load(store_copy)
    record = next(iter(data[table].values()))
    change(record)
    save(store_copy, data)
    result = run_usclet("check", db=store_copy)
    assert result.returncode == 1
    assert any(record["id"] in line and expected in line for line in result.stdout.splitlines()), result.stdout


def test_the_json_engine_refuses_to_write_a_record_that_breaks_the_schema(tmp_path, store_copy, engine):
    if engine != "json":
        pytest.skip("the JSON engine's own guard")
    before = store_copy.read_bytes()
    store = open_store(store_copy)
    claim = dict(store.claims()[0], id="broken", status="maybe")
    with pytest.raises(StoreError, match="not written: claims record broken: status: 'maybe' is not one of"):
        with store.transaction() as tx:
            tx.insert("claims", [claim])
    assert store_copy.read_bytes() == before
