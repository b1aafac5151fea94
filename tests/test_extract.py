"""`usclet extract`: candidates from seeds and new articles, and the extract | import pipeline."""

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, SEEDS, load, records, run_usclet, shell
import accuracy
from usclet.text import extract
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
    # a person speaking for a body is that body, as the registry has it
    ("Cuban Vice Foreign Minister", "Cuban Vice Foreign Minister Carlos Fernandez de Cossío", "cuba",
     "Cuban Ministry of Foreign Affairs"),
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


def test_a_footnote_citing_one_government_release_is_what_the_sentence_relays(run):
    held = starting(candidates_of(run, seed("004")), "Despite the significant cooling")
    item = held["evidence"][0]
    # the author's words, one chain with the release they relay
    assert (held["date"], item["side"], item["origin"], item["derived_from"]) == (
        "2017-12-12", "independent", "dwkcommentaries", "Cuban Ministry of Foreign Affairs")
    assert held["review"]["origin"] == ("the author's words, derived from Cuban Ministry of Foreign Affairs: "
                                        "footnote [1] cites one source, Cuban Ministry of Foreign Affairs")


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
    (["--article", "a999-1"], 1, "--article: no article 'a999-1' in the store"),
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
    result = shell("python tools/accuracy.py --verbose")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["seed", "file", "dated", "quotes", "same", "date", "agreement"]
    rows = [line for line in lines[1:] if not line.startswith(" ")]  # --verbose indents each miss under its file
    assert [line.split()[0][:3] for line in rows[:5]] == ["000", "001", "002", "003", "004"]
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


# Real texts naming a registered body by a name extract's own patterns do not know ("Minrex",
# "Minint"), or relaying a ministry's note under the options the README gives for it.
NATIONWORLDNEWS_2023 = """The United States Embassy in Cuba has announced the flight from deportation

In their message, they pointed out that this Thursday, November 30, the eighth deportation flight from the United States arrived in Havana in 2023.

On November 14, Cuba and the United States held talks on immigration and the Ministry of Foreign Affairs asked the US government to end measures that facilitate illegal immigration.

Minrex emphasized in its official note on immigration talks that Cubans who come irregularly to the United States receive “preferential treatment” and that the Adjustment Law is another stimulus for illegal immigration.
"""
WORLD_TODAY_NEWS_2023 = """Deportation Flight from the US to Cuba Confirmed by Ministry of the Interior

The first deportation flight occurred on April 24, when the US sent 123 individuals with deportation orders to the island.

A second flight was organized in May, just two weeks after the first, and transported 66 people, including 60 men and six women, back to the island. The Minint reported that 35 of these individuals were rafters who had been detained by the Border Patrol, while the rest had left the country legally and found their way to the US.
"""
RHC_2015 = """Havana and Washington Agree to Boost Collaboration to Guarantee Security

Washington, November 10 (RHC)-- Cuban and U.S. officials agreed to boost bilateral collaboration in issues related to security, such as the fight on terrorism, drug trafficking, money laundry and human trafficking.

On Monday, the two countries held their first meeting in Washington on law enforcement, as part of the process aimed at normalizing bilateral relations.

According to the Cuban Foreign Ministry, the meeting was held in a respectful and professional environment as the two sides agreed to find ways to fight transnational crime. They also addressed issues related to cyber-security and criminals in both nations.

The two parties agreed to follow up on the current dialog and hold technical meetings between agencies of the two countries on law enforcement.
"""


