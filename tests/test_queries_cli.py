"""The query commands through the real CLI: answers, JSON contract, exit codes, pipelines."""

import csv
import io
import json

import pytest

from conftest import ADDED, SEEDS, run_usclet, shell

pytestmark = pytest.mark.usefixtures("engine")  # every test on each engine

EVENT_KEYS = {"id", "kind", "name", "aliases", "ordinal", "date", "end_date", "date_text", "date_basis",
              "place", "participants"}
CLAIM_KEYS = {"id", "event", "date", "end_date", "date_text", "date_basis", "text", "topics", "facts",
              "status", "date_note", "set_aside", "evidence", "conflicts_with"}
EVIDENCE_KEYS = {"article", "file", "start", "end", "quote", "speaker", "side", "origin", "derived_from", "derived_basis",
                 "said_on_latest", "footnote",
                 "said_on", "said_on_earliest", "said_on_basis"}


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# --- list ---------------------------------------------------------------------------

def test_dialogues_in_order_once_each_with_sources(run):
    dialogues = as_json(run("list", "dialogues", "--format", "json"))
    assert [d["id"] for d in dialogues] == [
        "led-2016-05-17", "led-2017-09-15", "led-2017-12-12", "led-2018-07-10", "led-2023-01-18", "led-2024-02-07",
        "led-2024-04-17",
    ]
    assert all(EVENT_KEYS | {"sources", "said_about_by", "claims", "identity", "participants_found",
                             "possibly_same_as"} == set(d) for d in dialogues)
    by_id = {d["id"]: d for d in dialogues}
    # the duplicated post is one source, not two; State, quoted on what the dialogue would cover, does not place it
    assert by_id["led-2016-05-17"]["sources"] == ["dwkcommentaries"]
    assert by_id["led-2016-05-17"]["said_about_by"] == ["U.S. Department of State"]
    assert set(by_id["led-2023-01-18"]["sources"]) >= {"U.S. Department of State", "Cuban Ministry of Foreign Affairs"}
    assert by_id["led-2017-12-12"]["participants"] == {}
    assert by_id["led-2016-05-17"]["participants"]["us"] == ["John S. Creamer", "Bruce Schwartz", "Alan Bersin"]


@pytest.mark.parametrize("args, expected", [
    (["--since", "2017", "--until", "Dec 2017"], ["led-2017-09-15", "led-2017-12-12"]),
    (["--since", "12 December 2017"], ["led-2017-12-12", "led-2018-07-10", "led-2023-01-18", "led-2024-02-07",
                                       "led-2024-04-17"]),
    (["--side", "cuba"], ["led-2017-12-12", "led-2023-01-18", "led-2024-02-07", "led-2024-04-17"]),
    (["--topic", "fugitives"], ["led-2016-05-17", "led-2017-09-15", "led-2018-07-10", "led-2024-04-17"]),
])
def test_list_filters(run, args, expected):
    assert [d["id"] for d in as_json(run("list", "dialogues", *args, "--format", "json"))] == expected


def test_list_claims_json_is_the_data_model(run, shipped):
    claims = as_json(run("list", "claims", "--format", "json"))
    assert len(claims) >= 60
    for claim in claims:
        assert set(claim) == CLAIM_KEYS
        for item in claim["evidence"]:
            assert set(item) == EVIDENCE_KEYS
            folder = SEEDS if (SEEDS / item["file"]).exists() else ADDED  # a text added since
            text = (folder / item["file"]).read_text(encoding="utf-8")
            assert text[item["start"]:item["end"]] == item["quote"]


@pytest.mark.parametrize("what", ["dialogues", "events", "claims", "articles", "sources"])
@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv", "md"])
def test_every_listing_in_every_format(run, what, fmt):
    result = run("list", what, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout
    if fmt == "json":
        assert isinstance(json.loads(result.stdout), list)
    elif fmt == "jsonl":
        assert all(isinstance(json.loads(line), dict) for line in result.stdout.splitlines())
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(result.stdout)))
        assert len(rows) > 1 and len({len(row) for row in rows}) == 1
    elif fmt == "md":
        assert result.stdout.splitlines()[1].startswith("|---")


