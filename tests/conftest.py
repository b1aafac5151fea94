import json
import os
import pty
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from usclet.cli import cli
from usclet.store import create, open_store
from usclet.store.convert import convert

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "data" / "usclet.json"
SEEDS = ROOT / "seeds"
ADDED = ROOT / "data" / "articles"  # the texts added to the shipped store after the seeds
sys.path.insert(0, str(ROOT / "tools"))  # the developer scripts the tests run: curation, accuracy


ENGINES = ("json", "sqlite")
# the store a test's engine uses by default (USCLET_DB), for the subprocess helpers below
ACTIVE = {"db": None}


@pytest.fixture(scope="session")
def shipped_sqlite(tmp_path_factory):
    """The shipped store converted to SQLite, with its seeds beside it (read-only use)."""
    folder = tmp_path_factory.mktemp("shipped-sqlite")
    shutil.copytree(SEEDS, folder / "seeds")
    shutil.copytree(ADDED, folder / "articles")
    convert(open_store(SHIPPED), folder / "usclet.db")
    return folder / "usclet.db"


@pytest.fixture(params=ENGINES)
def engine(request, shipped_sqlite, monkeypatch):
    """Runs a test on each engine: on SQLite, the shipped store is its SQLite copy."""
    if request.param == "sqlite":
        monkeypatch.setenv("USCLET_DB", str(shipped_sqlite))
        ACTIVE["db"] = str(shipped_sqlite)
    yield request.param
    ACTIVE["db"] = None


@pytest.fixture
def shipped(engine, shipped_sqlite):
    """The shipped store's path on this test's engine (read-only use)."""
    return SHIPPED if engine == "json" else shipped_sqlite


@pytest.fixture
def store_copy(tmp_path, engine, shipped_sqlite):
    """A writable copy of the shipped store, on this test's engine, with its seeds and added
    articles beside it."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    shutil.copytree(ADDED, tmp_path / "articles")
    if engine == "json":
        shutil.copy(SHIPPED, tmp_path / "usclet.json")
        return tmp_path / "usclet.json"
    shutil.copy(shipped_sqlite, tmp_path / "usclet.db")
    return tmp_path / "usclet.db"


def is_sqlite(path):
    return Path(path).suffix == ".db"


def load(path):
    """The store's records as the JSON file holds them: {"meta": {"1": ...}, table: {doc id: record}}."""
    if not is_sqlite(path):
        return json.loads(Path(path).read_text(encoding="utf-8"))
    store = open_store(path)
    data = {"meta": {"1": dict(store.meta())}}
    for table, rows in (("articles", store.articles()), ("events", store.events()), ("claims", store.claims())):
        data[table] = {str(number): row for number, row in enumerate(rows, 1)}
    store.close()
    return data


def save(path, data):
    """Writes `data` (in load()'s shape) as the whole store at `path`, bypassing every check."""
    if not is_sqlite(path):
        Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        return
    for leftover in (Path(path), Path(str(path) + "-wal"), Path(str(path) + "-shm")):
        leftover.unlink(missing_ok=True)
    store = create(path, data["meta"]["1"])
    with store.transaction() as tx:
        for table in ("articles", "events", "claims"):
            tx.insert(table, list(data[table].values()))
    store.close()


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
    full_env.update({"USCLET_DB": ACTIVE["db"]} if ACTIVE["db"] else {})
    full_env.update(env or {})
    return subprocess.run(argv, input=input, capture_output=True, text=True, env=full_env, cwd=cwd, timeout=60)


def on_terminal(args, cwd=None, columns=100, stdout_too=False, timeout=60):
    """Runs `usclet` with stderr, and stdout if `stdout_too`, on a pseudo-terminal:
    (exit status, what was piped to stdout, what the terminal was shown)."""
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("USCLET_DB", "NO_COLOR")}
    env.update(COLUMNS=str(columns), TERM="xterm")
    process = subprocess.Popen([sys.executable, "-m", "usclet"] + [str(a) for a in args],
                               stdout=follower if stdout_too else subprocess.PIPE, stderr=follower, cwd=cwd, env=env)
    os.close(follower)
    seen = b""
    while select.select([leader], [], [], timeout)[0]:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed when the process ended
            break
        if not chunk:
            break
        seen += chunk
    out = b"" if stdout_too else process.stdout.read()
    process.wait(timeout=timeout)
    os.close(leader)
    return process.returncode, out, seen.decode("utf-8", "replace")


def shell(command, cwd=ROOT, env=None):
    """Runs a shell pipeline; `usclet` resolves to this checkout's module."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("USCLET_DB", "NO_COLOR", "COLUMNS")}
    full_env.update({"USCLET_DB": ACTIVE["db"]} if ACTIVE["db"] else {})
    full_env.update(env or {})
    prelude = f'usclet() {{ "{sys.executable}" -m usclet "$@"; }}; set -o pipefail; '
    return subprocess.run(["bash", "-c", prelude + command], capture_output=True, text=True, cwd=cwd,
                          env=full_env, timeout=120)
