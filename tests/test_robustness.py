"""The store never loses data, and bad input never gets through."""

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, load, on_terminal, run_usclet
from usclet.record.check import check_store
from usclet.store import open_store as Store

pytestmark = pytest.mark.usefixtures("engine")  # every test on each engine

QUOTE = "HAVANA, Cuba"  # in a000-1


def claim_count(path):
    return len(load(path)["claims"])


# --- concurrency ------------------------------------------------------------------------

def test_eight_processes_adding_25_claims_each_all_land(store_copy):
    before = claim_count(store_copy)
    script = (
        'for j in $(seq 1 25); do usclet add claim --article a000-1 --quote "{quote}" --id p{i}-$j '
        '--text "claim $j of writer {i}" >/dev/null || exit 1; done'
    )
    env = {"USCLET_DB": str(store_copy), "USCLET_LOCK_TIMEOUT": "60"}
    prelude = f'usclet() {{ "{sys.executable}" -m usclet "$@"; }}; '
    writers = [
        subprocess.Popen(["bash", "-c", prelude + script.format(quote=QUOTE, i=i)], env={**os.environ, **env},
                         stderr=subprocess.PIPE, text=True)
        for i in range(8)
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
    ids = {claim["id"] for claim in load(store_copy)["claims"].values()}
    assert claim_count(store_copy) == before + 200
    assert {f"p{i}-{j}" for i in range(8) for j in range(1, 26)} <= ids
    assert check_store(Store(store_copy)) == []


def test_a_lock_not_obtained_in_time_exits_3_naming_the_lock(store_copy, engine):
    import fcntl

    if engine == "sqlite":
        pytest.skip("a SQLite store is locked by its own transactions: tested in test_store")

    lock = open(str(store_copy) + ".lock", "a")
    fcntl.flock(lock, fcntl.LOCK_EX)
    try:
        before = store_copy.read_bytes()
        result = run_usclet("add", "claim", "--article", "a000-1", "--quote", QUOTE, db=store_copy,
                            env={"USCLET_LOCK_TIMEOUT": "0.3"})
        assert result.returncode == 3
        assert f"{store_copy}.lock" in result.stderr
        assert store_copy.read_bytes() == before
        # readers need no lock
        assert run_usclet("list", "claims", "--format", "json", db=store_copy).returncode == 0
    finally:
        lock.close()


# --- crashes ----------------------------------------------------------------------------

def _batch(size):
    return "".join(
        json.dumps({"id": f"batch-{n}", "text": f"batch claim {n}",
                    "evidence": [{"article": "a004-1", "quote": "December 12", "occurrence": 1,
                                  "side": "independent", "origin": "test"}]}) + "\n"
        for n in range(size)
    )


def test_sigkill_during_import_leaves_all_or_nothing(store_copy, tmp_path):
    batch = tmp_path / "batch.jsonl"
    size = 3000
    batch.write_text(_batch(size), encoding="utf-8")
    before = claim_count(store_copy)
    started = time.monotonic()
    run_usclet("import", batch, db=store_copy)
    full_run = time.monotonic() - started
    assert claim_count(store_copy) == before + size
    restored = load(store_copy)
    restored["claims"] = {k: v for k, v in restored["claims"].items() if not v["id"].startswith("batch-")}
    store_copy.write_text(json.dumps(restored, ensure_ascii=False), encoding="utf-8")

    rng = random.Random(20261122)
    for _ in range(12):
        process = subprocess.Popen([sys.executable, "-m", "usclet", "--db", str(store_copy), "import", str(batch)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, full_run * 1.1))
        process.send_signal(signal.SIGKILL)
        process.wait()
        count = claim_count(store_copy)
        assert count in (before, before + size)
        assert check_store(Store(store_copy)) == []
        if count != before:  # undo, to test the next kill from the same start
            data = load(store_copy)
            data["claims"] = {k: v for k, v in data["claims"].items() if not v["id"].startswith("batch-")}
            store_copy.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    # a kill mid-write leaves at most a stray temporary file, which the next write removes
    assert run_usclet("add", "claim", "--article", "a000-1", "--quote", QUOTE, db=store_copy).returncode == 0
    assert [p.name for p in store_copy.parent.iterdir() if p.name.endswith(".tmp")] == []


# --- write commands on a corrupt store ------------------------------------------------------

@pytest.mark.parametrize("corruption", ['{"meta": {"1": {"schema_version": 1}}, "claims": ', "[]",
                                        '{"meta": {"1": {"schema_version": 7}}}'])
@pytest.mark.parametrize("command", [
    ["add", "claim", "--article", "a000-1", "--quote", QUOTE],
    ["add", "article", "seeds/000_480317968ae99553.txt", "--title", "t"],
    ["import", "-"],
    ["restore", "--yes"],
])
def test_write_commands_refuse_a_corrupt_store(store_copy, command, corruption):
    store_copy.write_text(corruption, encoding="utf-8")
    before = store_copy.read_bytes()
    command = [str(store_copy.parent / part) if part.startswith("seeds/") else part for part in command]
    result = run_usclet(*command, db=store_copy, input=_batch(1))
    assert result.returncode == 3, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert store_copy.read_bytes() == before


def test_restore_brings_back_the_previous_version(store_copy, engine):
    if engine == "sqlite":
        pytest.skip("a SQLite store keeps no backup file to restore")
    before = store_copy.read_bytes()
    assert run_usclet("add", "claim", "--article", "a000-1", "--quote", QUOTE, db=store_copy).returncode == 0
    store_copy.write_text("garbage", encoding="utf-8")
    assert run_usclet("list", "claims", db=store_copy).returncode == 3
    refused = run_usclet("restore", db=store_copy, input="n\n")
    assert refused.returncode != 0 and store_copy.read_text(encoding="utf-8") == "garbage"
    result = run_usclet("restore", db=store_copy, input="y\n")
    assert result.returncode == 0, result.stderr
    assert store_copy.read_bytes() == before
    assert (store_copy.parent / "usclet.json.replaced").read_text(encoding="utf-8") == "garbage"


# --- bad input --------------------------------------------------------------------------

def _files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.bin").write_bytes(b"\x00\x01\x02text")
    (tmp_path / "latin1.txt").write_bytes("Cossío dijo".encode("latin-1"))
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:
        handle.truncate(6 * 1024 * 1024)
    return ["empty.txt", "binary.bin", "latin1.txt", "huge.txt", "absent.txt"]


@pytest.mark.parametrize("index", range(5))
def test_bad_article_files_are_refused(store_copy, tmp_path, index):
    name = _files(tmp_path)[index]
    before = store_copy.read_bytes()
    seeds_before = sorted(os.listdir(store_copy.parent / "seeds"))
    result = run_usclet("add", "article", tmp_path / name, "--title", "t", db=store_copy)
    assert result.returncode == 2, result.stderr
    assert name in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert store_copy.read_bytes() == before
    assert sorted(os.listdir(store_copy.parent / "seeds")) == seeds_before


@pytest.mark.parametrize("args, words", [
    (["add", "claim", "--article", "a000-1", "--quote", "not in the article"], "does not occur"),
    (["add", "claim", "--article", "a000-1", "--quote", "Obama waves to the crowd"], "occurs 2 times"),
    (["add", "claim", "--article", "a999-1", "--quote", QUOTE], "no article 'a999-1'"),
    (["add", "claim", "--article", "a000-1", "--quote", QUOTE, "--event", "nope"], "no event 'nope'"),
    (["add", "claim", "--article", "a000-1", "--quote", QUOTE, "--date", "2017-02-30"], "'2017-02-30'"),
    (["add", "claim", "--article", "a000-1", "--quote", QUOTE, "--id", "led-2017-12-12-held"], "already in the store"),
    (["add", "claim", "--article", "a000-1", "--quote", QUOTE, "--merge", "nope"], "merge names no claim"),
    (["add", "claim", "--article", "a000-1", "--quote", QUOTE, "--topic", "nonsense"], "'nonsense' is not one of"),
    (["add", "claim", "--article", "a000-1", "--quote", QUOTE, "--occurrence", "0"], "occurrence"),
    (["add", "claim", "--article", "a000-1", "--quote", QUOTE, "--date", "2018", "--end-date", "2017"], "before"),
    (["add", "claim", "--article", "a000-1", "--quote", QUOTE, "--merge", "led-2017-12-12-held", "--id", "x"],
     "cannot be combined with --id"),
])
def test_bad_claims_are_refused_and_the_store_untouched(store_copy, args, words):
    before = store_copy.read_bytes()
    result = run_usclet(*args, db=store_copy)
    assert result.returncode == 2, result.stderr
    assert words in result.stderr, result.stderr
    assert store_copy.read_bytes() == before


def test_an_ambiguous_quote_is_accepted_with_its_occurrence(store_copy):
    result = run_usclet("add", "claim", "--article", "a000-1", "--quote", "Obama waves to the crowd",
                        "--occurrence", "2", "--format", "json", db=store_copy)
    assert result.returncode == 0, result.stderr
    [claim] = json.loads(result.stdout)
    text = (store_copy.parent / "seeds" / claim["evidence"][0]["file"]).read_text(encoding="utf-8")
    assert text.find("Obama waves to the crowd") < claim["evidence"][0]["start"]


def test_import_is_all_or_nothing_naming_the_bad_line(store_copy):
    lines = _batch(3).splitlines()
    lines.insert(2, json.dumps({"text": "bad", "evidence": [{"article": "a004-1", "quote": "nowhere to be found"}]}))
    before = store_copy.read_bytes()
    result = run_usclet("import", "-", db=store_copy, input="\n".join(lines) + "\n")
    assert result.returncode == 2
    assert "standard input line 3" in result.stderr and "does not occur" in result.stderr
    assert store_copy.read_bytes() == before


@pytest.mark.parametrize("payload, words", [
    ("{not json\n", "line 1: not valid JSON"),
    ("", "holds no claims"),
    ('{"id": "x", "evidence": []}\n', "needs evidence"),
    ('{"id": "x", "bogus": 1, "evidence": []}\n', "unknown fields bogus"),
    ('[1, 2]', "must be a JSON object"),
    ('{"id": "batch-0", "evidence": [{"article": "a004-1", "quote": "December 12", "occurrence": 1}]}\n'
     '{"id": "batch-0", "evidence": [{"article": "a004-1", "quote": "December 12", "occurrence": 1}]}\n',
     "'batch-0' is already in the batch"),
])
def test_import_refuses_bad_batches(store_copy, payload, words):
    before = store_copy.read_bytes()
    result = run_usclet("import", "-", db=store_copy, input=payload)
    assert result.returncode == 2, result.stderr
    assert words in result.stderr
    assert store_copy.read_bytes() == before


def test_import_merge_grows_corroboration(store_copy):
    line = json.dumps({"merge": "led-2017-12-12-cda-fourth-led", "evidence": [
        {"article": "a004-1", "quote": "this meeting is part of the dialogue", "side": "cuba",
         "origin": "Cuban Ministry of Foreign Affairs", "speaker": "Cuba"}]})
    assert run_usclet("import", "-", db=store_copy, input=line).returncode == 2  # needs --merge
    result = run_usclet("import", "--merge", "-", db=store_copy, input=line)
    assert result.returncode == 0, result.stderr
    sources = json.loads(run_usclet("sources", "--format", "json", db=store_copy).stdout)
    [claim] = [c for c in sources if c["id"] == "led-2017-12-12-cda-fourth-led"]
    assert claim["sources"] == ["Center for Democracy in the Americas", "Cuban Ministry of Foreign Affairs"]


# --- property-based: any arguments, any input ----------------------------------------------

WORDS = ["list", "dialogues", "events", "claims", "articles", "sources", "show", "compare", "timeline", "search",
         "check", "add", "claim", "article", "import", "-", "restore", "--format", "json", "jsonl", "csv", "md",
         "table", "--since", "--until", "--side", "cuba", "us", "--topic", "migration", "--unverified", "--origin",
         "--article", "a000-1", "--quote", QUOTE, "--date", "2017-12", "Dec 2017", "led-2017-12-12", "--event",
         "--yes", "--help", "--version", "--merge", "--occurrence", "2", "0", "x"]
WRITES = {"add", "import", "restore"}


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(argv=st.lists(st.sampled_from(WORDS) | st.text(max_size=12), min_size=1, max_size=7),
       stdin=st.text(max_size=200) | st.just(_batch(1)))
def test_no_arguments_or_input_make_a_traceback(run, store_copy, argv, stdin):
    before = store_copy.read_bytes()
    result = run(*argv, db=store_copy, input=stdin)
    assert result.exit_code in (0, 1, 2, 3), (argv, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), (argv, result.exception)
    assert "Traceback" not in result.output
    if not (result.exit_code == 0 and WRITES & set(argv)):
        assert store_copy.read_bytes() == before, argv
    elif store_copy.read_bytes() != before:
        assert check_store(Store(store_copy)) == []
        store_copy.write_bytes(before)


# --- output safety --------------------------------------------------------------------------

HOSTILE = ("Hostile [bold red]markup[/bold red] and [link=http://evil.example]a link[/link]\n\n"
           "The ministry said \x1b[31mred\x1b[0m and \x1b]8;;http://evil.example\x07click\x1b]8;;\x07 "
           "rang \x07 and \x9b2J cleared on December 12, 2017.\n")
HOSTILE_ID = "a015-1"  # the next article after the shipped store's a014-1
FORBIDDEN = ["\x1b[31m", "\x1b]8;;http://evil", "\x07", "\x9b", "\x1b[0m"]


@pytest.fixture
def hostile_store(store_copy, tmp_path):
    article = tmp_path / "hostile.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    added = run_usclet("add", "article", article, "--title", "[blink]T[/blink]", "--format", "json", db=store_copy)
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)[0]["id"] == HOSTILE_ID
    quote = "The ministry said \x1b[31mred\x1b[0m and \x1b]8;;http://evil.example\x07click"
    result = run_usclet("add", "claim", "--article", HOSTILE_ID, "--quote", quote, "--event", "led-2017-12-12",
                        "--side", "cuba", "--origin", "[bold]Ministry[/bold]", "--text", "[bold red]markup[/] \x1b[2J",
                        "--id", "hostile", db=store_copy)
    assert result.returncode == 0, result.stderr
    return store_copy


