"""The smaller things a user trips over, each as a user meets it, through the real program."""

import csv
import io
import json
import re

import pytest

from conftest import ROOT, load, run_usclet

DEVCORPUS = ROOT / "tests" / "devcorpus"
UNDATED = DEVCORPUS / "03-state-migration-talks-2022.txt"  # states no publication date of its own


def _ok(result):
    assert result.returncode == 0, result.stderr
    return result


def test_import_of_a_quote_from_an_undated_article_gives_advice_that_works(store_copy):
    added = _ok(run_usclet("add", "article", UNDATED, "--title", "t", "--publisher", "State Department",
                           "--format", "json", db=store_copy))
    article_id = json.loads(added.stdout)[0]["id"]
    line = json.dumps({"text": "Talks were held.", "evidence": [{"article": article_id, "quote": "The United"}]})
    refused = run_usclet("import", "-", input=line, db=store_copy)
    assert refused.returncode == 2
    assert "give said_on (--said-on DATE)" not in refused.stderr  # import has no such option
    assert '"said_on"' in refused.stderr and f"usclet edit article {article_id} --published DATE" in refused.stderr
    _ok(run_usclet("edit", "article", article_id, "--published", "2022-04-21", db=store_copy))
    _ok(run_usclet("import", "-", input=line, db=store_copy))


def test_log_at_120_columns_shows_what_each_change_did(store_copy):
    lines = "".join(json.dumps({"text": f"Claim {n}.", "evidence": [{"article": "a004-1", "quote": "December 12",
                                                                       "occurrence": 1}]}) + "\n" for n in range(12))
    _ok(run_usclet("--reason", "a batch of claims about the December meeting", "import", "-", input=lines,
                   db=store_copy))
    _ok(run_usclet("add", "claim", "--article", "a000-1", "--quote", "HAVANA, Cuba", "--id", "one", db=store_copy))
    shown = _ok(run_usclet("log", db=store_copy, env={"COLUMNS": "120"})).stdout
    header = next(line for line in shown.splitlines() if "No." in line)
    for heading in ("When", "Command", "Records", "Reason"):
        assert heading in header, shown
    assert "+claim one" in shown and "import" in shown and "+claim a004-1-claim-1" in shown


def test_show_names_the_folder_an_added_article_lives_in(shipped):
    shown = _ok(run_usclet("show", "led-2017-12-12-held", db=shipped)).stdout
    added = {path.name for path in (ROOT / "data" / "articles").glob("*.txt")}
    places = re.findall(r"(\w+)/(\d{3}_[0-9a-f]{16}\.txt)\[", shown)
    assert places and any(name in added for _, name in places)
    for folder, name in places:
        assert folder == ("articles" if name in added else "seeds"), (folder, name)


def test_add_claim_repeating_a_claim_under_a_new_id_names_it(store_copy):
    _ok(run_usclet("add", "claim", "--article", "a000-1", "--quote", "HAVANA, Cuba", "--id", "first", db=store_copy))
    before = load(store_copy)
    again = _ok(run_usclet("add", "claim", "--article", "a000-1", "--quote", "HAVANA, Cuba", "--id", "second",
                           db=store_copy))
    assert "first" in again.stdout and "nothing changed" in again.stdout
    assert load(store_copy) == before


def test_a_failed_write_to_a_missing_store_leaves_nothing_behind(tmp_path, engine):
    absent = tmp_path / ("absent.db" if engine == "sqlite" else "absent.json")
    for args in (["add", "claim", "--article", "a000-1", "--quote", "x"], ["restore", "--yes"],
                 ["edit", "claim", "x", "--text", "y"]):
        result = run_usclet(*args, db=absent)
        assert result.returncode == 3 and "usclet init" in result.stderr or "no backup" in result.stderr
        assert list(tmp_path.iterdir()) == [], args  # no absent.json.lock


@pytest.mark.parametrize("title", ["", "   "])
def test_an_empty_title_is_refused(store_copy, tmp_path, title):
    text = tmp_path / "note.txt"
    text.write_text("A note\n\nOn April 17, 2024, officials met.\n", encoding="utf-8")
    before = load(store_copy)
    result = run_usclet("add", "article", text, "--title", title, db=store_copy)
    assert result.returncode == 2 and "--title" in result.stderr
    assert load(store_copy) == before and not list((store_copy.parent / "articles").glob("*_*.txt")) == []
    assert run_usclet("edit", "article", "a000-1", "--title", title, db=store_copy).returncode == 2


