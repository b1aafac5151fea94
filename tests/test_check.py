"""`usclet check`: 0 on the shipped store; 1 naming the problem for each kind of damage."""

import pytest

from conftest import ADDED, SEEDS, load, records, run_usclet, save


def test_shipped_store_passes(run, shipped):
    result = run("check", db=shipped)
    assert result.exit_code == 0, result.output
    assert "all match their sources" in result.output


def test_shipped_store_passes_as_a_process(shipped):
    result = run_usclet("check", db=shipped)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def _first_claim(data):
    return next(iter(data["claims"].values()))


def _damage_offset(path):
    data = load(path)
    item = _first_claim(data)["evidence"][0]
    item["start"] += 1
    item["end"] += 1
    save(path, data)
    return _first_claim(data)["id"], "quote differs"


def _damage_quote(path):
    data = load(path)
    item = _first_claim(data)["evidence"][0]
    item["quote"] = item["quote"].replace(item["quote"][0], "X", 1)
    save(path, data)
    return _first_claim(data)["id"], "quote differs"


def _damage_seed(path):
    seed = path.parent / "seeds" / "004_038e472c2dd6021a.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("December 12", "December 13", 1), encoding="utf-8")
    return "004_038e472c2dd6021a.txt", "the seed file was changed"


def _damage_event_reference(path):
    data = load(path)
    claim = _first_claim(data)
    claim["event"] = "led-1999-01-01"
    save(path, data)
    return claim["id"], "event 'led-1999-01-01' is not an event in the store"


def _damage_date(path):
    data = load(path)
    claim = _first_claim(data)
    claim["date"] = "2017-02-30"
    save(path, data)
    return claim["id"], "date '2017-02-30' is not a valid ISO date"


def _damage_conflict_reference(path):
    data = load(path)
    claim = _first_claim(data)
    claim["conflicts_with"] = ["no-such-claim"]
    save(path, data)
    return claim["id"], "conflicts_with 'no-such-claim'"


def _damage_duplicate_id(path):
    data = load(path)
    claims = list(data["claims"].values())
    claims[1]["id"] = claims[0]["id"]
    save(path, data)
    return claims[0]["id"], "is used by 2 records"


def _damage_article_reference(path):
    data = load(path)
    claim = _first_claim(data)
    claim["evidence"][0]["article"] = "a999-1"
    save(path, data)
    return claim["id"], "article 'a999-1' is not in the store"


@pytest.mark.parametrize("damage", [
    _damage_offset, _damage_quote, _damage_seed, _damage_event_reference, _damage_date,
    _damage_conflict_reference, _damage_duplicate_id, _damage_article_reference,
])
def test_each_kind_of_damage_exits_1_naming_the_problem(run, store_copy, engine, damage):
    if engine == "sqlite" and damage is _damage_duplicate_id:
        pytest.skip("the SQLite engine's primary key refuses a second record with the same id")
    culprit, words = damage(store_copy)
    result = run("check", db=store_copy)
    assert result.exit_code == 1
    problem_lines = [line for line in result.stdout.splitlines() if culprit in line and words in line]
    assert problem_lines, result.stdout
    assert "problems" in result.stderr


def test_damage_found_through_a_real_process(store_copy):
    culprit, _ = _damage_offset(store_copy)
    result = run_usclet("check", db=store_copy)
    assert result.returncode == 1
    assert culprit in result.stdout
    assert "Traceback" not in result.stderr


def test_every_evidence_quote_is_the_seed_text_at_its_offsets(shipped):
    """Independent of `check`: slice each seed and compare."""
    data = load(shipped)
    texts = {}
    for claim in records(data, "claims"):
        for item in claim["evidence"]:
            folder = SEEDS if (SEEDS / item["file"]).exists() else ADDED  # a seed, or a text added since
            text = texts.setdefault(item["file"], (folder / item["file"]).read_text(encoding="utf-8"))
            assert text[item["start"]:item["end"]] == item["quote"], claim["id"]


def test_check_json_lists_problems(run, store_copy):
    _damage_date(store_copy)
    result = run("check", "--format", "json", db=store_copy)
    assert result.exit_code == 1
    import json

    problems = json.loads(result.stdout)
    assert any("2017-02-30" in problem for problem in problems)