@pytest.mark.parametrize("command", [
    ["show", "hostile"], ["show", HOSTILE_ID], ["list", "claims"], ["list", "articles"], ["list", "articles", "--format", "md"],
    ["compare", "2017-12-12"], ["search", "ministry"], ["sources", "--origin", "Ministry"],
])
def test_markup_is_shown_literally_and_no_escape_reaches_the_terminal(hostile_store, command):
    result = run_usclet(*command, db=hostile_store)
    assert result.returncode == 0, result.stderr
    assert "[bold" in result.stdout or "[blink]" in result.stdout
    for sequence in FORBIDDEN:
        assert sequence not in result.stdout, (command, sequence)
    assert "\x1b" not in result.stdout


def test_no_escape_from_articles_on_a_real_terminal(hostile_store):
    """Under a pseudo-terminal rich styles its own output; the article's sequences still never pass."""
    _, _, screen = on_terminal(["--db", hostile_store, "show", "hostile"], columns=120, stdout_too=True, timeout=10)
    assert "hostile" in screen
    assert "[bold red]markup[/]" in screen
    for sequence in ("\x1b[31m", "\x1b]8;;http://evil", "\x07", "\x9b", "\x1b[2J"):
        assert sequence not in screen, sequence  # rich's own styling codes are allowed; the article's are not
    assert "\\x1b[2J" in screen  # shown as text instead


