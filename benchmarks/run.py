"""Times usclet as a user runs it, on both engines, beside what a user would otherwise run, in one go.

    python benchmarks/run.py                 # the large store: 1,000 articles, 100,000 claims, 5,000 events
    python benchmarks/run.py --articles 10 --claims 100 --events 10 --runs 1    # a quick try

Generates the large store under benchmarks/out/ as JSON (through usclet's write path)
and converts it to SQLite with `usclet convert`, or reuses both when they were made
with the same parameters by the same generator. Then runs each command as a fresh
process: one warm-up, then the median of --runs timed runs, taken in turn with its
baseline; a ratio is the median of the ratios of runs taken in the same round. Peak memory is each child's maximum resident set size. Baselines:
`python -c "import click"` for `usclet --version` and reads of the shipped record (the
start-up every click tool pays); `usclet --version` for reads of the
large store; `jq '.claims | length'` on its JSON form for `sources --unverified`. `extract`
is also timed on one 4 MB paragraph (--paragraph-bytes), against 30 seconds.
Prints a Markdown table.
"""

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate  # noqa: E402

COMPARE_PERIOD = "2017-12"

def child_env():
    env = {k: v for k, v in os.environ.items() if k not in ("USCLET_DB", "NO_COLOR", "COLUMNS")}
    # Measure an installed usclet as users have it: with its bytecode cached, which
    # an environment that forbids writing bytecode would otherwise hide.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def usclet_command():
    script = Path(sys.executable).parent / "usclet"
    return [str(script)] if script.exists() else [sys.executable, "-m", "usclet"]


# Each command is started by this small helper, which forks, times and reaps it. Linux
# gives a child the peak memory of the process it was forked from, so the helper keeps
# that floor to a bare interpreter's, whatever the harness itself holds.
LAUNCHER = """
import os, sys, time
result, argv = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(argv[0], argv)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - start
with open(result, "w") as out:
    out.write(f"{elapsed} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""


def run_once(argv, ok=(0,)):
    """(seconds, peak resident set in bytes) of one fresh process."""
    with open(os.devnull, "rb") as given, tempfile.TemporaryFile() as errors, \
            tempfile.NamedTemporaryFile("r") as result:
        subprocess.run([sys.executable, "-c", LAUNCHER, result.name] + argv, stdin=given,
                       stdout=subprocess.DEVNULL, stderr=errors, env=child_env(), cwd=ROOT, check=True)
        elapsed, peak_kb, code = result.read().split()
        if int(code) not in ok:
            errors.seek(0)
            message = errors.read().decode("utf-8", "replace").strip().splitlines()[-1:] or ["(no message)"]
            raise SystemExit(f"benchmark: {' '.join(argv[:6])} ... exited {code}: {message[0]}")
    return float(elapsed), int(peak_kb) * 1024  # Linux reports kilobytes


def measure(argv, runs, ok=(0,), setup=None):
    """Median seconds and largest peak memory of `runs` runs after one warm-up."""
    return measure_side_by_side([argv], runs, ok, setup)[0]


def measure_side_by_side(commands, runs, ok=(0,), setup=None):
    """measure() for several commands, their runs taken in turn, so that a change in the
    machine's load while they run weighs on each alike."""
    times = [[] for _ in commands]
    peaks = [[] for _ in commands]
    for number in range(runs + 1):
        for index, argv in enumerate(commands):
            if setup:
                setup()
            seconds, peak = run_once(argv, ok)
            if number:  # the first run warms caches (bytecode, page cache) and is not counted
                times[index].append(seconds)
                peaks[index].append(peak)
    return [Figure(statistics.median(t), max(p), t) for t, p in zip(times, peaks)]


class Figure(tuple):
    """(median seconds, peak bytes) of a command's runs, keeping each run's seconds: a ratio to
    a baseline is the median of the ratios of runs taken in the same round, which a machine
    whose speed drifts while they run moves least."""

    def __new__(cls, seconds, peak, runs):
        figure = super().__new__(cls, (seconds, peak))
        figure.runs = runs
        return figure


