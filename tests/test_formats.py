"""Every command that takes --format writes through the one format registry: each format
it accepts parses as that format, through the real CLI, with the documented exit status."""

import csv
import io
import json

import click
import click.testing
import pytest

from usclet.cli import cli
from usclet.render import output
from usclet.render.output import FORMATS

ARTICLE = ("HAVANA, April 18 (Havana Times) - U.S. and Cuban officials met in Washington, D.C. on "
           "April 17, 2024 for the Law Enforcement Dialogue. They discussed human smuggling, "
           "deportation flights and fugitives.\n")

# command -> (arguments, whether it runs on a fresh store of its own, exit status); the
# shipped record answers the questions, a fresh store takes the writes
COMMANDS = {
    "list": (["list", "events"], False, 0),
    "show": (["show", "led-2017-12-12"], False, 0),
    "compare": (["compare", "led-2017-12-12"], False, 0),
    "conflicts": (["conflicts"], False, 0),
    "sources": (["sources", "--since", "2017", "--until", "2017"], False, 0),
    "timeline": (["timeline", "--since", "2017", "--until", "2017"], False, 0),
    "search": (["search", "deportation"], False, 0),
    "check": (["check"], True, 0),
    "log": (["log"], True, 0),
    "extract": (["extract", "{dir}/talks.txt", "--article", "a000-1"], True, 0),
    "add article": (["add", "article", "{dir}/other.txt", "--title", "Other", "--published", "2024-05-02"], True, 0),
    "add event": (["add", "event", "--id", "led-2024-05-01", "--kind", "dialogue", "--name", "Second",
                   "--date", "2024-05-01"], True, 0),
    "add claim": (["add", "claim", "--article", "a000-1", "--quote", "deportation flights",
                   "--date", "2024-04-17", "--event", "led-2024-04-17"], True, 0),
    "import": (["import", "-"], True, 0),
    "edit claim": (["edit", "claim", "met", "--text", "Officials met."], True, 0),
    "edit event": (["edit", "event", "led-2024-04-17", "--name", "First dialogue"], True, 0),
    "edit article": (["edit", "article", "a000-1", "--title", "Talks held"], True, 0),
    "review": (["review", "--decisions", "-"], True, 0),
    "undo": (["undo"], True, 0),
    "redo": (["redo"], True, 0),
    "retract claim": (["retract", "claim", "met", "--reason", "too broad"], True, 0),
    "retract evidence": (["retract", "evidence", "second:1", "--reason", "the other words say it"], True, 0),
}
IMPORTED = "\n".join(json.dumps({"text": text, "evidence": [{"article": "a000-1", "quote": quote,
                                                              "speaker": "the author"}]})
                     for text, quote in (("Fugitives were discussed.", "fugitives"), ("Flights.", "deportation")))
NO_ROWS = {"check"}  # a sound store: no problem to list, the header alone
REFUSED = {("show", "csv"), ("show", "md")}  # one nested record has no columns: bad usage, exit 2


def _with_format(command):
    ctx = click.Context(cli)
    found = set()

    def walk(group, path):
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            if isinstance(command, click.Group):
                walk(command, path + [name])
            elif any(param.name == "fmt" for param in command.params):
                found.add(" ".join(path + [name]))

    walk(command, [])
    return found


def test_every_command_with_format_is_tried():
    assert _with_format(cli) == set(COMMANDS)