def test_concurrent_article_adds_each_get_their_own_number(store_copy, tmp_path):
    files = []
    for i in range(4):
        path = tmp_path / f"new{i}.txt"
        path.write_text(f"Post {i}\n\nText number {i} about the dialogue.\n", encoding="utf-8")
        files.append(path)
    writers = [subprocess.Popen([sys.executable, "-m", "usclet", "--db", str(store_copy), "add", "article", str(path),
                                 "--title", path.stem], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
               for path in files]
    for writer in writers:
        _, err = writer.communicate(timeout=60)
        assert writer.returncode == 0, err
    titles = {a["title"] for a in load(store_copy)["articles"].values()}
    assert {f"new{i}" for i in range(4)} <= titles
    assert check_store(Store(store_copy)) == []


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 10**6) | st.text(max_size=12) | st.sampled_from(
        ["a000-1", "led-2017-12-12", "mou-2017-01-16-signed", "This past Monday", "us", "2017-12-12"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)
evidence_items = st.fixed_dictionaries({}, optional={
    key: json_values for key in ("article", "quote", "start", "end", "occurrence", "speaker", "side", "origin",
                                 "footnote")})
claim_lines = st.fixed_dictionaries({}, optional={
    **{key: json_values for key in ("id", "event", "date", "end_date", "date_text", "date_basis", "text", "topics",
                                    "facts", "conflicts_with", "merge", "review")},
    "evidence": st.lists(evidence_items, max_size=2) | json_values,
})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(claim_lines, min_size=1, max_size=3), st.booleans())
def test_import_of_any_json_lines_never_crashes_and_refusals_write_nothing(store_copy, run, lines, merge):
    before = store_copy.read_bytes()
    text = "\n".join(json.dumps(line) for line in lines)
    result = run("import", *(["--merge"] if merge else []), "-", db=store_copy, input=text)
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 2:
        assert store_copy.read_bytes() == before
        assert result.stderr.startswith("usclet: error: standard input") and result.stderr.count("\n") == 1
    else:
        store_copy.write_bytes(before)  # the next example starts from the same store


