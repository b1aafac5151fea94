"""The JSON engine: a TinyDB database in one JSON file, read and written through TinyDB.

TinyDB's own JSONStorage rewrites the file in place without a lock, so a crash can
leave half a file and two writers can lose each other's work. `AtomicJSONStorage` is
the fix TinyDB's design invites: a `Storage` that validates what it reads, keeps the
parsed file until the file changes (TinyDB reads its storage on every query), and
writes a temporary file that is fsynced and renamed over the store. A transaction
holds the writers' lock and collects its changes in TinyDB's `CachingMiddleware`, so
the file is written once, when the transaction succeeds.

The file is `{"meta": {"1": {...}}, "articles": {"1": {...}, ...}, "events": ...,
"claims": ...}` with two-space indentation and one field per line, so a change to the
record is a readable diff.
"""

import contextlib
import json
import os
import sys
from pathlib import Path

from tinydb import Query, TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.storages import Storage

from usclet import jsontext
from usclet.errors import BadInput, StoreError
from usclet.interrupts import committing
from usclet.store import contract
from usclet.store.base import KIND_OF, LOG_TABLE, TABLES, Store, Transaction, shape_problem
from usclet.store.collector import many_records
from usclet.store.filters import matches_claim, matches_event
from usclet.store.files import backup_path, locked, replace_atomically


def encode(data):
    """The file's bytes: one field per line, so that a change is a readable diff."""
    return jsontext.dumps(data) + b"\n"


def create(path, meta):
    data = {"meta": {"1": meta}}
    data.update((table, {}) for table in TABLES + (LOG_TABLE,))
    replace_atomically(path, encode(data), backup=False)


def _identity(stat):
    """What tells one version of the file from another: every write renames a new file in."""
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)


def _restore_hint(path):
    if backup_path(path).exists():
        return f"it is left untouched: restore the backup {backup_path(path)} with `usclet --db {path} restore`"
    return ("it is left untouched and has no backup to restore (one is kept from the first write on): "
            "put back a copy of your own, or start anew with `usclet init`")


