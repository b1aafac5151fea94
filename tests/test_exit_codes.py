"""One table of exit codes, the README's, for every command: each is run with an id that
names no record, a malformed date, a missing store and a missing articles folder, and
its exit code must be the one the README's table gives for that case."""

import re
import shutil

import pytest

from conftest import ROOT
from usclet.cli import cli

README = ROOT / "README.md"


def readme_table():
    """{code: meaning} from the README's "Exit codes" table."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Exit codes"):]
    section = section[:section.index("\n## ", 3)]
    return {int(code): meaning for code, meaning in re.findall(r"^\| (\d+) \| (.+) \|$", section, re.MULTILINE)}


# what the README's row for each case says, word for word
UNKNOWN_ID = "an id that names no record"
UNKNOWN_REFERENCE = "an id a new record would refer to"
BAD_DATE = "a malformed date"
NO_STORE = "missing"
NO_ARTICLES = "its articles folder missing"

# every command, with arguments naming an unknown id (code, case), a bad date, and what it
# needs to run at all (for the missing-store and missing-articles cases)
COMMANDS = {
    "list": (["list", "claims", "--until", "2017-02-30"], None, ["list", "claims"]),
    "show": (None, ["show", "no-such-id"], ["show", "led-2017-12-12-held"]),
    "compare": (["compare", "2017-02-30"], ["compare", "led-2099-01-01"], ["compare", "2017-12-12"]),
    "conflicts": (["conflicts", "--since", "yesterday-ish"], ["conflicts", "--event", "no-such-event"], ["conflicts"]),
    "sources": (["sources", "--since", "2017-13"], None, ["sources"]),
    "timeline": (["timeline", "--until", "2017-02-30"], None, ["timeline"]),
    "search": (["search", "cuba", "--since", "2017-02-30"], ["search", "cuba", "--event", "no-such-event"],
               ["search", "cuba"]),
    "check": (None, None, ["check"]),
    "extract": (["extract", "{article}", "--published", "2017-02-30"], ["extract", "{article}", "--article", "a999-1"],
                ["extract", "{article}"]),
    "add article": (["add", "article", "{article}", "--title", "T", "--published", "2017-02-30"], None,
                    ["add", "article", "{article}", "--title", "T"]),
    "add claim": (["add", "claim", "--article", "a000-1", "--quote", "HAVANA, Cuba", "--date", "2017-02-30"],
                  ["add", "claim", "--article", "a000-1", "--quote", "HAVANA, Cuba", "--event", "no-such-event"],
                  ["add", "claim", "--article", "a000-1", "--quote", "HAVANA, Cuba"]),
    "add event": (["add", "event", "--id", "e", "--kind", "talks", "--name", "n", "--date", "2017-02-30"], None,
                  ["add", "event", "--id", "e", "--kind", "talks", "--name", "n"]),
    "import": (None, ["import", "-"], ["import", "-"]),
    "convert": (None, None, ["convert", "{store}", "{scratch}/copy.json"]),
    "init": (None, None, None),
    "edit claim": (["edit", "claim", "led-2017-12-12-held", "--date", "2017-02-30"],
                   ["edit", "claim", "no-such-id", "--text", "x"],
                   ["edit", "claim", "led-2017-12-12-held", "--text", "x"]),
    "edit event": (["edit", "event", "led-2017-12-12", "--date", "2017-02-30"],
                   ["edit", "event", "no-such-id", "--place", "x"],
                   ["edit", "event", "led-2017-12-12", "--place", "Washington, D.C."]),
    "edit article": (["edit", "article", "a000-1", "--published", "2017-02-30"],
                     ["edit", "article", "no-such-id", "--title", "x"],
                     ["edit", "article", "a000-1", "--title", "x"]),
    "retract claim": (None, ["retract", "claim", "no-such-id", "--reason", "r"],
                      ["retract", "claim", "led-2017-12-12-held", "--reason", "r"]),
    "retract evidence": (None, ["retract", "evidence", "no-such-id:1", "--reason", "r"],
                         ["retract", "evidence", "trafficking-meeting-2017-01-discussed:2", "--reason", "r"]),
    "review": (None, ["review", "--decisions", "-"], ["review", "--decisions", "-"]),
    "log": (None, ["log", "no-such-id"], ["log"]),
    "undo": (None, ["undo", "99"], ["undo"]),
    "redo": (None, ["redo", "99"], ["redo"]),
    "restore": (None, None, ["restore", "--yes"]),
    "export claimreview": (["export", "claimreview", "--since", "2017-02-30"],
                           ["export", "claimreview", "--event", "no-such-event"], ["export", "claimreview"]),
    "export sqlite": (["export", "sqlite", "{scratch}/r.db", "--until", "2017-02-30"],
                      ["export", "sqlite", "{scratch}/r.db", "--event", "no-such-event"],
                      ["export", "sqlite", "{scratch}/r.db"]),
    "export timeline": (["export", "timeline", "--since", "2017-02-30"],
                        ["export", "timeline", "--event", "no-such-event"], ["export", "timeline"]),
    "export html": (["export", "html", "{scratch}/h", "--since", "2017-02-30"],
                    ["export", "html", "{scratch}/h", "--event", "no-such-event"], ["export", "html", "{scratch}/h"]),
}
# a write naming a record that is not there is bad input: the record cannot be stored as given
REFERENCES = {"add claim", "import"}
INPUT = {"import": '{"text": "x", "event": "no-such-event", '
                   '"evidence": [{"article": "a000-1", "quote": "HAVANA, Cuba"}]}\n',
         "review": '{"id": "no-such-id", "decision": "accept"}\n'}
# the commands that read the article texts themselves: without their folder they cannot run
READ_TEXTS = {"check", "show", "add claim", "add article", "import", "edit claim", "export html"}
# what needs no store, or makes one
NO_STORE_NEEDED = {"init"}


def every_command():
    names = []
    for name in cli.list_commands(None):
        command = cli.get_command(None, name)
        if hasattr(command, "list_commands"):
            names.extend(f"{name} {sub}" for sub in command.list_commands(None))
        else:
            names.append(name)
    return names


def test_every_command_has_its_cases():
    assert sorted(COMMANDS) == sorted(every_command())


def test_the_readme_table_is_the_code_table():
    from usclet.errors import ExitStatus

    assert sorted(readme_table()) == sorted(int(status) for status in ExitStatus)


def _args(args, tmp_path, store=None):
    article = tmp_path / "article.txt"
    if not article.exists():
        article.write_text("Talks\n\nOn April 17, 2024, officials met in Havana.\n", encoding="utf-8")
    return [part.format(article=article, scratch=tmp_path, store=store or "") for part in args]


def _expect(run, args, db, code, case, name, input=None):
    table = readme_table()
    assert case in table[code], (code, case)
    result = run(*args, db=db, input=input if input is not None else INPUT.get(name, ""))
    assert result.exit_code == code, (name, case, args, result.output)
    assert result.stderr.startswith("usclet: ") and result.stderr.count("\n") == 1, (name, result.stderr)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_an_unknown_id_and_a_bad_date(name, run, store_copy, tmp_path):
    bad_date, unknown, _ = COMMANDS[name]
    if bad_date:
        _expect(run, _args(bad_date, tmp_path), store_copy, 2, BAD_DATE, name)
    if unknown:
        if name in REFERENCES:
            _expect(run, _args(unknown, tmp_path), store_copy, 2, UNKNOWN_REFERENCE, name)
        else:
            _expect(run, _args(unknown, tmp_path), store_copy, 1, UNKNOWN_ID, name)


@pytest.mark.parametrize("name", sorted(set(COMMANDS) - NO_STORE_NEEDED))
def test_a_missing_store(name, run, engine, tmp_path):
    missing = tmp_path / ("absent.db" if engine == "sqlite" else "absent.json")
    args = _args(COMMANDS[name][2], tmp_path, store=missing)
    _expect(run, args, missing, 3, NO_STORE, name)
    assert not missing.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["article.txt"]


@pytest.mark.parametrize("name", sorted(set(COMMANDS) - NO_STORE_NEEDED - {"restore"}))
def test_a_missing_articles_folder(name, run, store_copy, tmp_path):
    lonely = tmp_path / "far"
    lonely.mkdir()
    store = lonely / store_copy.name
    shutil.copy(store_copy, store)
    args = ["--articles", tmp_path / "nowhere"] + _args(COMMANDS[name][2], tmp_path, store=store)
    if name in READ_TEXTS:
        _expect(run, args, store, 3, NO_ARTICLES, name)
    else:
        result = run(*args, db=store, input=INPUT.get(name, ""))
        assert result.exit_code != 3, (name, result.output)  # what does not read the texts runs without them


def test_declining_restore_is_bad_input_not_nothing_found(run, store_copy, engine):
    if engine == "sqlite":
        pytest.skip("a SQLite store keeps no backup file")
    assert run("add", "claim", "--article", "a000-1", "--quote", "HAVANA, Cuba", db=store_copy).exit_code == 0
    store_copy.write_text("garbage", encoding="utf-8")
    declined = run("restore", db=store_copy, input="n\n")
    assert declined.exit_code == 2 and "not confirmed" in declined.stderr
    assert "a question answered no" in readme_table()[2]
    assert store_copy.read_text(encoding="utf-8") == "garbage"