def test_import_refuses_standard_input_that_is_not_utf8(store_copy):
    from conftest import shell

    before = store_copy.read_bytes()
    result = shell(f"printf '\\xff\\xfe{{}}' | usclet --db {store_copy} import -")
    assert result.returncode == 2
    assert result.stderr == "usclet: error: standard input is not UTF-8 text (byte 0)\n"
    assert store_copy.read_bytes() == before


# --- events, and importing twice ---------------------------------------------------------

def test_add_event_then_claims_that_name_it(store_copy):
    added = run_usclet("add", "event", "--id", "led-2019-03-05", "--kind", "dialogue", "--date", "2019-03-05",
                       "--name", "U.S.–Cuba Law Enforcement Dialogue in Washington, D.C.",
                       "--place", "Washington, D.C.", "--participant", "us:Department of State", db=store_copy)
    assert added.returncode == 0 and "added event led-2019-03-05" in added.stdout, added.stderr
    event = next(e for e in load(store_copy)["events"].values() if e["id"] == "led-2019-03-05")
    assert (event["kind"], event["ordinal"], event["participants"]) == ("dialogue", None, {"us": ["Department of State"]})
    line = json.dumps({"event": "led-2019-03-05", "date": "2019-03-05", "text": "A claim about it.",
                       "evidence": [{"article": "a000-1", "quote": QUOTE, "side": "independent", "origin": "Impunity Watch"}]})
    assert run_usclet("import", "-", db=store_copy, input=line + "\n").returncode == 0
    assert run_usclet("check", db=store_copy).returncode == 0


