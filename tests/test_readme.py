"""README.md's examples are real output: each `$ usclet ...` block is run and compared.

    UPDATE_README=1 python -m pytest tests/test_readme.py   rewrites the outputs in place
"""

import os
import re

from conftest import ROOT, shell
from usclet.cli import cli

import pytest

pytestmark = pytest.mark.usefixtures("engine")  # every test on each engine

README = ROOT / "README.md"
BLOCK_RE = re.compile(r"```console\n(.*?)```", re.DOTALL)
EXAMPLE_ENV = {"COLUMNS": "80"}  # the width the README promises its listings fit


def examples(text):
    """(command, expected output, span of the output in the text) for each console block."""
    for block in BLOCK_RE.finditer(text):
        body = block.group(1)
        first, _, rest = body.partition("\n")
        assert first.startswith("$ "), f"console block must start with '$ ': {first!r}"
        yield first[2:], rest, (block.start(1) + len(first) + 1, block.end(1))


def run_example(command):
    result = shell(command, env=EXAMPLE_ENV)
    return "".join(line.rstrip() + "\n" for line in result.stdout.splitlines())


def test_readme_examples_are_real_output():
    text = README.read_text(encoding="utf-8")
    found = list(examples(text))
    assert len(found) >= 6
    if os.environ.get("UPDATE_README"):
        for command, _, (start, end) in reversed(found):
            text = text[:start] + run_example(command) + text[end:]
        README.write_text(text, encoding="utf-8")
        return
    for command, expected, _ in found:
        assert run_example(command) == expected, command


def test_readme_opens_with_the_two_setup_commands():
    text = README.read_text(encoding="utf-8")
    first_block = re.search(r"```(?:sh|bash)?\n(.*?)```", text, re.DOTALL).group(1).strip().splitlines()
    assert first_block == ["pip install -e . && usclet list dialogues", "pip install -e '.[test,web]' && python -m pytest -q"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -q -e '.[test,web]'" in ci and "python -m pytest -q" in ci
    assert "apt-get install -y -qq chromium" in ci  # the browser tests run in CI, never skip there


def test_every_command_is_documented():
    text = README.read_text(encoding="utf-8")
    for name in cli.list_commands(None):
        assert f"usclet {name}" in text, name


def as_json(*args):
    import json

    from conftest import run_usclet

    result = run_usclet(*args, "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def test_readme_figures_are_the_records():
    """Every figure the README's prose gives of the shipped record is what the commands say."""
    text = " ".join(README.read_text(encoding="utf-8").split())
    articles, events, claims = as_json("list", "articles"), as_json("list", "events"), as_json("list", "claims")
    sources = as_json("sources")
    undated = [claim for claim in claims if not claim.get("date")]
    figures = {
        r"holds (\d+) articles": [len(articles)],
        r"Its (\d+) events and (\d+) claims rest on (\d+) verbatim quotes":
            [len(events), len(claims), sum(len(claim["evidence"]) for claim in claims)],
        r"(\d+) of the claims rest on a single source, and `usclet conflicts` lists (\d+) disagreements":
            [sum(len(row["sources"]) == 1 for row in sources), len(as_json("conflicts"))],
        r"(\d+) claims have no date of their own; (\d+) of them have an exact appearance date, (\d+) \(.*?\) only "
        r"the earliest one, .*?, and (\d+) \(.*?\) only the latest":
            [len(undated), sum(all(item.get("said_on") for item in claim["evidence"]) for claim in undated),
             sum(any(item.get("said_on_earliest") for item in claim["evidence"]) for claim in undated),
             sum(any(item.get("said_on_latest") for item in claim["evidence"]) for claim in undated)],
    }
    for pattern, expected in figures.items():
        found = re.search(pattern, text)
        assert found, pattern
        assert [int(value) for value in found.groups()] == expected, pattern
