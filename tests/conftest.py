import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from usclet.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "data" / "usclet.json"
SEEDS = ROOT / "seeds"


@pytest.fixture
def shipped():
    """The shipped store's path (read-only use)."""
    return SHIPPED


@pytest.fixture
def store_copy(tmp_path):
    """A writable copy of the shipped store with its seeds folder beside it."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    shutil.copy(SHIPPED, tmp_path / "usclet.json")
    return tmp_path / "usclet.json"


def load(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def save(path, data):
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def records(data, table):
    return list(data[table].values())


@pytest.fixture
def run():
    """Invokes the CLI in-process; returns click's Result (stdout, stderr, exit_code)."""

    def invoke(*args, db=None, input=None, env=None):
        argv = (["--db", str(db)] if db else []) + [str(a) for a in args]
        runner = CliRunner()
        return runner.invoke(cli, argv, input=input, env=env, catch_exceptions=False)

    return invoke


def run_usclet(*args, db=None, input=None, env=None, cwd=None):
    """Runs `usclet` as a real process, exactly as a user's shell would."""
    argv = [sys.executable, "-m", "usclet"] + (["--db", str(db)] if db else []) + [str(a) for a in args]
    full_env = {k: v for k, v in os.environ.items() if k not in ("USCLET_DB", "NO_COLOR", "COLUMNS")}
    full_env.update(env or {})
    return subprocess.run(argv, input=input, capture_output=True, text=True, env=full_env, cwd=cwd, timeout=60)


def shell(command, cwd=ROOT, env=None):
    """Runs a shell pipeline; `usclet` resolves to this checkout's module."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("USCLET_DB", "NO_COLOR", "COLUMNS")}
    full_env.update(env or {})
    prelude = f'usclet() {{ "{sys.executable}" -m usclet "$@"; }}; set -o pipefail; '
    return subprocess.run(["bash", "-c", prelude + command], capture_output=True, text=True, cwd=cwd,
                          env=full_env, timeout=120)
