"""`extract` never proposes what `import` would refuse: every development-corpus text, added
to a copy of the shipped store with the publisher options its annotation gives (as
benchmarks/devcorpus.py extracts it), has every proposal imported as it stands, on both
engines. New texts of the corpus are picked up as they are added."""

import json
import re

import pytest

from conftest import ROOT

CORPUS = ROOT / "tests" / "devcorpus"
TEXTS = sorted(CORPUS.glob("[0-9][0-9]-*.txt"))


def publisher_options(meta):
    """--publisher (without the bracketed carrier), --side and --published, as a user gives them."""
    options = ["--publisher", re.sub(r"\s*\(.*\)\s*$", "", meta["publisher"]).strip(),
               "--side", meta["publisher_side"]]
    return options + (["--published", meta["published"]] if meta.get("published") else [])


def test_the_corpus_is_there():
    assert len(TEXTS) >= 27 and all(path.with_suffix(".json").exists() for path in TEXTS)


# A government's text, or state media relaying it, may also be added as that government's words
# ("--side cuba --origin 'Cuban Ministry of Foreign Affairs'"): its proposals must import too.
VOICES = {"us": "U.S. Department of State", "cuba": "Cuban Ministry of Foreign Affairs"}
CASES = [(path, False) for path in TEXTS] + [
    (path, True) for path in TEXTS
    if json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["publisher_side"] in VOICES]


@pytest.mark.parametrize("text, as_ministry", CASES,
                         ids=[path.stem + ("-as-ministry" if voice else "") for path, voice in CASES])
def test_every_proposal_of_a_corpus_text_imports(run, store_copy, text, as_ministry):
    meta = json.loads(text.with_suffix(".json").read_text(encoding="utf-8"))
    options = publisher_options(meta) + (["--origin", VOICES[meta["publisher_side"]]] if as_ministry else [])
    added = run("add", "article", text, "--title", meta["title"], *options, "--format", "json", db=store_copy)
    if added.exit_code == 2 and "--force" in added.stderr:  # a re-post of a stored text: added anyway
        added = run("add", "article", text, "--title", meta["title"], *options, "--force", "--format", "json",
                    db=store_copy)
    if added.exit_code == 2 and "(same text)" in added.stderr:  # this very file is in the store already
        articles = re.search(r"already in the store as (\S+)", added.stderr).group(1).split(",")
    else:
        assert added.exit_code == 0, added.stderr
        articles = [a["id"] for a in json.loads(added.stdout) if a["kind"] == "post"]
    for article in articles:
        proposed = run("extract", text, "--article", article, "--format", "jsonl", db=store_copy)
        assert proposed.exit_code in (0, 1), proposed.stderr
        if not proposed.stdout.strip():
            continue
        imported = run("import", "-", input=proposed.stdout, db=store_copy)
        assert imported.exit_code == 0, f"{text.name}: {imported.stderr}"
    checked = run("check", db=store_copy)
    assert checked.exit_code == 0, checked.stdout
