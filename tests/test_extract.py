"""`usclet extract`: candidates from seeds and new articles, and the extract | import pipeline."""

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, SEEDS, load, records, run_usclet, shell
from usclet.text import accuracy, extract
from usclet.store import open_store as Store

pytestmark = pytest.mark.usefixtures("engine")  # every test on each engine


def seed(prefix):
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def candidates_of(run, path, *options, db=None):
    result = run("extract", path, "--format", "json", *options, db=db)
    assert result.exit_code == 0, result.output
    return [c for c in json.loads(result.stdout) if c.get("type") != "event"]  # proposed events come first


def starting(candidates, words):
    return next(c for c in candidates if c["evidence"][0]["quote"].startswith(words))


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_candidate_quotes_its_file_exactly(run, prefix):
    path = seed(prefix)
    text = path.read_text(encoding="utf-8")
    found = candidates_of(run, path)
    assert found
    for candidate in found:
        evidence = candidate["evidence"][0]
        assert text[evidence["start"]:evidence["end"]] == evidence["quote"]
        assert evidence["quote"] == evidence["quote"].strip()
        assert candidate["date"] is None or candidate["date_text"] and candidate["date_basis"]


def test_this_past_monday_in_the_impunity_watch_post(run):
    lede = starting(candidates_of(run, seed("000")), "HAVANA, Cuba")
    assert (lede["date"], lede["date_text"], lede["review"]["date_basis"]) == (
        "2017-01-16", "This past Monday", "relative to the publication date")
    # the post is known to be of January 2017; its relative dates count from its earliest day
    assert lede["review"]["published"]["date"] == "2017-01-17"
    assert "This past Monday" in lede["review"]["published"]["basis"]
    assert lede["event"] == "mou-2017-01-16"


def test_on_april_17_takes_2024_from_the_footnote_and_reports_2022(run):
    found = candidates_of(run, seed("001"))
    held = starting(found, "On April 17")
    assert (held["date"], held["review"]["date_basis"], held["evidence"][0]["footnote"]) == (
        "2024-04-17", "from a footnote", 1)
    assert held["review"]["ambiguity"] == ["footnote [1] also gives April 18, 2022, which would make it 2022"]
    # the footnote's own entry for the 2022 report dates the same day in 2022, and says so
    diario = starting(found, "Menoyo Florian")
    assert diario["date"] == "2022-04-17"
    assert diario["evidence"][0]["origin"] == "Diario de Cuba"
    assert "2024-04-17" in diario["review"]["ambiguity"][0]


def test_clauses_about_different_dates_become_separate_candidates(run):
    found = candidates_of(run, seed("001"))
    resumed = starting(found, "On January 18-19, 2023")
    assert (resumed["date"], resumed["end_date"]) == ("2023-01-18", "2023-01-19")
    assert resumed["evidence"][0]["quote"].endswith("resumed their Law Enforcement Dialogue,")
    operated = starting(found, "which last operated, 2015-18")
    assert (operated["date"], operated["end_date"]) == ("2015", "2018")
    comment = candidates_of(run, seed("003"))
    assert starting(comment, "The subject of fugitives")["date"] == "2016-05"
    assert starting(comment, "not the June 8 discussions")["date"] == "2016-06-08"
    assert starting(comment, "Another, Nehanda Aviodunm")["date"] == "1981"  # after a missing period


@pytest.mark.parametrize("words, speaker, side, origin", [
    ("A U.S. offical said", "A U.S. offical", "us", "unnamed U.S. official"),
    ("According to that official", "A U.S. offical", "us", "unnamed U.S. official"),
    ("Cuban Vice Foreign Minister", "Cuban Vice Foreign Minister Carlos Fernandez de Cossío", "cuba",
     "Carlos Fernandez de Cossío"),
    ("“Cuban officials also asked", "the Cuban Foreign Ministry", "cuba", "Cuban Ministry of Foreign Affairs"),
    ("A State Department spokesperson", "A State Department spokesperson", "us", "U.S. Department of State"),
    ("It was recently unable", "officials on state television", "cuba", "Cuban state television"),
    ("The main objective", "the author", "independent", "dwkcommentaries"),  # the article's stored origin
])
def test_speakers_sides_and_origins_of_the_april_2024_post(run, words, speaker, side, origin):
    evidence = starting(candidates_of(run, seed("001")), words)["evidence"][0]
    assert (evidence["speaker"], evidence["side"], evidence["origin"]) == (speaker, side, origin)