@pytest.mark.parametrize("text, options, words, origin, side", [
    (NATIONWORLDNEWS_2023, "--publisher 'Nation World News' --published 2023-12-01", "Minrex emphasized",
     "Cuban Ministry of Foreign Affairs", "cuba"),
    (WORLD_TODAY_NEWS_2023, "--publisher 'World Today News' --published 2023-06-23", "The Minint reported",
     "Cuban Ministry of the Interior", "cuba"),
    (RHC_2015, "--publisher 'Radio Habana Cuba' --side cuba --origin 'Cuban Ministry of Foreign Affairs' "
     "--published 2015-11-10",
     "The two parties agreed", "Cuban Ministry of Foreign Affairs", "cuba"),
    # the side given contradicts the registered origin's: the registry's side is proposed, as import requires
    (RHC_2015, "--publisher 'Radio Habana Cuba' --side independent --origin 'Cuban Ministry of Foreign Affairs' "
     "--published 2015-11-10",
     "The two parties agreed", "Cuban Ministry of Foreign Affairs", "cuba"),
], ids=["minrex", "minint", "relayed-note", "side-contradicted"])
def test_every_proposal_imports_as_it_stands(store_copy, tmp_path, text, options, words, origin, side):
    """extract names and sides each origin by the registry import checks it against."""
    path = tmp_path / "relayed.txt"
    path.write_text(text, encoding="utf-8")
    db = f"--db {store_copy}"
    added = shell(f"usclet {db} add article {path} --title 'Relayed' {options} --format json")
    assert added.returncode == 0, added.stderr
    article = json.loads(added.stdout)[0]["id"]
    proposed = shell(f"usclet {db} extract {path} --article {article} --format jsonl")
    assert proposed.returncode == 0, proposed.stderr
    candidates = [json.loads(line) for line in proposed.stdout.splitlines() if '"evidence"' in line]
    evidence = starting(candidates, words)["evidence"][0]
    assert (evidence["origin"], evidence["side"]) == (origin, side)
    imported = shell(f"usclet {db} extract {path} --article {article} --format jsonl | usclet {db} import -")
    assert imported.returncode == 0, imported.stderr
    assert "added claim" in imported.stdout


@pytest.mark.parametrize("text, options, words, speaker, origin, side", [
    # a Cuban delegation's press release (17 May 2016): the release's own voice
    ("Press Release issued by the Cuban Delegation to the Third Meeting of the Cuba-US Bilateral Commission\n\n"
     "The third meeting of the Cuba-US Bilateral Commission was held in Havana on May 16, 2016.\n\n"
     "Both delegations highlighted the increase of official visits in both directions, including the one paid by "
     "President Barack Obama to Havana in March, 2016; as well as of the technical meetings held to discuss topics "
     "of common interest and the bilateral instruments signed in order to expand mutually beneficial cooperation "
     "between Cuba and the United States.\n",
     ["--publisher", "Cuban Ministry of Foreign Affairs", "--published", "2016-05-17"], "Both delegations highlighted",
     "Cuban Ministry of Foreign Affairs", "Cuban Ministry of Foreign Affairs", "cuba"),
    # Reuters, 17 March 2015: the reporter's narration
    ("The talks ended after just one day, Cuba’s foreign ministry said in a statement.\n\n"
     "Both countries reported progress after their meetings in January and February. Then on March 9 the United "
     "States declared Venezuela a security threat and ordered sanctions against seven officials.\n",
     ["--publisher", "Reuters", "--published", "2015-03-17"], "Both countries reported", "the author", "Reuters",
     "independent"),
    # Reuters, 16 January 2017 (dev corpus 20)
    ((ROOT / "tests" / "devcorpus" / "20-reuters-mou-signed-2017.txt").read_text(encoding="utf-8"),
     ["--publisher", "Reuters", "--published", "2017-01-16"], "The two countries on Thursday", "the author", "Reuters",
     "independent"),
    # Prensa Latina in Cubadebate, 17 March 2015: the source named after them is the speaker
    ("Cuba-US Meeting Held in a Professional Climate\n\nCuba and the United States reported today here on specific "
     "topics related to the process of reestablishment of the diplomatic relations between both country, reported "
     "today a source of the Cuban chancellery.\n",
     ["--publisher", "Cubadebate", "--published", "2015-03-17"], "Cuba and the United States reported",
     "a source of the Cuban chancellery", "source of the Cuban chancellery", "cuba"),
], ids=["both-delegations", "both-countries", "the-two-countries", "named-after-them"])
def test_those_who_met_are_no_source(run, tmp_path, text, options, words, speaker, origin, side):
    """'Both parties ...', 'the two sides ...': a sentence about them speaks in the voice of its text."""
    path = tmp_path / "text.txt"
    path.write_text(text, encoding="utf-8")
    evidence = starting(candidates_of(run, path, *options), words)["evidence"][0]
    assert (evidence["speaker"], evidence["origin"], evidence["side"]) == (speaker, origin, side)


