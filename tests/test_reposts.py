"""The same text again, through the real CLI on both engines: a re-post of a statement the
record holds (its body under another outlet's header lines) is refused, naming the post it
repeats; added anyway, each of its sentences joins the claim it already is, and the record
gains no claim and no conflict."""

import json

import pytest

from conftest import ADDED, ROOT, SEEDS
from usclet.store import open_store

DEV = ROOT / "tests" / "devcorpus"


def _stored(name):
    return next(ADDED.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


# (how the re-post is made, its text, the post it repeats)
REPOSTS = [
    # Channel1 Los Angeles carried the State Department's note on the 2018 dialogue under its
    # masthead and a Spanish date line, without the note's headline
    ("channel1", lambda: (DEV / "04-state-fourth-led-2018.txt").read_text(encoding="utf-8"), "a007-1"),
    # Cubasí carried the Cuban Foreign Ministry's note on the April 2024 migration talks with its
    # "Fecha de publicación" and "Imagen principal" lines
    ("cubasi", lambda: (DEV / "12-cubasi-migration-talks-2024.txt").read_text(encoding="utf-8"), "a012-1"),
    # the State Department's note on the 2017 memorandum with two header lines of another outlet above it
    ("two-header-lines", lambda: "The Miami Observer — World desk\nPosted Tuesday, January 17, 2017\n\n"
                                 + _stored("013"), "a013-1"),
    # the Cuban Foreign Ministry's statement on the December 2017 meeting, re-wrapped: one line per
    # sentence, and a footer of the carrier's
    ("rewrapped", lambda: _stored("006").replace(". ", ".\n") + "\nShare this: Facebook Twitter\n", "a006-1"),
    # a blog post the seeds hold twice (a003-1 repeats a001-3), re-posted once more: it joins the first
    ("seed-post", lambda: "Reposted from dwkcommentaries.com\n\n" + _post("a003-1"), "a001-3"),
]


def _post(article_id):
    article = open_store(ROOT / "data" / "usclet.json").get(article_id)[1]
    return (SEEDS / article["file"]).read_text(encoding="utf-8")[article["start"]:article["end"]] + "\n"


def _add(run, store, path, *extra):
    return run("add", "article", path, "--title", "Re-posted note", "--publisher", "Miami Observer",
               "--published", "2024-05-01", "--format", "json", *extra, db=store)


@pytest.mark.parametrize("label, text, held", REPOSTS, ids=[r[0] for r in REPOSTS])
def test_a_repost_is_refused_then_added_anyway_joins_the_claims_it_already_is(run, store_copy, tmp_path, label, text,
                                                                             held):
    path = tmp_path / f"{label}.txt"
    path.write_text(text(), encoding="utf-8")
    before = open_store(store_copy).counts()
    refused = _add(run, store_copy, path)
    assert refused.exit_code == 2
    assert refused.stderr.count("\n") == 1 and refused.stderr.startswith("usclet: ") and held in refused.stderr, \
        refused.stderr
    assert open_store(store_copy).counts() == before

    conflicts = run("conflicts", "--format", "json", db=store_copy).stdout
    added = _add(run, store_copy, path, "--force")
    assert added.exit_code == 0, added.stderr
    [post] = [a for a in json.loads(added.stdout) if a["kind"] == "post"]
    assert post["duplicate_of"] == held
    proposed = run("extract", path, "--article", post["id"], "--format", "jsonl", db=store_copy)
    lines = [json.loads(line) for line in proposed.stdout.splitlines()]
    assert not [line for line in lines if line.get("type") == "event"]  # no new event either
    attached = [line for line in lines if line["action"] == "attach"]
    assert attached and {line["action"] for line in lines} <= {"attach", "skip"}
    held_claims = {c["id"]: c for c in json.loads(run("list", "claims", "--format", "json", db=store_copy).stdout)
                   if any(e["article"] == held for e in c["evidence"])}
    for line in attached:
        claim = held_claims[line["match"]["claim"]]
        # its words are the words that claim quotes from the post it repeats, under the same origin
        quoted = [e for e in claim["evidence"] if e["article"] == held]
        assert line["evidence"][0]["origin"] in {e["origin"] for e in quoted}
        assert any(" ".join(e["quote"].split()) in " ".join(line["evidence"][0]["quote"].split())
                   or " ".join(line["evidence"][0]["quote"].split()) in " ".join(e["quote"].split())
                   for e in quoted)

    imported = run("import", "-", "--format", "json", input=proposed.stdout, db=store_copy)
    assert imported.exit_code == 0, imported.stderr
    [report] = json.loads(imported.stdout)
    assert report["new_claims"] == [] and report["new_events"] == [] and report["conflicts"] == []
    assert report["corroborated"] == []  # the same text twice is one source
    assert {item["claim"] for item in report["appearances"]} == {line["match"]["claim"] for line in attached}
    assert run("conflicts", "--format", "json", db=store_copy).stdout == conflicts
    assert run("check", db=store_copy).exit_code == 0
    after = open_store(store_copy).counts()
    assert after["claims"] == before["claims"] and after["articles"] == before["articles"] + 1


def test_a_text_quoting_a_stored_statement_with_its_own_account_is_not_a_repost(run, store_copy):
    """The cubatrade.org post quotes the Cuban Foreign Ministry's statement on the 2024 dialogue
    (stored as an excerpt) and adds its own commentary: its own words are its own account."""
    text = DEV / "15-cubatrade-led-2024.txt"
    added = _add(run, store_copy, text)
    assert added.exit_code == 0, added.stderr
    assert [a["duplicate_of"] for a in json.loads(added.stdout) if a["kind"] == "post"] == [None]


def test_the_same_file_is_refused_even_with_force(run, store_copy):
    again = _add(run, store_copy, DEV / "01-state-third-led-2017.txt", "--force")
    assert again.exit_code == 2 and "a005-1 (same text)" in again.stderr
