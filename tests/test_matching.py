"""Matching finds the same meeting and the same statement said again, through the real CLI on
both engines, with real texts: two governments' notes on one meeting meet in one event with
both accounts (in either order), and a number both give it is settled."""

import json

import pytest

from conftest import ADDED, ROOT

DEV = ROOT / "tests" / "devcorpus"
STATE, MINREX = "U.S. Department of State", "Cuban Ministry of Foreign Affairs"


def _added(name):
    return next(ADDED.glob(f"{name}_*.txt"))


# (the day, the State Department's note, the Cuban Foreign Ministry's note, the number both give or None)
PAIRS = [
    # the third Law Enforcement Dialogue, Washington: "the third Law Enforcement Dialogue" / "the third meeting"
    ("2017-09-15", (_added("005"), "2017-09-15"), (DEV / "06-minrex-third-round-2017.txt", None), 3),
    # the dialogue resumed in Havana: "On January 18-19 ... met in Havana" / "On January 18 and 19 ... met in Havana"
    ("2023-01-18", (_added("008"), "2023-01-19"), (_added("009"), "2023-01"), None),
    # Washington, 7 February 2024: "met in Washington, D.C." / "met in Washington DC"
    ("2024-02-07", (_added("010"), "2024-02-07"), (_added("011"), "2024-02-07"), None),
]


@pytest.fixture(params=("json", "db"))
def empty(request, run, tmp_path):
    path = tmp_path / f"record.{request.param}"
    assert run("init", path).exit_code == 0
    return path


def _loop(run, store, path, publisher, published):
    added = run("add", "article", path, "--title", path.stem, "--publisher", publisher, "--format", "json",
                *(["--published", published] if published else []), db=store)
    assert added.exit_code == 0, added.stderr
    article = json.loads(added.stdout)[0]["id"]
    proposed = run("extract", path, "--article", article, "--format", "jsonl", db=store)
    imported = run("import", "-", "--format", "json", input=proposed.stdout, db=store)
    assert imported.exit_code == 0, imported.stderr
    return json.loads(imported.stdout)[0]


@pytest.mark.parametrize("first", ("us", "cuba"))
@pytest.mark.parametrize("day, state, minrex, number", PAIRS, ids=[p[0] for p in PAIRS])
def test_two_governments_notes_on_one_meeting_meet_in_one_event(run, empty, first, day, state, minrex, number):
    notes = [(state, STATE), (minrex, MINREX)]
    for (path, published), publisher in (notes if first == "us" else notes[::-1]):
        report = _loop(run, empty, path, publisher, published)
    # the second note proposes no meeting of its own that day: it joins the first one's
    assert not any(event_id.endswith(day) for event_id in report["new_events"])
    assert report["conflicts"] == []
    [compared] = [entry for entry in json.loads(run("compare", day, "--format", "json", db=empty).stdout)
                  if entry["event"]]
    assert compared["accounts"]["us"] and compared["accounts"]["cuba"] and compared["silent"] == []
    assert {e["origin"] for side in ("us", "cuba") for c in compared["accounts"][side] for e in c["evidence"]} == {
        STATE, MINREX}
    events = json.loads(run("list", "events", "--since", day, "--until", day, "--format", "json", db=empty).stdout)
    assert [e["id"] for e in events] == [compared["event"]["id"]]
    ordinal = events[0]["identity"]["ordinal"]
    if number is not None:
        assert ordinal["status"] == "settled" and ordinal["value"] == number
        assert sorted(ordinal["values"][0]["origins"]) == sorted([STATE, MINREX])
        assert events[0]["ordinal"] == number  # the event's own number is the settled one
        assert run("show", events[0]["id"], "--format", "json", db=empty).stdout.count(f'"ordinal": {number}') >= 1
    assert run("check", db=empty).exit_code == 0