# An AFP story as a site printed it (January 2023): the headline twice, one line per paragraph, no blank line.
AFP_2023 = """US and Cuba to renew talks on law enforcement issues
US and Cuba to renew talks on law enforcement issues
A high-level US delegation will visit Cuba soon to revive discussions with the communist-ruled island on police and law enforcement issues, the State Department said Thursday.
"US and Cuban officials will meet this month... in Havana to discuss topics of bilateral interest on international law enforcement matters," including transnational crime, a State Department spokesman said on condition of anonymity.
The official did not give dates for the meeting but said the delegation will include officials from the departments of State, Justice and Homeland Security.
Washington and Havana last year resumed talks on migration issues amid a tide of Cubans fleeing the island toward the United States.
The US embassy in Havana this month resumed issuing visas for Cubans wishing to settle in the United States.
When President Joe Biden took office in early 2021, he promised to review American policy toward Cuba. But his policies hardened following anti-government protests on the island in July 2021, and a subsequent crackdown on dissent.
"""
# Radio Habana Cuba (22 May 2015) as a document service kept it: the site's furniture, a byline, a stamp and
# the headline again above a dateline, every line wrapped.
RHC_2015_WRAPPED = """Cuba and the U.S. Agree to Meet Again Over the Next Few Weeks

Anuncio
RADIO HABANA CUBA
Artículo Editado por Juan Leandro
22/05/2015 15:29:36
Cuba and the U.S. Agree to Meet Again Over the Next Few
Weeks
Washington, May 22 (RHC) –- Cuba and the U.S. are scheduling another round of high-level
talks over the next few weeks, according to both sides at a joint news conference Friday
afternoon in the U.S. capital.
The announcement followed the third round of talks between the two sides in Washington D.C.,
previously scheduled for Thursday, but extended for one more session on Friday. Both
delegations agreed to continue the exchanges on aspects related to the functioning of
diplomatic missions, said an official statement of the Cuban delegation to the talks.
"""
# A State Department media note (1 December 2015) re-posted from a mailing list, its header block kept.
STATE_2015_REPOST = """[wanabidii] Press Releases: United States and Cuba Hold Migration Talks

12/01/2015 12:38 PM EST

United States and Cuba Hold Migration Talks

Media Note
Office of the Spokesperson
Washington, DC
December 1, 2015

The United States and Cuba held biannual Migration Talks on November 30 at the U.S. Department of State.  Bureau of Western Hemisphere Affairs Deputy Assistant Secretary Alex Lee led the discussions for the United States; Director General Josefina Vidal of the U.S. Division of the Cuban Ministry of Foreign Affairs led the Cuban delegation. 
"""


@pytest.mark.parametrize("text, options, expected", [
    (AFP_2023, ["--publisher", "AFP", "--published", "2023-01-12"], [
        ("A high-level US delegation will visit Cuba soon", "2023-01-12", "us"),  # "said Thursday"
        # the speaker ends where a verb begins: "The official", the spokesman named before
        ("The official did not give dates", None, "us"),
        ("Washington and Havana last year resumed", "2022", "independent"),
        ("But his policies hardened", "2021-07", "independent"),
    ]),
    (RHC_2015_WRAPPED, ["--publisher", "Radio Habana Cuba", "--published", "2015-05-22"], [
        ("Cuba and the U.S. are scheduling another round", "2015-05-22", "independent"),  # its dateline apart
        ("The announcement followed the third round", None, "independent"),
    ]),
    (STATE_2015_REPOST, ["--publisher", "U.S. Department of State"], [
        ("The United States and Cuba held biannual Migration Talks on November 30", "2015-11-30", "us"),
    ]),
], ids=["afp-headline-twice", "rhc-wrapped-lines", "state-repost"])
def test_page_layouts_still_give_sentences(run, tmp_path, text, options, expected):
    """Paragraphs one per line, the headline repeated, furniture lines above the text: every sentence is
    still its own candidate, starting at its own words."""
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    found = candidates_of(run, path, *options)
    for words, date, side in expected:
        candidate = starting(found, words)
        assert (candidate["evidence"][0]["side"], candidate["date"] if date else None) == (side, date)
    title = text.splitlines()[0]
    assert sum(c["evidence"][0]["quote"] == title for c in found) <= 1  # a headline printed twice is one
    assert not any("\n" in c["evidence"][0]["quote"] and c["evidence"][0]["quote"].splitlines()[0] == title
                   for c in found)


