"""Undo and redo: one change per call, as in an editor, and never a broken record. Through
the real program, on both engines."""

import json

import pytest

from conftest import load, run_usclet

ARTICLE = ("Talks in Washington\n\nOn April 17, 2024, U.S. and Cuban officials met in Washington, D.C. for a law "
           "enforcement dialogue, the State Department said. The officials discussed deportation flights "
           "and human smuggling.\n")
REPOST = ARTICLE.replace("\n\n", "\n\n\n")  # the same post, other bytes: a copy, not the same file


def _records(path):
    data = load(path)
    return {table: sorted(json.dumps(row, sort_keys=True) for row in data[table].values())
            for table in ("articles", "events", "claims")}


@pytest.fixture
def empty(tmp_path, engine):
    path = tmp_path / ("mine.db" if engine == "sqlite" else "mine.json")
    (tmp_path / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "repost.txt").write_text(REPOST, encoding="utf-8")
    assert run_usclet("init", path).returncode == 0
    return path


def usclet(path, *args, input=None):
    return run_usclet(*args, db=path, input=input)


def _ok(result):
    assert result.returncode == 0, result.stderr
    return result


def _check_clean(path):
    result = usclet(path, "check")
    assert result.returncode == 0, result.stdout + result.stderr


def _log(path):
    return json.loads(usclet(path, "log", "--format", "json").stdout)


def _add_article(path, name="talks.txt"):
    return _ok(usclet(path, "add", "article", path.parent / name, "--title", "Talks", "--publisher", "Havana Times",
                      "--published", "2024-04-18"))


def test_undoing_an_article_that_imported_claims_quote_is_refused_then_cascades(empty):
    _add_article(empty)
    proposals = _ok(usclet(empty, "extract", empty.parent / "talks.txt", "--article", "a000-1", "--format", "jsonl"))
    assert proposals.stdout.strip()
    _ok(usclet(empty, "import", "-", input=proposals.stdout))
    text = empty.parent / "articles" / load(empty)["articles"]["1"]["file"]
    assert text.exists()
    before = _records(empty)

    refused = usclet(empty, "undo", "1")
    assert refused.returncode == 2 and "2 (import" in refused.stderr and "--cascade 1" in refused.stderr
    assert _records(empty) == before and len(_log(empty)) == 2 and text.exists()
    _check_clean(empty)

    cascaded = _ok(usclet(empty, "undo", "--cascade", "1"))
    lines = cascaded.stdout.splitlines()
    assert "build on it: 2" in lines[0] and lines[1].startswith("undid change 2") and lines[2].startswith("undid change 1")
    assert _records(empty) == {"articles": [], "events": [], "claims": []}
    assert not text.exists()  # the copied text goes with the article
    _check_clean(empty)

    _ok(usclet(empty, "redo"))  # the article first: the claims need it
    assert text.exists()
    _check_clean(empty)
    _ok(usclet(empty, "redo"))
    assert _records(empty) == before
    _check_clean(empty)


def test_undoing_an_event_a_later_claim_names_is_refused(empty):
    _add_article(empty)
    _ok(usclet(empty, "add", "event", "--id", "led-2024-04-17", "--kind", "dialogue", "--name", "Dialogue",
               "--date", "2024-04-17"))
    _ok(usclet(empty, "add", "claim", "--article", "a000-1", "--quote", "U.S. and Cuban officials met",
               "--event", "led-2024-04-17", "--date", "2024-04-17", "--id", "met"))
    before = _records(empty)
    refused = usclet(empty, "undo", "2")
    assert refused.returncode == 2 and "3 (add claim: +claim met)" in refused.stderr and "led-2024-04-17" in refused.stderr
    assert _records(empty) == before
    _ok(usclet(empty, "undo", "--cascade", "2"))
    assert [json.loads(row)["id"] for row in _records(empty)["articles"]] == ["a000-1"] and not _records(empty)["claims"]
    _check_clean(empty)
    # redoing the claim alone would dangle: it needs its event back first
    refused = usclet(empty, "redo", "3")
    assert refused.returncode == 2 and "redo that first" in refused.stderr and "2 (add event" in refused.stderr
    _ok(usclet(empty, "redo", "2"))
    _ok(usclet(empty, "redo", "3"))
    assert _records(empty) == before
    _check_clean(empty)


def test_undoing_a_claim_another_conflicts_with_is_refused(empty):
    _add_article(empty)
    _ok(usclet(empty, "add", "claim", "--article", "a000-1", "--quote", "U.S. and Cuban officials met", "--id", "met"))
    line = {"text": "Flights.", "action": "conflict", "match": {"claim": "met"},
            "evidence": [{"article": "a000-1", "quote": "deportation flights"}]}
    _ok(usclet(empty, "import", "-", input=json.dumps(line)))
    refused = usclet(empty, "undo", "2")
    assert refused.returncode == 2 and "3 (import" in refused.stderr
    _ok(usclet(empty, "undo", "--cascade", "2"))
    _check_clean(empty)