@pytest.mark.parametrize("args, words", [
    (["--ordinal", "4"], "No such option"),
    (["--participant", "mars:x"], "SIDE:NAME"),
    (["--date", "2018-02-30"], "is not a date"),
])
def test_add_event_refuses_bad_input(store_copy, args, words):
    before = load(store_copy)
    result = run_usclet("add", "event", "--id", "e-1", "--kind", "talks", "--name", "n", *args, db=store_copy)
    assert result.returncode == 2 and words in result.stderr, result.stderr
    assert load(store_copy) == before


def test_import_takes_events_and_refuses_a_number_given_for_one(store_copy):
    event = {"type": "event", "id": "talks-2099", "kind": "talks", "name": "Talks", "date": "2099"}
    claim = {"event": "talks-2099", "text": "Talks were held.", "date": "2099",
             "evidence": [{"article": "a000-1", "quote": QUOTE, "origin": "Impunity Watch"}]}
    batch = json.dumps(event) + "\n" + json.dumps(claim) + "\n"
    assert run_usclet("import", "-", db=store_copy, input=batch).returncode == 0
    numbered = json.dumps(dict(event, id="talks-2098", ordinal=2)) + "\n"
    refused = run_usclet("import", "-", db=store_copy, input=numbered)
    assert refused.returncode == 2 and "settled by its sources" in refused.stderr