def test_a_quote_of_an_article_without_publisher_needs_its_origin(store_copy, tmp_path):
    text = tmp_path / "note.txt"
    text.write_text("A note\n\nOn April 17, 2024, officials met in Havana.\n", encoding="utf-8")
    article_id = json.loads(_ok(run_usclet("add", "article", text, "--title", "A note", "--published", "2024-04-18",
                                           "--format", "json", db=store_copy)).stdout)[0]["id"]
    refused = run_usclet("add", "claim", "--article", article_id, "--quote", "officials met in Havana", db=store_copy)
    assert refused.returncode == 2 and "--origin" in refused.stderr and "--publisher" in refused.stderr
    added = _ok(run_usclet("add", "claim", "--article", article_id, "--quote", "officials met in Havana",
                           "--origin", "Havana Times", "--format", "json", db=store_copy))
    assert json.loads(added.stdout)[0]["evidence"][0]["origin"] == "Havana Times"
    origins = {item["origin"] for claim in load(store_copy)["claims"].values() for item in claim["evidence"]}
    assert article_id not in origins
    _ok(run_usclet("check", db=store_copy))


def _columns(output, headings):
    """{heading: width} of a table's columns, from its header line and its rule."""
    lines = output.splitlines()
    header = next(line for line in lines if all(h in line for h in headings[:1]) and "  " in line)
    rule = next(line for line in lines if "─" in line)
    starts = sorted((header.index(h), h) for h in headings if h in header)
    widths = {}
    for (start, heading), following in zip(starts, starts[1:] + [(len(rule), None)]):
        widths[heading] = following[0] - start - (2 if following[1] else 1)
    return widths


@pytest.mark.parametrize("args, prose, ids, key", [
    (["conflicts"], "Values and who gives them", ("Event",), "event"),
    (["sources", "--unverified"], "Claim", ("Id",), "id"),
    (["sources"], "Claim", ("Id",), "id"),
    (["list", "claims"], "Claim", ("Id",), "id"),
])
@pytest.mark.parametrize("width", [80, 120])
def test_the_column_read_keeps_30_characters_and_ids_are_whole(engine, args, prose, ids, key, width):
    shown = _ok(run_usclet(*args, env={"COLUMNS": str(width)})).stdout
    records = json.loads(_ok(run_usclet(*args, "--format", "json")).stdout)
    if f"{prose}: " in shown:  # one block per record: everything whole
        assert all(len(line) <= width for line in shown.splitlines())
    else:
        assert _columns(shown, [prose] + list(ids))[prose] >= 30, shown
    for record in records:
        assert re.search(rf"(^|\s){re.escape(record[key])}(\s|$)", shown, re.MULTILINE), record[key]


def test_log_at_80_columns_keeps_its_records_readable(store_copy):
    _ok(run_usclet("--reason", "x", "add", "claim", "--article", "a000-1", "--quote", "HAVANA, Cuba", "--id", "one",
                   db=store_copy))
    _ok(run_usclet("--reason", "because the paraphrase was wrong", "edit", "claim", "one", "--text", "Havana.",
                   db=store_copy))
    shown = _ok(run_usclet("log", db=store_copy, env={"COLUMNS": "80"})).stdout
    assert "~claim one" in shown and "+claim one" in shown


def test_compare_csv_and_md_name_the_origins_of_each_account(engine):
    rows = list(csv.DictReader(io.StringIO(_ok(run_usclet("compare", "2017-12-12", "--format", "csv")).stdout)))
    accounts = [row for row in rows if row["section"] == "account"]
    assert accounts and all(row["origins"] for row in accounts)
    cuban = {row["origins"] for row in accounts if row["side"] == "cuba"}
    assert any("Cuban Ministry of Foreign Affairs" in origins for origins in cuban)
    md = _ok(run_usclet("compare", "2017-12-12", "--format", "md")).stdout
    account_lines = [line for line in md.splitlines() if "| account |" in line]
    assert account_lines and all(not line.rstrip().endswith("|  |") for line in account_lines)


def test_the_html_export_carries_no_control_bytes_from_article_text(store_copy, tmp_path):
    hostile = ("Hostile\n\nThe ministry said \x1b[31mred\x1b[0m and rang \x07 on December 12, 2017, "
               "then \x9b2J cleared.\n")
    text = tmp_path / "hostile.txt"
    text.write_text(hostile, encoding="utf-8")
    article_id = json.loads(_ok(run_usclet("add", "article", text, "--title", "T \x1b[1m", "--publisher", "Havana Times",
                                           "--published", "2017-12-13", "--format", "json", db=store_copy)).stdout)[0]["id"]
    _ok(run_usclet("add", "claim", "--article", article_id, "--quote", "The ministry said \x1b[31mred\x1b[0m and rang \x07",
                   "--event", "led-2017-12-12", "--date", "2017-12-12", "--text", "Bell \x07", db=store_copy))
    _ok(run_usclet("export", "html", tmp_path / "report", "-q", db=store_copy))
    page = "".join(path.read_text(encoding="utf-8") for path in (tmp_path / "report").rglob("*.html"))
    assert "The ministry said" in page
    for byte in ("\x1b", "\x07", "\x9b"):
        assert byte not in page
    assert "\\x1b[31mred" in page  # shown as text