def test_global_format_applies_to_listings(run):
    assert isinstance(json.loads(run("--format", "json", "list", "events").stdout), list)


def test_list_articles_marks_the_duplicate(run):
    articles = {a["id"]: a for a in as_json(run("list", "articles", "--format", "json"))}
    assert articles["a003-1"]["duplicate_of"] == "a001-3"
    assert articles["a002-1"]["published_basis"].startswith("stated")


# --- compare ------------------------------------------------------------------------

def test_compare_2017_12_12(run):
    [result] = as_json(run("compare", "2017-12-12", "--format", "json"))
    assert set(result) >= {"event", "accounts", "only", "conflicts", "silent"}
    assert result["event"]["id"] == "led-2017-12-12"
    assert result["accounts"]["us"] == []
    assert result["silent"] == ["us"]
    cuba = {claim["id"] for claim in result["accounts"]["cuba"]}
    assert {"led-2017-12-12-held", "led-2017-12-12-cuba-reviewed-cooperation", "led-2017-12-12-cuba-naming"} <= cuba
    assert all(any(item["origin"] == "Cuban Ministry of Foreign Affairs" for item in claim["evidence"])
               for claim in result["accounts"]["cuba"])
    assert {c["id"] for c in result["only"]["cuba"]} == cuba
    naming = {(n["name"], n["ordinal"]): n["origins"] for n in result["naming"]}
    assert naming[("Fourth Law Enforcement Dialogue", 4)] == ["Center for Democracy in the Americas"]
    assert naming[("meeting on the illegal trafficking of migrants and immigration fraud", None)] == [
        "Cuban Ministry of Foreign Affairs"]
    # the State Department numbers the July 2018 dialogue the fourth: a conflict with CDA's numbering of this one
    assert [c["field"] for c in result["conflicts"]] == ["kind", "name", "ordinal"]
    assert result["identity"]["ordinal"]["status"] == "disputed"  # one source, and the fourth is also 10 July 2018
    assert result["identity"]["kind"]["status"] == "contested"


def test_compare_table_says_who_was_silent(run):
    result = run("compare", "2017-12-12")
    assert result.exit_code == 0
    assert "Silence: no U.S. statement in the record" in result.stdout
    assert "made no statement" not in result.stdout  # the record's silence, not the government's
    assert "a dialogue, Fourth Law Enforcement Dialogue, no. 4 — per Center for Democracy in the" in result.stdout


def test_compare_a_month_compares_every_event_in_it(run):
    results = as_json(run("compare", "Dec 2017", "--format", "json"))
    assert [r["event"]["id"] for r in results] == ["migration-talks-2017-12-11", "led-2017-12-12"]


def test_compare_shows_claims_of_the_day_tied_to_no_event(run):
    """A claim dated in the period that belongs to no event is listed last, under its own heading."""
    results = as_json(run("compare", "2016-06-10", "--format", "json"))
    assert results[-1]["event"] is None
    loose = [claim["id"] for side in results[-1]["accounts"].values() for claim in side]
    assert "fugitives-2016-06-10-assured-no-extradition" in loose
    table = run("compare", "2016-06-10").stdout
    assert "Claims on this date tied to no event" in table and "fugitives-2016-06-10-assured-no-extradition" in table
    # a claim about a span of years is not a claim about a day inside it
    assert all(r["event"] is not None for r in as_json(run("compare", "2017-12-12", "--format", "json")))


def test_compare_by_event_id_asks_whether_two_events_are_one_meeting(run):
    [result] = as_json(run("compare", "led-2024-04-17", "--format", "json"))
    # the footnote's 2022, a reading the store sets aside, is no conflict; the Cuban Foreign Ministry's
    # migration talks of April 16 are another event: whether they are this meeting is the question
    [question] = result["conflicts"]
    assert (question["kind"], question["field"]) == ("identity", "possibly one meeting")
    assert question["events"] == ["talks-2024-04-16", "led-2024-04-17"]
    assert question["claims"] == ["talks-2024-04-16-held", "led-2024-04-17-held"]
    assert [v["origins"] for v in question["values"]] == [["Cuban Ministry of Foreign Affairs"], ["dwkcommentaries"]]
    assert result["silent"] == []