def paired_ratio(result, baseline):
    if len(getattr(result, "runs", ())) == len(getattr(baseline, "runs", ())) > 0:
        return statistics.median(a / b for a, b in zip(result.runs, baseline.runs))
    return result[0] / baseline[0]


def generator_fingerprint():
    return hashlib.sha256((ROOT / "benchmarks" / "generate.py").read_bytes()).hexdigest()[:16]


def ensure_store(out, articles, claims, events):
    """The large store as JSON and as SQLite, generated again unless `out` holds both made with the
    same parameters by the same generator. Returns (json path, sqlite path, seconds taken or None)."""
    wanted = {"articles": articles, "claims": claims, "events": events, "seed": generate.SEED,
              "generator": generator_fingerprint()}
    params = out / "params.json"
    json_path, sqlite_path = out / "usclet.json", out / "usclet.db"
    if params.exists() and json_path.exists() and sqlite_path.exists():
        try:
            if json.loads(params.read_text(encoding="utf-8")) == wanted:
                return json_path, sqlite_path, None
        except ValueError:
            pass
    if out.exists():
        shutil.rmtree(out)
    started = time.perf_counter()
    generate.generate(out, articles, claims, events, progress=lambda m: print(m, file=sys.stderr))
    subprocess.run(usclet_command() + ["convert", str(json_path), str(sqlite_path)], check=True, env=child_env())
    for leftover in (out / "usclet.json.bak", out / "usclet.json.lock"):
        leftover.unlink(missing_ok=True)
    params.write_text(json.dumps(wanted) + "\n", encoding="utf-8")
    return json_path, sqlite_path, time.perf_counter() - started


def import_lines(store_path, count):
    """`count` claims of the store as a user would import them again: no ids, quotes with offsets."""
    data = json.loads(store_path.read_text(encoding="utf-8"))
    lines = []
    for claim in list(data["claims"].values())[:count]:
        entry = {k: v for k, v in claim.items() if k not in ("id", "conflicts_with")}
        entry["evidence"] = [{k: v for k, v in item.items() if k != "file"} for item in claim["evidence"]]
        lines.append(json.dumps(entry, ensure_ascii=False))
    evidence = next(iter(data["claims"].values()))["evidence"][0]
    article = next(a for a in data["articles"].values() if a["id"] == evidence["article"])
    return "\n".join(lines) + "\n", evidence, article, next(iter(data["claims"].values()))["id"]


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} CPUs; Python {platform.python_version()}; {platform.system()}"


def human_time(seconds):
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def human_bytes(size):
    return f"{size / 1e6:.0f} MB"


class Table:
    """The rows of the printed table: each figure beside its baseline, its ratio and its target."""

    HEADERS = ("Store", "Command", "usclet", "Baseline", "Ratio", "Target", "Met", "Peak memory")

    def __init__(self):
        self.rows = []

    def add(self, store, name, result, baseline=None, baseline_name="", limit=None, seconds_limit=None):
        seconds, peak = result
        ratio = paired_ratio(result, baseline) if baseline else None
        if limit is not None and ratio is not None:
            met, goal = ratio <= limit, f"≤ {limit}x"
        elif seconds_limit is not None:
            met, goal = seconds < seconds_limit, f"< {seconds_limit:g} s"
        else:
            met, goal = None, "—"
        self.rows.append((store, name, human_time(seconds),
                          f"{baseline_name} {human_time(baseline[0])}" if baseline else "—",
                          f"{ratio:.2f}x" if ratio is not None else "—", goal,
                          ("yes" if met else "**no**") if met is not None else "—", human_bytes(peak)))

    def print(self):
        print("| " + " | ".join(self.HEADERS) + " |")
        print("|" + "|".join("---" for _ in self.HEADERS) + "|")
        for cells in self.rows:
            print("| " + " | ".join(cells) + " |")


