"""Any sequence of writes, undos and redos keeps the record whole: a state machine over
add article, add event, add claim, import, edit, retract, undo and redo, on both engines,
through the real CLI (in-process). After every step `check` passes, and walking the
change log back from the record as it stands gives the record as it was after every
earlier step."""

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine, initialize, invariant, precondition, rule, run_state_machine_as_test,
)

from conftest import ROOT
from usclet.cli import cli
from usclet.store import open_store

# real articles, none of them a seed: (file, its publication date)
TEXTS = [("01-state-third-led-2017.txt", "2017-09-15"), ("06-minrex-third-round-2017.txt", "2017-12-13"),
         ("13-acn-led-2023.txt", "2023-01-19"), ("19-reuters-led-concluded-2023.txt", "2023-01-19")]
EVENT_IDS = ["led-2017-09-15", "led-2023-01-18", "talks-2017"]
EVENT_DATES = {"led-2017-09-15": "2017-09-15", "led-2023-01-18": "2023-01-18", "talks-2017": "2017"}
ENGINE = {"name": "json"}


def _state(path):
    """{(table, id): record} with null fields left out, whatever the engine."""
    store = open_store(path)
    try:
        found = {}
        for table in ("articles", "events", "claims"):
            for record in getattr(store, table)():
                found[(table, record["id"])] = {k: v for k, v in record.items() if v is not None}
        return found, store.changes()
    finally:
        store.close()


def _walk_back(state, log, down_to):
    """The record before every change numbered above `down_to`: each change's previous versions put back."""
    state = dict(state)
    for entry in reversed(log):
        if entry["number"] <= down_to:
            break
        for change in reversed(entry["records"]):
            if change["table"] == "meta":
                continue
            key = (change["table"], change["id"])
            if change["before"] is None:
                state.pop(key, None)
            else:
                state[key] = {k: v for k, v in change["before"].items() if v is not None}
    return state


