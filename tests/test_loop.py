"""The fact-check loop on real texts, through the real CLI: a single-source claim gets a
second source, another value becomes a conflict, a batch imported again adds nothing,
and bad proposal lines are refused whole."""

import json
import shutil

import pytest

from conftest import ROOT, SEEDS, is_sqlite, run_usclet, shell
import curation
from usclet.store import open_store
from usclet.store.convert import convert

ARTICLES = ROOT / "data" / "articles"
SOURCES = {source["file"]: source for source in json.loads((ROOT / "data" / "curation" / "sources.json").read_text())}
STATE_MOU = "013_edb0fea0eef6a8a0.txt"  # State Department media note on the memorandum of 16 January 2017
STATE_FOURTH = "007_296b66d16375d53b.txt"  # State Department media note on the dialogue of 10 July 2018


@pytest.fixture(params=("json", "sqlite"))
def curated(request, tmp_path):
    """The store as the seeds' curation alone builds it: none of the added sources yet."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    path = tmp_path / "usclet.json"
    curation.write(curation.build(), path, "seeds")
    if request.param == "sqlite":
        convert(open_store(path), tmp_path / "usclet.db")
        path.unlink()
        path = tmp_path / "usclet.db"
    return path


def add(store, name):
    source = SOURCES[name]
    added = run_usclet("add", "article", ARTICLES / name, "--title", source["title"], "--publisher",
                       source["publisher"], "--published", source["published"], "--url", source["url"],
                       "--format", "json", db=store)
    assert added.returncode == 0, added.stderr
    return json.loads(added.stdout)[0]["id"]


def unverified(store):
    return {c["id"] for c in json.loads(run_usclet("sources", "--unverified", "--format", "json", db=store).stdout)}


def test_an_official_statement_corroborates_contradicts_and_imports_once(curated):
    assert "mou-2017-01-16-signatories" in unverified(curated)
    article = add(curated, STATE_MOU)
    assert article == "a005-1"
    loop = shell(f"usclet --db {curated} extract {ARTICLES / STATE_MOU} --article {article} --format jsonl "
                 f"| usclet --db {curated} import - --reviewed")
    assert loop.returncode == 0, loop.stderr
    # the State Department's note names the signatories the blog named: a second, independent source
    assert "corroborated mou-2017-01-16-signatories: sources 1 → 2 (+ U.S. Department of State)" in loop.stdout
    assert "mou-2017-01-16-signatories" not in unverified(curated)
    shown = json.loads(run_usclet("show", "mou-2017-01-16-signatories", "--format", "json", db=curated).stdout)
    shown = shown[0] if isinstance(shown, list) else shown
    assert {e["origin"] for e in shown["evidence"]} == {"Impunity Watch", "U.S. Department of State"}

    again = shell(f"usclet --db {curated} extract {ARTICLES / STATE_MOU} --article {article} --format jsonl "
                  f"| usclet --db {curated} import -")
    before = curated.read_bytes() if not is_sqlite(curated) else None
    assert again.returncode == 0 and again.stdout.startswith("nothing changed"), again.stdout

    # the note on the 2018 dialogue numbers it the fourth, the number a comment gave 12 December 2017
    fourth = add(curated, STATE_FOURTH)
    proposed = run_usclet("extract", ARTICLES / STATE_FOURTH, "--article", fourth, "--format", "json", db=curated)
    lines = json.loads(proposed.stdout)
    assert lines[0]["type"] == "event" and lines[0]["id"] == "led-2018-07-10"
    conflict = next(line for line in lines[1:] if line["action"] == "conflict" and line["match"]["fact"] == "ordinal")
    assert conflict["match"]["claim"] == "led-2017-12-12-cda-fourth-led"
    imported = run_usclet("import", "-", "--reviewed", input=proposed.stdout, db=curated)
    assert imported.returncode == 0, imported.stderr
    assert "added event led-2018-07-10" in imported.stdout
    conflicts = json.loads(run_usclet("conflicts", "--format", "json", db=curated).stdout)
    numbering = [c for c in conflicts if c["field"] == "ordinal"]
    assert numbering, conflicts
    values = {v["value"]: v["origins"] for v in numbering[0]["values"]}
    assert values == {"4: led-2018-07-10": ["U.S. Department of State"],
                      "4: led-2017-12-12": ["Center for Democracy in the Americas"]}
    listed = run_usclet("conflicts", "--event", "led-2017-12-12", "--format", "csv", db=curated)
    assert "ordinal" in listed.stdout and "U.S. Department of State" in listed.stdout
    compared = run_usclet("compare", "2017-12-12", "--format", "json", db=curated)
    assert "led-2018-07-10" in compared.stdout and "Center for Democracy in the Americas" in compared.stdout
    assert run_usclet("check", db=curated).returncode == 0
    if before is not None:
        assert before != curated.read_bytes()


@pytest.mark.parametrize("change, words", [
    ({"action": "merge-ish"}, "unknown action 'merge-ish'"),
    ({"action": "attach", "match": {"claim": "no-such-claim"}}, "attach names no claim 'no-such-claim'"),
    ({"evidence": [{"article": "a004-1", "quote": "words that are not in the article"}]}, "the quote does not occur"),
])
def test_bad_proposal_lines_are_refused_naming_the_line(curated, change, words, tmp_path):
    article = add(curated, STATE_MOU)
    proposed = run_usclet("extract", ARTICLES / STATE_MOU, "--article", article, "--format", "jsonl", db=curated)
    lines = [json.loads(line) for line in proposed.stdout.splitlines()]
    lines[1].update(change)
    batch = tmp_path / "reviewed.jsonl"
    batch.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    before = open_store(curated).counts()
    refused = run_usclet("import", batch, db=curated)
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1 and f"{batch} line 2" in refused.stderr and words in refused.stderr, \
        refused.stderr
    assert open_store(curated).counts() == before


def test_the_shipped_store_is_the_seeds_curation_and_the_added_sources_replayed():
    """Every added text is an official statement or report kept with its URL, publisher and
    date; the shipped store is what replaying them gives (the curation test rebuilds it)."""
    store = open_store(ROOT / "data" / "usclet.json")
    added = [a for a in store.articles() if a["file"] in SOURCES]
    assert len(added) >= 8
    for article in added:
        assert article["url"] and article["publisher"] and article["published"] and article["excerpt"] is not None
    official = [a for a in added if a["side"] in ("us", "cuba")]
    assert len(official) >= 8


STATE_THIRD = "005_16d1006f185c1989.txt"  # State Department media note on the dialogue of 15 September 2017


def test_a_release_a_blog_quoted_joins_as_its_primary_appearance_and_a_name_spelled_otherwise_conflicts(curated):
    article = add(curated, STATE_THIRD)
    proposed = run_usclet("extract", ARTICLES / STATE_THIRD, "--article", article, "--format", "jsonl", db=curated)
    before = open_store(curated).counts()
    dry = run_usclet("import", "-", "--dry-run", "--format", "json", input=proposed.stdout, db=curated)
    assert dry.returncode == 0, dry.stderr
    [report] = json.loads(dry.stdout)
    assert report["dry_run"] and open_store(curated).counts() == before  # shown, not written
    joined = {item["claim"]: item for item in report["appearances"]}
    # the blog quoted this very release: the same origin, now with its original words; still one source
    assert joined["led-2017-09-15-fugitives-removals"]["sources_before"] == 1
    assert joined["led-2017-09-15-fugitives-removals"]["sources_after"] == 1
    assert not report["corroborated"]
    assert [c["with"] for c in report["conflicts"]] == ["led-2016-05-17-us-lead-schwartz"]
    assert report["conflicts"][0]["claim"] in report["new_claims"]
    imported = run_usclet("import", "-", input=proposed.stdout, db=curated)
    assert imported.returncode == 0, imported.stderr
    assert "joined led-2017-09-15-fugitives-removals: the words of U.S. Department of State, already its source " \
           "(sources stay 1)" in imported.stdout
    shown = json.loads(run_usclet("show", "led-2017-09-15-fugitives-removals", "--format", "json", db=curated).stdout)
    shown = shown[0] if isinstance(shown, list) else shown
    assert [e["article"] for e in shown["evidence"]] == ["a004-1-c1", article]
    spelling = [c for c in json.loads(run_usclet("conflicts", "--format", "json", db=curated).stdout)
                if c["field"] == "name spelling"]
    assert {v["value"]: v["origins"] for v in spelling[0]["values"]} == {
        "Bruce Schwartz": ["dwkcommentaries"], "Bruce Swartz": ["U.S. Department of State"]}