def test_compare_both_governments_agree_on_2023(run):
    [result] = as_json(run("compare", "2023-01-19", "--format", "json"))
    assert result["event"]["id"] == "led-2023-01-18"
    held = [c for c in result["accounts"]["us"] if c["id"] == "led-2023-01-18-held"]
    assert held and held[0] in result["accounts"]["cuba"]
    assert result["conflicts"] == []


# --- sources ------------------------------------------------------------------------

def test_sources_json_adds_distinct_origins(run):
    claims = {c["id"]: c for c in as_json(run("sources", "--format", "json"))}
    assert claims["mou-2017-01-16-signed"]["sources"] == ["Impunity Watch", "Human Rights First", "ABC News",
                                                          "U.S. Department of State"]
    assert claims["led-2016-05-17-held"]["sources"] == ["dwkcommentaries"]  # one post in two files


def test_unverified_keeps_exactly_the_single_source_claims(run):
    unverified = {c["id"] for c in as_json(run("sources", "--unverified", "--format", "json"))}
    assert "led-2016-05-17-held" in unverified
    assert "led-2017-12-12-cda-fourth-led" in unverified
    for corroborated in ("mou-2017-01-16-signed", "led-2023-01-18-held", "led-2017-09-15-held",
                         "trafficking-meeting-2017-01-discussed"):
        assert corroborated not in unverified


def test_sources_by_origin_is_accent_and_case_insensitive(run):
    claims = as_json(run("sources", "--origin", "cossio", "--format", "json"))
    assert claims and all(any("Cossío" in item["speaker"] for item in c["evidence"]) for c in claims)
    assert all(c["sources"] == ["Cuban Ministry of Foreign Affairs"] for c in claims)  # he speaks for the Ministry


# --- show, search, timeline -----------------------------------------------------------

def test_show_claim_gives_quotes_in_their_sentences(run):
    result = as_json(run("show", "led-2017-12-12-held", "--format", "json"))
    item, headline, statement = result["evidence"]
    assert statement["article"] == "a006-1" and statement["origin"] == headline["origin"]  # the statement itself
    assert headline["origin"] == "Cuban Ministry of Foreign Affairs" and headline["said_on"] == "2017-12-13"
    assert item["context"]["before"].startswith("Despite the significant cooling of relations")
    assert item["context"]["after"] == ""
    assert item["footnote_text"].startswith("[1] Cuba Foreign Ministry")


def test_show_event_and_article(run):
    event = as_json(run("show", "led-2023-01-18", "--format", "json"))
    assert event["kind"] == "event" and len(event["claims"]) >= 5
    article = as_json(run("show", "a004-1-c1", "--format", "json"))
    assert article["record"]["parent"] == "a004-1"
    table = run("show", "led-2017-12-12-cda-fourth-led")
    assert "the the proper name" in table.stdout


def test_search_is_accent_insensitive(run):
    found = {c["id"] for c in as_json(run("search", "Cossio", "--format", "json"))}
    assert "led-2024-04-17-cossio-led-cuban-delegation" in found
    assert found == {c["id"] for c in as_json(run("search", "COSSÍO", "--format", "json"))}


def test_timeline_fits_80_columns_and_marks_dialogues(run):
    result = run("timeline")
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert sum("◆" in line for line in lines if "led-" in line) == 6
    assert sum("◇" in line for line in lines if "led-2017-12-12" in line) == 1  # a dialogue per CDA only
    assert "2019–2022 ┊" in result.stdout


# --- exit codes and shell pipelines --------------------------------------------------

@pytest.mark.parametrize("args, status", [
    (["compare", "2099-01-01"], 1),
    (["search", "zzzqqq"], 1),
    (["list", "dialogues", "--since", "2030"], 1),
    (["show", "no-such-id"], 1),
    (["compare", "32 Smarch 2017"], 2),
    (["list", "claims", "--since", "garbage"], 2),
    (["list", "claims", "--topic", "nonsense"], 2),
    (["list", "nonsense"], 2),
    (["list", "claims", "--since", "2018", "--until", "2017"], 2),
    (["nonsense"], 2),
    (["show", "led-2017-12-12", "--format", "csv"], 2),
])
def test_exit_codes_with_one_line_messages(args, status):
    result = run_usclet(*args)
    assert result.returncode == status, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("usclet: ")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [[], ["add"]])