# AP, Friday 14 April 2023, as a station's site printed it: a stamp over an AP dateline.
AP_2023 = """Cuba expects to resume US deportation flights this month

Apr 14, 2023, 9:15 AM

BETHESDA, Md. (AP) — Cuba plans to resume accepting deportation flights from the United States this month, a Cuban official said, echoing U.S. concerns about the highest levels of Cuban migration in six decades.

“We’re going to see if we can get one in the coming weeks and then to make that regular so that people can be easily removed, not to Mexico but directly to Cuba,” Fernandez de Cossio said late Thursday.
"""
# Radio Santa Cruz, 18 January 2017: a dateline closed by ".-" with no space before the text.
RSC_2017 = """Cuba and U.S. Hold Technical Meeting on Penal Cooperation

Havana, Jan 18 .-The Foreign Ministry informed that authorities from Cuba and the United States held the second technical meeting on cooperation on penal matters.

The meeting, held on Tuesday in Washington, is part of the dialogue on law implementation and enforcement started by Cuba and the United States in November 2015.
"""


@pytest.mark.parametrize("text, options, published, expected, header", [
    (AP_2023, ["--publisher", "Associated Press"], "2023-04-14",
     [("Cuba plans to resume", "2023-04"), ("not to Mexico but directly to Cuba", "2023-04-13")], "Apr 14, 2023"),
    (RSC_2017, ["--publisher", "Radio Santa Cruz", "--published", "2017-01-18"], "2017-01-18",
     [("The Foreign Ministry informed", None), ("held on Tuesday in Washington", "2017-01-17")], "Havana, Jan 18"),
    # the stamp "22/05/2015 15:29:36" is day first: it dates the text
    (RHC_2015_WRAPPED, ["--publisher", "Radio Habana Cuba"], "2015-05-22",
     [("Cuba and the U.S. are scheduling another round", "2015-05-22")], "22/05/2015"),
], ids=["ap-stamp", "rsc-dateline", "rhc-day-first-stamp"])
def test_datelines_and_stamps_date_the_text_and_are_no_claims(run, tmp_path, text, options, published, expected,
                                                              header):
    path = tmp_path / "wire.txt"
    path.write_text(text, encoding="utf-8")
    found = candidates_of(run, path, *options)
    assert {c["review"]["published"]["date"] for c in found} == {published}
    for words, date in expected:
        assert starting(found, words)["date"] == date
    assert not any(c["evidence"][0]["quote"].startswith(header) for c in found)


def test_a_period_since_a_date_is_proposed_with_a_note_and_imports(store_copy, tmp_path):
    """'since the implementation of the January 2017 Joint Statement' dates the start of a period: its
    candidate says so in date_note, which import keeps (State Department media note, 11 July 2018)."""
    path = tmp_path / "note.txt"
    path.write_text("United States and Cuba Hold Biannual Migration Talks in Washington, DC\n\n"
                    "The delegations discussed the significant reduction in irregular migration from Cuba to the "
                    "United States since the implementation of the January 2017 Joint Statement.\n", encoding="utf-8")
    db = f"--db {store_copy}"
    added = shell(f"usclet {db} add article {path} --title 'Migration Talks' --publisher 'U.S. Department of State' "
                  "--published 2018-07-11 --format json")
    assert added.returncode == 0, added.stderr
    article = json.loads(added.stdout)[0]["id"]
    proposed = shell(f"usclet {db} extract {path} --article {article} --format jsonl")
    candidates = [json.loads(line) for line in proposed.stdout.splitlines() if '"evidence"' in line]
    candidate = starting(candidates, "The delegations discussed")
    assert (candidate["date"], candidate["end_date"]) == ("2017-01", None)
    assert candidate["date_note"].startswith("a period from 2017-01 on ('since', 'January 2017')")
    imported = shell(f"usclet {db} extract {path} --article {article} --format jsonl | usclet {db} import -")
    assert imported.returncode == 0, imported.stderr
    shown = [json.loads(run_usclet("show", claim, "--format", "json", db=store_copy).stdout)["record"]
             for claim in re.findall(r"added claim (\S+)", imported.stdout)]
    assert candidate["date_note"] in [claim.get("date_note") for claim in shown]


