"""The benchmark generator and harness work, on a tiny size (the real run is not part of the suite)."""

import subprocess
import sys

from conftest import ROOT, run_usclet


def test_the_generated_store_passes_check(tmp_path):
    out = tmp_path / "store"
    generated = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--out", str(out),
                                "--articles", "6", "--claims", "60", "--events", "6"],
                               capture_output=True, text=True, timeout=120)
    assert generated.returncode == 0, generated.stderr
    result = run_usclet("check", db=out / "usclet.json")
    assert result.returncode == 0, result.stdout + result.stderr
    assert ", 6 events, 60 claims, " in result.stdout
    unverified = run_usclet("sources", "--unverified", "--format", "csv", db=out / "usclet.json")
    assert 0 < len(unverified.stdout.splitlines()) - 1 < 60  # some claims rest on one source, not all


def test_the_benchmark_prints_its_table(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--out", str(tmp_path / "bench"),
                             "--articles", "4", "--claims", "30", "--events", "4", "--import-claims", "10",
                             "--runs", "1", "--paragraph-bytes", "20000"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[3].startswith("| Store | Command | usclet | Baseline | Ratio |")
    rows = [line for line in lines if line.startswith("| ")][1:]  # after the header
    assert len(rows) == 14 + 1 + 2 * 8
    assert {row.split(" | ")[0] for row in rows} == {"| shipped JSON", "| shipped SQLite", "| JSON", "| SQLite"}
    assert any("paragraph" in row for row in rows)
    assert any("import click" in row for row in rows) and any("usclet --version" in row for row in rows)