@pytest.fixture(scope="module")
def fresh_store(tmp_path_factory):
    """A store made by `usclet init` with one article, one event, two claims (one of two quotes)
and a change undone, copied per test."""
    folder = tmp_path_factory.mktemp("fresh")
    (folder / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "other.txt").write_text(ARTICLE.replace("April 17", "May 1"), encoding="utf-8")
    store = folder / "mine.json"
    for args in (["init", store],
                 ["--db", store, "add", "article", folder / "talks.txt", "--title", "Talks",
                  "--publisher", "Havana Times", "--published", "2024-04-18"],
                 ["--db", store, "add", "event", "--id", "led-2024-04-17", "--kind", "dialogue",
                  "--name", "Dialogue", "--date", "2024-04-17"],
                 ["--db", store, "add", "claim", "--article", "a000-1", "--date", "2024-04-17", "--event",
                  "led-2024-04-17", "--quote", "U.S. and Cuban officials met in Washington, D.C.", "--id", "met"],
                 ["--db", store, "add", "claim", "--article", "a000-1", "--date", "2024-04-17", "--event",
                  "led-2024-04-17", "--quote", "Law Enforcement Dialogue", "--id", "second"],
                 ["--db", store, "add", "claim", "--article", "a000-1", "--merge", "second", "--quote",
                  "human smuggling"],
                 ["--db", store, "import", "-"],
                 ["--db", store, "add", "event", "--id", "led-2024-06-01", "--kind", "dialogue",
                  "--name", "Later", "--date", "2024-06-01"],
                 ["--db", store, "undo"]):
        result = _invoke([str(a) for a in args], input=IMPORTED if "import" in args else None)
        assert result.exit_code == 0, result.stderr
    return folder


def _invoke(argv, input=None):
    return click.testing.CliRunner().invoke(cli, argv, input=input, catch_exceptions=False)


def _copy(folder, tmp_path):
    for path in folder.iterdir():
        if path.is_file():
            (tmp_path / path.name).write_bytes(path.read_bytes())
        else:
            (tmp_path / path.name).mkdir()
            for inner in path.iterdir():
                (tmp_path / path.name / inner.name).write_bytes(inner.read_bytes())
    return tmp_path / "mine.json"


def _decisions(db):
    """A decision on each proposed claim of the store: accept, edit, reject in turn."""
    proposed = json.loads(_invoke(db + ["list", "claims", "--status", "proposed", "--format", "json"]).stdout)
    decisions = ({"decision": "accept"}, {"decision": "edit", "text": "Fugitives."}, {"decision": "reject"})
    return "\n".join(json.dumps({"id": claim["id"], **decision}) for claim, decision in zip(proposed, decisions * 9))


def _parses(fmt, text, rows_expected=True):
    if fmt == "json":
        json.loads(text)
    elif fmt == "jsonl":
        lines = text.splitlines()
        assert (lines or not rows_expected) and all(isinstance(json.loads(line), (dict, list, str)) for line in lines)
    elif fmt == "csv":
        header, *rows = list(csv.reader(io.StringIO(text)))
        assert header and all(header) and (rows or not rows_expected) and all(len(row) == len(header) for row in rows)
    elif fmt == "md":
        header, rule, *rows = text.splitlines()
        cells = header.count(" | ") + 1
        assert header.startswith("| ") and rule == "|" + "|".join(["---"] * cells) + "|"
        assert (rows or not rows_expected) and all(row.startswith("| ") and row.endswith(" |") for row in rows)
    else:
        assert text.strip()


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", COMMANDS)
def test_each_format_of_each_command_parses(name, fmt, fresh_store, tmp_path):
    args, writes, status = COMMANDS[name]
    argv = [arg.replace("{dir}", str(tmp_path)) for arg in args] + ["--format", fmt]
    if writes:
        argv = ["--db", str(_copy(fresh_store, tmp_path))] + argv
    given = IMPORTED if name == "import" else _decisions(argv[:2]) if name == "review" else None
    result = _invoke(argv, input=given)
    if (name, fmt) in REFUSED:
        assert result.exit_code == 2 and not result.stdout
        return
    assert result.exit_code == status, result.stderr
    _parses(fmt, result.stdout, rows_expected=name not in NO_ROWS)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_global_format_reaches_the_registry_too(fmt):
    result = _invoke(["--format", fmt, "conflicts"])
    assert result.exit_code == 0, result.stderr
    _parses(fmt, result.stdout)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "md"])
def test_line_formats_write_each_row_before_the_next_is_made(fmt, capsys):
    seen = []

    def rows():
        for number in range(3):
            seen.append(capsys.readouterr().out)  # what was written before this row was made
            yield {"number": number, "text": f"row {number}"}

    output.write(fmt, rows(), [(lambda row: row["number"], "No."), (lambda row: row["text"], "Text")])
    assert all(f"row {number - 1}" in seen[number] for number in (1, 2))