@pytest.mark.parametrize("text, said_on, added", [
    (AP_2023, "2023-04-14", True),  # its stamp dates the words
    (RHC_2015, None, False),  # "Washington, November 10 (RHC)--" gives no year: nothing can say when
], ids=["stamped", "undatable"])
def test_an_article_added_without_a_date_is_proposed_only_as_import_takes_it(store_copy, tmp_path, text, said_on,
                                                                             added):
    path = tmp_path / "undated.txt"
    path.write_text(text, encoding="utf-8")
    db = f"--db {store_copy}"
    article = json.loads(shell(f"usclet {db} add article {path} --title T --publisher 'Radio Habana Cuba' --side cuba "
                               "--origin 'Cuban Ministry of Foreign Affairs' --format json").stdout)[0]["id"]
    proposed = shell(f"usclet {db} extract {path} --article {article} --format jsonl")
    candidates = [json.loads(line) for line in proposed.stdout.splitlines() if '"evidence"' in line]
    assert candidates and all(c["evidence"][0].get("said_on") == said_on for c in candidates)
    if not added:
        assert all(c["action"] == "skip" and "has no date" in c["match"]["reason"] for c in candidates)
    imported = shell(f"usclet {db} extract {path} --article {article} --format jsonl | usclet {db} import -")
    assert imported.returncode == 0, imported.stderr
    assert ("added claim" in imported.stdout) == added


# Nation World News, 1 December 2023 (the page's "Read Also" links kept where it set them)
NWN_2023 = """The United States Embassy in Cuba has announced the flight from deportation

The United States Embassy in Cuba published a note about a deportation flight.

In their message, they pointed out that this Thursday, November 30, the eighth deportation flight from the United States arrived in Havana in 2023.

Read Also:  This is what the weather will be like in the biggest cities of Uruguay on August 5, 2023

On November 14, Cuba and the United States held talks on immigration and the Ministry of Foreign Affairs asked the US government to end measures that facilitate illegal immigration.

Read Also:  Tactical Divers of the Chilean Navy inaugurate a monument to their martyrs
"""


def test_a_pronoun_naming_no_one_a_place_and_a_page_link_are_no_source(run, tmp_path):
    path = tmp_path / "nwn.txt"
    path.write_text(NWN_2023, encoding="utf-8")
    found = candidates_of(run, path, "--publisher", "Nation World News", "--published", "2023-12-01")
    # the embassy of the United States in Cuba speaks for the United States
    assert starting(found, "The United States Embassy in Cuba has")["evidence"][0]["side"] == "us"
    # "they" with no one named before is no origin: the text's own voice
    they = starting(found, "In their message, they pointed out")
    assert (they["evidence"][0]["origin"], they["date"]) == ("Nation World News", "2023-11-30")
    assert "'they' names no one before" in they["review"]["speaker"]
    # a link to another story is the page's furniture, not a claim of this one
    assert not any(c["evidence"][0]["quote"].startswith("Read Also") for c in found)


@pytest.mark.parametrize("who, side", [
    ("the U.S. Embassy in Havana", "us"), ("Embassy of Cuba in the United States", "cuba"),
    ("the Cuban Ambassador to the United States", "cuba"), ("The United States Embassy in Cuba", "us"),
])
def test_where_a_body_sits_is_not_whose_it_is(who, side):
    from usclet.text import attribution

    assert attribution.side_of(who) == side


