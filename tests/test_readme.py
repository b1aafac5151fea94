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
    assert first_block == ["pip install -e . && usclet list dialogues", "pip install -e '.[test]' && python -m pytest -q"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -q -e '.[test]'" in ci and "python -m pytest -q" in ci


def test_every_command_is_documented():
    text = README.read_text(encoding="utf-8")
    for name in cli.list_commands(None):
        assert f"usclet {name}" in text, name