def test_a_sentence_inside_a_quotation_keeps_its_speaker(run):
    continued = starting(candidates_of(run, seed("001")), "These dialogues strengthen")
    assert continued["evidence"][0]["origin"] == "U.S. Department of State"
    assert "continuing" in continued["review"]["speaker"]


def test_a_footnote_citing_one_government_release_is_the_origin(run):
    held = starting(candidates_of(run, seed("004")), "Despite the significant cooling")
    assert (held["date"], held["evidence"][0]["side"], held["evidence"][0]["origin"]) == (
        "2017-12-12", "cuba", "Cuban Ministry of Foreign Affairs")
    assert held["review"]["origin"] == "footnote [1] cites one source, Cuban Ministry of Foreign Affairs"


def test_publication_dates_stated_given_or_inferred(run, tmp_path):
    stated = candidates_of(run, seed("002"))[0]["review"]["published"]
    assert stated == {"date": "2017-02-22", "basis": "stated: 'Published on February 22, 2017'"}
    given = candidates_of(run, seed("000"), "--published", "20 January 2017")
    lede = starting(given, "HAVANA")
    assert lede["review"]["published"]["basis"] == "stated: given with --published"
    assert lede["date"] == "2017-01-16"  # Friday 20 January: the past Monday is still the 16th
    later = starting(candidates_of(run, seed("000"), "--published", "2017-01-25"), "HAVANA")
    assert later["date"] == "2017-01-23"


