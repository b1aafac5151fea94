"""The index beside the store, and claims spliced into the store file through it."""

import json
import os
import shutil

import pytest

from conftest import SHIPPED, load, run_usclet
from usclet import index as index_module
from usclet import layout
from usclet import store as store_module
from usclet.check import check_store
from usclet.store import Store

QUOTE = "HAVANA, Cuba"  # in a000-1


def add(store_copy, claim_id, *extra):
    result = run_usclet("add", "claim", "--article", "a000-1", "--quote", QUOTE, "--id", claim_id, *extra,
                        db=store_copy)
    assert result.returncode == 0, result.stderr
    return result


def index_of(store_copy):
    return json.loads(index_module.index_path(store_copy).read_bytes())


def assert_sound(store_copy):
    """The file is what a full rewrite of its data writes, it checks clean, and its index is current."""
    raw = store_copy.read_bytes()
    assert raw == store_module.encode(json.loads(raw))
    assert check_store(Store(store_copy)) == []
    written = index_of(store_copy)
    assert written["store"] == index_module.file_identity(os.stat(store_copy))
    with open(store_copy, "rb") as handle:
        assert index_module.build(handle, written["store"]) == written


def claim_ids(store_copy):
    return [claim["id"] for claim in load(store_copy)["claims"].values()]


def test_a_spliced_claim_gives_the_file_a_full_rewrite_gives(store_copy):
    before = load(store_copy)
    result = run_usclet("add", "claim", "--article", "a004-1", "--quote", "December 12", "--occurrence", "1",
                        "--side", "cuba", "--origin", "Cuban “Ministry”", "--text", "Ñandú “quoted”", "--event",
                        "led-2017-12-12", "--format", "json", db=store_copy)
    assert result.returncode == 0, result.stderr
    [claim] = json.loads(result.stdout)
    expected = dict(before)
    expected["claims"] = dict(before["claims"], **{str(len(before["claims"]) + 1): claim})
    assert store_copy.read_bytes() == store_module.encode(expected)
    assert store_module.backup_path(store_copy).read_bytes() == SHIPPED.read_bytes()
    assert_sound(store_copy)


def test_an_import_is_spliced_in_one_write(store_copy):
    lines = "".join(json.dumps({"id": f"batch-{n}", "text": f"batch claim {n}", "topics": ["dialogue"],
                                "evidence": [{"article": "a004-1", "quote": "December 12", "occurrence": 1}]}) + "\n"
                    for n in range(30))
    assert run_usclet("import", "-", db=store_copy, input=lines).returncode == 0
    add(store_copy, "after-the-batch")
    assert claim_ids(store_copy)[-31:] == [f"batch-{n}" for n in range(30)] + ["after-the-batch"]
    assert_sound(store_copy)


def test_another_writers_work_makes_the_index_stale_and_is_kept(store_copy):
    add(store_copy, "first")
    with Store(store_copy).transaction() as tables:  # a write the index does not follow
        doomed = next(key for key, claim in tables["claims"].items() if claim["id"] == "led-2017-12-12-held")
        del tables["claims"][doomed]
        tables["claims"]["9999"] = dict(tables["claims"]["1"], id="written-elsewhere")
    add(store_copy, "second")
    ids = claim_ids(store_copy)
    assert "led-2017-12-12-held" not in ids and ids[-3:] == ["first", "written-elsewhere", "second"]
    assert list(load(store_copy)["claims"])[-1] == "10000"  # the next key after the other writer's
    assert_sound(store_copy)


def test_an_edit_in_place_makes_the_index_stale(store_copy):
    add(store_copy, "first")
    data = load(store_copy)
    data["claims"]["1"]["text"] = "edited by hand"
    store_copy.write_bytes(store_module.encode(data))
    add(store_copy, "second")
    assert load(store_copy)["claims"]["1"]["text"] == "edited by hand"
    assert_sound(store_copy)


@pytest.mark.parametrize("damage", ["deleted", "empty", "garbage", "truncated", "another format", "wrong shape",
                                    "wrong places"])
def test_a_missing_or_damaged_index_is_built_again(store_copy, damage):
    add(store_copy, "first")
    path = index_module.index_path(store_copy)
    written = index_of(store_copy)
    if damage == "deleted":
        path.unlink()
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "garbage":
        path.write_bytes(b"\xff\x00 not an index")
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[:100])
    elif damage == "another format":
        path.write_text(json.dumps(dict(written, format=99)))
    elif damage == "wrong shape":
        path.write_text(json.dumps(dict(written, tables={"claims": 5})))
    else:  # current as far as the file's identity goes, but pointing at the wrong records
        spans = written["tables"]["articles"]["spans"]
        written["tables"]["articles"]["spans"] = spans[2:] + spans[:2]
        path.write_text(json.dumps(written))
    add(store_copy, "second", "--event", "led-2017-12-12")
    assert claim_ids(store_copy)[-2:] == ["first", "second"]
    assert_sound(store_copy)