# How wires and newspapers attribute: a quoted or reported official's side is that of the body he or she
# speaks for, whatever verb reports it, and wherever the name stands; the reporter's narration is the author's.
@pytest.mark.parametrize("text, options, words, speaker, side", [
    # EFE via elEconomista.es, 2 December 2015: "had earlier said"
    ("The U.S. State Department had earlier said the focus of the meeting was to \"discuss ways to stop the "
     "illegal flow of narcotics to and from Cuba and the United States.\"\n",
     ["--publisher", "EFE", "--published", "2015-12-02"], "The U.S. State Department had", "The U.S. State Department",
     "us"),
    # Reuters via The St Kitts Nevis Observer, 19 January 2023: "separately praised"
    ("Cuba’s Interior Ministry separately praised the meetings as taking place in a “climate of respect.”\n",
     ["--publisher", "Reuters", "--published", "2023-01-19"], "Cuba’s Interior Ministry", "Cuba’s Interior Ministry",
     "cuba"),
    # Caribbean Council, 25 April 2022: "described"
    ("Cuban and US officials have met in Washington to discuss the implementation of the US-Cuba Migration "
     "Accords. The State Department described the meeting as a demonstration of its commitment to constructive "
     "discussions with Cuba.\n",
     ["--publisher", "Caribbean Council", "--published", "2022-04-25"], "The State Department described",
     "The State Department", "us"),
    # EFE, 15 November 2022: an opening phrase, the title, then the name set off by commas
    ("During a visit to Cuba on November 10, the Under Secretary of State for Consular Affairs, Rena Bitter, "
     "reported that the US mission in Havana would resume full processing of immigrant visas as of January 4, "
     "2023.\n",
     ["--publisher", "EFE", "--published", "2022-11-15"], "During a visit to Cuba",
     "the Under Secretary of State for Consular Affairs, Rena Bitter", "us"),
    # Latin America News, 22 April 2022: the title and the name set off by commas
    ("The Vice Minister of Foreign Affairs of Cuba, Carlos Fernández de Cossío, assured this Friday that for the "
     "moment he has only seen the willingness of the United States to dialogue with his country on migration.\n",
     ["--publisher", "Latin America News", "--published", "2022-04-22"], "The Vice Minister of Foreign Affairs",
     "The Vice Minister of Foreign Affairs of Cuba, Carlos Fernández de Cossío", "cuba"),
    # Juventud Rebelde, 5 February 2016: the clause before ", reported the ..." is what was said
    ("The meeting took place in a respectful and professional atmosphere, reported the CubaMinrex webpage.\n",
     ["--publisher", "Havana Live", "--published", "2016-02-05"], "The meeting took place",
     "the CubaMinrex webpage", "cuba"),
    # Americano Media, January 2023: a non-government body is independent whatever country it names
    ("Regarding these dialogues, John Suarez, Executive Director of the Center for a Free Cuba told Americano: "
     "\"The title of this meeting scheduled between Washington and Havana is misleading.\"\n",
     ["--publisher", "Americano Media", "--published", "2023-01-10"], "Regarding these dialogues",
     "Executive Director of the Center for a Free Cuba", "independent"),
    # Havana Live, 5 February 2016: "the two-paragraph statement" is the statement named before
    ("A State Department statement Friday said the “technical” talks were held Monday through Thursday in Miami.\n\n"
     "Such exchanges are “important to advancing both countries’ commitment to ensuring safe, legal, and orderly "
     "migration,” the two-paragraph statement added.\n",
     ["--publisher", "Havana Live", "--published", "2016-02-05"], "Such exchanges are",
     "A State Department statement", "us"),
], ids=["had-earlier-said", "separately-praised", "described", "opening-title-name", "title-name",
        "reported-the", "non-government-body", "the-statement-again"])
def test_a_reported_officials_side_is_the_body_it_speaks_for(run, tmp_path, text, options, words, speaker, side):
    path = tmp_path / "text.txt"
    path.write_text(text, encoding="utf-8")
    evidence = starting(candidates_of(run, path, *options), words)["evidence"][0]
    assert (evidence["speaker"], evidence["side"]) == (speaker, side)


# A government's note, or state media relaying it, telling what one delegation or one country said at the
# meeting: the sentence is the note's account, in its voice, not the delegation's.
@pytest.mark.parametrize("text, options, words, speaker, side", [
    # Cuban Foreign Ministry, April 2022
    ("The Cuban delegation insisted on the obligation of the US government to guarantee the issuance in Havana "
     "of no less than 20 000 visas per year for those Cubans willing to migrate to the United States, a "
     "commitment that has not been complied with since 2017.\n\n"
     "Cuba likewise emphasized that these measures, including those associated to the extreme tightening of the "
     "economic blockade, are leading to the loss of human lives.\n",
     ["--publisher", "Cuban Ministry of Foreign Affairs", "--published", "2022-04-22"], "Cuba likewise emphasized",
     "Cuban Ministry of Foreign Affairs", "cuba"),
    ("The Cuban delegation insisted on the obligation of the US government to guarantee the issuance in Havana "
     "of no less than 20 000 visas per year for those Cubans willing to migrate to the United States, a "
     "commitment that has not been complied with since 2017.\n",
     ["--publisher", "Cuban Ministry of Foreign Affairs", "--published", "2022-04-22"], "The Cuban delegation",
     "Cuban Ministry of Foreign Affairs", "cuba"),
    # U.S. Department of State, 15 November 2022
    ("The U.S. delegation highlighted areas of successful cooperation on migration, while also identifying issues "
     "that have been obstacles to fulfilling the goals of the Accords.\n",
     ["--publisher", "U.S. Department of State", "--published", "2022-11-15"], "The U.S. delegation",
     "U.S. Department of State", "us"),
    # Agencia Cubana de Noticias, 22 April 2022, relaying the ministry's statement
    ("The Cuban delegation also insisted on the obligation of the U.S. government to guarantee the issuance in "
     "Havana of no less than 20,000 visas annually to Cubans to emigrate to the United States, a commitment that "
     "has been unfulfilled since 2017.\n",
     ["--publisher", "Agencia Cubana de Noticias", "--side", "cuba", "--published", "2022-04-22"],
     "The Cuban delegation also", "Agencia Cubana de Noticias", "cuba"),
], ids=["cuba-likewise", "the-cuban-delegation", "the-us-delegation", "state-media-relaying"])
def test_a_delegation_in_a_governments_note_speaks_in_the_notes_voice(run, tmp_path, text, options, words,
                                                                        speaker, side):
    path = tmp_path / "text.txt"
    path.write_text(text, encoding="utf-8")
    evidence = starting(candidates_of(run, path, *options), words)["evidence"][0]
    assert (evidence["speaker"], evidence["side"]) == (speaker, side)