def shipped_figures(table, usclet, runs, shipped_sqlite):
    """Every read command on the shipped record, beside `python -c "import click"`, on both engines."""
    commands = [
        ("`--version`", ["--version"], 1.3),  # start-up alone: the command table, no command's module
        ("`list dialogues --format json`", ["list", "dialogues", "--format", "json"], 1.3),
        ("`list dialogues` (table)", ["list", "dialogues"], 2.0),
        ("`compare 2017-12-12 --format json`", ["compare", "2017-12-12", "--format", "json"], 1.3),
        ("`show led-2017-12-12-held --format json`", ["show", "led-2017-12-12-held", "--format", "json"], 1.3),
        ("`sources --unverified --format json`", ["sources", "--unverified", "--format", "json"], 1.3),
        ("`search deportation --format json`", ["search", "deportation", "--format", "json"], 1.3),
    ]
    for label, db in (("shipped JSON", []), ("shipped SQLite", ["--db", str(shipped_sqlite)])):
        results = measure_side_by_side([[sys.executable, "-c", "import click"]]
                                       + [usclet + db + argv for _, argv, _ in commands], runs * 4)
        for (name, _, limit), result in zip(commands, results[1:]):
            table.add(label, name, result, results[0], "`import click`", limit)


def large_figures(table, usclet, runs, engine, path, claim_id, jq, extract_target):
    """The large store on one engine: reads beside `usclet --version` and jq, writes against a time."""
    big = usclet + ["--db", str(path)]
    version = usclet + ["--version"]
    sqlite = engine == "SQLite"
    reads = [
        ("`list dialogues --format json`", big + ["list", "dialogues", "--format", "json"]),
        (f"`compare {COMPARE_PERIOD} --format json`", big + ["compare", COMPARE_PERIOD, "--format", "json"]),
        (f"`show {claim_id} --format json`", big + ["show", claim_id, "--format", "json"]),
    ]
    results = measure_side_by_side([version] + [argv for _, argv in reads], runs, ok=(0, 1))
    for (name, _), result in zip(reads, results[1:]):
        table.add(engine, name, result, results[0], "`usclet --version`", 1.5 if sqlite else None)
    sources = big + ["sources", "--unverified", "--format", "json"]
    if jq:
        jq_count, ours = measure_side_by_side([[jq, ".claims | length", str(path.with_suffix(".json"))], sources], runs)
        table.add(engine, "`sources --unverified --format json`", ours, jq_count, "`jq '.claims | length'`",
                  0.3 if sqlite else None)
    else:
        table.add(engine, "`sources --unverified --format json` (jq not found)", measure(sources, runs))
    # the fact-check loop's step: an article's sentences, their facts, matched against the whole record
    article_id, text = extract_target
    extract = big + ["extract", str(text), "--article", article_id, "--format", "jsonl"]
    if jq:
        jq_count, ours = measure_side_by_side([[jq, ".claims | length", str(path.with_suffix(".json"))], extract], runs)
        table.add(engine, "`extract --article` with matching", ours, jq_count, "`jq '.claims | length'`", 1.0)
    else:
        table.add(engine, "`extract --article` with matching (jq not found)", measure(extract, runs))
    table.add(engine, "`check`", measure(big + ["check"], runs), seconds_limit=10 if sqlite else None)


def long_paragraph(size):
    """A text of about `size` bytes that is one paragraph: the real sentences of the shipped
    texts, one after another, with no blank line (as a page copied without its breaks)."""
    sentences = []
    for folder in (ROOT / "seeds", ROOT / "data" / "articles"):
        for path in sorted(folder.glob("*.txt")):
            for line in path.read_text(encoding="utf-8").splitlines():
                line = " ".join(line.split())
                if len(line) > 80 and line.endswith(".") and not line.startswith("["):
                    sentences.append(line)
    chosen, total = [], 0
    while total < size:
        chosen.append(sentences[len(chosen) % len(sentences)])
        total += len(chosen[-1].encode("utf-8")) + 1
    return "U.S. and Cuba talks\n\n" + " ".join(chosen) + "\n"


def paragraph_figure(table, usclet, size):
    """`extract` on one long paragraph: its time grows linearly with the text (4 MB in under 30 s)."""
    with tempfile.TemporaryDirectory() as scratch:
        text = Path(scratch) / "paragraph.txt"
        text.write_text(long_paragraph(size), encoding="utf-8")
        argv = usclet + ["extract", str(text), "--publisher", "Reuters", "--format", "jsonl"]
        table.add("shipped JSON", f"`extract` of one {human_bytes(text.stat().st_size)} paragraph",
                  measure(argv, 1), seconds_limit=30)


