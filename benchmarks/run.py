"""Times usclet as a user runs it, beside what a user would otherwise run, in one go.

    python benchmarks/run.py                 # the large store: 1,000 articles, 100,000 claims, 5,000 events
    python benchmarks/run.py --articles 10 --claims 100 --events 10 --runs 1    # a quick try

Generates the large store under benchmarks/out/ (or reuses it when it was generated
with the same parameters by the same generator), then runs each command as a fresh
process: one warm-up, then the median of --runs timed runs. Peak memory is each
child's maximum resident set size. Baselines are measured in the same run:
`python -c "import click"` for start-up, and jq running the same filter over the
same store file for `sources --unverified` and `compare`. Prints a Markdown table.
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
JQ_UNVERIFIED = (
    "[.claims[] | ([.evidence[].origin] | unique) as $origins | select($origins | length == 1)"
    " | . + {sources: $origins}] | sort_by(.date)"
)
JQ_COMPARE = (
    "(.claims | [.[] | select(.event != null)] | group_by(.event) | map({key: .[0].event, value: .}) | from_entries)"
    " as $claims | [.events[] | select(.date != null and (.date | startswith($period)))] | sort_by(.date)"
    " | map(. as $event | ($claims[$event.id] // []) as $mine | {event: $event, accounts: {"
    "us: [$mine[] | select(any(.evidence[]; .side == \"us\"))],"
    " cuba: [$mine[] | select(any(.evidence[]; .side == \"cuba\"))],"
    " independent: [$mine[] | select(any(.evidence[]; .side == \"independent\"))]}})"
)


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
    return [(statistics.median(t), max(p)) for t, p in zip(times, peaks)]


def generator_fingerprint():
    return hashlib.sha256((ROOT / "benchmarks" / "generate.py").read_bytes()).hexdigest()[:16]


def ensure_store(out, articles, claims, events):
    """The large store, generated again unless `out` holds one made with the same parameters."""
    wanted = {"articles": articles, "claims": claims, "events": events, "seed": generate.SEED,
              "generator": generator_fingerprint()}
    params = out / "params.json"
    if params.exists() and (out / "usclet.json").exists():
        try:
            if json.loads(params.read_text(encoding="utf-8")) == wanted:
                return out / "usclet.json", False
        except ValueError:
            pass
    if out.exists():
        shutil.rmtree(out)
    path = generate.generate(out, articles, claims, events, progress=lambda m: print(m, file=sys.stderr))
    for leftover in (out / "usclet.json.bak", out / "usclet.json.lock"):
        leftover.unlink(missing_ok=True)
    params.write_text(json.dumps(wanted) + "\n", encoding="utf-8")
    return path, True


def import_lines(store_path, count):
    """`count` claims of the store as a user would import them again: no ids, quotes with offsets."""
    data = json.loads(store_path.read_text(encoding="utf-8"))
    lines = []
    for claim in list(data["claims"].values())[:count]:
        entry = {k: v for k, v in claim.items() if k not in ("id", "conflicts_with")}
        entry["evidence"] = [{k: v for k, v in item.items() if k != "file"} for item in claim["evidence"]]
        lines.append(json.dumps(entry, ensure_ascii=False))
    return "\n".join(lines) + "\n", data


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


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--import-claims", type=int, default=10_000, help="claims in the timed import batch")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per figure, after one warm-up")
    parser.add_argument("--out", type=Path, default=None, help="where the large store is kept (default: benchmarks/out/)")
    args = parser.parse_args(argv)
    if min(args.articles, args.claims, args.events, args.runs, args.import_claims) < 1:
        parser.error("sizes and --runs must be at least 1")
    out = args.out or generate.DEFAULT_OUT / f"a{args.articles}-c{args.claims}-e{args.events}"
    started = time.perf_counter()
    store, made = ensure_store(out, args.articles, args.claims, args.events)
    built = time.perf_counter() - started
    size = store.stat().st_size
    usclet = usclet_command()
    jq = shutil.which("jq")
    runs = args.runs
    rows = []

    def row(name, result, baseline=None, baseline_name="", target=None, limit=None, memory=False):
        seconds, peak = result
        ratio = seconds / baseline[0] if baseline else None
        if target == "ratio" and ratio is None:
            met, goal = None, f"≤ {limit}x (no baseline: jq not found)"
        elif target == "ratio":
            met, goal = ratio is not None and ratio <= limit, f"≤ {limit}x"
        elif target == "seconds":
            met, goal = seconds < limit, f"< {limit:g} s"
        else:
            met, goal = None, ""
        memory_ratio = peak / size if memory else None
        rows.append((name, human_time(seconds), f"{baseline_name} {human_time(baseline[0])}" if baseline else "—",
                     f"{ratio:.2f}x" if ratio is not None else "—", goal, human_bytes(peak),
                     f"{memory_ratio:.2f}x" if memory_ratio is not None else "—",
                     ("yes" if met else "**no**") if met is not None else "—",
                     ("yes" if memory_ratio <= 3 else "**no**") if memory_ratio is not None else "—"))

    # start-up is short and noisy: more runs, taken in turn with the baseline's
    click_start, as_json, as_table = measure_side_by_side(
        [[sys.executable, "-c", "import click"], usclet + ["list", "dialogues", "--format", "json"],
         usclet + ["list", "dialogues"]], runs * 4)
    row("`usclet list dialogues --format json` (shipped store)", as_json, click_start, "`import click`", "ratio", 1.3)
    row("`usclet list dialogues` (table, shipped store)", as_table, click_start, "`import click`", "ratio", 2.0)

    big = usclet + ["--db", str(store)]
    sources = big + ["sources", "--unverified", "--format", "json"]
    compare = big + ["compare", COMPARE_PERIOD, "--format", "json"]
    if jq:
        jq_sources, ours = measure_side_by_side([[jq, JQ_UNVERIFIED, str(store)], sources], runs)
        row("`sources --unverified --format json`", ours, jq_sources, "jq", "ratio", 1.0, memory=True)
        jq_compare, ours = measure_side_by_side(
            [[jq, "--arg", "period", COMPARE_PERIOD, JQ_COMPARE, str(store)], compare], runs, ok=(0, 1))
        row(f"`compare {COMPARE_PERIOD} --format json`", ours, jq_compare, "jq", "ratio", 1.0, memory=True)
    else:
        row("`sources --unverified --format json`", measure(sources, runs), None, "", "ratio", 1.0, memory=True)
        row(f"`compare {COMPARE_PERIOD} --format json`", measure(compare, runs, ok=(0, 1)), None, "", "ratio", 1.0,
            memory=True)
    row("`check`", measure(big + ["check"], runs), target="seconds", limit=3, memory=True)

    lines, data = import_lines(store, args.import_claims)
    evidence = next(iter(data["claims"].values()))["evidence"][0]
    seed_text = (store.parent / "seeds" / evidence["file"]).read_text(encoding="utf-8")
    article = next(a for a in data["articles"].values() if a["id"] == evidence["article"])
    occurrence = seed_text.count(evidence["quote"], article["start"], evidence["start"]) + 1
    del data
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        copy = scratch / "usclet.json"
        (scratch / "seeds").symlink_to(store.parent / "seeds", target_is_directory=True)
        batch = scratch / "batch.jsonl"
        batch.write_text(lines, encoding="utf-8")

        def fresh_copy():
            shutil.copyfile(store, copy)

        fresh_copy()
        add = usclet + ["--db", str(copy), "add", "claim", "--article", evidence["article"], "--quote", evidence["quote"],
                        "--occurrence", str(occurrence), "--side", "cuba", "--origin", "Cuban Ministry of Foreign Affairs"]
        row("`add claim`", measure(add, runs), target="seconds", limit=1, memory=True)
        # the first add after the store was copied, restored or rewritten whole builds the index again
        cold_seconds, cold_peak = measure(add, runs, setup=lambda: Path(f"{copy}.index").unlink(missing_ok=True))
        row(f"`import` of {len(lines.splitlines()):,} claims, one batch",
            measure(usclet + ["--db", str(copy), "import", str(batch)], runs, setup=fresh_copy),
            target="seconds", limit=10, memory=True)

    print(f"usclet benchmark, {time.strftime('%Y-%m-%d')}: {machine()}")
    print(f"store: {args.articles:,} article files, {args.claims:,} claims, {args.events:,} events; "
          f"{human_bytes(size)} ({'generated in ' + human_time(built) if made else 'reused'}); "
          f"median of {runs} runs after a warm-up ({runs * 4} for start-up), each in a fresh process")
    print()
    headers = ("Command", "usclet", "Baseline", "Ratio", "Target", "Peak memory", "Memory / store file",
               "Met", "Memory ≤ 3x")
    print("| " + " | ".join(headers) + " |")
    print("|" + "|".join("---" for _ in headers) + "|")
    for cells in rows:
        print("| " + " | ".join(cells) + " |")
    print()
    print(f"`add claim` with its index to build first (the store copied, restored or rewritten whole since): "
          f"{human_time(cold_seconds)}, peak memory {human_bytes(cold_peak)} ({cold_peak / size:.2f}x the store file)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
