"""The shell helps: completion of commands and of the record's ids (bash, zsh, fish, run as
the shells run it, through click's environment variables), and progress bars on a terminal only."""

import os

import pytest

from conftest import ROOT, SEEDS, on_terminal, open_store, run_usclet
from usclet.store import create

pytestmark = pytest.mark.usefixtures("engine")


def complete(shell, words, env=None):
    """What `shell` would offer for the last of `words` (the line typed so far)."""
    cword = len(words) - 1
    variables = {"_USCLET_COMPLETE": f"{shell}_complete", "COMP_WORDS": " ".join(words),
                 "COMP_CWORD": words[-1] if shell == "fish" else str(cword)}
    result = run_usclet(env={**variables, **(env or {})})
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line]
    if shell == "bash":
        return [line.split(",", 1)[1] for line in lines]
    if shell == "fish" and lines and "," in lines[0]:  # click before 8.4: "type,value<TAB>help" a line
        return [line.split(",", 1)[1].split("\t")[0] for line in lines]
    return [lines[i + 1] for i in range(0, len(lines), 3)]  # type, value, help: three lines each


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completes_ids_from_the_store(shell):
    store = open_store(os.environ.get("USCLET_DB") or ROOT / "data" / "usclet.json")
    events = [event["id"] for event in store.events()]
    claims = [claim["id"] for claim in store.claims()]
    articles = [article["id"] for article in store.articles()]
    store.close()
    assert complete(shell, ["usclet", "show", "led-2017-12"]) == [i for i in events + claims if i.startswith("led-2017-12")]
    assert complete(shell, ["usclet", "show", "a00"]) == [i for i in articles if i.startswith("a00")]
    assert complete(shell, ["usclet", "export", "timeline", "--event", "led-"]) == [i for i in events if i.startswith("led-")]
    assert complete(shell, ["usclet", "compare", "mou"]) == [i for i in events if i.startswith("mou")]
    assert complete(shell, ["usclet", "conflicts", "--event", "led-2024"]) == [i for i in events if i.startswith("led-2024")]
    assert set(complete(shell, ["usclet", "export", ""])) == {"claimreview", "sqlite", "timeline", "html"}


def test_completion_reads_the_store_given_with_db(tmp_path):
    empty = tmp_path / "empty.json"
    create(empty).close()
    assert complete("bash", ["usclet", "--db", str(empty), "show", "led"]) == []
    assert complete("bash", ["usclet", "--db", str(tmp_path / "missing.json"), "show", "led"]) == []


def test_completion_scripts_for_each_shell():
    for shell in ("bash", "zsh", "fish"):
        result = run_usclet(env={"_USCLET_COMPLETE": f"{shell}_source"})
        assert result.returncode == 0 and "_USCLET_COMPLETE" in result.stdout


# -- progress ----------------------------------------------------------------------------------

def big_store(path, claims=1500):
    """A store with many claims (copies of one shipped claim), its seeds beside it."""
    import shutil

    shutil.copytree(SEEDS, path.parent / "seeds")
    shipped = open_store(ROOT / "data" / "usclet.json")
    meta, articles, events, model = dict(shipped.meta()), shipped.articles(), shipped.events(), shipped.claims()[0]
    shipped.close()
    store = create(path, meta)
    with store.transaction() as tx:
        tx.insert("articles", articles)
        tx.insert("events", events)
        tx.insert("claims", [{**model, "id": f"copy-{number}", "conflicts_with": []} for number in range(claims)])
    store.close()
    return path


@pytest.mark.parametrize("engine", ["json"], indirect=True)
def test_progress_bar_on_a_terminal_only(tmp_path):
    source = big_store(tmp_path / "big.json")
    status, _, stderr = on_terminal(["convert", source, tmp_path / "big.db"], tmp_path)
    assert status == 0, stderr
    assert "writing" in stderr and "━" in stderr  # rich's bar
    status, _, stderr = on_terminal(["--db", source, "export", "sqlite", tmp_path / "out.db"], tmp_path)
    assert status == 0 and "━" in stderr
    quiet = on_terminal(["--db", source, "export", "sqlite", tmp_path / "out.db", "--quiet"], tmp_path)
    assert quiet[0] == 0 and quiet[2] == ""
    piped = run_usclet("--db", source, "export", "sqlite", tmp_path / "out2.db")
    assert piped.returncode == 0 and "━" not in piped.stderr and "\x1b" not in piped.stderr
    assert piped.stderr.startswith("wrote ")
    piped = run_usclet("convert", source, tmp_path / "again.db")
    assert piped.returncode == 0 and "━" not in piped.stderr