def test_a_new_file_gives_candidates_without_an_article(run, tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("The two sides met on March 3, 2025 in Havana, the Cuban Foreign Ministry said.\n", encoding="utf-8")
    (candidate,) = candidates_of(run, path)
    assert candidate["evidence"][0]["article"] is None
    assert candidate["evidence"][0]["file"] == "note.txt"
    assert (candidate["date"], candidate["evidence"][0]["side"]) == ("2025-03-03", "cuba")


def test_importing_candidates_of_a_file_not_added_is_refused(store_copy, tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("On March 3, 2025 the two sides met in Havana, officials said.\n", encoding="utf-8")
    before = store_copy.read_bytes()
    result = shell(f"usclet --db {store_copy} extract {path} --format jsonl | usclet --db {store_copy} import -")
    assert result.returncode == 2
    # line 1 is the meeting it proposes (an event needs no article); line 2 the claim, refused
    assert "standard input line 2 evidence 1: no article; add the article with `usclet add article`" in result.stderr
    assert store_copy.read_bytes() == before


@pytest.mark.parametrize("args, status, message", [
    (["--article", "a999-1"], 2, "--article: no article 'a999-1' in the store"),
    (["--article", "a000-1"], 2, "is not the text of article a000-1"),
    (["--published", "someday"], 2, "--published: 'someday' is not a date"),
])
def test_bad_extract_arguments(run, args, status, message):
    result = run("extract", seed("004"), *args)
    assert result.exit_code == status
    assert message in result.stderr
    assert result.stderr.count("\n") == 1


def test_bad_extract_files(tmp_path):
    empty, binary, latin = tmp_path / "empty.txt", tmp_path / "b.txt", tmp_path / "l.txt"
    empty.write_text("")
    binary.write_bytes(b"\x00\x01 On May 17, 2016")
    latin.write_bytes("On May 17, 2016 the Ministerio de Relaci\xf3n said".encode("latin-1"))
    for path, words in ((empty, "is empty"), (binary, "is binary"), (latin, "is not UTF-8"),
                        (tmp_path / "missing.txt", "cannot read")):
        result = run_usclet("extract", path)
        assert result.returncode == 2 and words in result.stderr and "Traceback" not in result.stderr


def test_a_file_with_nothing_to_propose_exits_1(run, tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("Nothing here is dated or attributed.\n", encoding="utf-8")
    result = run("extract", path)
    assert result.exit_code == 1
    assert "no candidate claims" in result.stderr


ARTICLE = """Cuba and the United States Hold Law Enforcement Talks in Washington

By Ana Ruiz

On April 17, delegations of Cuba and the United States met in Washington for a round of law enforcement talks, the Cuban Foreign Ministry said in a statement on Thursday.[1]

According to the Cuban Foreign Ministry, the two delegations “reviewed cooperation against terrorism, drug trafficking and migrant smuggling.” The ministry added that the talks took place in a respectful atmosphere.

A State Department spokesperson told reporters that the United States “will continue to engage with Cuba where it serves our interests.”

[1] MINREX, Cuba and the United States hold law enforcement dialogue in Washington (April 18, 2024).
"""


def test_add_extract_import_then_list_compare_sources_and_check(store_copy, tmp_path):
    """A new article, end to end through the real command, as a user would run it."""
    path = tmp_path / "statement.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    db = f"--db {store_copy}"
    added = shell(f"usclet {db} add article {path} --title 'Talks in Washington' --publisher 'Havana Times' "
                  "--format json")
    assert added.returncode == 0, added.stderr
    (article,) = json.loads(added.stdout)
    assert article["id"] == "a015-1"
    assert article["published"] is None and article["published_earliest"] == "2024-04-18"

    pipeline = shell(f"usclet {db} extract {path} --article a015-1 --format jsonl | usclet {db} import -")
    assert pipeline.returncode == 0, pipeline.stderr
    added_ids = re.findall(r"added claim (\S+)", pipeline.stdout)
    assert added_ids == [f"a015-1-claim-{n}" for n in range(1, 4)]
    # the Ministry's account of the April 17 meeting joins the stored claim that it was held
    assert "corroborated led-2024-04-17-held: sources 1 → 2 (+ Cuban Ministry of Foreign Affairs)" in pipeline.stdout

    claims = {c["id"]: c for c in records(load(store_copy), "claims")}
    held = claims["led-2024-04-17-held"]
    joined = [e for e in held["evidence"] if e["article"] == "a015-1"]
    assert joined[0]["speaker"] == "the Cuban Foreign Ministry" and joined[0]["side"] == "cuba"
    first = claims["a015-1-claim-1"]
    assert (first["event"], first["evidence"][0]["origin"]) == ("led-2024-04-17", "Cuban Ministry of Foreign Affairs")
    assert "review" not in first and "action" not in first  # the reviewer's notes are not stored

    listed = json.loads(run_usclet("list", "claims", "--since", "2024-04-17", "--format", "json", db=store_copy).stdout)
    assert {"a015-1-claim-1", "a015-1-claim-2"} <= {c["id"] for c in listed}
    # the spokesperson's paragraph states no date and does not refer back to the talks: it is kept
    # undated, not given the article's first date
    assert claims["a015-1-claim-3"]["date"] is None and "a015-1-claim-3" not in {c["id"] for c in listed}
    compared = json.loads(run_usclet("compare", "2024-04-17", "--format", "json", db=store_copy).stdout)
    cuban = {c["id"] for c in compared[0]["accounts"]["cuba"]}
    assert {"a015-1-claim-1", "a015-1-claim-2", "led-2024-04-17-held"} <= cuban
    assert "a015-1-claim-3" not in {c["id"] for c in compared[0]["accounts"]["us"]}
    unverified = {c["id"] for c in json.loads(run_usclet("sources", "--unverified", "--format", "json",
                                                         db=store_copy).stdout)}
    assert "led-2024-04-17-held" not in unverified
    sourced = json.loads(run_usclet("sources", "--origin", "Cuban Ministry of Foreign", "--format", "json",
                                    db=store_copy).stdout)
    assert "a015-1-claim-2" in {c["id"] for c in sourced}
    dialogues = json.loads(run_usclet("list", "dialogues", "--format", "json", db=store_copy).stdout)
    april = next(d for d in dialogues if d["id"] == "led-2024-04-17")
    assert "a015-1-claim-1" in april["claims"]
    again = shell(f"usclet {db} extract {path} --article a015-1 --format jsonl | usclet {db} import -")
    assert again.returncode == 0 and again.stdout.startswith("nothing changed"), again.stdout
    checked = run_usclet("check", db=store_copy)
    assert checked.returncode == 0, checked.stdout
    assert "20 articles" in checked.stdout


def test_extract_dates_at_least_95_percent_of_curated_quotes_as_the_readme_says():
    results = accuracy.measure(Store(ROOT / "data" / "usclet.json"))
    dated = sum(r["dated"] for r in results)
    agreed = sum(r["agreed"] for r in results)
    assert agreed / dated >= 0.95
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"{agreed} of {dated} dated quotes ({100 * agreed / dated:.1f}%)" in readme
    for row in results:
        assert f"| {row['file']} | {row['dated']} | {row['agreed']} |" in readme


def test_the_accuracy_script_runs_as_documented():
    result = shell("python -m usclet.text.accuracy --verbose")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["seed", "file", "dated", "quotes", "same", "date", "agreement"]
    assert [line.split()[0][:3] for line in lines[1:6]] == ["000", "001", "002", "003", "004"]
    assert [line for line in lines if line.startswith("all seeds")]


def test_extract_on_the_shipped_store_needs_no_write(tmp_path):
    path = tmp_path / "copy.txt"
    path.write_bytes(seed("004").read_bytes())
    found = extract.extract_file(Store(ROOT / "data" / "usclet.json"), path)
    assert [record["id"] for record, _, _ in found] == ["a004-1", "a004-1-c1"]


PIECES = ["On April 17,", "the U.S. and Cuba", "met in Havana.", "A U.S. official said", "“we", "agree.”",
          "According to the Cuban Foreign Ministry,", "talks", "were held", "the day before the Dialogue (May 16),",
          "This past Monday", "[1]", "\n\n", "\n\n[1] MINREX, Talks (April 18, 2024).", "D.C.", "Dr. Smith",
          "last year", "2015-18", "Jan. 5, 2019;", "told CBS News", "Published on May 2, 2018", "It said", "\n"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=12), max_size=30).map(" ".join))
def test_extract_survives_any_text_and_quotes_it_exactly(text):
    if not text.strip():
        return
    data = text.encode("utf-8", "surrogatepass")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return
    for _, _, found in extract.extract("fuzz.txt", data):
        for candidate in found:
            evidence = candidate["evidence"][0]
            assert data.decode("utf-8")[evidence["start"]:evidence["end"]] == evidence["quote"]
            assert evidence["side"] in ("us", "cuba", "independent")


def test_an_event_named_without_a_date_takes_the_matching_cited_title(run, tmp_path):
    found = candidates_of(run, seed("000"))
    signed = starting(found, "Both the US State Department")
    assert signed["date"] == "2017-01-16" and "'just a few days after' is too vague to date" in signed["review"]["ambiguity"]
    ended = starting(found, "the Obama administration ended")
    assert (ended["date"], ended["date_text"]) == ("2017-01-12", "12 January 2017")
    assert ended["review"]["ambiguity"] == ["dated by matching words with a cited title: check the source"]
    assert starting(found, "Since the repeal")["date"] == "2017-01-12"
    # with no cited title to match, the vague words leave the sentence its context date
    path = tmp_path / "vague.txt"
    path.write_text("On March 3, 2025, the two sides met a few days after the ministry ended its old policy.\n\n"
                    "[1] Reuters, Talks on fisheries resume (March 4, 2025).\n", encoding="utf-8")
    only = candidates_of(run, path)
    assert [c["date"] for c in only if c["review"]["where"] == "the body"] == ["2025-03-03"]


def test_csv_carries_whole_quotes_and_offsets(run):
    import csv
    import io

    result = run("extract", seed("004"), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    text = seed("004").read_text(encoding="utf-8")
    assert rows and all(text[int(r["start"]):int(r["end"])] == r["quote"] for r in rows)
    assert rows[0]["article"] == "a004-1" and rows[0]["date"] == "2017-12-12"


@pytest.mark.parametrize("sentence, speaker, origin, side", [
    ("The Cuban Foreign Ministry said the talks were useful.", "The Cuban Foreign Ministry",
     "Cuban Ministry of Foreign Affairs", "cuba"),
    ("According to the State Department, the talks went well.", "the State Department", "U.S. Department of State", "us"),
    ("Cuban Vice Foreign Minister Carlos Fernandez de Cossío told CBS News that flights would resume.",
     "Cuban Vice Foreign Minister Carlos Fernandez de Cossío", "Carlos Fernandez de Cossío", "cuba"),
    ("Officials asked for relief, according to a statement by the Cuban Foreign Ministry.",
     "the Cuban Foreign Ministry", "Cuban Ministry of Foreign Affairs", "cuba"),
    ("The talks were routine, a U.S. official said.", "a U.S. official", "unnamed U.S. official", "us"),
    ("“We are pleased,” said the State Department spokesperson.", "the State Department spokesperson",
     "U.S. Department of State", "us"),
    ("The Associated Press reported that two fugitives were safe.", "The Associated Press", "Associated Press",
     "independent"),
    ("MINREX stated that the meeting was held in Havana.", "MINREX", "Cuban Ministry of Foreign Affairs", "cuba"),
])
def test_attribution_patterns(sentence, speaker, origin, side):
    from usclet.text import attribution

    who, _ = attribution.find_attribution(sentence)
    assert who == speaker
    assert attribution.origin_of(who)[:2] == (origin, side)


def test_an_unattributed_sentence_has_no_speaker():
    from usclet.text import attribution

    assert attribution.find_attribution("The meeting took place in Havana on May 17.") is None
