"""Ctrl-C at any moment, in real processes: one line on stderr, exit 130, the store as it was.

A process is interrupted while it imports (right after a given module has loaded, as
`python -X importtime` reports it on stderr), and at moments after, while it reads or
writes the store."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import ACTIVE, ROOT, load

MESSAGE = "usclet: interrupted; nothing was written"


def _batch(size):
    return "".join(json.dumps({"id": f"batch-{n}", "text": f"batch claim {n}",
                               "evidence": [{"article": "a004-1", "quote": "December 12", "occurrence": 1,
                                             "side": "independent", "origin": "test"}]}) + "\n" for n in range(size))


def interrupt(args, after_module, delay=0.0, cwd=ROOT):
    """Runs usclet, sends SIGINT `delay` seconds after `after_module` has been imported:
    (exit status, stderr without the import timings)."""
    env = {k: v for k, v in os.environ.items() if k not in ("USCLET_DB", "PYTHONDONTWRITEBYTECODE")}
    env.update({"USCLET_DB": ACTIVE["db"]} if ACTIVE["db"] else {})
    process = subprocess.Popen([sys.executable, "-X", "importtime", "-m", "usclet", *map(str, args)], cwd=cwd, env=env,
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines = []
    for line in process.stderr:
        lines.append(line)
        if line.startswith("import time:") and line.rstrip().endswith(f"| {after_module}".rstrip()) or \
                line.rstrip().split("|")[-1].strip() == after_module:
            break
    else:
        pytest.fail(f"{after_module} was never imported: {''.join(lines)[-500:]}")
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    rest = process.stderr.read()
    status = process.wait(timeout=60)
    said = [line for line in (''.join(lines) + rest).splitlines() if not line.startswith("import time:")]
    return status, said


@pytest.mark.parametrize("module, delay", [
    ("click", 0), ("click.core", 0), ("usclet.cli.options", 0), ("usclet.cli.read", 0),
    ("usclet.record.listings", 0), ("usclet.store.jsonfile", 0.02),
])
def test_interrupting_a_read_at_any_moment_is_one_line_and_130(engine, module, delay):
    if engine == "sqlite" and module == "usclet.store.jsonfile":
        module = "usclet.store.sqlite"
    status, said = interrupt(["list", "claims"], module, delay)
    assert (status, said) == (130, [MESSAGE])


@pytest.mark.parametrize("module, delay", [
    ("click", 0), ("usclet.cli.write", 0), ("usclet.record.ingest", 0), ("usclet.record.ingest", 0.05),
    ("usclet.record.ingest", 0.15),
])
def test_interrupting_an_import_leaves_the_store_untouched(store_copy, tmp_path, module, delay):
    batch = tmp_path / "batch.jsonl"
    batch.write_text(_batch(8000), encoding="utf-8")
    before = load(store_copy)
    status, said = interrupt(["--db", store_copy, "import", batch], module, delay)
    assert (status, said) == (130, [MESSAGE])
    assert load(store_copy) == before
    assert not [path.name for path in store_copy.parent.iterdir() if path.name.endswith(".tmp")]
