"""The store: where it is found, how it is written, and how a broken one is reported."""

import json
import shutil
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT, SEEDS, SHIPPED, run_usclet
from usclet import store as store_module
from usclet.errors import StoreError


def test_a_store_copied_with_its_seeds_folder_keeps_working(tmp_path):
    target = tmp_path / "elsewhere"
    target.mkdir()
    shutil.copy(SHIPPED, target / "mystore.json")
    shutil.copytree(SEEDS, target / "seeds")
    result = run_usclet("check", db=target / "mystore.json", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_store_copied_without_its_seeds_names_the_missing_files(tmp_path):
    shutil.copy(SHIPPED, tmp_path / "usclet.json")
    result = run_usclet("check", db=tmp_path / "usclet.json")
    assert result.returncode == 1
    assert "000_480317968ae99553.txt: missing" in result.stdout


def test_usclet_db_selects_the_store(store_copy, tmp_path):
    data = json.loads(store_copy.read_text(encoding="utf-8"))
    data["claims"] = {}
    store_copy.write_text(json.dumps(data), encoding="utf-8")
    result = run_usclet("list", "claims", env={"USCLET_DB": str(store_copy)})
    assert result.returncode == 1 and "no claims" in result.stderr


def test_the_installed_package_carries_its_store_and_seeds(tmp_path):
    """Installed elsewhere (not from this checkout), the shipped store still checks clean."""
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    assert build.returncode == 0, build.stderr
    [wheel] = tmp_path.glob("usclet-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert "usclet/shipped/data/usclet.json" in names
        assert "usclet/shipped/seeds/SHA256SUMS" in names
        archive.extractall(site)
    result = subprocess.run([sys.executable, "-m", "usclet", "check"], capture_output=True, text=True,
                            cwd=tmp_path, env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all match their sources" in result.stdout


def test_atomic_write_keeps_the_previous_version_as_backup(tmp_path):
    path = tmp_path / "s.json"
    store_module.create(path)
    first = path.read_bytes()
    store_module.write_atomically(path, '{"changed": true}')
    assert store_module.backup_path(path).read_bytes() == first
    assert json.loads(path.read_text()) == {"changed": True}
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_create_refuses_to_overwrite(store_copy):
    with pytest.raises(StoreError, match="already exists"):
        store_module.create(store_copy)


def test_transaction_writes_under_the_lock(store_copy):
    store = store_module.Store(store_copy)
    with store.transaction() as data:
        next(iter(data["claims"].values()))["text"] = "changed"
    assert store.claims[0]["text"] == "changed"
    assert store_module.backup_path(store_copy).exists()


def test_transaction_failure_leaves_the_store_as_it_was(store_copy):
    before = store_copy.read_bytes()
    store = store_module.Store(store_copy)
    with pytest.raises(RuntimeError):
        with store.transaction() as data:
            data["claims"].clear()
            raise RuntimeError("interrupted")
    assert store_copy.read_bytes() == before


CORRUPTIONS = {
    "truncated": lambda raw: raw[: len(raw) // 2],
    "not json": lambda raw: b"this is not json",
    "empty": lambda raw: b"",
    "wrong shape": lambda raw: b'{"claims": [1, 2, 3]}',
    "a list": lambda raw: b"[]",
    "future schema": lambda raw: raw.replace(b'"schema_version": 1', b'"schema_version": 99'),
    "not utf-8": lambda raw: b"\xff\xfe" + raw,
    "record without id": lambda raw: raw.replace(b'"id": "led-2017-12-12"', b'"ident": "led-2017-12-12"'),
}


@pytest.mark.parametrize("corruption", sorted(CORRUPTIONS))
@pytest.mark.parametrize("command", [["check"], ["list", "claims"], ["compare", "2017-12-12"], ["show", "a004-1"],
                                     ["sources", "--unverified"], ["timeline"], ["search", "Cuba"]])
def test_a_corrupt_store_exits_3_untouched(store_copy, corruption, command):
    store_copy.write_bytes(CORRUPTIONS[corruption](store_copy.read_bytes()))
    before = store_copy.read_bytes()
    result = run_usclet(*command, db=store_copy)
    assert result.returncode == 3, (result.stdout, result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(store_copy) in result.stderr
    assert "Traceback" not in result.stderr
    assert store_copy.read_bytes() == before


def test_corruption_message_gives_position_and_backup(store_copy):
    store_module.write_atomically(store_copy, store_copy.read_text(encoding="utf-8"))  # makes a backup
    store_copy.write_text('{"meta": ', encoding="utf-8")
    result = run_usclet("check", db=store_copy)
    assert "line 1, column 10" in result.stderr
    assert str(store_module.backup_path(store_copy)) in result.stderr


def test_future_schema_says_to_upgrade(store_copy):
    store_copy.write_bytes(CORRUPTIONS["future schema"](store_copy.read_bytes()))
    assert "upgrade usclet" in run_usclet("check", db=store_copy).stderr


def test_missing_store_exits_3(tmp_path):
    result = run_usclet("list", "claims", db=tmp_path / "absent.json")
    assert result.returncode == 3 and "no store at" in result.stderr


def test_store_that_is_a_folder_exits_3(tmp_path):
    result = run_usclet("list", "claims", db=tmp_path)
    assert result.returncode in (2, 3) and "Traceback" not in result.stderr


def test_tinydb_queries_the_store_and_writes_it_atomically(store_copy):
    from tinydb import Query

    from usclet.store import Store, backup_path

    db = Store(store_copy).tinydb()
    claim = Query()
    assert len(db.table("claims").search(claim.id == "led-2017-12-12-held")) == 1
    db.table("events").update({"place": "Washington"}, claim.id == "led-2017-12-12")
    assert backup_path(store_copy).exists()  # written through the atomic storage, backup kept
    assert Store(store_copy).get("led-2017-12-12")[1]["place"] == "Washington"