def test_a_bare_command_shows_its_help(args):
    result = run_usclet(*args)
    assert result.returncode == 0 and result.stdout.startswith("Usage: usclet")


def test_malformed_date_names_the_value():
    result = run_usclet("compare", "32 Smarch 2017")
    assert "'32 Smarch 2017'" in result.stderr


def test_pipeline_over_jsonl():
    result = shell("usclet sources --unverified --format jsonl | "
                   "python -c 'import json,sys; print(sum(len(json.loads(l)[\"sources\"]) == 1 for l in sys.stdin))'")
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 50


def test_pipeline_over_csv_and_json():
    result = shell("usclet list dialogues --format csv | python -c "
                   "'import csv,sys; [print(r[\"Date\"], r[\"End date\"] or \"-\") for r in csv.DictReader(sys.stdin)]'")
    assert result.stdout.split() == ["2016-05-17", "-", "2017-09-15", "-", "2017-12-12", "-", "2018-07-10", "-",
                                     "2023-01-18", "2023-01-19", "2024-02-07", "-", "2024-04-17", "-"]  # a span's
    # end in its own ISO column
    result = shell("usclet compare 2017-12-12 --format json | python -c "
                   "'import json,sys; print(json.load(sys.stdin)[0][\"silent\"])'")
    assert result.stdout.strip() == "['us']"


def test_broken_pipe_is_not_an_error():
    result = shell("usclet list claims --format jsonl | head -1")
    assert result.returncode == 0 and "Traceback" not in result.stderr


def test_json_listing_does_not_import_rich():
    result = shell("python -X importtime -m usclet list dialogues --format json 2>&1 >/dev/null | grep -c ' rich' || true")
    assert result.stdout.strip() == "0"


def test_no_color_and_plain_pipes_have_no_escape_codes():
    for env in ({"NO_COLOR": "1"}, {}):
        result = run_usclet("compare", "2017-12-12", env=env)
        assert "\x1b" not in result.stdout


# --- conflicts ------------------------------------------------------------------------

def test_conflicts_lists_each_value_with_its_sources(run):
    rows = as_json(run("conflicts", "--format", "json"))
    by_key = {(row["event"], row["field"]): row for row in rows}
    kind = by_key[("led-2017-12-12", "kind")]
    assert {v["value"]: v["origins"] for v in kind["values"]} == {
        "meeting": ["Cuban Ministry of Foreign Affairs"], "dialogue": ["Center for Democracy in the Americas"]}
    assert not [row for row in rows if row["field"] == "date"]  # no date conflict within one event
    assert len({(row["field"], frozenset(str(v["value"]) for v in row["values"])) for row in rows}) == len(rows)
    touching = as_json(run("conflicts", "--event", "led-2024-04-17", "--format", "json"))
    assert [row["claims"] for row in touching] == [row["claims"] for row in rows if "led-2024-04-17" in row["events"]]
    assert [row["claims"] for row in as_json(run("conflicts", "--since", "2024", "--format", "json"))] == [
        row["claims"] for row in rows if {"talks-2024-04-16", "led-2024-04-17"} & set(row["events"])]


def test_conflicts_formats_and_nothing_found(run):
    csv_out = run("conflicts", "--format", "csv").stdout
    assert csv_out.splitlines()[0] == "Event,Fact,Values and who gives them,Claims"
    assert "led-2017-12-12,kind," in csv_out
    nothing = run("conflicts", "--since", "2015", "--until", "2015")
    assert nothing.exit_code == 1 and "no conflicts match" in nothing.stderr
    unknown = run("conflicts", "--event", "led-2099-01-01")
    assert unknown.exit_code == 1 and "no event 'led-2099-01-01'" in unknown.stderr
