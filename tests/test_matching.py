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


# Another rendering of a statement the record holds: (corpus text, how a user adds it, [(the
# sentence's opening words, the stored claim it says again)])
RENDERINGS = [
    # ACN's English rendering of the Cuban statement on the January 2023 dialogue, below a dateline
    ("13-acn-led-2023", ["--publisher", "Agencia Cubana de Noticias", "--side", "cuba", "--origin", MINREX,
                         "--published", "2023-01-19"], [
        ("The meeting was held in an environment of mutual respect", "led-2023-01-18-cuba-atmosphere"),
        ("The two sides agreed that there exist illegal phenomena", "led-2023-01-18-cuba-common-phenomena"),
        ("They referred to an accord that will help keep on with the dialog", "led-2023-01-18-cuba-agreed-to-continue"),
        ("Cuba was represented at the meeting by members of", "led-2023-01-18-cuba-delegation"),
        ("On the US side were representatives of the departments", "led-2023-01-18-cuba-on-us-side"),
    ]),
    # Sputnik's paraphrase of the State Department's note on the same dialogue
    ("18-sputnik-led-resumed-2023", ["--publisher", "UrduPoint News / Sputnik", "--side", "independent",
                                     "--published", "2023-01-20"], [
        ("The meeting was co-chaired by the US Departments of State", "led-2023-01-18-us-co-chairs"),
    ]),
    # Reuters quoting the note in other words ("better" for "improved")
    ("19-reuters-led-concluded-2023", ["--publisher", "CMIO", "--side", "independent", "--published", "2023-01-20"], [
        ("“This type of dialogue enhances the national security", "led-2023-01-18-state-enhances-national-security"),
    ]),
    # EFE's Spanish report of the 2024 note, translated back into English
    ("21-efe-led-washington-2024", ["--publisher", "EFE", "--side", "independent", "--published", "2024-02-08"], [
        ("According to Washington, this dialogue increases the national security",
         "led-2024-02-07-state-enhances-security"),
    ]),
]


@pytest.mark.parametrize("name, options, pairs", RENDERINGS, ids=[r[0] for r in RENDERINGS])
def test_another_rendering_of_a_stored_statement_joins_the_claim_it_says_again(run, store_copy, name, options, pairs):
    path = DEV / f"{name}.txt"
    added = run("add", "article", path, "--title", name, *options, "--format", "json", db=store_copy)
    assert added.exit_code == 0, added.stderr
    article = json.loads(added.stdout)[0]["id"]
    proposed = run("extract", path, "--article", article, "--format", "json", db=store_copy)
    lines = [line for line in json.loads(proposed.stdout) if line.get("type") != "event"]
    stored = {c["id"]: c for c in json.loads(run("list", "claims", "--format", "json", db=store_copy).stdout)}
    for opening, claim_id in pairs:
        [line] = [line for line in lines if line["evidence"][0]["quote"].startswith(opening)]
        assert (line["action"], line["match"]["claim"]) == ("attach", claim_id), (opening, line["match"])
        assert line["event"] == stored[claim_id]["event"]
        origins = {e["origin"] for e in stored[claim_id]["evidence"]}
        said_again = "same origin" if line["evidence"][0]["origin"] in origins else "a new origin"
        assert said_again in line["match"]["reason"]
    imported = run("import", "-", "--format", "json", input=proposed.stdout, db=store_copy)
    assert imported.exit_code == 0, imported.stderr
    [report] = json.loads(imported.stdout)
    joined = {item["claim"] for item in report["corroborated"] + report["appearances"]}
    assert {claim_id for _, claim_id in pairs} <= joined
    assert report["conflicts"] == []


