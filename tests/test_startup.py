"""Start-up: a command imports its own module and the layers it uses, nothing else. What a
command imports is pinned (not timed: a timed test measures the machine)."""

import json
import subprocess
import sys

import pytest

from conftest import ROOT

# runs usclet as its console script does, then prints the package's modules that were imported
PROBE = """
import json, runpy, sys
sys.argv = ["usclet"] + sys.argv[1:]
try:
    runpy.run_module("usclet", run_name="__main__")
except SystemExit:
    pass
sys.stderr.write(json.dumps(sorted(name for name in sys.modules if name.split(".")[0] == "usclet")))
"""

CORE = {"usclet", "usclet.cli", "usclet.cli.options", "usclet.dates", "usclet.errors", "usclet.interrupts",
        "usclet.render", "usclet.render.cells", "usclet.render.output",
        "usclet.jsontext"}  # the json writer of the one output registry (orjson itself only when it writes)
LIST_DIALOGUES = CORE | {
    "usclet.cli.filters", "usclet.cli.read", "usclet.cli.store", "usclet.jsontext", "usclet.model", "usclet.record",
    "usclet.record.identity", "usclet.record.listings", "usclet.render.listings", "usclet.store",
    "usclet.store.base", "usclet.store.collector", "usclet.store.contract", "usclet.store.factory", "usclet.store.files",
    "usclet.store.filters", "usclet.store.jsonfile",
    # a number given to two meetings, a meeting that may be another, who took part and how
    # each source spells them: the listing says so from the rest of the record
    "usclet.record.disputes", "usclet.record.agreement", "usclet.record.origins", "usclet.words",
    "usclet.record.history"}  # `list claims --all` reads the retracted claims from the change log


def imported(*args):
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=ROOT,
                            timeout=60, stdin=subprocess.DEVNULL)
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


def test_list_dialogues_imports_only_what_it_uses():
    assert imported("list", "dialogues", "--format", "json") == LIST_DIALOGUES
    assert imported("list", "dialogues") == LIST_DIALOGUES | {"usclet.render.tables"}  # rich draws the table


def test_version_imports_no_command_and_no_layer():
    assert imported("--version") == CORE


# the sentence splitter shows a quote in its sentence (show, the html report); nothing else of text/
SPLITTER = {"usclet.text", "usclet.text.corpus", "usclet.text.sentences"}


@pytest.mark.parametrize("args, module, layers, text", [
    (["show", "led-2017-12-12", "--format", "json"], "usclet.cli.show", {"usclet.record"}, SPLITTER),
    (["log", "--format", "json"], "usclet.cli.keep", {"usclet.record"}, set()),
    (["export", "timeline"], "usclet.cli.export", {"usclet.export", "usclet.record"}, SPLITTER),
])
def test_each_command_imports_its_own_module_only(args, module, layers, text):
    found = imported(*args)
    commands = {name for name in found if name.startswith("usclet.cli.") and name not in (
        "usclet.cli.options", "usclet.cli.completion", "usclet.cli.store", "usclet.cli.filters")}
    assert commands == {module}
    assert {name.split(".")[0] + "." + name.split(".")[1] for name in found if name.count(".")} >= layers
    assert {name for name in found if name.startswith("usclet.text")} <= text