def write_figures(table, usclet, runs, engine, path, lines, evidence, article):
    """`add claim` and a batch `import`, each on a fresh copy of the store."""
    folder = next(path.parent / name for name in ("seeds", "articles") if (path.parent / name / evidence["file"]).exists())
    seed_text = (folder / evidence["file"]).read_text(encoding="utf-8")
    occurrence = seed_text.count(evidence["quote"], article["start"], evidence["start"]) + 1
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        copy = scratch / path.name
        for name in ("seeds", "articles"):  # the seeds, and the texts added since
            if (path.parent / name).is_dir():
                (scratch / name).symlink_to(path.parent / name, target_is_directory=True)
        batch = scratch / "batch.jsonl"
        batch.write_text(lines, encoding="utf-8")

        def fresh_copy():
            shutil.copyfile(path, copy)

        add = usclet + ["--db", str(copy), "add", "claim", "--article", evidence["article"], "--quote", evidence["quote"],
                        "--occurrence", str(occurrence), "--side", "cuba", "--origin", "Cuban Ministry of Foreign Affairs"]
        sqlite = engine == "SQLite"
        table.add(engine, "`add claim`", measure(add, runs, setup=fresh_copy), seconds_limit=1 if sqlite else None)
        table.add(engine, f"`import` of {len(lines.splitlines()):,} claims, one batch",
                  measure(usclet + ["--db", str(copy), "import", str(batch)], runs, setup=fresh_copy),
                  seconds_limit=10)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--import-claims", type=int, default=10_000, help="claims in the timed import batch")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per figure, after one warm-up")
    parser.add_argument("--paragraph-bytes", type=int, default=4_000_000,
                        help="size of the one-paragraph text `extract` is timed on")
    parser.add_argument("--out", type=Path, default=None, help="where the large store is kept (default: benchmarks/out/)")
    args = parser.parse_args(argv)
    if min(args.articles, args.claims, args.events, args.runs, args.import_claims, args.paragraph_bytes) < 1:
        parser.error("sizes and --runs must be at least 1")
    out = args.out or generate.DEFAULT_OUT / f"a{args.articles}-c{args.claims}-e{args.events}"
    json_path, sqlite_path, built = ensure_store(out, args.articles, args.claims, args.events)
    usclet = usclet_command()
    jq = shutil.which("jq")
    table = Table()
    with tempfile.TemporaryDirectory() as scratch:
        shipped_sqlite = Path(scratch) / "usclet.db"
        subprocess.run(usclet + ["convert", str(ROOT / "data" / "usclet.json"), str(shipped_sqlite)], check=True,
                       env=child_env(), stderr=subprocess.DEVNULL)
        shipped_figures(table, usclet, args.runs, shipped_sqlite)
    paragraph_figure(table, usclet, args.paragraph_bytes)
    lines, evidence, article, claim_id = import_lines(json_path, args.import_claims)
    text = next(json_path.parent / name / evidence["file"] for name in ("seeds", "articles")
                if (json_path.parent / name / evidence["file"]).exists())
    for engine, path in (("JSON", json_path), ("SQLite", sqlite_path)):
        large_figures(table, usclet, args.runs, engine, path, claim_id, jq, (evidence["article"], text))
        write_figures(table, usclet, args.runs, engine, path, lines, evidence, article)

    print(f"usclet benchmark, {time.strftime('%Y-%m-%d')}: {machine()}")
    print(f"large store: {args.articles:,} article files, {args.claims:,} claims, {args.events:,} events; "
          f"JSON {human_bytes(json_path.stat().st_size)}, SQLite {human_bytes(sqlite_path.stat().st_size)} "
          f"({'generated in ' + human_time(built) if built else 'reused'}); median of {args.runs} runs after a "
          f"warm-up ({args.runs * 4} on the shipped store), each in a fresh process, taken in turn with its baseline")
    print()
    table.print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