def parse(path, raw):
    """The store file's data, validated in shape; StoreError says what is wrong and where."""
    restore = _restore_hint(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise StoreError(f"the store {path} is not UTF-8 text (byte {error.start}); {restore}") from None
    try:
        with many_records():
            data = json.loads(text)  # the standard parser: less memory than orjson, and its messages
    except json.JSONDecodeError as error:
        raise StoreError(f"the store {path} is not valid JSON (line {error.lineno}, column {error.colno}: "
                         f"{error.msg}); {restore}") from None
    problem = _data_problem(data)
    if problem:
        raise StoreError(f"the store {path} {problem}; {restore}")
    return data


def _data_problem(data):
    if not isinstance(data, dict):
        return "is not a usclet store (not a JSON object)"
    meta = data.get("meta")
    problem = shape_problem(meta.get("1") if isinstance(meta, dict) else None)
    if problem:
        return problem
    for table in TABLES:
        rows = data.get(table)
        if not isinstance(rows, dict) or not all(isinstance(row, dict) for row in rows.values()):
            return f"is not a usclet store (table {table!r} missing or malformed)"
        if not all(isinstance(row.get("id"), str) for row in rows.values()):
            return f"is not a usclet store (a record in {table!r} has no id)"
    log = data.get(LOG_TABLE, {})  # a store written before the change log has none
    if not isinstance(log, dict) or not all(isinstance(row, dict) for row in log.values()):
        return f"is not a usclet store (table {LOG_TABLE!r} malformed)"
    return None


class AtomicJSONStorage(Storage):
    """TinyDB storage: validated reads, kept until the file changes; atomic writes."""

    def __init__(self, path):
        self.path = path
        self._data = self._identity = None

    def read(self):
        try:
            handle = open(self.path, "rb")
        except FileNotFoundError:
            raise StoreError(f"no store at {self.path}; create one with `usclet init {self.path}`, "
                             "or give an existing one with --db PATH (or USCLET_DB)") from None
        except IsADirectoryError:
            raise StoreError(f"the store {self.path} is a folder, not a file") from None
        except OSError as error:
            raise StoreError(f"cannot read the store {self.path}: {error.strerror or error}") from None
        with handle:
            identity = _identity(os.fstat(handle.fileno()))
            if identity != self._identity:
                try:
                    raw = handle.read()
                except OSError as error:
                    raise StoreError(f"cannot read the store {self.path}: {error.strerror or error}") from None
                self._data, self._identity = parse(self.path, raw), identity
        return self._data

    def write(self, data):
        replace_atomically(self.path, encode(data))
        self._data, self._identity = data, _identity(os.stat(self.path))

    def forget(self):
        """Drops the parsed data (a failed transaction may have changed it in memory)."""
        self._data = self._identity = None


class JSONStore(Store):
    engine = "json"

    def __init__(self, path):
        super().__init__(path)
        self.storage = AtomicJSONStorage(self.path)
        self.db = TinyDB(storage=lambda: self.storage)
        self._index = self._indexed = None

    def meta(self):
        return self.db.table("meta").get(doc_id=1)

    def articles(self):
        return self.db.table("articles").all()

    def events(self, since=None, until=None, kinds=None):
        table = self.db.table("events", cache_size=0)
        if since is None and until is None and kinds is None:
            return table.all()
        return table.search(lambda event: matches_event(event, since, until, kinds))

    def claims(self, events=None, since=None, until=None, origin=None, article=None, source_count=None):
        table = self.db.table("claims", cache_size=0)
        if events is not None:
            events = set(events)
        filters = (events, since, until, origin, article, source_count)
        if all(value is None for value in filters):
            return table.all()
        if events is not None and not any(filters[1:]):
            return table.search(Query().event.one_of(events))
        return table.search(lambda claim: matches_claim(claim, *filters))

    def get(self, record_id):
        data = self.storage.read()
        if self._indexed is not data:
            # built once per version of the file: `check` and `import` ask for many ids
            self._index = {}
            for table in TABLES:
                for row in data[table].values():
                    self._index.setdefault(row["id"], (KIND_OF[table], row))
            self._indexed = data
        return self._index.get(record_id)

    def counts(self):
        data = self.storage.read()
        counts = {table: len(data[table]) for table in TABLES}
        counts["evidence"] = sum(len(claim.get("evidence") or ()) for claim in data["claims"].values())
        return counts

    def changes(self):
        return self.db.table(LOG_TABLE, cache_size=0).all()

    @contextlib.contextmanager
    def transaction(self, log=None):
        if not self.path.is_file():
            self.storage.read()  # says what is wrong (missing, a folder) before a lock file is made beside it
        with locked(self.path):
            cache = CachingMiddleware(lambda: self.storage)
            cache.WRITE_CACHE_SIZE = sys.maxsize  # written once, by flush(), at the end
            work = JSONTransaction(TinyDB(storage=cache))
            work.begin(self, log)
            try:
                yield work
                work.end()
                with committing():  # once the file is being replaced, Ctrl-C waits for it
                    cache.flush()
            except BaseException:
                self.storage.forget()
                raise
            finally:
                self.db.clear_cache()
                self._texts.clear()


class JSONTransaction(Transaction):
    def __init__(self, db):
        self.db = db
        self.meta = dict(db.table("meta").get(doc_id=1))
        self._index = None

    def _by_id(self):
        if self._index is None:
            self._index = {}
            for table in TABLES:
                for row in self.db.storage.read()[table].values():
                    self._index.setdefault(row["id"], (KIND_OF[table], row))
        return self._index

    def get(self, record_id):
        return self._by_id().get(record_id)

    def ids(self):
        return set(self._by_id())

    def articles(self):
        return self.db.table("articles").all()

    def records(self, table):
        return self.db.table(table, cache_size=0).all()

    def changes(self):
        return self.db.table(LOG_TABLE, cache_size=0).all()

    def _insert(self, table, records):
        records = [dict(record) for record in records]
        _refuse_invalid(table, records)
        self.db.table(table).insert_multiple(records)
        if self._index is not None:
            for record in records:
                self._index.setdefault(record["id"], (KIND_OF[table], record))

    def _replace(self, table, record):
        _refuse_invalid(table, [record])

        def replace_fields(document):
            document.clear()
            document.update(record)

        self.db.table(table).update(replace_fields, Query().id == record["id"])
        if self._index is not None:
            self._index[record["id"]] = (KIND_OF[table], record)

    def _delete(self, table, record_id):
        self.db.table(table).remove(Query().id == record_id)
        if self._index is not None:
            self._index.pop(record_id, None)

    def _append_log(self, entry):
        _refuse_invalid(LOG_TABLE, [entry])
        self.db.table(LOG_TABLE).insert(dict(entry))

    def finish(self):
        meta = self.meta
        _refuse_invalid("meta", [meta])

        def replace_meta(document):
            document.clear()
            document.update(meta)

        self.db.table("meta").update(replace_meta, doc_ids=[1])


def _refuse_invalid(table, records):
    """The file holds only what the record's schema allows: a record that breaks it is not written."""
    for record in records:
        problems = contract.problems(contract.KIND_OF_TABLE[table], record, f"{table} record {record.get('id')}")
        if problems:
            raise StoreError(f"not written: {problems[0]}")


def restore(path):
    """Puts the backup back in place of a store that cannot be read; the unreadable file is
    kept as `.replaced` (or `.replaced.N`: an earlier one is never overwritten).

    A store that reads is never replaced: its writes are taken back with `usclet undo`,
    which loses nothing, where putting back the backup would drop the last write. The
    backup must itself be a readable store, or nothing is changed.
    """
    path = Path(path)
    backup = backup_path(path)
    if not path.exists() and not backup.exists():  # said before the lock, which would leave a file beside nothing
        raise StoreError(f"there is no backup {backup} to restore (one is kept from the first write on); "
                         "put back a copy of your own, or start anew with `usclet init`")
    with locked(path):
        if path.exists():
            try:
                parse(path, path.read_bytes())
            except StoreError:
                pass
            else:
                raise BadInput(f"the store {path} reads fine, so it is not replaced by its backup; "
                               f"`usclet --db {path} log` shows its changes and `usclet --db {path} undo` "
                               "takes back the last one")
        if not backup.exists():
            raise StoreError(f"there is no backup {backup} to restore (one is kept from the first write on); "
                             "put back a copy of your own, or start anew with `usclet init`")
        raw = backup.read_bytes()
        parse(backup, raw)  # refuse to restore a backup that is itself broken
        if path.exists():
            kept = Path(str(path) + ".replaced")
            number = 0
            while kept.exists():
                number += 1
                kept = Path(f"{path}.replaced.{number}")
            os.replace(path, kept)
        replace_atomically(path, raw, backup=False)
    return backup