def test_importing_the_same_batch_twice_adds_nothing(store_copy, tmp_path):
    batch = tmp_path / "batch.jsonl"
    batch.write_text(_batch(3), encoding="utf-8")
    claims = [{k: v for k, v in json.loads(line).items() if k != "id"} for line in _batch(3).splitlines()]
    batch.write_text("".join(json.dumps(c) + "\n" for c in claims), encoding="utf-8")
    before = claim_count(store_copy)
    assert run_usclet("import", batch, db=store_copy).returncode == 0
    assert claim_count(store_copy) == before + 3
    again = run_usclet("import", batch, db=store_copy)  # the same claims, the same quotes: nothing new
    assert again.returncode == 0 and again.stdout.startswith("nothing changed: 3 lines already in the store")
    assert claim_count(store_copy) == before + 3


# --- who speaks in an article ------------------------------------------------------------

DEVCORPUS = ROOT / "tests" / "devcorpus"


@pytest.mark.parametrize("publisher, origin, side", [
    ("State Department", "U.S. Department of State", "us"),
    ("MINREX", "Cuban Ministry of Foreign Affairs", "cuba"),
    ("Havana Times", "Havana Times", "independent"),
])
def test_add_article_infers_whose_account_from_the_publisher(store_copy, publisher, origin, side):
    undated = run_usclet("add", "article", DEVCORPUS / "03-state-migration-talks-2022.txt", "--title", "t",
                         "--publisher", publisher, "--format", "json", db=store_copy)
    refused = run_usclet("add", "claim", "--article", json.loads(undated.stdout)[0]["id"], "--quote", "The United",
                         db=store_copy)
    assert refused.returncode == 2 and "add claim --said-on DATE" in refused.stderr  # every quote is dated
    added = run_usclet("add", "article", DEVCORPUS / "20-reuters-mou-signed-2017.txt", "--title", "t",
                       "--publisher", publisher, "--published", "2017-09-15", "--format", "json", db=store_copy)
    assert added.returncode == 0, added.stderr
    post = json.loads(added.stdout)[0]
    assert (post["origin"], post["side"]) == (origin, side)
    claim = run_usclet("add", "claim", "--article", post["id"], "--quote", "Cuba and the United States on Monday signed",
                       "--text", "The memorandum was signed.", "--format", "json", db=store_copy)
    item = json.loads(claim.stdout)[0]["evidence"][0]
    assert (item["origin"], item["side"]) == (origin, side)  # the release's own words are its account
    assert run_usclet("check", db=store_copy).returncode == 0


def test_add_article_side_and_origin_given_win_and_are_shown(store_copy):
    added = run_usclet("add", "article", DEVCORPUS / "06-minrex-third-round-2017.txt", "--title", "t",
                       "--publisher", "Cubasí", "--origin", "Cuban Ministry of Foreign Affairs", db=store_copy)
    assert added.returncode == 0, added.stderr
    assert "its own words: Cuban Ministry of Foreign Affairs (cuba), given" in added.stderr
    refused = run_usclet("add", "article", DEVCORPUS / "03-state-migration-talks-2022.txt", "--title", "t",
                         "--publisher", "State Department", "--side", "cuba", db=store_copy)
    assert refused.returncode == 0  # a publisher's side can be overridden when it is given