def test_a_rendering_says_again_what_a_reader_sees_twice_not_more(run, store_copy):
    """ACN's rendering of the Cuban statement on the 2023 dialogue: each of its sentences that
    the statement says joins that claim; what is left is the page's own date line."""
    name, options, _ = RENDERINGS[0]
    path = DEV / f"{name}.txt"
    article = json.loads(run("add", "article", path, "--title", name, *options, "--format", "json",
                             db=store_copy).stdout)[0]["id"]
    proposed = json.loads(run("extract", path, "--article", article, "--format", "json", db=store_copy).stdout)
    claims = [line for line in proposed if line.get("type") != "event"]
    new = [line["evidence"][0]["quote"] for line in claims if line["action"] == "new"]
    assert len(claims) >= 7 and len(new) <= 1, new


def test_a_number_is_compared_within_its_series(run, store_copy):
    """Cubasí's report of the May 2016 dialogue also numbers the Bilateral Commission's session
    the third: the record's third Law Enforcement Dialogue (2017) is another series, no conflict."""
    path = DEV / "09-cubasi-second-led-2016.txt"
    article = json.loads(run("add", "article", path, "--title", "Cuba and the USA discuss about Law enforcement",
                             "--publisher", "Cubasí", "--side", "cuba", "--published", "2016-05-18",
                             "--format", "json", db=store_copy).stdout)[0]["id"]
    proposed = json.loads(run("extract", path, "--article", article, "--format", "json", db=store_copy).stdout)
    [session] = [line for line in proposed if "third session" in line.get("evidence", [{}])[0].get("quote", "")]
    assert session["facts"].get("ordinal") == 3 and session["facts"].get("kind") != "dialogue"
    assert session["action"] != "conflict", session["match"]
    stored = json.loads(run("show", "led-2017-09-15", "--format", "json", db=store_copy).stdout)
    assert (stored["record"] if "record" in stored else stored[0]["record"])["ordinal"] == 3


@pytest.mark.parametrize("path, article", [
    (ADDED / "010_901d4daa42bd1332.txt", "a010-1"),  # "Officials from the U.S. Embassy in Havana also participated."
    (ADDED / "008_c470c544e0d62375.txt", "a008-1"),  # the same sentence, of the meeting in Havana
    # "signed by ..., chief of mission at the U.S. Embassy in Havana"
    (ROOT / "seeds" / "000_480317968ae99553.txt", "a000-1"),
])
def test_an_embassy_named_by_its_city_is_not_where_a_meeting_was(run, shipped, path, article):
    """'the U.S. Embassy in Havana' names a body: a meeting in Washington its officials attended is
    not placed in Havana, nor is a signing by its chief of mission (a place conflict otherwise)."""
    proposed = json.loads(run("extract", path, "--article", article, "--format", "json", db=shipped).stdout)
    naming = [line for line in proposed if "Embassy in Havana" in line.get("evidence", [{}])[0].get("quote", "")]
    assert naming and all("place" not in line["facts"] for line in naming)


@pytest.mark.parametrize("note, published", [(_added("009"), "2023-01"), (_added("011"), "2024-02-07"),
                                             (_added("012"), "2024-04-16")])
def test_a_notes_own_undated_sentences_are_of_the_one_meeting_it_reports(run, empty, note, published):
    """The Cuban Foreign Ministry's notes on the 2023 and 2024 dialogues and the 2024 migration
    talks each report one meeting: the note's own sentences with no date ("The meeting took place
    in an atmosphere of respect and professionalism") are its account of that meeting."""
    report = _loop(run, empty, note, MINREX, published)
    [event] = report["new_events"]
    claims = json.loads(run("list", "claims", "--format", "json", db=empty).stdout)
    own = [c for c in claims if c["evidence"][0]["side"] == "cuba"]
    assert own and all(c["event"] == event for c in own if c["date"] is None or c["date"].startswith(published[:7]))
    compared = [entry for entry in json.loads(run("compare", event, "--format", "json", db=empty).stdout)
                if entry["event"]]
    assert len(compared[0]["accounts"]["cuba"]) >= len([c for c in own if c["event"] == event]) >= 2