def test_a_restored_backup_is_indexed_afresh(store_copy):
    add(store_copy, "first")
    add(store_copy, "second")
    assert run_usclet("restore", "--yes", db=store_copy).returncode == 0
    assert claim_ids(store_copy)[-1] == "first"
    add(store_copy, "third")
    assert claim_ids(store_copy)[-2:] == ["first", "third"]
    assert_sound(store_copy)


def test_a_store_corrupted_after_indexing_exits_3_untouched(store_copy):
    add(store_copy, "first")
    store_copy.write_bytes(store_copy.read_bytes()[:-200])
    before = store_copy.read_bytes()
    result = run_usclet("add", "claim", "--article", "a000-1", "--quote", QUOTE, db=store_copy)
    assert result.returncode == 3 and "not valid JSON" in result.stderr
    assert store_copy.read_bytes() == before


def test_a_store_laid_out_otherwise_is_written_the_ordinary_way(store_copy):
    data = load(store_copy)
    store_copy.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    add(store_copy, "first")
    assert not index_module.index_path(store_copy).exists()
    assert store_copy.read_bytes() == store_module.encode(load(store_copy))  # laid out as usclet writes it now
    add(store_copy, "second")
    assert claim_ids(store_copy)[-2:] == ["first", "second"]
    assert_sound(store_copy)


def test_a_store_with_no_claims_takes_its_first_the_ordinary_way(store_copy):
    data = load(store_copy)
    data["claims"] = {}
    store_copy.write_bytes(store_module.encode(data))
    add(store_copy, "first")
    add(store_copy, "second")
    assert claim_ids(store_copy) == ["first", "second"]
    assert_sound(store_copy)


def test_merging_evidence_still_rewrites_the_store(store_copy):
    add(store_copy, "first")
    result = run_usclet("add", "claim", "--article", "a004-1", "--quote", "December 12", "--occurrence", "1",
                        "--merge", "first", db=store_copy)
    assert result.returncode == 0, result.stderr
    [claim] = [c for c in load(store_copy)["claims"].values() if c["id"] == "first"]
    assert len(claim["evidence"]) == 2
    add(store_copy, "second")
    assert_sound(store_copy)


def test_an_opened_store_sees_the_claims_it_appended(store_copy):
    from usclet import ingest

    opened = Store(store_copy)
    entry = {"id": "in-process", "evidence": [{"article": "a000-1", "quote": QUOTE}]}
    ingest.add_claims(opened, [("the claim", entry)])
    assert opened.get("in-process")[1]["id"] == "in-process"
    with opened.transaction() as tables:  # reuses what it holds: the appended claim must be there
        assert "in-process" in {claim["id"] for claim in tables["claims"].values()}
    assert claim_ids(store_copy)[-1] == "in-process"


# --- reading a block at a time ------------------------------------------------------------

LAYOUTS = {
    "usclet's": lambda data: store_module.encode(data),
    "compact": lambda data: json.dumps(data, ensure_ascii=False).encode("utf-8"),
    "one space": lambda data: json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"),
    "four spaces": lambda data: json.dumps(data, ensure_ascii=False, indent=4).encode("utf-8"),
    "escaped": lambda data: json.dumps(data, indent=2).encode("utf-8"),
    "trailing space": lambda data: store_module.encode(data) + b"  \n\n",
    "a key twice": lambda data: store_module.encode(data).replace(b'\n  "events": {', b'\n  "events": {},\n  "events": {', 1),
}


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_any_layout_reads_as_the_whole_file_parsed(tmp_path, monkeypatch, name):
    monkeypatch.setattr(layout, "BLOCK", 4096)  # many blocks, records cut across them
    path = tmp_path / "usclet.json"
    raw = LAYOUTS[name](load(SHIPPED))
    path.write_bytes(raw)
    assert store_module.read_json(path) == json.loads(raw)


def test_strings_are_shared_and_records_unchanged(tmp_path):
    data = load(SHIPPED)
    shutil.copy(SHIPPED, tmp_path / "usclet.json")
    read = store_module.read_json(tmp_path / "usclet.json")
    assert read == data
    origins = [item["origin"] for claim in read["claims"].values() for item in claim["evidence"]]
    assert len({id(origin) for origin in origins}) == len(set(origins))