class Record(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="usclet-states-"))
        self.path = self.folder / ("mine.db" if ENGINE["name"] == "sqlite" else "mine.json")
        self.runner = CliRunner()
        self.invoke("init", self.path, ok=True)
        self.posts = {}  # article id -> its text
        self.history = [(0, {})]  # (log length, record) after each step

    def teardown(self):
        shutil.rmtree(self.folder, ignore_errors=True)

    def invoke(self, *args, input=None, ok=False):
        result = self.runner.invoke(cli, ["--db", str(self.path)] + [str(a) for a in args], input=input,
                                    catch_exceptions=False)
        assert result.exit_code in (0, 1, 2), (args, result.output)
        assert "Traceback" not in result.output
        if ok:
            assert result.exit_code == 0, (args, result.stderr)
        return result

    def claims(self):
        state, _ = _state(self.path)
        return sorted(record_id for table, record_id in state if table == "claims")

    def events(self):
        state, _ = _state(self.path)
        return sorted(record_id for table, record_id in state if table == "events")

    def quote(self, data, article_id):
        """A run of words of the post, with the occurrence that makes it one passage."""
        text = self.posts[article_id]
        words = text.split()
        start = data.draw(st.integers(0, max(0, len(words) - 4)))
        quote = " ".join(words[start:start + data.draw(st.integers(3, 8))])
        if quote not in text:  # the words ran across a line break or double space
            return None, None
        position = data.draw(st.sampled_from([i for i in range(len(text)) if text.startswith(quote, i)]))
        occurrence = sum(1 for i in range(position) if text.startswith(quote, i)) + 1
        return quote, occurrence

    # -- writes ---------------------------------------------------------------------------

    @initialize(text=st.sampled_from(TEXTS))
    def first_article(self, text):
        self.add_article(text)  # claims need an article to quote: every run starts with one

    @rule(text=st.sampled_from(TEXTS))
    def add_article(self, text):
        name, published = text
        source = self.folder / name
        if not source.exists():
            shutil.copy(ROOT / "tests" / "devcorpus" / name, source)
        result = self.invoke("add", "article", source, "--title", name, "--publisher", "Havana Times",
                             "--published", published, "--format", "json")
        if result.exit_code == 0:
            for article in json.loads(result.stdout):
                body = (self.folder / "articles" / article["file"]).read_text(encoding="utf-8")
                self.posts[article["id"]] = body[article["start"]:article["end"]]

    @rule(event_id=st.sampled_from(EVENT_IDS))
    def add_event(self, event_id):
        self.invoke("add", "event", "--id", event_id, "--kind", "dialogue", "--name", "A meeting",
                    "--date", EVENT_DATES[event_id])

    @precondition(lambda self: self.posts)
    @rule(data=st.data())
    def add_claim(self, data):
        article_id = data.draw(st.sampled_from(sorted(self.posts)))
        quote, occurrence = self.quote(data, article_id)
        if quote is None:
            return
        args = ["add", "claim", "--article", article_id, "--quote", quote, "--occurrence", occurrence]
        events = self.events()
        if events and data.draw(st.booleans()):
            args += ["--event", data.draw(st.sampled_from(events)), "--date-note", "a test"]
        if data.draw(st.booleans()):
            args += ["--id", data.draw(st.sampled_from(["c1", "c2", "c3"]))]
        self.invoke(*args)

    @precondition(lambda self: self.posts)
    @rule(data=st.data())
    def import_lines(self, data):
        lines = []
        for _ in range(data.draw(st.integers(1, 2))):
            article_id = data.draw(st.sampled_from(sorted(self.posts)))
            quote, occurrence = self.quote(data, article_id)
            if quote is None:
                continue
            line = {"text": f"A claim quoting {quote}.",
                    "evidence": [{"article": article_id, "quote": quote, "occurrence": occurrence}]}
            claims = self.claims()
            if claims and data.draw(st.booleans()):
                line.update(action="conflict", match={"claim": data.draw(st.sampled_from(claims))})
            lines.append(json.dumps(line))
        if lines:
            self.invoke("import", "-", input="\n".join(lines) + "\n")

    @rule(data=st.data())
    def edit(self, data):
        claims, events = self.claims(), self.events()
        if claims and data.draw(st.booleans()):
            self.invoke("edit", "claim", data.draw(st.sampled_from(claims)), "--text", data.draw(
                st.sampled_from(["Officials met.", "The talks were held."])))
        elif events:
            self.invoke("edit", "event", data.draw(st.sampled_from(events)), "--place",
                        data.draw(st.sampled_from(["Havana", "Washington, D.C."])))

    @rule(data=st.data())
    def retract(self, data):
        claims = self.claims()
        if claims:
            self.invoke("retract", "claim", data.draw(st.sampled_from(claims)), "--reason", "a test")

    @rule(cascade=st.booleans(), by_number=st.booleans(), data=st.data())
    def undo(self, cascade, by_number, data):
        _, log = _state(self.path)
        args = ["undo"] + (["--cascade"] if cascade else [])
        if by_number and log:
            args.append(data.draw(st.sampled_from([entry["number"] for entry in log])))
        before = _state(self.path)[0]
        result = self.invoke(*args)
        if result.exit_code != 0:
            assert _state(self.path)[0] == before

    @rule(by_number=st.booleans(), data=st.data())
    def redo(self, by_number, data):
        _, log = _state(self.path)
        args = ["redo"]
        if by_number and log:
            args.append(data.draw(st.sampled_from([entry["number"] for entry in log])))
        before = _state(self.path)[0]
        result = self.invoke(*args)
        if result.exit_code != 0:
            assert _state(self.path)[0] == before

    # -- what must hold after every step ---------------------------------------------------

    @invariant()
    def record_is_whole_and_its_log_walks_back_to_every_earlier_state(self):
        result = self.invoke("check")
        assert result.exit_code == 0, result.output
        state, log = _state(self.path)
        numbers = len(log) and log[-1]["number"]
        if numbers != self.history[-1][0]:
            self.history.append((numbers, state))
        assert self.history[-1][1] == state  # nothing changed the record without a change in its log
        for down_to, earlier in self.history:
            assert _walk_back(state, log, down_to) == earlier, down_to


@pytest.mark.parametrize("engine_name", ["json", "sqlite"])
def test_any_writes_undos_and_redos_keep_the_record_whole(engine_name):
    ENGINE["name"] = engine_name
    run_state_machine_as_test(Record, settings=settings(
        max_examples=50, stateful_step_count=15, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]))