def test_undoing_an_article_a_later_one_repeats_is_refused(empty):
    _add_article(empty)
    second = _ok(usclet(empty, "add", "article", empty.parent / "repost.txt", "--title", "Again", "--force", "--format", "json"))
    assert json.loads(second.stdout)[0]["duplicate_of"] == "a000-1"
    refused = usclet(empty, "undo", "1")
    assert refused.returncode == 2 and "2 (add article" in refused.stderr and "a000-1" in refused.stderr
    _ok(usclet(empty, "undo", "--cascade", "1"))
    assert not list((empty.parent / "articles").glob("*.txt"))
    _check_clean(empty)


def test_undo_undo_redo_walks_back_and_forward_one_change_each(empty):
    _add_article(empty)
    states = [_records(empty)]
    _ok(usclet(empty, "add", "claim", "--article", "a000-1", "--quote", "U.S. and Cuban officials met", "--id", "met"))
    states.append(_records(empty))
    _ok(usclet(empty, "edit", "claim", "met", "--text", "Officials met."))
    states.append(_records(empty))

    assert "undid change 3" in _ok(usclet(empty, "undo")).stdout
    assert _records(empty) == states[1]
    assert "undid change 2" in _ok(usclet(empty, "undo")).stdout  # back one more, not a redo
    assert _records(empty) == states[0]
    assert "redid change 2" in _ok(usclet(empty, "redo")).stdout
    assert _records(empty) == states[1]
    assert "redid change 3" in _ok(usclet(empty, "redo")).stdout
    assert _records(empty) == states[2]
    nothing = usclet(empty, "redo")
    assert nothing.returncode == 1 and "nothing to redo" in nothing.stderr
    log = _log(empty)
    assert [(e["command"], e["undoes"] is not None, e["redoes"]) for e in log[:4]] == [
        ("redo", True, 3), ("redo", True, 2), ("undo", True, None), ("undo", True, None)]
    table = _ok(usclet(empty, "log", "--format", "csv")).stdout
    assert "redoes 3" in table and "undoes 2" in table
    _check_clean(empty)


def test_a_write_after_undos_starts_a_new_branch_and_undone_changes_are_redone_by_number(empty):
    _add_article(empty)
    _ok(usclet(empty, "add", "claim", "--article", "a000-1", "--quote", "U.S. and Cuban officials met", "--id", "met"))
    _ok(usclet(empty, "undo"))
    _ok(usclet(empty, "add", "claim", "--article", "a000-1", "--quote", "deportation flights", "--id", "flights"))
    nothing = usclet(empty, "redo")
    assert nothing.returncode == 1 and "redo N" in nothing.stderr
    assert "flights" in _ok(usclet(empty, "undo")).stdout  # the new branch's write goes first
    assert "undid change 1" in _ok(usclet(empty, "undo")).stdout
    assert _ok(usclet(empty, "redo")).stdout.startswith("redid change 1")
    assert _ok(usclet(empty, "redo")).stdout.startswith("redid change 4")
    assert _ok(usclet(empty, "redo", "2")).stdout.startswith("redid change 2")  # the old branch, by number
    assert {json.loads(row)["id"] for row in _records(empty)["claims"]} == {"met", "flights"}
    again = usclet(empty, "redo", "2")
    assert again.returncode == 2 and "in effect" in again.stderr
    _check_clean(empty)


def test_undoing_an_undo_by_its_number_redoes(empty):
    _add_article(empty)
    _ok(usclet(empty, "add", "claim", "--article", "a000-1", "--quote", "deportation flights", "--id", "flights"))
    before = _records(empty)
    _ok(usclet(empty, "undo"))
    assert _ok(usclet(empty, "undo", "3")).stdout.startswith("redid change 2")
    assert _records(empty) == before


def test_an_undone_article_keeps_its_number_so_it_can_be_redone_after_other_adds(empty):
    _add_article(empty)
    _ok(usclet(empty, "undo"))
    other = _ok(usclet(empty, "add", "article", empty.parent / "repost.txt", "--title", "Other", "--format", "json"))
    assert json.loads(other.stdout)[0]["id"] == "a001-1"
    _ok(usclet(empty, "redo", "1"))
    assert {json.loads(row)["id"] for row in _records(empty)["articles"]} == {"a000-1", "a001-1"}
    _check_clean(empty)


def test_an_undone_add_is_not_a_retraction(empty):
    _add_article(empty)
    _ok(usclet(empty, "add", "claim", "--article", "a000-1", "--quote", "deportation flights", "--id", "flights"))
    _ok(usclet(empty, "add", "claim", "--article", "a000-1", "--quote", "human smuggling", "--id", "smuggling"))
    _ok(usclet(empty, "retract", "claim", "smuggling", "--reason", "not about the dialogue"))
    _ok(usclet(empty, "undo", "2"))  # the add of flights: taken back, never retracted
    everything = json.loads(_ok(usclet(empty, "list", "claims", "--all", "--format", "json")).stdout)
    assert [(c["id"], c["status"], c.get("retracted")) for c in everything] == [
        ("smuggling", "retracted", "not about the dialogue")]
    _ok(usclet(empty, "undo"))  # the retraction
    _ok(usclet(empty, "redo"))  # and again
    everything = json.loads(_ok(usclet(empty, "list", "claims", "--all", "--format", "json")).stdout)
    assert [(c["id"], c["status"]) for c in everything] == [("smuggling", "retracted")]