def test_a_delegation_in_a_wire_keeps_its_own_side(run, tmp_path):
    """In a wire's text a delegation that speaks is still the speaker, on its own side."""
    path = tmp_path / "text.txt"
    path.write_text("The Cuban delegation said the talks were useful, but gave no date for the next round.\n",
                    encoding="utf-8")
    evidence = starting(candidates_of(run, path, "--publisher", "Reuters", "--published", "2015-03-17"),
                        "The Cuban delegation")["evidence"][0]
    assert (evidence["speaker"], evidence["side"]) == ("The Cuban delegation", "cuba")


# A person named in full with a title, then by surname alone ("Mayorkas said"): the surname is that
# official, on the side of the body the title names. Short passages of real reports.
@pytest.mark.parametrize("text, options, words, speaker, side", [
    # The Washington Post, 13 July 2021
    ("Homeland Security Secretary Alejandro Mayorkas on Tuesday warned citizens of Cuba and Haiti against trying "
     "to flee to the United States amid unrest in those nations.\n\n"
     "But Mayorkas said migrants should not make the dangerous journey by sea, warning, “People will die.”\n",
     ["--publisher", "The Washington Post", "--published", "2021-07-13"], "But Mayorkas said",
     "Homeland Security Secretary Alejandro Mayorkas", "us"),
    # tag24, July 2021: the surname after the quotation
    ("Homeland Security Secretary Alejandro Mayorkas delivered a clear message to those who might be considering "
     "the journey to the US.\n"
     "\"The time is never right to attempt migration by sea,\" Mayorkas told potential migrants during a Tuesday "
     "press conference at the US Coast Guard Headquarters.\n",
     ["--publisher", "tag24", "--published", "2021-07-14"], "\"The time is never right",
     "Homeland Security Secretary Alejandro Mayorkas", "us"),
    # Los Angeles Times, 21 January 2015: the title after the name
    ("As could be expected, however, little progress was made on long-standing disputes.\n\n"
     "Josefina Vidal, the Cuban Foreign Ministry official in charge of affairs with the U.S., criticized the "
     "American policies that allow Cubans who enter the U.S. illegally to remain there.\n\n"
     "Vidal said the ease of immigration was also contributing to a brain drain of doctors and engineers.\n",
     ["--publisher", "Los Angeles Times", "--published", "2015-01-21"], "Vidal said the ease",
     "Josefina Vidal, the Cuban Foreign Ministry official in charge of affairs with the U.S.", "cuba"),
], ids=["washington-post", "tag24", "la-times"])
def test_a_surname_said_again_is_the_official_named_before(run, tmp_path, text, options, words, speaker, side):
    path = tmp_path / "text.txt"
    path.write_text(text, encoding="utf-8")
    evidence = starting(candidates_of(run, path, *options), words)["evidence"][0]
    assert (evidence["speaker"], evidence["side"]) == (speaker, side)


def test_a_surname_with_no_official_named_before_is_no_side(run, tmp_path):
    path = tmp_path / "text.txt"
    path.write_text("Gross said the talks would change nothing for him.\n", encoding="utf-8")
    evidence = starting(candidates_of(run, path, "--publisher", "Reuters", "--published", "2014-01-10"),
                        "Gross said")["evidence"][0]
    assert (evidence["speaker"], evidence["side"]) == ("Gross", "independent")


def test_a_pronoun_before_the_verb_of_saying_is_who_said_it(run, tmp_path):
    """Caribbean Council, 25 April 2022: "The measures it said were resulting in ..." is the ministry's."""
    path = tmp_path / "text.txt"
    path.write_text(
        "In contrast, the Cuban Foreign Ministry (Minrex) indicated that at the meeting it had reiterated its concern "
        "about measures taken by the US government which it said were stimulating migration. The measures it said "
        "were resulting in the loss of life, migrant smuggling, immigration fraud, and human trafficking, affecting "
        "both Cuba and the US, and countries in the region.\n", encoding="utf-8")
    evidence = starting(candidates_of(run, path, "--publisher", "Caribbean Council", "--published", "2022-04-25"),
                        "The measures it said")["evidence"][0]
    assert evidence["side"] == "cuba" and evidence["origin"] == "Cuban Ministry of Foreign Affairs"


# State media relaying a ministry's note: once the text has named the note ("reported the CubaMinrex webpage",
# "According to a report from the Foreign Ministry"), what follows without attribution is the note's.
@pytest.mark.parametrize("name, publisher, published, words, origin", [
    ("09-cubasi-second-led-2016", "Cubasí", "2016-05-18", "The meeting was held in a respectful",
     "Cuban Ministry of Foreign Affairs"),
    ("10-cubasi-terrorism-meeting-2018", "Cubasí", "2018-01-19", "The meeting took place in an atmosphere",
     "Cuban Ministry of Foreign Affairs"),
    ("44-juventudrebelde-smuggling-exchange-2016", "Juventud Rebelde", "2016-02-05",
     "The Cuban delegation was presided over", "Cuban Ministry of Foreign Affairs"),
    ("13-acn-led-2023", "Agencia Cubana de Noticias", "2023-01-19", "The two sides agreed that there exist",
     "Cuban Ministry of the Interior"),
])
def test_state_media_relaying_a_ministrys_note_speak_in_its_voice(run, name, publisher, published, words, origin):
    path = ROOT / "tests" / "devcorpus" / f"{name}.txt"
    evidence = starting(candidates_of(run, path, "--publisher", publisher, "--side", "cuba", "--published", published),
                        words)["evidence"][0]
    assert (evidence["origin"], evidence["side"]) == (origin, "cuba")


# A speaker set off from the verb by an aside ("..., who has been ..., confirmed") or a title with an article
# ("Josefina Vidal, the Cuban Foreign Ministry official ..., criticized"): the subject is still who says it.
@pytest.mark.parametrize("text, options, words, speaker, side", [
    # Aroma de Cuba, 5 February 2026
    ("Vice Minister of Foreign Affairs Carlos Fernández de Cossío, who has been the official spokesperson on the "
     "bilateral crisis, confirmed in an interview with CNN that active communication channels exist.\n",
     ["--publisher", "Aroma de Cuba", "--published", "2026-02-05"], "Vice Minister of Foreign Affairs",
     "Vice Minister of Foreign Affairs Carlos Fernández de Cossío", "cuba"),
    # Los Angeles Times, 21 January 2015
    ("Josefina Vidal, the Cuban Foreign Ministry official in charge of affairs with the U.S., criticized the "
     "American policies that allow Cubans who enter the U.S. illegally to remain there.\n",
     ["--publisher", "Los Angeles Times", "--published", "2015-01-21"], "Josefina Vidal, the Cuban",
     "Josefina Vidal, the Cuban Foreign Ministry official in charge of affairs with the U.S.", "cuba"),
    # The Washington Post, 13 July 2021: an aside, and the surname of the official named before
    ("Homeland Security Secretary Alejandro Mayorkas on Tuesday warned citizens of Cuba and Haiti against trying "
     "to flee to the United States amid unrest in those nations.\n\n"
     "Mayorkas, whose family fled the communist takeover of Cuba six decades ago, said during a news conference "
     "that the Biden administration supports the people of both countries.\n",
     ["--publisher", "The Washington Post", "--published", "2021-07-13"], "Mayorkas, whose family",
     "Homeland Security Secretary Alejandro Mayorkas", "us"),
], ids=["who-aside", "title-with-article", "whose-aside"])
def test_a_speaker_set_off_from_the_verb_is_still_the_speaker(run, tmp_path, text, options, words, speaker, side):
    path = tmp_path / "text.txt"
    path.write_text(text, encoding="utf-8")
    evidence = starting(candidates_of(run, path, *options), words)["evidence"][0]
    assert (evidence["speaker"], evidence["side"]) == (speaker, side)
